// The NTP server side of the engine: turns one client request into one reply, sans I/O.
#pragma once

#include "auth/KeyTable.h"
#include "net/AccessFilter.h"
#include "ntp/NtpPacket.h"
#include "ntp/RateLimiter.h"
#include "report/EngineSnapshot.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace s1 {

// What an unsynchronised server reports as its root delay and dispersion: chronyd's values
// (1 s each), which clients ignore anyway since leap 3 / stratum 0 says "do not use me".
constexpr double kUnsynchronisedRootDelay = 1.0;      // s
constexpr double kUnsynchronisedRootDispersion = 1.0; // s

// Values a reply is built from: the engine's reference state at the time of the request.
struct ServedReference
{
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    int stratum = kNtpMaxStratum; // 16 = unsynchronised, sent as 0
    std::uint32_t referenceId = 0;
    RealTime referenceTime;
    double rootDelay = 0;      // s
    double rootDispersion = 0; // s, at the time of the request
    int precision = 0;         // log2 s
};

// What became of one datagram on the server socket, as the client log needs to know it.
enum class NtpRequestVerdict : std::uint8_t {
    Answered,
    Denied,      // the access rules refuse the client (checked before anything else)
    Unanswered,  // a request we give no time: a signature we cannot verify (a crypto-NAK), port 0
    RateLimited, // a client request over the client's rate limit, dropped
    NotARequest, // truncated, malformed, another version or mode: not a client of ours
};

// A datagram checked up to the point where the client log and the rate limit come in: the
// access rules, parsing and the mode (chronyd's order). `verdict` is Answered when it is a
// request we would answer; otherwise it says why not.
struct NtpRequestCheck
{
    NtpRequestVerdict verdict = NtpRequestVerdict::NotARequest;
    ParsedNtpPacket packet; // valid when verdict is Answered
    NtpMode replyMode = NtpMode::Server;
    std::uint32_t macKeyId = 0; // nonzero: a good MAC, the reply is signed; 0 on a signed request: a NAK
};

struct NtpResponse
{
    std::optional<std::vector<std::uint8_t>> reply;
    NtpRequestVerdict verdict = NtpRequestVerdict::NotARequest;
    std::uint32_t macKeyId = 0; // nonzero: the reply ends in a MAC of this key
    // The reply is interleaved: its transmit timestamp is the previous reply's, final already.
    bool interleaved = false;
};

class NtpResponder
{
public:
    explicit NtpResponder(AccessFilter access = {});

    void setAccess(AccessFilter access) { m_access = std::move(access); }
    // The keys signed requests are checked against and answered with; it must outlive the
    // responder. Null (the default): no keys, a signed request gets a crypto-NAK.
    void setKeys(const KeyTable *keys) { m_keys = keys; }

    // Returns the reply to send back to `client`, or nothing (and counts why) when the packet
    // must be dropped. `receiveTime` is the request's arrival on the engine's time scale. The
    // reply's transmit timestamp holds the receive time until the host stamps it for real.
    std::optional<std::vector<std::uint8_t>> respond(std::span<const std::uint8_t> request, bool truncated,
                                                     const SocketAddress &client, RealTime receiveTime,
                                                     const ServedReference &reference);
    // The same, with the verdict the reply (or its absence) stands for.
    NtpResponse handle(std::span<const std::uint8_t> request, bool truncated, const SocketAddress &client,
                       RealTime receiveTime, const ServedReference &reference);

    // handle() in two steps, for the engine to put the client log and the rate limit between
    // them as chronyd does: check() counts the datagram and refuses what is no request of an
    // allowed client; answer() takes the rate limit's decision for a checked request (a RATE
    // kiss-o'-death, a counted drop, or the reply) and suggests at least `minPoll` (log2 s,
    // the limit's interval) as the client's polling interval. With `interleavedTransmit` (the
    // client log's, for an interleaved request) a reply that is no kiss is interleaved: its
    // origin is the request's receive timestamp and its transmit that stamp.
    NtpRequestCheck check(std::span<const std::uint8_t> request, bool truncated, const SocketAddress &client);
    NtpResponse answer(const NtpRequestCheck &request, const SocketAddress &client, RateDecision decision, int minPoll,
                       RealTime receiveTime, const ServedReference &reference,
                       std::optional<NtpTimestamp> interleavedTransmit = std::nullopt);

    // Whether `request` may be an interleaved request in chronyd's sense, worth a look in the
    // client log: NTPv4, its origin one of our receive timestamps (kServerReceiveFlag) and its
    // receive timestamp not its transmit timestamp (a client in basic mode sends them equal or
    // zero). Its origin then names the reply whose transmit time it asks for.
    static bool mayBeInterleaved(const NtpHeader &request);

    const ServerStats &stats() const { return m_stats; }

    // The mode of our reply to `request` from `client`, or nothing when that mode gets none.
    static std::optional<NtpMode> replyModeFor(const NtpHeader &request, const SocketAddress &client);

    // The bare-header reply of `mode` to `request`, as a server builds it (unsynchronised: leap
    // 3, stratum 0, 1 s root delay and dispersion). Also the symmetric-passive answer to a
    // configured peer, which the engine sends before the access rules (a `peer` line is the
    // permission, as in chrony).
    static std::vector<std::uint8_t> reply(const NtpHeader &request, NtpMode mode, RealTime receiveTime,
                                           const ServedReference &reference);
    // The same as a header: the receive timestamp carries kServerReceiveFlag in server and
    // passive replies, and the transmit timestamp, the receive time until the host stamps it,
    // does not.
    static NtpHeader replyHeader(const NtpHeader &request, NtpMode mode, RealTime receiveTime,
                                 const ServedReference &reference);
    // The RATE kiss-o'-death chronyd sends: the reply with leap 3, stratum 0 and the reference
    // ID "RATE", asking the client to poll less often (RFC 5905 section 7.4).
    static std::vector<std::uint8_t> kissOfDeath(const NtpHeader &request, NtpMode mode, RealTime receiveTime,
                                                 const ServedReference &reference);

private:
    AccessFilter m_access;
    const KeyTable *m_keys = nullptr;
    ServerStats m_stats;
};

} // namespace s1
