// Everything the window shows fits the 800x480 touchscreen and an 800x416 Raspberry Pi desktop
// (panel and title bar taken off): every tab with realistic data (a GPS with 30 satellites, long
// names, big counters, configuration warnings), fresh and stale, with long status messages, and
// every dialog the window opens, the GPS wizard's pages and the warnings' list included. A page
// fails when a label's text is wider or taller than the label (cut or elided), a button is
// squeezed below its text, the tab bar or the tool bar needs scroll/overflow buttons, a visible
// widget sticks out of its parent (content taller than its page), a row of the sources table is
// cut off, text is smaller than the touch style's or a button smaller than a fingertip.
#include "GpsPanel.h"
#include "MainWindow.h"
#include "SourcesView.h"
#include "TouchStyle.h"
#include "WidgetTestSupport.h"
#include "dashboard/DashboardPage.h"
#include "wizard/GpsDetectPage.h"
#include "wizard/GpsPortPage.h"
#include "wizard/GpsPpsPage.h"
#include "wizard/GpsReviewPage.h"
#include "wizard/GpsSetupWizard.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

#include <QRegularExpression>

#include <algorithm>

using namespace s1;
using s1::test::openBox;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const QSize kTouchScreen(800, 480);
const QSize kPiDesktop(800, 416); // 480 less the panel and a title bar
// A pixel of rounding is not a cut.
constexpr int kTolerancePx = 1;
constexpr int kSatellitesInView = 30;
// A table row stays a target a finger can hit (7 mm on the 7" panel) even when rows shrink to fit.
constexpr int kMinRowPx = 36;

const QString kLongConnection = QStringLiteral(
    "Service at /run/stratumone/stratumone.sock: permission denied: run as a member of group ntpadm or as root");
const QString kLongFailure = QStringLiteral(
    "Reload is not available with the in-process engine: it reads the configuration only at start. Restart "
    "Stratum One, or run it as a service and reload that.\nsecond line of details");

SourceSnapshot source(std::uint32_t id, const std::string &name, SourceKind kind, SourceState state, int stratum,
                      double offset, double delay, RealTime now)
{
    SourceSnapshot s;
    s.id = id;
    s.name = name;
    s.kind = kind;
    if (kind == SourceKind::Server)
        s.address = SocketAddress{IpAddress::v4(0xC0000200 + id), 123};
    s.state = state;
    s.stratum = stratum;
    s.poll = 6;
    s.reach = 0377;
    s.leap = LeapIndicator::None;
    s.lastRx = now - std::chrono::seconds(12 + id);
    s.lastSample = SourceSample{*s.lastRx, offset, delay, 30e-6, stratum, offset};
    for (int i = 0; i < 20; ++i)
        s.recentSamples.push_back(SourceSample{now - std::chrono::seconds(64 * (20 - i)), offset * (1 + i % 3 * 0.1),
                                               delay, 30e-6, stratum, offset});
    s.requestsSent = 1234;
    s.repliesAccepted = 1200;
    return s;
}

GpsStatus busyReceiver(RealTime now)
{
    GpsStatus gps;
    gps.fixMode = GpsFixMode::Fix3D;
    gps.epochTime = now;
    gps.epochTimeValid = true;
    gps.latitude = -33.868820;
    gps.longitude = -151.209290;
    gps.altitude = -1234.5;
    gps.pdop = 12.3;
    gps.hdop = 10.9;
    gps.vdop = 11.8;
    const GnssSystem systems[] = {GnssSystem::Gps, GnssSystem::Glonass, GnssSystem::Galileo, GnssSystem::BeiDou,
                                  GnssSystem::Sbas};
    for (int i = 0; i < kSatellitesInView; ++i) {
        GpsSatellite sat;
        sat.system = systems[i % 5];
        sat.prn = sat.system == GnssSystem::Sbas ? 120 + i : 1 + i * 3 % 37;
        sat.elevation = 5 + (i * 17) % 85;
        sat.azimuth = (i * 47) % 360;
        sat.snr = 20 + (i * 7) % 32;
        sat.used = i % 4 != 0;
        gps.satellites.push_back(sat);
    }
    gps.receiver = "u-blox ZED-F9T ROM BASE 0x118B2060 FWVER=TIM 2.20 PROTVER=29.20 MOD=ZED-F9T";
    gps.baudRate = 115200;
    gps.sentenceCounts = {{"GNRMC", 1'234'567}, {"GNGGA", 1'234'567}, {"GPGSV", 9'876'543}};
    gps.checksumErrors = 123'456;
    gps.garbageBytes = 12'345'678;
    gps.serialOverruns = 4'321;
    gps.lastSentenceTime = now;
    gps.pps.lastPulse = now - 3s;
    gps.pps.pulseCount = 8'640'000;
    gps.pps.jitter = 123.4e-9;
    return gps;
}

