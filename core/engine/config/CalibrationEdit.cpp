#include "config/CalibrationEdit.h"

#include "text/NumberText.h"

#include <algorithm>

namespace s1 {

namespace {

// The smallest `delay` the written decimals can hold: a proposal is never narrower (0 would be
// no delay at all).
constexpr double kMinDelay = 1e-6; // s

} // namespace

bool applyOffsetCalibration(ConfigDocument &document, std::string_view refId, double offset, double delay,
                            std::string &why)
{
    for (const std::size_t line : document.findDirectives("refclock")) {
        const auto id = document.optionValue(line, "refid");
        if (!id || *id != refId)
            continue;
        if (!document.setOption(line, "offset", fixedText(offset, kCalibrationDecimals))
            || !document.setOption(line, "delay", fixedText(std::max(delay, kMinDelay), kCalibrationDecimals))) {
            why = "cannot set offset and delay on line " + std::to_string(line + 1);
            return false;
        }
        return true;
    }
    why = "no `refclock ... refid " + std::string(refId)
          + "` line in the main configuration file (one in an included file, or one without `refid`, must be "
            "edited by hand)";
    return false;
}

} // namespace s1
