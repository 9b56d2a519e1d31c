#include "ntp/ClientLog.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace s1 {

namespace {

std::size_t capacityFor(std::uint64_t limitBytes)
{
    const std::uint64_t records = limitBytes / ClientLog::kRecordBytes;
    return static_cast<std::size_t>(std::min<std::uint64_t>(records, std::numeric_limits<std::size_t>::max()));
}

} // namespace

ClientLog::ClientLog(std::uint64_t limitBytes)
    : m_capacity(capacityFor(limitBytes))
{ }

void ClientLog::record(const IpAddress &client, RealTime time, Outcome outcome)
{
    if (m_capacity == 0)
        return;
    if (const auto found = m_byAddress.find(client); found != m_byAddress.end()) {
        m_byRecency.splice(m_byRecency.begin(), m_byRecency, found->second);
        update(*found->second, time, outcome);
        return;
    }
    if (m_byRecency.size() >= m_capacity) {
        m_byAddress.erase(m_byRecency.back().address);
        m_byRecency.pop_back();
        ++m_recordsDropped;
    }
    ClientRecord fresh;
    fresh.address = client;
    fresh.ntpPackets = 1;
    fresh.ntpDropped = outcome == Outcome::Dropped ? 1 : 0;
    fresh.lastPacket = time;
    m_byRecency.push_front(fresh);
    m_byAddress.emplace(client, m_byRecency.begin());
}

void ClientLog::resetCounters()
{
    for (ClientRecord &record : m_byRecency) {
        record.ntpPackets = 0;
        record.ntpDropped = 0;
    }
}

void ClientLog::update(ClientRecord &record, RealTime time, Outcome outcome)
{
    ++record.ntpPackets;
    if (outcome == Outcome::Dropped)
        ++record.ntpDropped;
    const double interval = toSeconds(time - record.lastPacket);
    // A zero or negative interval (same timestamp, clock stepped back) is as short as it gets;
    // log2 of it would be -inf or NaN and poison the mean for good.
    const double sample = interval > 0 ? std::max(std::log2(interval), kMinIntervalLog2) : kMinIntervalLog2;
    if (record.averageIntervalLog2)
        *record.averageIntervalLog2 += kIntervalWeight * (sample - *record.averageIntervalLog2);
    else
        record.averageIntervalLog2 = sample;
    record.lastPacket = time;
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