// What a busy stratum-1 server with a GPS and four servers looks like.
EngineSnapshot busySnapshot()
{
    EngineSnapshot snapshot;
    const RealTime now = realTimeFromNanos(kSnapshotNanos);
    snapshot.time = now;
    snapshot.ntpPort = 123;
    ReferenceSnapshot &ref = snapshot.reference;
    ref.synchronised = true;
    ref.stratum = 2;
    ref.referenceId = 0xC0000201;
    ref.referenceName = "ntp1.example-university.edu";
    ref.leap = LeapIndicator::None;
    ref.referenceTime = now - 30s;
    ref.rootDelay = 12.3456e-3;
    ref.rootDispersion = 1.2345e-3;
    ref.precision = -24;
    ref.systemTimeOffset = -123.456e-6;
    ref.lastOffset = 98.7654e-6;
    ref.rmsOffset = 45.6789e-6;
    ref.frequencyPpm = -12.345;
    ref.residualFrequencyPpm = 0.012;
    ref.skewPpm = 0.345;
    ref.updateInterval = 1024.7;
    snapshot.server.packetsReceived = 123'456'789'012;
    snapshot.server.repliesSent = 123'456'780'000;
    snapshot.server.droppedMalformed = 1'234'567;
    snapshot.server.droppedBadVersion = 12'345;
    snapshot.server.droppedBadMode = 234'567;
    snapshot.server.droppedDenied = 3'456'789;
    snapshot.server.droppedOther = 45'678;
    snapshot.server.droppedRateLimited = 9'876'543;
    snapshot.server.kissOfDeathSent = 2'469'135;
    snapshot.server.droppedAuth = 34'567;
    snapshot.server.authenticatedRequests = 5'678'901;
    snapshot.sources = {
        source(1, "ntp1.example-university.edu", SourceKind::Server, SourceState::Selected, 1, -13e-6, 1.2e-3, now),
        source(2, "2.debian.pool.ntp.org", SourceKind::Server, SourceState::Combined, 2, 27.9e-6, 352e-6, now),
        source(3, "192.0.2.3", SourceKind::Server, SourceState::NotCombined, 2, -22.4e-6, 587e-6, now),
        source(4, "time.example.org", SourceKind::Server, SourceState::Falseticker, 1, 30.01e-3, 316e-6, now),
        source(5, "NMEA", SourceKind::RefClock, SourceState::TooVariable, 0, -3.53e-3, 0.2, now),
        source(6, "PPS", SourceKind::RefClock, SourceState::Combined, 0, 6.5e-6, 1e-9, now),
    };
    snapshot.gps = busyReceiver(now);
    // The tool bar's warnings button beside its actions, the dialog with a list that scrolls.
    for (const char *what : {"'ratelimit'", "'keyfile'", "option 'xleave'", "'hwtimestamp'", "'user'", "option 'key'",
                             "'clientloglimit'", "'logdir'"})
        snapshot.configWarnings.push_back(std::string("/etc/stratumone/sources.d/university-servers.sources:12:34: "
                                                      "warning: ")
                                          + what + " has no effect yet");
    return snapshot;
}

bool isRichText(const QLabel *label)
{
    return label->textFormat() == Qt::RichText
           || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
}

// The size the label's text needs on one line per paragraph.
QSizeF unwrappedTextSize(const QLabel *label)
{
    if (isRichText(label)) {
        QTextDocument document;
        document.setDefaultFont(label->font());
        document.setDocumentMargin(0);
        document.setHtml(label->text());
        return {document.idealWidth(), document.size().height()};
    }
    const QFontMetricsF metrics(label->font());
    qreal width = 0;
    const QStringList lines = label->text().split(QLatin1Char('\n'));
    for (const QString &line : lines)
        width = std::max(width, metrics.horizontalAdvance(line));
    return {width, static_cast<qreal>(lines.size()) * metrics.lineSpacing()};
}

