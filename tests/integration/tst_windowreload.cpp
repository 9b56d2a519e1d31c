// The window's Reload with its own (in-process) engine works: the engine re-reads its file; a
// file with errors keeps the running engine and shows every file:line:col; a good one restarts
// the engine with it. (It used to be offered and then refused.) Loopback only, virtual clock.
#include "InProcessEngine.h"
#include "MainWindow.h"

#include "config/ConfigReader.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace s1;

namespace {

constexpr int kWaitMs = 10'000;

void writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(text), text.size());
}

QString labelText(const QWidget &window, const char *name)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QString();
}

} // namespace

class TestWindowReload : public QObject
{
    Q_OBJECT

private slots:
    void reloadReadsTheFileAgain();
};

void TestWindowReload::reloadReadsTheFileAgain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s1.conf"));
    writeFile(path, "port 0\nlocal stratum 8\n");
    LaunchOptions options;
    options.configPath = path.toStdString();
    const ConfigReadResult read = readConfigFile(options.configPath);
    QVERIFY(read.ok());
    HostOptions host;
    host.serverAddresses = {IpAddress::v4(0x7F000001)};
    host.seed = 1;

    MainWindow window;
    InProcessEngine engine(options, read.config, host);
    int stratum = 0;
    QObject::connect(&engine, &InProcessEngine::snapshotReady, &window, [&](const EngineSnapshot &s) {
        stratum = s.reference.stratum;
        window.showSnapshot(s);
    });
    connectWindowActions(window, engine);
    engine.start();
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 8, kWaitMs);
    QAction *reload = window.findChild<QAction *>(QStringLiteral("reloadAction"));
    QVERIFY(reload->isEnabled());

    // Errors: the running configuration stays, and the answer names the file, line and column.
    writeFile(path, "port 0\nlocal stratum 9\nnosuchdirective 1\n");
    QSignalSpy answers(&engine, &InProcessEngine::reloadDone);
    reload->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(answers.count(), 1, kWaitMs);
    QCOMPARE(answers.front().at(0).toBool(), false);
    const QString failure = answers.front().at(1).toString();
    QVERIFY2(failure.contains(path + QStringLiteral(":3:1")), qPrintable(failure));
    auto *dialog = window.findChild<QMessageBox *>(QStringLiteral("actionFailure"));
    QVERIFY(dialog && dialog->detailedText().contains(path + QStringLiteral(":3:1")));
    dialog->accept();
    stratum = 0;
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 8, kWaitMs); // still the old engine, still publishing

    // A good file: the engine restarts with it.
    writeFile(path, "port 0\nlocal stratum 9\n");
    QTRY_VERIFY_WITH_TIMEOUT(reload->isEnabled(), kWaitMs);
    reload->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(answers.count(), 2, kWaitMs);
    QCOMPARE(answers.at(1).at(0).toBool(), true);
    QCOMPARE(labelText(window, "actionResult"), QStringLiteral("Configuration reloaded"));
    QTRY_COMPARE_WITH_TIMEOUT(stratum, 9, kWaitMs);
    engine.stop();
}

QTEST_MAIN(TestWindowReload)
#include "tst_windowreload.moc"
