// The NTP server's client log (chrony's `clients` report): per client address, how many
// requests it sent, how many we dropped, how often it asks and when it last did, and its
// `ratelimit` token bucket (RateLimiter.h). Sans I/O and deterministic: the caller hands in
// every time, and the limiter's random draws follow the seed it is given.
//
// Memory is bounded by `clientloglimit` bytes: the log keeps at most limit / kRecordBytes
// records and, when a new address arrives at a full log, forgets the one seen least recently.
// A flood of spoofed source addresses therefore costs a bounded amount of memory and pushes out
// old records, never the process. Lookups use an ordered map, not a hash table, so chosen
// addresses cannot degrade them (no hash flooding); every operation is O(log n).
#pragma once

#include "config/EngineConfig.h"
#include "net/IpAddress.h"
#include "ntp/NtpTimestamp.h"
#include "ntp/RateLimiter.h"
#include "time/Timestamps.h"

#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <optional>
#include <vector>

namespace s1 {

struct ClientRecord
{
    IpAddress address;
    std::uint64_t ntpPackets = 0; // requests received, dropped ones included
    std::uint64_t ntpDropped = 0; // requests we did not answer: access rules, rate limiting
    // log2 s, exponentially averaged over the intervals between this client's requests; none
    // until the second request. As in chronyd, an interval that follows a request we dropped
    // for rate limiting goes into the second mean instead (chronyc's IntL): a client that
    // retries faster when it gets no answer shows it there.
    std::optional<double> averageIntervalLog2;
    std::optional<double> averageLimitedIntervalLog2;
    RealTime lastPacket; // on the caller's time scale
    RateBucket bucket;
    // Interleaved mode (chronyd's NTP timestamps of a client): the receive timestamp of our
    // last reply to a request that may be interleaved, as it went out, and the time that reply
    // really left (served time scale, the host's latest and best stamp of it). A request whose
    // origin timestamp is `interleavedReceive` asks for `interleavedTransmit`. Zero: none. The
    // transmit timestamp's lowest bit, which a reply never carries (kServerReceiveFlag), says
    // whether the kernel stamped it, for chronyc's serverstats; it costs the record nothing.
    NtpTimestamp interleavedReceive;
    NtpTimestamp interleavedTransmit;

    friend bool operator==(const ClientRecord &, const ClientRecord &) = default;
};

class ClientLog
{
public:
    // What one record costs on x86-64 glibc, bytes: its LRU list node (two pointers and the
    // 112-byte record) and its map node (colour, three pointers, key and iterator), each a heap
    // chunk with 8 bytes of header rounded up to 16: 144 + 80. clientloglimit divides by it, as
    // chronyd divides by its own record size.
    static constexpr std::uint64_t kRecordBytes = 224;
    // chronyd's MAX_TX_DELAY: a later transmit stamp of a reply (the kernel's) replaces the
    // one we have only when it is at most this much later, never earlier; anything else
    // belongs to another packet.
    static constexpr Nanoseconds kMaxTransmitDelay = std::chrono::seconds(1);
    // Weight of a new interval in the running mean of log2 intervals: a client that changes
    // its polling interval shows the new one after a handful of requests, as in chrony.
    static constexpr double kIntervalWeight = 0.25;
    // log2 s: shorter intervals (bursts, a clock stepped back) count as this. It is the
    // shortest interval chrony.conf's ratelimit can express.
    static constexpr double kMinIntervalLog2 = -19.0;
    // log2 s: intervals this short all count as one rate when deciding whether a client
    // retries faster when dropped (chronyd's resolution there).
    static constexpr double kRetryFloorLog2 = -5.0;

    enum class Outcome : std::uint8_t { Served, Dropped };

    // Keeps at most limitBytes / kRecordBytes records (none below one record's worth). With
    // rateLimit.enabled, request() limits each client's answers; `seed` drives its leak and
    // KoD draws.
    explicit ClientLog(std::uint64_t limitBytes, const RateLimitConfig &rateLimit = {}, std::uint64_t seed = 1);

    // One request from `client` at `time`, answered or refused for reasons of its own
    // (`outcome`, e.g. the access rules); the rate limit is not consulted.
    void record(const IpAddress &client, RealTime time, Outcome outcome);
    // One request from `client` at `time` that we would answer: logs it and says whether the
    // rate limit lets it through, as a KoD, or not at all (counted as dropped). A client the
    // log cannot keep (clientloglimit below one record) passes.
    RateDecision request(const IpAddress &client, RealTime time);

    const RateLimiter &limiter() const { return m_limiter; }

    std::size_t size() const { return m_byRecency.size(); }
    std::size_t capacity() const { return m_capacity; }
    // Records forgotten to make room for newer clients (chrony's "Client log records dropped").
    std::uint64_t recordsDropped() const { return m_recordsDropped; }

    // Interleaved mode. The transmit timestamp to answer an interleaved request from `client`
    // with: the one saved for our reply whose receive timestamp the request names as its origin
    // (`origin`). As in chronyd a saved pair serves one interleaved reply only, so a replayed
    // request cannot make us send the same timestamps twice; none when nothing matches or its
    // transmit time never came.
    struct SavedTransmit
    {
        NtpTimestamp transmit;
        bool kernel = false; // the kernel's stamp, not the daemon's
    };
    std::optional<SavedTransmit> takeInterleavedTransmit(const IpAddress &client, NtpTimestamp origin);
    // Our reply to a request from `client` that may be interleaved went out with receive
    // timestamp `receive` at `transmit` (the daemon's stamp); replaces what was saved.
    void saveInterleaved(const IpAddress &client, NtpTimestamp receive, NtpTimestamp transmit);
    // The kernel's stamp `transmit` of that reply, which names it by its receive timestamp
    // `receive`: replaces the daemon's when at most kMaxTransmitDelay later. False when no
    // saved reply matches or the stamp is refused.
    bool updateTransmit(const IpAddress &client, NtpTimestamp receive, NtpTimestamp transmit, bool kernel);
    // Clients holding a receive/transmit pair for interleaved replies (chronyc's "NTP
    // timestamps held").
    std::size_t interleavedTimestampsHeld() const;

    const ClientRecord *find(const IpAddress &client) const;
    // chronyc's `clients -r`: every client's counters start again from zero (the clients stay).
    void resetCounters();
    // Up to `limit` records, the most recently seen first.
    std::vector<ClientRecord> mostRecent(std::size_t limit) const;

private:
    using Recency = std::list<ClientRecord>;

    // The record of `client`, created (full bucket) or moved to the front; null when the log
    // keeps nothing.
    ClientRecord *touch(const IpAddress &client, RealTime time);
    static void updateInterval(ClientRecord &record, RealTime time);
    // The client asks more than twice as often after a dropped request than after an answer.
    static bool retriesFaster(const ClientRecord &record);
    ClientRecord *findMutable(const IpAddress &client);

    std::size_t m_capacity;
    RateLimiter m_limiter;
    Recency m_byRecency; // most recently seen first
    std::map<IpAddress, Recency::iterator> m_byAddress;
    std::uint64_t m_recordsDropped = 0;
};

} // namespace s1
