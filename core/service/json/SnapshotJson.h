// JSON form of the engine snapshot: what the plain host reports and what the control socket
// answers and streams (docs/CONTROL_PROTOCOL.md). Instants are Unix nanoseconds as decimal
// strings (a double keeps only ~0.1 µs of them), offsets and intervals double seconds, counters
// integers. snapshotFromJson(snapshotToJson(s)) == s for every snapshot.
#pragma once

#include "report/EngineSnapshot.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace s1 {

QJsonObject snapshotToJson(const EngineSnapshot &snapshot);
QJsonObject sourceToJson(const SourceSnapshot &source);

// Missing members keep their default values (readers accept snapshots from older writers);
// a member of the wrong type, an unknown enum name or an unparsable time fails with `error`.
std::optional<EngineSnapshot> snapshotFromJson(const QJsonObject &json, QString *error = nullptr);
std::optional<SourceSnapshot> sourceFromJson(const QJsonObject &json, QString *error = nullptr);
// One alarm as the snapshot's "alarms" array and `stratumctl alarms --json` carry it.
QJsonObject alarmToJson(const Alarm &alarm);
std::optional<Alarm> alarmFromJson(const QJsonObject &json, QString *error = nullptr);

const char *toString(SourceState state);
const char *toString(LeapIndicator leap);
const char *toString(SourceKind kind);
std::optional<SourceState> sourceStateFromString(const QString &text);
std::optional<LeapIndicator> leapFromString(const QString &text);
std::optional<SourceKind> sourceKindFromString(const QString &text);

// The time encoding shared by every control-socket message: "1744182740123456789".
QString timeToJsonString(RealTime time);
std::optional<RealTime> timeFromJsonString(const QString &text);

} // namespace s1
