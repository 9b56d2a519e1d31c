#include "ntp/ClientLog.h"

#include "ntp/NtpPacket.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace s1 {

namespace {

#if defined(__x86_64__)
// kRecordBytes is worked out from this size; whoever changes the record updates both.
static_assert(sizeof(ClientRecord) == 112);
#endif

std::size_t capacityFor(std::uint64_t limitBytes)
{
    const std::uint64_t records = limitBytes / ClientLog::kRecordBytes;
    return static_cast<std::size_t>(std::min<std::uint64_t>(records, std::numeric_limits<std::size_t>::max()));
}

} // namespace

ClientLog::ClientLog(std::uint64_t limitBytes, const RateLimitConfig &rateLimit, std::uint64_t seed)
    : m_capacity(capacityFor(limitBytes))
    , m_limiter(rateLimit, seed)
{ }

ClientRecord *ClientLog::touch(const IpAddress &client, RealTime time)
{
    if (m_capacity == 0)
        return nullptr;
    if (const auto found = m_byAddress.find(client); found != m_byAddress.end()) {
        m_byRecency.splice(m_byRecency.begin(), m_byRecency, found->second);
        ClientRecord &record = *found->second;
        ++record.ntpPackets;
        m_limiter.refill(record.bucket, time - record.lastPacket);
        updateInterval(record, time);
        return &record;
    }
    if (m_byRecency.size() >= m_capacity) {
        m_byAddress.erase(m_byRecency.back().address);
        m_byRecency.pop_back();
        ++m_recordsDropped;
    }
    ClientRecord fresh;
    fresh.address = client;
    fresh.ntpPackets = 1;
    fresh.lastPacket = time;
    fresh.bucket = m_limiter.freshBucket();
    m_byRecency.push_front(fresh);
    m_byAddress.emplace(client, m_byRecency.begin());
    return &m_byRecency.front();
}

void ClientLog::record(const IpAddress &client, RealTime time, Outcome outcome)
{
    ClientRecord *record = touch(client, time);
    if (record && outcome == Outcome::Dropped)
        ++record->ntpDropped;
}

RateDecision ClientLog::request(const IpAddress &client, RealTime time)
{
    ClientRecord *record = touch(client, time);
    if (!record)
        return RateDecision::Pass;
    const RateDecision decision = m_limiter.admit(record->bucket, retriesFaster(*record));
    if (decision == RateDecision::Drop)
        ++record->ntpDropped;
    return decision;
}

bool ClientLog::retriesFaster(const ClientRecord &record)
{
    if (!record.averageIntervalLog2 || !record.averageLimitedIntervalLog2)
        return false;
    // chronyd stamps requests in 1/16 s and counts shorter intervals as 2^-5 s, so a flood
    // never looks like it retries faster: only rates below that floor are compared, else the
    // jitter of a flood's intervals would invert the leak for it now and then.
    const double answered = std::max(*record.averageIntervalLog2, kRetryFloorLog2);
    const double limited = std::max(*record.averageLimitedIntervalLog2, kRetryFloorLog2);
    return limited < answered - 1.0;
}

void ClientLog::resetCounters()
{
    for (ClientRecord &record : m_byRecency) {
        record.ntpPackets = 0;
        record.ntpDropped = 0;
    }
}

void ClientLog::updateInterval(ClientRecord &record, RealTime time)
{
    const double interval = toSeconds(time - record.lastPacket);
    // A zero or negative interval (same timestamp, clock stepped back) is as short as it gets;
    // log2 of it would be -inf or NaN and poison the mean for good.
    const double sample = interval > 0 ? std::max(std::log2(interval), kMinIntervalLog2) : kMinIntervalLog2;
    std::optional<double> &mean =
        record.bucket.lastDropped ? record.averageLimitedIntervalLog2 : record.averageIntervalLog2;
    if (mean)
        *mean += kIntervalWeight * (sample - *mean);
    else
        mean = sample;
    record.lastPacket = time;
}

ClientRecord *ClientLog::findMutable(const IpAddress &client)
{
    const auto found = m_byAddress.find(client);
    return found == m_byAddress.end() ? nullptr : &*found->second;
}

std::optional<ClientLog::SavedTransmit> ClientLog::takeInterleavedTransmit(const IpAddress &client, NtpTimestamp origin)
{
    ClientRecord *record = findMutable(client);
    if (!record || origin.isZero() || record->interleavedReceive != origin || record->interleavedTransmit.isZero())
        return std::nullopt;
    const SavedTransmit saved{withoutServerReceiveFlag(record->interleavedTransmit),
                              hasServerReceiveFlag(record->interleavedTransmit)};
    record->interleavedReceive = {};
    record->interleavedTransmit = {};
    return saved;
}

void ClientLog::saveInterleaved(const IpAddress &client, NtpTimestamp receive, NtpTimestamp transmit)
{
    if (ClientRecord *record = findMutable(client)) {
        record->interleavedReceive = receive;
        record->interleavedTransmit = withoutServerReceiveFlag(transmit);
    }
}

bool ClientLog::updateTransmit(const IpAddress &client, NtpTimestamp receive, NtpTimestamp transmit, bool kernel)
{
    ClientRecord *record = findMutable(client);
    if (!record || receive.isZero() || record->interleavedReceive != receive || transmit.isZero())
        return false;
    if (!record->interleavedTransmit.isZero()) {
        // Modular difference of the two 64-bit stamps (2^-32 s units): right across an era.
        const auto units =
            static_cast<std::int64_t>(transmit.raw() - withoutServerReceiveFlag(record->interleavedTransmit).raw());
        const double delay = std::ldexp(static_cast<double>(units), -32);
        if (delay < 0 || delay > toSeconds(kMaxTransmitDelay))
            return false;
    }
    record->interleavedTransmit = kernel ? withServerReceiveFlag(transmit) : withoutServerReceiveFlag(transmit);
    return true;
}

std::size_t ClientLog::interleavedTimestampsHeld() const
{
    return static_cast<std::size_t>(std::count_if(m_byRecency.begin(), m_byRecency.end(), [](const ClientRecord &r) {
        return !r.interleavedReceive.isZero() && !r.interleavedTransmit.isZero();
    }));
}

const ClientRecord *ClientLog::find(const IpAddress &client) const
{
    const auto found = m_byAddress.find(client);
    return found == m_byAddress.end() ? nullptr : &*found->second;
}

std::vector<ClientRecord> ClientLog::mostRecent(std::size_t limit) const
{
    const std::size_t count = std::min(limit, m_byRecency.size());
    std::vector<ClientRecord> records;
    records.reserve(count);
    for (auto it = m_byRecency.begin(); records.size() < count; ++it)
        records.push_back(*it);
    return records;
}

} // namespace s1
