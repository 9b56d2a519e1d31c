#include "sim/Simulation.h"

#include "sim/SimGpsReceiver.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace s1::sim {

namespace {

// 2026-01-01T00:00:00Z: any epoch works; a recent one keeps NTP era handling realistic.
constexpr std::int64_t kEpochUnixSeconds = 1'767'225'600;
const SocketAddress kClientAddress{IpAddress::v4(0xC6336401), 50123}; // 198.51.100.1
constexpr int kSimulatedPrecision = -20; // log2 s, about 1 us: a typical Linux clock reading
// What chronyd servers report under clknetsim (2^-23 s, about 120 ns): their timestamps are
// fuzzed below it, so it sets how noisy T2 and T3 are.
constexpr int kServerPrecision = -23;
constexpr int kServerStratum = 1;
// Streams derived from the run's seed, so that adding a server does not change the network noise.
constexpr std::uint64_t kClockStream = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t kRefClockStream = 0xC2B2AE3D27D4EB4Full;
constexpr std::uint64_t kTimestampFuzzStream = 0x165667B19E3779F9ull;
constexpr std::uint64_t kTransmitDelayStream = 0x27D4EB2F165667C5ull;
constexpr std::uint64_t kPhcStream = 0x85EBCA77C2B2AE63ull;
// clknetsim's PHC read jitter: a Poisson number of steps (mean 5) plus a uniform fraction,
// over 5.5, times the jitter scale.
constexpr double kPhcJitterLambda = 5.0;
// PHC reads per reading, as the host asks PTP_SYS_OFFSET_EXTENDED for (the kernel's most).
constexpr int kPhcReads = 25;
// A converted stamp further than this from the host's own reading is refused, as the host's
// NicTimestamping does.
constexpr double kMaxHardwareStampDelay = 1.0; // s
constexpr double kRefClockInterval = 1.0; // s between a refclock's samples or pulses
// Where the receive and transmit timestamps sit in an NTP header (RFC 5905 figure 8).
constexpr std::size_t kReceiveTimestampOffset = 32;
constexpr std::size_t kTransmitTimestampOffset = 40;
constexpr std::size_t kPrecisionOffset = 3;

// XORs `bits` random low bits into the 64-bit big-endian NTP timestamp at `offset`.
void fuzzTimestamp(std::vector<std::uint8_t> &packet, std::size_t offset, int bits, std::mt19937_64 &random)
{
    if (bits <= 0 || packet.size() < offset + 8)
        return;
    const std::uint64_t mask = bits >= 64 ? ~0ull : (1ull << bits) - 1;
    const std::uint64_t noise = random() & mask;
    for (int i = 0; i < 8; ++i)
        packet[offset + 7 - static_cast<std::size_t>(i)] ^= static_cast<std::uint8_t>(noise >> (8 * i));
}

TrueTime fromSecondsTrue(double s)
{
    return Nanoseconds(std::llround(s * 1e9));
}

} // namespace

RealTime simulationEpoch()
{
    return RealTime(std::chrono::seconds(kEpochUnixSeconds));
}

