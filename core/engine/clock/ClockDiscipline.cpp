#include "clock/ClockDiscipline.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {
constexpr double kPpm = 1e-6;
// chrony's correction rate is corrtimeratio times half the offset SD times the interval.
constexpr double kCorrectionRateScale = 0.5;
} // namespace

ClockDiscipline::ClockDiscipline(DisciplineConfig config, RealTime startRaw, ClockDriver *driver)
    : m_config(config)
    , m_driver(driver)
{
    // Without a drift file, the frequency a steered clock already runs at (left by our last
    // run, or by another daemon) is a better start than none.
    if (m_driver && !m_config.initialFrequencyPpm)
        m_config.initialFrequencyPpm = -m_driver->frequencyPpm();
    if (m_config.initialFrequencyPpm) {
        // A known frequency is applied at once: it is what makes a restart converge fast.
        m_frequency = std::clamp(*m_config.initialFrequencyPpm * kPpm, -kMaxFrequency, kMaxFrequency);
        if (m_config.initialSkewPpm)
            m_frequencySkew = std::max(*m_config.initialSkewPpm * kPpm, kMinSkew);
        m_clock.setFrequency(startRaw, -m_frequency);
        if (m_driver) {
            m_driver->setFrequencyPpm(-m_frequency / kPpm);
            checkDriver();
        }
    }
}

RealTime ClockDiscipline::cook(RealTime raw) const
{
    return m_driver ? m_driver->clockTime(raw) : m_clock.cook(raw);
}

RealTime ClockDiscipline::uncook(RealTime served) const
{
    return m_driver ? m_driver->rawTime(served) : m_clock.uncook(served);
}

double ClockDiscipline::correctionAt(RealTime raw) const
{
    return m_driver ? toSeconds(m_driver->clockTime(raw) - raw) : m_clock.correctionAt(raw);
}

double ClockDiscipline::update(RealTime raw, const ClockUpdate &u)
{
    // A frequency estimate too uncertain to trust keeps the one we have (chrony's
    // maxupdateskew); the offset is corrected either way. Otherwise, as chrony's reference
    // does, the estimate moves the frequency by a gain that weighs the two skews: a few
    // samples over seconds (an iburst) must not override a drift file good to 1 ppm.
    if (u.skew <= m_config.maxUpdateSkewPpm * kPpm) {
        const double expected = m_frequencySkew * m_frequencySkew;
        const double gain = std::clamp(3.0 * expected / (3.0 * expected + u.skew * u.skew), 0.0, 1.0);
        const double frequency = m_frequency + gain * (u.frequency - m_frequency);
        const double extraSkew = std::sqrt((m_frequency - frequency) * (m_frequency - frequency) * (1.0 - gain)
                                           + (u.frequency - frequency) * (u.frequency - frequency) * gain);
        // A two-sample frequency is not kept as the prior: its skew (a normal quantile, no
        // residuals) is on a far smaller scale than a regression's Student-t bound, so the first
        // regression, which contains the same two samples, would move the frequency by a tenth
        // of the difference and leave the two-sample error in for another poll interval.
        if (!u.provisionalFrequency)
            m_frequencySkew = std::max(m_frequencySkew + gain * (u.skew - m_frequencySkew) + extraSkew, kMinSkew);
        m_frequency = std::clamp(frequency, -kMaxFrequency, kMaxFrequency);
    }

    const double before = correctionAt(raw);
    const double change = u.offset - before;
    const bool step = m_config.makestepThreshold && std::abs(change) > *m_config.makestepThreshold
                      && (m_config.makestepLimit < 0 || m_updates < m_config.makestepLimit);
    // A steered clock is slewed by its driver: the line alone is the target it follows.
    const bool slewHere = !step && !m_driver;
    m_clock.correct(raw, u.offset, -m_frequency, slewHere ? m_config.maxSlewRatePpm * kPpm : 0.0);

    // chrony's sign: positive = our clock was ahead of the reference.
    m_lastOffset = -change;
    m_meanSquareOffset =
        m_updates == 0 ? m_lastOffset * m_lastOffset
                       : (1 - kRmsOffsetWeight) * m_meanSquareOffset + kRmsOffsetWeight * m_lastOffset * m_lastOffset;
    if (m_lastUpdateRaw)
        m_updateInterval = toSeconds(raw - *m_lastUpdateRaw);
    m_lastUpdateRaw = raw;
    // The first regression after a two-sample guess corrects what that guess got wrong, and
    // chrony, which has no such guess, makes its first correction there at full speed.
    const bool afterGuess = m_last.provisionalFrequency && !u.provisionalFrequency;
    m_last = u;
    ++m_updates;
    if (m_driver)
        steer(raw, change, step, afterGuess);
    return step ? change : 0.0;
}

double ClockDiscipline::correctExternalStep(RealTime raw)
{
    if (!m_driver || m_updates == 0)
        return 0;
    const double change = m_clock.correctionAt(raw) - correctionAt(raw);
    const bool step = m_config.makestepThreshold && std::abs(change) > *m_config.makestepThreshold
                      && (m_config.makestepLimit < 0 || m_updates < m_config.makestepLimit);
    steer(raw, change, step, true);
    return step ? change : 0.0;
}

