// `stratumctl why [SOURCE]` (and the part `selectdata -v` adds after chronyc's table): for each
// source its mode and state symbols as `sources` prints them, its name, and below, indented and
// wrapped, its selection reason and the fix in words (SourceSnapshot::selectionReason).
//
//   ^x 192.0.2.3
//      Falseticker: its time is 50.012 ms ahead of what 192.0.2.1 and 192.0.2.2 agree on ...
//      Fix: Check that source's own time ...
#pragma once

#include "report/EngineSnapshot.h"

#include <optional>
#include <string>

namespace s1 {

// Lines are wrapped to this width (chronyc's reports are 79 columns wide).
inline constexpr std::size_t kWhyLineWidth = 79;

// Every source of `snapshot`, or only the one whose name or address is `source` (nullopt when
// none is).
std::optional<std::string> formatSelectionReasons(const EngineSnapshot &snapshot,
                                                  const std::optional<std::string> &source = std::nullopt);

// chronyc's `sources` symbols: mode ('^', '=', '#') and state ('*', '+', '-', 'x', '~', '?').
char sourceModeSymbol(SourceKind kind);
char sourceStateSymbol(SourceState state);

} // namespace s1
