// The GPS set-up wizard: port, detection, receiver configuration (optional), PPS, review and
// write. Sets up a receiver on a serial port as `refclock NMEA` (plus `refclock PPS` locked to
// it) in the configuration file, in about a minute, on the 800x480 touchscreen or a desktop. It
// does not reload the service: it emits configurationWritten() and leaves that to the window.
#pragma once

#include "config/ConfigFile.h"
#include "wizard/GpsWizardState.h"

#include <QWizard>

namespace s1 {

class GpsPortPage;
class GpsDetectPage;
class GpsConfigurePage;
class GpsPpsPage;
class GpsReviewPage;

class GpsSetupWizard : public QWizard
{
    Q_OBJECT
public:
    static constexpr const char *kDefaultDeviceDirectory = "/dev";
    // The touchscreen's size; a desktop gets the same, which fits any screen.
    static constexpr int kPreferredWidthPx = 800;
    static constexpr int kPreferredHeightPx = 480;

    enum PageId { PortPageId, DetectPageId, ConfigurePageId, PpsPageId, ReviewPageId };

    struct Options
    {
        QString configPath = QString::fromLatin1(s1::kDefaultConfigPath);
        // Where serial aliases and PPS devices are looked for; tests point it at a directory of
        // their own.
        QString deviceDirectory = QString::fromLatin1(kDefaultDeviceDirectory);
    };

    explicit GpsSetupWizard(const Options &options, QWidget *parent = nullptr);

    const GpsWizardState &state() const { return m_state; }
    GpsPortPage *portPage() const { return m_portPage; }
    GpsDetectPage *detectPage() const { return m_detectPage; }
    GpsConfigurePage *configurePage() const { return m_configurePage; }
    GpsPpsPage *ppsPage() const { return m_ppsPage; }
    GpsReviewPage *reviewPage() const { return m_reviewPage; }

signals:
    // The configuration file at `path` now has the receiver's lines; reload the service to use them.
    void configurationWritten(const QString &path);

private:
    GpsWizardState m_state;
    GpsPortPage *m_portPage = nullptr;
    GpsDetectPage *m_detectPage = nullptr;
    GpsConfigurePage *m_configurePage = nullptr;
    GpsPpsPage *m_ppsPage = nullptr;
    GpsReviewPage *m_reviewPage = nullptr;
};

// Opens the wizard over `parent` (window-modal, deleted when closed) on `configPath` and returns
// it, so the caller can connect configurationWritten() to a reload.
GpsSetupWizard *openGpsWizard(QWidget *parent, const QString &configPath);

} // namespace s1
