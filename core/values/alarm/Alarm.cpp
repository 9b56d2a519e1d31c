#include "alarm/Alarm.h"

#include <array>
#include <utility>

namespace s1 {

namespace {

constexpr std::array kKindNames{
    std::pair{AlarmKind::PpsLost, "pps-lost"},
    std::pair{AlarmKind::GpsFixLost, "gps-fix-lost"},
    std::pair{AlarmKind::GpsTimeInvalid, "gps-time-invalid"},
    std::pair{AlarmKind::NoSelectableSource, "no-selectable-source"},
    std::pair{AlarmKind::Unsynchronised, "unsynchronised"},
    std::pair{AlarmKind::StratumChanged, "stratum-changed"},
    std::pair{AlarmKind::Falseticker, "falseticker"},
    std::pair{AlarmKind::ClockStepped, "clock-stepped"},
    std::pair{AlarmKind::LeapSecondPending, "leap-second-pending"},
    std::pair{AlarmKind::SerialErrors, "serial-errors"},
    std::pair{AlarmKind::CalibrationDrift, "calibration-drift"},
    std::pair{AlarmKind::SerialLinkOverloaded, "serial-link-overloaded"},
};

constexpr std::array kSeverityNames{
    std::pair{AlarmSeverity::Info, "info"},
    std::pair{AlarmSeverity::Warning, "warning"},
    std::pair{AlarmSeverity::Critical, "critical"},
};

} // namespace

const char *toString(AlarmKind kind)
{
    for (const auto &[k, name] : kKindNames)
        if (k == kind)
            return name;
    return "unknown";
}

const char *toString(AlarmSeverity severity)
{
    for (const auto &[s, name] : kSeverityNames)
        if (s == severity)
            return name;
    return "unknown";
}

std::optional<AlarmKind> alarmKindFromString(std::string_view text)
{
    for (const auto &[k, name] : kKindNames)
        if (text == name)
            return k;
    return std::nullopt;
}

std::optional<AlarmSeverity> alarmSeverityFromString(std::string_view text)
{
    for (const auto &[s, name] : kSeverityNames)
        if (text == name)
            return s;
    return std::nullopt;
}

} // namespace s1
