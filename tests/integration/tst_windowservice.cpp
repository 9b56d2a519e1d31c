// The window attached to a service over a real control socket: what it shows when the service
// stops sending snapshots without closing the connection (a hung service), and after.

#include "MainWindow.h"
#include "ServiceViewer.h"
#include "transport/ControlServer.h"

#include <QAction>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace s1;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
// Short, so that the test sees the window go stale quickly; the real default is much longer.
constexpr int kShortSnapshotTimeoutMs = 300;

EngineSnapshot makeSnapshot()
{
    EngineSnapshot snapshot;
    snapshot.time = realTimeFromNanos(kSnapshotNanos);
    snapshot.ntpPort = 11123;
    snapshot.reference.synchronised = true;
    snapshot.reference.stratum = 2;
    snapshot.reference.referenceId = 0xC0000201;
    snapshot.reference.referenceName = "ntp1.example.net";
    snapshot.reference.leap = LeapIndicator::None;
    SourceSnapshot source;
    source.id = 1;
    source.name = "ntp1.example.net";
    source.address = SocketAddress{IpAddress::v4(0xC0000201), 123};
    source.state = SourceState::Selected;
    source.stratum = 1;
    source.poll = 6;
    source.reach = 0377;
    source.lastRx = snapshot.time - std::chrono::seconds(12);
    source.lastSample = SourceSample{*source.lastRx, -13e-6, 1.2e-3, 30e-6, 2};
    snapshot.sources = {source};
    return snapshot;
}

QString labelText(const QWidget &window, const char *name)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<no label %1>").arg(QLatin1String(name));
}

} // namespace

class TestWindowService : public QObject
{
    Q_OBJECT
private slots:
    void silentServiceMakesTheWindowStale();
};

// Connected, but no snapshot comes any more: the window must not keep showing the last one as
// live, nor offer actions that need a fresh state.
void TestWindowService::silentServiceMakesTheWindowStale()
{
    QTemporaryDir dir;
    const QString socket = dir.filePath(QStringLiteral("s1.sock"));
    ControlServer server;
    QString error;
    QVERIFY2(server.listen(socket.toStdString(), {}, error), qPrintable(error));
    server.publishSnapshot(makeSnapshot());

    MainWindow window;
    ServiceViewer viewer(&window, socket);
    viewer.setSnapshotTimeout(kShortSnapshotTimeoutMs);
    viewer.start();
    QTRY_VERIFY2(labelText(window, "syncSummary").contains(QStringLiteral("ntp1.example.net")),
                 qPrintable(labelText(window, "syncSummary") + " / " + labelText(window, "connectionDescription")));
    QTRY_VERIFY(window.isSnapshotStale());
    QVERIFY(labelText(window, "syncSummary").startsWith(QStringLiteral("Last known")));
    QVERIFY2(labelText(window, "connectionDescription").contains(QStringLiteral("no update")),
             qPrintable(labelText(window, "connectionDescription")));
    const auto *step = window.findChild<QAction *>(QStringLiteral("makeStepAction"));
    QVERIFY(step);
    QVERIFY(!step->isEnabled());

    // Snapshots again: live again.
    server.publishSnapshot(makeSnapshot());
    QTRY_VERIFY(!window.isSnapshotStale());
    QCOMPARE(labelText(window, "connectionDescription"), QStringLiteral("Service at %1: connected").arg(socket));
}

QTEST_MAIN(TestWindowService)
#include "tst_windowservice.moc"