QString describe(const QWidget *widget)
{
    QString path;
    for (const QWidget *w = widget; w; w = w->parentWidget()) {
        QString name = w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className()) : w->objectName();
        path = path.isEmpty() ? name : name + QLatin1Char('/') + path;
        if (w->isWindow())
            break;
    }
    return path;
}

// Internal widgets of Qt's own composites that are laid out by their owner on purpose.
bool isQtInternal(const QWidget *widget)
{
    return widget->objectName().startsWith(QLatin1String("qt_"));
}

// The Server and Tracking pages and a source's detail are lists of values, the wizard's preview
// a whole new file and the configuration's warnings as many as it has: they may scroll on a
// short screen, by finger and with a visible scroll bar; every other page must fit.
bool scrollsVisibly(const QWidget *content)
{
    const QWidget *viewport = content->parentWidget();
    const auto *area = viewport ? qobject_cast<const QAbstractScrollArea *>(viewport->parentWidget()) : nullptr;
    if (!area || !area->verticalScrollBar()->isVisible())
        return false;
    return area->objectName() == QLatin1String("serverPage") || area->objectName() == QLatin1String("trackingPage")
           || area->objectName() == QLatin1String("linesPreviewArea")
           || area->objectName() == QLatin1String("configWarningsArea")
           || area->objectName() == QLatin1String("sourceDetailArea");
}

void checkLabel(const QLabel *label, QStringList &problems)
{
    if (label->text().isEmpty() || !label->pixmap().isNull())
        return;
    const QRect room =
        label->contentsRect().adjusted(label->margin(), label->margin(), -label->margin(), -label->margin());
    const QString what = QStringLiteral("%1 \"%2\"").arg(describe(label), label->text().left(60));
    if (!label->wordWrap()) {
        const QSizeF needed = unwrappedTextSize(label);
        if (needed.width() > room.width() + kTolerancePx)
            problems << QStringLiteral("%1: text %2 px wide in %3 px").arg(what).arg(needed.width()).arg(room.width());
        if (needed.height() > room.height() + kTolerancePx)
            problems
                << QStringLiteral("%1: text %2 px tall in %3 px").arg(what).arg(needed.height()).arg(room.height());
    } else {
        const int needed = label->heightForWidth(label->width());
        if (needed > label->height() + kTolerancePx)
            problems
                << QStringLiteral("%1: wrapped text %2 px tall in %3 px").arg(what).arg(needed).arg(label->height());
        if (!isRichText(label)) {
            const QFontMetricsF metrics(label->font());
            // Lines break at spaces and after hyphens ("example-" / "university.edu").
            const QStringList words = label->text().split(QRegularExpression(QStringLiteral("\\s+|(?<=-)")));
            for (const QString &word : words) {
                if (metrics.horizontalAdvance(word) > room.width() + kTolerancePx)
                    problems << QStringLiteral("%1: word \"%2\" wider than the label").arg(what, word);
            }
        }
    }
    // Elided by the code that set it: the whole text went to the tooltip, out of a finger's reach.
    if (label->text().contains(QChar(0x2026)) && !label->toolTip().isEmpty() && label->toolTip() != label->text())
        problems << QStringLiteral("%1: elided, the rest only in a tooltip").arg(what);
}

void checkButton(const QAbstractButton *button, QStringList &problems)
{
    const QString what = QStringLiteral("%1 \"%2\"").arg(describe(button), button->text());
    if (qobject_cast<const QPushButton *>(button) && button->width() + kTolerancePx < button->sizeHint().width())
        problems << QStringLiteral("%1: squeezed to %2 px of %3")
                        .arg(what)
                        .arg(button->width())
                        .arg(button->sizeHint().width());
    if (!button->text().isEmpty() && button->height() + kTolerancePx < kTouchTargetPx)
        problems << QStringLiteral("%1: %2 px tall, below a fingertip").arg(what).arg(button->height());
}

