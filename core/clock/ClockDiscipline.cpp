#include "clock/ClockDiscipline.h"

#include <cmath>

namespace s1 {

namespace {
constexpr double kPpm = 1e-6;
}

ClockDiscipline::ClockDiscipline(DisciplineConfig config, RealTime startRaw)
    : m_config(config)
{
    if (m_config.initialFrequencyPpm) {
        // A known frequency is applied at once: it is what makes a restart converge fast.
        m_frequency = *m_config.initialFrequencyPpm * kPpm;
        m_clock.setFrequency(startRaw, -m_frequency);
    }
}

double ClockDiscipline::update(RealTime raw, const ClockUpdate &u)
{
    // A frequency estimate too uncertain to trust keeps the one we have (chrony's
    // maxupdateskew); the offset is corrected either way.
    if (u.skew <= m_config.maxUpdateSkewPpm * kPpm)
        m_frequency = u.frequency;

    const double before = m_clock.correctionAt(raw);
    const double change = u.offset - before;
    const bool step = m_config.makestepThreshold && std::abs(change) > *m_config.makestepThreshold
        && (m_config.makestepLimit < 0 || m_updates < m_config.makestepLimit);
    m_clock.correct(raw, u.offset, -m_frequency, step ? 0.0 : m_config.maxSlewRatePpm * kPpm);

    // chrony's sign: positive = our clock was ahead of the reference.
    m_lastOffset = -change;
    m_meanSquareOffset = m_updates == 0
        ? m_lastOffset * m_lastOffset
        : (1 - kRmsOffsetWeight) * m_meanSquareOffset + kRmsOffsetWeight * m_lastOffset * m_lastOffset;
    if (m_lastUpdateRaw)
        m_updateInterval = toSeconds(raw - *m_lastUpdateRaw);
    m_lastUpdateRaw = raw;
    m_last = u;
    ++m_updates;
    return step ? change : 0.0;
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
    r.referenceTime = m_clock.cook(*m_lastUpdateRaw);
    r.rootDelay = m_last.rootDelay;
    r.rootDispersion = m_last.rootDispersion + m_last.offsetSd + age * (m_last.skew + kMaxClockError);
    r.systemTimeOffset = m_clock.pendingSlewAt(raw);
    r.lastOffset = m_lastOffset;
    r.rmsOffset = std::sqrt(m_meanSquareOffset);
    r.frequencyPpm = m_frequency / kPpm;
    r.residualFrequencyPpm = (m_last.selectedFrequency - m_frequency) / kPpm;
    r.skewPpm = m_last.skew / kPpm;
    r.updateInterval = m_updateInterval;
    return r;
}

} // namespace s1
