// The recorded history of the server: series keyed by name ("tracking.offset",
// "source/PPS/offset", "gps.satellitesUsed", ...), bounded in number so that a pool that keeps
// replacing its servers cannot grow it without limit. Std only; the host feeds it
// (HistoryRecorder) and the control socket queries it.
#pragma once

#include "history/HistorySeries.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace s1 {

class HistoryStore
{
public:
    // Tracking (8), GPS (2) and four figures for each of 60 sources.
    static constexpr std::size_t kMaxSeries = 256;

    // Adds a point to `series`, creating it. False when the series refused the point (see
    // HistorySeries::add) or when kMaxSeries series exist already (counted in refusedSeries()).
    bool add(const std::string &series, std::int64_t time, double value);

    const HistorySeries *series(std::string_view name) const;
    const std::map<std::string, HistorySeries, std::less<>> &all() const { return m_series; }
    std::size_t memoryBytes() const;
    std::uint64_t refusedSeries() const { return m_refusedSeries; }
    bool empty() const { return m_series.empty(); }

    // For loading a file: replaces (or creates) one series.
    void put(const std::string &name, HistorySeries series) { m_series[name] = std::move(series); }

    friend bool operator==(const HistoryStore &, const HistoryStore &) = default;

private:
    std::map<std::string, HistorySeries, std::less<>> m_series;
    std::uint64_t m_refusedSeries = 0;
};

// The unit of a series' values by its name: "s" (offsets, delays, dispersions, the error
// bound), "ppm" (frequency, skew), "dB-Hz", or "" (a count, a state number).
std::string_view historySeriesUnit(std::string_view series);

} // namespace s1
