#include "history/HistoryStore.h"

namespace s1 {

bool HistoryStore::add(const std::string &series, std::int64_t time, double value)
{
    auto it = m_series.find(series);
    if (it == m_series.end()) {
        if (m_series.size() >= kMaxSeries) {
            ++m_refusedSeries;
            return false;
        }
        it = m_series.emplace(series, HistorySeries{}).first;
    }
    return it->second.add(time, value);
}

const HistorySeries *HistoryStore::series(std::string_view name) const
{
    const auto it = m_series.find(name);
    return it == m_series.end() ? nullptr : &it->second;
}

std::size_t HistoryStore::memoryBytes() const
{
    std::size_t bytes = 0;
    for (const auto &[name, series] : m_series)
        bytes += name.size() + series.memoryBytes();
    return bytes;
}

std::string_view historySeriesUnit(std::string_view series)
{
    const auto endsWith = [series](std::string_view tail) {
        return series.size() >= tail.size() && series.substr(series.size() - tail.size()) == tail;
    };
    if (endsWith("frequency") || endsWith("skew"))
        return "ppm";
    if (endsWith("Snr"))
        return "dB-Hz";
    if (endsWith("state") || endsWith("satellitesUsed"))
        return "";
    return "s";
}

} // namespace s1
