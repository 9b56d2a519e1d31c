#include "dashboard/DashboardState.h"

#include "DisplayFormat.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr std::int64_t kSecondsPerMinute = 60;
constexpr std::int64_t kSecondsPerHour = 3600;
constexpr std::int64_t kSecondsPerDay = 86400;
// Past this, a holdover is counted in hours and minutes, past a day in days and hours.
constexpr std::int64_t kHoursFromS = 2 * kSecondsPerHour;
// A rate over less than this much time says more about the snapshots' timing than the clients.
constexpr std::chrono::milliseconds kMinRateSpan{1000};
// The rate's history: kRateWindow at one snapshot a second, with room for a faster feed.
constexpr std::size_t kMaxCounterReadings = 64;
constexpr int kRateDecimals = 1;
constexpr double kHalf = 0.5;

} // namespace

DashboardState::Sync DashboardState::syncOf(const EngineSnapshot &snapshot)
{
    switch (syncState(snapshot.reference, snapshot.sources)) {
    case SyncState::Synchronised:
        return Sync::Synchronised;
    case SyncState::NoSourceSelected:
        // The reference still says synchronised: it was, and its clock now runs on its own.
        return Sync::Holdover;
    case SyncState::LocalClock:
        return Sync::LocalClock;
    case SyncState::NotSynchronised:
        break;
    }
    return Sync::Unsynchronised;
}

QString DashboardState::referenceName(const ReferenceSnapshot &reference)
{
    return reference.referenceName.empty() ? formatRefId(reference.referenceId, reference.stratum)
                                           : QString::fromStdString(reference.referenceName);
}

void DashboardState::update(const EngineSnapshot &snapshot, Monotonic arrived)
{
    // Events compare two live snapshots in a row; across a stale spell the change happened at
    // some unknown moment in between, which is still a change the snapshots show.
    if (m_snapshot)
        noteEvents(*m_snapshot, snapshot);
    noteRate(snapshot, arrived);
    m_snapshot = snapshot;
    m_arrived = arrived;
    m_stale = false;
}

void DashboardState::markStale()
{
    if (m_snapshot)
        m_stale = true;
}

void DashboardState::noteRate(const EngineSnapshot &snapshot, Monotonic arrived)
{
    // A counter that went back belongs to a new engine (a reload or restart): start over.
    if (!m_counters.empty() && snapshot.server.packetsReceived < m_counters.back().packetsReceived)
        m_counters.clear();
    m_counters.push_back({arrived, snapshot.server.packetsReceived});
    while (m_counters.size() > kMaxCounterReadings
           || (m_counters.size() > 2 && arrived - m_counters[1].arrived >= kRateWindow))
        m_counters.pop_front();
}

DashboardState::Sync DashboardState::sync() const
{
    return m_snapshot ? syncOf(*m_snapshot) : Sync::NoData;
}

QString DashboardState::stateText() const
{
    if (!m_snapshot)
        return tr("Waiting for the engine");
    const ReferenceSnapshot &reference = m_snapshot->reference;
    QString text;
    switch (sync()) {
    case Sync::NoData:
        break;
    case Sync::Synchronised:
        text = tr("Synchronised to %1, stratum %2").arg(referenceName(reference)).arg(reference.stratum);
        break;
    case Sync::Holdover: {
        // Since the last clock update, which was the last time a source was used.
        const std::int64_t seconds =
            reference.referenceTime ? std::max<std::int64_t>(
                0, std::chrono::floor<std::chrono::seconds>(m_snapshot->time - *reference.referenceTime).count())
                                    : 0;
        text = reference.referenceTime ? tr("Holdover %1").arg(formatDuration(seconds)) : tr("Holdover");
        break;
    }
    case Sync::LocalClock:
        text = tr("Local clock, stratum %1").arg(reference.stratum);
        break;
    case Sync::Unsynchronised:
        text = tr("Unsynchronised");
        break;
    }
    return m_stale ? tr("Last known: %1").arg(text) : text;
}

DashboardState::Tone DashboardState::stateTone() const
{
    if (m_stale)
        return Tone::Neutral;
    switch (sync()) {
    case Sync::NoData:
        return Tone::Neutral;
    case Sync::Synchronised:
        return Tone::Good;
    case Sync::Holdover:
    case Sync::LocalClock:
        return Tone::Warning;
    case Sync::Unsynchronised:
        break;
    }
    return Tone::Bad;
}

