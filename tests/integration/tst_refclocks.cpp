// Reference clocks end to end, with real processes and real kernel objects wherever this
// machine has them:
// - SHM and SOCK: samples written exactly as gpsd writes them (a SysV segment with the
//   count/valid protocol, datagrams with the 'SOCK' layout) with a known offset reach a running
//   `stratumone --service`, which then serves time that far ahead (measured by a client engine);
// - GPS: NMEA at 1 Hz over a socat pseudo-terminal pair into the serial NMEA driver, plus a fake
//   PPS device (the only fake: there is no /dev/pps here) with jittered pulses: `stratumctl
//   sources` shows `#* PPS` locked to `#- NMEA` at stratum 1; unplugging the GPS (closing the
//   pty) falls back to a network server, PPS turns `?`, both are logged, and replugging brings
//   PPS back;
// - the plain poll() host drives the same SHM driver.

#include "EngineProbe.h"
#include "ProcessHelpers.h"

#include "refclock/DeviceApi.h"
#include "transport/ControlServer.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <fcntl.h>
#include <linux/pps.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <mutex>

using namespace std::chrono_literals;

namespace {

constexpr auto kCtlTimeout = 10s;
constexpr auto kSyncTimeout = 40s;
constexpr double kKnownOffset = 0.0123; // s: the refclocks' time is this far ahead of the system clock
// How close the service's served time must come to it, as seen by a client on the same host.
constexpr double kOffsetTolerance = 2e-3; // s
constexpr int kShmKeyBase = 0x4e545030;
constexpr int kShmSegmentSize = 96;

// The SHM segment, by the byte offsets of REFCLOCK_FACTS.md §1.2 (LP64), written as gpsd does.
struct ShmWriter
{
    int id = -1;
    char *base = nullptr;
    std::uint32_t count = 0;

    bool create(int unit)
    {
        id = ::shmget(kShmKeyBase + unit, kShmSegmentSize, IPC_CREAT | 0600);
        if (id < 0)
            return false;
        void *p = ::shmat(id, nullptr, 0);
        if (reinterpret_cast<std::intptr_t>(p) == -1) // shmat's (void *)-1
            return false;
        base = static_cast<char *>(p);
        return true;
    }
    template <typename T>
    void put(int offset, T value)
    {
        std::memcpy(base + offset, &value, sizeof value);
    }

    // mode 1: count++, fields, count++, valid = 1.
    void write(const timespec &reference, const timespec &receive)
    {
        put<std::int32_t>(0, 1); // mode
        put<std::int32_t>(4, static_cast<std::int32_t>(++count));
        __sync_synchronize();
        put<std::int64_t>(8, reference.tv_sec);
        put<std::int32_t>(16, static_cast<std::int32_t>(reference.tv_nsec / 1000));
        put<std::int64_t>(24, receive.tv_sec);
        put<std::int32_t>(32, static_cast<std::int32_t>(receive.tv_nsec / 1000));
        put<std::int32_t>(36, 0);   // leap
        put<std::int32_t>(40, -20); // precision
        put<std::int32_t>(44, 0);   // nsamples
        put<std::uint32_t>(52, static_cast<std::uint32_t>(reference.tv_nsec));
        put<std::uint32_t>(60, static_cast<std::uint32_t>(receive.tv_nsec));
        __sync_synchronize();
        put<std::int32_t>(4, static_cast<std::int32_t>(++count));
        put<std::int32_t>(48, 1); // valid
    }
    ~ShmWriter()
    {
        if (base)
            ::shmdt(base);
        if (id >= 0)
            ::shmctl(id, IPC_RMID, nullptr);
    }
};

timespec nowPlus(double seconds)
{
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME, &ts);
    const std::int64_t ns = std::int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec + std::llround(seconds * 1e9);
    return timespec{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
}

// One 'SOCK' datagram as gpsd sends it to chronyd (REFCLOCK_FACTS.md §2.2).
bool sendSockSample(const QString &path, double offset)
{
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.toLocal8Bit().constData(), sizeof address.sun_path - 1);
    unsigned char datagram[40] = {};
    const timespec now = nowPlus(0);
    const std::int64_t sec = now.tv_sec, usec = now.tv_nsec / 1000;
    const std::int32_t pulse = 0, leap = 0, magic = 0x534f434b;
    std::memcpy(datagram + 0, &sec, 8);
    std::memcpy(datagram + 8, &usec, 8);
    std::memcpy(datagram + 16, &offset, 8);
    std::memcpy(datagram + 24, &pulse, 4);
    std::memcpy(datagram + 28, &leap, 4);
    std::memcpy(datagram + 36, &magic, 4);
    const auto sent =
        ::sendto(fd, datagram, sizeof datagram, 0, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::close(fd);
    return sent == static_cast<ssize_t>(sizeof datagram);
}

// A /dev/pps device whose assert edge comes at every whole second of the system clock with a
// microsecond of jitter. Used from the engine thread; `present` is flipped by the test.
class FakePpsKernel final : public s1::DeviceApi
{
public:
    static constexpr int kFd = 1000;
    static constexpr long kJitterNs = 1000;
    explicit FakePpsKernel(std::string path)
        : m_path(std::move(path))
    { }
    std::atomic<bool> present{true};

