#include "ntp/NtpResponder.h"

#include "auth/NtpMac.h"

#include <algorithm>

namespace s1 {

namespace {

// NTPv1 requests come from any port but the NTP port (RFC 1059 tells modes apart by ports).
constexpr std::uint16_t kNtpPort = 123;
constexpr std::uint8_t kNtpVersion1 = 1;
// No rate limit: the reply's poll is the request's, whatever it is (int8 range).
constexpr int kNoMinPoll = -128;
// Interleaved mode is NTPv4's (chronyd answers nothing else interleaved).
constexpr std::uint8_t kNtpVersion4 = 4;

} // namespace

// The modes chronyd answers without an association (RFC 5905 section 9.2, "no association"
// row): a client request (3) gets a server reply (4); a symmetric-active request (1) from a
// peer we have not configured gets a symmetric-passive reply (2), which never makes us lock
// to that peer; an NTPv1 request (mode field 0, reserved then) from a port other than 123 is a
// client request and gets a server reply (never mode 0). Everything else, control (6) and
// private (7) included, gets nothing, which closes the classic amplification vectors.
std::optional<NtpMode> NtpResponder::replyModeFor(const NtpHeader &request, const SocketAddress &client)
{
    switch (request.mode) {
    case NtpMode::Client:
        return NtpMode::Server;
    case NtpMode::SymmetricActive:
        return NtpMode::SymmetricPassive;
    case NtpMode::Reserved:
        if (request.version == kNtpVersion1 && client.port != kNtpPort)
            return NtpMode::Server;
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

NtpResponder::NtpResponder(AccessFilter access)
    : m_access(std::move(access))
{ }

std::optional<std::vector<std::uint8_t>> NtpResponder::respond(std::span<const std::uint8_t> request, bool truncated,
                                                               const SocketAddress &client, RealTime receiveTime,
                                                               const ServedReference &reference)
{
    return handle(request, truncated, client, receiveTime, reference).reply;
}

NtpResponse NtpResponder::handle(std::span<const std::uint8_t> request, bool truncated, const SocketAddress &client,
                                 RealTime receiveTime, const ServedReference &reference)
{
    const NtpRequestCheck checked = check(request, truncated, client);
    if (checked.verdict != NtpRequestVerdict::Answered)
        return {std::nullopt, checked.verdict};
    return answer(checked, client, RateDecision::Pass, kNoMinPoll, receiveTime, reference);
}

NtpRequestCheck NtpResponder::check(std::span<const std::uint8_t> request, bool truncated, const SocketAddress &client)
{
    using enum NtpRequestVerdict;
    ++m_stats.packetsReceived;

    // Access is checked before parsing so that a denied host learns nothing from us, not even
    // whether its packet was well formed.
    if (!m_access.allows(client.ip.unmapped())) {
        ++m_stats.droppedDenied;
        return {Denied, {}, {}};
    }
    if (truncated) {
        ++m_stats.droppedMalformed;
        return {NotARequest, {}, {}};
    }
    NtpParseResult parsed = parseNtpPacket(request);
    if (parsed.error == NtpParseError::UnsupportedVersion) {
        ++m_stats.droppedBadVersion;
        return {NotARequest, {}, {}};
    }
    if (!parsed.ok()) {
        ++m_stats.droppedMalformed;
        return {NotARequest, {}, {}};
    }
    const std::optional<NtpMode> replyMode = replyModeFor(parsed.packet.header, client);
    if (!replyMode) {
        ++m_stats.droppedBadMode;
        return {NotARequest, {}, {}};
    }
    // A request signed with a symmetric key gets the time only when its MAC is good, and then
    // signed with the same key. A key we do not have or a bad MAC leaves macKeyId at 0, and
    // answer() sends a crypto-NAK instead (RFC 5905 section 7.4), within the rate limit like
    // any reply. chronyd (4.3) sends nothing; the NAK tells the client's operator that the
    // keys differ, and it carries no time a client could take for authenticated.
    std::uint32_t macKeyId = 0;
    if (parsed.packet.mac == NtpMacKind::SymmetricKey && m_keys
        && checkMac(request, parsed.packet, *m_keys) == MacCheck::Ok)
        macKeyId = parsed.packet.keyId;
    return {Answered, parsed.packet, *replyMode, macKeyId};
}

bool NtpResponder::mayBeInterleaved(const NtpHeader &request)
{
    return request.version == kNtpVersion4 && hasServerReceiveFlag(request.originTime)
           && request.receiveTime != request.transmitTime;
}

NtpResponse NtpResponder::answer(const NtpRequestCheck &request, const SocketAddress &client, RateDecision decision,
                                 int minPoll, RealTime receiveTime, const ServedReference &reference,
                                 std::optional<NtpTimestamp> interleavedTransmit)
{
    using enum NtpRequestVerdict;
    if (decision == RateDecision::Drop) {
        ++m_stats.droppedRateLimited;
        return {std::nullopt, RateLimited};
    }
    // A crypto-NAK (a key ID alone) or a request asking for NTS cannot be authenticated by us:
    // chronyd drops it rather than send an unsigned reply that the client would drop anyway.
    // Signed requests were checked by check().
    const ParsedNtpPacket &packet = request.packet;
    if (packet.mac == NtpMacKind::CryptoNak || packet.ntsFields || client.port == 0) {
        ++m_stats.droppedOther;
        return {std::nullopt, Unanswered};
    }

    // chronyd suggests the rate limit's interval to a client that polls faster.
    NtpHeader in = packet.header;
    in.poll = static_cast<std::int8_t>(std::max<int>(in.poll, minPoll));
    if (packet.mac == NtpMacKind::SymmetricKey && request.macKeyId == 0) {
        // Counted as a failed authentication, not as a reply: no time was served. The NAK (a
        // header and a zero key ID) is shorter than the request, whose MAC has a digest.
        ++m_stats.droppedAuth;
        NtpResponse nak{{}, Unanswered, 0};
        nak.reply = decision == RateDecision::Kod ? kissOfDeath(in, request.replyMode, receiveTime, reference)
                                                  : reply(in, request.replyMode, receiveTime, reference);
        nak.reply->resize(kNtpHeaderLength + kNtpCryptoNakLength, 0);
        return nak;
    }
    // The reply is the bare header, with the request's MAC length when signed: never longer
    // than the request, which is at least a header and that MAC.
    ++m_stats.repliesSent;
    NtpResponse response{{}, Answered, 0};
    if (decision == RateDecision::Kod) {
        ++m_stats.kissOfDeathSent;
        response.reply = kissOfDeath(in, request.replyMode, receiveTime, reference);
    } else if (interleavedTransmit) {
        // The previous reply's accurate transmit time, and as origin the receive timestamp the
        // client put in the request (its own receive time of that reply, or a cookie for it).
        ++m_stats.interleavedReplies;
        NtpHeader out = replyHeader(in, request.replyMode, receiveTime, reference);
        out.originTime = in.receiveTime;
        out.transmitTime = withoutServerReceiveFlag(*interleavedTransmit);
        const auto header = serializeNtpHeader(out);
        response.reply.emplace(header.begin(), header.end());
        response.interleaved = true;
    } else {
        response.reply = reply(in, request.replyMode, receiveTime, reference);
    }
    if (request.macKeyId != 0) {
        const SymmetricKey *key = m_keys ? m_keys->find(request.macKeyId) : nullptr;
        if (key) {
            ++m_stats.authenticatedRequests;
            appendMac(*response.reply, *key);
            response.macKeyId = key->id;
        }
    }
    return response;
}

std::vector<std::uint8_t> NtpResponder::kissOfDeath(const NtpHeader &request, NtpMode mode, RealTime receiveTime,
                                                    const ServedReference &reference)
{
    ServedReference kiss = reference;
    kiss.leap = LeapIndicator::Unsynchronised;
    kiss.stratum = kNtpMaxStratum;
    std::vector<std::uint8_t> out = reply(request, mode, receiveTime, kiss);
    // reply() zeroes the reference ID of an unsynchronised server; the kiss code goes there.
    constexpr std::size_t kReferenceIdOffset = 12;
    out[kReferenceIdOffset] = static_cast<std::uint8_t>(kKissRate >> 24);
    out[kReferenceIdOffset + 1] = static_cast<std::uint8_t>(kKissRate >> 16);
    out[kReferenceIdOffset + 2] = static_cast<std::uint8_t>(kKissRate >> 8);
    out[kReferenceIdOffset + 3] = static_cast<std::uint8_t>(kKissRate);
    return out;
}

std::vector<std::uint8_t> NtpResponder::reply(const NtpHeader &request, NtpMode mode, RealTime receiveTime,
                                              const ServedReference &reference)
{
    const auto header = serializeNtpHeader(replyHeader(request, mode, receiveTime, reference));
    return {header.begin(), header.end()};
}

NtpHeader NtpResponder::replyHeader(const NtpHeader &request, NtpMode mode, RealTime receiveTime,
                                    const ServedReference &reference)
{
    const bool synchronised = reference.stratum < kNtpMaxStratum && reference.leap != LeapIndicator::Unsynchronised;
    NtpHeader out;
    out.leap = synchronised ? reference.leap : LeapIndicator::Unsynchronised;
    out.version = request.version;
    out.mode = mode;
    out.stratum = synchronised ? static_cast<std::uint8_t>(reference.stratum) : 0;
    out.poll = request.poll;
    out.precision = static_cast<std::int8_t>(reference.precision);
    out.rootDelay = NtpShort::fromSeconds(synchronised ? reference.rootDelay : kUnsynchronisedRootDelay);
    out.rootDispersion = NtpShort::fromSeconds(synchronised ? reference.rootDispersion : kUnsynchronisedRootDispersion);
    out.referenceId = synchronised ? reference.referenceId : 0;
    out.referenceTime = synchronised ? NtpTimestamp::fromRealTime(reference.referenceTime) : NtpTimestamp();
    out.originTime = request.transmitTime;
    out.receiveTime = NtpTimestamp::fromRealTime(receiveTime);
    out.transmitTime = out.receiveTime;
    if (mode == NtpMode::Server || mode == NtpMode::SymmetricPassive) {
        out.receiveTime = withServerReceiveFlag(out.receiveTime);
        out.transmitTime = withoutServerReceiveFlag(out.transmitTime);
    }
    return out;
}

} // namespace s1
