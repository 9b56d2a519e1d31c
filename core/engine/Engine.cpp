#include "engine/Engine.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace s1 {

Engine::Engine(EngineConfig config, EngineOptions options, RealTime now)
    : m_config(std::move(config))
    , m_options(options)
    , m_responder(AccessFilter(m_config.ntpAccess))
    , m_random(options.seed)
{
    const RealTime cooked = m_clock.cook(now);
    for (const SourceConfig &source : m_config.sources) {
        const auto literal = IpAddress::parse(source.host);
        if (literal && source.kind != SourceConfig::Kind::Pool) {
            addSource(source, source.host, *literal, {}, cooked);
            continue;
        }
        PendingResolve pending{source, cooked, kResolveRetryFirst};
        m_pendingResolves.emplace(m_nextResolveToken++, pending);
    }
    requestDueResolves(cooked);
}

Engine::~Engine() = default;

bool Engine::addSource(const SourceConfig &config, std::string name, const IpAddress &address,
                       std::string poolName, RealTime now)
{
    const SocketAddress remote{address, config.port};
    const bool known = std::any_of(m_sources.begin(), m_sources.end(),
                                   [&](const auto &s) { return s->address() == remote; });
    if (known)
        return false; // two directives or pool members naming the same server poll it once
    m_sources.push_back(std::make_unique<NtpSource>(m_nextSourceId++, config, std::move(name), remote,
                                                    std::move(poolName), now, m_options.precision));
    return true;
}

void Engine::handlePacket(const ReceivedPacket &packet, RealTime now)
{
    (void)now;
    const RealTime cookedReceive = m_clock.cook(packet.receiveTime);
    if (packet.role == SocketRole::Server)
        handleServerPacket(packet, cookedReceive);
    else
        handleClientPacket(packet, cookedReceive);
}

void Engine::handleServerPacket(const ReceivedPacket &packet, RealTime cookedReceive)
{
    auto reply = m_responder.respond(packet.data, packet.truncated, packet.remote, cookedReceive,
                                     servedReference(cookedReceive));
    if (!reply)
        return;
    OutgoingPacket out;
    out.role = SocketRole::Server;
    out.hostSocket = packet.hostSocket;
    out.remote = packet.remote;
    out.data = std::move(*reply);
    out.stampTransmit = true;
    m_outgoing.push_back(std::move(out));
}

void Engine::handleClientPacket(const ReceivedPacket &packet, RealTime cookedReceive)
{
    if (packet.truncated) {
        ++m_clientPacketsDropped;
        return;
    }
    const SocketAddress remote{packet.remote.ip.unmapped(), packet.remote.port};
    const auto it = std::find_if(m_sources.begin(), m_sources.end(),
                                 [&](const auto &s) { return s->address() == remote; });
    if (it == m_sources.end()) {
        ++m_clientPacketsDropped;
        return;
    }
    const NtpParseResult parsed = parseNtpPacket(packet.data);
    if (!parsed.ok()) {
        ++m_clientPacketsDropped;
        return;
    }
    (*it)->handleReply(parsed.packet, cookedReceive);
}

void Engine::handleTimeout(RealTime now)
{
    const RealTime cooked = m_clock.cook(now);
    requestDueResolves(cooked);
    pollDueSources(cooked);
}

void Engine::pollDueSources(RealTime now)
{
    for (const auto &source : m_sources) {
        if (!source->isActive() || source->nextPollTime() > now)
            continue;
        OutgoingPacket out;
        out.role = SocketRole::Client;
        out.remote = source->address();
        out.data = source->makeRequest(now, m_random());
        out.transmitToken = source->id();
        m_outgoing.push_back(std::move(out));
    }
}

void Engine::requestDueResolves(RealTime now)
{
    for (auto &[token, pending] : m_pendingResolves) {
        if (pending.inFlight || pending.retryAt > now)
            continue;
        pending.inFlight = true;
        m_resolveRequests.push_back({token, pending.config.host});
    }
}