Simulation::Simulation(Scenario scenario, std::uint64_t seed, ClientClock clientClock)
    : m_scenario(std::move(scenario))
    , m_epoch(m_scenario.startUnixSeconds ? RealTime(std::chrono::seconds(*m_scenario.startUnixSeconds))
                                          : simulationEpoch())
    , m_random(seed)
    , m_refclockRandom(seed ^ kRefClockStream)
    , m_fuzzRandom(seed ^ kTimestampFuzzStream)
    , m_transmitRandom(seed ^ kTransmitDelayStream)
    , m_phcRandom(seed ^ kPhcStream)
    , m_clientClock(m_scenario.clock, m_epoch, seed ^ kClockStream)
{
    const EngineConfig clientConfig = m_scenario.engineConfig();
    EngineOptions clientOptions;
    clientOptions.seed = seed;
    clientOptions.precision = kSimulatedPrecision;
    clientOptions.driftFrequencyPpm = m_scenario.driftPpm;
    clientOptions.driftSkewPpm = m_scenario.driftSkewPpm;
    if (m_scenario.clientKnowsLeapSeconds)
        clientOptions.leapSecondTable = m_scenario.utcLeapSeconds;
    if (clientClock == ClientClock::Kernel) {
        m_kernel = std::make_unique<SimKernelClock>(m_clientClock, [this] { return m_now; });
        KernelClockDriver::Options driverOptions;
        driverOptions.maxSlewRatePpm = clientConfig.clock.maxSlewRate;
        m_driver = std::make_unique<KernelClockDriver>(*m_kernel, driverOptions);
        // A simulated kernel always lets us in; a failure here is a bug in the model.
        if (m_driver->open())
            clientOptions.clockDriver = m_driver.get();
    }
    m_clientOptions = clientOptions;
    m_client = std::make_unique<Engine>(clientConfig, clientOptions, clientReading());
    if (m_scenario.hardwareTimestamps && !clientConfig.hwTimestamps.empty()) {
        const HwTimestampConfig &card = clientConfig.hwTimestamps.front();
        m_clientPhc.emplace(
            HardwareClock::Settings{card.minSamples, card.maxSamples, std::ldexp(1.0, card.minPoll), card.precision});
    }

    for (std::size_t i = 0; i < m_scenario.servers.size(); ++i) {
        const ServerModel &model = m_scenario.servers[i];
        Server server;
        SimClock::Model perfect;
        perfect.startOffset = model.offset;
        server.clock = std::make_unique<SimClock>(perfect, m_epoch, seed + i + 1);
        EngineConfig config;
        config.ntpPort = kNtpDefaultPort;
        if (model.peer) {
            // Answers nobody but its peer, the client, which it names with a `peer` line of
            // its own (never polled: server engines get no timeouts here).
            SourceConfig client;
            client.kind = SourceConfig::Kind::Peer;
            client.host = kClientAddress.ip.toString();
            config.sources.push_back(client);
        } else {
            config.ntpAccess.push_back(AccessRule{});
        }
        config.local.enabled = true;
        config.local.stratum = model.stratum > 0 ? model.stratum : kServerStratum;
        EngineOptions options;
        options.seed = seed + i + 1;
        options.precision = kServerPrecision;
        server.engine = std::make_unique<Engine>(config, options, server.clock->read(m_now));
        server.address = SocketAddress{*IpAddress::parse(clientConfig.sources[i].host), kNtpDefaultPort};
        m_servers.push_back(std::move(server));
    }
    for (std::size_t i = 0; i < m_scenario.refclocks.size(); ++i)
        scheduleRefClock(i, fromSecondsTrue(kRefClockInterval));
}

void Simulation::scheduleRefClock(std::size_t index, TrueTime eventTime)
{
    const RefClockModel &model = m_scenario.refclocks[index];
    const TrueTime delivery = eventTime + fromSecondsTrue(std::max(model.latency, 0.0));
    m_events.push(Event{delivery, m_sequence++, EventKind::RefClock, index, eventTime, {}});
}

void Simulation::deliverRefClock(const Event &event)
{
    checkClientClock();
    const RefClockModel &model = m_scenario.refclocks[event.server];
    const double noise = model.error * m_normal(m_refclockRandom);
    if (model.silent && model.silent->contains(toSeconds(event.eventTime))) {
        scheduleRefClock(event.server, event.eventTime + fromSecondsTrue(kRefClockInterval));
        return;
    }
    if (m_scenario.gpsReceiver && model.kind == RefClockModel::Kind::Samples && event.server == firstSampleRefClock()) {
        const bool fix = !(m_scenario.gpsFixLost && m_scenario.gpsFixLost->contains(toSeconds(event.eventTime)));
        m_client->handleGpsStatus(gpsStatusAt(event.eventTime, fix), clientReading());
        if (!fix) {
            scheduleRefClock(event.server, event.eventTime + fromSecondsTrue(kRefClockInterval));
            flushClient();
            return;
        }
    }
    if (model.kind == RefClockModel::Kind::Pulses) {
        RefClockPulse pulse;
        pulse.receiveTime = clientReadingAt(event.eventTime) + fromSeconds(noise);
        pulse.sequence = static_cast<std::uint32_t>(event.eventTime / std::chrono::seconds(1));
        m_client->handleRefClockPulse(event.server, pulse, clientReading());
    } else {
        // Serial latency jitter only ever delays a message, hence the absolute value.
        const bool late = model.latency > 0;
        RefClockSample sample;
        sample.referenceTime = utcAt(event.eventTime) + (late ? Nanoseconds(0) : fromSeconds(noise));
        sample.receiveTime = clientReadingAt(m_now + (late ? fromSecondsTrue(std::abs(noise)) : TrueTime(0)));
        m_client->handleRefClockSample(event.server, sample, sample.receiveTime);
    }
    scheduleRefClock(event.server, event.eventTime + fromSecondsTrue(kRefClockInterval));
    flushClient();
}

