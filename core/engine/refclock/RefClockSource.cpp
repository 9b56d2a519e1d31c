#include "refclock/RefClockSource.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

Nanoseconds pollInterval(int poll)
{
    return std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(std::ldexp(1.0, poll)));
}

// The multiple of `period` nearest to `t` (both ns).
std::int64_t nearestPulse(std::int64_t t, std::int64_t period)
{
    const std::int64_t below = t - ((t % period) + period) % period;
    return t - below < period - (t - below) ? below : below + period;
}

} // namespace

RefClockSource::RefClockSource(std::uint32_t id, const RefClockConfig &config, std::string refId, RealTime now,
                               double localPrecision)
    : m_id(id)
    , m_config(config)
    , m_name(std::move(refId))
    , m_referenceId(packReferenceId(m_name))
    , m_localPrecision(localPrecision)
    , m_filter(config.filter)
    , m_nextPoll(now + pollInterval(config.poll))
{ }

std::uint32_t RefClockSource::packReferenceId(const std::string &refId)
{
    std::uint32_t id = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto c = i < refId.size() ? static_cast<std::uint8_t>(refId[i]) : std::uint8_t(0);
        id = (id << 8) | c;
    }
    return id;
}

double RefClockSource::dispersionFloor(double driverPrecision) const
{
    if (m_config.precision)
        return *m_config.precision;
    if (driverPrecision > 0)
        return driverPrecision;
    return m_localPrecision;
}

StatSample RefClockSource::makeStatSample(RealTime time, double rawOffset, LeapIndicator leap, double precision) const
{
    StatSample s;
    s.time = time;
    s.offset = rawOffset;
    s.peerDelay = m_config.delay;
    s.peerDispersion = dispersionFloor(precision);
    s.rootDelay = m_config.delay;
    s.rootDispersion = s.peerDispersion;
    s.stratum = m_config.stratum;
    s.leap = leap;
    return s;
}

void RefClockSource::reject(std::string reason)
{
    ++m_rejected;
    m_lastRejectReason = std::move(reason);
}

bool RefClockSource::addSample(const RefClockSample &sample, double taiMinusUtc)
{
    if (sample.leap == LeapIndicator::Unsynchronised) {
        reject("reference not synchronised");
        return false;
    }
    double offset = toSeconds(sample.referenceTime - sample.receiveTime) + m_config.offset;
    if (m_config.tai)
        offset -= taiMinusUtc;
    accept(makeStatSample(sample.receiveTime, offset, sample.leap, sample.precision));
    return true;
}

void RefClockSource::leapSecond(double offset)
{
    m_filter.clear();
    if (m_lastRaw)
        m_lastRaw->offset += offset;
}

void RefClockSource::accept(const StatSample &sample)
{
    m_filter.add(sample);
    m_lastRaw = sample;
    m_leap = sample.leap;
    ++m_accepted;
    m_lastRejectReason.clear();
}

bool RefClockSource::isTrailingEdge(std::int64_t estimated, std::int64_t period) const
{
    if (!(m_config.pulseWidth > 0))
        return false;
    // Devices that timestamp both edges deliver each pulse twice, the second `width` after the
    // first: where the reference puts an edge, nearer to width past a pulse than to a pulse,
    // it is the trailing one.
    const double periodSeconds = toSeconds(Nanoseconds(period));
    const double phase = toSeconds(Nanoseconds(((estimated % period) + period) % period)); // [0, period)
    const double toPulse = std::min(phase, periodSeconds - phase);
    const double width = std::fmod(m_config.pulseWidth, periodSeconds);
    const double toTrailing = std::min(std::abs(phase - width), periodSeconds - std::abs(phase - width));
    return toTrailing < toPulse;
}

RealTime RefClockSource::pulseEdgeOf(const RefClockSample &sample) const
{
    const std::int64_t reference = nanosSinceEpoch(sample.referenceTime);
    const Nanoseconds phase(reference - nearestPulse(reference, pulsePeriodNanos()));
    return sample.receiveTime - phase;
}

