#include "engine/Engine.h"

#include "auth/NtpMac.h"
#include "config/ConfigEffects.h"
#include "ntp/ReferenceId.h"
#include "text/NumberText.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace s1 {

namespace {

constexpr double kPpm = 1e-6;

DisciplineConfig disciplineConfig(const EngineConfig &config, const EngineOptions &options)
{
    DisciplineConfig d;
    if (config.clock.makeStep.enabled()) {
        d.makestepThreshold = config.clock.makeStep.threshold;
        d.makestepLimit = config.clock.makeStep.limit;
    }
    d.maxSlewRatePpm = config.clock.maxSlewRate;
    d.maxUpdateSkewPpm = config.clock.maxUpdateSkew;
    d.correctionTimeRatio = config.clock.correctionTimeRatio;
    d.initialFrequencyPpm = options.driftFrequencyPpm;
    if (options.driftFrequencyPpm)
        d.initialSkewPpm = options.driftSkewPpm;
    return d;
}

SelectorConfig selectorConfig(const EngineConfig &config)
{
    SelectorConfig s;
    s.maxDistance = config.selection.maxDistance;
    s.maxJitter = config.selection.maxJitter;
    s.minSources = config.selection.minSources;
    s.combineLimit = config.selection.combineLimit;
    s.reselectDistance = config.selection.reselectDistance;
    s.stratumWeight = config.selection.stratumWeight;
    return s;
}

// chrony's rule: the kernel can only be left the leap second when there is a driver for it;
// the virtual clock steps.
LeapSecondMode effectiveLeapMode(const EngineConfig &config, const EngineOptions &options)
{
    const LeapSecondMode mode = config.clock.leapSecMode;
    if (mode == LeapSecondMode::System && !(options.clockDriver && options.clockDriver->appliesLeapSeconds()))
        return LeapSecondMode::Step;
    return mode;
}

} // namespace

Engine::Engine(EngineConfig config, EngineOptions options, RealTime now)
    : m_config(std::move(config))
    , m_options(options)
    , m_discipline(disciplineConfig(m_config, options), options.clockDriver ? options.clockDriver->rawTime(now) : now,
                   options.clockDriver)
    , m_leap(effectiveLeapMode(m_config, options), options.leapSecondTable)
    , m_logger(m_config.logging, m_discipline)
    , m_responder(AccessFilter(m_config.ntpAccess))
    , m_clientLog(m_config.server.noClientLog ? std::nullopt
                                              : std::optional<ClientLog>(std::in_place, m_config.server.clientLogLimit,
                                                                         m_config.server.rateLimit, options.seed))
    , m_selector(selectorConfig(m_config))
    , m_random(options.seed)
{
    m_alarms.adopt(m_options.previousAlarms);
    m_options.previousAlarms.clear();
    m_responder.setKeys(&m_options.keys);
    reportClockDriverErrors();
    now = rawTime(m_options.clockDriver, now);
    for (const SourceConfig &source : m_config.sources) {
        const auto literal = IpAddress::parse(source.host);
        if (literal && source.kind != SourceConfig::Kind::Pool) {
            addSource(source, source.host, *literal, {}, now);
            continue;
        }
        PendingResolve pending{source, now, kResolveRetryFirst, false, false, false, std::nullopt};
        m_pendingResolves.emplace(m_nextResolveToken++, pending);
    }
    for (std::size_t i = 0; i < m_config.refClocks.size(); ++i) {
        const RefClockConfig &rc = m_config.refClocks[i];
        const std::uint32_t id = m_nextSourceId++;
        const std::string refId = rc.refId.empty() ? defaultRefId(rc, i) : rc.refId;
        SourceStatisticsConfig statsConfig = statisticsConfig(rc.minSamples, rc.maxSamples);
        statsConfig.weighting = SampleWeighting::Equal;
        SourceRecord record(std::make_unique<RefClockSource>(id, rc, refId, now, std::ldexp(1.0, m_options.precision)),
                            statsConfig);
        const bool timeOfDay =
            rc.driver == RefClockDriver::Nmea || rc.driver == RefClockDriver::Sock || rc.driver == RefClockDriver::Shm;
        if (timeOfDay && !rc.ppsForced)
            record.calibrator.emplace();
        m_records.emplace(id, std::move(record));
    }
    requestDueResolves(now);
}

Engine::~Engine() = default;

std::string Engine::defaultRefId(const RefClockConfig &config, std::size_t index)
{
    const char *driver = "PPS";
    switch (config.driver) {
    case RefClockDriver::Pps:
        driver = "PPS";
        break;
    case RefClockDriver::Shm:
        driver = "SHM";
        break;
    case RefClockDriver::Sock:
        driver = "SOC";
        break;
    case RefClockDriver::Phc:
        driver = "PHC";
        break;
    case RefClockDriver::Rtc:
        driver = "RTC";
        break;
    case RefClockDriver::Nmea:
        driver = "NME";
        break;
    }
    return std::string(driver) + std::to_string(index % 10);
}

bool Engine::addSource(const SourceConfig &config, std::string name, const IpAddress &address, std::string poolName,
                       RealTime now)
{
    const SocketAddress remote{address, config.port};
    const std::vector<NtpSource *> sources = ntpSources();
    const bool known =
        std::any_of(sources.begin(), sources.end(), [&](const auto &s) { return s->address() == remote; });
    if (known)
        return false; // two directives or pool members naming the same server poll it once
    const std::uint32_t id = m_nextSourceId++;
    if (const std::string reason = authenticationUnavailable(config); !reason.empty())
        m_events.push_back({EngineEvent::Category::Ntp, "source " + name + " will never be selected: " + reason});
    SourceConfig keyed = config;
    if (config.key != 0) {
        if (const SymmetricKey *key = m_options.keys.find(config.key)) {
            // As chronyd: a digest longer than NTPv4's 20 bytes goes whole in an NTPv3 packet,
            // unless `version` says otherwise (then it is cut to 20 bytes).
            if (!config.versionGiven && fullDigestBytes(key->type) > kNtpV4MaxDigestBytes)
                keyed.version = 3;
        } else {
            m_events.push_back({EngineEvent::Category::Ntp, "source " + name + ": key " + std::to_string(config.key)
                                                                + " is not in the keyfile, no request is sent"});
        }
    }
    SourceStatisticsConfig statsConfig = statisticsConfig(config.minSamples, config.maxSamples);
    statsConfig.minDelay = config.minDelay;
    statsConfig.asymmetry = config.asymmetry;
    statsConfig.boundByDelays = true;
    statsConfig.weighting = SampleWeighting::DelayGrowing;
    SourceRecord record(
        std::make_unique<NtpSource>(id, keyed, std::move(name), remote, std::move(poolName), now, m_options.precision),
        statsConfig);

    NtpSampling &sampling = record.sampling.emplace();
    sampling.tests = SampleTestConfig::fromSource(config);
    if (config.maxDelayQuant > 0) {
        // chrony's estimator steps by half our clock's precision; the seed comes from the
        // engine's, so that a run replays exactly.
        sampling.delayQuantile.emplace(config.maxDelayQuant, std::ldexp(1.0, m_options.precision) / 2.0, m_random());
    }
    if (config.filter > 0)
        sampling.filter.emplace(config.filter);
    m_records.emplace(id, std::move(record));
    applyRestoredDump(id);
    return true;
}

SourceStatisticsConfig Engine::statisticsConfig(std::optional<int> minSamples, std::optional<int> maxSamples) const
{
    SourceStatisticsConfig statsConfig;
    statsConfig.precision = std::ldexp(1.0, m_options.precision);
    if (minSamples)
        statsConfig.minSamples = *minSamples;
    if (maxSamples)
        statsConfig.maxSamples = *maxSamples;
    return statsConfig;
}

