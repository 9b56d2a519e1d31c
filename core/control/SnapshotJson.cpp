#include "control/SnapshotJson.h"

#include <QJsonArray>
#include <QString>

namespace s1 {

namespace {

QJsonValue timeValue(const std::optional<RealTime> &t)
{
    // Nanoseconds since 1970 fit a double's 53-bit mantissa only to ~0.1 µs; a string keeps
    // every digit for readers that care.
    return t ? QJsonValue(QString::number(nanosSinceEpoch(*t))) : QJsonValue();
}

QJsonObject sampleToJson(const SourceSample &sample)
{
    return {
        {"time", timeValue(sample.time)},
        {"offset", sample.offset},
        {"delay", sample.delay},
        {"dispersion", sample.dispersion},
        {"stratum", sample.stratum},
    };
}

} // namespace

const char *toString(SourceState state)
{
    switch (state) {
    case SourceState::Unusable: return "unusable";
    case SourceState::Selected: return "selected";
    case SourceState::Combined: return "combined";
    case SourceState::NotCombined: return "not-combined";
    case SourceState::Falseticker: return "falseticker";
    case SourceState::TooVariable: return "too-variable";
    }
    return "unknown";
}

const char *toString(LeapIndicator leap)
{
    switch (leap) {
    case LeapIndicator::None: return "normal";
    case LeapIndicator::InsertSecond: return "insert-second";
    case LeapIndicator::DeleteSecond: return "delete-second";
    case LeapIndicator::Unsynchronised: return "unsynchronised";
    }
    return "unknown";
}

QJsonObject sourceToJson(const SourceSnapshot &s)
{
    QJsonArray samples;
    for (const SourceSample &sample : s.recentSamples)
        samples.append(sampleToJson(sample));
    QJsonObject o{
        {"id", static_cast<qint64>(s.id)},
        {"name", QString::fromStdString(s.name)},
        {"address", s.address.ip.isNull() ? QJsonValue() : QJsonValue(QString::fromStdString(s.address.toString()))},
        {"pool", QString::fromStdString(s.poolName)},
        {"state", toString(s.state)},
        {"stratum", s.stratum},
        {"poll", s.poll},
        {"reach", s.reach},
        {"referenceId", static_cast<qint64>(s.referenceId)},
        {"leap", toString(s.leap)},
        {"rootDelay", s.rootDelay},
        {"rootDispersion", s.rootDispersion},
        {"lastRx", timeValue(s.lastRx)},
        {"requestsSent", static_cast<qint64>(s.requestsSent)},
        {"repliesAccepted", static_cast<qint64>(s.repliesAccepted)},
        {"repliesRejected", static_cast<qint64>(s.repliesRejected)},
        {"lastRejectReason", QString::fromStdString(s.lastRejectReason)},
        {"kissCode", QString::fromStdString(s.kissCode)},
        {"samples", samples},
    };
    if (s.lastSample)
        o.insert("lastSample", sampleToJson(*s.lastSample));
    return o;
}

QJsonObject snapshotToJson(const EngineSnapshot &snapshot)
{
    const ServerStats &st = snapshot.server;
    const ReferenceSnapshot &r = snapshot.reference;
    QJsonArray sources;
    for (const SourceSnapshot &s : snapshot.sources)
        sources.append(sourceToJson(s));
    return {
        {"time", timeValue(snapshot.time)},
        {"ntpPort", snapshot.ntpPort},
        {"serverError", QString::fromStdString(snapshot.serverError)},
        {"reference", QJsonObject{
            {"synchronised", r.synchronised},
            {"stratum", r.stratum},
            {"referenceId", static_cast<qint64>(r.referenceId)},
            {"referenceName", QString::fromStdString(r.referenceName)},
            {"leap", toString(r.leap)},
            {"referenceTime", timeValue(r.referenceTime)},
            {"rootDelay", r.rootDelay},
            {"rootDispersion", r.rootDispersion},
            {"precision", r.precision},
        }},
        {"server", QJsonObject{
            {"packetsReceived", static_cast<qint64>(st.packetsReceived)},
            {"repliesSent", static_cast<qint64>(st.repliesSent)},
            {"droppedMalformed", static_cast<qint64>(st.droppedMalformed)},
            {"droppedBadVersion", static_cast<qint64>(st.droppedBadVersion)},
            {"droppedBadMode", static_cast<qint64>(st.droppedBadMode)},
            {"droppedDenied", static_cast<qint64>(st.droppedDenied)},
            {"droppedOther", static_cast<qint64>(st.droppedOther)},
        }},
        {"sources", sources},
        {"clientPacketsDropped", static_cast<qint64>(snapshot.clientPacketsDropped)},
    };
}

} // namespace s1
