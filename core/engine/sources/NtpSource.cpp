#include "sources/NtpSource.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

Nanoseconds pollInterval(int poll)
{
    return poll >= 0 ? Nanoseconds(kNanosPerSecond << poll) : Nanoseconds(kNanosPerSecond >> -poll);
}

std::string kissCodeText(std::uint32_t referenceId)
{
    std::string code;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const char c = static_cast<char>((referenceId >> shift) & 0xff);
        // Kiss codes are printable ASCII; anything else would garble a status line.
        code.push_back(c >= ' ' && c <= '~' ? c : '?');
    }
    return code;
}

} // namespace

const char *toString(ReplyVerdict verdict)
{
    switch (verdict) {
    case ReplyVerdict::Accepted:
        return "accepted";
    case ReplyVerdict::NotAServerReply:
        return "not a server reply";
    case ReplyVerdict::Unexpected:
        return "unexpected reply (no request outstanding)";
    case ReplyVerdict::Bogus:
        return "bogus reply (origin timestamp mismatch)";
    case ReplyVerdict::Duplicate:
        return "duplicate reply";
    case ReplyVerdict::Invalid:
        return "invalid timestamps";
    case ReplyVerdict::Unsynchronised:
        return "server not synchronised";
    case ReplyVerdict::KissRate:
        return "kiss-o'-death RATE: polling too fast";
    case ReplyVerdict::KissDeny:
        return "kiss-o'-death DENY: access denied";
    case ReplyVerdict::KissRestrict:
        return "kiss-o'-death RSTR: access restricted";
    case ReplyVerdict::TooFar:
        return "root distance too large";
    case ReplyVerdict::InterleavedNoSample:
        return "interleaved reply to an exchange already measured";
    }
    return "unknown";
}

NtpSource::NtpSource(std::uint32_t id, const SourceConfig &config, std::string name, SocketAddress address,
                     std::string poolName, RealTime now, int localPrecision)
    : m_id(id)
    , m_config(config)
    , m_name(std::move(name))
    , m_address(std::move(address))
    , m_poolName(std::move(poolName))
    , m_localPrecision(localPrecision)
    , m_poll(std::clamp(config.minPoll, kMinPollLimit, kMaxPollLimit))
    , m_nextPoll(now)
{
    if (config.iburst) {
        m_burstRequestsLeft = kBurstMaxRequests;
        m_burstGoodLeft = kBurstGoodReplies;
    }
}

void NtpSource::setOnline(bool online, RealTime now)
{
    if (online && !m_online)
        m_nextPoll = now;
    m_online = online;
}

void NtpSource::startBurst(int good, int total, RealTime now)
{
    m_burstGoodLeft = std::max(good, 1);
    m_burstRequestsLeft = std::max(total, m_burstGoodLeft);
    m_nextPoll = now;
}

void NtpSource::setConfig(const SourceConfig &config)
{
    m_config = config;
    m_poll = std::clamp(m_poll, m_config.minPoll, std::max(m_config.maxPoll, m_config.minPoll));
}

bool NtpSource::sendsInterleaved() const
{
    return m_config.xleave && !isPeer() && !m_remoteReceive.isZero()
           && m_unansweredRequests < kMaxInterleavedUnanswered;
}

std::vector<std::uint8_t> NtpSource::makeRequest(RealTime now, std::uint64_t cookie, std::uint64_t receiveCookie)
{
    m_reach = static_cast<std::uint8_t>(m_reach << 1);
    const bool interleaved = sendsInterleaved() && receiveCookie != 0 && receiveCookie != cookie;

    NtpHeader request;
    // Nothing about our own state is sent beyond the poll (which servers use for rate
    // limiting): a client request needs none, and it would fingerprint us to observers.
    request.leap = LeapIndicator::None;
    request.version = static_cast<std::uint8_t>(m_config.version);
    // A `peer` is polled in symmetric active mode: the peer answers that whatever its access
    // rules (a `peer` line of its own is the permission), and in symmetric passive mode.
    request.mode = isPeer() ? NtpMode::SymmetricActive : NtpMode::Client;
    request.poll = static_cast<std::int8_t>(m_poll);
    request.transmitTime = NtpTimestamp::fromRaw(cookie);
    // In basic mode origin and receive stay zero (nothing about us leaks); an interleaved
    // request asks for the real transmit time of the server's reply that received our previous
    // request at m_remoteReceive (chronyd's server keeps it under that receive timestamp).
    if (interleaved) {
        request.originTime = m_remoteReceive;
        request.receiveTime = NtpTimestamp::fromRaw(receiveCookie);
    }

    m_sentCookie = request.transmitTime;
    m_sentReceiveCookie = request.receiveTime;
    m_sentTime = now;
    m_sentKernelStamp = false;
    m_sentHardwareStamp = false;
    m_awaitingReply = true;
    ++m_requestsSent;
    ++m_unansweredRequests;
    schedule(now);

    const auto bytes = serializeNtpHeader(request);
    return {bytes.begin(), bytes.end()};
}