    int open(const std::string &path, int) override { return present && path == m_path ? kFd : -ENOENT; }
    int close(int) override { return 0; }
    long read(int, void *, std::size_t) override { return -EINVAL; }
    int poll(int, short, int) override { return 0; }
    int ioctl(int fd, unsigned long request, void *arg) override
    {
        if (fd != kFd)
            return -EBADF;
        if (!present)
            return -ENODEV;
        std::lock_guard lock(m_mutex);
        switch (request) {
        case PPS_GETCAP:
            *static_cast<int *>(arg) = PPS_CAPTUREASSERT | PPS_OFFSETASSERT | PPS_CANWAIT | PPS_TSFMT_TSPEC;
            return 0;
        case PPS_GETPARAMS:
            *static_cast<pps_kparams *>(arg) = m_params;
            return 0;
        case PPS_SETPARAMS:
            m_params = *static_cast<pps_kparams *>(arg);
            return 0;
        case PPS_FETCH: {
            auto *data = static_cast<pps_fdata *>(arg);
            const timespec now = nowPlus(0);
            // The newest edge: this second's, once its jitter has passed.
            std::int64_t second = now.tv_sec;
            long nsec = jitter(second);
            if (now.tv_nsec < nsec + kJitterNs) {
                --second;
                nsec = jitter(second);
            }
            data->info = {};
            data->info.assert_sequence = static_cast<__u32>(second);
            data->info.assert_tu.sec = second + (nsec < 0 ? -1 : 0);
            data->info.assert_tu.nsec = static_cast<__s32>(nsec < 0 ? nsec + 1'000'000'000 : nsec);
            data->info.current_mode = m_params.mode;
            return 0;
        }
        default:
            return -ENOTTY;
        }
    }

private:
    static long jitter(std::int64_t second)
    {
        return static_cast<long>((second * 7919) % (2 * kJitterNs + 1)) - kJitterNs;
    }
    std::string m_path;
    std::mutex m_mutex;
    pps_kparams m_params{};
};

// RMC and GGA of the second that starts at Unix time `second`, as a receiver with a fix sends them.
QByteArray nmeaBurst(std::int64_t second)
{
    const QDateTime t = QDateTime::fromSecsSinceEpoch(second, Qt::UTC);
    const QString hms = t.toString(QStringLiteral("HHmmss")) + QStringLiteral(".00");
    const QString date = t.toString(QStringLiteral("ddMMyy"));
    QString out =
        s1test::nmeaChecksummed(QStringLiteral("GPRMC,%1,A,5231.1200,N,01324.3200,E,0.0,0.0,%2,,,A").arg(hms, date));
    out +=
        s1test::nmeaChecksummed(QStringLiteral("GPGGA,%1,5231.1200,N,01324.3200,E,1,09,0.9,34.0,M,40.0,M,,").arg(hms));
    out += s1test::nmeaChecksummed(QStringLiteral("GPGSA,A,3,04,05,09,12,16,21,26,29,31,,,,1.6,0.9,1.3"));
    return out.toLatin1();
}

// A GPS on a pseudo-terminal: socat links `device` (what the driver opens) to `feed` (what the
// test writes to), and the test writes one burst 50 ms after each second.
class PtyGps : public QObject
{
public:
    QString device, feed;
    QProcess socat;
    int fd = -1;
    QTimer timer;

