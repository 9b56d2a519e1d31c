// The GPS view against hand-built receiver states: empty state, value formats, sky plot geometry,
// signal bars, fit on the 800x480 touchscreen's tab area, and screenshots.
//
// Screenshots go to S1_SCREENSHOT_DIR if set, else to the temporary directory.
#include "DisplayFormat.h"
#include "GpsPanel.h"
#include "SignalBarsWidget.h"
#include "SkyPlotWidget.h"
#include "StatusColors.h"
#include "WidgetTestSupport.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

#include <array>
#include <cmath>
#include <limits>

using namespace s1;
using s1::test::screenshotPath;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const RealTime kNow = realTimeFromNanos(kSnapshotNanos);
// The tab area of MainWindow on an 800x480 screen.
const QSize kTabArea(780, 400);
// MainWindow's touch-friendly base font; nothing in the panel may be smaller.
constexpr qreal kBaseFontPt = 12;
constexpr double kPixelTolerance = 1e-9;
constexpr int kManySatellites = 36;

GpsSatellite satellite(GnssSystem system, int prn, std::optional<int> elevation, std::optional<int> azimuth,
                       std::optional<int> snr, bool used)
{
    return GpsSatellite{system, prn, elevation, azimuth, snr, used};
}

// A receiver on a roof in Berlin: 12 satellites over four constellations, 8 of them used; one
// without a position in the sky, two without a signal.
GpsStatus makeStatus()
{
    GpsStatus status;
    status.fixMode = GpsFixMode::Fix3D;
    status.epochTime = kNow;
    status.epochTimeValid = true;
    status.latitude = 52.52;
    status.longitude = 13.405;
    status.altitude = 34.0;
    status.pdop = 1.62;
    status.hdop = 0.91;
    status.vdop = 1.34;
    status.satellites = {
        satellite(GnssSystem::Gps, 5, 62, 48, 47, true),
        satellite(GnssSystem::Gps, 12, 35, 141, 43, true),
        satellite(GnssSystem::Gps, 15, 21, 290, 38, true),
        satellite(GnssSystem::Gps, 29, 6, 205, 22, false),
        satellite(GnssSystem::Glonass, 3, 48, 95, 41, true),
        satellite(GnssSystem::Glonass, 14, 27, 330, 36, true),
        satellite(GnssSystem::Glonass, 22, 9, 20, std::nullopt, false),
        satellite(GnssSystem::Galileo, 4, 71, 250, 45, true),
        satellite(GnssSystem::Galileo, 11, 40, 175, 40, true),
        satellite(GnssSystem::Galileo, 36, 12, 60, std::nullopt, false),
        satellite(GnssSystem::BeiDou, 19, 55, 120, 44, true),
        satellite(GnssSystem::BeiDou, 37, std::nullopt, std::nullopt, 18, false),
    };
    status.receiver = "u-blox M8 ROM CORE 3.01 (107888)";
    status.baudRate = 9600;
    status.sentenceCounts = {{"GPGGA", 3600}, {"GPGSA", 3600}, {"GPGSV", 10800}, {"GPRMC", 3600}};
    status.checksumErrors = 2;
    status.garbageBytes = 57;
    status.serialOverruns = 0;
    status.lastSentenceTime = kNow - std::chrono::milliseconds(250);
    status.pps.lastPulse = kNow - std::chrono::milliseconds(400);
    status.pps.pulseCount = 3600;
    status.pps.jitter = 850e-9;
    return status;
}

QLabel *label(const QWidget &panel, const char *objectName)
{
    return panel.findChild<QLabel *>(QLatin1String(objectName));
}

QString labelText(const QWidget &panel, const char *objectName)
{
    const QLabel *found = label(panel, objectName);
    return found ? found->text() : QStringLiteral("<missing %1>").arg(QLatin1String(objectName));
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe8, 0xe8, 0xe8);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Light, QColor(0x50, 0x50, 0x50));
    palette.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x40));
    palette.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    palette.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    palette.setColor(QPalette::Shadow, Qt::black);
    return palette;
}