// Every visible widget of `root`'s window; problems are prefixed with `context`.
QStringList layoutProblems(QWidget *root, const QSize &screen)
{
    QStringList problems;
    if (root->width() > screen.width() || root->height() > screen.height())
        problems << QStringLiteral("%1: %2x%3, larger than the screen")
                        .arg(describe(root))
                        .arg(root->width())
                        .arg(root->height());
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *widget : std::as_const(widgets)) {
        if (!widget->isVisible() || widget->window() != root)
            continue;
        QWidget *parent = widget->parentWidget();
        if (parent && !widget->isWindow() && !isQtInternal(widget) && !scrollsVisibly(widget)
            && !QRect(QPoint(0, 0), parent->size())
                    .adjusted(-kTolerancePx, -kTolerancePx, kTolerancePx, kTolerancePx)
                    .contains(widget->geometry()))
            problems << QStringLiteral("%1: at %2,%3 %4x%5, outside its parent's %6x%7")
                            .arg(describe(widget))
                            .arg(widget->x())
                            .arg(widget->y())
                            .arg(widget->width())
                            .arg(widget->height())
                            .arg(parent->width())
                            .arg(parent->height());
        const QFont font = widget->font();
        if ((qobject_cast<QLabel *>(widget) || qobject_cast<QAbstractButton *>(widget)
             || qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractItemView *>(widget))
            && font.pointSizeF() + 0.01 < kMinBaseFontPt)
            problems << QStringLiteral("%1: %2 pt text").arg(describe(widget)).arg(font.pointSizeF());
        if (auto *label = qobject_cast<QLabel *>(widget))
            checkLabel(label, problems);
        if (auto *tabBar = qobject_cast<QTabBar *>(widget)) {
            for (QToolButton *scroll : tabBar->findChildren<QToolButton *>()) {
                if (scroll->isVisible())
                    problems << QStringLiteral("%1: tabs behind scroll arrows").arg(describe(tabBar));
            }
        } else if (auto *toolBar = qobject_cast<QToolBar *>(widget)) {
            auto *extension = toolBar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
            if (extension && extension->isVisible())
                problems << QStringLiteral("%1: actions behind the overflow button").arg(describe(toolBar));
        } else if (auto *button = qobject_cast<QAbstractButton *>(widget)) {
            const bool tabScroll = qobject_cast<QTabBar *>(button->parentWidget());
            if (!tabScroll && !isQtInternal(button) && button->objectName() != QLatin1String("qt_toolbar_ext_button"))
                checkButton(button, problems);
        }
        if (auto *area = qobject_cast<QAbstractScrollArea *>(widget)) {
            if (area->horizontalScrollBar()->isVisible())
                problems << QStringLiteral("%1: scrolls sideways").arg(describe(area));
        }
    }
    return problems;
}

// Every row of the sources table is on screen, none cut by the bottom edge.
QStringList sourcesRowProblems(MainWindow &window)
{
    QStringList problems;
    auto *view = window.findChild<SourcesView *>();
    if (!view || !view->isVisible())
        return problems;
    const QRect viewport = view->viewport()->rect();
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QRect rect = view->visualRect(view->model()->index(row, 0));
        if (!viewport.contains(QRect(viewport.left(), rect.top(), viewport.width(), rect.height())))
            problems << QStringLiteral("sources row %1 (%2) is cut off: rows %3-%4 of a %5 px view")
                            .arg(row)
                            .arg(view->model()->index(row, 1).data().toString())
                            .arg(rect.top())
                            .arg(rect.bottom())
                            .arg(viewport.height());
        if (rect.height() + kTolerancePx < kMinRowPx)
            problems << QStringLiteral("sources row %1 only %2 px tall").arg(row).arg(rect.height());
    }
    return problems;
}

// QTest cuts long failure messages: each problem gets a line of its own.
bool reportProblems(QStringList problems)
{
    problems.removeDuplicates();
    for (const QString &problem : std::as_const(problems))
        qWarning().noquote() << problem;
    return problems.isEmpty();
}

QString screenshotDir()
{
    return qEnvironmentVariableIsSet("S1_SCREENSHOT_DIR") ? qEnvironmentVariable("S1_SCREENSHOT_DIR")
                                                          : QStringLiteral(S1_BINARY_DIR);
}

void settle()
{
    // Layouts run from posted events; a few rounds let nested ones (scroll areas, hfw) settle.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

QString sizeName(const QSize &size)
{
    return QStringLiteral("%1x%2%3")
        .arg(size.width())
        .arg(size.height())
        .arg(QLocale().language() == QLocale::German ? QStringLiteral("-de") : QString());
}

} // namespace

