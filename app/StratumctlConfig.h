// `stratumctl config`: the service's configuration file as the service reads it, and
// `stratumctl config apply FILE|-`, which replaces it through the service (checked, written with
// the old file as .bak, reloaded): a member of the control group edits the file without root.
#pragma once

#include "StratumctlCommands.h"

#include <QStringList>

#include <functional>
#include <optional>
#include <string>

namespace s1 {

// Runs `config [apply FILE|-] [--json]`; exit code 0, 1 (the service refused, or the new
// configuration has errors, conflicts or did not start) or 2 (bad arguments).
int runConfigCommand(const StratumctlOptions &options, const QStringList &args);

// Edits the service's main configuration file: `edit` gets its text and returns the new one (or
// nullopt with the reason), which goes to the service as `config apply` sends a file (checked,
// written with a .bak, reloaded), printed as `config apply` prints it. Same exit codes.
int editConfiguration(const StratumctlOptions &options,
                      const std::function<std::optional<std::string>(const std::string &, QString &)> &edit);

} // namespace s1
