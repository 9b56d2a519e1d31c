// The source detail at 800x480 shows the engine's reason for the source's selection state and
// what to do about it first, in full, above the figures: a touchscreen has no tooltips, and the
// reason is what a user opening the detail wants. Screenshots: docs/screenshots/source-why-*.png
// (S1_SCREENSHOT_DIR=docs/screenshots to refresh them).
#include "SourceDetailDialog.h"
#include "StatusColors.h"
#include "WidgetTestSupport.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>

using namespace s1;
using s1::test::screenshotPath;

namespace {

const QSize kTouchScreen(800, 480);
const RealTime kNow = realTimeFromNanos(1'760'000'000 * kNanosPerSecond);

const QLabel *label(const QWidget &parent, const char *name)
{
    return parent.findChild<QLabel *>(QLatin1String(name));
}

SourceSnapshot falseticker()
{
    SourceSnapshot s;
    s.id = 3;
    s.name = "ntp3.example.net";
    s.address = SocketAddress{*IpAddress::parse("192.0.2.3"), 123};
    s.kind = SourceKind::Server;
    s.state = SourceState::Falseticker;
    s.selectionLetter = 'x';
    s.stratum = 2;
    s.poll = 6;
    s.reach = 0xff;
    s.leap = LeapIndicator::None;
    s.lastRx = kNow - std::chrono::seconds(20);
    s.lastSample = SourceSample{kNow - std::chrono::seconds(20), 0.0501, 0.0004, 1e-5, 2, 0.0501};
    s.stats.samples = 12;
    s.stats.runs = 5;
    s.stats.span = 700;
    s.stats.offset = 0.0501;
    s.stats.standardDeviation = 2e-5;
    s.selectionReason.kind = SelectionReasonKind::Falseticker;
    s.selectionReason.value = 0.0501;
    s.selectionReason.limit = 0.0008;
    s.selectionReason.unit = "s";
    s.selectionReason.text = "Falseticker: its time is 50.100 ms ahead of what ntp1.example.net and "
                             "ntp2.example.net agree on (within ±400.0 µs); its error bound ±800.0 µs misses that "
                             "interval by 48.900 ms.";
    s.selectionReason.fix = "Check that source's own time (its GPS, its upstream servers) or remove it; with three "
                            "or more other sources one wrong source is always outvoted.";
    return s;
}

SourceSnapshot ppsWithoutLock()
{
    SourceSnapshot s;
    s.id = 5;
    s.name = "PPS";
    s.kind = SourceKind::RefClock;
    s.state = SourceState::Unusable;
    s.selectionLetter = 'M';
    s.driverStatus = "/dev/pps0: 1043 pulses";
    s.lastRejectReason = "no time for the pulse: the engine is not synchronised";
    s.selectionReason.kind = SelectionReasonKind::PpsNoLock;
    s.selectionReason.text = "A PPS only marks where a second starts; without `lock` it takes the second from the "
                             "engine's own time, and no other source has set that yet.";
    s.selectionReason.fix = "Add `lock REFID` (the refid of the GPS's NMEA/SOCK/SHM refclock) to the PPS line, or "
                            "make sure an NTP server or that refclock is selected first.";
    return s;
}

// An NMEA refclock measured for ten minutes against the PPS it names the seconds of.
SourceSnapshot calibratedNmea()
{
    SourceSnapshot s;
    s.id = 4;
    s.name = "NMEA";
    s.kind = SourceKind::RefClock;
    s.state = SourceState::NotCombined;
    s.selectionLetter = '-';
    s.poll = 4;
    s.reach = 0xff;
    s.leap = LeapIndicator::None;
    s.driverStatus = "/dev/ttyAMA0: 4812 sentences, 0 checksum errors";
    s.lastRx = kNow - std::chrono::seconds(3);
    s.lastSample = SourceSample{kNow - std::chrono::seconds(3), -0.1498, 0.2, 1e-5, 0, -0.1498};
    s.stats.samples = 16;
    s.stats.runs = 7;
    s.stats.span = 240;
    s.stats.offset = -0.1498;
    s.stats.standardDeviation = 0.0021;
    s.selectionReason.kind = SelectionReasonKind::TooFar;
    s.selectionReason.text = "Not combined: 150 ms from the selected PPS, far beyond its own error bound.";
    s.selectionReason.fix = "Its `offset` is wrong by about 150 ms: apply the calibration measured below.";
    OffsetCalibration c;
    c.reference = "PPS";
    c.samples = 600;
    c.span = 600;
    c.window = 600;
    c.medianError = -0.1504567;
    c.spread = 0.0019;
    c.proposedOffset = 0.1504567;
    c.proposedDelay = 0.0019;
    c.ready = true;
    s.calibration = c;
    return s;
}

} // namespace

class TestSourceWhy : public QObject
{
    Q_OBJECT

private slots:
    void reasonAndFixComeFirst();
    void withoutAReasonTheLetterExplains();
    void calibrationProposal();
    void screenshots();
};

void TestSourceWhy::reasonAndFixComeFirst()
{
    SourceDetailDialog dialog;
    dialog.resize(kTouchScreen);
    dialog.showSource(falseticker(), kNow, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QLabel *reason = label(dialog, "sourceDetailReason");
    const QLabel *fix = label(dialog, "sourceDetailFix");
    QVERIFY(reason && fix);
    QVERIFY(reason->isVisible() && fix->isVisible());
    QVERIFY(reason->text().startsWith(QStringLiteral("Falseticker: its time is 50.100 ms ahead")));
    QVERIFY(fix->text().startsWith(QStringLiteral("What to do: Check that source's own time")));
    QVERIFY(reason->font().bold());
    QCOMPARE(reason->palette().color(QPalette::WindowText), StatusColors::kBad);
    // Right under the name, above the figures, and wholly on the screen: not in the scroll area.
    const auto *area = dialog.findChild<QScrollArea *>(QStringLiteral("sourceDetailArea"));
    QVERIFY(area);
    QVERIFY(!area->isAncestorOf(reason));
    const QRect reasonRect(reason->mapTo(&dialog, QPoint(0, 0)), reason->size());
    const QRect fixRect(fix->mapTo(&dialog, QPoint(0, 0)), fix->size());
    QVERIFY(dialog.rect().contains(reasonRect));
    QVERIFY(dialog.rect().contains(fixRect));
    QVERIFY(reasonRect.bottom() <= fixRect.top());
    QVERIFY(fixRect.bottom() <= area->mapTo(&dialog, QPoint(0, 0)).y());
    // Word-wrapped in full at 800 px: the label is tall enough for all of its text.
    QVERIFY(reason->height() >= reason->heightForWidth(reason->width()));
    // The same words are not repeated in the details below.
    const QLabel *why = label(dialog, "sourceDetailWhy");
    QVERIFY(!why->text().contains(QStringLiteral("Falseticker")));
    // Selected: the reason is shown, in the normal colour, without a fix.
    SourceSnapshot selected = falseticker();
    selected.state = SourceState::Selected;
    selected.selectionReason = SelectionReason{SelectionReasonKind::Selected,     0.0012, std::nullopt, "s",
                                               "Selected: the clock follows it.", {}};
    dialog.showSource(selected, kNow, false);
    QCOMPARE(reason->text(), QStringLiteral("Selected: the clock follows it."));
    QVERIFY(!fix->isVisible());
    QVERIFY(reason->palette().color(QPalette::WindowText) != StatusColors::kBad);
}

void TestSourceWhy::withoutAReasonTheLetterExplains()
{
    // A service from before reasons: the dialog falls back to the selectdata letter's words.
    SourceDetailDialog dialog;
    dialog.resize(kTouchScreen);
    SourceSnapshot old = falseticker();
    old.selectionReason = {};
    dialog.showSource(old, kNow, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!label(dialog, "sourceDetailReason")->isVisible());
    QVERIFY2(label(dialog, "sourceDetailWhy")->text().contains(QStringLiteral("alseticker")),
             qPrintable(label(dialog, "sourceDetailWhy")->text()));
}

void TestSourceWhy::calibrationProposal()
{
    SourceDetailDialog dialog;
    SourceSnapshot nmea = ppsWithoutLock();
    nmea.name = "NMEA";
    OffsetCalibration c;
    c.reference = "PPS";
    c.samples = 600;
    c.span = 599;
    c.window = 600;
    c.proposedOffset = 0.1504567;
    c.proposedDelay = 0.0019;
    c.ready = true;
    nmea.calibration = c;
    dialog.showSource(nmea, kNow, false);
    QCOMPARE(label(dialog, "detailCalibration")->text(),
             QStringLiteral("offset 0.150457 delay 0.001900 (median of 600 samples against PPS)"));
    // One tap applies it: the button asks for exactly the proposal.
    auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("applyCalibration"));
    QVERIFY(apply);
    QVERIFY(apply->isVisibleTo(&dialog));
    QVERIFY(apply->isEnabled());
    QVERIFY2(apply->toolTip().contains(QStringLiteral("offset 0.150457 delay 0.001900")), qPrintable(apply->toolTip()));
    QSignalSpy requested(&dialog, &SourceDetailDialog::calibrationRequested);
    apply->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QStringLiteral("NMEA"));
    QCOMPARE(requested.at(0).at(1).toDouble(), 0.1504567);
    QCOMPARE(requested.at(0).at(2).toDouble(), 0.0019);
    // Not while the feed cannot edit the configuration: the reason is the tooltip.
    dialog.setCalibrationUnavailable(QStringLiteral("read-only"));
    QVERIFY(!apply->isEnabled());
    QCOMPARE(apply->toolTip(), QStringLiteral("read-only"));
    dialog.setCalibrationUnavailable({});