class TestLayout : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyPageFits_data();
    void everyPageFits();
    void unavailableActionsNoteFits_data();
    void unavailableActionsNoteFits();
    void windowDialogsFit_data();
    void windowDialogsFit();
    void wizardPagesFit_data();
    void wizardPagesFit();
    void dashboardFits_data();
    void dashboardFits();
    void checksCatchWhatTheyClaim();

private:
    void addSizes();

    QTranslator m_ours;
    QTranslator m_qt;
};

void TestLayout::initTestCase()
{
    // The test machine's locale must not decide what fits.
    QLocale::setDefault(QLocale::c());
}

void TestLayout::addSizes()
{
    QTest::addColumn<QSize>("screen");
    QTest::newRow("800x480") << kTouchScreen;
    QTest::newRow("800x416") << kPiDesktop;
    // German words are longer: what fits in English must fit in German too.
    QTest::newRow("800x480 de") << kTouchScreen;
    QTest::newRow("800x416 de") << kPiDesktop;
}

void TestLayout::init()
{
    // The German rows of the data-driven layout tests.
    if (!QByteArray(QTest::currentDataTag()).endsWith(" de"))
        return;
    // Ours as the build compiled it for the stratumone binary, and Qt's own.
    const QString ours = QStringLiteral(S1_BINARY_DIR "/app/stratumone_de.qm");
    if (!QFile::exists(ours))
        QSKIP("stratumone_de.qm is not built (build the stratumone target)");
    for (auto &[translator, file] :
         {std::pair{&m_ours, ours},
          std::pair{&m_qt, QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm")}}) {
        if (translator->load(file))
            QCoreApplication::installTranslator(translator);
    }
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
}

void TestLayout::cleanup()
{
    QCoreApplication::removeTranslator(&m_ours);
    QCoreApplication::removeTranslator(&m_qt);
    QLocale::setDefault(QLocale::c());
}

void TestLayout::everyPageFits_data()
{
    addSizes();
}

void TestLayout::everyPageFits()
{
    QFETCH(QSize, screen);
    MainWindow window;
    window.setConnectionDescription(kLongConnection);
    window.showSnapshot(busySnapshot());
    window.resize(screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), screen);
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);

    struct Mode
    {
        const char *name;
        bool stale;
        bool failure;
    };
    QStringList problems;
    for (const Mode mode : {Mode{"fresh", false, false}, Mode{"failure", false, true}, Mode{"stale", true, true}}) {
        if (mode.failure)
            window.showActionResult(false, kLongFailure);
        if (mode.stale)
            window.markSnapshotStale();
        // The failure's dialog is checked with the dialogs.
        for (QMessageBox *box : window.findChildren<QMessageBox *>())
            box->hide();
        for (int tab = 0; tab < tabs->count(); ++tab) {
            tabs->setCurrentIndex(tab);
            // The GPS page shows its sections one at a time: each of them must fit.
            auto *gps = qobject_cast<GpsPanel *>(tabs->widget(tab));
            const int views = gps ? GpsPanel::kSectionCount : 1;
            for (int view = 0; view < views; ++view) {
                if (gps)
                    gps->showSection(view);
                settle();
                const QString context = QStringLiteral("%1 %2 %3/%4: ")
                                            .arg(sizeName(screen), QLatin1String(mode.name), tabs->tabText(tab))
                                            .arg(view);
                QStringList found = layoutProblems(&window, screen);
                if (tab == 0)
                    found << sourcesRowProblems(window);
                for (const QString &problem : std::as_const(found))
                    problems << context + problem;
                window.grab().save(QDir(screenshotDir())
                                       .filePath(QStringLiteral("layout-%1-%2-%3-%4.png")
                                                     .arg(sizeName(screen), QLatin1String(mode.name))
                                                     .arg(tab)
                                                     .arg(view)));
            }
        }
    }
    QVERIFY2(reportProblems(problems), "layout problems, listed above");
}

void TestLayout::dashboardFits_data()
{
    addSizes();
}

