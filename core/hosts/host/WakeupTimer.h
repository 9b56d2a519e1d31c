// The plain host's timer: a timerfd in its poll() set, armed for the engine's next deadline with
// nanosecond resolution. poll()'s own timeout counts milliseconds from whenever the loop last
// woke, so a deadline was met up to 1 ms late, by an amount that depended on every earlier
// wake-up (a report timer changed the results). A slew leg ending 1 ms late at maxslewrate
// overshoots by 83 us. timerfd is also what clock-and-network simulators such as clknetsim
// simulate, so the fd may sit in the poll() set there.
#pragma once

#include "time/Timestamps.h"

namespace s1 {

class WakeupTimer
{
public:
    WakeupTimer();
    ~WakeupTimer();
    WakeupTimer(const WakeupTimer &) = delete;
    WakeupTimer &operator=(const WakeupTimer &) = delete;

    // -1 when no timerfd could be made (the host then falls back to poll()'s timeout).
    int fd() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }
    // Expires `delay` from now (at least a nanosecond); replaces any earlier arming.
    void armIn(Nanoseconds delay);
    void disarm();
    // After poll() reported the fd readable: takes the expiry count, so it is not readable again.
    void acknowledge();

private:
    int m_fd = -1;
    bool m_armed = false;
};

} // namespace s1
