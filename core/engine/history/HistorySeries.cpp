#include "history/HistorySeries.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace s1 {

namespace {

constexpr std::int64_t nanos(std::chrono::hours span)
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(span).count();
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if (a % b < 0)
        --q;
    return q;
}

std::int64_t ceilMinute(std::int64_t time)
{
    const std::int64_t start = minuteStart(time);
    return start == time ? start : start + HistorySeries::kNanosPerMinute;
}

// The time a point is kept at: its millisecond.
std::int64_t truncatedToMilli(std::int64_t time)
{
    return floorDiv(time, HistorySeries::kNanosPerMilli) * HistorySeries::kNanosPerMilli;
}

// Minutes since the Unix epoch, when they fit the 32 bits a minute is kept in (4000 years
// either way).
std::optional<std::int32_t> minuteIndex(std::int64_t time)
{
    const std::int64_t minute = floorDiv(time, HistorySeries::kNanosPerMinute);
    if (minute < std::numeric_limits<std::int32_t>::min() || minute > std::numeric_limits<std::int32_t>::max())
        return std::nullopt;
    return static_cast<std::int32_t>(minute);
}

bool fitsFloat(double value)
{
    return std::isfinite(value) && std::abs(value) <= static_cast<double>(std::numeric_limits<float>::max());
}

// Milliseconds from a base a point can be kept at.
constexpr std::int64_t kMaxMillis = std::numeric_limits<std::uint32_t>::max();

} // namespace

