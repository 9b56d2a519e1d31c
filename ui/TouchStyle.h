// Sizes and helpers that keep the window and the wizard usable with a finger on the 800x480
// touchscreen as well as with a mouse: tall targets, flickable lists, text big enough to read
// at arm's length.
#pragma once

#include <QString>

class QAbstractScrollArea;
class QApplication;
class QWidget;

namespace s1 {

// A fingertip is about 9 mm; 44 px is that on the 7" 800x480 panel (and the window's tabs).
constexpr int kTouchTargetPx = 44;
// No text smaller than the main window's on the touchscreen.
constexpr double kMinBaseFontPt = 12;
// Rows of a table may shrink to this to keep every row on a short screen: 7 mm on the 7" panel,
// still a target a finger hits.
constexpr int kCompactTouchTargetPx = 36;
// Text that matters (the detection result) a little larger than body text.
constexpr double kEmphasisFontScale = 1.2;

// Style sheet for a page: buttons, list rows and line edits at least kTouchTargetPx tall.
QString touchStyleSheet();
// The touch style for the whole application, set once: the font raised to kMinBaseFontPt and
// touchStyleSheet() for every widget. Dialogs are windows of their own and do not inherit the
// main window's font, so only an application-wide setting reaches Qt's message boxes, the wizard
// and any dialog added later. Idempotent.
void applyTouchStyle(QApplication *app);
// For a window's constructor, `: QDialog(withTouchStyle(parent))`: applies the touch style
// application-wide (when a QApplication runs) before the window's first widget exists, so that
// every one of them starts with it, and returns `parent`.
QWidget *withTouchStyle(QWidget *parent);
// Drag-to-scroll with inertia on a list or scroll area (a touchscreen has no wheel).
void enableKineticScrolling(QAbstractScrollArea *area);
// Raises `window`'s font to kMinBaseFontPt when it is smaller (or sized in pixels).
void applyTouchFriendlyFont(QWidget *window);
// Scales `widget`'s font by kEmphasisFontScale.
void emphasize(QWidget *widget);

} // namespace s1