    PtyGps(QString devicePath, QString feedPath)
        : device(std::move(devicePath))
        , feed(std::move(feedPath))
    {
        timer.setSingleShot(true);
        timer.setTimerType(Qt::PreciseTimer);
        connect(&timer, &QTimer::timeout, this, [this] { sendAndRearm(); });
    }
    ~PtyGps() override { unplug(); }

    bool plug()
    {
        socat.start(QStringLiteral("socat"), {QStringLiteral("pty,raw,echo=0,link=%1").arg(device),
                                              QStringLiteral("pty,raw,echo=0,link=%1").arg(feed)});
        if (!socat.waitForStarted())
            return false;
        if (!s1test::waitFor([&] { return QFileInfo::exists(device) && QFileInfo::exists(feed); }, 5s))
            return false;
        fd = ::open(feed.toLocal8Bit().constData(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0)
            return false;
        rearm();
        return true;
    }
    void unplug()
    {
        timer.stop();
        if (fd >= 0)
            ::close(fd);
        fd = -1;
        s1test::stopProcess(socat, SIGTERM, 5s);
    }

private:
    static constexpr long kSendDelayMs = 50; // receivers talk a little after the second

    void rearm()
    {
        const timespec now = nowPlus(0);
        const long toNext = 1000 - now.tv_nsec / 1'000'000 + kSendDelayMs;
        timer.start(static_cast<int>(toNext % 1000 == 0 ? 1000 : toNext));
    }
    void sendAndRearm()
    {
        const timespec now = nowPlus(0);
        const QByteArray burst = nmeaBurst(now.tv_sec);
        if (fd >= 0 && ::write(fd, burst.constData(), static_cast<std::size_t>(burst.size())) < 0)
            qWarning("writing to the pty failed: %s", std::strerror(errno));
        rearm();
    }
};

// Runs stratumctl while this thread's event loop keeps running: the control server and the
// GPS writer of the in-process test live on it.
s1test::RunResult runWithEventLoop(const QStringList &arguments)
{
    s1test::RunResult result;
    QProcess process;
    process.start(s1test::ourBinary("stratumctl"), arguments);
    if (!process.waitForStarted())
        return result;
    result.finished = s1test::waitFor([&] { return process.state() == QProcess::NotRunning; }, kCtlTimeout);
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromLocal8Bit(process.readAllStandardOutput());
    result.err = QString::fromLocal8Bit(process.readAllStandardError());
    return result;
}

// Collects the program's log messages (the engine logs from its own thread).
struct LogCapture
{
    static inline std::mutex mutex;
    static inline QStringList messages;
    static inline QtMessageHandler previous = nullptr;
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            std::lock_guard lock(mutex);
            messages.append(QString::fromLatin1(context.category ? context.category : "") + ": " + message);
        }
        if (previous)
            previous(type, context, message);
    }
    static bool contains(const QString &category, const QString &part)
    {
        std::lock_guard lock(mutex);
        for (const QString &m : messages)
            if (m.startsWith(category + ": ") && m.contains(part))
                return true;
        return false;
    }
};

} // namespace

class TestRefClocks : public QObject
{
    Q_OBJECT
private slots:
    void shmAndSockSamplesFromGpsdLayouts();
    void gpsWithPpsThroughUnplugAndReplug();
    void plainHostReadsShm();
    void plainHostReadsNmeaFromAPty();
};

