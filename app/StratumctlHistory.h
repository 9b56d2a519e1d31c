// `stratumctl history`: the service's recorded series, listed or one of them as a table of
// min/mean/max per time bucket (docs/CONTROL_PROTOCOL.md, history and historySeries).
#pragma once

#include "StratumctlCommands.h"

namespace s1 {

// history                      the series with their spans
// history SERIES [--since 1h|30m|ISO-TIME] [--until ISO-TIME] [--buckets N] [--json]
int runHistoryCommand(const StratumctlOptions &options, const QStringList &args);

} // namespace s1
