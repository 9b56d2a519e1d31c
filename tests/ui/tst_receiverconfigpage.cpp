// Receiver configuration over a real serial line: the simulated receiver (core/hosts/sim)
// behind a pseudo-terminal that carries bytes only while the port's speed (as the wizard set
// it on the tty) is the receiver's, so a speed change is proven the way a UART proves it.
// The Qt runner against u-blox before 9, u-blox 9 and MediaTek (verified, NAK, silence, a
// speed the receiver ignores), and the wizard's page driven from detection to verification,
// with 800x480 screenshots of the dry run, the verified result and a failure
// (S1_SCREENSHOT_DIR, else the temp dir).
#include "TouchStyle.h"
#include "gps/config/PmtkCommands.h"
#include "sim/SimConfigReceiver.h"
#include "wizard/GpsConfigurePage.h"
#include "wizard/GpsDetectPage.h"
#include "wizard/GpsPortPage.h"
#include "wizard/GpsSetupWizard.h"
#include "wizard/GpsWizardState.h"
#include "wizard/SerialReceiverConfigurator.h"

#include "WidgetTestSupport.h"

#include <QtTest>

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <fcntl.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

using namespace s1;
using s1::test::screenshotPath;

namespace {

const QSize kScreen(800, 480);
constexpr int kEpochIntervalMs = 200;
constexpr int kRunTimeoutMs = 20'000;
constexpr int kDetectTimeoutMs = 15'000;
constexpr std::size_t kReadChunk = 4096;

int speedOf(speed_t s)
{
    switch (s) {
    case B4800:
        return 4800;
    case B9600:
        return 9600;
    case B19200:
        return 19200;
    case B38400:
        return 38400;
    case B57600:
        return 57600;
    case B115200:
        return 115200;
    default:
        return 0;
    }
}

// The simulated receiver on a pty: `device` is what the wizard opens.
class PtyReceiver : public QObject
{
public:
    PtyReceiver(ReceiverFamily family, int baud)
        : rx(family, baud)
    { }
    ~PtyReceiver() override
    {
        m_epochs.stop();
        delete m_notifier;
        if (m_master >= 0)
            ::close(m_master);
        if (m_slave >= 0)
            ::close(m_slave);
    }
    bool open()
    {
        char name[256] = {};
        if (::openpty(&m_master, &m_slave, name, nullptr, nullptr) != 0)
            return false;
        device = QString::fromLocal8Bit(name);
        // Raw until the wizard opens it: no echo of what the receiver sends back to it.
        termios t{};
        ::tcgetattr(m_slave, &t);
        ::cfmakeraw(&t);
        ::cfsetspeed(&t, B9600);
        ::tcsetattr(m_slave, TCSANOW, &t);
        ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
        m_notifier = new QSocketNotifier(m_master, QSocketNotifier::Read);
        QObject::connect(m_notifier, &QSocketNotifier::activated, this, [this] { onReadable(); });
        QObject::connect(&m_epochs, &QTimer::timeout, this, [this] { sendEpoch(); });
        m_epochs.start(kEpochIntervalMs);
        return true;
    }
    // The speed the port is at, as the wizard last set it.
    int lineSpeed() const
    {
        termios t{};
        ::tcgetattr(m_slave, &t);
        return speedOf(::cfgetospeed(&t));
    }
    void stopEpochs() { m_epochs.stop(); }

    sim::SimConfigReceiver rx;
    QString device;
    int bytesLost = 0;

private:
    void onReadable()
    {
        std::vector<std::uint8_t> buf(kReadChunk);
        const ssize_t n = ::read(m_master, buf.data(), buf.size());
        if (n <= 0)
            return;
        buf.resize(std::size_t(n));
        if (lineSpeed() != rx.baudRate()) {
            bytesLost += int(n); // a UART at another speed: framing errors, nothing parsed
            return;
        }
        send(rx.receive(buf));
    }
    void sendEpoch()
    {
        if (lineSpeed() != rx.baudRate())
            return;
        std::vector<std::uint8_t> out = rx.epochOutput(m_second++);
        if (rx.faults().silent)
            return;
        // What the probe identifies the receiver by.
        const std::string identity = rx.family() == ReceiverFamily::MediaTek ? "PMTK010,001"
                                     : rx.family() == ReceiverFamily::Ublox9 ? "GNTXT,01,01,02,PROTVER=27.10"
                                                                             : "GPTXT,01,01,02,PROTVER=18.00";
        const auto id = pmtk::bytes(identity);
        out.insert(out.end(), id.begin(), id.end());
        send(out);
    }
    void send(const std::vector<std::uint8_t> &bytes)
    {
        if (!bytes.empty() && ::write(m_master, bytes.data(), bytes.size()) < 0)
            qWarning("writing to the pty failed");
    }

