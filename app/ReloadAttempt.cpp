#include "ReloadAttempt.h"

#include <QCoreApplication>

#include <utility>

namespace s1 {

ReloadAttempt::ReloadAttempt(EngineConfig previous, QStringList warnings)
    : m_previous(std::move(previous))
    , m_warnings(std::move(warnings))
{ }

ReloadAttempt::Step ReloadAttempt::engineStarted(bool ok, const QString &error)
{
    if (!m_rollingBack) {
        if (ok)
            return {Outcome::Reloaded, {}};
        m_rollingBack = true;
        m_failure = error;
        return {Outcome::RollBack, {}};
    }
    if (ok)
        return {Outcome::RolledBack,
                QCoreApplication::translate("ReloadAttempt",
                                            "the new configuration did not start (%1); running the previous one again")
                    .arg(m_failure)};
    return {Outcome::BothFailed,
            QCoreApplication::translate("ReloadAttempt", "neither the new nor the previous configuration starts: %1")
                .arg(error)};
}

} // namespace s1
