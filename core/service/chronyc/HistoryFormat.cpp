#include "chronyc/HistoryFormat.h"

#include "text/NumberText.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace s1 {

namespace {

std::string pad(const std::string &text, std::size_t width, bool left = false)
{
    if (text.size() >= width)
        return text;
    const std::string fill(width - text.size(), ' ');
    return left ? text + fill : fill + text;
}

std::string signedFixed(double value, int decimals)
{
    const std::string text = fixedText(value, decimals);
    return value >= 0 || text == "?" ? "+" + text : text;
}

} // namespace

std::string formatHistoryTime(double unixSeconds)
{
    using namespace std::chrono;
    const sys_seconds second{seconds(static_cast<std::int64_t>(std::floor(unixSeconds)))};
    const auto day = floor<days>(second);
    const year_month_day date{day};
    const hh_mm_ss clock{second - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text;
}

std::string formatHistoryValue(double value, const std::string &unit)
{
    if (unit == "s") {
        const double magnitude = std::fabs(value);
        if (magnitude < 1e-6)
            return signedFixed(value * 1e9, 3) + "ns";
        if (magnitude < 1e-3)
            return signedFixed(value * 1e6, 3) + "us";
        if (magnitude < 1)
            return signedFixed(value * 1e3, 3) + "ms";
        return signedFixed(value, 3) + "s";
    }
    if (unit == "ppm")
        return signedFixed(value, 4) + " ppm";
    return fixedText(value, 1) + (unit.empty() ? "" : " " + unit);
}

std::string formatHistorySeriesList(const std::vector<HistorySeriesInfo> &list)
{
    std::string out =
        "Series                                 Unit    Points Minutes  First (UTC)          Last (UTC)\n";
    out += std::string(103, '=') + "\n";
    for (const HistorySeriesInfo &s : list) {
        out += pad(s.series, 38, true) + " " + pad(s.unit, 5, true) + " " + pad(std::to_string(s.points), 8) + " "
               + pad(std::to_string(s.minutes), 7) + "  " + formatHistoryTime(s.first) + "  "
               + formatHistoryTime(s.last) + "\n";
    }
    return out;
}

std::string formatHistoryTable(const HistoryTable &table)
{
    std::string out = table.series + (table.unit.empty() ? "" : " (" + table.unit + ")") + ", "
                      + formatHistoryTime(table.from) + " to " + formatHistoryTime(table.to) + " UTC, "
                      + std::to_string(table.rows.size()) + " buckets of "
                      + fixedText(table.bucketSeconds,
                                  std::fabs(table.bucketSeconds - std::round(table.bucketSeconds)) < 1e-3 ? 0 : 1)
                      + " s\n";
    out += "Time (UTC)            Points           Min          Mean           Max\n";
    out += std::string(70, '=') + "\n";
    for (const HistoryRow &row : table.rows) {
        out += formatHistoryTime(row.time) + " " + pad(std::to_string(row.count), 8);
        if (row.count == 0) {
            out += pad("-", 14) + pad("-", 14) + pad("-", 14) + "\n";
            continue;
        }
        out += pad(formatHistoryValue(row.min, table.unit), 14) + pad(formatHistoryValue(row.mean, table.unit), 14)
               + pad(formatHistoryValue(row.max, table.unit), 14) + "\n";
    }
    return out;
}

std::optional<double> parseHistoryDuration(const std::string &text)
{
    if (text.size() < 2)
        return std::nullopt;
    double scale = 0;
    switch (text.back()) {
    case 's':
        scale = 1;
        break;
    case 'm':
        scale = 60;
        break;
    case 'h':
        scale = 3600;
        break;
    case 'd':
        scale = 86400;
        break;
    default:
        return std::nullopt;
    }
    // from_chars: the "C" format whatever the process locale.
    double number = 0;
    const char *end = text.data() + text.size() - 1;
    const auto [stop, failed] = std::from_chars(text.data(), end, number, std::chars_format::fixed);
    if (failed != std::errc() || stop != end || !(number > 0) || !std::isfinite(number))
        return std::nullopt;
    return number * scale;
}

} // namespace s1