std::size_t Simulation::firstSampleRefClock() const
{
    const auto &models = m_scenario.refclocks;
    const auto first = std::find_if(models.begin(), models.end(),
                                    [](const RefClockModel &m) { return m.kind == RefClockModel::Kind::Samples; });
    return static_cast<std::size_t>(first - models.begin());
}

GpsStatus Simulation::gpsStatusAt(TrueTime t, bool fix) const
{
    const auto &models = m_scenario.refclocks;
    const auto pulses = std::find_if(models.begin(), models.end(),
                                     [](const RefClockModel &m) { return m.kind == RefClockModel::Kind::Pulses; });
    GpsStatus status = SimGpsReceiver::status(toSeconds(t), utcAt(t), pulses == models.end() ? 0.0 : pulses->error);
    status.lastMessageAge = 0.0; // handed in as its sentences arrive
    if (!fix) {
        status.fixMode = GpsFixMode::None;
        status.epochTimeValid = false;
        for (GpsSatellite &satellite : status.satellites)
            satellite.used = false;
    }
    return status;
}

Simulation::~Simulation() = default;

void Simulation::schedule(TrueTime at, EventKind kind, std::size_t server, std::vector<std::uint8_t> data)
{
    m_events.push(Event{at, m_sequence++, kind, server, TrueTime(0), std::move(data)});
}

TrueTime Simulation::transmitDelay(double scale)
{
    if (scale <= 0)
        return TrueTime(0);
    return fromSecondsTrue(scale * m_exponential(m_transmitRandom));
}

std::optional<TrueTime> Simulation::oneWayDelay(bool request)
{
    const NetworkModel &net = m_scenario.network;
    // Both draws happen for every packet so that the random stream does not depend on losses.
    const double lossDraw = m_uniform(m_random);
    const double jitterDraw = m_exponential(m_random);
    if (lossDraw < net.loss)
        return std::nullopt;
    // As in chrony's simulation tests, the asymmetry scales the jitter only: the base delay is
    // the same both ways, so the offsets have no bias that no client could observe.
    const double scale = request ? 1.0 - 2.0 * net.asymmetry : 1.0 + 2.0 * net.asymmetry;
    const double delay = net.baseDelay + net.jitter * jitterDraw * scale;
    if (delay < 0)
        return std::nullopt;
    return fromSecondsTrue(delay);
}

RealTime Simulation::clientReading()
{
    return clientReadingAt(m_now);
}

RealTime Simulation::clientReadingAt(TrueTime t)
{
    return m_kernel ? m_kernel->systemAt(t) : m_clientClock.read(t) + m_virtualClockShift;
}

void Simulation::checkClientClock()
{
    // The boot-time clock: the oscillator through the kernel's rate corrections, without steps.
    const Nanoseconds boot = m_kernel ? m_kernel->bootTime() : m_clientClock.read(m_now).time_since_epoch();
    const RealTime reading = clientReading();
    const double ownSteps = m_driver ? m_driver->ownSteps() : 0.0;
    if (const auto step =
            m_stepDetector.check({reading, boot, Nanoseconds(0)}, ownSteps, m_client->clockLeapSecondNear(reading))) {
        m_client->notifyExternalStep(*step, reading);
        flushClient();
    }
}

void Simulation::applyClockSteps()
{
    const auto &steps = m_scenario.clientClockSteps;
    for (; m_nextClockStep < steps.size() && fromSecondsTrue(steps[m_nextClockStep].at) <= m_now; ++m_nextClockStep) {
        const Nanoseconds jump = fromSeconds(steps[m_nextClockStep].offset);
        if (m_kernel)
            m_kernel->externalStep(jump);
        else
            m_virtualClockShift += jump;
    }
}

