// Everything the engine keeps per source, the source itself (NtpSource or RefClockSource)
// included: one record per source id, so that adding a source is one insert and nothing about
// a source can be left behind in a map of its own.
#pragma once

#include "refclock/OffsetCalibrator.h"
#include "refclock/PulseLockProblem.h"
#include "refclock/RefClockSource.h"
#include "report/EngineSnapshot.h"
#include "sources/DelayQuantile.h"
#include "sources/NtpSource.h"
#include "sources/PollSampleFilter.h"
#include "sources/SampleTests.h"
#include "sources/SourceSelector.h"
#include "sources/SourceStatistics.h"

#include <memory>
#include <optional>

namespace s1 {

// What an NTP source's samples go through before its statistics.
struct NtpSampling
{
    SampleTestConfig tests;
    std::optional<DelayQuantile> delayQuantile; // with maxdelayquant
    std::optional<PollSampleFilter> filter;     // with filter N
};

struct SourceRecord
{
    SourceRecord(std::unique_ptr<NtpSource> source, const SourceStatisticsConfig &statisticsConfig)
        : ntp(std::move(source))
        , statistics(statisticsConfig)
    { }
    SourceRecord(std::unique_ptr<RefClockSource> source, const SourceStatisticsConfig &statisticsConfig)
        : refclock(std::move(source))
        , statistics(statisticsConfig)
    { }

    // Exactly one of the two is set.
    std::unique_ptr<NtpSource> ntp;
    std::unique_ptr<RefClockSource> refclock;
    SourceStatistics statistics;
    SourceState state = SourceState::Unusable;
    std::optional<char> selectionLetter; // selectdata's letter, once selection has run
    // The last selection's verdict with its figures, which the snapshot's reason explains.
    std::optional<SourceSelection> selection;
    // NTP: the newest reply's sample failed this test; cleared by a sample that passes.
    std::optional<SampleTestFailure> testFailure;
    // Pulse refclocks: why the newest refused pulse found no second; cleared by an accepted one.
    std::optional<PulseLockProblem> lockProblem;
    // NMEA, SOCK and SHM refclocks: their samples against a better selected source.
    std::optional<OffsetCalibrator> calibrator;
    // Running mean of the squared normalised prediction errors (see Engine::kMisfitWeight).
    double predictionMisfit = 0;
    std::optional<NtpSampling> sampling;             // NTP sources only
    std::optional<NtpExchangeSnapshot> lastExchange; // NTP: the last reply that ended a request
    bool addedAtRunTime = false;                     // by a command (`add server`), not the configuration
};

} // namespace s1