QString DashboardState::referenceText() const
{
    if (!m_snapshot)
        return QStringLiteral("-");
    const ReferenceSnapshot &reference = m_snapshot->reference;
    if (sync() == Sync::Unsynchronised)
        return tr("None");
    // The name, else chronyc's reference ID ("C0000201", "50505300 (PPS)").
    return referenceName(reference);
}

std::optional<double> DashboardState::errorBound() const
{
    if (!m_snapshot)
        return std::nullopt;
    const Sync state = sync();
    if (state == Sync::Unsynchronised)
        return std::nullopt;
    const ReferenceSnapshot &reference = m_snapshot->reference;
    return std::fabs(reference.systemTimeOffset) + reference.rootDispersion + kHalf * reference.rootDelay;
}

QString DashboardState::errorBoundText() const
{
    if (!m_snapshot)
        return QStringLiteral("-");
    const std::optional<double> bound = errorBound();
    // Unsynchronised, chronyd's 1 s root delay and dispersion bound nothing: no claim at all.
    return bound ? tr("± %1").arg(formatSeconds(*bound)) : tr("Unknown");
}

QString DashboardState::gpsText() const
{
    if (!m_snapshot || !m_snapshot->gps)
        return {};
    const GpsStatus &gps = *m_snapshot->gps;
    // Ages on the host clock, the scale the receiver's times are on.
    const RealTime now = m_snapshot->hostTime.value_or(m_snapshot->time);
    if (!gps.lastSentenceTime)
        return tr("No messages");
    const double age = toSeconds(now - *gps.lastSentenceTime);
    if (age > kGpsStatusTimeout)
        return tr("Silent for %1").arg(formatDuration(static_cast<std::int64_t>(std::floor(age))));
    QString fix;
    switch (gps.fixMode) {
    case GpsFixMode::None:
        fix = tr("No fix");
        break;
    case GpsFixMode::Fix2D:
        fix = tr("2D fix");
        break;
    case GpsFixMode::Fix3D:
        fix = tr("3D fix");
        break;
    case GpsFixMode::TimeOnly:
        fix = tr("Time-only fix");
        break;
    }
    const int used = gps.satellitesUsed();
    return used == 1 ? tr("%1, 1 satellite").arg(fix) : tr("%1, %2 satellites").arg(fix).arg(used);
}

DashboardState::Tone DashboardState::gpsTone() const
{
    if (m_stale || !m_snapshot || !m_snapshot->gps)
        return Tone::Neutral;
    const GpsStatus &gps = *m_snapshot->gps;
    const RealTime now = m_snapshot->hostTime.value_or(m_snapshot->time);
    if (!gps.lastSentenceTime || toSeconds(now - *gps.lastSentenceTime) > kGpsStatusTimeout)
        return Tone::Bad;
    switch (gps.fixMode) {
    case GpsFixMode::Fix3D:
    case GpsFixMode::TimeOnly:
        return Tone::Good;
    case GpsFixMode::Fix2D:
        return Tone::Warning;
    case GpsFixMode::None:
        break;
    }
    return Tone::Bad;
}

std::optional<bool> DashboardState::ppsPresent(const EngineSnapshot &snapshot)
{
    if (!snapshot.gps)
        return std::nullopt;
    const GpsPpsStatus &pps = snapshot.gps->pps;
    if (!pps.lastPulse)
        return false;
    const RealTime now = snapshot.hostTime.value_or(snapshot.time);
    return toSeconds(now - *pps.lastPulse) <= kPpsMissingAfterS;
}

QString DashboardState::ppsText() const
{
    if (!m_snapshot)
        return {};
    const std::optional<bool> present = ppsPresent(*m_snapshot);
    if (!present)
        return {};
    if (*present)
        return tr("Present");
    const std::optional<RealTime> last = m_snapshot->gps->pps.lastPulse;
    if (!last)
        return tr("No pulse seen");
    const RealTime now = m_snapshot->hostTime.value_or(m_snapshot->time);
    return tr("Missing for %1").arg(formatDuration(std::chrono::floor<std::chrono::seconds>(now - *last).count()));
}

DashboardState::Tone DashboardState::ppsTone() const
{
    if (m_stale || !m_snapshot)
        return Tone::Neutral;
    const std::optional<bool> present = ppsPresent(*m_snapshot);
    if (!present)
        return Tone::Neutral;
    return *present ? Tone::Good : Tone::Bad;
}

std::optional<double> DashboardState::clientsPerSecond() const
{
    if (!m_snapshot || m_snapshot->ntpPort == 0 || m_counters.size() < 2)
        return std::nullopt;
    const CounterReading &first = m_counters.front();
    const CounterReading &last = m_counters.back();
    if (last.arrived - first.arrived < kMinRateSpan)
        return std::nullopt;
    return static_cast<double>(last.packetsReceived - first.packetsReceived) / toSeconds(last.arrived - first.arrived);
}