    int m_master = -1;
    int m_slave = -1;
    int m_second = 0;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_epochs;
};

ReceiverConfigurator::Timing fastTiming()
{
    return {0.3, 0.3, 2, 0.1};
}

template <typename T>
T *child(const QWidget &parent, const char *name)
{
    return parent.findChild<T *>(QLatin1String(name));
}

bool clickNext(QWizard &wizard)
{
    QAbstractButton *next = wizard.button(QWizard::NextButton);
    if (!next->isEnabled() || !next->isVisible())
        return false;
    const int before = wizard.currentId();
    next->click();
    return wizard.currentId() != before;
}

// Port and detection pages with the receiver on `pty`; true when on the configure page.
bool driveToConfigure(GpsSetupWizard &wizard, const PtyReceiver &pty, const char *identity)
{
    wizard.resize(kScreen);
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        return false;
    QTest::keyClicks(child<QLineEdit>(*wizard.portPage(), "portPath"), pty.device);
    if (!clickNext(wizard) || wizard.currentId() != int(GpsSetupWizard::DetectPageId))
        return false;
    // Found, and the line it names itself by heard.
    auto *receiver = wizard.detectPage()->findChild<QLabel *>(QStringLiteral("receiverValue"));
    QDeadlineTimer deadline(kDetectTimeoutMs);
    while (!(wizard.button(QWizard::NextButton)->isEnabled() && receiver->text().contains(QLatin1String(identity)))
           && !deadline.hasExpired())
        QTest::qWait(kEpochIntervalMs);
    return clickNext(wizard) && wizard.currentId() == int(GpsSetupWizard::ConfigurePageId);
}

QStringList resultColumn(const QTreeWidget &tree)
{
    QStringList out;
    for (int i = 0; i < tree.topLevelItemCount(); ++i)
        out << tree.topLevelItem(i)->text(1);
    return out;
}

} // namespace

class TestReceiverConfigPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void runnerOverPty_data();
    void runnerOverPty();
    void wizardConfiguresReceiverOnPty();
    void failureIsShownInWords();
};

void TestReceiverConfigPage::initTestCase()
{
    QFont font = QApplication::font();
    font.setPointSizeF(kMinBaseFontPt);
    QApplication::setFont(font);
}

void TestReceiverConfigPage::runnerOverPty_data()
{
    QTest::addColumn<int>("family");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QString>("nak");
    QTest::addColumn<QString>("ignore");
    QTest::addColumn<bool>("silent");
    QTest::addColumn<QStringList>("expected"); // per step
    QTest::addColumn<int>("finalBaud");
    const int legacy = int(ReceiverFamily::UbloxLegacy);
    const int gen9 = int(ReceiverFamily::Ublox9);
    const int mtk = int(ReceiverFamily::MediaTek);
    const QString ok = QString::fromLatin1(toString(StepResult::Verified));
    const QString acked = QString::fromLatin1(toString(StepResult::AcknowledgedOnly));
    QTest::newRow("u-blox 8, 9600 to 38400") << legacy << 9600 << 38400 << ""
                                             << "" << false << QStringList{ok, ok, ok, ok, acked} << 38400;
    QTest::newRow("u-blox 8, TP5 refused") << legacy << 9600 << 9600 << "CFG-TP5"
                                           << "" << false << QStringList{ok, ok, "NAK", acked} << 9600;
    QTest::newRow("u-blox 8, speed ignored")
        << legacy << 9600 << 115200 << ""
        << "CFG-PRT" << false << QStringList{ok, ok, ok, "speed kept", acked} << 9600;
    QTest::newRow("u-blox 9, 38400 to 115200") << gen9 << 38400 << 115200 << ""
                                               << "" << false << QStringList{ok, ok, ok, ok, ok} << 115200;
    QTest::newRow("MediaTek, 9600 to 38400") << mtk << 9600 << 38400 << ""
                                             << "" << false << QStringList{ok, acked, ok} << 38400;
    QTest::newRow("MediaTek, silent") << mtk << 9600 << 38400 << ""
                                      << "" << true << QStringList{"no answer", "skipped", "skipped"} << 9600;
}

void TestReceiverConfigPage::runnerOverPty()
{
    QFETCH(int, family);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QString, nak);
    QFETCH(QString, ignore);
    QFETCH(bool, silent);
    QFETCH(QStringList, expected);
    QFETCH(int, finalBaud);
    PtyReceiver pty(ReceiverFamily(family), from);
    if (!nak.isEmpty())
        pty.rx.faults().nak = {nak.toStdString()};
    if (!ignore.isEmpty())
        pty.rx.faults().ignore = {ignore.toStdString()};
    pty.rx.faults().silent = silent;
    QVERIFY(pty.open());

    ReceiverSettings s;
    s.currentBaud = from;
    s.baudRate = to;
    SerialReceiverConfigurator runner;
    QSignalSpy finished(&runner, &SerialReceiverConfigurator::finished);
    QVERIFY2(runner.start(pty.device, from, planReceiverConfig(ReceiverFamily(family), s), fastTiming()),
             qPrintable(runner.openError()));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QStringList results;
    for (const StepOutcome &o : runner.configurator()->outcomes())
        results << QString::fromLatin1(toString(o.result));
    QCOMPARE(results, expected);
    QCOMPARE(runner.configurator()->baudRate(), finalBaud);
    QCOMPARE(pty.rx.baudRate(), silent ? from : finalBaud);
    // The port is released for the service.
    QVERIFY(!runner.isRunning());
}

