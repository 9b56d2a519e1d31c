#include "chronyc/AlarmFormat.h"

#include <chrono>
#include <cstdio>

namespace s1 {

namespace {

constexpr std::size_t kLineBuffer = 160;
constexpr int kSeverityWidth = 8;
constexpr int kTimeWidth = 19;
constexpr int kKindWidth = 20;
constexpr const char *kIndent = "    ";

// Integers and strings only, as in the other stratumctl layouts (no locale-dependent doubles).
template <typename... Args>
std::string format(const char *fmt, Args... args)
{
    char buf[kLineBuffer];
    std::snprintf(buf, sizeof buf, fmt, args...);
    return buf;
}

} // namespace

std::string formatAlarmTime(RealTime time)
{
    using namespace std::chrono;
    const auto day = floor<days>(time);
    const year_month_day date{day};
    const hh_mm_ss clock{floor<seconds>(time - day)};
    return format("%04d-%02u-%02u %02lld:%02lld:%02lld", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<long long>(clock.hours().count()), static_cast<long long>(clock.minutes().count()),
                  static_cast<long long>(clock.seconds().count()));
}

std::string formatAlarms(const std::vector<Alarm> &alarms)
{
    if (alarms.empty())
        return "No alarms.\n";
    std::string out = format("S %-*s %-*s %-*s %-*s %s\n", kSeverityWidth, "Severity", kTimeWidth, "Raised (UTC)",
                             kTimeWidth, "Cleared (UTC)", kKindWidth, "Kind", "Subject");
    out += std::string(96, '=') + "\n";
    for (const Alarm &a : alarms) {
        // "!" marks an active alarm, as "*" marks the selected source in `sources`.
        out += format("%c %-*s %-*s %-*s %-*s ", a.active() ? '!' : ' ', kSeverityWidth, toString(a.severity),
                      kTimeWidth, formatAlarmTime(a.raised).c_str(), kTimeWidth,
                      a.cleared ? formatAlarmTime(*a.cleared).c_str() : "-", kKindWidth, toString(a.kind));
        out += (a.subject.empty() ? std::string("-") : a.subject) + "\n";
        out += kIndent + a.text + "\n";
        if (!a.fix.empty())
            out += std::string(kIndent) + "Fix: " + a.fix + "\n";
    }
    return out;
}

} // namespace s1