QString DashboardState::clientsText() const
{
    if (!m_snapshot)
        return QStringLiteral("-");
    if (m_snapshot->ntpPort == 0)
        return tr("Not serving");
    const std::optional<double> rate = clientsPerSecond();
    // A rate from before the snapshots stopped is not today's.
    if (m_stale)
        return QStringLiteral("-");
    return rate ? tr("%1 /s").arg(formatDecimal(*rate, kRateDecimals)) : tr("Measuring");
}

void DashboardState::noteEvents(const EngineSnapshot &previous, const EngineSnapshot &current)
{
    const Sync before = syncOf(previous);
    const Sync now = syncOf(current);
    const QString name = referenceName(current.reference);
    QString text;
    if (now == Sync::Synchronised && before != Sync::Synchronised) {
        text = tr("Synchronised to %1").arg(name);
    } else if (now == Sync::Synchronised
               && (previous.reference.referenceId != current.reference.referenceId
                   || previous.reference.referenceName != current.reference.referenceName)) {
        // Only the new one: the line must fit the kiosk's width (the old one was on screen).
        text = tr("Reference changed to %1").arg(name);
    } else if (now == Sync::Holdover && before == Sync::Synchronised) {
        text = tr("Source lost: %1, holding over").arg(referenceName(previous.reference));
    } else if (now == Sync::Unsynchronised && before != Sync::Unsynchronised) {
        text = tr("Synchronisation lost");
    } else if (now == Sync::LocalClock && before != Sync::LocalClock) {
        text = tr("Serving the local clock");
    }
    const std::optional<bool> ppsBefore = ppsPresent(previous);
    const std::optional<bool> ppsNow = ppsPresent(current);
    // A state change says more than the pulse that caused it; the PPS alone is news too.
    if (text.isEmpty() && ppsBefore && ppsNow && *ppsBefore != *ppsNow)
        text = *ppsNow ? tr("PPS pulses back") : tr("PPS pulses stopped");
    if (!text.isEmpty())
        m_lastEvent = Event{current.time, text};
}

QString DashboardState::lastEventText() const
{
    if (!m_lastEvent)
        return {};
    const QString time = formatUtcDateTime(m_lastEvent->time).section(QLatin1Char(' '), 1);
    return tr("%1 UTC: %2").arg(time, m_lastEvent->text);
}

DashboardState::ClockReading DashboardState::clock(Monotonic now, RealTime systemNow) const
{
    if (!m_snapshot || m_stale)
        return {systemNow, ClockSource::SystemClock};
    const Sync state = sync();
    // True time is the engine's time less what it still corrects (positive: it runs fast).
    const bool estimate = state == Sync::Synchronised || state == Sync::Holdover;
    const Nanoseconds correction = estimate ? fromSeconds(m_snapshot->reference.systemTimeOffset) : Nanoseconds{};
    // By the host clock the snapshot was read against when it says which reading that was:
    // exact, whatever delayed the snapshot on its way here; otherwise since it arrived.
    const RealTime time = m_snapshot->hostTime ? systemNow + (m_snapshot->time - *m_snapshot->hostTime)
                                               : m_snapshot->time + (now - m_arrived);
    return {time - correction, estimate ? ClockSource::EngineEstimate : ClockSource::EngineClock};
}

QString DashboardState::clockSourceText(ClockSource source)
{
    switch (source) {
    case ClockSource::EngineEstimate:
        return tr("UTC, the engine's estimate of true time");
    case ClockSource::EngineClock:
        return tr("UTC by the engine's clock, not synchronised");
    case ClockSource::SystemClock:
        break;
    }
    return tr("UTC by this computer's clock: no live engine state");
}

QString DashboardState::formatDuration(std::int64_t seconds)
{
    seconds = std::max<std::int64_t>(0, seconds);
    if (seconds < kSecondsPerMinute)
        return tr("%1 s").arg(seconds);
    if (seconds < kHoursFromS)
        return tr("%1 min").arg(seconds / kSecondsPerMinute);
    if (seconds < kSecondsPerDay)
        return tr("%1 h %2 min").arg(seconds / kSecondsPerHour).arg(seconds % kSecondsPerHour / kSecondsPerMinute);
    return tr("%1 d %2 h").arg(seconds / kSecondsPerDay).arg(seconds % kSecondsPerDay / kSecondsPerHour);
}

} // namespace s1
