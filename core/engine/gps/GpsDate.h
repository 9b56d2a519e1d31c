// Calendar arithmetic shared by the NMEA and UBX decoders: a UTC date and time of day as the
// receivers send them, converted to RealTime, plus the two repairs receivers need: the century
// of RMC's two-digit year and the GPS week-number rollover.
#pragma once

#include "time/Timestamps.h"

#include <cstdint>
#include <optional>

namespace s1 {

struct GpsDate
{
    int year = 0; // four digits
    int month = 0;
    int day = 0;
    bool operator==(const GpsDate &) const = default;
};

// Time of day as sent: hours, minutes and nanoseconds into the minute (a leap second's
// 23:59:60 is 60 s, which maps to the first instant of the next day on the Unix scale).
struct GpsTimeOfDay
{
    int hour = 0;
    int minute = 0;
    std::int64_t nanosOfMinute = 0;
    bool operator==(const GpsTimeOfDay &) const = default;
    std::int64_t nanosOfDay() const;
};

// Two-digit years below this are 20yy, the rest 19yy (gpsd's window: no GPS receiver
// reported a 1969 date, and the window lasts until 2068).
constexpr int kCenturyPivotYY = 69;
int expandTwoDigitYear(int yy);

// False for impossible dates (month 13, 31 February, year 0).
bool isValidDate(const GpsDate &date);
std::optional<RealTime> toRealTime(const GpsDate &date, const GpsTimeOfDay &time);
GpsDate dateOf(RealTime t);

// 1024 GPS weeks: the legacy navigation message's week counter wraps after this.
constexpr std::int64_t kGpsWeekRolloverSeconds = 1024LL * 7 * 86400;
// Dates earlier than this are taken to come from a receiver past its firmware's rollover
// window and are moved forward by 1024 weeks until they are not: the build's release date,
// since a running server cannot have been built before its clock's current date.
// (The rollover-hit receivers report exactly 1024 weeks early: a GP-320FW said 1999-08 on
// 2019-04-07.) gpsd instead trusts the date (it only applies its own build-date pivot to
// week numbers), so it reports the 1999 dates.
constexpr RealTime kDefaultRolloverPivot = realTimeFromNanos(1'767'225'600LL * kNanosPerSecond); // 2026-01-01
// Bounds the correction loop: four rollovers are more than 78 years.
constexpr int kMaxRolloverCorrections = 4;
RealTime correctWeekRollover(RealTime t, RealTime pivot);

} // namespace s1