RealTime Engine::rawTime(const ClockDriver *driver, RealTime reading) const
{
    return driver ? driver->rawTime(reading) : reading - m_externalSteps;
}

RealTime Engine::hostTime(RealTime raw) const
{
    return m_options.clockDriver ? m_options.clockDriver->clockTime(raw) : raw + m_externalSteps;
}

void Engine::reportClockDriverErrors()
{
    for (const std::string &error : m_discipline.takeDriverErrors())
        m_events.push_back({EngineEvent::Category::Clock, "adjusting the system clock failed: " + error});
}

void Engine::handlePacket(const ReceivedPacket &packet, RealTime now)
{
    (void)now;
    const RealTime receive = rawTime(m_options.clockDriver, packet.receiveTime);
    if (packet.role == SocketRole::Server)
        handleServerPacket(packet, receive);
    else
        handleClientPacket(packet, receive);
}

void Engine::handleServerPacket(const ReceivedPacket &packet, RealTime rawReceive)
{
    const RealTime cookedReceive = m_discipline.cook(rawReceive);
    if (answerPeer(packet, cookedReceive))
        return;
    const NtpRequestCheck checked = m_responder.check(packet.data, packet.truncated, packet.remote);
    const IpAddress client = packet.remote.ip.unmapped();
    if (checked.verdict == NtpRequestVerdict::Denied && m_clientLog)
        m_clientLog->record(client, rawReceive, ClientLog::Outcome::Dropped);
    if (checked.verdict != NtpRequestVerdict::Answered)
        return;
    // The rate limit runs on the raw receive time: the client log's clock, which slewing the
    // served time never stretches.
    const RateDecision decision = m_clientLog ? m_clientLog->request(client, rawReceive) : RateDecision::Pass;
    const int minPoll = m_clientLog && m_clientLog->limiter().enabled() ? m_clientLog->limiter().minPoll()
                                                                        : std::numeric_limits<std::int8_t>::min();
    // A dropped request needs no reference: skip working it out, floods are mostly drops.
    const ServedReference reference =
        decision == RateDecision::Drop ? ServedReference{} : servedReference(cookedReceive);
    // Interleaved mode, as chronyd: a request that may be interleaved gets the real transmit
    // time of our previous reply to it, when the client log has it, and the host reports when
    // this reply left, which the client log keeps for the next one (handleTransmitted).
    // Clients in basic mode cost nothing here, and neither a kiss nor a crypto-NAK (a MAC we
    // could not verify) is ever interleaved, as in chronyd.
    const bool macRefused = checked.packet.mac == NtpMacKind::SymmetricKey && checked.macKeyId == 0;
    const bool interleavable = m_clientLog && decision == RateDecision::Pass && !macRefused
                               && NtpResponder::mayBeInterleaved(checked.packet.header);
    std::optional<ClientLog::SavedTransmit> saved;
    if (interleavable)
        saved = m_clientLog->takeInterleavedTransmit(client, checked.packet.header.originTime);
    NtpResponse response = m_responder.answer(checked, packet.remote, decision, minPoll, cookedReceive, reference,
                                              saved ? std::optional<NtpTimestamp>(saved->transmit) : std::nullopt);
    auto &reply = response.reply;
    if (!reply)
        return;
    if (response.interleaved && saved->kernel)
        ++m_interleavedKernelTransmits;
    if (packet.hardwareTimestamp)
        ++m_hardwareReceiveStamps;
    else if (!packet.kernelTimestamp)
        ++m_daemonReceiveStamps;
    OutgoingPacket out;
    out.role = SocketRole::Server;
    out.hostSocket = packet.hostSocket;
    out.remote = packet.remote;
    out.data = std::move(*reply);
    out.stampTransmit = !response.interleaved;
    out.macKeyId = response.macKeyId;
    out.reportTransmit = interleavable;
    m_outgoing.push_back(std::move(out));
}

bool Engine::answerPeer(const ReceivedPacket &packet, RealTime cookedReceive)
{
    if (packet.truncated || packet.remote.port == 0)
        return false;
    const NtpParseResult parsed = parseNtpPacket(packet.data);
    if (!parsed.ok() || parsed.packet.header.mode != NtpMode::SymmetricActive)
        return false;
    const IpAddress from = packet.remote.ip.unmapped();
    const std::vector<NtpSource *> sources = ntpSources();
    const auto peer = std::find_if(sources.begin(), sources.end(), [&](const auto &s) {
        return s->isPeer() && s->isActive() && s->address().ip == from;
    });
    if (peer == sources.end())
        return false;
    // A peer with `key` is answered only when it signed with that key, and signed back; one
    // without is answered only unsigned. Anything else goes the way of any other request.
    const std::uint32_t keyId = (*peer)->config().key;
    const SymmetricKey *key = keyId != 0 ? m_options.keys.find(keyId) : nullptr;
    if (keyId != 0
        && (!key || parsed.packet.keyId != keyId
            || checkMac(packet.data, parsed.packet, m_options.keys) != MacCheck::Ok))
        return false;
    if (keyId == 0 && parsed.packet.mac != NtpMacKind::None)
        return false;
    OutgoingPacket out;
    out.role = SocketRole::Server;
    out.hostSocket = packet.hostSocket;
    out.remote = packet.remote;
    out.data = NtpResponder::reply(parsed.packet.header, NtpMode::SymmetricPassive, cookedReceive,
                                   servedReference(cookedReceive));
    out.stampTransmit = true;
    if (key) {
        appendMac(out.data, *key);
        out.macKeyId = key->id;
    }
    m_outgoing.push_back(std::move(out));
    return true;
}

void Engine::handleClientPacket(const ReceivedPacket &packet, RealTime rawReceive)
{
    if (packet.truncated) {
        ++m_clientPacketsDropped;
        return;
    }
    const SocketAddress remote{packet.remote.ip.unmapped(), packet.remote.port};
    const std::vector<NtpSource *> sources = ntpSources();
    const auto it = std::find_if(sources.begin(), sources.end(), [&](const auto &s) { return s->address() == remote; });
    if (it == sources.end()) {
        ++m_clientPacketsDropped;
        return;
    }
    const NtpParseResult parsed = parseNtpPacket(packet.data);
    if (!parsed.ok()) {
        ++m_clientPacketsDropped;
        return;
    }
    NtpSource &source = **it;
    // A source with a key: only replies with a good MAC of that key count (a forged or
    // damaged one is dropped unseen and counted).
    if (const std::uint32_t keyId = source.config().key; keyId != 0) {
        MacCheck check = checkMac(packet.data, parsed.packet, m_options.keys);
        if (check == MacCheck::Ok && parsed.packet.keyId != keyId)
            check = MacCheck::UnknownKey;
        if (check != MacCheck::Ok) {
            source.rejectUnauthenticated(toString(check));
            ++m_clientPacketsDropped;
            return;
        }
    }
    const double correction = m_discipline.correctionAt(rawReceive);
    const NtpReply reply = source.handleReply(parsed.packet, rawReceive, correction);
    if (packet.hardwareTimestamp)
        source.noteHardwareReceive();
    if (reply.endedRequest) {
        NtpExchangeSnapshot exchange = exchangeOf(parsed.packet.header, packet.local, rawReceive);
        if (reply.sample) {
            // An interleaved reply's T3 and T2 are of different requests: the measured
            // exchange's response time is the source's.
            exchange.responseTime = reply.responseTime;
            exchange.interleaved = reply.interleaved;
            exchange.kernelTransmit = reply.kernelTransmit;
            exchange.hardwareTransmit = reply.hardwareTransmit;
        }
        exchange.hardwareReceive = packet.hardwareTimestamp;
        m_records.at(source.id()).lastExchange = exchange;
    }
    if (reply.sample) {
        processNtpSample(source, reply, rawReceive);
        return;
    }
    // The reply ended its request without a sample (unsynchronised, too far, a kiss...): for
    // the filter that poll gave nothing. Replies that did not match the request change nothing.
    if (reply.endedRequest)
        countMissingSample(source, rawReceive);
}

