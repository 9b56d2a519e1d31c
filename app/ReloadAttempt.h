// A reload in progress, shared by the service and the in-process window: the new configuration
// was started in place of the previous one; if it does not start, the previous one is started
// once more, and if that fails too the reload has lost both. Each engine start during the
// reload is one step of that sequence.
#pragma once

#include "config/EngineConfig.h"

#include <QString>
#include <QStringList>

namespace s1 {

class ReloadAttempt
{
public:
    ReloadAttempt(EngineConfig previous, QStringList warnings);

    enum class Outcome {
        Reloaded,   // the new configuration runs
        RolledBack, // it did not start; the previous one runs again (message says why)
        BothFailed, // neither starts (message says why): nothing runs
        RollBack,   // it did not start: the caller must start previous() now
    };
    struct Step
    {
        Outcome outcome;
        QString message; // for RolledBack and BothFailed, in words for the user
    };
    // What an engine start (ok, or failed with `error`) means at this point of the reload.
    Step engineStarted(bool ok, const QString &error);

    const EngineConfig &previous() const { return m_previous; }
    // The new configuration's warnings, for the reload's answer.
    const QStringList &warnings() const { return m_warnings; }

private:
    EngineConfig m_previous;
    QStringList m_warnings;
    bool m_rollingBack = false;
    QString m_failure; // why the new configuration did not start
};

} // namespace s1
