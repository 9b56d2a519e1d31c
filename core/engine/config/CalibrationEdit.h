// Writes a measured calibration into a configuration: the `offset` and `delay` options of the
// `refclock` line with a given `refid` (what `stratumctl calibrate` sends to the service).
#pragma once

#include "config/ConfigDocument.h"

#include <string>
#include <string_view>

namespace s1 {

// Decimals the options are written with: microseconds, finer than a serial message's timing.
inline constexpr int kCalibrationDecimals = 6;

// Sets `offset` and `delay` (s) on the refclock line whose refid is `refId`; false, with `why`,
// when `document` has no such line (a refclock in an included file, or one without `refid`).
bool applyOffsetCalibration(ConfigDocument &document, std::string_view refId, double offset, double delay,
                            std::string &why);

} // namespace s1
