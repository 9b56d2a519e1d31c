#include "alarms/AlarmHysteresis.h"

namespace s1 {

AlarmHysteresis::AlarmHysteresis(Nanoseconds raiseAfter, Nanoseconds clearAfter, bool raised)
    : m_raiseAfter(raiseAfter)
    , m_clearAfter(clearAfter)
    , m_raised(raised)
{ }

AlarmHysteresis::Change AlarmHysteresis::observe(bool condition, RealTime now)
{
    if (condition == m_raised) {
        m_differingSince.reset();
        return Change::None;
    }
    if (!m_differingSince)
        m_differingSince = now;
    if (now - *m_differingSince < (condition ? m_raiseAfter : m_clearAfter))
        return Change::None;
    m_raised = condition;
    m_differingSince.reset();
    return condition ? Change::Raise : Change::Clear;
}

} // namespace s1
