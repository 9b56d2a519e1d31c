// What a simulation run is made of: the client's oscillator, the servers, the network between
// them and how the client is configured. Named scenarios mirror the ones chrony's own
// simulation tests use, with the same noise model, so that results compare.
#pragma once

#include "config/EngineConfig.h"
#include "config/RefClockConfig.h"
#include "leap/LeapSecondTable.h"
#include "sim/SimClock.h"

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace s1::sim {

// An interval of true time, s since the start of the run: [from, until).
struct TimeSpan
{
    double from = 0;
    double until = std::numeric_limits<double>::infinity();
    bool contains(double t) const { return t >= from && t < until; }
};

struct NetworkModel
{
    double baseDelay = 1e-4; // s, one way
    double jitter = 1e-4;    // s, scale of the exponentially distributed extra delay
    // The jitter of requests scales by (1 - 2a), that of replies by (1 + 2a) (chrony's
    // jitter_asymmetry); a negative delay drops.
    double asymmetry = 0;
    double loss = 0; // probability that a packet is lost, each way
};

struct ServerModel
{
    double offset = 0; // s: how far the server's clock is from true time (falsetickers)
    int stratum = 1;
    bool answers = true;       // false: a dead server that never replies
    int lostFirstRequests = 0; // the first requests that reach it are lost (a start-up mishap)
    // A `peer` of the client instead of a server: the client polls it in symmetric mode, and
    // it serves no clients (`deny`), only its configured peer, the client.
    bool peer = false;
    // A fault for a while: the server does not answer (it or the path is down), or its clock is
    // `jump` s off (a server that steps its clock by mistake and back).
    std::optional<TimeSpan> silent = std::nullopt;
    std::optional<TimeSpan> jumped = std::nullopt;
    double jump = 0; // s
};

// A reference clock attached to the simulated client. Sample refclocks (SHM, NMEA) deliver
// each second the true time of an event `latency` s after it, with a Gaussian error; pulse
// refclocks (PPS) deliver the raw clock reading at each true second, with a Gaussian jitter.
struct RefClockModel
{
    enum class Kind : std::uint8_t { Samples, Pulses };
    Kind kind = Kind::Samples;
    std::string refId;
    double error = 0;                     // s, standard deviation of each sample's error or pulse's jitter
    double latency = 0;                   // s after the event before the host has the sample
    double offsetOption = 0;              // s, the refclock's `offset` (compensates the latency)
    double delay = kDefaultRefClockDelay; // s, the refclock's `delay`
    std::string lock;                     // refid a pulse refclock takes its seconds from
    int poll = kDefaultRefClockPoll;
    // Delivers nothing for a while (a PPS wire that comes loose, a receiver that loses power).
    std::optional<TimeSpan> silent = std::nullopt;
};

// The client's system clock set by another program (`date -s`, a virtual machine's host): at
// true time `at` it jumps by `offset` s. The client's host notices it against its boot-time
// clock (ExternalStepDetector), as the real hosts do.
struct ClockStepModel
{
    double at = 0;     // s of true time
    double offset = 0; // s, positive: forward
};

// The client's network card stamps its NTP packets (`hwtimestamp eth0 nocrossts`, chrony's
// 133-hwtimestamp test): its PHC is a perfect clock `phcOffset` s ahead of true time, read
// against the client's clock as clknetsim models PTP_SYS_OFFSET_EXTENDED (CLKNETSIM_PHC_DELAY,
// _JITTER, _JITTER_ASYM): the two legs of each read take phcDelay / 2 each plus a jitter of
// Poisson-distributed steps, scaled by phcJitter x (0.5 + asymmetry) before the PHC read and
// (0.5 - asymmetry) after it. The card stamps a packet's arrival and departure on its PHC; the
// host converts them through HardwareClock as the real hosts do (NicTimestamping).
struct HardwareTimestampModel
{
    double phcOffset = 10.0;         // s
    double phcDelay = 1e-6;          // s, both legs of a read
    double phcJitter = 1e-7;         // s
    double phcJitterAsymmetry = 0.4; // of the jitter's half on the first leg
};

struct Scenario
{
    std::string name;
    SimClock::Model clock{1e-4, 1e-9, 0.1};
    NetworkModel network;
    std::vector<ServerModel> servers{ServerModel{}};
    std::vector<RefClockModel> refclocks;
    // Whether snapshots carry the status of a simulated GPS receiver (the GPS view). The engine
    // gets that status with every sample of the first sample refclock (the receiver's NMEA), as
    // the host's serial driver hands it in.
    bool gpsReceiver = false;
    // The receiver loses its fix for a while (antenna unplugged): its status says no fix and
    // its NMEA refclock delivers nothing (the driver refuses void RMC sentences); its PPS goes
    // on from the receiver's own oscillator.
    std::optional<TimeSpan> gpsFixLost = std::nullopt;
    int minPoll = 6;
    int maxPoll = 10;
    bool iburst = false;
    // `filter N` of every server (0: none).
    int filter = 0;
    // `makestep THRESHOLD LIMIT`
    std::optional<std::pair<double, int>> makestep;
    // A drift file's frequency (ppm, chrony's sign: positive = local clock fast) read at start.
    std::optional<double> driftPpm;
    // That drift file's skew (ppm); chrony's 102-iburst test writes "100 1.0".
    std::optional<double> driftSkewPpm;
    // `xleave` on every server line: interleaved mode.
    bool xleave = false;
    // The client's packets are stamped by its network card (`hwtimestamp`).
    std::optional<HardwareTimestampModel> hardwareTimestamps;
    // s: scale of the exponentially distributed time from a host's transmit stamp in user
    // space (the daemon's: what a reply carries in basic mode) to the packet leaving, when the
    // kernel stamps it, for the client's requests and the servers' replies. The hosts report
    // the kernel's stamps, as the real host reads them from the error queue; interleaved mode
    // is what gets the servers' to the client. 0: packets leave at the daemon's stamp.
    double clientTransmitDelay = 0;
    double serverTransmitDelay = 0;
    // Servers fill the bits of their receive and transmit timestamps below their precision
    // with random noise, as chronyd does (what clknetsim runs show).
    bool serverTimestampFuzz = true;
    // s: the host also calls handleTimeout() this often, whether anything is due or not (as a
    // host's report timer wakes it); 0: only when the engine asked. Must change no result.
    double extraWakeupInterval = 0;
    // Unix time at true time 0; nullopt: simulationEpoch().
    std::optional<std::int64_t> startUnixSeconds;
    // UTC's leap seconds: the servers' clocks and the refclocks' times follow UTC (their
    // kernels and receivers take the leap), and the client's error is measured against UTC.
    std::optional<LeapSecondTable> utcLeapSeconds;
    // Whether the client has the table too (`leapsectz`), and `leapsecmode`.
    bool clientKnowsLeapSeconds = false;
    LeapSecondMode leapSecMode = LeapSecondMode::System;
    std::vector<ClockStepModel> clientClockSteps; // in time order
    double duration = 10000;                      // s of true time
    double measureFrom = 210;                     // s: errors before this are not counted (start-up)

    EngineConfig engineConfig() const;
};

// The scenarios of the accuracy benchmark, in table order.
std::vector<Scenario> standardScenarios();
std::optional<Scenario> findScenario(const std::string &name);
// The open-ended scenario `stratumone --simulate` runs in real time.
Scenario demoScenario();

} // namespace s1::sim
