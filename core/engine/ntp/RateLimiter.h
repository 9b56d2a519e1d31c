// `ratelimit` (chrony.conf(5)): a token bucket per client address, kept in the client log. Each
// answer costs one response interval (2^interval s) of credit; credit accrues at one second per
// second up to `burst` responses' worth. A request that finds too little credit is still
// answered about once in 2^leak (so that a flood spoofing a victim's address never silences it
// completely); of the rest, about one in 2^kod gets a RATE kiss-o'-death instead of nothing.
//
// Sans I/O and deterministic: the caller hands in every time, and the random draws come from
// a generator seeded by the engine's seed.
#pragma once

#include "config/EngineConfig.h"
#include "time/Timestamps.h"

#include <cstdint>

namespace s1 {

enum class RateDecision : std::uint8_t {
    Pass, // answer normally
    Kod,  // answer with a RATE kiss-o'-death
    Drop, // do not answer
};

// A client's share of the limiter, kept in its client log record.
struct RateBucket
{
    std::int64_t creditNs = 0; // time credit, ns; one response costs RateLimiter::cost()
    bool lastDropped = false;  // the previous request got no answer (chronyd's drop flag)

    friend bool operator==(const RateBucket &, const RateBucket &) = default;
};

class RateLimiter
{
public:
    // Disabled (everything passes) unless config.enabled.
    RateLimiter(const RateLimitConfig &config, std::uint64_t seed);

    bool enabled() const { return m_enabled; }
    // The credit one response costs, and the most a bucket holds (burst responses).
    Nanoseconds cost() const { return m_cost; }
    Nanoseconds capacity() const { return m_capacity; }
    // log2 s: the poll interval our replies suggest at least (chronyd's CLG_GetNtpMinPoll).
    int minPoll() const { return m_interval; }

    // A fresh bucket: full, as chronyd starts a new client.
    RateBucket freshBucket() const { return {m_capacity.count(), false}; }
    // Credit for `elapsed` since the client's previous request; a negative `elapsed` (the
    // clock stepped back) earns nothing.
    void refill(RateBucket &bucket, Nanoseconds elapsed) const;
    // Spends credit for one request. `retriesFaster` says the client asks more than twice as
    // often when it gets no answer than when it does (a client that retries on timeouts): the
    // leak is inverted for it and most of its requests are answered, as chronyd does, since
    // dropping them only multiplies the traffic.
    RateDecision admit(RateBucket &bucket, bool retriesFaster);

private:
    // True about once in 2^log2 calls.
    bool oneIn(int log2);
    std::uint64_t nextRandom();

    bool m_enabled;
    int m_interval; // log2 s
    int m_leak;     // log2
    int m_kod;      // log2, 0: no KoD
    Nanoseconds m_cost;
    Nanoseconds m_capacity;
    std::uint64_t m_state;    // splitmix64
    std::uint64_t m_bits = 0; // random bits not used yet
    int m_bitsLeft = 0;
};

} // namespace s1
