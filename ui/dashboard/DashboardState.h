// What the dashboard says, worked out from the snapshots alone: no widgets, so that every word it
// shows (synchronised, holdover, unsynchronised, stale, the clients' rate, the last event) is
// tested without a window. The page only lays these texts out.
#pragma once

#include "report/EngineSnapshot.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>

namespace s1 {

class DashboardState
{
    Q_DECLARE_TR_FUNCTIONS(DashboardState)

public:
    // A steady (monotonic) clock reading: when a snapshot arrived, and now.
    using Monotonic = std::chrono::nanoseconds;

    enum class Sync {
        NoData,         // no snapshot yet
        Synchronised,   // a source is selected
        Holdover,       // was synchronised, no selectable source now: the clock runs on its own
        LocalClock,     // `local`: serving our own clock
        Unsynchronised, // never synchronised, or leap 3
    };
    // The colour a value deserves. Neutral: nothing to claim (stale, no data, plain values).
    enum class Tone { Neutral, Good, Warning, Bad };

    // Where the big clock's time comes from.
    enum class ClockSource {
        EngineEstimate, // the engine's estimate of true time (its clock less the offset it corrects)
        EngineClock,    // the engine's clock, which no source disciplines
        SystemClock,    // this computer's clock: there is no live engine state to take it from
    };
    struct ClockReading
    {
        RealTime time;
        ClockSource source = ClockSource::SystemClock;
    };

    // A change the snapshots showed (there is no alarm system yet: these are what two
    // consecutive snapshots truthfully reveal, seen while the window watched).
    struct Event
    {
        RealTime time; // the engine's time of the snapshot that showed it
        QString text;
    };

    // The clients' request rate is averaged over this much of the latest snapshots.
    static constexpr std::chrono::seconds kRateWindow{10};
    // A pulse older than this was missed: PPS comes once a second.
    static constexpr double kPpsMissingAfterS = 2;

    // A fresh snapshot that arrived at `arrived`; it ends a stale spell.
    void update(const EngineSnapshot &snapshot, Monotonic arrived);
    // The snapshots stopped: what is shown is the last known state, and says so.
    void markStale();

    bool hasSnapshot() const { return m_snapshot.has_value(); }
    bool isStale() const { return m_stale; }
    const std::optional<EngineSnapshot> &snapshot() const { return m_snapshot; }

    Sync sync() const;
    // "Synchronised to PPS, stratum 1", "Holdover 12 min", "Unsynchronised", "Local clock,
    // stratum 10", "Waiting for the engine"; stale: "Last known: ...".
    QString stateText() const;
    // Neutral when stale: an old state is not news, good or bad.
    Tone stateTone() const;

    // The reference the server hands out: "PPS", "ntp1.example.org", "C0000201"; "None".
    QString referenceText() const;
    // |offset| + root dispersion + ½ root delay, s (chronyc's tracking figures: the bound on the
    // clock's error). None when there is no reference to bound it by.
    std::optional<double> errorBound() const;
    QString errorBoundText() const;

    // Empty when the snapshot has no GPS receiver: the page leaves the field out.
    QString gpsText() const;
    Tone gpsTone() const;
    QString ppsText() const;
    Tone ppsTone() const;

    // NTP requests received per second over the last kRateWindow; none until two snapshots at
    // least a second apart, after a counter reset, or when not serving.
    std::optional<double> clientsPerSecond() const;
    QString clientsText() const;

    // The newest event seen; none before the first one (the page then leaves the field out).
    const std::optional<Event> &lastEvent() const { return m_lastEvent; }
    QString lastEventText() const;

    // The time for the big clock: the engine's time carried forward from its last snapshot
    // (by the host clock the snapshot was taken at, else by the steady clock since it
    // arrived), or `systemNow` when no live snapshot gives one.
    ClockReading clock(Monotonic now, RealTime systemNow) const;
    static QString clockSourceText(ClockSource source);

    // "45 s", "12 min", "5 h 12 min", "3 d 4 h".
    static QString formatDuration(std::int64_t seconds);

private:
    static Sync syncOf(const EngineSnapshot &snapshot);
    static QString referenceName(const ReferenceSnapshot &reference);
    static std::optional<bool> ppsPresent(const EngineSnapshot &snapshot);
    void noteEvents(const EngineSnapshot &previous, const EngineSnapshot &current);
    void noteRate(const EngineSnapshot &snapshot, Monotonic arrived);

    struct CounterReading
    {
        Monotonic arrived;
        std::uint64_t packetsReceived = 0;
    };

    std::optional<EngineSnapshot> m_snapshot;
    Monotonic m_arrived{};
    bool m_stale = false;
    std::deque<CounterReading> m_counters; // oldest first, within kRateWindow, bounded
    std::optional<Event> m_lastEvent;
};

} // namespace s1
