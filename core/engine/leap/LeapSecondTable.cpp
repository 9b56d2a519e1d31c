#include "leap/LeapSecondTable.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace s1 {

namespace {

// 1972-01-01T00:00:00Z, where both formats begin (TAI - UTC = 10 s from then on).
constexpr std::int64_t kFirstLeapEraUtc = 63'072'000;
// 2012-06-30 and 2012-12-31, 00:00 UTC: the days chrony checks a leap source against.
constexpr std::int64_t kJune2012LeapDay = 1'341'014'400;
constexpr std::int64_t kDecember2012Day = 1'356'912'000;
constexpr int kJune2012TaiOffset = 34;
constexpr int kDecember2012TaiOffset = 35;

// TZif: "TZif", a version byte, 15 reserved bytes, then six big-endian 32-bit counts.
constexpr std::size_t kTzifHeaderSize = 44;
constexpr std::size_t kTzifCountsOffset = 20;
constexpr std::size_t kTzifTypeInfoSize = 6;
constexpr std::size_t kTzifV1TimeSize = 4;
constexpr std::size_t kTzifV2TimeSize = 8;
constexpr std::size_t kTzifCorrectionSize = 4;

std::string_view trim(std::string_view s)
{
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = s.find_last_not_of(" \t\r");
    return s.substr(first, last - first + 1);
}

template <typename T>
bool parseNumber(std::string_view &s, T &value)
{
    s = trim(s);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc())
        return false;
    s.remove_prefix(static_cast<std::size_t>(end - s.data()));
    return true;
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::int64_t dayStart(std::int64_t utcSeconds)
{
    return floorDiv(utcSeconds, LeapSecondTable::kSecondsPerDay) * LeapSecondTable::kSecondsPerDay;
}

class BigEndianReader
{
public:
    explicit BigEndianReader(std::span<const std::uint8_t> bytes)
        : m_bytes(bytes)
    { }
    bool has(std::size_t offset, std::size_t size) const
    {
        return offset <= m_bytes.size() && size <= m_bytes.size() - offset;
    }
    std::int64_t read(std::size_t offset, std::size_t size) const
    {
        std::uint64_t value = 0;
        for (std::size_t i = 0; i < size; ++i)
            value = (value << 8) | m_bytes[offset + i];
        // Sign-extend from `size` bytes.
        const unsigned shift = static_cast<unsigned>(64 - 8 * size);
        return static_cast<std::int64_t>(value << shift) >> shift;
    }

private:
    std::span<const std::uint8_t> m_bytes;
};

struct TzifCounts
{
    std::size_t isUtc = 0, isStd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

std::optional<TzifCounts> tzifCounts(const BigEndianReader &in, std::size_t header)
{
    if (!in.has(header, kTzifHeaderSize))
        return std::nullopt;
    std::int64_t counts[6];
    for (std::size_t i = 0; i < 6; ++i) {
        counts[i] = in.read(header + kTzifCountsOffset + 4 * i, 4);
        if (counts[i] < 0)
            return std::nullopt;
    }
    const auto n = [&](int i) { return static_cast<std::size_t>(counts[i]); };
    return TzifCounts{n(0), n(1), n(2), n(3), n(4), n(5)};
}

std::size_t tzifBodySize(const TzifCounts &c, std::size_t timeSize)
{
    return c.time * (timeSize + 1) + c.type * kTzifTypeInfoSize + c.chars + c.leap * (timeSize + kTzifCorrectionSize)
           + c.isStd + c.isUtc;
}

} // namespace

std::optional<LeapSecondTable> LeapSecondTable::fromLeapSecondsList(std::string_view text, std::string &error)
{
    std::vector<Entry> entries;
    std::optional<std::int64_t> updated, expiry;
    int lineNumber = 0;
    const auto fail = [&](const std::string &what) {
        error = "line " + std::to_string(lineNumber) + ": " + what;
        return std::nullopt;
    };
    while (!text.empty()) {
        ++lineNumber;
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
        line = trim(line);
        if (line.empty())
            continue;
        if (line.front() == '#') {
            if (line.size() >= 2 && (line[1] == '$' || line[1] == '@')) {
                std::string_view rest = line.substr(2);
                std::int64_t ntpSeconds = 0;
                if (!parseNumber(rest, ntpSeconds))
                    return fail(std::string("'#") + line[1] + "' needs a time in NTP seconds");
                (line[1] == '$' ? updated : expiry) = ntpSeconds - kNtpToUnixSeconds;
            }
            continue;
        }
        std::int64_t ntpSeconds = 0;
        int offset = 0;
        std::string_view rest = line;
        if (!parseNumber(rest, ntpSeconds) || !parseNumber(rest, offset))
            return fail("expected 'NTP-SECONDS TAI-OFFSET'");
        rest = trim(rest);
        if (!rest.empty() && rest.front() != '#')
            return fail("unexpected text after the offset");
        const Entry entry{ntpSeconds - kNtpToUnixSeconds, offset};
        if (entry.utcSeconds != dayStart(entry.utcSeconds))
            return fail("the time is not a UTC midnight");
        if (!entries.empty()) {
            if (entry.utcSeconds <= entries.back().utcSeconds)
                return fail("times must grow");
            if (std::abs(entry.taiOffset - entries.back().taiOffset) != 1)
                return fail("the offset must change by one second");
        }
        entries.push_back(entry);
    }
    if (entries.empty()) {
        error = "no leap second entries";
        return std::nullopt;
    }
    // chrony insists on both: a list without them is not the IERS/NIST file.
    if (!updated || !expiry) {
        error = !updated ? "no '#$' (last update) line" : "no '#@' (expiry) line";
        return std::nullopt;
    }
    return fromEntries(std::move(entries), expiry);
}

std::optional<LeapSecondTable> LeapSecondTable::fromTzif(std::span<const std::uint8_t> bytes, std::string &error)
{
    const BigEndianReader in(bytes);
    if (!in.has(0, kTzifHeaderSize) || bytes[0] != 'T' || bytes[1] != 'Z' || bytes[2] != 'i' || bytes[3] != 'f') {
        error = "not a TZif time zone file";
        return std::nullopt;
    }
    const std::uint8_t version = bytes[4];
    auto counts = tzifCounts(in, 0);
    if (!counts || !in.has(kTzifHeaderSize, tzifBodySize(*counts, kTzifV1TimeSize))) {
        error = "truncated TZif file";
        return std::nullopt;
    }
    std::size_t header = 0;
    std::size_t timeSize = kTzifV1TimeSize;
    // Version 2 and later repeat the data with 64-bit times after the first block.
    if (version >= '2') {
        header = kTzifHeaderSize + tzifBodySize(*counts, kTzifV1TimeSize);
        counts = tzifCounts(in, header);
        timeSize = kTzifV2TimeSize;
        if (!counts || !in.has(header + kTzifHeaderSize, tzifBodySize(*counts, timeSize))) {
            error = "truncated TZif file";
            return std::nullopt;
        }
    }
    if (counts->leap == 0) {
        error = "the time zone has no leap seconds (use a 'right/' zone such as right/UTC)";
        return std::nullopt;
    }
    std::size_t offset =
        header + kTzifHeaderSize + counts->time * (timeSize + 1) + counts->type * kTzifTypeInfoSize + counts->chars;
    // A complete table starts in 1972 with correction 1; a version 4 table may start later,
    // with the total there (its first record is one more second).
    const std::int64_t first = in.read(offset + timeSize, kTzifCorrectionSize);
    std::int64_t previous = first - 1;
    std::vector<Entry> entries{{kFirstLeapEraUtc, static_cast<int>(previous) + kInitialTaiOffset}};
    std::optional<std::int64_t> expiry;
    for (std::size_t i = 0; i < counts->leap; ++i, offset += timeSize + kTzifCorrectionSize) {
        const std::int64_t occurrence = in.read(offset, timeSize);
        const std::int64_t correction = in.read(offset + timeSize, kTzifCorrectionSize);
        // The record's time counts the leap seconds before it; the nearest midnight on the
        // UTC scale is where the new offset starts.
        const std::int64_t utc = floorDiv(occurrence - previous + kSecondsPerDay / 2, kSecondsPerDay) * kSecondsPerDay;
        if (correction == previous) {
            // Version 4: two records with one correction mark where the table expires.
            expiry = utc;
            continue;
        }
        if (std::abs(correction - previous) != 1 || utc <= entries.back().utcSeconds) {
            error = "leap second record " + std::to_string(i + 1) + " is not a one-second change after the last";
            return std::nullopt;
        }
        entries.push_back({utc, static_cast<int>(correction) + kInitialTaiOffset});
        previous = correction;
    }
    return fromEntries(std::move(entries), expiry);
}

LeapSecondTable LeapSecondTable::fromEntries(std::vector<Entry> entries, std::optional<std::int64_t> expiryUtcSeconds)
{
    LeapSecondTable table;
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.utcSeconds < b.utcSeconds; });
    table.m_entries = std::move(entries);
    table.m_expiry = expiryUtcSeconds;
    return table;
}

LeapSecondTable::Day LeapSecondTable::day(RealTime utc) const
{
    const std::int64_t start = dayStart(floorDiv(nanosSinceEpoch(utc), kNanosPerSecond));
    const std::int64_t end = start + kSecondsPerDay;
    Day out;
    int before = kInitialTaiOffset;
    for (const Entry &entry : m_entries) {
        if (entry.utcSeconds <= start) {
            out.taiOffset = entry.taiOffset;
            before = entry.taiOffset;
        } else if (entry.utcSeconds == end) {
            if (entry.taiOffset > before)
                out.leap = LeapIndicator::InsertSecond;
            else if (entry.taiOffset < before)
                out.leap = LeapIndicator::DeleteSecond;
        }
    }
    return out;
}

bool LeapSecondTable::knowsRecentHistory() const
{
    const Day june = day(RealTime(std::chrono::seconds(kJune2012LeapDay)));
    const Day december = day(RealTime(std::chrono::seconds(kDecember2012Day)));
    return june.leap == LeapIndicator::InsertSecond && june.taiOffset == kJune2012TaiOffset
           && december.leap == LeapIndicator::None && december.taiOffset == kDecember2012TaiOffset;
}

} // namespace s1
