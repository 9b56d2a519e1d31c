// stratumctl's `history` layouts, in chronyc's spirit (a heading, a rule, fixed columns,
// values with their unit scaled as chronyc prints offsets: ns, us, ms, s).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

struct HistorySeriesInfo
{
    std::string series;
    std::string unit;
    double first = 0; // Unix seconds
    double last = 0;
    std::int64_t points = 0;
    std::int64_t minutes = 0;
};

struct HistoryRow
{
    double time = 0; // Unix seconds, the bucket's start
    std::int64_t count = 0;
    double min = 0;
    double mean = 0;
    double max = 0;
};

struct HistoryTable
{
    std::string series;
    std::string unit;
    double from = 0;
    double to = 0;
    double bucketSeconds = 0;
    std::vector<HistoryRow> rows;
};

std::string formatHistorySeriesList(const std::vector<HistorySeriesInfo> &list);
std::string formatHistoryTable(const HistoryTable &table);
// One value in `unit`: seconds scaled ("+1.234us", "-12.500ms"), ppm ("+0.123 ppm"), others
// with one decimal.
std::string formatHistoryValue(double value, const std::string &unit);
// "2026-12-06 19:00:00", whole seconds, UTC.
std::string formatHistoryTime(double unixSeconds);

// stratumctl's --since: "90s", "10m", "1h", "7d" (a duration, in seconds); nullopt otherwise.
std::optional<double> parseHistoryDuration(const std::string &text);

} // namespace s1
