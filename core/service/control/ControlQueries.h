// Answers the control socket's read-only commands from the latest engine snapshot: the part of
// the server that needs no socket, so that tests can call it directly.
#pragma once

#include "chronyc/SnapshotReports.h"
#include "report/EngineSnapshot.h"
#include "json/ControlProtocol.h"

#include <QJsonValue>
#include <QString>

namespace s1 {

struct ControlAnswer
{
    bool ok = false;
    QJsonValue result;
    QString error;
};

// Handles snapshot, tracking, sources, sourcestats, activity, serverstats, selectdata, ntpdata
// and clients (an error with noclientlog). Arguments: "names": "numeric" names sources by
// address (default "configured"; clients are always named by address);
// ntpdata's "address" picks one source by address or configured name. `snapshot` is null until
// the engine has published one. Other commands are an error here: the server handles them.
ControlAnswer answerQuery(const control::ControlRequest &request, const EngineSnapshot *snapshot,
                          const CommandCounters &counters);

} // namespace s1
