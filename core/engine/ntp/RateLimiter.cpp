#include "ntp/RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr int kRandomBits = 64;

Nanoseconds intervalCost(int log2Seconds)
{
    // 2^-19 s is 1907.3 ns: rounding to whole ns changes the rate by 0.02 % at most.
    return Nanoseconds(std::llround(std::ldexp(1e9, log2Seconds)));
}

} // namespace

RateLimiter::RateLimiter(const RateLimitConfig &config, std::uint64_t seed)
    : m_enabled(config.enabled)
    , m_interval(config.interval)
    , m_leak(std::max(config.leak, 1))
    , m_kod(std::max(config.kod, 0))
    , m_cost(intervalCost(config.interval))
    , m_capacity(m_cost * std::max(config.burst, 1))
    , m_state(seed)
{ }

void RateLimiter::refill(RateBucket &bucket, Nanoseconds elapsed) const
{
    if (elapsed <= Nanoseconds::zero())
        return;
    // Compare before adding: a client silent for years must not overflow the credit.
    const std::int64_t room = m_capacity.count() - bucket.creditNs;
    bucket.creditNs += std::min(elapsed.count(), std::max<std::int64_t>(room, 0));
}

RateDecision RateLimiter::admit(RateBucket &bucket, bool retriesFaster)
{
    bucket.lastDropped = false;
    if (!m_enabled)
        return RateDecision::Pass;
    if (bucket.creditNs >= m_cost.count()) {
        bucket.creditNs -= m_cost.count();
        return RateDecision::Pass;
    }
    bool leak = oneIn(m_leak);
    if (retriesFaster)
        leak = !leak;
    if (leak) {
        // The leaked answer empties the bucket: the client waits a full interval again.
        bucket.creditNs = 0;
        return RateDecision::Pass;
    }
    // A KoD is an answer: the client's next request is not one after a timeout.
    if (m_kod > 0 && oneIn(m_kod))
        return RateDecision::Kod;
    bucket.lastDropped = true;
    return RateDecision::Drop;
}

bool RateLimiter::oneIn(int log2)
{
    if (m_bitsLeft < log2) {
        m_bits = nextRandom();
        m_bitsLeft = kRandomBits;
    }
    const std::uint64_t mask = (std::uint64_t(1) << log2) - 1;
    const bool hit = (m_bits & mask) == 0;
    m_bits >>= log2;
    m_bitsLeft -= log2;
    return hit;
}

std::uint64_t RateLimiter::nextRandom()
{
    // splitmix64 (Steele, Lea, Flood 2014): small, fast, and good enough for coin flips.
    m_state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = m_state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

} // namespace s1