void TestRefClocks::shmAndSockSamplesFromGpsdLayouts()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A unit no gpsd on this machine uses, different per run.
    const int unit = 60 + static_cast<int>(::getpid() % 30);
    ShmWriter shm;
    QVERIFY2(shm.create(unit), std::strerror(errno));

    const quint16 port = s1test::freeUdpPort();
    const QString sockPath = dir.filePath("gpsd.sock");
    const QString socketPath = dir.filePath("ctl.sock");
    const QString config = s1test::writeFile(dir, "service.conf",
                                             QStringLiteral("port %1\nallow 127.0.0.1\n"
                                                            "refclock SHM %2 refid GPS poll 0 dpoll -2 precision 1e-6\n"
                                                            "refclock SOCK %3 refid SOCK poll 0 precision 1e-6\n"
                                                            "makestep 0.001 -1\n")
                                                 .arg(port)
                                                 .arg(unit)
                                                 .arg(sockPath));
    QProcess service;
    service.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    service.start(s1test::ourBinary("stratumone"),
                  {"--service", "-f", config, "-x", "--bind", "127.0.0.1", "--control-socket", socketPath});
    QVERIFY(service.waitForStarted());
    const auto cleanup = qScopeGuard([&] { s1test::stopProcess(service, SIGTERM, 5s); });
    QVERIFY2(s1test::waitFor([&] { return QFileInfo::exists(sockPath); }, 10s), "no SOCK socket");

    // Four samples a second into each, both saying the time is kKnownOffset ahead.
    QTimer writer;
    connect(&writer, &QTimer::timeout, this, [&] {
        const timespec receive = nowPlus(0);
        shm.write(nowPlus(kKnownOffset), receive);
        sendSockSample(sockPath, kKnownOffset);
    });
    writer.start(250);

    const auto ctl = [&](const QStringList &args) {
        return s1test::runProgram(s1test::ourBinary("stratumctl"), QStringList{"-s", socketPath} + args, kCtlTimeout);
    };
    s1test::RunResult sources;
    const bool selected = s1test::waitFor(
        [&] {
            sources = ctl({"sources"});
            return s1test::lineStartingWith(sources.out, "#* ").size() > 0
                   && (s1test::lineStartingWith(sources.out, "#+ ").size() > 0
                       || s1test::lineStartingWith(sources.out, "#- ").size() > 0);
        },
        kSyncTimeout);
    QVERIFY2(selected, qPrintable(sources.out + sources.err));
    QVERIFY2(sources.out.contains(QRegularExpression("\\n#[*+-] GPS ")), qPrintable(sources.out));
    QVERIFY2(sources.out.contains(QRegularExpression("\\n#[*+-] SOCK ")), qPrintable(sources.out));

    const s1test::RunResult tracking = ctl({"tracking"});
    QVERIFY2(tracking.out.contains("Stratum         : 1\n"), qPrintable(tracking.out));

    // The service now serves time kKnownOffset ahead of this machine's clock: a client engine
    // on the same clock must measure that offset.
    s1test::EngineProbe probe(QStringLiteral("server 127.0.0.1 port %1 minpoll -2 maxpoll -2\n").arg(port),
                              s1::IpAddress::v4(0x7F000001));
    QVERIFY(probe.start());
    std::optional<s1::SourceSnapshot> measured;
    QVERIFY(s1test::waitFor(
        [&] {
            measured = probe.source("127.0.0.1");
            return measured && measured->lastSample && measured->repliesAccepted >= 4;
        },
        20s));
    const double offset = measured->lastSample->rawOffset;
    QVERIFY2(std::abs(offset - kKnownOffset) < kOffsetTolerance, qPrintable(QString::number(offset, 'g', 9)));
}