void Simulation::flushClient()
{
    const RealTime raw = clientReading();
    for (OutgoingPacket &out : m_client->takeOutgoing()) {
        if (out.reportTransmit)
            m_client->handleTransmitted({SocketRole::Client, out.remote, out.data, raw, false});
        // The packet leaves after its transmit delay, which the kernel's stamp includes (the
        // clock's rate error over microseconds is below a nanosecond); the card's stamp, when
        // it converts, takes the software stamp's place as in the real host.
        const TrueTime leaves = transmitDelay(m_scenario.clientTransmitDelay);
        const std::optional<RealTime> hardware = out.reportTransmit ? hardwareStamp(m_now + leaves) : std::nullopt;
        if (hardware) {
            TransmittedPacket sent{SocketRole::Client, out.remote, out.data, *hardware, true};
            sent.hardwareTimestamp = true;
            m_client->handleTransmitted(sent);
        } else if (out.reportTransmit && leaves > TrueTime(0)) {
            m_client->handleTransmitted({SocketRole::Client, out.remote, out.data, raw + leaves, true});
        }
        const auto server =
            std::find_if(m_servers.begin(), m_servers.end(), [&](const Server &s) { return s.address == out.remote; });
        if (server == m_servers.end())
            continue;
        if (const auto delay = oneWayDelay(true))
            schedule(m_now + leaves + *delay, EventKind::ToServer, static_cast<std::size_t>(server - m_servers.begin()),
                     std::move(out.data));
    }
    // Names never need resolving here: every server is an address.
    m_client->takeResolveRequests();
    m_client->takeLogRecords();
    for (EngineEvent &event : m_client->takeEvents())
        m_clientEvents.push_back(std::move(event));
}

void Simulation::deliverToServer(Event &event)
{
    const ServerModel &model = m_scenario.servers[event.server];
    if (!model.answers || (model.silent && model.silent->contains(toSeconds(m_now))))
        return;
    Server &server = m_servers[event.server];
    if (server.requestsLost < model.lostFirstRequests) {
        ++server.requestsLost;
        return;
    }
    const bool jumped = model.jumped && model.jumped->contains(toSeconds(m_now));
    // The server's kernel takes UTC's leap seconds.
    const RealTime raw = server.clock->read(m_now) + (utcAt(m_now) - (m_epoch + m_now))
                         + (jumped ? fromSeconds(model.jump) : Nanoseconds(0));
    ReceivedPacket packet;
    packet.role = SocketRole::Server;
    packet.remote = kClientAddress;
    packet.data = event.data;
    packet.receiveTime = raw;
    packet.kernelTimestamp = true;
    server.engine->handlePacket(packet, raw);
    for (OutgoingPacket &reply : server.engine->takeOutgoing()) {
        server.engine->finishOutgoing(reply, raw);
        // As chronyd (the server of chrony's simulation tests) does, the bits below the
        // server's precision are random in both timestamps. The receive and transmit readings
        // are one instant here (zero processing time), so T3 - T2 is as often negative as not.
        if (m_scenario.serverTimestampFuzz && reply.data.size() > kPrecisionOffset) {
            // Bits of the 32.32 fraction below 2^precision.
            const int bits = 32 + static_cast<std::int8_t>(reply.data[kPrecisionOffset]);
            fuzzTimestamp(reply.data, kReceiveTimestampOffset, bits, m_fuzzRandom);
            fuzzTimestamp(reply.data, kTransmitTimestampOffset, bits, m_fuzzRandom);
            // chronyd marks its timestamps after the fuzz (kServerReceiveFlag).
            constexpr std::size_t kLowestByte = 7;
            reply.data[kReceiveTimestampOffset + kLowestByte] |= kServerReceiveFlag;
            reply.data[kTransmitTimestampOffset + kLowestByte] &= static_cast<std::uint8_t>(~kServerReceiveFlag);
        }
        if (reply.reportTransmit)
            server.engine->handleTransmitted({SocketRole::Server, reply.remote, reply.data, raw, false});
        const TrueTime leaves = transmitDelay(m_scenario.serverTransmitDelay);
        if (reply.reportTransmit && leaves > TrueTime(0))
            server.engine->handleTransmitted({SocketRole::Server, reply.remote, reply.data, raw + leaves, true});
        if (const auto delay = oneWayDelay(false))
            schedule(m_now + leaves + *delay, EventKind::ToClient, event.server, std::move(reply.data));
    }
}

void Simulation::deliverToClient(Event &event)
{
    checkClientClock();
    const RealTime raw = clientReading();
    ReceivedPacket packet;
    packet.role = SocketRole::Client;
    packet.remote = m_servers[event.server].address;
    packet.data = event.data;
    packet.receiveTime = raw;
    packet.kernelTimestamp = true;
    if (const std::optional<RealTime> hardware = hardwareStamp(m_now)) {
        packet.receiveTime = *hardware;
        packet.hardwareTimestamp = true;
    }
    m_client->handlePacket(packet, raw);
    ++m_delivered;
    flushClient();
}