void TestReceiverConfigPage::wizardConfiguresReceiverOnPty()
{
    PtyReceiver pty(ReceiverFamily::UbloxLegacy, 9600);
    QVERIFY(pty.open());
    QTemporaryDir dir;
    GpsSetupWizard wizard({dir.filePath(QStringLiteral("chrony.conf")), dir.path()});
    QVERIFY(driveToConfigure(wizard, pty, "PROTVER"));

    // The dry run: the detected family, the default speed, every message's bytes.
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::ConfigurePageId));
    GpsConfigurePage &page = *wizard.configurePage();
    QCOMPARE(page.family(), ReceiverFamily::UbloxLegacy);
    QCOMPARE(page.wantedSpeed(), GpsConfigurePage::kDefaultSpeed);
    auto *tree = child<QTreeWidget>(page, "planTree");
    QCOMPARE(tree->topLevelItemCount(), 5);
    QTreeWidgetItem *sentences = tree->topLevelItem(0);
    QVERIFY(sentences->isExpanded());
    bool gllOff = false;
    for (int i = 0; i < sentences->childCount(); ++i)
        gllOff |= sentences->child(i)->text(0).contains(QStringLiteral("B5 62 06 01 03 00 F0 01 00 FB 11"));
    QVERIFY(gllOff);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled()); // configuring is optional
    QVERIFY(wizard.grab().save(screenshotPath(QStringLiteral("wizard-configure-plan.png"))));

    // Apply: progress, then every step's verdict.
    child<QAbstractButton>(page, "applyButton")->click();
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), kRunTimeoutMs);
    QCOMPARE(resultColumn(*tree), (QStringList{"verified", "verified", "verified", "verified", "acknowledged only"}));
    const QString result = child<QLabel>(page, "configureResult")->text();
    QVERIFY2(result.startsWith(QStringLiteral("Every setting was read back")), qPrintable(result));
    QVERIFY(result.contains(QStringLiteral("38400 baud")));
    // Every verdict in view: the verified steps closed.
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        QVERIFY(!tree->topLevelItem(i)->isExpanded());
    QCOMPARE(pty.rx.baudRate(), 38400);
    QCOMPARE(pty.rx.nmeaRate("GLL"), 0);
    QVERIFY(wizard.grab().save(screenshotPath(QStringLiteral("wizard-configure-verified.png"))));

    // The refclock line will use the new speed.
    QCOMPARE(wizard.state().findings->baudRate, 38400);
    QVERIFY(clickNext(wizard));
    QCOMPARE(wizard.currentId(), int(GpsSetupWizard::PpsPageId));
}

void TestReceiverConfigPage::failureIsShownInWords()
{
    PtyReceiver pty(ReceiverFamily::MediaTek, 9600);
    pty.rx.faults().ignore = {"PMTK314"};
    pty.rx.faults().nak = {"PMTK285"};
    QVERIFY(pty.open());
    QTemporaryDir dir;
    GpsSetupWizard wizard({dir.filePath(QStringLiteral("chrony.conf")), dir.path()});
    // MediaTek names itself only by its PMTK sentences.
    QVERIFY(driveToConfigure(wizard, pty, "does not say"));
    GpsConfigurePage &page = *wizard.configurePage();
    page.setTiming(fastTiming());
    QCOMPARE(page.family(), ReceiverFamily::MediaTek);
    // Keep the speed: only the two faults.
    auto *speed = child<QComboBox>(page, "speedChoice");
    speed->setCurrentIndex(speed->findData(9600));
    QCOMPARE(child<QTreeWidget>(page, "planTree")->topLevelItemCount(), 2);
    QSignalSpy applied(&page, &GpsConfigurePage::applied);
    QVERIFY(page.apply());
    QVERIFY(applied.wait(kRunTimeoutMs));
    QCOMPARE(resultColumn(*child<QTreeWidget>(page, "planTree")), (QStringList{"not confirmed", "refused (NAK)"}));
    const QString result = child<QLabel>(page, "configureResult")->text();
    QVERIFY2(result.startsWith(QStringLiteral("2 settings not verified")), qPrintable(result));
    // The reasons, in words, first under each step.
    auto *tree = child<QTreeWidget>(page, "planTree");
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(0),
             QStringLiteral("Sentences: GLL reads 1, asked for 0\nVTG reads 1, asked for 0"));
    QVERIFY2(tree->topLevelItem(1)->child(0)->text(0).startsWith(
                 QStringLiteral("Time pulse (PPS): the receiver refused PMTK285")),
             qPrintable(tree->topLevelItem(1)->child(0)->text(0)));
    QVERIFY(tree->topLevelItem(1)->isExpanded());
    QVERIFY(page.isComplete());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QVERIFY(wizard.grab().save(screenshotPath(QStringLiteral("wizard-configure-failed.png"))));
}

QTEST_MAIN(TestReceiverConfigPage)
#include "tst_receiverconfigpage.moc"