NtpExchangeSnapshot Engine::exchangeOf(const NtpHeader &reply, const IpAddress &local, RealTime receive)
{
    NtpExchangeSnapshot e;
    e.localAddress = local.unmapped();
    e.version = reply.version;
    e.mode = reply.mode;
    e.poll = reply.poll;
    e.precision = reply.precision;
    if (!reply.referenceTime.isZero())
        e.referenceTime = reply.referenceTime.toRealTime(receive);
    const RealTime t2 = reply.receiveTime.toRealTime(receive);
    const RealTime t3 = reply.transmitTime.toRealTime(receive);
    e.responseTime = std::abs(toSeconds(t3 - t2));
    return e;
}

void Engine::processNtpSample(NtpSource &source, const NtpReply &reply, RealTime now)
{
    const SourceSample &measured = *reply.sample;
    // Either side of a leap second the server's clock and ours may disagree by the second.
    if (nearLeapSecond(measured.time))
        return;
    StatSample sample;
    sample.time = measured.time;
    sample.offset = measured.rawOffset;
    sample.peerDelay = measured.delay;
    sample.peerDispersion = measured.dispersion;
    sample.rootDelay = source.rootDelay() + measured.delay;
    sample.rootDispersion = source.rootDispersion() + measured.dispersion;
    sample.stratum = source.stratum();
    sample.leap = source.leap();

    SourceRecord &record = m_records.at(source.id());
    NtpSampling &sampling = *record.sampling;
    SampleTestInput input;
    input.offset = sample.offset;
    input.delay = sample.peerDelay;
    input.dispersion = sample.peerDispersion;
    input.precision = reply.precision;
    input.responseTime = reply.responseTime;
    std::optional<DelayQuantileCheck> quantile;
    if (sampling.delayQuantile)
        quantile = DelayQuantileCheck{sampling.delayQuantile->estimate(), sampling.delayQuantile->minStep()};
    const std::optional<DelayTestData> history = record.statistics.delayTestData(sample.time);
    const SampleTestResults tests = runSampleTests(sampling.tests, input, history, quantile);
    // Every usable reply teaches the quantile, whether or not its sample passes.
    if (sampling.delayQuantile)
        sampling.delayQuantile->accumulate(sample.peerDelay);
    m_logger.sampleMeasured(source, measured, tests, reply.interleaved, reply.kernelTransmit, reply.hardwareTransmit);

    record.testFailure = firstSampleTestFailure(tests, sampling.tests, input, history, quantile);
    if (!tests.passed()) {
        // The reply still counted for reach; only the sample is dropped.
        source.adjustPoll(kFailedTestPollAdjustment);
        countMissingSample(source, now);
        return;
    }
    std::optional<StatSample> filtered =
        sampling.filter ? sampling.filter->addSample(sample, m_discipline.frequency()) : sample;
    if (!filtered)
        return;
    updateNtpSource(source, *filtered, now);
}

void Engine::countMissingSample(NtpSource &source, RealTime now)
{
    NtpSampling &sampling = *m_records.at(source.id()).sampling;
    if (!sampling.filter)
        return;
    if (const auto filtered = sampling.filter->addMissing(m_discipline.frequency())) {
        // The span ended on a poll without a sample; the samples before it still count.
        updateNtpSource(source, *filtered, now);
    }
}

void Engine::updateNtpSource(NtpSource &source, const StatSample &sample, RealTime now)
{
    const double adjustment = accumulateSample(source, sample);
    source.adjustPoll(adjustment);
    reselect(now, source.id());
}

std::optional<double> Engine::accumulateStatistics(std::uint32_t id, const StatSample &sample)
{
    SourceRecord &record = m_records.at(id);
    SourceStatistics &stats = record.statistics;
    std::optional<double> predictionError;
    double &misfit = record.predictionMisfit;
    if (stats.regressionValid()) {
        predictionError = std::abs(stats.predictOffset(sample.time) - sample.offset);
        const double sd = std::max(stats.stdDev(), kMinimumNoise);
        const double normalised = *predictionError / sd;
        misfit = (1 - kMisfitWeight) * misfit + kMisfitWeight * normalised * normalised;
    }
    stats.accumulate(sample);
    // The discipline's frequency correction is the negative of the raw clock's error.
    stats.regress(FrequencyFallback{-m_discipline.frequency(), m_config.clock.maxUpdateSkew * kPpm});
    return predictionError;
}

double Engine::accumulateSample(const NtpSource &source, const StatSample &sample)
{
    const double peerDistance = sample.peerDelay / 2 + sample.peerDispersion;
    const std::optional<double> predictionError = accumulateStatistics(source.id(), sample);
    SourceRecord &record = m_records.at(source.id());
    const SourceStatistics &stats = record.statistics;
    double &misfit = record.predictionMisfit;
    m_logger.statisticsUpdated(source.address().ip, referenceIdOf(source.address().ip), stats, sample.time);
    double adjustment = pollAdjustment(predictionError, peerDistance, stats.samples(), source.config().pollTarget);
    // Beyond chrony: when predictions keep missing by more than the source's own noise
    // explains (a mean squared normalised error well above 1), the clock wanders faster than
    // the interval allows to follow, so the interval comes down whatever the sample count says.
    if (misfit > kPredictionMisfitLimit) {
        adjustment = std::min(adjustment, -1.0);
        misfit = 1.0;
    }
    return adjustment;
}

double Engine::pollAdjustment(std::optional<double> predictionError, double peerDistance, int samples, int pollTarget)
{
    // chrony's rule, whose figures the accuracy benchmark compares with: a source we predict
    // worse than its own measurement error is polled faster, in proportion to how much worse;
    // otherwise the interval drifts so that the regression holds about `polltarget` samples.
    if (predictionError && peerDistance > 0 && *predictionError > peerDistance)
        return -std::log2(*predictionError / peerDistance);
    const double target = std::max(pollTarget, 1);
    double adjustment = (samples / target - 1.0) / target;
    if (samples < target)
        adjustment *= 2; // shorten faster than lengthen
    return adjustment;
}

void Engine::reportSelection(const SelectionResult &result)
{
    if (result.selectedId == m_reportedSelection && (result.selectedId || result.reason == m_reportedNoSelection))
        return;
    const bool lost = m_reportedSelection.has_value();
    m_reportedSelection = result.selectedId;
    m_reportedNoSelection = result.reason;
    if (result.selectedId) {
        const SourceIdentity source = identityOf(*result.selectedId);
        if (!source.name.empty())
            m_events.push_back({EngineEvent::Category::Clock, "selected source " + source.name});
    } else if (lost && result.reason != NoSelectionReason::None) {
        // Only a lost selection is news; before the first one there is nothing to say.
        m_events.push_back(
            {EngineEvent::Category::Clock, std::string("no source selected: ") + toString(result.reason)});
    }
}

namespace {

bool hasAuthentication(const SourceConfig &config)
{
    return config.key != 0 || config.nts;
}

} // namespace

std::string Engine::authSelectModeReason() const
{
    return m_config.selection.authSelectMode == AuthSelectMode::Require
               ? "`authselectmode require` takes only authenticated sources, and it has no `key`"
               : "`authselectmode prefer` takes only the authenticated sources while there are some, and it has "
                 "no `key`";
}

