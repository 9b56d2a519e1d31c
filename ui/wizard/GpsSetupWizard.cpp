#include "wizard/GpsSetupWizard.h"

#include "TouchStyle.h"
#include "wizard/GpsConfigurePage.h"
#include "wizard/GpsDetectPage.h"
#include "wizard/GpsPortPage.h"
#include "wizard/GpsPpsPage.h"
#include "wizard/GpsReviewPage.h"

#include <QGuiApplication>
#include <QScreen>

namespace s1 {

GpsSetupWizard::GpsSetupWizard(const Options &options, QWidget *parent)
    // The touch style application-wide, also when the wizard is opened on its own: its pages
    // and Qt's buttons are as readable as the main window.
    : QWizard(withTouchStyle(parent))
{
    m_state.configPath = options.configPath;
    m_state.deviceDirectory = options.deviceDirectory;
    setWindowTitle(tr("Set up a GPS receiver"));
    // Classic: no banner, so the pages keep the little height a 480-line screen has.
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::FinishButton, tr("Done"));
    setStyleSheet(touchStyleSheet());
    // Before the pages exist: they size emphasised text from the font they inherit.
    applyTouchFriendlyFont(this);
    m_portPage = new GpsPortPage(&m_state, this);
    m_detectPage = new GpsDetectPage(&m_state, this);
    m_configurePage = new GpsConfigurePage(&m_state, this);
    m_ppsPage = new GpsPpsPage(&m_state, this);
    m_reviewPage = new GpsReviewPage(&m_state, this);
    setPage(PortPageId, m_portPage);
    setPage(DetectPageId, m_detectPage);
    setPage(ConfigurePageId, m_configurePage);
    setPage(PpsPageId, m_ppsPage);
    setPage(ReviewPageId, m_reviewPage);
    connect(m_reviewPage, &GpsReviewPage::written, this, &GpsSetupWizard::configurationWritten);
    resize(kPreferredWidthPx, kPreferredHeightPx);
}

GpsSetupWizard *openGpsWizard(QWidget *parent, const QString &configPath)
{
    GpsSetupWizard::Options options;
    if (!configPath.isEmpty())
        options.configPath = configPath;
    auto *wizard = new GpsSetupWizard(options, parent);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    // Never larger than the screen: on the touchscreen it fills it.
    if (const QScreen *screen = parent ? parent->screen() : QGuiApplication::primaryScreen())
        wizard->resize(wizard->size().boundedTo(screen->availableSize()));
    wizard->open();
    return wizard;
}

} // namespace s1
