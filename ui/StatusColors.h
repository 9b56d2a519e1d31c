// The colours that carry meaning across views. Mid-tone hues that keep enough contrast on both
// light and dark backgrounds, and that stay apart for the common red-green colour blindness
// by differing in lightness too.
#pragma once

#include <QColor>

namespace s1::StatusColors {

inline const QColor kGood(0x1e, 0x8c, 0x3a);    // selected source, synchronised
inline const QColor kInUse(0x2f, 0x7d, 0x9a);   // combined source
inline const QColor kWarning(0xc2, 0x6a, 0x00); // too variable
inline const QColor kBad(0xc6, 0x28, 0x28);     // falseticker, not synchronised

} // namespace s1::StatusColors
