// The engine's side of chronyd's `dump` and `-r`: statistics out as SourceDump values and back
// in, converted between the host's clock and the raw scale the statistics live on.
#include "engine/Engine.h"

#include <algorithm>

namespace s1 {

SourceDumpIdentity Engine::dumpIdentityOf(const SourceRecord &record) const
{
    SourceDumpIdentity identity;
    if (record.ntp) {
        identity.kind = SourceDumpIdentity::Kind::Ntp;
        identity.address = record.ntp->address().ip.toString();
    } else {
        identity.kind = SourceDumpIdentity::Kind::RefClock;
        identity.referenceId = record.refclock->referenceId();
    }
    return identity;
}

std::vector<SourceDump> Engine::dumpSources(RealTime now) const
{
    std::vector<SourceDump> dumps;
    for (const auto &[id, record] : m_records) {
        if (record.statistics.samples() == 0)
            continue;
        const StatisticsState state = record.statistics.saveState();
        SourceDump dump;
        dump.source = dumpIdentityOf(record);
        dump.dumpedAt = now;
        dump.stratum = state.stratum;
        dump.leap = state.leap;
        dump.frequency = state.frequency;
        dump.skew = state.skew;
        dump.stdDev = state.stdDev;
        dump.asymmetry = state.asymmetry;
        dump.asymmetryRun = state.asymmetryRun;
        dump.regressionSamples = state.regressionSamples;
        dump.samples = state.samples;
        // From the raw scale to the host's clock: a source's offset from the system clock is
        // its offset from the raw clock plus how far the raw clock is ahead of the system's.
        for (DumpedSample &sample : dump.samples) {
            const RealTime host = hostTime(sample.time);
            const double shift = toSeconds(sample.time - host);
            sample.time = host;
            sample.offset += shift;
            sample.originalOffset += shift;
        }
        dumps.push_back(std::move(dump));
    }
    return dumps;
}

int Engine::restoreSources(std::vector<SourceDump> dumps, RealTime now)
{
    int restored = 0;
    for (SourceDump &dump : dumps) {
        if (const std::string refused = checkSourceDump(dump, dump.source, now); !refused.empty()) {
            m_events.push_back(
                {EngineEvent::Category::Ntp, "dump of " + dump.source.text() + " not loaded: " + refused});
            continue;
        }
        // From the host's clock to the raw scale, the inverse of dumpSources().
        for (DumpedSample &sample : dump.samples) {
            const RealTime raw = rawTime(m_options.clockDriver, sample.time);
            const double shift = toSeconds(sample.time - raw);
            sample.time = raw;
            sample.offset += shift;
            sample.originalOffset += shift;
        }
        m_pendingDumps.erase(std::remove_if(m_pendingDumps.begin(), m_pendingDumps.end(),
                                            [&](const SourceDump &d) { return d.source == dump.source; }),
                             m_pendingDumps.end());
        m_pendingDumps.push_back(std::move(dump));
        const SourceDumpIdentity &identity = m_pendingDumps.back().source;
        const auto existing = std::find_if(m_records.begin(), m_records.end(),
                                           [&](const auto &entry) { return dumpIdentityOf(entry.second) == identity; });
        if (existing != m_records.end()) {
            applyRestoredDump(existing->first);
            ++restored;
        }
    }
    return restored;
}

void Engine::applyRestoredDump(std::uint32_t id)
{
    SourceRecord &record = m_records.at(id);
    const SourceDumpIdentity identity = dumpIdentityOf(record);
    const auto pending = std::find_if(m_pendingDumps.begin(), m_pendingDumps.end(),
                                      [&](const SourceDump &d) { return d.source == identity; });
    if (pending == m_pendingDumps.end())
        return;
    StatisticsState state;
    state.samples = pending->samples;
    state.regressionSamples = pending->regressionSamples;
    state.stratum = pending->stratum;
    state.leap = pending->leap;
    state.stdDev = pending->stdDev;
    state.asymmetry = pending->asymmetry;
    state.asymmetryRun = pending->asymmetryRun;
    m_pendingDumps.erase(pending);
    const int taken = record.statistics.restoreState(state);
    const std::string name = record.ntp ? record.ntp->name() : record.refclock->name();
    if (taken == 0 && !state.samples.empty())
        m_events.push_back({EngineEvent::Category::Ntp, "dump of " + name + " not loaded: its samples are unusable"});
    else
        m_events.push_back({EngineEvent::Category::Ntp,
                            "restored " + std::to_string(taken) + " samples of " + name + " from its dump"});
}

} // namespace s1
