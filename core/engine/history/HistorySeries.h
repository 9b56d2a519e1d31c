// One recorded quantity over time (a tracking figure, a source's offset, ...): the last 24 h at
// full resolution and the last 7 days as per-minute min/mean/max, both bounded in count and
// age so that a series never grows past kMaxSeriesBytes whatever the sample rate.
//
// Std only and clock-free: the caller stamps every point (int64 ns, Unix scale) and the series
// only ever compares its own time stamps, so a restart with a reloaded series continues it.
//
// Kept packed, because a service keeps some 25 of them for days: a point is 8 bytes (its time in
// milliseconds from the series' base, its value as a float), a minute 24. Times are therefore
// kept to the millisecond (points closer than that are one), values to a float's 7 digits; both
// far finer than a chart or a min/mean/max bucket shows.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <vector>

namespace s1 {

struct HistoryPoint
{
    std::int64_t time = 0; // ns since the Unix epoch
    double value = 0;

    friend bool operator==(const HistoryPoint &, const HistoryPoint &) = default;
};

// Points within one interval: a minute of the 7-day roll-up, or one bucket of a query.
struct HistoryBucket
{
    std::int64_t start = 0;  // ns since the Unix epoch, start of the interval
    std::uint32_t count = 0; // points in it; 0 = a gap (min/max/sum are then meaningless)
    double min = 0;
    double max = 0;
    double sum = 0; // of the values; mean = sum / count

    double mean() const { return count ? sum / count : 0.0; }
    void add(double value);
    void merge(const HistoryBucket &other);

    friend bool operator==(const HistoryBucket &, const HistoryBucket &) = default;
};

class HistorySeries
{
public:
    static constexpr std::int64_t kNanosPerMinute = 60'000'000'000;
    // Full resolution: one day of points, at most one per second on average.
    static constexpr std::chrono::hours kFullResolutionSpan{24};
    static constexpr std::size_t kFullResolutionCapacity = 24 * 3600;
    // The roll-up: one week of minutes.
    static constexpr std::chrono::hours kMinuteSpan{7 * 24};
    static constexpr std::size_t kMinuteCapacity = 7 * 24 * 60;
    // The resolution points are kept with.
    static constexpr std::int64_t kNanosPerMilli = 1'000'000;

private:
    struct StoredPoint
    {
        std::uint32_t millis = 0; // since m_base
        float value = 0;
        friend bool operator==(const StoredPoint &, const StoredPoint &) = default;
    };
    struct StoredMinute
    {
        std::int32_t minute = 0; // minutes since the Unix epoch
        std::uint32_t count = 0;
        float min = 0;
        float max = 0;
        double sum = 0; // of the float values: a mean over a minute of points stays exact
        friend bool operator==(const StoredMinute &, const StoredMinute &) = default;
    };

public:
    static constexpr std::size_t kStoredPointBytes = sizeof(StoredPoint);
    static constexpr std::size_t kStoredMinuteBytes = sizeof(StoredMinute);
    // What one series holds at most (elements only; the deques add well under 1 %).
    static constexpr std::size_t kMaxSeriesBytes =
        kFullResolutionCapacity * kStoredPointBytes + kMinuteCapacity * kStoredMinuteBytes;

    // Adds a point. False (and nothing changes) for a value that is not finite or beyond a
    // float's range, a time not after the newest point's (to the millisecond: a clock stepped
    // back must not reorder the series) or beyond the year 6000.
    bool add(std::int64_t time, double value);

    // `buckets` equal intervals covering [from, to] (the last one may reach past `to`), each
    // with the points in it; a bucket without points has count 0 (a gap, never interpolated).
    // Within the last 24 h the points themselves are used; before that, each minute of the
    // roll-up counts in the bucket its start falls into. Empty for buckets == 0 or to < from.
    std::vector<HistoryBucket> query(std::int64_t from, std::int64_t to, std::size_t buckets) const;

    bool empty() const { return m_points.empty() && m_minutes.empty(); }
    // The oldest and newest time held (either resolution; once the full resolution has dropped
    // points, the oldest minute's start); 0 when empty.
    std::int64_t firstTime() const;
    std::int64_t lastTime() const;
    // The points and minutes as held (times to the millisecond, values as floats), unpacked.
    std::vector<HistoryPoint> points() const;
    std::vector<HistoryBucket> minutes() const;
    std::size_t pointCount() const { return m_points.size(); }
    std::size_t minuteCount() const { return m_minutes.size(); }
    // Points before this time have been dropped from the full resolution (the roll-up still
    // has them); the minimum when none has been.
    std::int64_t fullResolutionSince() const { return m_fullSince; }
    // Bytes the elements take now.
    std::size_t memoryBytes() const;

    // Rebuilds a series from what points()/minutes()/fullResolutionSince() returned (a file).
    // False when they break the invariants: times strictly increasing (to the millisecond),
    // minutes aligned and within the capacities, values finite and within a float's range,
    // counts positive.
    static bool restore(const std::vector<HistoryPoint> &points, const std::vector<HistoryBucket> &minutes,
                        std::int64_t fullSince, HistorySeries &series);

    // The same points, minutes and full resolution start (however they are packed).
    friend bool operator==(const HistorySeries &a, const HistorySeries &b)
    {
        return a.m_fullSince == b.m_fullSince && a.m_minutes == b.m_minutes && a.points() == b.points();
    }

private:
    void dropOld();
    std::int64_t timeOf(const StoredPoint &point) const;
    // Moves m_base up to the oldest point when a new point's offset would not fit 32 bits
    // (after 49 days of points, once per ~25 days).
    void rebase(std::int64_t newBase);

    std::deque<StoredPoint> m_points;
    std::deque<StoredMinute> m_minutes;
    std::int64_t m_base = 0; // ns since the Unix epoch, a whole millisecond
    std::int64_t m_fullSince = std::numeric_limits<std::int64_t>::min();
};

// floor(time / minute) * minute, for negative times too.
std::int64_t minuteStart(std::int64_t time);

} // namespace s1
