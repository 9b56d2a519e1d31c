// The GPS set-up wizard: the refclock lines and how they go into an existing chrony.conf
// (same device replaced, comments kept), the open-error messages, the PPS list, and the whole
// wizard driven page by page against a real receiver capture replayed at 9600 baud into a
// socat pseudo-terminal, ending with the lines in a temporary configuration file. Each page is
// saved as an 800x480 screenshot (S1_SCREENSHOT_DIR, else the temp dir).
#include "TouchStyle.h"
#include "config/ConfigReader.h"
#include "wizard/GpsDetectPage.h"
#include "wizard/GpsPortPage.h"
#include "wizard/GpsPpsPage.h"
#include "wizard/GpsRefClockPlan.h"
#include "wizard/GpsReviewPage.h"
#include "wizard/GpsSetupWizard.h"
#include "wizard/SerialReceiverProbe.h"

#include "GpsCaptureFile.h"
#include "WidgetTestSupport.h"

#include <QtTest>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>

using namespace s1;
using s1::test::screenshotPath;
using namespace std::chrono_literals;

namespace {

constexpr int kCaptureBaud = 9600;
constexpr int kBytesPerSecond = kCaptureBaud / 10; // start + 8 data + stop bits per byte
constexpr int kFeedIntervalMs = 50;
constexpr int kDetectTimeoutMs = 10'000;
constexpr int kSocatStartMs = 5'000;
const QSize kScreen(800, 480);

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

template <typename T>
T *child(const QWidget &parent, const char *name)
{
    return parent.findChild<T *>(QLatin1String(name));
}

// A receiver on a pseudo-terminal: socat links `device` (what the wizard opens) to a second
// pty the test writes a capture into, paced as a 9600 baud line delivers it.
class PtyReceiver
{
public:
    PtyReceiver(const QString &dir, QByteArray capture)
        : device(QDir(dir).filePath(QStringLiteral("ttyGPS")))
        , m_feed(QDir(dir).filePath(QStringLiteral("feed")))
        , m_capture(std::move(capture))
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] { send(); });
    }
    ~PtyReceiver()
    {
        m_timer.stop();
        if (m_fd >= 0)
            ::close(m_fd);
        if (m_socat.state() != QProcess::NotRunning) {
            m_socat.terminate();
            if (!m_socat.waitForFinished(kSocatStartMs))
                m_socat.kill();
        }
    }
    bool start()
    {
        m_socat.start(QStringLiteral("socat"), {QStringLiteral("pty,raw,echo=0,link=%1").arg(device),
                                                QStringLiteral("pty,raw,echo=0,link=%1").arg(m_feed)});
        if (!m_socat.waitForStarted())
            return false;
        QDeadlineTimer deadline(kSocatStartMs);
        while (!(QFileInfo::exists(device) && QFileInfo::exists(m_feed)) && !deadline.hasExpired())
            QTest::qWait(kFeedIntervalMs);
        m_fd = ::open(m_feed.toLocal8Bit().constData(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (m_fd < 0)
            return false;
        m_timer.start(kFeedIntervalMs);
        return true;
    }

    QString device;

private:
    void send()
    {
        const int chunk = kBytesPerSecond * kFeedIntervalMs / 1000;
        QByteArray out;
        for (int i = 0; i < chunk && !m_capture.isEmpty(); ++i) {
            out.append(m_capture.at(m_pos));
            m_pos = (m_pos + 1) % m_capture.size();
        }
        if (::write(m_fd, out.constData(), static_cast<std::size_t>(out.size())) < 0)
            qWarning("writing to the pty failed");
    }

    QString m_feed;
    QByteArray m_capture;
    qsizetype m_pos = 0;
    QProcess m_socat;
    QTimer m_timer;
    int m_fd = -1;
};

bool clickNext(QWizard &wizard)
{
    QAbstractButton *next = wizard.button(QWizard::NextButton);
    if (!next->isEnabled() || !next->isVisible())
        return false;
    const int before = wizard.currentId();
    next->click();
    return wizard.currentId() != before;
}

bool grabPage(QWizard &wizard, const QString &name)
{
    const QPixmap shot = wizard.grab();
    return shot.size() == kScreen && shot.save(screenshotPath(name));
}

const char *const kOriginalConfig = "# Stratum One configuration\n"
                                    "# (comments and blank lines must survive the wizard)\n"
                                    "\n"
                                    "# public servers\n"
                                    "pool 2.debian.pool.ntp.org   iburst\n"
                                    "refclock NMEA %1:4800 refid GPS\n"
                                    "allow 192.168.0.0/16\n"
                                    "refclock NMEA %1 refid OLD\n"
                                    "refclock SHM 0 refid SHM0\n";

} // namespace