// The panel as MainWindow will show it: on the tab area, with the touch font.
void showOnTabArea(GpsPanel &panel)
{
    panel.resize(kTabArea);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCoreApplication::processEvents();
    QCOMPARE(panel.size(), kTabArea);
}

bool sameColor(const QColor &a, const QColor &b)
{
    constexpr int kTolerance = 8; // antialiasing at the sample point
    return std::abs(a.red() - b.red()) <= kTolerance && std::abs(a.green() - b.green()) <= kTolerance
           && std::abs(a.blue() - b.blue()) <= kTolerance;
}

} // namespace

class TestGpsPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void emptyStateWithoutStatus();
    void showsValues();
    void formatsCoordinatesAndUnits();
    void colorsStates();
    void skyPositionMapsAzimuthAndElevation();
    void skyPlotDrawsSatellitesWhereMapped();
    void countsUsedAndPlottedSatellites();
    void signalBarsScaleWithSnr();
    void manySatellitesStayReadable();
    void skyPlotLabelsDoNotOverlap();
    void fitsTabArea();
    void screenshots();
};

void TestGpsPanel::initTestCase()
{
    QFont font = QApplication::font();
    font.setPointSizeF(kBaseFontPt);
    QApplication::setFont(font);
}

void TestGpsPanel::emptyStateWithoutStatus()
{
    GpsPanel panel;
    showOnTabArea(panel);
    QVERIFY(!panel.isShowingStatus());
    QLabel *title = label(panel, "gpsEmptyTitle");
    QVERIFY(title);
    QVERIFY(title->isVisible());
    QCOMPARE(title->text(), QStringLiteral("No GPS receiver configured"));
    QLabel *example = label(panel, "gpsEmptyExample");
    QVERIFY(example && example->isVisible());
    QVERIFY(example->text().contains(QStringLiteral("refclock NMEA /dev/ttyAMA0")));
    QVERIFY(!label(panel, "gpsFixValue")->isVisible());
    QVERIFY(panel.grab().save(screenshotPath(QStringLiteral("gps-panel-empty.png"))));

    panel.setStatus(makeStatus(), kNow);
    QVERIFY(panel.isShowingStatus());
    QVERIFY(!title->isVisible());
    QVERIFY(label(panel, "gpsFixValue")->isVisible());

    // The receiver goes away again (configuration reloaded without it).
    panel.setStatus(std::nullopt);
    QVERIFY(!panel.isShowingStatus());
    QVERIFY(title->isVisible());
}

