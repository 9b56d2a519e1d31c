#include "WindowStart.h"

#include "MainWindow.h"

namespace s1 {

void showWindow(const LaunchOptions &options, MainWindow &window, std::unique_ptr<ScreenSaverInhibitor> inhibitor)
{
    if (options.kiosk) {
        window.setScreenSaverInhibitor(std::move(inhibitor));
        window.setKioskMode(true);
    }
    window.show();
}

} // namespace s1