class TestGpsWizard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void planLines();
    void planReplacesSameDeviceOnly();
    void planMatchesDeviceThroughLinks();
    void openErrorsSayWhatToDo();
    void missingPortIsReported();
    void ppsPageListsDevices();
    void writeErrorIsReported();
    void wizardSetsUpReceiverOnPty();
};

void TestGpsWizard::initTestCase()
{
    // The touchscreen's base font, as the main window sets it.
    QFont font = QApplication::font();
    font.setPointSizeF(kMinBaseFontPt);
    QApplication::setFont(font);
}

void TestGpsWizard::planLines()
{
    const GpsRefClockPlan serialOnly({"/dev/ttyAMA0", 9600, ""});
    QCOMPARE(serialOnly.lines(),
             std::vector<std::string>{"refclock NMEA /dev/ttyAMA0:9600 refid NMEA offset 0.1 delay 0.2"});
    const GpsRefClockPlan withPps({"/dev/ttyUSB0", 38400, "/dev/pps0"});
    const std::vector<std::string> expected{"refclock NMEA /dev/ttyUSB0:38400 refid NMEA offset 0.1 delay 0.2 noselect",
                                            "refclock PPS /dev/pps0 lock NMEA refid PPS prefer"};
    QCOMPARE(withPps.lines(), expected);
}

void TestGpsWizard::planReplacesSameDeviceOnly()
{
    const std::string text = "# keep me\n"
                             "refclock NMEA /dev/ttyAMA0:4800 refid GPS\n"
                             "refclock NMEA /dev/ttyUSB0 refid USB\n"
                             "\n"
                             "refclock NMEA /dev/ttyAMA0 refid DUP\n"
                             "refclock PPS /dev/pps1 refid P1\n"
                             "refclock PPS /dev/pps0:clear refid P0\n"
                             "server ntp.example.org   iburst\n";
    ConfigDocument doc = ConfigDocument::fromText(text);
    const GpsRefClockPlan plan({"/dev/ttyAMA0", 9600, "/dev/pps0"});
    QCOMPARE(plan.replacedLines(doc), (std::vector<std::size_t>{1, 4, 6}));
    plan.applyTo(doc);
    const std::string expected = "# keep me\n"
                                 "refclock NMEA /dev/ttyAMA0:9600 refid NMEA offset 0.1 delay 0.2 noselect\n"
                                 "refclock NMEA /dev/ttyUSB0 refid USB\n"
                                 "\n"
                                 "refclock PPS /dev/pps1 refid P1\n"
                                 "refclock PPS /dev/pps0 lock NMEA refid PPS prefer\n"
                                 "server ntp.example.org   iburst\n";
    QCOMPARE(doc.toText(), expected);

    // Applying twice changes nothing more: no duplicates.
    plan.applyTo(doc);
    QCOMPARE(doc.toText(), expected);

    // Nothing for the device yet: appended after a note, the file's CRLF kept.
    ConfigDocument crlf = ConfigDocument::fromText("server a.example\r\nrefclock NMEA /dev/ttyS0 refid S0");
    GpsRefClockPlan({"/dev/ttyAMA0", 4800, ""}).applyTo(crlf);
    QCOMPARE(crlf.toText(), std::string("server a.example\r\nrefclock NMEA /dev/ttyS0 refid S0\r\n")
                                + GpsRefClockPlan::kAppendedComment
                                + "\r\nrefclock NMEA /dev/ttyAMA0:4800 refid NMEA offset 0.1 delay 0.2\r\n");
}

void TestGpsWizard::planMatchesDeviceThroughLinks()
{
    QTemporaryDir dir;
    const QString uart = dir.filePath(QStringLiteral("ttyAMA0"));
    const QString alias = dir.filePath(QStringLiteral("serial0"));
    QVERIFY(writeFile(uart, {}));
    QVERIFY(QFile::link(uart, alias));
    QVERIFY(sameDevice(alias.toStdString(), uart.toStdString()));
    QVERIFY(!sameDevice(alias.toStdString(), dir.filePath(QStringLiteral("ttyUSB0")).toStdString()));

    ConfigDocument doc = ConfigDocument::fromText("refclock NMEA " + uart.toStdString() + ":4800\n");
    GpsRefClockPlan({alias.toStdString(), 9600, ""}).applyTo(doc);
    QCOMPARE(doc.lineCount(), std::size_t(1));
    QVERIFY(doc.line(0).text().find(alias.toStdString() + ":9600") != std::string::npos);
}

