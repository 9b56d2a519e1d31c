// JSON form of the engine snapshot: what the plain host reports and, later, what the control
// socket streams. Times are Unix nanoseconds (integers), offsets double seconds.
#pragma once

#include "engine/EngineSnapshot.h"

#include <QJsonObject>

namespace s1 {

QJsonObject snapshotToJson(const EngineSnapshot &snapshot);
QJsonObject sourceToJson(const SourceSnapshot &source);

const char *toString(SourceState state);
const char *toString(LeapIndicator leap);

} // namespace s1
