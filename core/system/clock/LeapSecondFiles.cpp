#include "clock/LeapSecondFiles.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

namespace s1 {

namespace {

constexpr const char *kSystemZoneInfo = "/usr/share/zoneinfo";
// Zone files and the list are tens of kilobytes; anything far larger is not one.
constexpr std::uintmax_t kMaxTableFileBytes = 1 << 20;

std::optional<std::string> readSmallFile(const std::filesystem::path &path, std::string &error)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        error = ec.message();
        return std::nullopt;
    }
    if (size > kMaxTableFileBytes) {
        error = "file too large";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot be opened";
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

std::filesystem::path timeZoneFile(const std::string &zone)
{
    const char *tzdir = std::getenv("TZDIR");
    const std::filesystem::path base = tzdir && *tzdir ? std::filesystem::path(tzdir) : kSystemZoneInfo;
    return zone.starts_with('/') ? std::filesystem::path(zone) : base / zone;
}

std::optional<LeapSecondTable> loadLeapSecondTable(const ClockControlConfig &config, RealTime now,
                                                   std::vector<std::string> &warnings)
{
    const auto load = [&](const std::filesystem::path &path, bool isList,
                          const std::string &what) -> std::optional<LeapSecondTable> {
        std::string error;
        const auto bytes = readSmallFile(path, error);
        std::optional<LeapSecondTable> table;
        if (bytes) {
            table = isList ? LeapSecondTable::fromLeapSecondsList(*bytes, error)
                           : LeapSecondTable::fromTzif(
                               {reinterpret_cast<const std::uint8_t *>(bytes->data()), bytes->size()}, error);
        }
        if (!table) {
            warnings.push_back(what + " " + path.string() + ": " + error);
            return std::nullopt;
        }
        if (!table->knowsRecentHistory()) {
            warnings.push_back(what + " " + path.string() + " does not know the leap seconds of 2012 and is ignored");
            return std::nullopt;
        }
        if (const auto expiry = table->expiryUtcSeconds(); expiry && nanosSinceEpoch(now) / kNanosPerSecond >= *expiry)
            warnings.push_back(what + " " + path.string() + " has expired and needs an update (package tzdata)");
        return table;
    };
    std::optional<LeapSecondTable> table;
    if (!config.leapSecList.empty())
        table = load(config.leapSecList, true, "leap second list");
    if (!table && !config.leapSecTimezone.empty())
        table = load(timeZoneFile(config.leapSecTimezone), false, "leapsectz time zone");
    if (!table && !warnings.empty() && (!config.leapSecList.empty() || !config.leapSecTimezone.empty()))
        warnings.back() += "; leap seconds come from the sources only";
    return table;
}

} // namespace s1
