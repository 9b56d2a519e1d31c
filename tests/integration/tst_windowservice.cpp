// The window attached to a service over a real control socket: what it shows when the service
// stops sending snapshots without closing the connection (a hung service), and after.

#include "MainWindow.h"
#include "ServiceViewer.h"
#include "WidgetTestSupport.h"
#include "transport/ControlServer.h"

#include <QAction>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>

using namespace s1;
using s1::test::labelText;
using s1::test::snapshotSynchronisedToOneServer;

namespace {

// Short, so that the test sees the window go stale quickly; the real default is much longer.
constexpr int kShortSnapshotTimeoutMs = 300;

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
    server.publishSnapshot(snapshotSynchronisedToOneServer());

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
    server.publishSnapshot(snapshotSynchronisedToOneServer());
    QTRY_VERIFY(!window.isSnapshotStale());
    QCOMPARE(labelText(window, "connectionDescription"), QStringLiteral("Service at %1: connected").arg(socket));
}

QTEST_MAIN(TestWindowService)
#include "tst_windowservice.moc"