Engine::AuthenticationMix Engine::authenticationMix() const
{
    AuthenticationMix mix;
    for (const NtpSource *source : ntpSources()) {
        if (source->config().noselect)
            continue; // chrony counts them as neither
        (hasAuthentication(source->config()) ? mix.authenticated : mix.unauthenticated) = true;
    }
    return mix;
}

void Engine::applyAuthSelectMode(SourceIdentity &identity, bool ntp, bool authenticated, bool noselect) const
{
    if (noselect)
        return;
    const AuthenticationMix mix = authenticationMix();
    switch (m_config.selection.authSelectMode) {
    case AuthSelectMode::Require:
        if (ntp && !authenticated)
            identity.noselect = true;
        break;
    case AuthSelectMode::Prefer:
        if (ntp && !authenticated && mix.authenticated)
            identity.noselect = true;
        break;
    case AuthSelectMode::Mix:
        // Unauthenticated servers may join only when they agree with the authenticated sources.
        if ((!ntp || authenticated) && mix.authenticated && mix.unauthenticated)
            identity.require = identity.trust = true;
        break;
    case AuthSelectMode::Ignore:
        break;
    }
}

Engine::SourceIdentity Engine::identityOf(std::uint32_t id) const
{
    SourceIdentity identity;
    if (const NtpSource *source = findSource(id)) {
        identity.name = source->name();
        identity.referenceId = referenceIdOf(source->address().ip);
        identity.ownReferenceId = source->referenceId();
        identity.stratum = source->stratum();
        identity.leap = source->leap();
        identity.reach = source->reach();
        identity.prefer = source->config().prefer;
        identity.noselect = source->config().noselect || !authenticationUnavailable(source->config()).empty();
        identity.trust = source->config().trust;
        identity.require = source->config().require;
        identity.address = source->address().ip;
        applyAuthSelectMode(identity, true, hasAuthentication(source->config()), source->config().noselect);
    } else if (const RefClockSource *refclock = findRefClock(id)) {
        identity.name = refclock->name();
        identity.referenceId = refclock->referenceId();
        identity.ownReferenceId = refclock->referenceId();
        identity.stratum = refclock->stratum();
        identity.leap = refclock->leap();
        identity.reach = refclock->reach();
        identity.prefer = refclock->config().prefer;
        identity.noselect = refclock->config().noselect;
        identity.trust = refclock->config().trust;
        identity.require = refclock->config().require;
        applyAuthSelectMode(identity, false, false, refclock->config().noselect);
    }
    return identity;
}

SelectionCandidate Engine::candidateFor(std::uint32_t id, RealTime now) const
{
    const SourceIdentity source = identityOf(id);
    SelectionCandidate c;
    c.id = id;
    c.referenceId = source.ownReferenceId;
    c.stratum = source.stratum;
    c.leap = source.leap;
    c.reach = source.reach;
    c.options.prefer = source.prefer;
    c.options.noselect = source.noselect;
    c.options.trust = source.trust;
    c.options.require = source.require;
    const SourceStatistics &statistics = m_records.at(id).statistics;
    const auto data = statistics.selectionData(now);
    if (data) {
        // A lone sample knows nothing of the frequency: its interval grows at the worst-case
        // rate, soon overlapping everyone, liars included. It may start the clock, never steer
        // it once synchronised.
        const bool offsetOnly = statistics.samples() < 2;
        const bool steering = m_selector.selectedId() == id;
        c.enoughSamples = data->selectable && !(offsetOnly && m_discipline.synchronised() && !steering);
        c.offset = data->offset;
        c.rootDistance = data->rootDistance;
        c.stdDev = data->stdDev;
        c.skew = data->skew;
        c.frequency = statistics.frequency();
        c.stratum = data->stratum;
        c.leap = data->leap;
    }
    return c;
}

void Engine::reselect(RealTime now, std::optional<std::uint32_t> updatedId)
{
    // Before the first clock update, wait while other sources' replies to the same round may
    // still be on their way: the first source to answer must not win by default, or a
    // falseticker that happens to be closest could pull the clock away.
    // Likewise while sources are one sample short of a frequency: a source with a lone sample
    // is no candidate once the clock is synchronised, so the first sources of a round to get
    // their second sample (liars among them) would otherwise decide the majority alone.
    const bool synchronised = m_discipline.synchronised();
    const std::vector<NtpSource *> sources = ntpSources();
    if (std::any_of(sources.begin(), sources.end(), [&](const auto &s) {
            if (synchronised && m_records.at(s->id()).statistics.samples() >= 2)
                return false;
            const auto since = s->awaitingReplySince();
            // A source that never answered after its first request is not worth waiting for.
            const bool mayAnswer = s->hasAnswered() || s->requestsSent() <= 1;
            return s->isActive() && mayAnswer && since && now - *since < kStartupReplyWait;
        })) {
        // The sample still counts as news for the selection that follows: otherwise only the
        // last source to answer the round could start the clock, and with another one best
        // the first update waited a whole poll.
        if (updatedId)
            m_selector.noteSample(*updatedId);
        return;
    }
    const std::vector<RefClockSource *> refclocks = refClocks();
    std::vector<SelectionCandidate> candidates;
    candidates.reserve(sources.size() + refclocks.size());
    for (const auto &source : sources)
        candidates.push_back(candidateFor(source->id(), now));
    for (const auto &refclock : refclocks)
        candidates.push_back(candidateFor(refclock->id(), now));
    const SelectionResult result = m_selector.select(candidates, updatedId);
    for (const SourceSelection &selection : result.sources) {
        SourceRecord &record = m_records.at(selection.id);
        record.state = selection.state();
        record.selectionLetter = statusLetter(selection.status);
        record.selection = selection;
    }
    reportSelection(result);
    if (!result.updateReference || !result.selectedId)
        return;

    std::vector<CombineInput> inputs;
    for (const CombinedSource &combined : result.combined) {
        const auto tracking = m_records.at(combined.id).statistics.trackingData(now);
        if (!tracking)
            continue;
        inputs.push_back(CombineInput{*tracking, combined.id});
    }
    const auto estimate = m_selector.combine(result, inputs);
    if (!estimate)
        return;
    const SourceIdentity source = identityOf(*result.selectedId);
    ClockUpdate update;
    static_cast<TrackingEstimate &>(update) = *estimate;
    const SourceStatistics &selected = m_records.at(*result.selectedId).statistics;
    update.selectedFrequency = selected.frequency();
    update.provisionalFrequency = selected.twoSampleFrequency();
    update.sourceStratum = source.stratum;
    update.referenceId = source.referenceId;
    update.referenceName = source.name;
    update.leap = m_leap.update(result.leap, m_discipline.cook(now));
    m_discipline.setSystemLeap(now, m_leap.systemLeap(), kernelTaiOffset(now));
    if (const double stepped = m_discipline.update(now, update); stepped != 0) {
        m_stepsSinceAlarms.push_back(stepped);
        m_events.push_back(
            {EngineEvent::Category::Clock, "clock stepped by " + std::to_string(stepped) + " s (makestep)"});
    }
    reportClockDriverErrors();
    m_logger.clockUpdated(now, source.address, *estimate);
}

