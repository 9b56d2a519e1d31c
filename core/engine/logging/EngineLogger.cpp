#include "logging/EngineLogger.h"

#include "ntp/ReferenceId.h"

#include <cmath>
#include <utility>

namespace s1 {

EngineLogger::EngineLogger(const LoggingConfig &config, const ClockDiscipline &discipline)
    : m_config(config)
    , m_discipline(discipline)
{ }

void EngineLogger::sampleMeasured(const NtpSource &source, const SourceSample &sample, const SampleTestResults &tests,
                                  bool interleaved, bool kernelTransmit, bool hardwareTransmit)
{
    if (!wanted(m_config.measurements))
        return;
    MeasurementLogRecord m;
    m.time = m_discipline.cook(sample.time);
    m.address = source.address().ip;
    m.leap = source.leap();
    m.stratum = source.stratum();
    m.testA = tests.testA;
    m.testB = tests.testB;
    m.testC = tests.testC;
    m.localPoll = source.poll();
    m.remotePoll = source.poll();
    m.offset = sample.offset;
    m.peerDelay = sample.delay;
    m.peerDispersion = sample.dispersion;
    m.rootDelay = source.rootDelay();
    m.rootDispersion = source.rootDispersion();
    m.referenceId = source.referenceId();
    m.ntpMode = static_cast<int>(NtpMode::Server);
    m.interleaved = interleaved;
    if (kernelTransmit)
        m.transmitSource = hardwareTransmit ? TimestampSource::Hardware : TimestampSource::Kernel;
    m_records.emplace_back(m);
}

void EngineLogger::statisticsUpdated(const IpAddress &address, std::uint32_t referenceId, const SourceStatistics &stats,
                                     RealTime sampleTime)
{
    if (!wanted(m_config.statistics) || !stats.regressionValid())
        return;
    StatisticsLogRecord st;
    st.time = m_discipline.cook(sampleTime);
    st.address = address;
    st.referenceId = referenceId;
    st.stdDev = stats.stdDev();
    st.estimatedOffset = stats.offset() - m_discipline.correctionAt(stats.referenceTime());
    st.offsetSd = stats.offsetSd();
    // What the source says the frequency is, minus what the clock runs with (whose
    // correction is the negative of the raw clock's estimated error).
    st.residualFrequency = stats.frequency() + m_discipline.frequency();
    st.skew = stats.skew();
    st.samples = stats.samples();
    st.runs = stats.runs();
    st.asymmetry = stats.asymmetry();
    m_records.emplace_back(st);
}

void EngineLogger::clockUpdated(RealTime now, const IpAddress &referenceAddress, const CombinedEstimate &estimate)
{
    if (!wanted(m_config.tracking))
        return;
    const ReferenceSnapshot r = m_discipline.reference(now);
    TrackingLogRecord t;
    t.time = m_discipline.cook(now);
    t.referenceAddress = referenceAddress;
    t.referenceId = r.referenceId;
    t.stratum = r.stratum;
    t.frequencyPpm = r.frequencyPpm;
    t.skewPpm = r.skewPpm;
    t.offset = r.lastOffset;
    t.leap = r.leap;
    t.combinedSources = estimate.sourceCount;
    t.offsetSd = estimate.offsetSd;
    t.remainingCorrection = -r.systemTimeOffset;
    t.rootDelay = r.rootDelay;
    t.rootDispersion = r.rootDispersion;
    t.maxError = r.rootDelay / 2 + r.rootDispersion + std::abs(r.lastOffset);
    m_records.emplace_back(t);
}

void EngineLogger::refclockSample(const RefClockSource &refclock, const StatSample &sample, bool filtered, bool pulse)
{
    if (!wanted(m_config.refclocks))
        return;
    RefclockLogRecord r;
    r.time = m_discipline.cook(sample.time);
    r.referenceId = refclock.referenceId();
    r.filtered = filtered;
    r.leap = sample.leap;
    r.pulse = pulse;
    r.rawOffset = sample.offset - refclock.config().offset;
    // chrony's sign in this file: + = the local clock is slow, i.e. the reference is ahead.
    r.cookedOffset = sample.offset - m_discipline.correctionAt(sample.time);
    r.dispersion = sample.peerDispersion;
    m_records.emplace_back(r);
}

std::vector<EngineLogRecord> EngineLogger::take()
{
    return std::exchange(m_records, {});
}

} // namespace s1
