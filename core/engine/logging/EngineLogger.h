// Builds the records of the chrony-format log files (`log measurements statistics tracking
// refclocks`) from what the engine did: a measured sample, updated statistics, a clock update,
// a refclock sample. The engine's steps call one method each and only measure, select and
// update; what goes into a record, and whether it is wanted at all, is decided here.
#pragma once

#include "clock/ClockDiscipline.h"
#include "config/EngineConfig.h"
#include "engine/EngineIo.h"
#include "logging/LogRecords.h"
#include "net/IpAddress.h"
#include "refclock/RefClockSource.h"
#include "sources/NtpSource.h"
#include "sources/SampleTests.h"
#include "sources/SourceSelector.h"
#include "sources/SourceStatistics.h"

#include <vector>

namespace s1 {

class EngineLogger
{
public:
    // Both must outlive the logger; the discipline puts times and offsets on our time scale.
    EngineLogger(const LoggingConfig &config, const ClockDiscipline &discipline);

    // A reply's sample of `source` went through the sample tests (measurements).
    // `interleaved`, `kernelTransmit`: how the sample was measured (the log's mode and TX columns).
    void sampleMeasured(const NtpSource &source, const SourceSample &sample, const SampleTestResults &tests,
                        bool interleaved = false, bool kernelTransmit = false, bool hardwareTransmit = false);
    // `stats` of a source took a sample taken at raw time `sampleTime` (statistics). A server
    // or peer is named by its address; a refclock (null address) by its reference ID.
    void statisticsUpdated(const IpAddress &address, std::uint32_t referenceId, const SourceStatistics &stats,
                           RealTime sampleTime);
    // The clock was updated at raw time `now` with `estimate`, whose selected source is at
    // `referenceAddress` (null for a refclock) (tracking).
    void clockUpdated(RealTime now, const IpAddress &referenceAddress, const CombinedEstimate &estimate);
    // A refclock sample: a raw one from the driver or a pulse, or a filtered one of a poll
    // (refclocks).
    void refclockSample(const RefClockSource &refclock, const StatSample &sample, bool filtered, bool pulse);

    std::vector<EngineLogRecord> take();

private:
    bool wanted(bool file) const { return !m_config.logDir.empty() && file; }

    const LoggingConfig &m_config;
    const ClockDiscipline &m_discipline;
    std::vector<EngineLogRecord> m_records;
};

} // namespace s1