void TestRefClocks::gpsWithPpsThroughUnplugAndReplug()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LogCapture::previous = qInstallMessageHandler(&LogCapture::handler);
    const auto restoreHandler = qScopeGuard([] { qInstallMessageHandler(LogCapture::previous); });
    QLoggingCategory::setFilterRules(QStringLiteral("s1.*.info=true"));

    // A network server to fall back to: a plain host serving its own clock at stratum 2.
    const quint16 serverPort = s1test::freeUdpPort();
    const QString serverConf = s1test::writeFile(
        dir, "server.conf", QStringLiteral("port %1\nallow 127.0.0.1\nlocal stratum 2\n").arg(serverPort));
    QProcess server;
    server.start(s1test::ourBinary("stratumone-core-host"), {"-f", serverConf, "-x", "--bind", "127.0.0.1"});
    QVERIFY(server.waitForStarted());
    const auto stopServer = qScopeGuard([&] { s1test::stopProcess(server, SIGTERM, 5s); });

    PtyGps gps(dir.filePath("ttyGPS"), dir.filePath("feed"));
    QVERIFY2(gps.plug(), "socat did not make the pseudo-terminals");

    FakePpsKernel ppsKernel("/dev/pps0");
    s1::RefClockSeams seams;
    seams.devices = &ppsKernel;
    s1test::EngineProbe engine(QStringLiteral("server 127.0.0.1 port %1 minpoll -1 maxpoll -1\n"
                                              "refclock NMEA %2:115200 refid NMEA poll 1 offset 0.05 delay 0.2\n"
                                              "refclock PPS /dev/pps0 lock NMEA refid PPS poll 1\n"
                                              "makestep 0.1 -1\n")
                                   .arg(serverPort)
                                   .arg(gps.device),
                               s1::IpAddress::v4(0x7F000001), seams);
    QVERIFY(engine.configOk());
    s1::ControlServer control;
    QString error;
    const QString socketPath = dir.filePath("ctl.sock");
    QVERIFY2(control.listen(socketPath.toStdString(), {}, error), qPrintable(error));
    connect(&engine.thread(), &s1::EngineThread::snapshotReady, &control, &s1::ControlServer::publishSnapshot);
    QVERIFY(engine.start());

    const auto ctl = [&](const QStringList &args) { return runWithEventLoop(QStringList{"-s", socketPath} + args); };
    s1test::RunResult sources;
    const auto waitForSources = [&](const std::function<bool(const QString &)> &condition,
                                    std::chrono::seconds timeout) {
        return s1test::waitFor(
            [&] {
                sources = ctl({"-n", "sources"}); // numeric: the server line is matched by address
                return sources.exitCode == 0 && condition(sources.out);
            },
            timeout);
    };

    // Locked: PPS selected, NMEA selectable but not combined (its 0.2 s delay), stratum 1.
    QVERIFY2(waitForSources(
                 [](const QString &out) {
                     return out.contains("\n#* PPS ") && out.contains(QRegularExpression("\\n#[-+] NMEA "));
                 },
                 kSyncTimeout),
             qPrintable(sources.out + sources.err));
    qInfo().noquote() << "locked:\n" << sources.out;
    s1test::RunResult tracking = ctl({"tracking"});
    QVERIFY2(tracking.out.startsWith("Reference ID    : 50505300 (PPS)\nStratum         : 1\n"),
             qPrintable(tracking.out));
    // stratumctl gps: the receiver as the serial driver decoded it, the PPS as the device counts it.
    const s1test::RunResult gpsReport = ctl({"gps"});
    QCOMPARE(gpsReport.exitCode, 0);
    QVERIFY2(QRegularExpression("^Fix +: 3d$", QRegularExpression::MultilineOption).match(gpsReport.out).hasMatch(),
             qPrintable(gpsReport.out));
    QVERIFY2(gpsReport.out.contains("52.518"), qPrintable(gpsReport.out)); // 5231.12 N
    const s1test::RunResult gpsJson = ctl({"gps", "--json"});
    QCOMPARE(gpsJson.exitCode, 0);
    const QJsonObject gpsObject = QJsonDocument::fromJson(gpsJson.out.toUtf8()).object();
    QCOMPARE(gpsObject.value("fixMode").toString(), QStringLiteral("3d"));
    QVERIFY(gpsObject.value("pps").toObject().value("pulseCount").toInteger() > 0);
    const std::optional<s1::EngineSnapshot> locked = engine.latest();
    QVERIFY(locked && locked->gps);
    // Not QCOMPARE: s1::toString(GpsFixMode) returns static text, which QtTest would free.
    QVERIFY2(locked->gps->fixMode == s1::GpsFixMode::Fix3D, s1::toString(locked->gps->fixMode));
    QVERIFY(locked->gps->pps.pulseCount > 0);

    // Unplug the GPS: the serial port goes away, PPS loses its lock source and becomes
    // unusable, the network server takes over and the stratum follows it.
    gps.unplug();
    QVERIFY2(
        waitForSources([](const QString &out) { return out.contains("\n#? PPS ") && out.contains("\n^* 127.0.0.1 "); },
                       kSyncTimeout),
        qPrintable(sources.out + sources.err));
    tracking = ctl({"tracking"});
    QVERIFY2(tracking.out.contains("Stratum         : 3\n"), qPrintable(tracking.out));
    // The serial driver's fault is logged once, like every refclock driver's.
    QVERIFY(LogCapture::contains("s1.refclock", "refclock " + gps.device + " is gone"));
    QVERIFY(LogCapture::contains("s1.refclock", "refclock PPS delivered no usable sample"));
    // The window lists the unplugged receiver with its fault, not just as unusable.
    const std::optional<s1::EngineSnapshot> unplugged = engine.latest();
    QVERIFY(unplugged);
    const auto nmea = std::find_if(unplugged->sources.begin(), unplugged->sources.end(),
                                   [](const s1::SourceSnapshot &s) { return s.name == "NMEA"; });
    QVERIFY(nmea != unplugged->sources.end());
    QVERIFY2(nmea->driverFault, nmea->driverStatus.c_str());

    // Replug: the driver reopens the port and PPS is selected again.
    QVERIFY2(gps.plug(), "socat did not make the pseudo-terminals again");
    QVERIFY2(waitForSources([](const QString &out) { return out.contains("\n#* PPS "); }, kSyncTimeout),
             qPrintable(sources.out + sources.err));
    QVERIFY(LogCapture::contains("s1.refclock", "refclock reading " + gps.device));
    tracking = ctl({"tracking"});
    QVERIFY2(tracking.out.contains("Stratum         : 1\n"), qPrintable(tracking.out));
    engine.stop();
}

