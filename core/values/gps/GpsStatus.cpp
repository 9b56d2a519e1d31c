#include "gps/GpsStatus.h"

#include <array>
#include <utility>

namespace s1 {

namespace {

constexpr std::array kFixNames{std::pair{GpsFixMode::None, "none"}, std::pair{GpsFixMode::Fix2D, "2d"},
                               std::pair{GpsFixMode::Fix3D, "3d"}, std::pair{GpsFixMode::TimeOnly, "time"}};
constexpr std::array kSystemNames{std::pair{GnssSystem::Gps, "GPS"},         std::pair{GnssSystem::Sbas, "SBAS"},
                                  std::pair{GnssSystem::Glonass, "GLONASS"}, std::pair{GnssSystem::Galileo, "Galileo"},
                                  std::pair{GnssSystem::BeiDou, "BeiDou"},   std::pair{GnssSystem::Qzss, "QZSS"},
                                  std::pair{GnssSystem::NavIc, "NavIC"}};

template <typename Table, typename Enum>
const char *nameOf(const Table &table, Enum value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return name;
    }
    return "?";
}

template <typename Enum, typename Table>
std::optional<Enum> valueOf(const Table &table, std::string_view text)
{
    for (const auto &[v, name] : table) {
        if (text == name)
            return v;
    }
    return std::nullopt;
}

} // namespace

const char *toString(GpsFixMode mode)
{
    return nameOf(kFixNames, mode);
}
const char *toString(GnssSystem system)
{
    return nameOf(kSystemNames, system);
}
std::optional<GpsFixMode> gpsFixModeFromString(std::string_view text)
{
    return valueOf<GpsFixMode>(kFixNames, text);
}
std::optional<GnssSystem> gnssSystemFromString(std::string_view text)
{
    return valueOf<GnssSystem>(kSystemNames, text);
}

} // namespace s1
