// JSON form of GpsStatus, for the control socket and `stratumctl gps`: instants as Unix
// nanoseconds in decimal strings (as SnapshotJson), optional values as null, enums by name.
// gpsStatusFromJson(gpsStatusToJson(s)) == s for every status.
#pragma once

#include "gps/GpsStatus.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace s1 {

QJsonObject gpsStatusToJson(const GpsStatus &status);
// Missing members keep their defaults (older writers); a member of the wrong type, an unknown
// enum name or a bad time fails, with the reason in `error`.
std::optional<GpsStatus> gpsStatusFromJson(const QJsonObject &json, QString *error = nullptr);

} // namespace s1
