// The axes of a chart, worked out without Qt Charts (so that tests can check them): a value
// range that follows the data robustly, the unit it is shown in (ns/µs/ms/s for seconds), round
// tick values, and clock-time ticks (UTC) at round intervals. Std only.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

// What a value is multiplied by to show it, and the symbol then shown ("µs", "ppm").
struct DisplayUnit
{
    std::string symbol;
    double factor = 1;

    friend bool operator==(const DisplayUnit &, const DisplayUnit &) = default;
};

struct ValueAxisLayout
{
    double low = 0; // the axis range, in the series' own unit (seconds, ppm), on ticks
    double high = 0;
    double step = 0; // between ticks, same unit
    std::vector<double> ticks;
    DisplayUnit unit;
    int decimals = 0; // for the tick labels, in the display unit
};

// The range of the values without the few most extreme: the low end of the column minima and
// the high end of the column maxima after leaving out `tailFraction` of the columns on each side
// (rounded down, so that a few columns keep all of theirs). A start-up step that fills a few
// columns of a long view then no longer decides the scale. False when there is no value.
struct ValueRange
{
    double low = 0;
    double high = 0;
    bool valid = false;
};
ValueRange robustRange(std::vector<double> lows, std::vector<double> highs, double tailFraction);

// 1, 2 or 5 times a power of ten, the least not below `raw` (> 0).
double roundStep(double raw);

// The axis for data in [low, high] of a series in `unit` ("s", "ppm", ...): about `maxTicks`
// round ticks, the range widened to the outer ticks (and to a least span, so a flat line does
// not zoom into rounding noise), and for seconds the unit that suits the magnitude.
ValueAxisLayout layoutValueAxis(double low, double high, std::string_view unit, int maxTicks);
// The display unit for seconds of this magnitude (the larger absolute end of the range).
DisplayUnit secondsUnit(double magnitude);

// How clock-time ticks are labelled: the finer the step, the more of the time shows.
enum class TimeLabelStyle { Seconds, Minutes, DayAndTime };

struct TimeAxisLayout
{
    std::vector<std::int64_t> ticks; // ns since the Unix epoch, multiples of step (UTC-aligned)
    std::int64_t step = 0;           // ns
    TimeLabelStyle style = TimeLabelStyle::Minutes;
};

// Ticks within [from, to] at the least round interval (1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15,
// 30 min; 1, 2, 3, 6, 12 h; 1 day) that keeps them at most `maxTicks`.
TimeAxisLayout layoutTimeAxis(std::int64_t from, std::int64_t to, int maxTicks);
// "12:34:56", "12:34" or "Mon 12:34" (UTC), as the style says.
std::string formatClockTime(std::int64_t time, TimeLabelStyle style);

} // namespace s1