bool RefClockSource::addPulse(RealTime edge, const std::optional<PulseReference> &reference, double correction)
{
    if (!reference) {
        reject(m_config.lockRefId.empty() ? "local clock not synchronised closely enough"
                                          : "no recent sample from " + m_config.lockRefId);
        return false;
    }
    // Integer nanoseconds: a double holds an epoch time only to a few hundred nanoseconds.
    const std::int64_t period = pulsePeriodNanos();
    const std::int64_t estimated = nanosSinceEpoch(edge) + fromSeconds(reference->offset).count();
    const std::int64_t pulse = nearestPulse(estimated, period);
    if (isTrailingEdge(estimated, period)) {
        reject("edge of the wrong polarity (width " + std::to_string(m_config.pulseWidth) + " s)");
        return false;
    }
    if (reference->kind == PulseReference::Kind::LockedSource
        && std::abs(toSeconds(Nanoseconds(pulse - estimated))) > kLockPhaseLimit * pulsePeriod()) {
        reject("pulse does not pair with " + m_config.lockRefId);
        return false;
    }
    const double offset = toSeconds(Nanoseconds(pulse - nanosSinceEpoch(edge))) + m_config.offset;
    accept(makeStatSample(edge, offset, LeapIndicator::None, 0.0));
    m_edges.push_back(PulseEdgeSample{++m_pulsesAccepted, edge, offset - correction});
    if (m_edges.size() > kRecentEdges)
        m_edges.pop_front();
    return true;
}

std::optional<StatSample> RefClockSource::poll(RealTime now, const std::function<double(RealTime)> &correctionAt,
                                               double frequency)
{
    m_nextPoll = std::max(m_nextPoll + pollInterval(m_config.poll), now);
    m_reach = static_cast<std::uint8_t>(m_reach << 1);
    const int perPoll = m_config.poll - m_config.driverPoll >= 2
                            ? kMinSamplesPerPoll
                            : 1 << std::max(m_config.poll - m_config.driverPoll, 0);
    auto sample = m_filter.take(perPoll, frequency);
    if (!sample)
        return std::nullopt;
    if (m_config.maxDispersion && sample->peerDispersion > *m_config.maxDispersion) {
        reject("filtered dispersion above maxdispersion");
        return std::nullopt;
    }
    m_reach |= 1;
    m_lastRx = sample->time;
    m_jitter = m_filter.lastSpread();
    SourceSample shown;
    shown.time = sample->time;
    shown.rawOffset = sample->offset;
    shown.offset = sample->offset - correctionAt(sample->time);
    shown.delay = sample->peerDelay;
    shown.dispersion = sample->peerDispersion;
    shown.stratum = sample->stratum;
    m_samples.push_back(shown);
    if (m_samples.size() > kRecentSamples)
        m_samples.pop_front();
    return sample;
}

SourceSnapshot RefClockSource::snapshot() const
{
    SourceSnapshot s;
    s.id = m_id;
    s.name = m_name;
    s.kind = SourceKind::RefClock;
    s.stratum = m_config.stratum;
    s.poll = m_config.poll;
    s.reach = m_reach;
    s.referenceId = m_referenceId;
    s.leap = m_leap;
    s.rootDelay = m_config.delay;
    s.rootDispersion = m_samples.empty() ? 0.0 : m_samples.back().dispersion;
    s.lastRx = m_lastRx;
    if (!m_samples.empty())
        s.lastSample = m_samples.back();
    s.recentSamples.assign(m_samples.begin(), m_samples.end());
    s.recentEdges.assign(m_edges.begin(), m_edges.end());
    s.jitter = m_jitter;
    s.repliesAccepted = m_accepted;
    s.repliesRejected = m_rejected;
    s.lastRejectReason = m_lastRejectReason;
    return s;
}

} // namespace s1
