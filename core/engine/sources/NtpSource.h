// One NTP server as seen by our client: poll scheduling, the reach register, the on-wire
// checks of RFC 5905 and the offset/delay/dispersion of each exchange. Sans I/O: the engine
// asks it for requests, feeds it replies and reads its snapshot. All its times are on one
// local scale (the engine uses the raw clock), and offsets are the source's time minus it.
#pragma once

#include "config/EngineConfig.h"
#include "ntp/NtpPacket.h"
#include "report/EngineSnapshot.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

enum class ReplyVerdict : std::uint8_t {
    Accepted,
    NotAServerReply, // wrong mode (a server must answer in mode 4, a peer in mode 2 or 1)
    Unexpected,      // no request outstanding (late, or a reply to a previous one)
    Bogus,           // origin timestamp is not the transmit timestamp we sent
    Duplicate,       // the same receive and transmit timestamps as the reply before
    Invalid,         // zero or inconsistent timestamps
    Unsynchronised,  // leap 3 or stratum 0/16+: valid, reachable, but no usable time
    KissRate,
    KissDeny,
    KissRestrict,
    TooFar, // root distance beyond what a sample may have
    // An interleaved reply that gives no sample: the exchange it completes was measured in
    // basic mode already, or the reply before it had no usable time (chronyd's test A).
    InterleavedNoSample,
};

const char *toString(ReplyVerdict verdict);

// What a reply gave: its sample, or why there is none.
struct NtpReply
{
    ReplyVerdict verdict = ReplyVerdict::Unexpected;
    // With Accepted: the sample (its offsets include the configured `offset` correction), and
    // for the sample tests our clock's precision plus the server's (s) and how long the server
    // took between receiving and answering (s).
    std::optional<SourceSample> sample;
    double precision = 0;
    double responseTime = 0;
    // The reply ended the outstanding request, with or without a sample: the poll is over.
    // Replies that did not match the request (wrong mode, unexpected, bogus, duplicate) do not.
    bool endedRequest = false;
    // The reply was interleaved (its origin was our request's receive cookie), and what its
    // sample's T1 was stamped by.
    bool interleaved = false;
    bool kernelTransmit = false;
    bool hardwareTransmit = false; // the kernel's stamp was the network card's (hwtimestamp)
};

class NtpSource
{
public:
    // Longest interval between the requests of an initial burst (iburst), how many good replies
    // end it, and how many requests (the first included) it may take at most.
    static constexpr Nanoseconds kBurstInterval = std::chrono::seconds(2);
    static constexpr int kBurstGoodReplies = 4;
    static constexpr int kBurstMaxRequests = 8;
    // Until a source has given this many samples (one offset, then a frequency), a request left
    // unanswered is retried after kBurstInterval instead of a whole poll: at start-up a lost
    // packet would otherwise leave the clock on an unknown frequency for minutes. The retries
    // over the source's lifetime are bounded, so a dead server is not hammered.
    static constexpr std::uint64_t kStartupSamples = 2;
    static constexpr int kStartupRetries = 8;
    static constexpr std::size_t kRecentSamples = 64;
    // RFC 5905's frequency tolerance PHI: how fast dispersion grows with time (s/s).
    static constexpr double kDispersionRate = 15e-6;
    // chrony's default `maxdistance`: samples further than this are not used (s).
    static constexpr double kMaxRootDistance = 3.0;
    // Interleaved mode (`xleave`, chronyd's values). Requests go out interleaved only while
    // fewer than this many are unanswered, so a server never answers with a very old transmit
    // timestamp (MAX_CLIENT_INTERLEAVED_TX).
    static constexpr int kMaxInterleavedUnanswered = 4;
    // An interleaved reply completes the previous exchange (its T1..T4, now with the server's
    // real T3) when that exchange's round trip is shorter than this fraction of the time from
    // its T4 to our newest T1, which is the usual case; otherwise it pairs our newest request
    // with the previous reply, the shorter intervals (MAX_INTERLEAVED_L2L_RATIO).
    static constexpr double kInterleavedIntervalRatio = 0.1;
    // A later transmit stamp (the kernel's) replaces a T1 only when it is at most this much
    // later and never earlier (chronyd's MAX_TX_DELAY).
    static constexpr Nanoseconds kMaxTransmitDelay = std::chrono::seconds(1);