void ClockDiscipline::steer(RealTime raw, double change, bool step, bool fast)
{
    m_driver->setFrequencyPpm(m_clock.frequency() / kPpm);
    checkDriver();
    // What the driver still slews is part of `change` already (it is measured against the
    // clock as it reads now).
    const double pending = m_driver->pendingSlew(m_driver->clockTime(raw));
    if (step) {
        m_driver->step(change);
        checkDriver();
        // The step put the clock on the line: the rest of an earlier slew is owed no longer.
        m_driver->slew(-pending);
    } else {
        // chrony's correction rate: an offset the size of its SD takes corrtimeratio halves
        // of an update interval; larger ones go faster, up to maxslewrate.
        const double rate = m_config.correctionTimeRatio * kCorrectionRateScale * m_last.offsetSd * m_updateInterval;
        m_driver->slew(change - pending, rate > 0 && !fast ? rate : kFirstCorrectionRate);
    }
    checkDriver();
    pushSyncStatus(raw);
}

void ClockDiscipline::pushSyncStatus(RealTime raw)
{
    // The kernel's error bounds are what `tracking` shows: root distance and offset SD.
    const ReferenceSnapshot r = reference(raw);
    ClockSyncStatus status;
    status.synchronised = m_updates > 0 && m_last.leap != LeapIndicator::Unsynchronised;
    // Only a leap the kernel is to carry out (leapsecmode system) goes to it: in the other
    // modes the engine corrects the clock itself, and the kernel must not do it a second time.
    status.leap = !status.synchronised  ? LeapIndicator::Unsynchronised
                  : m_systemLeap > 0    ? LeapIndicator::InsertSecond
                  : m_systemLeap < 0    ? LeapIndicator::DeleteSecond
                                        : LeapIndicator::None;
    status.taiOffset = status.synchronised ? m_systemTaiOffset : 0;
    status.maxError = r.rootDelay / 2 + r.rootDispersion;
    status.estimatedError = m_last.offsetSd;
    m_driver->setSyncStatus(status);
    checkDriver();
}

void ClockDiscipline::leapStep(RealTime raw, double offset)
{
    if (m_driver) {
        m_driver->step(offset);
        checkDriver();
        return;
    }
    m_clock.applyStep(raw, offset);
}

void ClockDiscipline::leapSlew(RealTime raw, double offset)
{
    if (m_driver) {
        // Added to what the driver still slews, at the fastest pace it has.
        m_driver->slew(offset, kFirstCorrectionRate);
        checkDriver();
        return;
    }
    const double line = m_clock.correctionAt(raw) - m_clock.pendingSlewAt(raw);
    m_clock.correct(raw, line + offset, m_clock.frequency(), m_config.maxSlewRatePpm * kPpm);
}

void ClockDiscipline::setSystemLeap(RealTime raw, int seconds, int taiOffset)
{
    if (seconds == m_systemLeap && taiOffset == m_systemTaiOffset)
        return;
    m_systemLeap = seconds;
    m_systemTaiOffset = taiOffset;
    if (m_driver && m_updates > 0)
        pushSyncStatus(raw);
}

bool ClockDiscipline::systemLeapApplied(RealTime clockBefore, int seconds)
{
    if (!m_driver)
        return false;
    const bool applied = m_driver->leapSecondApplied(clockBefore, seconds);
    checkDriver();
    return applied;
}

double ClockDiscipline::makeStep(RealTime raw)
{
    if (m_driver) {
        const double pending = m_driver->pendingSlew(m_driver->clockTime(raw));
        if (pending == 0)
            return 0;
        m_driver->step(pending);
        checkDriver();
        m_driver->slew(-pending); // owed no longer: the step paid it
        checkDriver();
        return pending;
    }
    const double pending = m_clock.pendingSlewAt(raw);
    if (pending == 0)
        return 0;
    // Onto the line at once: the slew still owed is dropped from the correction.
    m_clock.correct(raw, m_clock.correctionAt(raw) - pending, m_clock.frequency(), 0.0);
    return -pending;
}

void ClockDiscipline::driverTimeout()
{
    if (!m_driver)
        return;
    m_driver->handleTimeout();
    checkDriver();
}

void ClockDiscipline::checkDriver()
{
    // Once per message: a clock that refuses (CAP_SYS_TIME dropped) refuses every update.
    const std::string &error = m_driver->lastError();
    if (!error.empty() && m_reportedDriverErrors.insert(error).second)
        m_driverErrors.push_back(error);
}

ReferenceSnapshot ClockDiscipline::reference(RealTime raw) const
{
    ReferenceSnapshot r;
    if (!m_lastUpdateRaw)
        return r;
    const double age = std::max(0.0, toSeconds(raw - *m_lastUpdateRaw));
    r.synchronised = true;
    r.stratum = m_last.sourceStratum + 1;
    r.referenceId = m_last.referenceId;
    r.referenceName = m_last.referenceName;
    r.leap = m_last.leap;
    r.referenceTime = cook(*m_lastUpdateRaw);
    r.rootDelay = m_last.rootDelay;
    r.rootDispersion = m_last.rootDispersion + m_last.offsetSd + age * (m_last.skew + kMaxClockError);
    // Served time minus the line: the virtual clock's slew, or what the driver still corrects.
    r.systemTimeOffset = m_driver ? correctionAt(raw) - m_clock.correctionAt(raw) : m_clock.pendingSlewAt(raw);
    r.lastOffset = m_lastOffset;
    r.rmsOffset = std::sqrt(m_meanSquareOffset);
    r.frequencyPpm = m_frequency / kPpm;
    r.residualFrequencyPpm = (m_last.selectedFrequency - m_frequency) / kPpm;
    r.skewPpm = m_last.skew / kPpm;
    r.updateInterval = m_updateInterval;
    return r;
}

} // namespace s1
