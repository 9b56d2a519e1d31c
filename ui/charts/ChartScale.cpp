#include "ChartScale.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace s1 {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kNanosPerMinute = 60 * kNanosPerSecond;
constexpr std::int64_t kNanosPerHour = 60 * kNanosPerMinute;
constexpr std::int64_t kNanosPerDay = 24 * kNanosPerHour;
constexpr std::array kTimeSteps{1 * kNanosPerSecond,  2 * kNanosPerSecond,  5 * kNanosPerSecond,  10 * kNanosPerSecond,
                                15 * kNanosPerSecond, 30 * kNanosPerSecond, 1 * kNanosPerMinute,  2 * kNanosPerMinute,
                                5 * kNanosPerMinute,  10 * kNanosPerMinute, 15 * kNanosPerMinute, 30 * kNanosPerMinute,
                                1 * kNanosPerHour,    2 * kNanosPerHour,    3 * kNanosPerHour,    6 * kNanosPerHour,
                                12 * kNanosPerHour,   1 * kNanosPerDay,     2 * kNanosPerDay,     7 * kNanosPerDay};

// The least span an axis shows, by unit: below this the ticks would only show rounding noise.
constexpr double kMinSpanSeconds = 2e-9;
constexpr double kMinSpanPpm = 2e-4;
constexpr double kMinSpanOther = 2e-6;

double minSpan(std::string_view unit)
{
    if (unit == "s")
        return kMinSpanSeconds;
    if (unit == "ppm")
        return kMinSpanPpm;
    return kMinSpanOther;
}

// floor/ceil for negative numbers too.
std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

ValueRange robustRange(std::vector<double> lows, std::vector<double> highs, double tailFraction)
{
    ValueRange range;
    if (lows.empty() || highs.empty())
        return range;
    const auto drop = [tailFraction](std::size_t n) {
        return static_cast<std::size_t>(std::floor(static_cast<double>(n) * std::clamp(tailFraction, 0.0, 0.49)));
    };
    const std::size_t lowIndex = drop(lows.size());
    std::nth_element(lows.begin(), lows.begin() + static_cast<std::ptrdiff_t>(lowIndex), lows.end());
    const std::size_t highIndex = highs.size() - 1 - drop(highs.size());
    std::nth_element(highs.begin(), highs.begin() + static_cast<std::ptrdiff_t>(highIndex), highs.end());
    range.low = lows[lowIndex];
    range.high = highs[highIndex];
    if (range.high < range.low)
        std::swap(range.low, range.high);
    range.valid = std::isfinite(range.low) && std::isfinite(range.high);
    return range;
}

double roundStep(double raw)
{
    if (!(raw > 0) || !std::isfinite(raw))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 5.0, 10.0}) {
        // A relative tolerance: 0.3/0.1 must come out as 3 steps of 0.1, not of 0.2.
        if (m * power >= raw * (1 - 1e-9))
            return m * power;
    }
    return 10 * power;
}

DisplayUnit secondsUnit(double magnitude)
{
    if (magnitude < 1e-6)
        return {"ns", 1e9};
    if (magnitude < 1e-3)
        return {"\u00b5s", 1e6};
    if (magnitude < 1)
        return {"ms", 1e3};
    return {"s", 1};
}

ValueAxisLayout layoutValueAxis(double low, double high, std::string_view unit, int maxTicks)
{
    ValueAxisLayout axis;
    if (!std::isfinite(low) || !std::isfinite(high)) {
        low = 0;
        high = 0;
    }
    if (high < low)
        std::swap(low, high);
    const double least = minSpan(unit);
    if (high - low < least) {
        const double middle = (low + high) / 2;
        low = middle - least / 2;
        high = middle + least / 2;
    }
    const int intervals = std::max(1, maxTicks - 1);
    axis.step = roundStep((high - low) / intervals);
    axis.low = std::floor(low / axis.step + 1e-9) * axis.step;
    axis.high = std::ceil(high / axis.step - 1e-9) * axis.step;
    const auto count = static_cast<int>(std::llround((axis.high - axis.low) / axis.step));
    for (int i = 0; i <= count; ++i) {
        double tick = axis.low + i * axis.step;
        if (std::abs(tick) < axis.step * 1e-6)
            tick = 0; // no "-0"
        axis.ticks.push_back(tick);
    }
    if (unit == "s")
        axis.unit = secondsUnit(std::max(std::abs(axis.low), std::abs(axis.high)));
    else
        axis.unit = {std::string(unit), 1};
    const double shownStep = axis.step * axis.unit.factor;
    axis.decimals = std::max(0, static_cast<int>(-std::floor(std::log10(shownStep) + 1e-9)));
    return axis;
}

TimeAxisLayout layoutTimeAxis(std::int64_t from, std::int64_t to, int maxTicks)
{
    TimeAxisLayout axis;
    if (to <= from || maxTicks < 1)
        return axis;
    axis.step = kTimeSteps.back();
    for (const std::int64_t step : kTimeSteps) {
        if ((to - from) / step + 1 <= maxTicks) {
            axis.step = step;
            break;
        }
    }
    for (std::int64_t t = (floorDiv(from - 1, axis.step) + 1) * axis.step; t <= to; t += axis.step)
        axis.ticks.push_back(t);
    if (axis.step < kNanosPerMinute)
        axis.style = TimeLabelStyle::Seconds;
    else if (to - from > kNanosPerDay)
        axis.style = TimeLabelStyle::DayAndTime;
    else
        axis.style = TimeLabelStyle::Minutes;
    return axis;
}

std::string formatClockTime(std::int64_t time, TimeLabelStyle style)
{
    const std::time_t seconds = static_cast<std::time_t>(floorDiv(time, kNanosPerSecond));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32] = {};
    const char *format = "%H:%M";
    if (style == TimeLabelStyle::Seconds)
        format = "%H:%M:%S";
    else if (style == TimeLabelStyle::DayAndTime)
        format = "%a %H:%M"; // the day name in the process locale (QApplication sets it)
    std::strftime(text, sizeof text, format, &utc);
    return text;
}

} // namespace s1
