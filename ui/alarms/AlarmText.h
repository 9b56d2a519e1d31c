// The window's words and colours for alarms: a title per kind, a word per severity and the
// severity's colour (StatusColors). The alarm's own text and fix come from the engine.
#pragma once

#include "alarm/Alarm.h"

#include <QColor>
#include <QString>

namespace s1 {

QString alarmTitle(AlarmKind kind);
QString severityText(AlarmSeverity severity);
QColor severityColor(AlarmSeverity severity);
// "2026-12-06 23:41:02 UTC"
QString alarmTimeText(RealTime time);
// The alarm to show first: the most severe active one, the newest among equals; none when
// no alarm is active.
std::optional<Alarm> mostUrgentAlarm(const std::vector<Alarm> &alarms);

} // namespace s1
