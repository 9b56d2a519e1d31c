// The logging categories of Stratum One, for QT_LOGGING_RULES (e.g. "s1.clock.debug=true").
// Hosts and the app log through these; the sans-I/O engine only hands out events.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNtp)      // s1.ntp: sockets, server, sources
Q_DECLARE_LOGGING_CATEGORY(lcClock)    // s1.clock: selection, clock updates and steps, drift file
Q_DECLARE_LOGGING_CATEGORY(lcRefclock) // s1.refclock: reference clock drivers
Q_DECLARE_LOGGING_CATEGORY(lcGps)      // s1.gps: receivers
Q_DECLARE_LOGGING_CATEGORY(lcControl)  // s1.control: control socket
Q_DECLARE_LOGGING_CATEGORY(lcConfig)   // s1.config: configuration reading and reloads
Q_DECLARE_LOGGING_CATEGORY(lcService)  // s1.service: start, stop and state of the daemon
Q_DECLARE_LOGGING_CATEGORY(lcAlarm)    // s1.alarm: alarms raised and cleared, `alarmcommand` runs
Q_DECLARE_LOGGING_CATEGORY(lcMetrics)  // s1.metrics: the Prometheus endpoint (`metricsaddress`)
