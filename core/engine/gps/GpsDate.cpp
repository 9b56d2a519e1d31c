#include "gps/GpsDate.h"

#include <chrono>

namespace s1 {

namespace {

constexpr int kCenturyTwenty = 2000;
constexpr int kCenturyNineteen = 1900;
constexpr int kHoursPerDay = 24;
constexpr int kMinutesPerHour = 60;
constexpr std::int64_t kNanosPerMinute = 60 * kNanosPerSecond;
constexpr std::int64_t kNanosPerHour = 60 * kNanosPerMinute;
// Up to one leap second: 23:59:60.x.
constexpr std::int64_t kMaxNanosOfMinute = 61 * kNanosPerSecond;
// The last whole year RealTime's int64 nanoseconds hold (they end in April 2262). A ZDA or
// UBX date is the receiver's to send: a later year is refused rather than overflowing.
constexpr int kLastRealTimeYear = 2261;

} // namespace

std::int64_t GpsTimeOfDay::nanosOfDay() const
{
    return hour * kNanosPerHour + minute * kNanosPerMinute + nanosOfMinute;
}

int expandTwoDigitYear(int yy)
{
    return yy < kCenturyPivotYY ? kCenturyTwenty + yy : kCenturyNineteen + yy;
}

bool isValidDate(const GpsDate &date)
{
    using namespace std::chrono;
    if (date.year <= 0 || date.month < 1 || date.month > 12 || date.day < 1 || date.day > 31)
        return false;
    return year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                          day{static_cast<unsigned>(date.day)}}
        .ok();
}

std::optional<RealTime> toRealTime(const GpsDate &date, const GpsTimeOfDay &time)
{
    using namespace std::chrono;
    if (!isValidDate(date) || date.year > kLastRealTimeYear || time.hour < 0 || time.hour >= kHoursPerDay
        || time.minute < 0 || time.minute >= kMinutesPerHour || time.nanosOfMinute < 0
        || time.nanosOfMinute >= kMaxNanosOfMinute)
        return std::nullopt;
    const sys_days days{year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                                       day{static_cast<unsigned>(date.day)}}};
    return RealTime(duration_cast<Nanoseconds>(days.time_since_epoch()) + Nanoseconds(time.nanosOfDay()));
}

GpsDate dateOf(RealTime t)
{
    using namespace std::chrono;
    const year_month_day ymd{floor<days>(t)};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

RealTime correctWeekRollover(RealTime t, RealTime pivot)
{
    const Nanoseconds rollover(kGpsWeekRolloverSeconds * kNanosPerSecond);
    for (int i = 0; i < kMaxRolloverCorrections && t < pivot; ++i)
        t += rollover;
    return t;
}

} // namespace s1
