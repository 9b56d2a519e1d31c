// Keeping the kiosk's screen on: a small seam, so that tests use a fake and the window never
// claims the screen saver is held off when nothing on the desktop agreed to it.
#pragma once

#include <QString>

#include <memory>

namespace s1 {

class ScreenSaverInhibitor
{
public:
    struct Result
    {
        bool inhibited = false;
        // Who holds the screen on ("org.freedesktop.ScreenSaver"), or why nothing does.
        QString detail;
    };

    virtual ~ScreenSaverInhibitor() = default;
    // Asks the desktop to keep the screen on for `reason` until release().
    virtual Result inhibit(const QString &reason) = 0;
    // Ends an inhibition; harmless when there is none.
    virtual void release() = 0;
};

// org.freedesktop.ScreenSaver's Inhibit over the session D-Bus when Qt was built with D-Bus;
// otherwise one that always says that nothing can inhibit (and why).
std::unique_ptr<ScreenSaverInhibitor> makeDesktopScreenSaverInhibitor();

} // namespace s1