RealTime Simulation::phcAt(TrueTime t) const
{
    return m_epoch + t + fromSeconds(m_scenario.hardwareTimestamps->phcOffset);
}

void Simulation::readClientPhc()
{
    const RealTime reading = clientReading();
    // The line is kept on the raw scale, as the host keeps it (the driver's map).
    const RealTime rawNow = m_driver ? m_driver->rawTime(reading) : reading;
    if (!m_clientPhc->needsSample(rawNow))
        return;
    const HardwareTimestampModel &model = *m_scenario.hardwareTimestamps;
    std::poisson_distribution<int> steps(kPhcJitterLambda);
    const auto leg = [&](double share) {
        const double jitter = model.phcJitter > 0 ? (steps(m_phcRandom) + m_uniform(m_phcRandom))
                                                        / (kPhcJitterLambda + 0.5) * model.phcJitter * share
                                                  : 0.0;
        return model.phcDelay / 2 + jitter;
    };
    // Each read: the system clock after it at `now`, the PHC read `after` before that, the
    // system clock before it `before + after` before that; the narrowest window wins, its
    // midpoint taken as the PHC's moment, as PhcDevice does.
    std::optional<double> bestWindow;
    double bestAfter = 0;
    for (int i = 0; i < kPhcReads; ++i) {
        const double before = leg(0.5 + model.phcJitterAsymmetry);
        const double after = leg(0.5 - model.phcJitterAsymmetry);
        if (!bestWindow || before + after < *bestWindow) {
            bestWindow = before + after;
            bestAfter = after;
        }
    }
    const RealTime phc = phcAt(m_now - fromSecondsTrue(bestAfter));
    const RealTime middle = reading - fromSeconds(*bestWindow / 2);
    m_clientPhc->addSample(phc, m_driver ? m_driver->rawTime(middle) : middle, *bestWindow / 2);
}

std::optional<RealTime> Simulation::hardwareStamp(TrueTime t)
{
    // No link speed is modelled: a receive stamp is the frame's end already.
    if (!m_clientPhc)
        return std::nullopt;
    readClientPhc();
    const std::optional<RealTime> raw = m_clientPhc->localTime(phcAt(t));
    if (!raw)
        return std::nullopt;
    const RealTime host = m_driver ? m_driver->clockTime(*raw) : *raw;
    if (std::abs(toSeconds(host - clientReadingAt(t))) > kMaxHardwareStampDelay)
        return std::nullopt;
    return host;
}

double Simulation::currentError()
{
    const RealTime reading = clientReading();
    // A steered clock is measured itself, not what the engine thinks it reads.
    const RealTime local = m_kernel ? reading : m_client->localTime(reading);
    return toSeconds(local - utcAt(m_now));
}

RealTime Simulation::utcAt(TrueTime t) const
{
    const RealTime continuous = m_epoch + t;
    if (!m_scenario.utcLeapSeconds)
        return continuous;
    const auto &entries = m_scenario.utcLeapSeconds->entries();
    Nanoseconds shift{0};
    for (std::size_t i = 1; i < entries.size(); ++i) {
        const RealTime midnight{std::chrono::seconds(entries[i].utcSeconds)};
        if (midnight <= m_epoch)
            continue;
        const bool inserted = entries[i].taiOffset > entries[i - 1].taiOffset;
        // UTC repeats 23:59:59 for an inserted second and skips it for a deleted one, as the
        // servers' kernels do.
        const RealTime at = inserted ? midnight : midnight - std::chrono::seconds(1);
        if (continuous + shift < at)
            break;
        shift += inserted ? -std::chrono::seconds(1) : std::chrono::seconds(1);
    }
    return continuous + shift;
}

void Simulation::restartClient(bool restore)
{
    std::vector<SourceDump> dumps;
    if (restore)
        dumps = m_client->dumpSources(clientReading());
    m_client.reset();
    // A new process draws new request cookies.
    ++m_clientOptions.seed;
    m_client = std::make_unique<Engine>(m_scenario.engineConfig(), m_clientOptions, clientReading());
    if (restore)
        m_client->restoreSources(std::move(dumps), clientReading());
    flushClient();
}

