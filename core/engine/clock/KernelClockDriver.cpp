#include "clock/KernelClockDriver.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace s1 {

namespace {

constexpr double kPpmPerUnit = 1e6;
constexpr long kMicrosPerSecond = 1'000'000;
// timex.freq is ppm in 16.16 fixed point.
constexpr double kFreqScale = 65536.0;
// With USER_HZ up to 250 one tick unit (USER_HZ ppm) is well inside the +-500 ppm of
// ADJ_FREQUENCY, so a tick next to the ideal one still works; keeping it avoids flipping
// between two ticks when the frequency sits near a tick boundary (chrony's sys_linux).
constexpr long kMaxHzForTickHysteresis = 250;
// int64 nanoseconds hold +-292 years; larger steps cannot be expressed exactly.
constexpr double kMaxStep = 9.0e9; // s
constexpr int kDriverStatusBits = STA_UNSYNC | STA_INS | STA_DEL | STA_PLL;

// A missing or nonsensical error bound is as bad as the worst one.
double sanitisedError(double seconds)
{
    return std::isfinite(seconds) && seconds >= 0 ? seconds : KernelClockDriver::kMaxSyncError;
}

} // namespace

KernelClockDriver::KernelClockDriver(KernelClockApi &api)
    : KernelClockDriver(api, Options{})
{ }

KernelClockDriver::KernelClockDriver(KernelClockApi &api, Options options)
    : m_api(api)
    , m_options(options)
{
    if (!(std::isfinite(m_options.maxSlewRatePpm) && m_options.maxSlewRatePpm > 0))
        m_options.maxSlewRatePpm = kDefaultMaxSlewRatePpm;
    if (!(std::isfinite(m_options.correctionRate) && m_options.correctionRate > 0))
        m_options.correctionRate = kDefaultCorrectionRate;
    m_correctionRate = m_options.correctionRate;
}

KernelClockDriver::~KernelClockDriver()
{
    shutdown();
}

bool KernelClockDriver::open()
{
    beginOperation();
    if (m_open)
        return true;

    m_userHz = m_api.userHz();
    if (m_userHz <= 0) {
        fail("reading USER_HZ", EINVAL);
        return false;
    }
    m_nominalTick = (kMicrosPerSecond + m_userHz / 2) / m_userHz; // as the kernel rounds it
    const long maxTickBias = m_nominalTick / kMaxTickBiasDivisor;
    m_maxFrequencyPpm = kPpmPerUnit * static_cast<double>(maxTickBias) / static_cast<double>(m_nominalTick);

    // Nothing but this driver may move the clock: cancel an adjtime() offset and the kernel
    // PLL's offset (it only accepts ADJ_OFFSET with STA_PLL set), then switch the PLL off.
    timex singleShot{};
    singleShot.modes = ADJ_OFFSET_SINGLESHOT;
    if (!adjust(singleShot, "cancelling the adjtime() offset"))
        return false;
    timex pllReset{};
    pllReset.modes = ADJ_OFFSET | ADJ_STATUS;
    pllReset.status = STA_PLL | STA_UNSYNC;
    if (!adjust(pllReset, "resetting the kernel PLL"))
        return false;
    timex pllOff{};
    pllOff.modes = ADJ_STATUS;
    pllOff.status = STA_UNSYNC;
    if (!adjust(pllOff, "switching the kernel PLL off"))
        return false;

    timex current{};
    current.modes = 0;
    if (!adjust(current, "reading the kernel clock"))
        return false;
    takeStatus(current);
    m_deltaTick = current.tick - m_nominalTick;
    m_kernelFrequencyPpm = static_cast<double>(m_userHz * m_deltaTick) + static_cast<double>(current.freq) / kFreqScale;
    m_baseFrequencyPpm = m_kernelFrequencyPpm;
    const std::optional<RealTime> now = readRaw();
    if (!now)
        return false;
    m_history.reset(*now, m_kernelFrequencyPpm);

    m_offsetRegister = 0;
    m_slewRate = 0;
    m_slewPlanned = false;
    m_open = true;
    return true;
}