void Engine::handleRefClockSample(std::size_t index, const RefClockSample &hostSample, RealTime now)
{
    (void)now;
    const std::vector<RefClockSource *> refclocks = refClocks();
    if (index >= refclocks.size())
        return;
    RefClockSample sample = hostSample;
    sample.receiveTime = rawTime(m_options.clockDriver, sample.receiveTime);
    RefClockSource &refclock = *refclocks[index];
    if (nearLeapSecond(sample.receiveTime)) {
        refclock.reject("sample around a leap second");
        return;
    }
    if (refclock.config().ppsForced) {
        // `pps`: only the phase of the sample counts; it marks where a pulse period starts.
        addRefClockPulse(refclock, refclock.pulseEdgeOf(sample));
        return;
    }
    if (refclock.addSample(sample, taiMinusUtc(sample.receiveTime))) {
        m_logger.refclockSample(refclock, *refclock.newestRawSample(), false, false);
        calibrate(refclock);
    }
}

void Engine::calibrate(const RefClockSource &refclock)
{
    std::optional<OffsetCalibrator> &calibrator = m_records.at(refclock.id()).calibrator;
    if (!calibrator)
        return;
    const auto selected = m_selector.selectedId();
    const RefClockSource *selectedRefClock = selected ? findRefClock(*selected) : nullptr;
    // Only a better source calibrates: a pulse (whose second may come from this very refclock,
    // but whose phase does not) or an NTP server; never the refclock itself or another message.
    const bool better =
        selected && *selected != refclock.id()
        && (findSource(*selected) != nullptr
            || (selectedRefClock
                && (selectedRefClock->config().driver == RefClockDriver::Pps || selectedRefClock->config().ppsForced)));
    if (!better || !m_discipline.synchronised()) {
        calibrator->reset();
        return;
    }
    const StatSample &sample = *refclock.newestRawSample();
    // Its time minus ours: the raw offset (the refclock's `offset` included) less our correction.
    calibrator->add(sample.time, sample.offset - m_discipline.correctionAt(sample.time), identityOf(*selected).name);
}

void Engine::handleRefClockPulse(std::size_t index, const RefClockPulse &pulse, RealTime now)
{
    (void)now;
    const std::vector<RefClockSource *> refclocks = refClocks();
    if (index >= refclocks.size())
        return;
    addRefClockPulse(*refclocks[index], rawTime(m_options.clockDriver, pulse.receiveTime));
}

void Engine::addRefClockPulse(RefClockSource &refclock, RealTime edge)
{
    if (nearLeapSecond(edge)) {
        refclock.reject("pulse around a leap second");
        return;
    }
    PulseLockProblem problem;
    const std::optional<PulseReference> reference = pulseReference(refclock, edge, problem);
    std::optional<PulseLockProblem> &recorded = m_records.at(refclock.id()).lockProblem;
    if (refclock.addPulse(edge, reference, m_discipline.correctionAt(edge))) {
        recorded.reset();
        m_logger.refclockSample(refclock, *refclock.newestRawSample(), false, true);
        return;
    }
    if (!reference) {
        recorded = problem;
    } else if (reference->kind == PulseReference::Kind::LockedSource) {
        // The lock's second was there, but the pulse does not fit it.
        recorded = PulseLockProblem{PulseLockProblem::Kind::LockDisagrees, refclock.config().lockRefId, std::nullopt,
                                    std::nullopt, refclock.snapshot().lastRejectReason};
    }
}

std::optional<PulseReference> Engine::pulseReference(const RefClockSource &refclock, RealTime edge,
                                                     PulseLockProblem &problem) const
{
    using Problem = PulseLockProblem::Kind;
    const RefClockConfig &config = refclock.config();
    const double period = refclock.pulsePeriod();
    problem.lock = config.lockRefId;
    if (!config.lockRefId.empty()) {
        const std::vector<RefClockSource *> refclocks = refClocks();
        const auto lock = std::find_if(refclocks.begin(), refclocks.end(),
                                       [&](const auto &r) { return r->name() == config.lockRefId; });
        if (lock == refclocks.end() || *lock == &refclock) {
            problem.kind = Problem::LockMissing;
            return std::nullopt;
        }
        const StatSample *newest = (*lock)->newestRawSample();
        if (!newest) {
            problem.kind = Problem::LockNoSample;
            return std::nullopt;
        }
        const double age = std::abs(toSeconds(edge - newest->time));
        if (age > config.maxLockAge * period) {
            problem.kind = Problem::LockSampleTooOld;
            problem.value = age;
            problem.limit = config.maxLockAge * period;
            return std::nullopt;
        }
        return PulseReference{PulseReference::Kind::LockedSource, newest->offset};
    }
    if (!m_discipline.synchronised()) {
        problem.kind = Problem::NoLockUnsynchronised;
        return std::nullopt;
    }
    const ReferenceSnapshot r = m_discipline.reference(edge);
    const double distance = r.rootDelay / 2 + r.rootDispersion;
    if (distance >= RefClockSource::kUnlockedDistanceLimit * period) {
        problem.kind = Problem::NoLockTooUncertain;
        problem.value = distance;
        problem.limit = RefClockSource::kUnlockedDistanceLimit * period;
        return std::nullopt;
    }
    return PulseReference{PulseReference::Kind::LocalClock, m_discipline.correctionAt(edge)};
}

bool Engine::pollDueRefClocks(RealTime now)
{
    bool polled = false;
    for (RefClockSource *refclock : refClocks()) {
        if (refclock->nextPollTime() > now)
            continue;
        const bool hadSample = refclock->reach() & 1;
        polled = true;
        const auto sample = refclock->poll(
            now, [this](RealTime raw) { return m_discipline.correctionAt(raw); }, m_discipline.frequency());
        if (hadSample != sample.has_value()) {
            // Losing and regaining a refclock is what a person watching a GPS wants in the journal.
            const std::string reason = refclock->snapshot().lastRejectReason;
            m_events.push_back(
                {EngineEvent::Category::RefClock,
                 sample ? "refclock " + refclock->name() + " delivers samples"
                        : "refclock " + refclock->name() + " delivered no usable sample this poll"
                              + (reason.empty() ? std::string(" (nothing from the driver)") : " (" + reason + ")")});
        }
        if (!sample)
            continue;
        m_logger.refclockSample(*refclock, *sample, true, false);
        accumulateStatistics(refclock->id(), *sample);
        m_logger.statisticsUpdated(IpAddress{}, refclock->referenceId(), m_records.at(refclock->id()).statistics,
                                   sample->time);
        reselect(now, refclock->id());
    }
    return polled;
}

double Engine::makeStep(RealTime reading)
{
    const double stepped = m_discipline.makeStep(rawTime(m_options.clockDriver, reading));
    reportClockDriverErrors();
    if (stepped != 0) {
        m_stepsSinceAlarms.push_back(stepped);
        updateAlarms(rawTime(m_options.clockDriver, reading));
    }
    m_events.push_back({EngineEvent::Category::Clock,
                        stepped == 0 ? std::string("makestep: no correction pending")
                                     : "clock stepped by " + std::to_string(stepped) + " s (makestep command)"});
    return stepped;
}