void TestGpsPanel::showsValues()
{
    GpsPanel panel;
    panel.setStatus(makeStatus(), kNow);

    QCOMPARE(labelText(panel, "gpsFixValue"), QStringLiteral("3D"));
    QCOMPARE(labelText(panel, "gpsUtcValue"), QStringLiteral("2024-05-01 12:34:56"));
    QCOMPARE(labelText(panel, "gpsTimeValidValue"), QStringLiteral("Yes"));
    QCOMPARE(labelText(panel, "gpsLatitudeValue"), QStringLiteral("52.5200 N"));
    QCOMPARE(labelText(panel, "gpsLongitudeValue"), QStringLiteral("13.4050 E"));
    QCOMPARE(labelText(panel, "gpsAltitudeValue"), QStringLiteral("34.0 m"));
    QCOMPARE(labelText(panel, "gpsDopValue"), QStringLiteral("1.6 / 0.9 / 1.3"));
    QCOMPARE(labelText(panel, "gpsSatellitesValue"), QStringLiteral("12 in view: \u25CF 8 used  \u25CB 4 not used"));

    QCOMPARE(labelText(panel, "gpsPpsPulsesValue"), formatCount(3600));
    QCOMPARE(labelText(panel, "gpsPpsLastPulseValue"), QStringLiteral("400 ms ago"));
    QCOMPARE(labelText(panel, "gpsPpsJitterValue"), QStringLiteral("850 ns"));

    QCOMPARE(label(panel, "gpsReceiverValue")->toolTip(), QStringLiteral("u-blox M8 ROM CORE 3.01 (107888)"));
    QCOMPARE(labelText(panel, "gpsBaudValue"), QStringLiteral("9600 baud"));
    QCOMPARE(labelText(panel, "gpsSentencesValue"), formatCount(21600));
    QVERIFY(label(panel, "gpsSentencesValue")->toolTip().contains(QStringLiteral("GPGSV: ") + formatCount(10800)));
    QCOMPARE(labelText(panel, "gpsChecksumErrorsValue"), QStringLiteral("2"));
    QCOMPARE(labelText(panel, "gpsGarbageValue"), QStringLiteral("57 bytes"));
    QCOMPARE(labelText(panel, "gpsOverrunsValue"), QStringLiteral("0"));

    // With the line's load measured: how much of the speed it uses, the talkers and the fix in
    // the tooltip.
    GpsStatus loaded = makeStatus();
    GpsLinkLoad link;
    link.baudRate = 9600;
    link.windowSeconds = 60;
    link.bytesPerSecond = 595;
    link.load = 595.0 / 960;
    link.talkers = {{"GSV", 310}, {"RMC", 72}};
    loaded.link = link;
    panel.setStatus(loaded, kNow);
    QCOMPARE(labelText(panel, "gpsBaudValue"), QStringLiteral("62 % of 9600 baud"));
    QVERIFY(label(panel, "gpsBaudValue")->toolTip().contains(QStringLiteral("GSV: 310 bytes/s")));
    QVERIFY(!label(panel, "gpsBaudValue")->toolTip().contains(QStringLiteral("overloaded")));
    link.overloaded = true;
    link.advice = "Turn off GSV (310 B/s)";
    loaded.link = link;
    panel.setStatus(loaded, kNow);
    QVERIFY(label(panel, "gpsBaudValue")->toolTip().contains(QStringLiteral("Turn off GSV")));
    // Not measured yet (the first second): the speed alone.
    link.windowSeconds = 0;
    loaded.link = link;
    panel.setStatus(loaded, kNow);
    QCOMPARE(labelText(panel, "gpsBaudValue"), QStringLiteral("9600 baud"));
    // The receiver's own USB port: no speed, the bytes per second.
    link.windowSeconds = 60;
    link.usb = true;
    link.overloaded = false;
    loaded.link = link;
    panel.setStatus(loaded, kNow);
    QCOMPARE(labelText(panel, "gpsBaudValue"), QStringLiteral("USB, 595 bytes/s"));
    panel.setStatus(makeStatus(), kNow);

    // The legend names the constellations in view and no others.
    const QString legend = labelText(panel, "gpsLegend");
    for (const char *system : {"GPS", "GLONASS", "Galileo", "BeiDou"})
        QVERIFY2(legend.contains(QLatin1String(system)), system);
    QVERIFY(!legend.contains(QStringLiteral("SBAS")));

    // Without a snapshot time, ages count from the newest time in the status: the last sentence,
    // read 150 ms after the pulse.
    panel.setStatus(makeStatus());
    QCOMPARE(labelText(panel, "gpsPpsLastPulseValue"), QStringLiteral("150 ms ago"));

    // A receiver never heard from: nothing is known about its fix.
    GpsStatus blank;
    panel.setStatus(blank, kNow);
    QCOMPARE(labelText(panel, "gpsLastMessageValue"), QStringLiteral("Never"));
    QCOMPARE(labelText(panel, "gpsFixValue"), QStringLiteral("Unknown"));
    QCOMPARE(labelText(panel, "gpsUtcValue"), QStringLiteral("-"));
    QCOMPARE(labelText(panel, "gpsTimeValidValue"), QStringLiteral("Unknown"));
    QCOMPARE(labelText(panel, "gpsLatitudeValue"), QStringLiteral("-"));
    QCOMPARE(labelText(panel, "gpsDopValue"), QStringLiteral("- / - / -"));
    QCOMPARE(labelText(panel, "gpsPpsLastPulseValue"), QStringLiteral("Never"));
    QCOMPARE(labelText(panel, "gpsPpsJitterValue"), QStringLiteral("-"));
    QCOMPARE(labelText(panel, "gpsBaudValue"), QStringLiteral("Unknown"));
    QCOMPARE(labelText(panel, "gpsReceiverValue"), QStringLiteral("Unknown"));
    QCOMPARE(labelText(panel, "gpsSatellitesValue"), QStringLiteral("No recent satellite data"));
    QVERIFY(!label(panel, "gpsLegend")->isVisibleTo(&panel));
}