RunResult Simulation::run(std::optional<double> until)
{
    const TrueTime end = fromSecondsTrue(until.value_or(m_scenario.duration));
    const TrueTime measureFrom = fromSecondsTrue(m_scenario.measureFrom);
    TrueTime nextMeasure = m_now;
    const TrueTime extraWakeupInterval = fromSecondsTrue(m_scenario.extraWakeupInterval);
    TrueTime nextExtraWakeup = m_now + extraWakeupInterval;
    std::optional<double> previousError;

    double sumSquares = 0, sumErrors = 0, maxError = 0, maxErrorAt = 0, sumFrequencySquares = 0, syncTime = 0;
    std::uint64_t measured = 0, frequencyMeasured = 0;

    flushClient();
    for (;;) {
        TrueTime next = nextMeasure;
        bool wake = false;
        if (extraWakeupInterval > TrueTime(0) && nextExtraWakeup < next) {
            next = nextExtraWakeup;
            wake = true;
        }
        if (const auto wakeRaw = m_client->nextWakeup()) {
            const TrueTime wakeTrue = std::max(m_kernel ? m_kernel->trueTimeOf(*wakeRaw)
                                                        : m_clientClock.trueTimeOf(*wakeRaw - m_virtualClockShift),
                                               m_now);
            if (wakeTrue < next) {
                next = wakeTrue;
                wake = true;
            }
        }
        bool clockStep = false;
        if (m_nextClockStep < m_scenario.clientClockSteps.size()) {
            const TrueTime stepAt = std::max(fromSecondsTrue(m_scenario.clientClockSteps[m_nextClockStep].at), m_now);
            if (stepAt < next) {
                next = stepAt;
                wake = false;
                clockStep = true;
            }
        }
        // The run ends with the last thing due at `end`: what happens after it (a host's extra
        // wake-up among them) must not decide whether one more second is measured.
        if (next > end && (m_events.empty() || m_events.top().at > end))
            break;
        if (!m_events.empty() && m_events.top().at <= next) {
            Event event = m_events.top();
            m_events.pop();
            m_now = event.at;
            if (event.kind == EventKind::ToServer)
                deliverToServer(event);
            else if (event.kind == EventKind::ToClient)
                deliverToClient(event);
            else
                deliverRefClock(event);
            continue;
        }
        m_now = next;
        if (clockStep) {
            applyClockSteps();
            continue;
        }
        if (extraWakeupInterval > TrueTime(0) && m_now >= nextExtraWakeup)
            nextExtraWakeup += extraWakeupInterval;
        if (wake) {
            checkClientClock();
            m_client->handleTimeout(clientReading());
            flushClient();
            continue;
        }
        // A measurement second. The host answers clients at any moment, each time after a look
        // at the clock, as it does before anything it hands the engine.
        checkClientClock();
        const double error = currentError();
        if (std::abs(error) > kSyncThreshold)
            syncTime = toSeconds(m_now) + 1.0;
        if (m_now >= measureFrom) {
            sumSquares += error * error;
            sumErrors += error;
            if (std::abs(error) > maxError) {
                maxError = std::abs(error);
                maxErrorAt = toSeconds(m_now);
            }
            ++measured;
            if (previousError) {
                const double frequencyError = (error - *previousError) / toSeconds(kMeasureInterval);
                sumFrequencySquares += frequencyError * frequencyError;
                ++frequencyMeasured;
            }
        }
        previousError = error;
        nextMeasure += kMeasureInterval;
    }

    RunResult result;
    result.rmsError = measured ? std::sqrt(sumSquares / static_cast<double>(measured)) : 0;
    result.maxError = maxError;
    result.maxErrorAt = maxErrorAt;
    result.meanError = measured ? sumErrors / static_cast<double>(measured) : 0;
    result.rmsFrequencyError =
        frequencyMeasured ? std::sqrt(sumFrequencySquares / static_cast<double>(frequencyMeasured)) : 0;
    result.syncTime = syncTime;
    result.packetsDelivered = m_delivered;
    result.finalSnapshot = m_client->snapshot(clientReading());
    if (m_scenario.gpsReceiver) {
        const bool fix = !(m_scenario.gpsFixLost && m_scenario.gpsFixLost->contains(toSeconds(m_now)));
        result.finalSnapshot.gps = gpsStatusAt(m_now, fix);
        // The simulated receiver's times are true time: that is the clock its ages compare with.
        result.finalSnapshot.hostTime = utcAt(m_now);
    }
    result.events = m_clientEvents;
    return result;
}

} // namespace s1::sim