// The dashboard in the window (in the tabs' place, under the tool bar) and alone, as kiosk mode
// shows it on the whole screen: fresh with an event, and stale with its banner.
void TestLayout::dashboardFits()
{
    QFETCH(QSize, screen);
    MainWindow window;
    window.setConnectionDescription(kLongConnection);
    DashboardPage kiosk;
    EngineSnapshot snapshot = busySnapshot();
    window.showSnapshot(snapshot);
    kiosk.showSnapshot(snapshot);
    // The longest event there is: a reference changed between two long names.
    snapshot.time += 1s;
    snapshot.reference.referenceId = 0xC0000202;
    snapshot.reference.referenceName = "2.debian.pool.ntp.org";
    for (SourceSnapshot &source : snapshot.sources)
        source.state = source.id == 2                          ? SourceState::Selected
                       : source.state == SourceState::Selected ? SourceState::Combined
                                                               : source.state;
    window.showSnapshot(snapshot);
    kiosk.showSnapshot(snapshot);
    QVERIFY(!kiosk.state().lastEventText().isEmpty());
    window.showDashboard(true);
    window.resize(screen);
    window.show();
    kiosk.resize(screen);
    kiosk.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(QTest::qWaitForWindowExposed(&kiosk));
    QStringList problems;
    for (const bool stale : {false, true}) {
        if (stale) {
            window.markSnapshotStale();
            kiosk.markStale();
        }
        settle();
        const QString mode = stale ? QStringLiteral("stale") : QStringLiteral("fresh");
        for (const QString &problem : layoutProblems(&window, screen))
            problems << QStringLiteral("%1 %2 dashboard in the window: %3").arg(sizeName(screen), mode, problem);
        for (const QString &problem : layoutProblems(&kiosk, screen))
            problems << QStringLiteral("%1 %2 kiosk dashboard: %3").arg(sizeName(screen), mode, problem);
        window.grab().save(
            QDir(screenshotDir()).filePath(QStringLiteral("layout-%1-%2-dashboard.png").arg(sizeName(screen), mode)));
        kiosk.grab().save(
            QDir(screenshotDir()).filePath(QStringLiteral("layout-%1-%2-kiosk.png").arg(sizeName(screen), mode)));
    }
    QVERIFY2(reportProblems(problems), "layout problems, listed above");
}

// The simulation's window: both actions disabled, the reason beside them in the tool bar.
void TestLayout::unavailableActionsNoteFits_data()
{
    addSizes();
}