    NtpSource(std::uint32_t id, const SourceConfig &config, std::string name, SocketAddress address,
              std::string poolName, RealTime now, int localPrecision);

    std::uint32_t id() const { return m_id; }
    const SocketAddress &address() const { return m_address; }
    const std::string &name() const { return m_name; }
    const std::string &poolName() const { return m_poolName; }
    const SourceConfig &config() const { return m_config; }
    bool isPeer() const { return m_config.kind == SourceConfig::Kind::Peer; }
    // Whether the source still wants to be polled (a DENY or RSTR kiss ends that).
    // Whether the source still wants to be polled: a DENY or RSTR kiss ends that, and an offline
    // source (chronyc's `offline`) sends nothing but the requests of a burst asked for.
    bool isActive() const { return m_active && (m_online || inBurst()); }
    bool isOnline() const { return m_online; }
    // chronyc's `online`/`offline`: going online polls at once (`now`), as chronyd does.
    void setOnline(bool online, RealTime now);
    // chronyc's `burst GOOD/TOTAL`: up to `total` requests kBurstInterval apart, ending after
    // `good` good replies; then the normal polling resumes.
    void startBurst(int good, int total, RealTime now);
    // chronyc's minpoll/maxpoll/maxdelay/.../polltarget: the source's options from now on; the
    // poll interval moves into the new minpoll..maxpoll at once.
    void setConfig(const SourceConfig &config);
    RealTime nextPollTime() const { return m_nextPoll; }
    // Whether this source ever sent a reply we accepted, and how many requests it has had.
    bool hasAnswered() const { return m_repliesAccepted > 0; }
    std::uint64_t requestsSent() const { return m_requestsSent; }
    // When the request still unanswered was sent; nothing when none is outstanding.
    std::optional<RealTime> awaitingReplySince() const
    {
        return m_awaitingReply ? std::optional<RealTime>(m_sentTime) : std::nullopt;
    }
    // The clock jumped under the request still unanswered: its reply, which would pair a
    // timestamp from before the jump with one from after, is refused as unexpected.
    void forgetRequest() { m_awaitingReply = false; }

    // Builds the request for the poll due at `now` (engine time) and schedules the next one.
    // `cookie` becomes the transmit timestamp: a random value that only the real server can echo.
    // An interleaved request (sendsInterleaved()) names the server's receive timestamp of the
    // previous exchange as its origin and carries `receiveCookie` (random, nonzero, not `cookie`)
    // as its receive timestamp, which an interleaved reply echoes as its origin.
    std::vector<std::uint8_t> makeRequest(RealTime now, std::uint64_t cookie, std::uint64_t receiveCookie = 0);
    // Whether the next request goes out interleaved: `xleave`, a client (not a peer), an
    // exchange to build on and not too many requests unanswered since.
    bool sendsInterleaved() const;
    // The host's record of when the request with transmit timestamp `cookie` actually left
    // (engine time), from the daemon right after sending or the kernel (`kernel`); improves T1
    // of the newest request, or of the one before it, which an interleaved reply still needs.
    void requestTransmitted(NtpTimestamp cookie, RealTime sendTime, bool kernel = false, bool hardware = false);
    // A reply of this source arrived with the network card's receive stamp (ntpdata's HW RX).
    void noteHardwareReceive() { ++m_hardwareReceiveStamps; }
    // `localCorrection`: what the engine adds to the local scale to get its served time at the
    // moment of the reply (s); samples record their offset against both.
    NtpReply handleReply(const ParsedNtpPacket &reply, RealTime receiveTime, double localCorrection = 0);
    // Moves the poll interval by `adjustment` log2 steps, accumulated until whole, within
    // minpoll..maxpoll. The engine decides from how well the source is tracked.
    void adjustPoll(double adjustment);
    // A reply from this source's address that failed the MAC check of its `key` (missing,
    // crypto-NAK, unknown key, bad MAC: `why`). It is dropped unseen: it neither ends the poll
    // nor says anything about the source, so a forger cannot suppress or shape samples.
    void rejectUnauthenticated(const char *why);