void TestGpsPanel::formatsCoordinatesAndUnits()
{
    QCOMPARE(GpsPanel::formatLatitude(52.52), QStringLiteral("52.5200 N"));
    QCOMPARE(GpsPanel::formatLatitude(-33.86882), QStringLiteral("33.8688 S"));
    QCOMPARE(GpsPanel::formatLatitude(0), QStringLiteral("0.0000 N"));
    QCOMPARE(GpsPanel::formatLatitude(90.5), QStringLiteral("-"));
    QCOMPARE(GpsPanel::formatLatitude(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("-"));
    QCOMPARE(GpsPanel::formatLongitude(13.405), QStringLiteral("13.4050 E"));
    QCOMPARE(GpsPanel::formatLongitude(-70.66926), QStringLiteral("70.6693 W"));
    QCOMPARE(GpsPanel::formatLongitude(-180.01), QStringLiteral("-"));
    QCOMPARE(GpsPanel::formatAltitude(-12.34), QStringLiteral("-12.3 m"));
    QCOMPARE(GpsPanel::formatAltitude(std::numeric_limits<double>::infinity()), QStringLiteral("-"));

    QCOMPARE(GpsPanel::formatFixMode(GpsFixMode::Fix2D), QStringLiteral("2D"));
    QCOMPARE(GpsPanel::formatFixMode(GpsFixMode::TimeOnly), QStringLiteral("Time only"));

    QCOMPARE(GpsPanel::formatPulseAge(std::nullopt, kNow), QStringLiteral("Never"));
    QCOMPARE(GpsPanel::formatPulseAge(kNow - std::chrono::milliseconds(1500), kNow), QStringLiteral("1.5 s ago"));
    QCOMPARE(GpsPanel::formatPulseAge(kNow - std::chrono::seconds(45), kNow), QStringLiteral("45 s ago"));
    // A pulse stamped after the snapshot was taken is not in the future.
    QCOMPARE(GpsPanel::formatPulseAge(kNow + std::chrono::milliseconds(3), kNow), QStringLiteral("0 ms ago"));

    // Jitter keeps its unit, whatever its size.
    GpsPanel panel;
    GpsStatus status = makeStatus();
    status.pps.jitter = 1.5e-6;
    panel.setStatus(status, kNow);
    QCOMPARE(labelText(panel, "gpsPpsJitterValue"), QStringLiteral("1.5 \u00b5s"));
    status.pps.jitter = 2.5e-3;
    panel.setStatus(status, kNow);
    QCOMPARE(labelText(panel, "gpsPpsJitterValue"), QStringLiteral("2.5 ms"));
}

void TestGpsPanel::colorsStates()
{
    GpsPanel panel;
    GpsStatus status = makeStatus();
    panel.setStatus(status, kNow);
    const QColor neutral = panel.palette().color(QPalette::WindowText);
    QCOMPARE(label(panel, "gpsFixValue")->palette().color(QPalette::WindowText), StatusColors::kGood);
    QCOMPARE(label(panel, "gpsChecksumErrorsValue")->palette().color(QPalette::WindowText), StatusColors::kWarning);
    QCOMPARE(label(panel, "gpsOverrunsValue")->palette().color(QPalette::WindowText), neutral);
    QCOMPARE(label(panel, "gpsPpsLastPulseValue")->palette().color(QPalette::WindowText), neutral);

    status.fixMode = GpsFixMode::Fix2D;
    status.epochTimeValid = false;
    status.checksumErrors = 0;
    status.pps.lastPulse = kNow - std::chrono::seconds(5); // pulses stopped
    panel.setStatus(status, kNow);
    QCOMPARE(label(panel, "gpsFixValue")->palette().color(QPalette::WindowText), StatusColors::kWarning);
    QCOMPARE(label(panel, "gpsTimeValidValue")->palette().color(QPalette::WindowText), StatusColors::kBad);
    QCOMPARE(label(panel, "gpsPpsLastPulseValue")->palette().color(QPalette::WindowText), StatusColors::kWarning);

    // Values back to normal follow a palette set later (dark mode) rather than a stale colour.
    panel.setStatus(makeStatus(), kNow);
    panel.setPalette(darkPalette());
    QCOMPARE(label(panel, "gpsChecksumErrorsValue")->palette().color(QPalette::WindowText), StatusColors::kWarning);
    QCOMPARE(label(panel, "gpsPpsLastPulseValue")->palette().color(QPalette::WindowText),
             darkPalette().color(QPalette::WindowText));
}

void TestGpsPanel::skyPositionMapsAzimuthAndElevation()
{
    const QRectF horizon(10, 20, 200, 200); // centre (110, 120), radius 100
    auto near = [](const QPointF &a, const QPointF &b) {
        return std::abs(a.x() - b.x()) < kPixelTolerance && std::abs(a.y() - b.y()) < kPixelTolerance;
    };
    // East on the horizon: the right edge of the circle.
    QVERIFY(near(SkyPlotWidget::skyPosition(90, 0, horizon), QPointF(210, 120)));
    // Zenith: the centre, whatever the azimuth.
    QVERIFY(near(SkyPlotWidget::skyPosition(0, 90, horizon), QPointF(110, 120)));
    QVERIFY(near(SkyPlotWidget::skyPosition(237, 90, horizon), QPointF(110, 120)));
    // North up, south down, west left.
    QVERIFY(near(SkyPlotWidget::skyPosition(0, 0, horizon), QPointF(110, 20)));
    QVERIFY(near(SkyPlotWidget::skyPosition(180, 0, horizon), QPointF(110, 220)));
    QVERIFY(near(SkyPlotWidget::skyPosition(270, 0, horizon), QPointF(10, 120)));
    // Elevation is linear in the radius: 60 degrees is a third of the way out.
    QVERIFY(near(SkyPlotWidget::skyPosition(180, 60, horizon), QPointF(110, 120 + 100.0 / 3)));
    // Bad data lands on the plot: azimuth modulo 360, elevation clamped, NaN on the horizon.
    QVERIFY(near(SkyPlotWidget::skyPosition(-90, 0, horizon), QPointF(10, 120)));
    QVERIFY(near(SkyPlotWidget::skyPosition(450, 0, horizon), QPointF(210, 120)));
    QVERIFY(near(SkyPlotWidget::skyPosition(90, -5, horizon), QPointF(210, 120)));
    QVERIFY(near(SkyPlotWidget::skyPosition(90, 120, horizon), QPointF(110, 120)));
    QVERIFY(near(SkyPlotWidget::skyPosition(90, std::numeric_limits<double>::quiet_NaN(), horizon), QPointF(210, 120)));

    // The widget's horizon is a centred circle inside its size, with room for N/E/S/W around it.
    SkyPlotWidget plot;
    plot.resize(300, 240);
    const QRectF widgetHorizon = plot.horizonRect();
    QCOMPARE(widgetHorizon.width(), widgetHorizon.height());
    QVERIFY(widgetHorizon.height() < 240);
    QVERIFY(widgetHorizon.height() > 240.0 / 2);
    QVERIFY(near(widgetHorizon.center(), QPointF(150, 120)));
    QVERIFY(near(SkyPlotWidget::skyPosition(90, 0, widgetHorizon),
                 QPointF(widgetHorizon.right(), widgetHorizon.center().y())));
}

void TestGpsPanel::skyPlotDrawsSatellitesWhereMapped()
{
    SkyPlotWidget plot;
    plot.resize(300, 300);
    // A used GPS satellite due east on the horizon, an unused Galileo one at the zenith.
    plot.setSatellites(
        {satellite(GnssSystem::Gps, 7, 0, 90, 40, true), satellite(GnssSystem::Galileo, 9, 90, 0, 30, false)});
    const QImage image = plot.grab().toImage();
    const qreal ratio = image.devicePixelRatio();
    const QRectF horizon = plot.horizonRect();
    auto pixel = [&](const QPointF &point) { return image.pixelColor((point * ratio).toPoint()); };

    const QPointF east = SkyPlotWidget::skyPosition(90, 0, horizon);
    QVERIFY(sameColor(pixel(east), constellationColor(GnssSystem::Gps))); // filled
    const QPointF zenith = SkyPlotWidget::skyPosition(0, 90, horizon);
    QVERIFY(!sameColor(pixel(zenith), constellationColor(GnssSystem::Galileo))); // hollow
    QVERIFY(sameColor(pixel(zenith), plot.palette().color(QPalette::Base)));
    // Nothing of either colour far from both markers (e.g. at 45 degrees elevation, north-west).
    const QPointF empty = SkyPlotWidget::skyPosition(315, 45, horizon);
    QVERIFY(!sameColor(pixel(empty), constellationColor(GnssSystem::Gps)));
    QVERIFY(!sameColor(pixel(empty), constellationColor(GnssSystem::Galileo)));
}

void TestGpsPanel::countsUsedAndPlottedSatellites()
{
    GpsPanel panel;
    const GpsStatus status = makeStatus();
    panel.setStatus(status, kNow);
    QCOMPARE(status.satellitesUsed(), 8);

    auto *plot = panel.findChild<SkyPlotWidget *>();
    QVERIFY(plot);
    QCOMPARE(static_cast<int>(plot->satellites().size()), 12);
    QCOMPARE(plot->plottedCount(), 11); // BeiDou 37 has no elevation/azimuth

    auto *bars = panel.findChild<SignalBarsWidget *>();
    QVERIFY(bars);
    QCOMPARE(static_cast<int>(bars->bars().size()), 10); // GLONASS 22 and Galileo 36 have no signal
    int usedBars = 0;
    for (const GpsSatellite &bar : bars->bars())
        usedBars += bar.used ? 1 : 0;
    QCOMPARE(usedBars, 8);

    // One more satellite used: the count follows.
    GpsStatus next = status;
    next.satellites[3].used = true;
    panel.setStatus(next, kNow);
    QCOMPARE(labelText(panel, "gpsSatellitesValue"), QStringLiteral("12 in view: \u25CF 9 used  \u25CB 3 not used"));
}

void TestGpsPanel::signalBarsScaleWithSnr()
{
    SignalBarsWidget bars;
    bars.resize(300, 220);
    bars.setSatellites(
        {satellite(GnssSystem::Gps, 1, 10, 10, static_cast<int>(SignalBarsWidget::kSnrScaleMaxDbHz), true),
         satellite(GnssSystem::Gps, 2, 10, 10, 22, false),
         satellite(GnssSystem::Gps, 3, 10, 10, 90, true),   // beyond the scale: full
         satellite(GnssSystem::Gps, 4, 10, 10, 0, false)}); // searching: no bar
    QCOMPARE(static_cast<int>(bars.bars().size()), 3);
    const QRectF full = bars.barRect(0);
    const QRectF partial = bars.barRect(1);
    QVERIFY(full.height() > 0);
    QCOMPARE(partial.bottom(), full.bottom());
    QVERIFY(std::abs(partial.height() / full.height() - 22 / SignalBarsWidget::kSnrScaleMaxDbHz) < 1e-9);
    QCOMPARE(bars.barRect(2).height(), full.height());
    QVERIFY(bars.barRect(1).left() > full.right());
    QVERIFY(bars.barRect(3).isNull());
    QVERIFY(full.right() <= bars.width() && full.bottom() <= bars.height());

    // Used bars are solid in their constellation's colour.
    const QImage image = bars.grab().toImage();
    const QPointF middle = full.center() * image.devicePixelRatio();
    QVERIFY(sameColor(image.pixelColor(middle.toPoint()), constellationColor(GnssSystem::Gps)));
}

void TestGpsPanel::manySatellitesStayReadable()
{
    GpsStatus status = makeStatus();
    status.satellites.clear();
    // A multi-constellation receiver under open sky: GPS, GLONASS, Galileo and BeiDou with
    // their usual numbering, and SBAS 120+.
    constexpr std::array kSystems{GnssSystem::Gps, GnssSystem::Glonass, GnssSystem::Galileo, GnssSystem::BeiDou};
    constexpr int kSbasSatellites = 2;
    constexpr int kSbasFirstPrn = 123;
    for (int i = 0; i < kManySatellites - kSbasSatellites; ++i) {
        const GnssSystem system = kSystems[i % kSystems.size()];
        status.satellites.push_back(
            satellite(system, 1 + (i * 5) % 32, 5 + (i * 23) % 85, (i * 67) % 360, 20 + (i * 7) % 30, i % 3 != 0));
    }
    for (int i = 0; i < kSbasSatellites; ++i)
        status.satellites.push_back(satellite(GnssSystem::Sbas, kSbasFirstPrn + 4 * i, 30, 150 + 60 * i, 35, false));
    GpsPanel panel;
    panel.setStatus(status, kNow);
    panel.showSection(GpsPanel::SignalsSection);
    showOnTabArea(panel);

    auto *bars = panel.findChild<SignalBarsWidget *>();
    QVERIFY(bars);
    QVERIFY(bars->isVisible());
    QCOMPARE(static_cast<int>(bars->bars().size()), kManySatellites);
    // Every bar keeps at least its minimum room and its label fits within the stagger, on the
    // page without scrolling.
    QVERIFY(bars->width() >= bars->minimumSizeHint().width());
    QVERIFY(bars->labelLines() >= 1 && bars->labelLines() <= 3);
    const QRectF first = bars->barRect(0);
    const QRectF second = bars->barRect(1);
    QVERIFY(second.left() > first.right());
    // Labels on the same line are at least a two-digit PRN apart.
    const int lines = bars->labelLines();
    const double sameLineDistance = bars->barRect(lines).center().x() - first.center().x();
    QVERIFY(sameLineDistance >= bars->fontMetrics().horizontalAdvance(QStringLiteral("88")));
    QVERIFY(QRect(QPoint(0, 0), panel.size()).contains(QRect(bars->mapTo(&panel, QPoint(0, 0)), bars->size())));
    QVERIFY(panel.grab().save(screenshotPath(QStringLiteral("gps-panel-many.png"))));
}

// Satellites close together in the sky: their numbers go where they cover neither each other
// nor another marker (they all went to the right and printed over each other).
void TestGpsPanel::skyPlotLabelsDoNotOverlap()
{
    std::vector<GpsSatellite> satellites;
    // Two clusters of four, a few degrees apart, like a busy multi-constellation sky.
    for (int i = 0; i < 4; ++i) {
        satellites.push_back(satellite(GnssSystem::Gps, 10 + i, 40 + 2 * (i % 2), 90 + 4 * i, 40, true));
        satellites.push_back(satellite(GnssSystem::Galileo, 110 + i, 60 + 3 * (i % 2), 250 + 5 * i, 40, i % 2 == 0));
    }
    SkyPlotWidget plot;
    plot.setSatellites(satellites);
    plot.resize(300, 300);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    const std::vector<QRectF> labels = plot.labelRects();
    QCOMPARE(labels.size(), satellites.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        QVERIFY(plot.rect().contains(labels[i].toAlignedRect()));
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            QVERIFY2(!labels[i].intersects(labels[j]),
                     qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
    }
    QVERIFY(plot.grab().save(screenshotPath(QStringLiteral("gps-sky-cluster.png"))));
}

void TestGpsPanel::fitsTabArea()
{
    GpsPanel panel;
    panel.setStatus(makeStatus(), kNow);
    QVERIFY2(panel.sizeHint().width() <= kTabArea.width() && panel.sizeHint().height() <= kTabArea.height(),
             qPrintable(QStringLiteral("sizeHint %1x%2").arg(panel.sizeHint().width()).arg(panel.sizeHint().height())));
    const QSize minimum = panel.minimumSizeHint();
    QVERIFY2(minimum.width() <= kTabArea.width() && minimum.height() <= kTabArea.height(),
             qPrintable(QStringLiteral("minimum %1x%2").arg(minimum.width()).arg(minimum.height())));

    showOnTabArea(panel);
    // No text below the base size.
    for (const QWidget *child : panel.findChildren<QWidget *>()) {
        QVERIFY2(child->font().pointSizeF() >= kBaseFontPt,
                 qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(child->metaObject()->className()),
                                                        child->objectName())));
    }
    // Every value of every section shows whole, inside the panel: on one line, the receiver
    // model wrapped.
    for (int section = 0; section < GpsPanel::kSectionCount; ++section) {
        panel.showSection(section);
        QCoreApplication::processEvents();
        for (const QLabel *value : panel.findChildren<QLabel *>()) {
            if (!value->objectName().endsWith(QStringLiteral("Value")) || !value->isVisible())
                continue;
            const QRect inPanel(value->mapTo(&panel, QPoint(0, 0)), value->size());
            QVERIFY2(panel.rect().contains(inPanel), qPrintable(value->objectName()));
            if (value->objectName() == QStringLiteral("gpsReceiverValue")) {
                QVERIFY(value->text().startsWith(QStringLiteral("u-blox")));
                QVERIFY(value->heightForWidth(value->width()) <= value->height());
                continue;
            }
            QVERIFY2(value->fontMetrics().horizontalAdvance(value->text()) <= value->contentsRect().width(),
                     qPrintable(QStringLiteral("%1: %2").arg(value->objectName(), value->text())));
        }
    }

    // The sky plot as tall as the panel, the sections (the bars among them) beside it.
    auto *plot = panel.findChild<SkyPlotWidget *>();
    panel.showSection(GpsPanel::SignalsSection);
    QCoreApplication::processEvents();
    auto *bars = panel.findChild<SignalBarsWidget *>();
    QVERIFY(plot && bars);
    QVERIFY(plot->horizonRect().width() >= plot->fontMetrics().height() * 12);
    const QRect plotInPanel(plot->mapTo(&panel, QPoint(0, 0)), plot->size());
    const QRect barsInPanel(bars->mapTo(&panel, QPoint(0, 0)), bars->size());
    QVERIFY(barsInPanel.left() >= plotInPanel.right());

    // Narrow (portrait phone, split screen): the bands and the plots stack instead. Inside a
    // page like MainWindow's, not as a window, whose minimum size would stick.
    QWidget page;
    auto *narrow = new GpsPanel(&page);
    narrow->setStatus(makeStatus(), kNow);
    narrow->setGeometry(0, 0, 360, 1200);
    page.resize(360, 1200);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCoreApplication::processEvents();
    QCOMPARE(narrow->width(), 360);
    auto *narrowPlot = narrow->findChild<SkyPlotWidget *>();
    auto *narrowSections = narrow->findChild<QWidget *>(QStringLiteral("gpsSections"));
    const QRect plotNarrow(narrowPlot->mapTo(narrow, QPoint(0, 0)), narrowPlot->size());
    const QRect barsNarrow(narrowSections->mapTo(narrow, QPoint(0, 0)), narrowSections->size());
    QVERIFY(barsNarrow.top() >= plotNarrow.bottom());
    QVERIFY(narrowPlot->horizonRect().width() >= narrowPlot->fontMetrics().height() * 7);
    QVERIFY(page.grab().save(screenshotPath(QStringLiteral("gps-panel-narrow.png"))));
}

void TestGpsPanel::screenshots()
{
    GpsPanel panel;
    panel.setStatus(makeStatus(), kNow);
    showOnTabArea(panel);
    const QPixmap light = panel.grab();
    QCOMPARE(light.size(), kTabArea);
    QVERIFY(light.save(screenshotPath(QStringLiteral("gps-panel.png"))));

    GpsPanel dark;
    dark.setPalette(darkPalette());
    dark.setAutoFillBackground(true);
    dark.setStatus(makeStatus(), kNow);
    showOnTabArea(dark);
    const QImage image = dark.grab().toImage();
    // The sky plot's disc follows the dark Base colour.
    auto *plot = dark.findChild<SkyPlotWidget *>();
    const QPointF inside = plot->mapTo(&dark, SkyPlotWidget::skyPosition(135, 75, plot->horizonRect()));
    QVERIFY(sameColor(image.pixelColor((inside * image.devicePixelRatio()).toPoint()),
                      darkPalette().color(QPalette::Base)));
    QVERIFY(image.save(screenshotPath(QStringLiteral("gps-panel-dark.png"))));
}

QTEST_MAIN(TestGpsPanel)
#include "tst_gpspanel.moc"
