// An engine with one reference clock, for the refclock targets: what a driver decodes from
// hostile bytes goes on into the refclock's filter, its statistics and the selection.
#pragma once

#include "config/ConfigReader.h"
#include "engine/Engine.h"

#include <cstdlib>
#include <string_view>

namespace s1::fuzz {

inline constexpr std::int64_t kRefClockStartNanos = 1'760'000'000LL * 1'000'000'000LL;

class RefClockEngine
{
public:
    explicit RefClockEngine(std::string_view configText)
        : m_engine(config(configText), EngineOptions{}, realTimeFromNanos(kRefClockStartNanos))
    { }

    Engine &engine() { return m_engine; }

    // Runs the timers due by `now` and drops what the engine hands out.
    void advance(RealTime now)
    {
        if (const auto wakeup = m_engine.nextWakeup(); wakeup && *wakeup <= now)
            m_engine.handleTimeout(now);
        m_engine.takeOutgoing();
        m_engine.takeLogRecords();
        m_engine.takeEvents();
    }

private:
    static EngineConfig config(std::string_view text)
    {
        ConfigReadResult read = readConfigText(text, "fuzz.conf");
        if (!read.ok())
            std::abort();
        return read.config;
    }

    Engine m_engine;
};

} // namespace s1::fuzz