// The plain poll() host (no Qt event loop; what clknetsim-style simulators run) drives the SHM
// driver too: its JSON report lines show the refclock selected at stratum 1.
void TestRefClocks::plainHostReadsShm()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const int unit = 30 + static_cast<int>(::getpid() % 30);
    ShmWriter shm;
    QVERIFY2(shm.create(unit), std::strerror(errno));
    const QString config = s1test::writeFile(
        dir, "plain.conf",
        QStringLiteral("port 0\nrefclock SHM %1 refid GPS poll 0 dpoll -2 precision 1e-6\nmakestep 0.001 -1\n"
                       "logdir %2\nlog refclocks\n")
            .arg(unit)
            .arg(dir.filePath("log")));
    constexpr int kRunSeconds = 12;
    QProcess host;
    host.start(s1test::ourBinary("stratumone-core-host"),
               {"-f", config, "-x", "--report-interval", "1", "--duration", QString::number(kRunSeconds)});
    QVERIFY(host.waitForStarted());
    QTimer writer;
    connect(&writer, &QTimer::timeout, this, [&] { shm.write(nowPlus(kKnownOffset), nowPlus(0)); });
    writer.start(250);
    QVERIFY(
        s1test::waitFor([&] { return host.state() == QProcess::NotRunning; }, std::chrono::seconds(kRunSeconds + 10)));
    QCOMPARE(host.exitCode(), 0);
    const QList<QByteArray> lines = host.readAllStandardOutput().trimmed().split('\n');
    QVERIFY(!lines.isEmpty());
    const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
    QCOMPARE(last.value("reference").toObject().value("stratum").toInt(), 1);
    bool found = false;
    for (const auto &source : last.value("sources").toArray()) {
        const QJsonObject s = source.toObject();
        if (s.value("name").toString() != QStringLiteral("GPS"))
            continue;
        found = true;
        QCOMPARE(s.value("kind").toString(), QStringLiteral("refclock"));
        QCOMPARE(s.value("state").toString(), QStringLiteral("selected"));
        QVERIFY(s.value("reach").toInt() > 0);
        QVERIFY2(s.value("driverStatus").toString().contains("samples"),
                 qPrintable(s.value("driverStatus").toString()));
    }
    QVERIFY(found);

    // refclocks.log in chrony's layout: raw samples (with a driver-poll number) and filtered
    // ones ('-'), all from GPS, raw offsets the +12.3 ms the segment carried.
    QFile log(dir.filePath("log/refclocks.log"));
    QVERIFY2(log.open(QIODevice::ReadOnly), qPrintable(log.fileName()));
    int raw = 0, filtered = 0;
    for (const QByteArray &line : log.readAll().split('\n')) {
        const QList<QByteArray> columns = line.simplified().split(' ');
        if (columns.size() < 8 || columns[2] != "GPS")
            continue;
        if (columns[3] == "-") {
            ++filtered;
        } else {
            ++raw;
            QVERIFY2(std::abs(columns[6].toDouble() - kKnownOffset) < 1e-5,
                     line.constData()); // + = the reference is ahead
        }
    }
    QVERIFY2(raw > 10 && filtered > 3, qPrintable(QStringLiteral("%1 raw, %2 filtered").arg(raw).arg(filtered)));
}

