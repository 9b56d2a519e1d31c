// `stratumctl why [SOURCE]`: why each source (or one) has its selection state, with the number
// that decided it and the fix, from the service's snapshot; and the same list after chronyc's
// table for `selectdata -v`.
#pragma once

#include "StratumctlCommands.h"

class QJsonValue;

namespace s1 {

class ControlClient;

// why [SOURCE]; SOURCE is a name or an address as `sources -N` or `-n` shows it.
int runWhyCommand(const StratumctlOptions &options, const QStringList &args);

// After `selectdata -v`'s table (chronyc's, unchanged): an empty line and every source's reason.
// Returns 0, or 1 when the snapshot could not be had.
int printSelectionReasons(ControlClient &client);

} // namespace s1
