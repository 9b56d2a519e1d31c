// A window attaching to a service that has a day of history shows the whole day at once: the
// service (`stratumone --service` with `dumpdir`) reads a history file written by HistoryCodec
// with 24 h of 1 Hz points (and a four-minute outage), and the window's Charts page, fed by a
// ServiceViewer over the control socket, draws the day from its first minutes to its last, the
// outage as a gap, within the µs scale the data has.
#include "MainWindow.h"
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"
#include "ServiceViewer.h"
#include "charts/ChartsPage.h"

#include "history/HistoryFile.h"
#include "history/HistoryStore.h"

#include <QDateTime>
#include <QFileInfo>
#include <QPushButton>
#include <QTabWidget>
#include <QtTest>

#include <cmath>

using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
constexpr auto kStartTimeout = 10s;
constexpr int kAnswerTimeoutMs = 20'000;

class Fixture : public s1test::ServiceProcesses
{
public:
    QString stateDir() const { return dir.filePath(QStringLiteral("state")); }

    bool startService()
    {
        servicePort = s1test::freeUdpPort();
        socketPath = dir.filePath(QStringLiteral("run/stratumone.sock"));
        configPath = s1test::writeFile(
            dir, "service.conf",
            QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 3\ndumpdir %2\n").arg(servicePort).arg(stateDir()));
        service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        service.start(s1test::ourBinary("stratumone"),
                      {"--service", "-f", configPath, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
        return service.waitForStarted()
               && s1test::waitFor([&] { return QFileInfo::exists(socketPath); }, kStartTimeout);
    }
};

} // namespace

class TestChartsAttach : public QObject
{
    Q_OBJECT
private slots:
    void windowShowsTheServicesDay();
};

void TestChartsAttach::windowShowsTheServicesDay()
{
    Fixture f;
    QVERIFY(f.dir.isValid());
    QVERIFY(QDir().mkpath(f.stateDir()));

    // The day before now, a point a second, with the receiver away for four minutes 3 h ago.
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch() * 1'000'000;
    const std::int64_t first = now - kDay + kMinute;
    const std::int64_t outage = now - 3 * kHour;
    s1::HistoryStore store;
    for (std::int64_t t = first; t <= now - 5 * kSecond; t += kSecond) {
        if (t >= outage && t < outage + 4 * kMinute)
            continue;
        const double offset = 3e-6 * std::sin(static_cast<double>(t / kSecond) / 700.0);
        QVERIFY(store.add("tracking.offset", t, offset));
        QVERIFY(store.add("tracking.errorBound", t, std::abs(offset) + 5e-6));
    }
    std::string error;
    QVERIFY2(
        s1::writeHistoryFile(std::filesystem::path(f.stateDir().toStdString()) / s1::kHistoryFileName, store, error),
        error.c_str());
    QVERIFY(f.startService());

    s1::MainWindow window;
    s1::ServiceViewer viewer(&window, f.socketPath);
    window.resize(800, 480);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *page = window.findChild<s1::ChartsPage *>();
    QVERIFY(page);
    window.findChild<QTabWidget *>()->setCurrentWidget(page);
    viewer.start();
    QTRY_VERIFY_WITH_TIMEOUT(page->timeWindow().latest() > 0, kAnswerTimeoutMs);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("chartWindow24h")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->pendingRequests() == 0 && page->frame().hasData, kAnswerTimeoutMs);

    // The service's snapshot time is the window's "now"; the day is there from its start.
    const s1::ChartFrame &frame = page->frame();
    QCOMPARE(frame.to - frame.from, kDay);
    QVERIFY(std::llabs(frame.to - now) < kMinute);
    const s1::FrameLine &offset = frame.lines.at(0);
    QVERIFY(!offset.segments.empty());
    const s1::PlotColumn &earliest = offset.segments.front().front();
    const s1::PlotColumn &latest = offset.segments.back().back();
    QVERIFY2(earliest.time - first < 5 * kMinute, qPrintable(QString::number((earliest.time - first) / kSecond)));
    QVERIFY(earliest.column <= 3);
    QVERIFY2(now - latest.time < 5 * kMinute, qPrintable(QString::number((now - latest.time) / kSecond)));
    QVERIFY(latest.column >= frame.columns - 3);
    std::size_t columns = 0;
    std::uint32_t points = 0;
    for (const s1::PlotSegment &segment : offset.segments) {
        columns += segment.size();
        for (const s1::PlotColumn &c : segment)
            points += c.count;
    }
    // Nearly every column drawn, from nearly every point of the day (one bucket per column).
    QVERIFY2(columns >= std::size_t(frame.columns * 95 / 100), qPrintable(QString::number(columns)));
    QVERIFY2(points >= 86'000 - 240 - 120, qPrintable(QString::number(points)));
    QCOMPARE(frame.valueAxis.unit.symbol, std::string("\u00b5s"));
    QVERIFY(!offset.band.empty());

    // Six hours: the outage is a gap.
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("chartWindow6h")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->pendingRequests() == 0 && page->frame().hasData, kAnswerTimeoutMs);
    QVERIFY2(page->frame().lines.at(0).segments.size() >= 2,
             qPrintable(QString::number(page->frame().lines.at(0).segments.size())));
}

QTEST_MAIN(TestChartsAttach)
#include "tst_chartsattach.moc"