void KernelClockDriver::shutdown()
{
    if (!m_open)
        return;
    beginOperation();
    if (m_slewPlanned)
        setKernelFrequency(clampFrequency(m_baseFrequencyPpm), readRaw());
    m_open = false;
    m_slewPlanned = false;
    m_offsetRegister = 0;
    m_slewRate = 0;
}

void KernelClockDriver::setFrequencyPpm(double ppm)
{
    beginOperation();
    if (!requireOpen("setting the frequency"))
        return;
    if (!std::isfinite(ppm)) {
        fail("setting the frequency: not a finite value", EINVAL);
        return;
    }
    const double previous = m_baseFrequencyPpm;
    m_baseFrequencyPpm = clampFrequency(ppm);
    // A refused change leaves the kernel, and so the base, as it was.
    if (!replanSlew())
        m_baseFrequencyPpm = previous;
}

void KernelClockDriver::slew(double offset)
{
    slew(offset, m_options.correctionRate);
}

void KernelClockDriver::slew(double offset, double correctionRate)
{
    beginOperation();
    if (!requireOpen("slewing"))
        return;
    if (!std::isfinite(offset)) {
        fail("slewing: not a finite offset", EINVAL);
        return;
    }
    m_correctionRate = std::isfinite(correctionRate) && correctionRate > 0 ? correctionRate : m_options.correctionRate;
    // If the kernel refuses the new frequency the offset stays pending, which is the truth:
    // the clock is not gaining it.
    m_offsetRegister += offset;
    replanSlew();
}

void KernelClockDriver::step(double offset)
{
    beginOperation();
    if (!requireOpen("stepping the clock"))
        return;
    if (!(std::isfinite(offset) && std::abs(offset) < kMaxStep)) {
        fail("stepping the clock: offset out of range", EINVAL);
        return;
    }
    const Nanoseconds step = fromSeconds(offset);
    if (step.count() == 0)
        return;
    // Where the step happens, for the history: the step itself is relative, so the moment
    // between this reading and the kernel call is not lost.
    const std::optional<RealTime> before = readRaw();
    if (!before)
        return;

    // ADJ_SETOFFSET adds the offset inside the kernel, so the time that passes between
    // reading and setting the clock (settime) is not lost. The nanosecond part must be in
    // [0, 1 s): -1.5 s is -2 s + 0.5 s.
    const auto seconds = std::chrono::floor<std::chrono::seconds>(step);
    timex tx{};
    tx.modes = ADJ_SETOFFSET | ADJ_NANO;
    tx.time.tv_sec = static_cast<decltype(tx.time.tv_sec)>(seconds.count());
    tx.time.tv_usec = static_cast<decltype(tx.time.tv_usec)>((step - seconds).count());
    if (!adjust(tx, "stepping the clock"))
        return;
    // The kernel marks itself unsynchronised after a step (ntp_clear).
    takeStatus(tx);
    recordStep(*before, step);
    m_ownSteps += step;
}

void KernelClockDriver::recordStep(RealTime clockBefore, Nanoseconds step)
{
    // Raw readings now include the step; the slew's start must move with them so that the
    // raw time elapsed in the slew stays right.
    m_slewStart += step;
    m_history.stepped(clockBefore, step);
}

bool KernelClockDriver::externalStep(RealTime clockBefore, double offset)
{
    beginOperation();
    if (!requireOpen("following an external step of the clock"))
        return false;
    if (!(std::isfinite(offset) && std::abs(offset) < kMaxStep)) {
        fail("following an external step of the clock: offset out of range", EINVAL);
        return false;
    }
    recordStep(clockBefore, fromSeconds(offset));
    return true;
}

