// The text `stratumctl alarms` prints (chronyc has no such command, so the layout is ours): a
// table of the alarms, active ones first, each followed by its text and its fix, indented.
#pragma once

#include "alarm/Alarm.h"

#include <string>
#include <vector>

namespace s1 {

std::string formatAlarms(const std::vector<Alarm> &alarms);
// "2026-12-06 23:41:02" (UTC, whole seconds: what a person compares with a log)
std::string formatAlarmTime(RealTime time);

} // namespace s1