std::int64_t minuteStart(std::int64_t time)
{
    return floorDiv(time, HistorySeries::kNanosPerMinute) * HistorySeries::kNanosPerMinute;
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

std::int64_t HistorySeries::timeOf(const StoredPoint &point) const
{
    return m_base + static_cast<std::int64_t>(point.millis) * kNanosPerMilli;
}

void HistorySeries::rebase(std::int64_t newBase)
{
    const auto shift = static_cast<std::uint32_t>((newBase - m_base) / kNanosPerMilli);
    for (StoredPoint &point : m_points)
        point.millis -= shift;
    m_base = newBase;
}

bool HistorySeries::add(std::int64_t time, double value)
{
    const std::optional<std::int32_t> minute = minuteIndex(time);
    if (!fitsFloat(value) || !minute)
        return false;
    const std::int64_t kept = truncatedToMilli(time);
    if (!m_points.empty() && kept <= timeOf(m_points.back()))
        return false;
    if (!m_minutes.empty() && *minute < m_minutes.back().minute)
        return false;
    if (m_points.empty()) {
        m_base = kept;
    } else if ((kept - m_base) / kNanosPerMilli > kMaxMillis) {
        rebase(timeOf(m_points.front()));
        // Still too far: every point held is weeks older than this one and goes anyway.
        if ((kept - m_base) / kNanosPerMilli > kMaxMillis) {
            m_fullSince = timeOf(m_points.back()) + 1;
            m_points.clear();
            m_base = kept;
        }
    }
    const auto stored = static_cast<float>(value);
    m_points.push_back({static_cast<std::uint32_t>((kept - m_base) / kNanosPerMilli), stored});
    if (m_minutes.empty() || m_minutes.back().minute != *minute)
        m_minutes.push_back(StoredMinute{*minute, 0, 0, 0, 0});
    StoredMinute &bucket = m_minutes.back();
    if (bucket.count == 0) {
        bucket.min = bucket.max = stored;
    } else {
        bucket.min = std::min(bucket.min, stored);
        bucket.max = std::max(bucket.max, stored);
    }
    bucket.sum += static_cast<double>(stored);
    ++bucket.count;
    dropOld();
    return true;
}

void HistorySeries::dropOld()
{
    const std::int64_t newest = timeOf(m_points.back());
    const std::int64_t pointLimit = newest - nanos(kFullResolutionSpan);
    while (m_points.size() > kFullResolutionCapacity || timeOf(m_points.front()) <= pointLimit) {
        m_fullSince = timeOf(m_points.front()) + 1;
        m_points.pop_front();
    }
    const std::int64_t minuteLimit = minuteStart(newest) - nanos(kMinuteSpan);
    while (m_minutes.size() > kMinuteCapacity
           || static_cast<std::int64_t>(m_minutes.front().minute) * kNanosPerMinute <= minuteLimit)
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
    for (const StoredMinute &minute : m_minutes) {
        const std::int64_t start = static_cast<std::int64_t>(minute.minute) * kNanosPerMinute;
        if (start >= cut)
            break;
        if (start >= from && start <= to)
            slot(start).merge(HistoryBucket{start, minute.count, minute.min, minute.max, minute.sum});
    }
    const std::int64_t firstPoint = std::max(from, cut);
    auto it = std::lower_bound(m_points.begin(), m_points.end(), firstPoint,
                               [this](const StoredPoint &p, std::int64_t t) { return timeOf(p) < t; });
    for (; it != m_points.end() && timeOf(*it) <= to; ++it)
        slot(timeOf(*it)).add(it->value);
    return result;
}

std::int64_t HistorySeries::firstTime() const
{
    if (m_minutes.empty())
        return 0;
    // While no point has been dropped the oldest point is the first; after that only its
    // minute is known.
    if (m_fullSince == std::numeric_limits<std::int64_t>::min() && !m_points.empty())
        return timeOf(m_points.front());
    return static_cast<std::int64_t>(m_minutes.front().minute) * kNanosPerMinute;
}

std::int64_t HistorySeries::lastTime() const
{
    return m_points.empty() ? 0 : timeOf(m_points.back());
}

std::vector<HistoryPoint> HistorySeries::points() const
{
    std::vector<HistoryPoint> out;
    out.reserve(m_points.size());
    for (const StoredPoint &p : m_points)
        out.push_back({timeOf(p), p.value});
    return out;
}

std::vector<HistoryBucket> HistorySeries::minutes() const
{
    std::vector<HistoryBucket> out;
    out.reserve(m_minutes.size());
    for (const StoredMinute &m : m_minutes)
        out.push_back({static_cast<std::int64_t>(m.minute) * kNanosPerMinute, m.count, m.min, m.max, m.sum});
    return out;
}

std::size_t HistorySeries::memoryBytes() const
{
    return m_points.size() * sizeof(StoredPoint) + m_minutes.size() * sizeof(StoredMinute);
}

bool HistorySeries::restore(const std::vector<HistoryPoint> &points, const std::vector<HistoryBucket> &minutes,
                            std::int64_t fullSince, HistorySeries &series)
{
    if (points.size() > kFullResolutionCapacity || minutes.size() > kMinuteCapacity)
        return false;
    const std::int64_t base = points.empty() ? 0 : truncatedToMilli(points.front().time);
    HistorySeries restored;
    restored.m_base = base;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const std::int64_t kept = truncatedToMilli(points[i].time);
        if (!fitsFloat(points[i].value) || !minuteIndex(points[i].time) || points[i].time < fullSince)
            return false;
        if (i > 0 && kept <= truncatedToMilli(points[i - 1].time))
            return false;
        if ((kept - base) / kNanosPerMilli > kMaxMillis)
            return false;
        restored.m_points.push_back(
            {static_cast<std::uint32_t>((kept - base) / kNanosPerMilli), static_cast<float>(points[i].value)});
    }
    for (std::size_t i = 0; i < minutes.size(); ++i) {
        const HistoryBucket &m = minutes[i];
        const std::optional<std::int32_t> minute = minuteIndex(m.start);
        if (!minute || m.count == 0 || m.start != minuteStart(m.start) || (i > 0 && m.start <= minutes[i - 1].start))
            return false;
        if (!fitsFloat(m.min) || !fitsFloat(m.max) || !std::isfinite(m.sum) || m.min > m.max)
            return false;
        restored.m_minutes.push_back({*minute, m.count, static_cast<float>(m.min), static_cast<float>(m.max), m.sum});
    }
    // Every point is in the roll-up, so the newest point's minute is the newest minute.
    if (!points.empty() && (minutes.empty() || minutes.back().start != minuteStart(points.back().time)))
        return false;
    restored.m_fullSince = fullSince;
    series = std::move(restored);
    return true;
}

} // namespace s1
