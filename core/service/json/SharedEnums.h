// The JSON codecs of the enums that the engine snapshot and chronyc's reports share, so that a
// leap indicator, a source kind or a source state has one name on the wire wherever it appears.
#pragma once

#include "ntp/NtpTypes.h"
#include "report/SourceState.h"
#include "json/JsonFields.h"

namespace s1::json {

extern const Enum<SourceState> kStateCodec;  // "selected", "combined", ... "unusable"
extern const Enum<LeapIndicator> kLeapCodec; // "normal", "insert-second", ... "unsynchronised"
extern const Enum<SourceKind> kKindCodec;    // "server", "peer", "refclock"

} // namespace s1::json