void Engine::notifyExternalStep(double offset, RealTime reading)
{
    if (!std::isfinite(offset) || offset == 0)
        return;
    const Nanoseconds step = fromSeconds(offset);
    // Seconds in the log as the makestep lines give them (microseconds), in the "C" locale.
    constexpr int kStepDecimals = 6;
    std::string how;
    // Where the alarms are evaluated: on the raw scale, which goes on through the jump.
    RealTime raw{};
    if (ClockDriver *driver = m_options.clockDriver) {
        if (!driver->externalStep(reading - step, offset)) {
            reportClockDriverErrors();
            m_events.push_back(
                {EngineEvent::Category::Clock,
                 "the system clock was stepped by " + fixedText(offset, kStepDecimals)
                     + " s by something else, and the clock driver cannot follow: " + driver->lastError()});
            return;
        }
        reportClockDriverErrors();
        raw = rawTime(driver, reading);
        const double back = m_discipline.correctExternalStep(raw);
        how = back != 0 ? "; stepped back by " + fixedText(back, kStepDecimals) + " s (makestep)"
                        : (m_discipline.synchronised() ? "; slewing it back" : "; the first update corrects it");
    } else {
        m_externalSteps += step;
        how = "; the virtual clock goes on without the jump";
        raw = rawTime(nullptr, reading);
    }
    // A request sent before the jump and answered after it has its timestamps on either side:
    // its reply is not used (chronyd resets its NTP instances the same way).
    for (NtpSource *source : ntpSources())
        source->forgetRequest();
    m_externalStepsSinceAlarms.push_back(offset);
    m_events.push_back({EngineEvent::Category::Clock,
                        std::string(offset > 0 ? "forward" : "backward") + " jump of the system clock by "
                            + fixedText(offset, kStepDecimals) + " s detected (an external step, not ours)" + how});
    updateAlarms(raw);
}

bool Engine::clockLeapSecondNear(RealTime reading) const
{
    return m_options.clockDriver && m_leap.mode() == LeapSecondMode::System
           && nearLeapSecond(rawTime(m_options.clockDriver, reading));
}

void Engine::handleTimeout(RealTime reading)
{
    if (m_options.clockDriver) {
        // The driver's own timer (a slew leg ending), on the host clock.
        if (const auto due = m_options.clockDriver->nextWakeup(); due && *due <= reading) {
            m_discipline.driverTimeout();
            reportClockDriverErrors();
        }
    }
    // Compared on the raw scale, as nextWakeup() asked for it: the served time of that reading
    // may round a nanosecond short of the event.
    if (const auto leapDue = m_leap.nextEvent();
        leapDue && rawTime(m_options.clockDriver, reading) >= m_discipline.uncook(*leapDue))
        handleLeapSecond(reading, *leapDue);
    const RealTime now = rawTime(m_options.clockDriver, reading);
    requestDueResolves(now);
    const bool polled = pollDueSources(now);
    const bool refclocksPolled = pollDueRefClocks(now);
    // Reach registers moved: a source may have become unreachable. Only then: a wake-up with
    // nothing due (a host's report timer, a signal, a coarse timer) must change nothing, or
    // results would depend on when the host happens to wake.
    if (polled)
        reselect(now, std::nullopt);
    if (polled || refclocksPolled)
        updateAlarms(now);
}

void Engine::handleLeapSecond(RealTime reading, RealTime due)
{
    const LeapSecondHandler::Event event = m_leap.handleTimeout(std::max(localTime(reading), due));
    // UTC moves by this against any clock that does not take the leap.
    const double shift = -event.seconds;
    const std::string what = event.seconds > 0 ? "inserted" : "deleted";
    const std::string stepped = "clock stepped by " + std::string(event.seconds > 0 ? "-1" : "+1") + " s";
    const RealTime now = rawTime(m_options.clockDriver, reading);
    if (event.phase == LeapSecondHandler::Phase::Start) {
        switch (m_leap.mode()) {
        case LeapSecondMode::Step:
            m_discipline.leapStep(now, shift);
            shiftReferences(shift);
            m_events.push_back({EngineEvent::Category::Clock, stepped + " for the leap second (" + what + ")"});
            break;
        case LeapSecondMode::Slew:
            m_discipline.leapSlew(now, shift);
            shiftReferences(shift);
            m_events.push_back({EngineEvent::Category::Clock, "slewing the clock for the leap second (" + what + ")"});
            break;
        case LeapSecondMode::Ignore:
            // The clock is left a second off; the next updates correct it like any offset.
            shiftReferences(shift);
            m_events.push_back(
                {EngineEvent::Category::Clock, "leap second (" + what + ") ignored (leapsecmode ignore)"});
            break;
        case LeapSecondMode::System:
            break; // the kernel corrects the clock at midnight
        }
        reportClockDriverErrors();
        return;
    }
    if (event.phase != LeapSecondHandler::Phase::End)
        return;
    if (m_leap.mode() == LeapSecondMode::System) {
        const RealTime midnight = m_leap.leapMidnight().value_or(localTime(reading));
        const RealTime clockBefore = event.seconds > 0 ? midnight : midnight - std::chrono::seconds(1);
        if (m_discipline.systemLeapApplied(clockBefore, event.seconds)) {
            m_events.push_back({EngineEvent::Category::Clock, "the kernel " + what + " the leap second"});
        } else {
            // The kernel did not (another program cleared the flag): do it here, late.
            m_discipline.leapStep(now, shift);
            m_events.push_back({EngineEvent::Category::Clock, "the kernel did not apply the leap second: " + stepped});
        }
        shiftReferences(shift);
        // The raw time of this reading moved if the driver counted the kernel's step as its own.
        const RealTime after = rawTime(m_options.clockDriver, reading);
        m_discipline.setSystemLeap(after, 0, kernelTaiOffset(after));
    }
    reportClockDriverErrors();
}

void Engine::shiftReferences(double offset)
{
    for (auto &[id, record] : m_records) {
        record.statistics.shiftOffsets(offset);
        if (record.refclock)
            record.refclock->leapSecond(offset);
        if (record.sampling && record.sampling->filter)
            record.sampling->filter->reset();
        if (record.calibrator)
            record.calibrator->reset();
    }
}

bool Engine::nearLeapSecond(RealTime raw) const
{
    return m_leap.isClose(m_discipline.cook(raw));
}

double Engine::taiMinusUtc(RealTime raw) const
{
    if (m_leap.taiOffset() != 0)
        return m_leap.taiOffset();
    if (m_leap.table())
        if (const int offset = m_leap.table()->day(m_discipline.cook(raw)).taiOffset; offset != 0)
            return offset;
    return RefClockSource::kTaiMinusUtc;
}

int Engine::kernelTaiOffset(RealTime raw) const
{
    // As chronyd: only in system mode, only from the table (the sources do not say it), and not
    // around the leap itself, where the kernel moves its offset on by itself.
    if (m_leap.mode() != LeapSecondMode::System || !m_leap.table() || nearLeapSecond(raw))
        return 0;
    return m_leap.taiOffset() != 0 ? m_leap.taiOffset() : m_leap.table()->day(m_discipline.cook(raw)).taiOffset;
}

void Engine::handleGpsStatus(const GpsStatus &status, RealTime reading)
{
    m_gpsStatus = status;
    updateAlarms(rawTime(m_options.clockDriver, reading));
}

AlarmInputs Engine::alarmInputs(RealTime now)
{
    AlarmInputs in;
    in.now = m_discipline.cook(now);
    const ReferenceSnapshot reference = referenceSnapshot(in.now);
    in.synchronised = reference.synchronised;
    in.stratum = reference.stratum;
    in.referenceName = reference.referenceName;
    in.leap = reference.leap;
    in.sourceSelected = m_reportedSelection.has_value();
    if (!in.sourceSelected && m_reportedNoSelection != NoSelectionReason::None)
        in.noSelectionReason = toString(m_reportedNoSelection);
    for (const NtpSource *source : ntpSources()) {
        const SourceRecord &record = m_records.at(source->id());
        in.sources.push_back({source->name(),
                              source->config().kind == SourceConfig::Kind::Peer ? SourceKind::Peer : SourceKind::Server,
                              record.state, source->reach(), false, std::ldexp(1.0, source->poll())});
    }
    for (const RefClockSource *refclock : refClocks()) {
        const RefClockConfig &config = refclock->config();
        in.sources.push_back({refclock->name(), SourceKind::RefClock, m_records.at(refclock->id()).state,
                              refclock->reach(), config.driver == RefClockDriver::Pps || config.ppsForced,
                              std::ldexp(1.0, refclock->poll())});
    }
    in.gps = m_gpsStatus;
    in.steps = std::exchange(m_stepsSinceAlarms, {});
    in.externalSteps = std::exchange(m_externalStepsSinceAlarms, {});
    for (const RefClockSource *refclock : refClocks())
        if (const auto &calibrator = m_records.at(refclock->id()).calibrator)
            in.calibrations.push_back({refclock->name(), calibrator->result(refclock->config().offset)});
    return in;
}