void NtpSource::requestTransmitted(NtpTimestamp cookie, RealTime sendTime, bool kernel, bool hardware)
{
    // The daemon's stamp replaces the time the request was built; the kernel's, taken later
    // as the packet left, replaces that when it is not too late to belong to it.
    const auto accept = [&](RealTime &sent, bool &kernelStamp, bool &hardwareStamp) {
        if (kernel) {
            const Nanoseconds delay = sendTime - sent;
            if (delay < Nanoseconds(0) || delay > kMaxTransmitDelay)
                return false;
        }
        sent = sendTime;
        kernelStamp = kernel;
        hardwareStamp = kernel && hardware;
        return true;
    };
    if (cookie.isZero())
        return;
    if (cookie == m_sentCookie) {
        const bool wasKernel = m_sentKernelStamp;
        const bool wasHardware = m_sentHardwareStamp;
        if (accept(m_sentTime, m_sentKernelStamp, m_sentHardwareStamp)) {
            if (kernel && !wasKernel)
                ++m_kernelTransmitStamps;
            if (m_sentHardwareStamp && !wasHardware)
                ++m_hardwareTransmitStamps;
        }
    } else if (cookie == m_previousCookie && m_previousSentTime) {
        accept(*m_previousSentTime, m_previousKernelStamp, m_previousHardwareStamp);
    }
}

Nanoseconds NtpSource::burstInterval() const
{
    // Never slower than the configured polling: with sub-second minpoll a burst would otherwise
    // slow the start down.
    return std::min(kBurstInterval, pollInterval(m_poll));
}

bool NtpSource::inBurst() const
{
    return m_burstRequestsLeft > 0 && m_burstGoodLeft > 0;
}

bool NtpSource::retriesMissingReply() const
{
    return m_repliesAccepted < kStartupSamples && m_startupRetriesLeft > 0;
}

void NtpSource::schedule(RealTime from)
{
    // A burst already retries quickly: its requests use up the start-up retries.
    if (inBurst())
        m_startupRetriesLeft = std::max(m_startupRetriesLeft - 1, 0);
    // m_burstRequestsLeft counted the request just sent.
    if (m_burstRequestsLeft > 0)
        --m_burstRequestsLeft;
    m_retryScheduled = false;
    if (inBurst()) {
        m_nextPoll = from + burstInterval();
        return;
    }
    endBurst(from);
    if (retriesMissingReply() && burstInterval() < pollInterval(m_poll)) {
        // Provisional: a good reply moves the next poll back to a whole interval.
        --m_startupRetriesLeft;
        m_retryScheduled = true;
        m_nextPoll = from + burstInterval();
    }
}

void NtpSource::endBurst(RealTime lastRequest)
{
    m_burstRequestsLeft = 0;
    m_burstGoodLeft = 0;
    m_nextPoll = lastRequest + pollInterval(m_poll);
}

void NtpSource::raisePoll()
{
    m_poll = std::min(m_poll + 1, std::max(m_config.maxPoll, m_config.minPoll));
}

void NtpSource::adjustPoll(double adjustment)
{
    // Whole steps only once the score has accumulated one: single noisy samples must not move
    // the poll interval back and forth.
    m_pollScore += adjustment;
    const int maxPoll = std::max(m_config.maxPoll, m_config.minPoll);
    const int oldPoll = m_poll;
    if (m_pollScore >= 1.0) {
        const int steps = static_cast<int>(m_pollScore);
        m_poll += steps;
        m_pollScore -= steps;
    } else if (m_pollScore < 0.0) {
        const int steps = static_cast<int>(std::floor(m_pollScore));
        m_poll += steps;
        m_pollScore -= steps;
    }
    if (m_poll >= maxPoll) {
        m_poll = maxPoll;
        m_pollScore = std::min(m_pollScore, 1.0);
    }
    if (m_poll <= m_config.minPoll) {
        m_poll = m_config.minPoll;
        m_pollScore = std::max(m_pollScore, 0.0);
    }
    // A shorter interval applies to the poll already scheduled, so that a source that is
    // tracked badly is measured again soon.
    if (m_poll < oldPoll && !inBurst() && m_nextPoll - m_sentTime > pollInterval(m_poll))
        m_nextPoll = m_sentTime + pollInterval(m_poll);
}

