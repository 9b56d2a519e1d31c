// Issue 13's proof, end to end and offscreen: the window's Configuration page on a real running
// `stratumone --service -x` (through ServiceViewer and the control socket, as the window
// attached to the service uses it) edits a server's options in the Sources section, reviews the
// diff, applies, and the service writes the file (old one as .bak) and reloads: its next
// snapshots poll the server at the new interval. Loopback only, virtual clock.
#include "ProcessHelpers.h"
#include "ServiceProcesses.h"

#include "ServiceViewer.h"
#include "config/ConfigReviewDialog.h"
#include "config/ConfigurationPage.h"
#include "host/SnapshotMetaTypes.h"

#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QtTest>

using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 30'000; // an apply writes the file and restarts the engine thread
constexpr int kDefaultMinPoll = 6;
constexpr int kEditedPoll = 4;

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

void typeInto(QWidget &page, const char *name, const QString &text)
{
    auto *edit = page.findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    QVERIFY2(edit->isEnabled(), name);
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

} // namespace

class TestConfigPageService : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { s1::registerSnapshotMetaTypes(); }
    void editReviewApplyReloadsTheService();
};

void TestConfigPageService::editReviewApplyReloadsTheService()
{
    s1test::ServiceProcesses f;
    QVERIFY(f.dir.isValid());
    f.servicePort = s1test::freeUdpPort();
    // A server nobody answers on: its poll interval comes from the configuration alone.
    const quint16 silentPort = s1test::freeUdpPort();
    f.socketPath = f.dir.filePath(QStringLiteral("run/stratumone.sock"));
    const QString original = QStringLiteral("# the page edits this through the service\n"
                                            "port %1\nallow 127.0.0.1\nlocal stratum 3\n"
                                            "server 127.0.0.1 port %2\n")
                                 .arg(f.servicePort)
                                 .arg(silentPort);
    f.configPath = s1test::writeFile(f.dir, QStringLiteral("service.conf"), original);
    f.service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    f.service.start(s1test::ourBinary(QStringLiteral("stratumone")),
                    {"--service", "-f", f.configPath, "-x", "--bind", "127.0.0.1", "--control-socket", f.socketPath});
    QVERIFY(f.service.waitForStarted());

    s1::ServiceViewer viewer(nullptr, f.socketPath);
    int poll = -1;
    connect(&viewer, &s1::SnapshotFeed::snapshotReady, this,
            [&](const s1::EngineSnapshot &s) { poll = s.sources.size() == 1 ? s.sources.front().poll : -1; });
    viewer.start();
    QTRY_COMPARE_WITH_TIMEOUT(poll, kDefaultMinPoll, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(viewer.configurationEditUnavailableReason().isEmpty(), kWaitMs);

    s1::ConfigurationPage page;
    page.resize(800, 480);
    page.setFeed(&viewer);
    page.show();
    QTRY_COMPARE_WITH_TIMEOUT(QString::fromStdString(page.text()), original, kWaitMs);
    QVERIFY(!page.isReadOnly());

    // Sources: the server, its poll interval 16 s both ways, as a user types it.
    auto *list = page.findChild<QListWidget *>(QStringLiteral("sourceList"));
    QVERIFY(list);
    const auto items = list->findItems(QStringLiteral("server 127.0.0.1"), Qt::MatchStartsWith);
    QCOMPARE(items.size(), 1);
    list->setCurrentItem(items.first());
    typeInto(page, "source_minpoll", QString::number(kEditedPoll));
    typeInto(page, "source_maxpoll", QString::number(kEditedPoll));
    QCOMPARE(page.errorCount(), 0);
    const QString editedLine =
        QStringLiteral("server 127.0.0.1 port %1 minpoll %2 maxpoll %2").arg(silentPort).arg(kEditedPoll);

    // Review: the one line, as it was and as it will be; then Apply.
    s1::ConfigReviewDialog *review = page.openReview();
    QVERIFY(review);
    QCOMPARE(review->changedLines(), 1);
    QVERIFY2(review->diffText().contains(QStringLiteral("+ ") + editedLine), qPrintable(review->diffText()));
    QVERIFY(review->applyButton()->isEnabled());
    review->applyButton()->click();

    // The service wrote the file, kept the old one and reloaded: the page says so, and the
    // service's next snapshots poll at the new interval.
    QTRY_VERIFY2_WITH_TIMEOUT(page.bannerText().startsWith(QStringLiteral("Applied")), qPrintable(page.bannerText()),
                              kWaitMs);
    QVERIFY(!page.isModified());
    QCOMPARE(readBytes(f.configPath),
             QString(original)
                 .replace(QStringLiteral("server 127.0.0.1 port %1\n").arg(silentPort), editedLine + QLatin1Char('\n'))
                 .toUtf8());
    QCOMPARE(readBytes(f.configPath + QStringLiteral(".bak")), original.toUtf8());
    QTRY_COMPARE_WITH_TIMEOUT(poll, kEditedPoll, kWaitMs);
    const s1test::RunResult sources =
        s1test::runProgram(s1test::ourBinary(QStringLiteral("stratumctl")), {"-s", f.socketPath, "-n", "sources"}, 10s);
    QCOMPARE(sources.exitCode, 0);
    QVERIFY2(sources.out.contains(QStringLiteral("127.0.0.1"))
                 && sources.out.contains(QRegularExpression(QStringLiteral("127\\.0\\.0\\.1\\s+0\\s+4 "))),
             qPrintable(sources.out));
    viewer.stop();
    QCOMPARE(f.service.state(), QProcess::Running);
}

QTEST_MAIN(TestConfigPageService)
#include "tst_configpageservice.moc"
