// A deterministic, seeded simulation that drives the very same Engine code as the real hosts:
// a client engine on a simulated oscillator polls server engines across a simulated network,
// all in simulated time, and its error is measured every second against true time.
//
// The client keeps a virtual clock over the oscillator, or, with ClientClock::Kernel, steers a
// simulated Linux system clock (SimKernelClock) through a real KernelClockDriver, as the
// service does without -x; then every reading it is handed is the system clock's, and the
// error measured is the system clock's.
#pragma once

#include "clock/ExternalStepDetector.h"
#include "clock/HardwareClock.h"
#include "clock/KernelClockDriver.h"
#include "engine/Engine.h"
#include "sim/Scenario.h"
#include "sim/SimClock.h"
#include "sim/SimKernelClock.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <vector>

namespace s1::sim {

// The engine time true time 0 of a run corresponds to (what alarm and event times count from).
RealTime simulationEpoch();

struct RunResult
{
    double rmsError = 0;          // s, of |local time - true time| from measureFrom to the end
    double maxError = 0;          // s
    double maxErrorAt = 0;        // s of true time when maxError was measured
    double meanError = 0;         // s, signed mean of local time - true time: the bias
    double rmsFrequencyError = 0; // relative, of the local clock's rate against true time
    // The last second in which |error| > 1 ms, plus one; 0 if never.
    double syncTime = 0;
    std::uint64_t packetsDelivered = 0;
    EngineSnapshot finalSnapshot;
    std::vector<EngineEvent> events; // what the client engine reported, in order
};

enum class ClientClock : std::uint8_t { Virtual, Kernel };

class Simulation
{
public:
    // |error| above this means "not synchronised" for syncTime.
    static constexpr double kSyncThreshold = 1e-3; // s
    static constexpr Nanoseconds kMeasureInterval = std::chrono::seconds(1);

    Simulation(Scenario scenario, std::uint64_t seed, ClientClock clientClock = ClientClock::Virtual);
    ~Simulation();

    // Runs until `until` seconds of true time (the scenario's duration by default).
    RunResult run(std::optional<double> until = std::nullopt);

    const Engine &client() const { return *m_client; }
    // A restart of the client, as a service's: its engine is replaced by a new one with the
    // same configuration; with `restore`, the new one gets what the old one dumped
    // (Engine::dumpSources, then restoreSources: chronyd's dump at exit and -r). The clocks run
    // on; replies still in flight to the old engine reach the new one, which drops them.
    void restartClient(bool restore);
    // Local (engine) time minus true time now, s: with ClientClock::Kernel, the system clock's.
    double currentError();
    // The client's clock reading now: the oscillator's, or the simulated system clock's.
    RealTime clientReading();
    // With ClientClock::Kernel: the simulated kernel clock and the driver steering it.
    const SimKernelClock *kernelClock() const { return m_kernel.get(); }
    SimKernelClock *kernelClock() { return m_kernel.get(); }
    const KernelClockDriver *clockDriver() const { return m_driver.get(); }

private:
    enum class EventKind : std::uint8_t { ToServer, ToClient, RefClock };
    struct Event
    {
        TrueTime at;
        std::uint64_t sequence; // FIFO among simultaneous events: keeps runs deterministic
        EventKind kind;
        std::size_t server;    // or the refclock's index
        TrueTime eventTime{0}; // RefClock: the true time the sample or pulse is about
        std::vector<std::uint8_t> data;
    };
    struct Later
    {
        bool operator()(const Event &a, const Event &b) const
        {
            return a.at != b.at ? a.at > b.at : a.sequence > b.sequence;
        }
    };
    struct Server
    {
        std::unique_ptr<SimClock> clock;
        std::unique_ptr<Engine> engine;
        SocketAddress address;
        int requestsLost = 0;
    };

    RealTime clientReadingAt(TrueTime t);
    // What a host does before it hands the client anything: whether the system clock jumped
    // against the boot-time clock (ExternalStepDetector); the engine is told so.
    void checkClientClock();
    // The scenario's external steps of the client's clock due by now.
    void applyClockSteps();
    // UTC at true time t: the epoch plus t, less the leap seconds inserted since the start.
    RealTime utcAt(TrueTime t) const;
    void flushClient();
    void deliverToServer(Event &event);
    void deliverToClient(Event &event);
    void deliverRefClock(const Event &event);
    void scheduleRefClock(std::size_t index, TrueTime eventTime);
    // The simulated receiver: its NMEA is the first sample refclock; its status at true time t.
    std::size_t firstSampleRefClock() const;
    GpsStatus gpsStatusAt(TrueTime t, bool fix) const;
    // From the daemon's transmit stamp to the packet leaving (Scenario's transmit delays).
    TrueTime transmitDelay(double scale);
    // One-way delay of a packet, or nullopt when it is lost.
    std::optional<TrueTime> oneWayDelay(bool request);
    void schedule(TrueTime at, EventKind kind, std::size_t server, std::vector<std::uint8_t> data);
    // hwtimestamp: the card's PHC at true time t, a PHC reading when one is due (as the host
    // reads it when it converts a stamp), and the card's stamp of an event at true time t on
    // the client's clock, when the conversion has it.
    RealTime phcAt(TrueTime t) const;
    void readClientPhc();
    std::optional<RealTime> hardwareStamp(TrueTime t);

    Scenario m_scenario;
    RealTime m_epoch; // Unix time at true time 0
    std::mt19937_64 m_random;
    std::exponential_distribution<double> m_exponential{1.0};
    std::uniform_real_distribution<double> m_uniform{0.0, 1.0};
    std::normal_distribution<double> m_normal{0.0, 1.0};
    std::mt19937_64 m_refclockRandom; // its own stream: refclocks do not disturb network noise
    std::mt19937_64 m_fuzzRandom;     // the servers' timestamp noise, its own stream too
    std::mt19937_64 m_transmitRandom; // the transmit delays, its own stream too
    std::mt19937_64 m_phcRandom;      // the PHC reads' jitter, its own stream too
    std::optional<HardwareClock> m_clientPhc; // hwtimestamp: the client's card
    SimClock m_clientClock;
    // Declared before the client engine, which uses them until it is destroyed.
    std::unique_ptr<SimKernelClock> m_kernel;
    std::unique_ptr<KernelClockDriver> m_driver;
    EngineOptions m_clientOptions;
    std::unique_ptr<Engine> m_client;
    std::vector<Server> m_servers;
    std::priority_queue<Event, std::vector<Event>, Later> m_events;
    std::uint64_t m_sequence = 0;
    std::uint64_t m_delivered = 0;
    std::vector<EngineEvent> m_clientEvents;
    TrueTime m_now{0};
    ExternalStepDetector m_stepDetector;
    std::size_t m_nextClockStep = 0;    // into m_scenario.clientClockSteps
    Nanoseconds m_virtualClockShift{0}; // the virtual client's external steps so far
};

} // namespace s1::sim
