#include "history/HistoryRecorder.h"

#include <algorithm>
#include <cmath>

namespace s1 {

std::string sourceSeriesName(const std::string &source, const char *figure)
{
    return "source/" + source + "/" + figure;
}

void HistoryRecorder::record(const EngineSnapshot &snapshot, HistoryStore &store)
{
    const std::int64_t now = nanosSinceEpoch(snapshot.time);
    const ReferenceSnapshot &ref = snapshot.reference;

    if (!m_lastPeriodic || now - *m_lastPeriodic >= kMinPointInterval || now < *m_lastPeriodic) {
        m_lastPeriodic = now;
        store.add("tracking.frequency", now, ref.frequencyPpm);
        if (ref.synchronised) {
            store.add("tracking.offset", now, ref.systemTimeOffset);
            store.add("tracking.skew", now, ref.skewPpm);
            store.add("tracking.rootDelay", now, ref.rootDelay);
            store.add("tracking.rootDispersion", now, ref.rootDispersion);
            store.add("tracking.errorBound", now,
                      std::fabs(ref.systemTimeOffset) + ref.rootDispersion + 0.5 * ref.rootDelay);
        }
        if (snapshot.gps && snapshot.gps->lastMessageAge && *snapshot.gps->lastMessageAge < kGpsStatusTimeout) {
            const GpsStatus &gps = *snapshot.gps;
            store.add("gps.satellitesUsed", now, gps.satellitesUsed());
            double snrSum = 0;
            int snrCount = 0;
            for (const GpsSatellite &s : gps.satellites)
                if (s.used && s.snr) {
                    snrSum += *s.snr;
                    ++snrCount;
                }
            if (snrCount > 0)
                store.add("gps.meanSnr", now, snrSum / snrCount);
        }
    }

    if (ref.synchronised && ref.referenceTime) {
        const std::int64_t updated = nanosSinceEpoch(*ref.referenceTime);
        if (m_lastReferenceTime != updated) {
            m_lastReferenceTime = updated;
            store.add("tracking.lastOffset", updated, ref.lastOffset);
        }
    }

    for (const SourceSnapshot &source : snapshot.sources) {
        SourceMarks &marks = m_sources[source.name];
        bool stateDue = marks.state != source.state;
        std::int64_t stateTime = now;
        if (source.lastSample) {
            const std::int64_t sampled = nanosSinceEpoch(source.lastSample->time);
            if (sampled != marks.lastSample) {
                marks.lastSample = sampled;
                store.add(sourceSeriesName(source.name, "offset"), sampled, source.lastSample->offset);
                store.add(sourceSeriesName(source.name, "delay"), sampled, source.lastSample->delay);
                store.add(sourceSeriesName(source.name, "dispersion"), sampled, source.lastSample->dispersion);
                if (source.jitter)
                    store.add(sourceSeriesName(source.name, "jitter"), sampled, *source.jitter);
                stateDue = true;
                stateTime = std::max(sampled, now);
            }
        }
        if (!source.recentEdges.empty()) {
            // Numbers that went back belong to a new engine (a reload): its edges are all new.
            if (source.recentEdges.back().number < marks.lastEdge)
                marks.lastEdge = 0;
            for (const PulseEdgeSample &edge : source.recentEdges)
                if (edge.number > marks.lastEdge)
                    store.add(sourceSeriesName(source.name, "edge"), nanosSinceEpoch(edge.time), edge.offset);
            marks.lastEdge = source.recentEdges.back().number;
        }
        if (stateDue) {
            marks.state = source.state;
            store.add(sourceSeriesName(source.name, "state"), stateTime, static_cast<double>(source.state));
        }
    }
}

} // namespace s1
