#include "ntp/NtpResponder.h"

namespace s1 {

NtpResponder::NtpResponder(AccessFilter access)
    : m_access(std::move(access))
{
}

std::optional<std::vector<std::uint8_t>> NtpResponder::respond(std::span<const std::uint8_t> request,
                                                               bool truncated,
                                                               const SocketAddress &client,
                                                               RealTime receiveTime,
                                                               const ServedReference &reference)
{
    return handle(request, truncated, client, receiveTime, reference).reply;
}

NtpResponse NtpResponder::handle(std::span<const std::uint8_t> request, bool truncated, const SocketAddress &client,
                                 RealTime receiveTime, const ServedReference &reference)
{
    using enum NtpRequestVerdict;
    ++m_stats.packetsReceived;

    // Access is checked before parsing so that a denied host learns nothing from us, not even
    // whether its packet was well formed.
    if (!m_access.allows(client.ip.unmapped())) {
        ++m_stats.droppedDenied;
        return {std::nullopt, Denied};
    }
    if (truncated) {
        ++m_stats.droppedMalformed;
        return {std::nullopt, NotARequest};
    }
    const NtpParseResult parsed = parseNtpPacket(request);
    if (parsed.error == NtpParseError::UnsupportedVersion) {
        ++m_stats.droppedBadVersion;
        return {std::nullopt, NotARequest};
    }
    if (!parsed.ok()) {
        ++m_stats.droppedMalformed;
        return {std::nullopt, NotARequest};
    }
    const NtpHeader &in = parsed.packet.header;
    // Only client requests are answered: no symmetric or broadcast association, and control
    // (6) and private (7) modes get nothing, which closes the classic amplification vectors.
    if (in.mode != NtpMode::Client) {
        ++m_stats.droppedBadMode;
        return {std::nullopt, NotARequest};
    }
    // A request signed with a symmetric key we cannot verify must not get an unsigned reply
    // that the client would drop anyway.
    if (parsed.packet.mac == NtpMacKind::SymmetricKey || client.port == 0) {
        ++m_stats.droppedOther;
        return {std::nullopt, Unanswered};
    }

    const bool synchronised = reference.stratum < kNtpMaxStratum
        && reference.leap != LeapIndicator::Unsynchronised;
    NtpHeader out;
    out.leap = synchronised ? reference.leap : LeapIndicator::Unsynchronised;
    out.version = in.version;
    out.mode = NtpMode::Server;
    out.stratum = synchronised ? static_cast<std::uint8_t>(reference.stratum) : 0;
    out.poll = in.poll;
    out.precision = static_cast<std::int8_t>(reference.precision);
    out.rootDelay = NtpShort::fromSeconds(reference.rootDelay);
    out.rootDispersion = NtpShort::fromSeconds(reference.rootDispersion);
    out.referenceId = synchronised ? reference.referenceId : 0;
    out.referenceTime = synchronised ? NtpTimestamp::fromRealTime(reference.referenceTime) : NtpTimestamp();
    out.originTime = in.transmitTime;
    out.receiveTime = NtpTimestamp::fromRealTime(receiveTime);
    out.transmitTime = out.receiveTime;

    const auto header = serializeNtpHeader(out);
    // The reply is the bare header: never longer than the request, which is at least a header.
    ++m_stats.repliesSent;
    return {std::vector<std::uint8_t>(header.begin(), header.end()), Answered};
}

} // namespace s1