bool KernelClockDriver::leapSecondApplied(RealTime clockBefore, int seconds)
{
    beginOperation();
    if (!requireOpen("checking the leap second"))
        return false;
    // The kernel moves its TAI offset by the leap it applies (and says TIME_OOP/TIME_WAIT, but
    // only while STA_UNSYNC is clear, which it is not without rtcsync).
    timex tx{};
    const int state = m_api.adjtime(tx);
    if (state < 0) {
        fail("checking the leap second", -state);
        return false;
    }
    const bool taiMoved = m_taiBeforeLeap && tx.tai == *m_taiBeforeLeap + seconds;
    m_taiBeforeLeap.reset();
    if (!taiMoved && state != TIME_WAIT && state != TIME_OOP)
        return false;
    const Nanoseconds step = -std::chrono::seconds(seconds);
    recordStep(clockBefore, step);
    m_ownSteps += step;
    return true;
}

void KernelClockDriver::setSyncStatus(const ClockSyncStatus &status)
{
    beginOperation();
    if (!requireOpen("setting the sync status"))
        return;
    const std::optional<RealTime> now = readRaw();
    if (!now)
        return;

    // The offset still being slewed is error the kernel's bounds must include (chrony's
    // sys_generic set_sync_status).
    const double pending = std::abs(pendingSlew(*now));
    double estimatedError = std::max(sanitisedError(status.estimatedError), pending);
    double maxError = sanitisedError(status.maxError) + pending;
    bool synchronised = status.synchronised && status.leap != LeapIndicator::Unsynchronised;
    if (synchronised) {
        estimatedError = std::min(estimatedError, kMaxSyncError);
        if (maxError >= kMaxSyncError) {
            maxError = kMaxSyncError;
            synchronised = false;
        }
    } else {
        estimatedError = maxError = kMaxSyncError;
    }

    int bits = m_status & ~kDriverStatusBits;
    if (!(synchronised && m_options.rtcSync))
        bits |= STA_UNSYNC;
    // The kernel inserts or deletes the second at the end of the UTC day whatever STA_UNSYNC.
    if (status.synchronised && status.leap == LeapIndicator::InsertSecond)
        bits |= STA_INS;
    else if (status.synchronised && status.leap == LeapIndicator::DeleteSecond)
        bits |= STA_DEL;

    constexpr double kMicrosPerSecondF = 1e6;
    timex tx{};
    tx.modes = ADJ_STATUS | ADJ_MAXERROR | ADJ_ESTERROR;
    tx.status = bits;
    tx.maxerror = std::lround(maxError * kMicrosPerSecondF);
    tx.esterror = std::lround(estimatedError * kMicrosPerSecondF);
    // chronyd's leapsectz in system mode: the kernel's CLOCK_TAI follows the table, set with
    // every update (it costs nothing in this call, and mends a value someone else changed).
    // The engine gives none around the leap itself, where the kernel moves it on by itself.
    if (status.synchronised && status.taiOffset > 0) {
        tx.modes |= ADJ_TAI;
        tx.constant = status.taiOffset;
    }
    if (!adjust(tx, "setting the sync status"))
        return;
    takeStatus(tx);
    // The kernel counts its TAI offset on by the leap it applies: what it was before tells
    // afterwards whether it did.
    if (bits & (STA_INS | STA_DEL))
        m_taiBeforeLeap = tx.tai;
}

double KernelClockDriver::pendingSlew(RealTime clock) const
{
    return m_offsetRegister - m_slewRate * toSeconds(clock - m_slewStart);
}

std::optional<RealTime> KernelClockDriver::nextWakeup() const
{
    if (!m_open || !m_slewPlanned)
        return std::nullopt;
    return m_slewStart + fromSeconds(m_slewDuration);
}

void KernelClockDriver::handleTimeout()
{
    beginOperation();
    if (!requireOpen("updating the slew"))
        return;
    replanSlew();
}

void KernelClockDriver::beginOperation()
{
    m_lastError.clear();
    m_lastErrno = 0;
}

void KernelClockDriver::fail(const std::string &what, int error)
{
    m_lastErrno = error;
    m_lastError = what + ": " + std::generic_category().message(error);
    ++m_failureCount;
}

bool KernelClockDriver::requireOpen(const char *operation)
{
    if (m_open)
        return true;
    fail(std::string(operation) + ": the kernel clock is not open", EBADF);
    return false;
}

