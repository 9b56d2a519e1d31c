// How `stratumone` puts its window on screen, shared with the tests: plain, or in kiosk mode
// (--kiosk: full screen, the dashboard alone, the screen kept on by `inhibitor`).
#pragma once

#include "LaunchOptions.h"
#include "dashboard/ScreenSaverInhibitor.h"

#include <memory>

namespace s1 {

class MainWindow;

void showWindow(const LaunchOptions &options, MainWindow &window, std::unique_ptr<ScreenSaverInhibitor> inhibitor);

} // namespace s1