    nmea.calibration->ready = false;
    nmea.calibration->span = 180;
    dialog.showSource(nmea, kNow, false);
    QCOMPARE(label(dialog, "detailCalibration")->text(), QStringLiteral("measuring against PPS: 180 of 600 s"));
    QVERIFY(apply->isVisibleTo(&dialog));
    QVERIFY(!apply->isEnabled()); // nothing to apply before the window is full
    nmea.calibration.reset();
    dialog.showSource(nmea, kNow, false);
    QCOMPARE(label(dialog, "detailCalibration")->text(), QStringLiteral("-"));
    QVERIFY(!apply->isVisibleTo(&dialog));
}

void TestSourceWhy::screenshots()
{
    const std::pair<const char *, SourceSnapshot> cases[] = {
        {"source-why-falseticker-800x480.png", falseticker()},
        {"source-why-pps-800x480.png", ppsWithoutLock()},
        {"source-calibration-800x480.png", calibratedNmea()},
    };
    for (const auto &[file, source] : cases) {
        SourceDetailDialog dialog;
        dialog.resize(kTouchScreen);
        dialog.showSource(source, kNow, false);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.size(), kTouchScreen);
        QVERIFY(dialog.grab().save(screenshotPath(QLatin1String(file))));
    }
}

QTEST_MAIN(TestSourceWhy)
#include "tst_sourcewhy.moc"