void Engine::handleResolved(std::uint64_t token, const std::vector<IpAddress> &addresses, RealTime now)
{
    const auto it = m_pendingResolves.find(token);
    if (it == m_pendingResolves.end())
        return;
    const RealTime cooked = m_clock.cook(now);
    PendingResolve &pending = it->second;
    if (addresses.empty()) {
        pending.inFlight = false;
        pending.retryAt = cooked + pending.retryDelay;
        pending.retryDelay = std::min(pending.retryDelay * 2, kResolveRetryMax);
        return;
    }
    const SourceConfig config = pending.config;
    m_pendingResolves.erase(it);
    if (config.kind == SourceConfig::Kind::Pool) {
        // Only sources really added count: a pool may return an address twice, or one that
        // another directive already polls.
        int wanted = std::max(config.maxSources, 1);
        for (std::size_t i = 0; i < addresses.size() && wanted > 0; ++i)
            if (addSource(config, addresses[i].toString(), addresses[i], config.host, cooked))
                --wanted;
    } else {
        addSource(config, config.host, addresses.front(), {}, cooked);
    }
}

void Engine::handleTransmitted(std::uint64_t token, RealTime sendTime)
{
    const auto it = std::find_if(m_sources.begin(), m_sources.end(),
                                 [&](const auto &s) { return s->id() == token; });
    if (it != m_sources.end())
        (*it)->requestTransmitted(m_clock.cook(sendTime));
}

std::vector<OutgoingPacket> Engine::takeOutgoing()
{
    return std::exchange(m_outgoing, {});
}

std::vector<ResolveRequest> Engine::takeResolveRequests()
{
    return std::exchange(m_resolveRequests, {});
}

std::optional<RealTime> Engine::nextWakeup() const
{
    std::optional<RealTime> next;
    const auto consider = [&next](RealTime t) {
        if (!next || t < *next)
            next = t;
    };
    for (const auto &source : m_sources)
        if (source->isActive())
            consider(source->nextPollTime());
    for (const auto &[token, pending] : m_pendingResolves)
        if (!pending.inFlight)
            consider(pending.retryAt);
    if (!next)
        return std::nullopt;
    // Engine times are cooked; the host's timer runs on the raw clock.
    return m_clock.uncook(*next);
}

NtpTimestamp Engine::transmitTimestamp(RealTime now) const
{
    return NtpTimestamp::fromRealTime(m_clock.cook(now));
}

ServedReference Engine::servedReference(RealTime now) const
{
    const ReferenceSnapshot r = referenceSnapshot(now);
    ServedReference served;
    served.leap = r.leap;
    served.stratum = r.stratum;
    served.referenceId = r.referenceId;
    served.referenceTime = r.referenceTime.value_or(now);
    served.rootDelay = r.rootDelay;
    served.rootDispersion = r.rootDispersion;
    served.precision = r.precision;
    return served;
}

ReferenceSnapshot Engine::referenceSnapshot(RealTime now) const
{
    ReferenceSnapshot r;
    r.precision = m_options.precision;
    if (m_config.local.enabled) {
        // `local`: serve our own clock as if it were synchronised at the configured stratum,
        // with no accumulated error beyond what a reading of it can resolve.
        r.synchronised = true;
        r.stratum = m_config.local.stratum;
        r.referenceId = kLocalReferenceId;
        r.referenceName = "LOCAL";
        r.leap = LeapIndicator::None;
        r.referenceTime = now;
        r.rootDelay = 0;
        r.rootDispersion = std::ldexp(1.0, m_options.precision);
    }
    return r;
}

EngineSnapshot Engine::snapshot(RealTime now) const
{
    const RealTime cooked = m_clock.cook(now);
    EngineSnapshot s;
    s.time = cooked;
    s.reference = referenceSnapshot(cooked);
    s.server = m_responder.stats();
    s.clientPacketsDropped = m_clientPacketsDropped;
    s.ntpPort = m_config.ntpPort;
    s.sources.reserve(m_sources.size());
    for (const auto &source : m_sources)
        s.sources.push_back(source->snapshot());
    return s;
}

} // namespace s1