void TestGpsWizard::openErrorsSayWhatToDo()
{
    QTemporaryDir dir;
    const QString port = dir.filePath(QStringLiteral("ttyS9"));
    QVERIFY(writeFile(port, {}));
    const QString group = QFileInfo(port).group();
    const QString denied =
        SerialReceiverProbe::describeOpenError(QSerialPort::PermissionError, port, "Permission denied");
    QVERIFY2(denied.contains(port), qPrintable(denied));
    if (group != QLatin1String("root")) {
        QVERIFY2(denied.contains(QStringLiteral("\"%1\"").arg(group)), qPrintable(denied));
        QVERIFY2(denied.contains(QStringLiteral("adduser $USER %1").arg(group)), qPrintable(denied));
    }
    const QString missing = SerialReceiverProbe::describeOpenError(QSerialPort::DeviceNotFoundError,
                                                                   QStringLiteral("/dev/ttyNOPE"), "No such file");
    QVERIFY(missing.startsWith(QStringLiteral("No such port: /dev/ttyNOPE")));
    const QString other = SerialReceiverProbe::describeOpenError(QSerialPort::OpenError, port, "Device busy");
    QCOMPARE(other, QStringLiteral("Cannot open %1: Device busy").arg(port));
}

void TestGpsWizard::missingPortIsReported()
{
    QTemporaryDir dir;
    GpsSetupWizard wizard({dir.filePath(QStringLiteral("chrony.conf")), dir.path()});
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    // Nothing chosen yet: Next is off.
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    child<QLineEdit>(*wizard.portPage(), "portPath")->setText(dir.filePath(QStringLiteral("ttyNOPE")));
    QVERIFY(clickNext(wizard));
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::DetectPageId));
    const QString status = child<QLabel>(*wizard.detectPage(), "detectStatus")->text();
    QVERIFY2(status.startsWith(QStringLiteral("No such port")), qPrintable(status));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(child<QAbstractButton>(*wizard.detectPage(), "retryButton")->isEnabled());
    wizard.resize(kScreen);
    QVERIFY(grabPage(wizard, QStringLiteral("wizard-detect-error.png")));
}

void TestGpsWizard::ppsPageListsDevices()
{
    QTemporaryDir dev;
    QCOMPARE(GpsPpsPage::findPpsDevices(dev.path()), QStringList());
    QVERIFY(writeFile(dev.filePath(QStringLiteral("pps1")), {}));
    QVERIFY(writeFile(dev.filePath(QStringLiteral("pps0")), {}));
    QVERIFY(writeFile(dev.filePath(QStringLiteral("ttyS0")), {}));
    QCOMPARE(GpsPpsPage::findPpsDevices(dev.path()),
             (QStringList{dev.filePath(QStringLiteral("pps0")), dev.filePath(QStringLiteral("pps1"))}));

    GpsWizardState state;
    state.deviceDirectory = dev.path();
    GpsPpsPage page(&state);
    page.initializePage();
    auto *list = child<QListWidget>(page, "ppsList");
    QCOMPARE(list->count(), 3);            // No PPS + two devices
    QCOMPARE(page.ppsDevice(), QString()); // two devices: no guess
    list->setCurrentRow(2);
    QCOMPARE(page.ppsDevice(), dev.filePath(QStringLiteral("pps1")));
    // A typed path wins over the list, and spaces are refused.
    auto *path = child<QLineEdit>(page, "ppsPath");
    QTest::keyClicks(path, QStringLiteral("/dev/pps 7"));
    QVERIFY(list->selectedItems().isEmpty());
    QVERIFY(!page.validatePage());
    QVERIFY(child<QLabel>(page, "ppsHint")->text().contains(QStringLiteral("spaces")));
    path->setText(QStringLiteral("/dev/pps7"));
    QVERIFY(page.validatePage());
    QCOMPARE(state.ppsDevice, QStringLiteral("/dev/pps7"));
}