void NtpSource::rejectUnauthenticated(const char *why)
{
    ++m_repliesRejected;
    ++m_authFailures;
    m_lastRejectReason = std::string("not authenticated: ") + why;
}

void NtpSource::recordVerdict(ReplyVerdict verdict)
{
    if (verdict == ReplyVerdict::Accepted) {
        ++m_repliesAccepted;
        m_lastRejectReason.clear();
    } else {
        ++m_repliesRejected;
        m_lastRejectReason = toString(verdict);
    }
}

NtpReply NtpSource::handleReply(const ParsedNtpPacket &reply, RealTime receiveTime, double localCorrection)
{
    const bool awaited = m_awaitingReply;
    NtpReply result;
    result.verdict = judgeReply(reply, receiveTime, localCorrection);
    result.endedRequest = awaited && !m_awaitingReply;
    if (result.verdict == ReplyVerdict::Accepted) {
        result.sample = m_samples.back();
        result.precision = m_lastPrecision;
        result.responseTime = m_lastResponseTime;
        result.interleaved = m_lastInterleaved;
        result.kernelTransmit = m_lastKernelTransmit;
        result.hardwareTransmit = m_lastHardwareTransmit;
    }
    return result;
}

ReplyVerdict NtpSource::judgeReply(const ParsedNtpPacket &reply, RealTime receiveTime, double localCorrection)
{
    const NtpHeader &h = reply.header;
    const auto reject = [this](ReplyVerdict v) {
        recordVerdict(v);
        return v;
    };

    const bool expectedMode = isPeer() ? h.mode == NtpMode::SymmetricPassive || h.mode == NtpMode::SymmetricActive
                                       : h.mode == NtpMode::Server;
    if (!expectedMode)
        return reject(ReplyVerdict::NotAServerReply);
    if (!m_awaitingReply)
        return reject(ReplyVerdict::Unexpected);
    // Only the server that got our random transmit timestamp can echo it: this is what makes
    // off-path spoofing hard, and it must hold before a kiss-o'-death is believed.
    // In interleaved mode the reply may instead echo the receive cookie of our request (RFC
    // 5905's test 2 for both modes, as chronyd has it); a server that does not answer
    // interleaved (yet) echoes the transmit cookie and is measured in basic mode.
    const bool basicMatch = h.originTime == m_sentCookie;
    const bool interleaved = !basicMatch && !m_sentReceiveCookie.isZero() && h.originTime == m_sentReceiveCookie;
    if (!basicMatch && !interleaved)
        return reject(ReplyVerdict::Bogus);
    // A duplicate repeats both of the last reply's timestamps (RFC 5905's test 1, as chronyd
    // has it): an interleaved reply may carry the transmit time the basic reply before it
    // carried (the daemon's stamp, when the server has no kernel stamps), with a new receive
    // timestamp.
    if (!h.transmitTime.isZero() && h.transmitTime == m_lastReplyTransmit && h.receiveTime == m_remoteReceive)
        return reject(ReplyVerdict::Duplicate);
    m_awaitingReply = false;
    if (m_retryScheduled) {
        // The server answered, whatever it said: the retry was not needed, so it gives back its
        // budget and the next request waits the whole poll.
        ++m_startupRetriesLeft;
        m_retryScheduled = false;
        m_nextPoll = m_sentTime + pollInterval(m_poll);
    }

    const bool kiss =
        h.stratum == 0 && (h.referenceId == kKissRate || h.referenceId == kKissDeny || h.referenceId == kKissRestrict);
    if (kiss) {
        m_kissCode = kissCodeText(h.referenceId);
        switch (h.referenceId) {
        case kKissRate:
            // RFC 5905 7.4: reduce the rate at once, not after the poll already scheduled, and
            // never retry quickly again.
            m_startupRetriesLeft = 0;
            raisePoll();
            endBurst(receiveTime);
            return reject(ReplyVerdict::KissRate);
        case kKissDeny:
            m_active = false;
            return reject(ReplyVerdict::KissDeny);
        case kKissRestrict:
            m_active = false;
            return reject(ReplyVerdict::KissRestrict);
        default:
            break;
        }
    }
    if (h.transmitTime.isZero() || h.receiveTime.isZero())
        return reject(ReplyVerdict::Invalid);

    // What interleaved mode needs of the exchange before this one, before this reply
    // replaces it; then this reply's timestamps for the next. As chronyd, the request's T1 is
    // kept for the next interleaved reply unless this reply's own sample is used in basic mode
    // (below): an exchange is measured once.
    const NtpTimestamp lastRemoteReceive = m_remoteReceive;
    const RealTime lastLocalReceive = m_localReceive;
    const double lastRootDelay = m_remoteRootDelay;
    const double lastRootDispersion = m_remoteRootDispersion;
    const bool lastValid = m_validTimestamps;
    const std::optional<RealTime> previousSent = m_previousSentTime;
    const bool previousKernel = m_previousKernelStamp;
    const bool previousHardware = m_previousHardwareStamp;
    const bool synchronised = h.leap != LeapIndicator::Unsynchronised && h.stratum != 0 && h.stratum < kNtpMaxStratum;
    m_remoteReceive = h.receiveTime;
    m_localReceive = receiveTime;
    m_remoteRootDelay = h.rootDelay.toSeconds();
    m_remoteRootDispersion = h.rootDispersion.toSeconds();
    m_validTimestamps = synchronised;
    m_unansweredRequests = 0;
    m_previousSentTime = m_sentTime;
    m_previousCookie = m_sentCookie;
    m_previousKernelStamp = m_sentKernelStamp;
    m_previousHardwareStamp = m_sentHardwareStamp;
    m_lastInterleaved = interleaved;

    m_lastReplyTransmit = h.transmitTime;
    m_stratum = h.stratum;
    m_referenceId = h.referenceId;
    m_leap = h.leap;
    m_rootDelay = h.rootDelay.toSeconds();
    m_rootDispersion = h.rootDispersion.toSeconds();
    m_kissCode.clear();

    // As chrony does, only a reply that carries usable time counts as reaching the server: an
    // unsynchronised one (leap 3, or stratum 0 or 16+ without a kiss code we act on) does not.
    if (!synchronised)
        return reject(ReplyVerdict::Unsynchronised);
    // `minstratum`: as chronyd, a usable reply's stratum is raised to the option (at most 15, so
    // the source stays usable); selection then prefers sources of lower stratum over it.
    m_stratum = std::max(m_stratum, std::min(m_config.minStratum, kNtpMaxStratum - 1));
    m_reach |= 1;

    // Basic mode: this exchange. Interleaved (draft-ietf-ntp-interleaved-modes, chronyd's
    // choice between its two pairings): the reply's T3 is the real transmit time of the
    // previous reply, so it completes the previous exchange (its T1, T2, T4), or, when that
    // exchange took long against the pause after it, goes with our newest T1 and the server's
    // newest T2: the previous reply's return leg and this request's outbound leg.
    RealTime t1 = m_sentTime;
    RealTime t4 = receiveTime;
    RealTime t2 = h.receiveTime.toRealTime(t4);
    const RealTime t3 = h.transmitTime.toRealTime(t4);
    RealTime requestReceive = t2; // the server's receive time of the request T3 answers
    bool kernelTransmit = m_sentKernelStamp;
    bool hardwareTransmit = m_sentHardwareStamp;
    // The root delay and dispersion of the sample (the engine takes them from the source) are
    // those of the replies the measured exchange used.
    if (interleaved) {
        if (!lastValid)
            return reject(ReplyVerdict::InterleavedNoSample);
        t4 = lastLocalReceive;
        requestReceive = lastRemoteReceive.toRealTime(receiveTime);
        const bool completePrevious = previousSent
                                      && kInterleavedIntervalRatio * toSeconds(m_sentTime - lastLocalReceive)
                                             > toSeconds(lastLocalReceive - *previousSent);
        if (completePrevious) {
            t1 = *previousSent;
            t2 = requestReceive;
            kernelTransmit = previousKernel;
            hardwareTransmit = previousHardware;
            m_rootDelay = lastRootDelay;
            m_rootDispersion = lastRootDispersion;
        } else if (!previousSent) {
            // The previous exchange gave its sample in basic mode; the pairing with our newest
            // T1 would reuse its T4 (chronyd's test A fails such a reply).
            return reject(ReplyVerdict::InterleavedNoSample);
        } else {
            m_rootDelay = std::max(m_rootDelay, lastRootDelay);
            m_rootDispersion = std::max(m_rootDispersion, lastRootDispersion);
        }
    }
    // No sign test on T3 - T2 or T4 - T1: a server that answers at once (zero processing
    // time) fills the bits of its timestamps below its precision with random noise, so T3 < T2
    // by a fraction of a microsecond is an ordinary reply, as is T4 - T1 below the delay's
    // resolution. Like chrony, the delay is taken as a magnitude with the precisions as its
    // floor, and a server taking too long, either way, fails test A (kMaxServerResponseTime).
    const Nanoseconds serverTime = t3 - requestReceive;
    const Nanoseconds roundTrip = t4 - t1;

    const double precisions = std::ldexp(1.0, m_localPrecision) + std::ldexp(1.0, h.precision);
    // Differences first, in integer nanoseconds, so that large absolute times lose nothing.
    // `offset` is added as chrony adds it: a server that seems 1 ms ahead with `offset -0.001`
    // is taken to be on time (it corrects for a known asymmetry of the path).
    const double offset = (toSeconds(t2 - t1) + toSeconds(t3 - t4)) / 2.0 + m_config.offset;
    const double delay = std::max(std::abs(toSeconds(roundTrip - (t3 - t2))), precisions);
    const double dispersion = precisions + kDispersionRate * std::abs(toSeconds(roundTrip));
    const double rootDistance = (m_rootDelay + delay) / 2.0 + m_rootDispersion + dispersion;
    if (rootDistance > kMaxRootDistance)
        return reject(ReplyVerdict::TooFar);

    SourceSample sample;
    // The offset is measured at the middle of the exchange, not at its end: with a clock
    // that is off in frequency the difference shows.
    sample.time = t1 + (t4 - t1) / 2;
    sample.rawOffset = offset;
    sample.offset = offset - localCorrection;
    sample.delay = delay;
    sample.dispersion = dispersion;
    sample.stratum = m_stratum;
    m_samples.push_back(sample);
    if (m_samples.size() > kRecentSamples)
        m_samples.pop_front();
    m_lastRx = receiveTime;
    m_lastPrecision = precisions;
    m_lastResponseTime = std::abs(toSeconds(serverTime));
    m_lastKernelTransmit = kernelTransmit;
    m_lastHardwareTransmit = hardwareTransmit;
    if (!interleaved)
        m_previousSentTime.reset();

    if (m_burstGoodLeft > 0 && --m_burstGoodLeft == 0)
        endBurst(m_sentTime); // enough good replies: the next request waits a full poll
    recordVerdict(ReplyVerdict::Accepted);
    return ReplyVerdict::Accepted;
}