void TestLayout::unavailableActionsNoteFits()
{
    QFETCH(QSize, screen);
    MainWindow window;
    const QString reason = QCoreApplication::translate("main", "not available in the simulation");
    window.setReloadUnavailable(reason);
    window.setMakeStepUnavailable(reason);
    EngineSnapshot snapshot = busySnapshot();
    snapshot.configWarnings.clear(); // the simulation reads no configuration
    window.showSnapshot(snapshot);
    window.resize(screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    settle();
    auto *note = window.findChild<QLabel *>(QStringLiteral("actionsNote"));
    QVERIFY(note && note->isVisible());
    QStringList problems;
    for (const QString &problem : layoutProblems(&window, screen))
        problems << QStringLiteral("%1 actions note: %2").arg(sizeName(screen), problem);
    window.grab().save(
        QDir(screenshotDir()).filePath(QStringLiteral("layout-%1-actions-note.png").arg(sizeName(screen))));
    QVERIFY2(reportProblems(problems), "layout problems, listed above");
}

void TestLayout::windowDialogsFit_data()
{
    addSizes();
}

void TestLayout::windowDialogsFit()
{
    QFETCH(QSize, screen);
    MainWindow window;
    window.showSnapshot(busySnapshot());
    window.resize(screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList problems;
    const auto check = [&](QWidget *dialog, const QString &name) {
        QVERIFY2(dialog, qPrintable(name));
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        settle();
        for (const QString &problem : layoutProblems(dialog, screen))
            problems << QStringLiteral("%1 %2: %3").arg(sizeName(screen), name, problem);
        dialog->grab().save(
            QDir(screenshotDir()).filePath(QStringLiteral("layout-%1-%2.png").arg(sizeName(screen), name)));
    };

    window.findChild<QAction *>(QStringLiteral("makeStepAction"))->trigger();
    QMessageBox *step = openBox(window, "stepConfirmation");
    check(step, QStringLiteral("step-confirmation"));
    if (step)
        step->reject();

    window.showActionResult(false, kLongFailure);
    QMessageBox *failure = openBox(window, "actionFailure");
    check(failure, QStringLiteral("action-failure"));
    if (failure)
        failure->accept();

    // A tap on a source: its detail, reasons and all.
    auto *view = window.findChild<SourcesView *>();
    QVERIFY(view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(3, 1)).center());
    auto *detail = window.findChild<QDialog *>(QStringLiteral("sourceDetail"));
    check(detail, QStringLiteral("source-detail"));
    if (detail)
        detail->reject();

    window.findChild<QAction *>(QStringLiteral("configWarningsAction"))->trigger();
    check(window.findChild<QDialog *>(QStringLiteral("configWarnings")), QStringLiteral("config-warnings"));

    QVERIFY2(reportProblems(problems), "layout problems, listed above");
}

void TestLayout::wizardPagesFit_data()
{
    addSizes();
}

void TestLayout::wizardPagesFit()
{
    QFETCH(QSize, screen);
    QTemporaryDir dev;
    for (const char *name : {"ttyUSB0", "ttyACM0", "ttyAMA0", "serial0", "pps0", "pps1"}) {
        QFile file(dev.filePath(QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QTemporaryDir config;
    MainWindow window;
    window.setConfigurationPath(config.filePath(QStringLiteral("stratumone.conf")));
    window.resize(screen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(QStringLiteral("gpsSetupAction"))->trigger();
    auto *wizard = window.findChild<GpsSetupWizard *>();
    QVERIFY(wizard);
    // The wizard as the window opens it, but on ports the test made.
    auto &state = const_cast<GpsWizardState &>(wizard->state());
    state.deviceDirectory = dev.path();
    wizard->resize(screen);
    wizard->restart();
    QVERIFY(QTest::qWaitForWindowExposed(wizard));

    QStringList problems;
    const auto check = [&](const QString &name) {
        settle();
        for (const QString &problem : layoutProblems(wizard, screen))
            problems << QStringLiteral("%1 %2: %3").arg(sizeName(screen), name, problem);
        wizard->grab().save(
            QDir(screenshotDir()).filePath(QStringLiteral("layout-%1-%2.png").arg(sizeName(screen), name)));
    };
    check(QStringLiteral("wizard-port"));

    // Detection of a port that is not there: the failure text and the retry button.
    auto *path = wizard->portPage()->findChild<QLineEdit *>(QStringLiteral("portPath"));
    QVERIFY(path);
    path->setText(dev.filePath(QStringLiteral("ttyNOPE")));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(GpsSetupWizard::DetectPageId));
    check(QStringLiteral("wizard-detect-error"));

    // PPS and review with what a detection would have left.
    ReceiverFindings findings;
    findings.baudRate = 115200;
    findings.nmea = true;
    findings.receiver = "u-blox ZED-F9T ROM BASE 0x118B2060 FWVER=TIM 2.20 PROTVER=29.20";
    state.port = dev.filePath(QStringLiteral("ttyUSB0"));
    state.findings = findings;
    wizard->setStartId(GpsSetupWizard::PpsPageId);
    wizard->restart();
    QCOMPARE(wizard->currentId(), int(GpsSetupWizard::PpsPageId));
    check(QStringLiteral("wizard-pps"));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(GpsSetupWizard::ReviewPageId));
    check(QStringLiteral("wizard-review"));
    auto *write = wizard->reviewPage()->findChild<QAbstractButton *>(QStringLiteral("writeButton"));
    QVERIFY(write);
    write->click();
    check(QStringLiteral("wizard-written"));
    wizard->reject();

    QVERIFY2(reportProblems(problems), "layout problems, listed above");
}

// The checks themselves: a cut label, an oversized child and small text are found.
void TestLayout::checksCatchWhatTheyClaim()
{
    QWidget page;
    page.resize(200, 100);
    auto *cut = new QLabel(QStringLiteral("a text far too long for the hundred pixels it gets"), &page);
    cut->setGeometry(0, 0, 100, 30);
    auto *outside = new QWidget(&page);
    outside->setGeometry(150, 50, 100, 100);
    auto *small = new QLabel(QStringLiteral("x"), &page);
    QFont font = small->font();
    font.setPointSizeF(kMinBaseFontPt / 2);
    small->setFont(font);
    small->setGeometry(0, 40, 40, 40);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const QString problems = layoutProblems(&page, kTouchScreen).join(QLatin1Char('\n'));
    QVERIFY2(problems.contains(QStringLiteral("px wide in 100 px")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("outside its parent")), qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral(" pt text")), qPrintable(problems));
}

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