    SourceSnapshot snapshot() const;

    // The parts of the snapshot the engine needs on every sample, without copying the history.
    std::uint8_t reach() const { return m_reach; }
    int poll() const { return m_poll; }
    int stratum() const { return m_stratum; }
    std::uint32_t referenceId() const { return m_referenceId; }
    LeapIndicator leap() const { return m_leap; }
    double rootDelay() const { return m_rootDelay; }
    double rootDispersion() const { return m_rootDispersion; }

private:
    // handleReply's checks and bookkeeping; the sample, when accepted, is m_samples.back().
    ReplyVerdict judgeReply(const ParsedNtpPacket &reply, RealTime receiveTime, double localCorrection);
    void recordVerdict(ReplyVerdict verdict);
    void schedule(RealTime from);
    void endBurst(RealTime lastRequest);
    bool inBurst() const;
    bool retriesMissingReply() const;
    Nanoseconds burstInterval() const;
    void raisePoll();

    std::uint32_t m_id;
    SourceConfig m_config;
    std::string m_name;
    SocketAddress m_address;
    std::string m_poolName;
    int m_localPrecision;

    int m_poll;
    std::uint8_t m_reach = 0;
    bool m_active = true;
    bool m_online = true;
    RealTime m_nextPoll;

    // The outstanding request.
    bool m_awaitingReply = false;
    NtpTimestamp m_sentCookie;
    RealTime m_sentTime{};
    bool m_sentKernelStamp = false;   // m_sentTime is the kernel's
    bool m_sentHardwareStamp = false; // ... and the network card's
    NtpTimestamp m_lastReplyTransmit;

    // Interleaved mode (chronyd's names in brackets): the receive cookie of the outstanding
    // request, zero when it went out in basic mode (local_ntp_rx); the previous request's
    // cookie and T1, until its exchange is complete (prev_local_tx, zero time: none); and of the
    // last valid reply its receive timestamp (remote_ntp_rx), our T4 of it (local_rx), its root
    // delay and dispersion, and whether it had usable time (valid_timestamps). Requests sent
    // since the last valid reply: tx_count.
    NtpTimestamp m_sentReceiveCookie;
    NtpTimestamp m_previousCookie;
    std::optional<RealTime> m_previousSentTime;
    bool m_previousKernelStamp = false;
    bool m_previousHardwareStamp = false;
    NtpTimestamp m_remoteReceive;
    RealTime m_localReceive{};
    double m_remoteRootDelay = 0;
    double m_remoteRootDispersion = 0;
    bool m_validTimestamps = false;
    int m_unansweredRequests = 0;
    bool m_lastInterleaved = false;
    bool m_lastKernelTransmit = false;
    bool m_lastHardwareTransmit = false;

    int m_burstRequestsLeft = 0; // including the next request

    int m_burstGoodLeft = 0;
    int m_startupRetriesLeft = kStartupRetries;
    bool m_retryScheduled = false; // the next poll is a retry in case the reply is lost
    double m_pollScore = 0;

    // What the source said about itself in its last valid reply.
    int m_stratum = 0;
    std::uint32_t m_referenceId = 0;
    LeapIndicator m_leap = LeapIndicator::Unsynchronised;
    double m_rootDelay = 0;
    double m_rootDispersion = 0;

    std::optional<RealTime> m_lastRx;
    double m_lastPrecision = 0;
    double m_lastResponseTime = 0;
    std::deque<SourceSample> m_samples;
    std::uint64_t m_requestsSent = 0;
    std::uint64_t m_kernelTransmitStamps = 0;   // requests whose T1 the kernel stamped
    std::uint64_t m_hardwareTransmitStamps = 0; // ... with the network card's stamp
    std::uint64_t m_hardwareReceiveStamps = 0;
    std::uint64_t m_repliesAccepted = 0;
    std::uint64_t m_repliesRejected = 0;
    std::uint64_t m_authFailures = 0;
    std::string m_lastRejectReason;
    std::string m_kissCode;
};

} // namespace s1