void Engine::updateAlarms(RealTime now)
{
    m_alarms.update(alarmInputs(now));
}

bool Engine::pollDueSources(RealTime now)
{
    bool polled = false;
    for (NtpSource *source : ntpSources()) {
        if (!source->isActive() || source->nextPollTime() > now)
            continue;
        // The previous request was never answered: for the filter, a poll without a sample.
        if (source->awaitingReplySince())
            countMissingSample(*source, now);
        OutgoingPacket out;
        out.role = SocketRole::Client;
        out.remote = source->address();
        // The receive cookie is drawn only for an interleaved request, so that sources in basic
        // mode see the same random sequence as before.
        const std::uint64_t cookie = m_random();
        const std::uint64_t receiveCookie = source->sendsInterleaved() ? m_random() : 0;
        out.data = source->makeRequest(now, cookie, receiveCookie);
        if (const std::uint32_t keyId = source->config().key; keyId != 0) {
            const SymmetricKey *key = m_options.keys.find(keyId);
            if (!key) {
                polled = true; // the poll happened (reach shifted), only nothing went out:
                continue;      // chronyd sends nothing it cannot sign
            }
            // The transmit timestamp is the cookie already: the MAC is final here.
            appendMac(out.data, *key);
        }
        out.reportTransmit = true;
        m_outgoing.push_back(std::move(out));
        polled = true;
    }
    return polled;
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

void Engine::handleResolved(std::uint64_t token, const std::vector<IpAddress> &addresses, RealTime reading)
{
    const RealTime now = rawTime(m_options.clockDriver, reading);
    const auto it = m_pendingResolves.find(token);
    if (it == m_pendingResolves.end())
        return;
    PendingResolve &pending = it->second;
    if (addresses.empty()) {
        pending.inFlight = false;
        pending.failed = true;
        pending.retryAt = now + pending.retryDelay;
        pending.retryDelay = std::min(pending.retryDelay * 2, kResolveRetryMax);
        return;
    }
    const SourceConfig config = pending.config;
    const bool runtime = pending.runtime;
    const std::optional<std::uint32_t> refresh = pending.refresh;
    m_pendingResolves.erase(it);
    if (refresh) {
        moveRefreshedSource(*refresh, addresses, now);
        return;
    }
    const auto markRuntime = [&] {
        if (runtime)
            m_records.at(m_nextSourceId - 1).addedAtRunTime = true;
    };
    if (config.kind == SourceConfig::Kind::Pool) {
        // Only sources really added count: a pool may return an address twice, or one that
        // another directive already polls.
        int wanted = std::max(config.maxSources, 1);
        for (std::size_t i = 0; i < addresses.size() && wanted > 0; ++i)
            if (addSource(config, addresses[i].toString(), addresses[i], config.host, now)) {
                markRuntime();
                --wanted;
            }
    } else if (addSource(config, config.host, addresses.front(), {}, now)) {
        markRuntime();
    }
}

void Engine::handleTransmitted(const TransmittedPacket &packet)
{
    const SocketAddress remote{packet.remote.ip.unmapped(), packet.remote.port};
    if (packet.role == SocketRole::Client) {
        // The request's transmit timestamp is its cookie: the source knows whether it is its
        // latest request or the one before (whose T1 an interleaved reply still needs).
        const std::vector<NtpSource *> sources = ntpSources();
        const auto it =
            std::find_if(sources.begin(), sources.end(), [&](const auto &s) { return s->address() == remote; });
        if (it != sources.end())
            (*it)->requestTransmitted(readTransmitTimestamp(packet.data),
                                      rawTime(m_options.clockDriver, packet.sendTime), packet.kernelTimestamp,
                                      packet.hardwareTimestamp);
        return;
    }
    // A server reply that may be asked for interleaved: the daemon's report saves it under
    // the receive timestamp it went out with, the kernel's (later) finds it by that.
    if (!m_clientLog)
        return;
    const NtpTimestamp receive = readReceiveTimestamp(packet.data);
    const NtpTimestamp transmit = transmitTimestamp(packet.sendTime);
    if (packet.kernelTimestamp)
        m_clientLog->updateTransmit(remote.ip, receive, transmit, true);
    else
        m_clientLog->saveInterleaved(remote.ip, receive, transmit);
}

RefClockSource *Engine::findRefClock(std::uint32_t id) const
{
    const auto it = m_records.find(id);
    return it == m_records.end() ? nullptr : it->second.refclock.get();
}

NtpSource *Engine::findSource(std::uint32_t id) const
{
    const auto it = m_records.find(id);
    return it == m_records.end() ? nullptr : it->second.ntp.get();
}

std::vector<NtpSource *> Engine::ntpSources() const
{
    std::vector<NtpSource *> sources;
    for (const auto &[id, record] : m_records)
        if (record.ntp)
            sources.push_back(record.ntp.get());
    return sources;
}

std::vector<RefClockSource *> Engine::refClocks() const
{
    std::vector<RefClockSource *> refclocks;
    for (const auto &[id, record] : m_records)
        if (record.refclock)
            refclocks.push_back(record.refclock.get());
    return refclocks;
}

std::vector<OutgoingPacket> Engine::takeOutgoing()
{
    return std::exchange(m_outgoing, {});
}

void Engine::takeOutgoing(std::vector<OutgoingPacket> &into)
{
    into.clear();
    std::swap(into, m_outgoing);
}

std::vector<ResolveRequest> Engine::takeResolveRequests()
{
    return std::exchange(m_resolveRequests, {});
}

std::vector<EngineLogRecord> Engine::takeLogRecords()
{
    return m_logger.take();
}

std::vector<EngineEvent> Engine::takeEvents()
{
    return std::exchange(m_events, {});
}

std::optional<RealTime> Engine::nextWakeup() const
{
    std::optional<RealTime> next;
    const auto consider = [&next](RealTime t) {
        if (!next || t < *next)
            next = t;
    };
    for (const NtpSource *source : ntpSources())
        if (source->isActive())
            consider(source->nextPollTime());
    for (const auto &[token, pending] : m_pendingResolves)
        if (!pending.inFlight)
            consider(pending.retryAt);
    for (const RefClockSource *refclock : refClocks())
        consider(refclock->nextPollTime());
    if (const auto leapDue = m_leap.nextEvent())
        consider(m_discipline.uncook(*leapDue));
    if (next)
        next = hostTime(*next);
    if (m_options.clockDriver)
        if (const auto driverWakeup = m_options.clockDriver->nextWakeup())
            consider(*driverWakeup);
    if (!next)
        return std::nullopt;
    return next;
}

RealTime Engine::localTime(RealTime reading) const
{
    return m_discipline.cook(rawTime(m_options.clockDriver, reading));
}

NtpTimestamp Engine::transmitTimestamp(RealTime now) const
{
    return NtpTimestamp::fromRealTime(localTime(now));
}

void Engine::finishOutgoing(OutgoingPacket &packet, RealTime now) const
{
    if (packet.stampTransmit) {
        // A server or passive reply's transmit timestamp never carries kServerReceiveFlag.
        const NtpTimestamp transmit = transmitTimestamp(now);
        writeTransmitTimestamp(packet.data,
                               packet.role == SocketRole::Server ? withoutServerReceiveFlag(transmit) : transmit);
    }
    if (packet.macKeyId != 0)
        if (const SymmetricKey *key = m_options.keys.find(packet.macKeyId))
            resignMac(packet.data, *key);
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
    if (m_discipline.synchronised()) {
        r = m_discipline.reference(m_discipline.uncook(now));
        r.precision = m_options.precision;
        r.leap = m_leap.served();
    } else if (m_config.local.enabled) {
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

SourceSnapshot Engine::toLocalTimeScale(SourceSnapshot source, RealTime now) const
{
    const SourceRecord &record = m_records.at(source.id);
    source.state = record.state;
    // The key's type and size, never its bytes.
    if (source.keyId != 0)
        if (const SymmetricKey *key = m_options.keys.find(source.keyId)) {
            constexpr int kBitsPerByte = 8;
            source.keyType = keyTypeName(key->type);
            source.keyBits = static_cast<int>(key->secret.size()) * kBitsPerByte;
        }
    if (record.selectionLetter)
        source.selectionLetter = *record.selectionLetter;
    const SourceStatistics &stats = record.statistics;
    if (stats.samples() > 0) {
        const SourcestatsReport report = stats.sourcestatsReport(now);
        source.stats.samples = report.samples;
        source.stats.runs = report.runs;
        source.stats.span = report.span;
        source.stats.frequencyPpm = report.frequencyPpm();
        source.stats.frequencySkewPpm = report.skewPpm();
        // The regression is against the raw clock; users want it against our time.
        source.stats.offset = report.offset - m_discipline.correctionAt(now);
        source.stats.standardDeviation = report.stdDev;
    }
    if (const auto last = stats.lastSampleReport(now)) {
        source.errorBound = last->error;
        if (source.lastSample)
            source.adjustedOffset = source.lastSample->rawOffset - m_discipline.correctionAt(now);
    }
    // Sample times are raw; users see them on our time scale.
    const auto convert = [this](SourceSample &sample) { sample.time = m_discipline.cook(sample.time); };
    for (SourceSample &sample : source.recentSamples)
        convert(sample);
    for (PulseEdgeSample &edge : source.recentEdges)
        edge.time = m_discipline.cook(edge.time);
    if (source.lastSample)
        convert(*source.lastSample);
    if (source.lastRx)
        source.lastRx = m_discipline.cook(*source.lastRx);
    if (record.lastExchange)
        source.lastExchange = record.lastExchange;
    source.addedAtRunTime = record.addedAtRunTime;
    if (const NtpSource *ntp = findSource(source.id)) {
        source.unselectableReason = authenticationUnavailable(ntp->config());
        if (source.unselectableReason.empty() && !ntp->config().noselect && identityOf(source.id).noselect)
            source.unselectableReason = authSelectModeReason();
    }
    source.selectionReason = selectionReason(source, now);
    if (record.calibrator)
        if (const RefClockSource *refclock = findRefClock(source.id))
            source.calibration = record.calibrator->result(refclock->config().offset);
    return source;
}

SelectionReason Engine::selectionReason(const SourceSnapshot &source, RealTime now) const
{
    const SourceRecord &record = m_records.at(source.id);
    SelectionFacts facts;
    facts.selection = record.selection;
    facts.reach = source.reach;
    facts.leap = source.leap;
    facts.stratum = source.stratum;
    facts.requestsSent = source.requestsSent;
    if (source.lastRx)
        facts.sinceLastSample = std::max(0.0, toSeconds(m_discipline.cook(now) - *source.lastRx));
    facts.offline = source.offline;
    facts.neverSelectable = source.unselectableReason;
    if (!source.unselectableReason.empty() && source.unselectableReason == authSelectModeReason())
        facts.neverSelectableFix = "Give it a `key` (with the same key on the server), or change `authselectmode`.";
    facts.driverFault = source.driverFault;
    facts.driverStatus = source.driverStatus;
    facts.lastRejectReason = source.lastRejectReason;
    facts.kissCode = source.kissCode;
    facts.testFailure = record.testFailure;
    facts.lockProblem = record.lockProblem;
    facts.samples = record.statistics.samples();
    // candidateFor's rule: a lone sample may start the clock, never steer it once synchronised.
    const bool steering = m_selector.selectedId() == source.id;
    facts.samplesNeeded = m_discipline.synchronised() && !steering ? 2 : 1;
    RealTime nextPoll = now;
    if (const NtpSource *ntp = findSource(source.id)) {
        nextPoll = ntp->nextPollTime();
        facts.pollInterval = std::ldexp(1.0, ntp->poll());
        facts.pollsPerSample = std::max(ntp->config().filter, 1);
    } else if (const RefClockSource *refclock = findRefClock(source.id)) {
        facts.refclock = true;
        facts.pulses = refclock->config().driver == RefClockDriver::Pps || refclock->config().ppsForced;
        nextPoll = refclock->nextPollTime();
        facts.pollInterval = std::ldexp(1.0, refclock->poll());
    }
    facts.untilNextPoll = toSeconds(nextPoll - now);
    const auto nameOf = [this](std::uint32_t id) { return identityOf(id).name; };
    if (const auto selected = m_selector.selectedId())
        facts.selectedName = nameOf(*selected);
    if (record.selection)
        for (const std::uint32_t id : record.selection->evidence.agreeing)
            facts.agreeingNames.push_back(nameOf(id));
    return explainSelection(facts);
}

ClientLogSnapshot Engine::clientLogSnapshot() const
{
    ClientLogSnapshot log;
    if (!m_clientLog)
        return log;
    log.enabled = true;
    log.capacity = m_clientLog->capacity();
    log.recordsDropped = m_clientLog->recordsDropped();
    log.timestampsHeld = m_clientLog->interleavedTimestampsHeld();
    const std::vector<ClientRecord> records = m_clientLog->mostRecent(kSnapshotClientLimit);
    log.notShown = m_clientLog->size() - records.size();
    log.clients.reserve(records.size());
    for (const ClientRecord &r : records)
        log.clients.push_back({r.address, r.ntpPackets, r.ntpDropped, r.averageIntervalLog2,
                               r.averageLimitedIntervalLog2, m_discipline.cook(r.lastPacket)});
    return log;
}

EngineSnapshot Engine::snapshot(RealTime reading) const
{
    const RealTime now = rawTime(m_options.clockDriver, reading);
    const RealTime cooked = m_discipline.cook(now);
    EngineSnapshot s;
    s.time = cooked;
    s.reference = referenceSnapshot(cooked);
    s.server = m_responder.stats();
    s.server.interleavedKernelTransmits = m_interleavedKernelTransmits;
    s.server.daemonReceiveStamps = m_daemonReceiveStamps;
    s.server.hardwareReceiveStamps = m_hardwareReceiveStamps;
    s.clientLog = clientLogSnapshot();
    s.clientPacketsDropped = m_clientPacketsDropped;
    s.ntpPort = m_config.ntpPort;
    s.configWarnings = m_config.warnings;
    s.sources.reserve(m_records.size());
    for (const NtpSource *source : ntpSources())
        s.sources.push_back(toLocalTimeScale(source->snapshot(), now));
    for (const RefClockSource *refclock : refClocks())
        s.sources.push_back(toLocalTimeScale(refclock->snapshot(), now));
    // Tokens grow in configuration order.
    for (const auto &[token, pending] : m_pendingResolves)
        s.unresolved.push_back({pending.config.host, pending.config.kind == SourceConfig::Kind::Pool, pending.failed});
    s.alarms = m_alarms.alarms();
    return s;
}

} // namespace s1