SourceSnapshot NtpSource::snapshot() const
{
    SourceSnapshot s;
    s.id = m_id;
    s.name = m_name;
    s.address = m_address;
    s.poolName = m_poolName;
    s.kind = m_config.kind == SourceConfig::Kind::Peer ? SourceKind::Peer : SourceKind::Server;
    s.state = SourceState::Unusable; // selection comes with the time-keeping core
    s.stratum = m_stratum;
    s.poll = m_poll;
    s.reach = m_reach;
    s.referenceId = m_referenceId;
    s.leap = m_leap;
    s.rootDelay = m_rootDelay;
    s.rootDispersion = m_rootDispersion;
    s.lastRx = m_lastRx;
    if (!m_samples.empty())
        s.lastSample = m_samples.back();
    s.recentSamples.assign(m_samples.begin(), m_samples.end());
    s.requestsSent = m_requestsSent;
    s.kernelTransmitStamps = m_kernelTransmitStamps;
    s.hardwareTransmitStamps = m_hardwareTransmitStamps;
    s.hardwareReceiveStamps = m_hardwareReceiveStamps;
    s.offline = !m_online;
    s.repliesAccepted = m_repliesAccepted;
    s.repliesRejected = m_repliesRejected;
    s.authFailures = m_authFailures;
    s.keyId = m_config.key;
    s.lastRejectReason = m_lastRejectReason;
    s.kissCode = m_kissCode;
    return s;
}

} // namespace s1
