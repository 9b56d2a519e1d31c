// `stratumctl config`: the service's configuration file as the service reads it, and
// `stratumctl config apply FILE|-`, which replaces it through the service (checked, written with
// the old file as .bak, reloaded): a member of the control group edits the file without root.
#pragma once

#include "StratumctlCommands.h"

#include <QStringList>

namespace s1 {

// Runs `config [apply FILE|-] [--json]`; exit code 0, 1 (the service refused, or the new
// configuration has errors, conflicts or did not start) or 2 (bad arguments).
int runConfigCommand(const StratumctlOptions &options, const QStringList &args);

} // namespace s1
