#include "sim/SimKernelClock.h"

#include <algorithm>
#include <cerrno>
#include <cmath>

namespace s1::sim {

namespace {

constexpr double kPpm = 1e6;
constexpr long kMicrosPerSecond = 1'000'000;
constexpr long kNanosPerMicro = 1000;
// Converting an instant both ways rounds twice, to the nanosecond: at most a few ns apart.
constexpr int kMaxRoundingSteps = 4;
// The kernel accepts a tick within 10 % of nominal.
constexpr long kMinTick = 900'000 / SimKernelClock::kUserHz;
constexpr long kMaxTick = 1'100'000 / SimKernelClock::kUserHz;

Nanoseconds scaled(Nanoseconds interval, double factor)
{
    return Nanoseconds(std::llround(static_cast<double>(interval.count()) * factor));
}

std::int64_t floorSeconds(std::int64_t ns)
{
    return ns >= 0 ? ns / kNanosPerSecond : -((-ns - 1) / kNanosPerSecond) - 1;
}

} // namespace

SimKernelClock::SimKernelClock(SimClock &oscillator, std::function<TrueTime()> trueNow, double initialPpm)
    : m_oscillator(oscillator)
    , m_trueNow(std::move(trueNow))
{
    const long deltaTick = std::lround(initialPpm / static_cast<double>(kUserHz));
    m_tick = std::clamp(kNominalTick + deltaTick, kMinTick, kMaxTick);
    m_freq = std::clamp(std::lround((initialPpm - static_cast<double>((m_tick - kNominalTick) * kUserHz)) * kFreqScale),
                        -kMaxFreqScaled, kMaxFreqScaled);
    const TrueTime t = now();
    const RealTime oscillatorNow = m_oscillator.read(t);
    m_segments.push_back({t, oscillatorNow, oscillatorNow, frequencyPpm()});
}

double SimKernelClock::frequencyPpm() const
{
    return static_cast<double>((m_tick - kNominalTick) * kUserHz) + static_cast<double>(m_freq) / kFreqScale;
}

const SimKernelClock::Segment &SimKernelClock::segmentAt(TrueTime t) const
{
    auto segment = m_segments.rbegin();
    while (segment != m_segments.rend() - 1 && t < segment->trueStart)
        ++segment;
    return *segment;
}

RealTime SimKernelClock::segmentReadingAt(TrueTime t) const
{
    const Segment &s = segmentAt(t);
    return s.systemStart + scaled(m_oscillator.read(t) - s.oscillatorStart, (kPpm + s.ppm) / kPpm);
}

RealTime SimKernelClock::systemAt(TrueTime t) const
{
    const RealTime reading = segmentReadingAt(t);
    // An armed leap is only a segment once a call after it made it one.
    if (m_leapState == LeapState::Armed && reading >= m_leapAt)
        return reading + m_leapJump;
    return reading;
}

void SimKernelClock::updateLeapState()
{
    const int leapBits = m_status & (STA_INS | STA_DEL);
    if (leapBits == 0) {
        m_leapState = LeapState::None;
        return;
    }
    if (m_leapState != LeapState::None)
        return;
    constexpr std::int64_t kNanosPerDay = 86'400 * kNanosPerSecond;
    const std::int64_t ns = nanosSinceEpoch(segmentReadingAt(now()));
    const RealTime midnight = realTimeFromNanos((ns / kNanosPerDay + 1) * kNanosPerDay);
    const bool insert = (leapBits & STA_INS) != 0;
    m_leapAt = insert ? midnight : midnight - std::chrono::seconds(1);
    m_leapJump = insert ? -std::chrono::seconds(1) : Nanoseconds(std::chrono::seconds(1));
    m_leapState = LeapState::Armed;
}

void SimKernelClock::applyDueLeap()
{
    if (m_leapState != LeapState::Armed || segmentReadingAt(now()) < m_leapAt)
        return;
    // The true time at which the newest segment reached the leap's reading.
    const Segment &s = m_segments.back();
    const RealTime oscillator = s.oscillatorStart + scaled(m_leapAt - s.systemStart, kPpm / (kPpm + s.ppm));
    const TrueTime at = std::clamp(m_oscillator.trueTimeOf(oscillator), s.trueStart, now());
    m_segments.push_back({at, m_oscillator.read(at), m_leapAt + m_leapJump, frequencyPpm()});
    m_tai += m_leapJump < Nanoseconds(0) ? 1 : -1;
    m_jumps += m_leapJump;
    while (m_segments.size() > kMaxSegments)
        m_segments.pop_front();
    m_leapState = LeapState::Done;
}

TrueTime SimKernelClock::trueTimeOf(RealTime system) const
{
    const TrueTime t = now();
    const Segment &s = m_segments.back();
    if (system <= systemAt(t))
        return t;
    // The segment reading that gives `system`: readings after an armed leap come that much
    // later (inserted) or sooner (deleted), and a deleted second's never come: the first
    // reading after them does.
    RealTime segmentReading = system;
    if (m_leapState == LeapState::Armed && system >= m_leapAt)
        segmentReading = std::max(system - m_leapJump, m_leapAt);
    const RealTime oscillator = s.oscillatorStart + scaled(segmentReading - s.systemStart, kPpm / (kPpm + s.ppm));
    TrueTime at = std::max(m_oscillator.trueTimeOf(oscillator), t);
    // Both conversions round: never hand back an instant at which the clock is still short.
    for (int i = 0; i < kMaxRoundingSteps && systemAt(at) < system; ++i)
        at += Nanoseconds(1);
    return at;
}

void SimKernelClock::startSegment(Nanoseconds jump)
{
    applyDueLeap();
    const TrueTime t = now();
    const RealTime system = systemAt(t) + jump;
    m_jumps += jump;
    m_segments.push_back({t, m_oscillator.read(t), system, frequencyPpm()});
    while (m_segments.size() > kMaxSegments)
        m_segments.pop_front();
}

void SimKernelClock::externalStep(Nanoseconds jump)
{
    startSegment(jump);
    stepped();
    --m_steps;
}

Nanoseconds SimKernelClock::bootTime() const
{
    // An armed leap second not yet made a segment is in neither term.
    return (segmentReadingAt(now()) - m_jumps).time_since_epoch();
}

void SimKernelClock::stepped()
{
    // ntp_clear(): a stepped clock is unsynchronised and its error unknown.
    ++m_steps;
    m_status |= STA_UNSYNC;
    m_maxerror = m_esterror = kPhaseLimitUs;
    m_maxerrorSetAt = now();
    m_pllOffset = 0;
    m_singleShotUs = 0;
}

long SimKernelClock::grownMaxError() const
{
    const std::int64_t seconds = std::max<std::int64_t>(0, (now() - m_maxerrorSetAt).count() / kNanosPerSecond);
    return static_cast<long>(std::min<std::int64_t>(m_maxerror + seconds * kMaxErrorGrowthUs, kPhaseLimitUs));
}

long SimKernelClock::maxErrorUs() const
{
    return grownMaxError();
}

int SimKernelClock::status() const
{
    // The kernel marks the clock unsynchronised once maxerror reaches the phase limit.
    return grownMaxError() >= kPhaseLimitUs ? (m_status | STA_UNSYNC) : m_status;
}

int SimKernelClock::adjtime(timex &tx)
{
    applyDueLeap();
    const unsigned modes = tx.modes;
    const bool singleShot = (modes & ADJ_OFFSET_SINGLESHOT) == ADJ_OFFSET_SINGLESHOT;
    if (modes != 0 && modes != ADJ_OFFSET_SS_READ && !m_privileged)
        return -EPERM;
    if ((modes & ADJ_TICK) && (tx.tick < kMinTick || tx.tick > kMaxTick))
        return -EINVAL;
    if (modes & ADJ_SETOFFSET) {
        const long limit = (modes & ADJ_NANO) ? kNanosPerSecond : kMicrosPerSecond;
        if (tx.time.tv_usec < 0 || tx.time.tv_usec >= limit)
            return -EINVAL;
        const Nanoseconds jump = std::chrono::seconds(tx.time.tv_sec)
                                 + Nanoseconds(tx.time.tv_usec * ((modes & ADJ_NANO) ? 1 : kNanosPerMicro));
        startSegment(jump);
        stepped();
    }
    if (singleShot) {
        const long previous = m_singleShotUs;
        m_singleShotUs = tx.offset;
        tx.offset = previous;
    } else if (modes != ADJ_OFFSET_SS_READ) {
        m_status = status();
        if (modes & ADJ_STATUS) {
            m_status = (m_status & STA_RONLY) | (tx.status & ~STA_RONLY);
            updateLeapState();
        }
        if (modes & ADJ_NANO)
            m_status |= STA_NANO;
        if (modes & ADJ_MICRO)
            m_status &= ~STA_NANO;
        if (modes & ADJ_MAXERROR) {
            m_maxerror = std::clamp(tx.maxerror, 0L, kPhaseLimitUs);
            m_maxerrorSetAt = now();
        }
        if (modes & ADJ_ESTERROR)
            m_esterror = std::clamp(tx.esterror, 0L, kPhaseLimitUs);
        if (modes & ADJ_TAI)
            m_tai = static_cast<int>(tx.constant);
        if ((modes & ADJ_OFFSET) && (m_status & STA_PLL))
            m_pllOffset = tx.offset;
        if (modes & (ADJ_TICK | ADJ_FREQUENCY)) {
            // The rate changes now: what ran so far is kept in a segment of its own.
            if (modes & ADJ_TICK)
                m_tick = tx.tick;
            if (modes & ADJ_FREQUENCY)
                m_freq = std::clamp(tx.freq, -kMaxFreqScaled, kMaxFreqScaled);
            startSegment(Nanoseconds(0));
            ++m_frequencyChanges;
        }
        tx.offset = m_pllOffset;
    }
    tx.freq = m_freq;
    tx.tick = m_tick;
    tx.status = status();
    tx.maxerror = grownMaxError();
    tx.esterror = m_esterror;
    tx.tai = m_tai;
    const std::int64_t ns = nanosSinceEpoch(systemAt(now()));
    tx.time.tv_sec = static_cast<decltype(tx.time.tv_sec)>(floorSeconds(ns));
    const long nanos = static_cast<long>(ns - floorSeconds(ns) * kNanosPerSecond);
    tx.time.tv_usec = (m_status & STA_NANO) ? nanos : nanos / kNanosPerMicro;
    if (tx.status & STA_UNSYNC)
        return TIME_ERROR;
    switch (m_leapState) {
    case LeapState::Armed:
        return (m_status & STA_INS) ? TIME_INS : TIME_DEL;
    case LeapState::Done:
        return TIME_WAIT;
    case LeapState::None:
        break;
    }
    return TIME_OK;
}

int SimKernelClock::gettime(timespec &ts)
{
    applyDueLeap();
    const std::int64_t ns = nanosSinceEpoch(systemAt(now()));
    ts.tv_sec = static_cast<time_t>(floorSeconds(ns));
    ts.tv_nsec = static_cast<long>(ns - floorSeconds(ns) * kNanosPerSecond);
    return 0;
}

int SimKernelClock::settime(const timespec &ts)
{
    if (!m_privileged)
        return -EPERM;
    applyDueLeap();
    const RealTime target = realTimeFromNanos(static_cast<std::int64_t>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec);
    startSegment(target - systemAt(now()));
    stepped();
    return 0;
}

} // namespace s1::sim
