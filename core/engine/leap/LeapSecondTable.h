// The leap seconds UTC has had and has announced, read from what a Linux system keeps: the IERS
// list (`leapseclist`, e.g. /usr/share/zoneinfo/leap-seconds.list) or a time zone with leap
// seconds (`leapsectz right/UTC`, a TZif file). The engine does no I/O: the host reads the
// file and hands its bytes here.
#pragma once

#include "ntp/NtpTypes.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

class LeapSecondTable
{
public:
    struct Entry
    {
        std::int64_t utcSeconds = 0; // Unix time of the UTC midnight from which the offset holds
        int taiOffset = 0;           // TAI - UTC from then on, s
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // What the table says of the UTC day containing an instant.
    struct Day
    {
        // The leap second at the end of this day, if any (None otherwise).
        LeapIndicator leap = LeapIndicator::None;
        // TAI - UTC during this day, s; 0 before the table's first entry.
        int taiOffset = 0;
    };

    // TAI - UTC on 1972-01-01, where both formats start counting leap seconds.
    static constexpr int kInitialTaiOffset = 10;
    static constexpr std::int64_t kSecondsPerDay = 86'400;
    // Seconds from the NTP era 0 epoch (1900) to the Unix epoch: the list's time scale.
    static constexpr std::int64_t kNtpToUnixSeconds = 2'208'988'800;

    // The IERS/NIST list: "NTPSECONDS TAIOFFSET # comment" lines, "#$ NTPSECONDS" (last update)
    // and "#@ NTPSECONDS" (expiry). nullopt with `error` ("line N: ...") when it is not one.
    static std::optional<LeapSecondTable> fromLeapSecondsList(std::string_view text, std::string &error);
    // A TZif file (version 1 to 4) with leap second records, such as right/UTC.
    static std::optional<LeapSecondTable> fromTzif(std::span<const std::uint8_t> bytes, std::string &error);
    static LeapSecondTable fromEntries(std::vector<Entry> entries, std::optional<std::int64_t> expiryUtcSeconds);

    Day day(RealTime utc) const;
    // Unix time after which the list may miss announced leap seconds (the list's "#@" line);
    // nullopt when the source does not say.
    std::optional<std::int64_t> expiryUtcSeconds() const { return m_expiry; }
    const std::vector<Entry> &entries() const { return m_entries; }
    // Whether it knows the leap seconds of 2012 (chrony's sanity check of a leap source): the
    // one on 2012-06-30 and none on 2012-12-31, with TAI - UTC 34 and 35 on those days.
    bool knowsRecentHistory() const;

    friend bool operator==(const LeapSecondTable &, const LeapSecondTable &) = default;

private:
    std::vector<Entry> m_entries; // ascending utcSeconds
    std::optional<std::int64_t> m_expiry;
};

} // namespace s1