bool KernelClockDriver::adjust(timex &tx, const char *what)
{
    const int state = m_api.adjtime(tx);
    if (state >= 0)
        return true;
    fail(what, -state);
    return false;
}

std::optional<RealTime> KernelClockDriver::readRaw()
{
    timespec ts{};
    const int result = m_api.gettime(ts);
    if (result < 0) {
        fail("reading the clock", -result);
        return std::nullopt;
    }
    return realTimeFromNanos(static_cast<std::int64_t>(ts.tv_sec) * kNanosPerSecond + ts.tv_nsec);
}

double KernelClockDriver::clampFrequency(double ppm) const
{
    return std::clamp(ppm, -m_maxFrequencyPpm, m_maxFrequencyPpm);
}

bool KernelClockDriver::setKernelFrequency(double ppm, std::optional<RealTime> at)
{
    // One tick unit (1 us per 1/USER_HZ s) is USER_HZ ppm; the rest goes to ADJ_FREQUENCY.
    const double ppmPerTick = static_cast<double>(m_userHz);
    long deltaTick = std::lround(ppm / ppmPerTick);
    if (m_userHz <= kMaxHzForTickHysteresis && std::abs(deltaTick - m_deltaTick) == 1)
        deltaTick = m_deltaTick;

    timex tx{};
    tx.modes = ADJ_TICK | ADJ_FREQUENCY;
    tx.tick = m_nominalTick + deltaTick;
    tx.freq = std::lround((ppm - ppmPerTick * static_cast<double>(deltaTick)) * kFreqScale);
    if (!adjust(tx, "setting the kernel frequency"))
        return false;
    // The values the kernel took, after its rounding and clamping.
    m_deltaTick = tx.tick - m_nominalTick;
    m_kernelFrequencyPpm = ppmPerTick * static_cast<double>(m_deltaTick) + static_cast<double>(tx.freq) / kFreqScale;
    takeStatus(tx);
    if (at)
        m_history.frequencyChanged(*at, m_kernelFrequencyPpm);
    return true;
}

bool KernelClockDriver::replanSlew()
{
    const std::optional<RealTime> now = readRaw();
    if (!now)
        return false;
    m_offsetRegister = pendingSlew(*now);
    m_slewStart = *now;

    // The leg that would take correctionRate / |offset|: small offsets are removed slowly
    // (they are mostly noise), large ones fast, within maxslewrate.
    double duration = kMaxSlewDuration;
    if (std::abs(m_offsetRegister) >= kMinOffsetCorrection)
        duration = std::max(m_correctionRate / std::abs(m_offsetRegister), kMinSlewDuration);
    const double maxCorrection = m_options.maxSlewRatePpm / kPpmPerUnit;
    const double correction = std::clamp(m_offsetRegister / duration, -maxCorrection, maxCorrection);
    const bool accepted =
        setKernelFrequency(clampFrequency(m_baseFrequencyPpm + correction * (kPpmPerUnit + m_baseFrequencyPpm)), *now);
    // Gain per raw second over a clock running at base, from what the kernel really runs
    // (rounded to 2^-16 ppm); a refused change keeps the previous rate, which still runs.
    if (accepted)
        m_slewRate = (m_kernelFrequencyPpm - m_baseFrequencyPpm) / (kPpmPerUnit + m_kernelFrequencyPpm);

    // End the leg when the offset is gone. With no rate, or one of the wrong sign (kernel
    // rounding, base at the frequency limit, a refused change), check again after the
    // longest leg.
    if (std::abs(m_offsetRegister) < kMinOffsetCorrection || m_offsetRegister * m_slewRate <= 0)
        m_slewDuration = kMaxSlewDuration;
    else
        m_slewDuration = std::clamp(m_offsetRegister / m_slewRate, kMinSlewDuration, kMaxSlewDuration);
    m_slewPlanned = true;
    return accepted;
}

void KernelClockDriver::takeStatus(const timex &tx)
{
    m_status = tx.status & ~STA_RONLY;
}

} // namespace s1
