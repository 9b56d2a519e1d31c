#include "history/HistorySeries.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr std::int64_t nanos(std::chrono::hours span)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(span).count();
}

std::int64_t ceilMinute(std::int64_t time)
{
    const std::int64_t start = minuteStart(time);
    return start == time ? start : start + HistorySeries::kNanosPerMinute;
}

} // namespace

std::int64_t minuteStart(std::int64_t time)
{
    std::int64_t q = time / HistorySeries::kNanosPerMinute;
    if (time % HistorySeries::kNanosPerMinute < 0)
        --q;
    return q * HistorySeries::kNanosPerMinute;
}

void HistoryBucket::add(double value)
{
    if (count == 0) {
        min = max = value;
        sum = 0;
    } else {
        min = std::min(min, value);
        max = std::max(max, value);
    }
    sum += value;
    ++count;
}

void HistoryBucket::merge(const HistoryBucket &other)
{
    if (other.count == 0)
        return;
    if (count == 0) {
        min = other.min;
        max = other.max;
        sum = 0;
    } else {
        min = std::min(min, other.min);
        max = std::max(max, other.max);
    }
    sum += other.sum;
    count += other.count;
}

bool HistorySeries::add(std::int64_t time, double value)
{
    if (!std::isfinite(value))
        return false;
    if (!m_points.empty() && time <= m_points.back().time)
        return false;
    if (!m_minutes.empty() && minuteStart(time) < m_minutes.back().start)
        return false;
    m_points.push_back({time, value});
    const std::int64_t minute = minuteStart(time);
    if (m_minutes.empty() || m_minutes.back().start != minute)
        m_minutes.push_back(HistoryBucket{minute, 0, 0, 0, 0});
    m_minutes.back().add(value);
    dropOld();
    return true;
}

void HistorySeries::dropOld()
{
    const std::int64_t newest = m_points.back().time;
    const std::int64_t pointLimit = newest - nanos(kFullResolutionSpan);
    while (m_points.size() > kFullResolutionCapacity || m_points.front().time <= pointLimit) {
        m_fullSince = m_points.front().time + 1;
        m_points.pop_front();
    }
    const std::int64_t minuteLimit = minuteStart(newest) - nanos(kMinuteSpan);
    while (m_minutes.size() > kMinuteCapacity || m_minutes.front().start <= minuteLimit)
        m_minutes.pop_front();
}

std::vector<HistoryBucket> HistorySeries::query(std::int64_t from, std::int64_t to, std::size_t buckets) const
{
    if (buckets == 0 || to < from)
        return {};
    const auto count = static_cast<std::int64_t>(buckets);
    // n * width > to - from, so every time in [from, to] has a bucket.
    const std::int64_t width = (to - from) / count + 1;
    std::vector<HistoryBucket> result(buckets);
    for (std::size_t i = 0; i < buckets; ++i)
        result[i].start = from + static_cast<std::int64_t>(i) * width;
    const auto slot = [&](std::int64_t time) -> HistoryBucket & {
        return result[static_cast<std::size_t>((time - from) / width)];
    };

    // Minutes wholly or partly dropped from the full resolution come from the roll-up, the
    // rest from the points, so that no point counts twice and none is missed.
    const std::int64_t cut =
        m_fullSince == std::numeric_limits<std::int64_t>::min() ? m_fullSince : ceilMinute(m_fullSince);
    for (const HistoryBucket &minute : m_minutes) {
        if (minute.start >= cut)
            break;
        if (minute.start >= from && minute.start <= to)
            slot(minute.start).merge(minute);
    }
    const std::int64_t firstPoint = std::max(from, cut);
    auto it = std::lower_bound(m_points.begin(), m_points.end(), firstPoint,
                               [](const HistoryPoint &p, std::int64_t t) { return p.time < t; });
    for (; it != m_points.end() && it->time <= to; ++it)
        slot(it->time).add(it->value);
    return result;
}

std::int64_t HistorySeries::firstTime() const
{
    if (m_minutes.empty())
        return 0;
    // While no point has been dropped the oldest point is the first; after that only its
    // minute is known.
    if (m_fullSince == std::numeric_limits<std::int64_t>::min() && !m_points.empty())
        return m_points.front().time;
    return m_minutes.front().start;
}

std::int64_t HistorySeries::lastTime() const
{
    return m_points.empty() ? 0 : m_points.back().time;
}

std::size_t HistorySeries::memoryBytes() const
{
    return m_points.size() * sizeof(HistoryPoint) + m_minutes.size() * sizeof(HistoryBucket);
}

bool HistorySeries::restore(std::deque<HistoryPoint> points, std::deque<HistoryBucket> minutes, std::int64_t fullSince,
                            HistorySeries &series)
{
    if (points.size() > kFullResolutionCapacity || minutes.size() > kMinuteCapacity)
        return false;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!std::isfinite(points[i].value) || (i > 0 && points[i].time <= points[i - 1].time))
            return false;
        if (points[i].time < fullSince)
            return false;
    }
    for (std::size_t i = 0; i < minutes.size(); ++i) {
        const HistoryBucket &m = minutes[i];
        if (m.count == 0 || m.start != minuteStart(m.start) || (i > 0 && m.start <= minutes[i - 1].start))
            return false;
        if (!std::isfinite(m.min) || !std::isfinite(m.max) || !std::isfinite(m.sum) || m.min > m.max)
            return false;
    }
    // Every point is in the roll-up, so the newest point's minute is the newest minute.
    if (!points.empty() && (minutes.empty() || minutes.back().start != minuteStart(points.back().time)))
        return false;
    series.m_points = std::move(points);
    series.m_minutes = std::move(minutes);
    series.m_fullSince = fullSince;
    return true;
}

} // namespace s1
