#include "sim/Scenario.h"

namespace s1::sim {

namespace {

// Servers sit in the documentation range; the simulation routes by address only.
std::string serverAddress(std::size_t index)
{
    return "192.0.2." + std::to_string(index + 1);
}

// A serial GPS receiver: the NMEA time of each second arrives about 0.13 s late with a
// few milliseconds of jitter, the latency compensated by `offset` as a user would, and a wide
// `delay` so that the PPS locked to it is preferred.
constexpr double kNmeaLatency = 0.13; // s
constexpr double kNmeaJitter = 5e-3;  // s
constexpr double kNmeaDelay = 0.2;    // s
// A PPS edge timestamped by a GPIO interrupt: about a microsecond of jitter.
constexpr double kPpsJitter = 1e-6; // s

RefClockModel gpsReceiver()
{
    RefClockModel m;
    m.kind = RefClockModel::Kind::Samples;
    m.refId = "NMEA";
    m.error = kNmeaJitter;
    m.latency = kNmeaLatency;
    m.offsetOption = kNmeaLatency;
    m.delay = kNmeaDelay;
    return m;
}

RefClockModel ppsLockedTo(const std::string &refId)
{
    RefClockModel m;
    m.kind = RefClockModel::Kind::Pulses;
    m.refId = "PPS";
    m.error = kPpsJitter;
    m.lock = refId;
    return m;
}

} // namespace

EngineConfig Scenario::engineConfig() const
{
    EngineConfig config;
    config.ntpPort = 0;
    config.clock.leapSecMode = leapSecMode;
    if (makestep) {
        config.clock.makeStep.threshold = makestep->first;
        config.clock.makeStep.limit = makestep->second;
    }
    for (std::size_t i = 0; i < servers.size(); ++i) {
        SourceConfig source;
        source.host = serverAddress(i);
        source.kind = servers[i].peer ? SourceConfig::Kind::Peer : SourceConfig::Kind::Server;
        source.minPoll = minPoll;
        source.maxPoll = maxPoll;
        source.iburst = iburst;
        source.filter = filter;
        source.xleave = xleave;
        source.origin = "scenario " + name;
        config.sources.push_back(source);
    }
    if (hardwareTimestamps) {
        HwTimestampConfig card;
        card.interface = "eth0";
        card.noCrossTimestamp = true;
        config.hwTimestamps.push_back(card);
    }
    for (const RefClockModel &model : refclocks) {
        RefClockConfig refclock;
        refclock.driver = model.kind == RefClockModel::Kind::Pulses ? RefClockDriver::Pps : RefClockDriver::Shm;
        refclock.parameter = model.kind == RefClockModel::Kind::Pulses ? "/dev/pps0" : "0";
        refclock.refId = model.refId;
        refclock.lockRefId = model.lock;
        refclock.offset = model.offsetOption;
        refclock.delay = model.delay;
        refclock.poll = model.poll;
        refclock.origin = "scenario " + name;
        config.refClocks.push_back(refclock);
    }
    return config;
}

std::vector<Scenario> standardScenarios()
{
    std::vector<Scenario> all;
    Scenario s;
    s.name = "default";
    all.push_back(s);

    s = Scenario{};
    s.name = "poll-4";
    s.minPoll = s.maxPoll = 4;
    s.network.jitter = 1e-6;
    s.clock.wander = 0;
    all.push_back(s);

    s = Scenario{};
    s.name = "iburst";
    s.iburst = true;
    s.makestep = std::make_pair(1e-2, 1);
    s.driftPpm = s.clock.frequencyOffset * 1e6;
    s.driftSkewPpm = 1.0;
    all.push_back(s);

    s = Scenario{};
    s.name = "large-jitter";
    s.network.jitter = 0.1;
    s.clock.startOffset = 1.0;
    all.push_back(s);

    s = Scenario{};
    s.name = "large-wander";
    s.clock.wander = 1e-7;
    all.push_back(s);

    s = Scenario{};
    s.name = "asym-jitter";
    s.network.jitter = 5e-4;
    s.network.asymmetry = 0.47;
    s.duration = 100000;
    all.push_back(s);

    s = Scenario{};
    s.name = "packet-loss";
    s.network.loss = 0.33;
    s.network.jitter = 1e-5;
    s.maxPoll = 8;
    s.duration = 20000;
    all.push_back(s);

    // chrony's refclock test: SHM samples with a 1e-4 s error every second, no network.
    s = Scenario{};
    s.name = "refclock-shm";
    s.servers.clear();
    RefClockModel shm;
    shm.refId = "SHM0";
    shm.error = 1e-4;
    s.refclocks = {shm};
    // chrony's 106-refclock-shm runs 1000 s and counts from its max_sync_time: the start weighs
    // a third of the error there, where 10000 s from 210 s left it out and flattered the row.
    constexpr double kShmDuration = 1000;  // s
    constexpr double kShmMeasureFrom = 70; // s
    s.duration = kShmDuration;
    s.measureFrom = kShmMeasureFrom;
    all.push_back(s);

    s = Scenario{};
    s.name = "pps";
    s.servers.clear();
    s.refclocks = {gpsReceiver(), ppsLockedTo(gpsReceiver().refId)};
    s.gpsReceiver = true;
    all.push_back(s);

    // Transmit timestamps: a busy server's replies leave 200 us (on average, exponentially
    // distributed) after its daemon's stamp, our requests 5 us after ours, on a quiet network
    // polled every 16 s. Basic mode measures with the server's early stamp (half the delay, and
    // its jitter, in every offset), interleaved mode with the kernel's; the two rows show the
    // difference. What is left in interleaved mode is mostly the first two samples, which are
    // basic (as in chronyd, the third reply is the first interleaved one).
    for (const bool interleaved : {false, true}) {
        s = Scenario{};
        s.name = interleaved ? "txdelay-xleave" : "txdelay";
        s.minPoll = s.maxPoll = 4;
        s.network.jitter = 1e-6;
        s.clock.wander = 0;
        constexpr double kServerTransmitDelay = 2e-4; // s
        constexpr double kClientTransmitDelay = 5e-6; // s
        s.serverTransmitDelay = kServerTransmitDelay;
        s.clientTransmitDelay = kClientTransmitDelay;
        s.xleave = interleaved;
        all.push_back(s);
    }

    // chrony's 133-hwtimestamp test: hardware stamps through a PHC read with 1 µs of delay and
    // 0.1 µs of asymmetric jitter, polling every second in interleaved mode, a network with
    // 10 ns of jitter, 10 ppm of frequency error, 200 s.
    s = Scenario{};
    s.name = "hwts";
    s.minPoll = s.maxPoll = 0;
    s.xleave = true;
    s.hardwareTimestamps = HardwareTimestampModel{};
    constexpr double kHwtsJitter = 1e-8;          // s
    constexpr double kHwtsFrequencyOffset = 1e-5; // relative
    constexpr double kHwtsDuration = 200;         // s
    constexpr double kHwtsMeasureFrom = 20;       // s, the test's max_sync_time
    s.network.jitter = kHwtsJitter;
    s.clock.frequencyOffset = kHwtsFrequencyOffset;
    s.duration = kHwtsDuration;
    s.measureFrom = kHwtsMeasureFrom;
    // The card stamps a request as it leaves, after the daemon's reading: without that delay
    // a stamp whose conversion errs early would seem to precede the send and be refused.
    constexpr double kHwtsTransmitDelay = 1e-6; // s
    s.clientTransmitDelay = kHwtsTransmitDelay;
    all.push_back(s);

    for (int falsetickers : {1, 2}) {
        s = Scenario{};
        s.name = "falsetickers-" + std::to_string(falsetickers);
        constexpr int kServers = 5;
        constexpr double kFalsetickerOffset = 0.05; // s
        s.servers.assign(kServers, ServerModel{});
        for (int i = 0; i < falsetickers; ++i)
            s.servers[static_cast<std::size_t>(i)].offset = kFalsetickerOffset;
        all.push_back(s);
    }
    return all;
}

Scenario demoScenario()
{
    // What `stratumone --simulate` shows: several servers at different distances, one of them
    // 30 ms wrong, a GPS receiver with a PPS locked to it, a clock 100 ppm off that starts
    // 0.1 s wrong, fast polling so that something happens every few seconds.
    Scenario s;
    s.name = "demo";
    s.minPoll = 2;
    s.maxPoll = 6;
    s.iburst = true;
    constexpr double kFalsetickerOffset = 0.03; // s
    s.servers = {ServerModel{0, 1}, ServerModel{0, 2}, ServerModel{0, 2}, ServerModel{kFalsetickerOffset, 1}};
    s.refclocks = {gpsReceiver(), ppsLockedTo(gpsReceiver().refId)};
    constexpr int kDemoRefClockPoll = 2; // log2 s: PPS takes over within a minute
    for (RefClockModel &refclock : s.refclocks)
        refclock.poll = kDemoRefClockPoll;
    s.gpsReceiver = true;
    s.duration = 1e9;
    return s;
}

std::optional<Scenario> findScenario(const std::string &name)
{
    for (const Scenario &s : standardScenarios())
        if (s.name == name)
            return s;
    return std::nullopt;
}

} // namespace s1::sim