// The plain poll() host runs the serial GPS through the same driver interface (it had no NMEA
// before): a receiver on a pseudo-terminal gives samples, and the refclock is selected.
void TestRefClocks::plainHostReadsNmeaFromAPty()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PtyGps gps(dir.filePath("ttyGPS"), dir.filePath("feed"));
    QVERIFY2(gps.plug(), "socat did not make the pseudo-terminals");
    const QString config = s1test::writeFile(
        dir, "plain.conf",
        QStringLiteral("port 0\nrefclock NMEA %1:115200 refid NMEA poll 0\nmakestep 0.1 -1\n").arg(gps.device));
    constexpr int kRunSeconds = 10;
    QProcess host;
    host.start(s1test::ourBinary("stratumone-core-host"),
               {"-f", config, "-x", "--report-interval", "1", "--duration", QString::number(kRunSeconds)});
    QVERIFY(host.waitForStarted());
    QVERIFY(
        s1test::waitFor([&] { return host.state() == QProcess::NotRunning; }, std::chrono::seconds(kRunSeconds + 10)));
    QCOMPARE(host.exitCode(), 0);
    const QList<QByteArray> lines = host.readAllStandardOutput().trimmed().split('\n');
    QVERIFY(!lines.isEmpty());
    const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
    bool found = false;
    for (const auto &source : last.value("sources").toArray()) {
        const QJsonObject s = source.toObject();
        if (s.value("name").toString() != QStringLiteral("NMEA"))
            continue;
        found = true;
        QVERIFY2(s.value("reach").toInt() > 0, qPrintable(QJsonDocument(s).toJson()));
        QCOMPARE(s.value("state").toString(), QStringLiteral("selected"));
        QVERIFY2(s.value("driverStatus").toString().startsWith("reading " + gps.device + " at 115200 baud"),
                 qPrintable(s.value("driverStatus").toString()));
    }
    QVERIFY(found);
    QCOMPARE(last.value("reference").toObject().value("stratum").toInt(), 1);
    QCOMPARE(last.value("gps").toObject().value("fixMode").toString(), QStringLiteral("3d"));
}

QTEST_GUILESS_MAIN(TestRefClocks)
#include "tst_refclocks.moc"
