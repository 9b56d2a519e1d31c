#include "logging/LogCategories.h"

Q_LOGGING_CATEGORY(lcNtp, "s1.ntp")
Q_LOGGING_CATEGORY(lcClock, "s1.clock")
Q_LOGGING_CATEGORY(lcRefclock, "s1.refclock")
Q_LOGGING_CATEGORY(lcGps, "s1.gps")
Q_LOGGING_CATEGORY(lcControl, "s1.control")
Q_LOGGING_CATEGORY(lcConfig, "s1.config")
Q_LOGGING_CATEGORY(lcService, "s1.service")
Q_LOGGING_CATEGORY(lcAlarm, "s1.alarm")
Q_LOGGING_CATEGORY(lcMetrics, "s1.metrics")
