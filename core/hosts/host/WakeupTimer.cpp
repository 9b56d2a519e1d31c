#include "host/WakeupTimer.h"

#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace s1 {

WakeupTimer::WakeupTimer()
{
    // Relative timeouts on the monotonic clock: a step of the real-time clock cannot make the
    // timer fire early or late, and the loop re-arms from a fresh reading after every wake-up.
    // Only TFD_NONBLOCK: clknetsim's timerfd_create accepts no other flag.
    m_fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
}

WakeupTimer::~WakeupTimer()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void WakeupTimer::armIn(Nanoseconds delay)
{
    if (m_fd < 0)
        return;
    const std::int64_t ns = std::max<std::int64_t>(delay.count(), 1);
    itimerspec spec{};
    spec.it_value.tv_sec = static_cast<time_t>(ns / kNanosPerSecond);
    spec.it_value.tv_nsec = static_cast<long>(ns % kNanosPerSecond);
    m_armed = ::timerfd_settime(m_fd, 0, &spec, nullptr) == 0;
}

void WakeupTimer::disarm()
{
    if (m_fd < 0 || !m_armed)
        return;
    const itimerspec off{};
    ::timerfd_settime(m_fd, 0, &off, nullptr);
    m_armed = false;
}

void WakeupTimer::acknowledge()
{
    if (m_fd < 0)
        return;
    std::uint64_t expirations = 0;
    [[maybe_unused]] const ssize_t n = ::read(m_fd, &expirations, sizeof expirations);
    m_armed = false;
}

} // namespace s1
