// A recorded series over a time range, downsampled to buckets (min/mean/max): what a window asks
// its feed for (SnapshotFeed::requestHistory) and gets back, whoever keeps the history (the
// service over the control socket, or the window's own engine). Plain values, std only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace s1 {

struct HistoryRangeRequest
{
    std::string series;        // "tracking.offset", "source/PPS/offset", ...
    std::int64_t from = 0;     // ns since the Unix epoch
    std::int64_t to = 0;       // ns since the Unix epoch, inclusive
    std::uint32_t buckets = 0; // equal intervals covering [from, to]

    friend bool operator==(const HistoryRangeRequest &, const HistoryRangeRequest &) = default;
};

struct HistoryRangeBucket
{
    std::int64_t start = 0;  // ns since the Unix epoch
    std::uint32_t count = 0; // 0: no points in it (a gap; the values mean nothing)
    double min = 0;
    double mean = 0;
    double max = 0;

    friend bool operator==(const HistoryRangeBucket &, const HistoryRangeBucket &) = default;
};

struct HistoryRange
{
    HistoryRangeRequest request; // what was asked
    bool ok = false;
    std::string error;            // why not, when !ok ("no such series: X", "not connected", ...)
    std::string unit;             // "s", "ppm", "dB-Hz" or ""
    std::int64_t bucketWidth = 0; // ns
    std::vector<HistoryRangeBucket> buckets;
};

} // namespace s1