void TestGpsWizard::writeErrorIsReported()
{
    QTemporaryDir dir;
    GpsWizardState state;
    state.port = QStringLiteral("/dev/ttyAMA0");
    state.findings = ReceiverFindings{};
    state.findings->baudRate = kCaptureBaud;
    state.configPath = dir.filePath(QStringLiteral("no-such-dir/chrony.conf"));
    GpsReviewPage page(&state);
    QSignalSpy written(&page, &GpsReviewPage::written);
    page.initializePage();
    QVERIFY(!page.write());
    const QString result = child<QLabel>(page, "writeResult")->text();
    QVERIFY2(result.startsWith(QStringLiteral("Not written: ")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("No such file or directory")), qPrintable(result));
    QVERIFY(!page.isComplete());
    QCOMPARE(written.count(), 0);
    QVERIFY(!QFileInfo::exists(state.configPath));

    // A file that does not exist yet in a directory that does is created: complete, not only
    // the refclock lines (the pool and the service to the local networks would be lost), and
    // shown whole before it is written.
    state.configPath = dir.filePath(QStringLiteral("new.conf"));
    GpsReviewPage fresh(&state);
    fresh.initializePage();
    QVERIFY(child<QLabel>(fresh, "replacesNote")->text().contains(QStringLiteral("will be created")));
    const QByteArray expected = QByteArray(GpsRefClockPlan::kNewConfiguration) + GpsRefClockPlan::kAppendedComment
                                + "\nrefclock NMEA /dev/ttyAMA0:9600 refid NMEA offset 0.1 delay 0.2\n";
    QCOMPARE(child<QLabel>(fresh, "linesPreview")->text().toUtf8(), expected.trimmed());
    fresh.resize(GpsSetupWizard::kPreferredWidthPx, GpsSetupWizard::kPreferredHeightPx);
    fresh.show();
    QVERIFY(QTest::qWaitForWindowExposed(&fresh));
    QVERIFY(fresh.grab().save(screenshotPath(QStringLiteral("wizard-review-new-file.png"))));
    QVERIFY(fresh.write());
    QCOMPARE(readFile(state.configPath), expected);
    const ConfigReadResult reread = readConfigFile(state.configPath.toStdString());
    QVERIFY(reread.ok());
    QVERIFY(reread.diagnostics.empty());
    QCOMPARE(reread.config.sources.size(), std::size_t{1});
    QCOMPARE(reread.config.sources.front().host, std::string("2.debian.pool.ntp.org"));
    QVERIFY(reread.config.clock.rtcSync);
    QVERIFY(!reread.config.clock.driftFile.empty());
    // It answers the local networks, private and link-local, IPv4 and IPv6.
    std::vector<std::string> allowed;
    for (const AccessRule &rule : reread.config.ntpAccess)
        if (rule.allow && rule.subnet)
            allowed.push_back(rule.subnet->toString());
    QCOMPARE(allowed,
             (std::vector<std::string>{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7", "fe80::/10"}));
    QCOMPARE(reread.config.refClocks.size(), std::size_t{1});
    // The wizard says it is written; whether to reload is the window's question.
    QVERIFY(!child<QLabel>(fresh, "writeResult")->text().contains(QStringLiteral("Reload")));
}

void TestGpsWizard::wizardSetsUpReceiverOnPty()
{
    if (QStandardPaths::findExecutable(QStringLiteral("socat")).isEmpty())
        QSKIP("socat is not installed");
    QTemporaryDir dir;
    QTemporaryDir dev;
    QVERIFY(writeFile(dev.filePath(QStringLiteral("pps0")), {}));
    PtyReceiver receiver(dir.path(), test::gpsCapture(QStringLiteral("quectel-L70.log")));
    QVERIFY2(receiver.start(), "socat did not make the pseudo-terminals");

    const QString config = dir.filePath(QStringLiteral("chrony.conf"));
    const QByteArray original = QString::fromLatin1(kOriginalConfig).arg(receiver.device).toLatin1();
    QVERIFY(writeFile(config, original));

    GpsSetupWizard wizard({config, dev.path()});
    QSignalSpy written(&wizard, &GpsSetupWizard::configurationWritten);
    wizard.resize(kScreen);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.size(), kScreen);

    // 1. Port: typed (a pty is in no port list).
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::PortPageId));
    QTest::keyClicks(child<QLineEdit>(*wizard.portPage(), "portPath"), receiver.device);
    QVERIFY(grabPage(wizard, QStringLiteral("wizard-port.png")));
    QVERIFY(clickNext(wizard));

    // 2. Detect: found at 9600 with what the Quectel says about itself.
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::DetectPageId));
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), kDetectTimeoutMs);
    const QWidget &detect = *wizard.detectPage();
    QCOMPARE(child<QLabel>(detect, "speedValue")->text(), QStringLiteral("9600 baud"));
    QCOMPARE(child<QLabel>(detect, "protocolValue")->text(), QStringLiteral("NMEA 0183"));
    QVERIFY(child<QLabel>(detect, "constellationsValue")->text().contains(QStringLiteral("GPS")));
    // The fix and the satellites follow as more epochs arrive.
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(detect, "fixValue")->text() == QStringLiteral("3D fix"), kDetectTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>(detect, "satellitesValue")->text().startsWith(QStringLiteral("0 used")),
                             kDetectTimeoutMs);
    // GSA's used satellites are listed before their GSV (and before the identity) arrives.
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(detect, "receiverValue")->text().contains(QStringLiteral("L70")),
                             kDetectTimeoutMs);
    QVERIFY(grabPage(wizard, QStringLiteral("wizard-detect.png")));
    QVERIFY(clickNext(wizard));
    QVERIFY(!wizard.detectPage()->serialProbe().isOpen()); // released for the service

    // 3. Configure: optional; the Quectel is left as it is.
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::ConfigurePageId));
    QVERIFY(clickNext(wizard));

    // 4. PPS: the one device found is offered first.
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::PpsPageId));
    QCOMPARE(wizard.ppsPage()->ppsDevice(), dev.filePath(QStringLiteral("pps0")));
    QVERIFY(grabPage(wizard, QStringLiteral("wizard-pps.png")));
    QVERIFY(clickNext(wizard));

    // 5. Review and write.
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::ReviewPageId));
    const QWidget &review = *wizard.reviewPage();
    const QString nmeaLine =
        QStringLiteral("refclock NMEA %1:9600 refid NMEA offset 0.1 delay 0.2 noselect").arg(receiver.device);
    const QString ppsLine =
        QStringLiteral("refclock PPS %1 lock NMEA refid PPS prefer").arg(dev.filePath(QStringLiteral("pps0")));
    QCOMPARE(child<QLabel>(review, "linesPreview")->text(), nmeaLine + QLatin1Char('\n') + ppsLine);
    QCOMPARE(child<QLineEdit>(review, "configPath")->text(), config);
    const QString replaces = child<QLabel>(review, "replacesNote")->text();
    QVERIFY2(replaces.startsWith(QStringLiteral("Replaces lines 6, 8 of %1").arg(config)), qPrintable(replaces));
    QVERIFY(!wizard.button(QWizard::FinishButton)->isEnabled());
    QVERIFY(grabPage(wizard, QStringLiteral("wizard-review.png")));
    child<QAbstractButton>(review, "writeButton")->click();
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
    QCOMPARE(written.count(), 1);
    QCOMPARE(written.front().front().toString(), config);
    QVERIFY(child<QLabel>(review, "writeResult")->text().startsWith(QStringLiteral("Written to")));
    QVERIFY(grabPage(wizard, QStringLiteral("wizard-written.png")));

    const QByteArray expected = QStringLiteral("# Stratum One configuration\n"
                                               "# (comments and blank lines must survive the wizard)\n"
                                               "\n"
                                               "# public servers\n"
                                               "pool 2.debian.pool.ntp.org   iburst\n"
                                               "%1\n"
                                               "allow 192.168.0.0/16\n"
                                               "refclock SHM 0 refid SHM0\n"
                                               "%2\n"
                                               "%3\n")
                                    .arg(nmeaLine, QString::fromLatin1(GpsRefClockPlan::kAppendedComment), ppsLine)
                                    .toLatin1();
    QCOMPARE(readFile(config), expected);
    // And it is a configuration the service reads, with the receiver's two refclocks.
    const ConfigReadResult reread = readConfigFile(config.toStdString());
    std::string diagnostics;
    for (const ConfigDiagnostic &d : reread.diagnostics)
        diagnostics += d.toString() + "\n";
    QVERIFY2(reread.ok(), diagnostics.c_str());
    QCOMPARE(reread.config.refClocks.size(), std::size_t(3));
}

QTEST_MAIN(TestGpsWizard)
#include "tst_gpswizard.moc"
