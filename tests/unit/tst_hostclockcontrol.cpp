// The hosts' switch for system clock control, against a recording fake kernel (the machine's
// clock is only ever read): the plain host without -x opens KernelClockDriver, sets the drift
// file's frequency and hands the clock back at its base frequency when it stops; a kernel that
// refuses (no CAP_SYS_TIME) leaves the engine on its virtual clock with a clear warning; with
// clock control off the kernel is never called; and the launch options turn it on unless -x.
// Also how the plain host stops: SIGTERM/SIGINT set a flag, with no fd of their own (clknetsim
// must simulate every fd in its poll() set).
#include "LaunchOptions.h"
#include "UnixSignalWatcher.h"

#include "clock/DriftFile.h"
#include "clock/KernelClockApi.h"
#include "config/ConfigReader.h"
#include "host/EngineRuntime.h"
#include "host/PlainHost.h"
#include "net/NicApi.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <signal.h>

using namespace s1;

namespace {

constexpr long kUserHz = 100;
constexpr long kNominalTick = 10'000; // us per 1/USER_HZ s
constexpr double kFreqScale = 65536.0;
constexpr double kRunSeconds = 0.3;
constexpr double kDriftPpm = 7.25; // the drift file's frequency (chrony's sign: the clock runs fast)
constexpr double kKernelStartPpm = 112.5;

// Records every clock_adjtime call and keeps tick, freq and status like the kernel; changes
// nothing real. gettime reads the machine's CLOCK_REALTIME, the clock the host reads too.
class RecordingKernel : public KernelClockApi
{
public:
    bool privileged = true;
    long tick = kNominalTick + 1;                                        // +100 ppm
    long freq = static_cast<long>((kKernelStartPpm - 100) * kFreqScale); // +12.5 ppm
    int status = STA_UNSYNC;
    std::vector<unsigned> modes;
    int refused = 0;
    int settimeCalls = 0;

    int adjtime(timex &tx) override
    {
        modes.push_back(tx.modes);
        if (tx.modes != 0 && tx.modes != ADJ_OFFSET_SS_READ && !privileged) {
            ++refused;
            return -EPERM;
        }
        if (tx.modes & ADJ_TICK)
            tick = tx.tick;
        if (tx.modes & ADJ_FREQUENCY)
            freq = tx.freq;
        if (tx.modes & ADJ_STATUS)
            status = tx.status;
        tx.tick = tick;
        tx.freq = freq;
        tx.status = status;
        tx.offset = 0;
        return (status & STA_UNSYNC) ? TIME_ERROR : TIME_OK;
    }
    int gettime(timespec &ts) override { return ::clock_gettime(CLOCK_REALTIME, &ts) == 0 ? 0 : -errno; }
    int settime(const timespec &) override
    {
        ++settimeCalls;
        return -EPERM; // never the real clock
    }
    long userHz() override { return kUserHz; }

    double frequencyPpm() const
    {
        return static_cast<double>((tick - kNominalTick) * kUserHz) + static_cast<double>(freq) / kFreqScale;
    }
    bool changed(unsigned mode) const
    {
        return std::any_of(modes.begin(), modes.end(), [mode](unsigned m) { return (m & mode) == mode; });
    }
};

EngineConfig configFor(const QTemporaryDir &dir, bool withDriftFile)
{
    std::string text = "port 0\nlocal stratum 5\n";
    if (withDriftFile) {
        const std::string drift = dir.filePath("drift").toStdString();
        std::string error;
        if (!writeDriftFile(drift, DriftState{kDriftPpm, 0.1}, error))
            qFatal("drift file: %s", error.c_str());
        text += "driftfile " + drift + "\n";
    }
    const ConfigReadResult read = readConfigText(text, "test.conf");
    if (!read.ok())
        qFatal("configuration rejected");
    return read.config;
}

// A machine without the interface `hwtimestamp` names: every interface call fails as the
// kernel's do for an unknown name.
class NoNetworkCards : public NicApi
{
public:
    std::vector<std::string> interfaceNames() override { return {}; }
    int interfaceIndex(const std::string &) override { return -ENODEV; }
    int timestampingInfo(const std::string &, NicTimestampingInfo &) override { return -ENODEV; }
    int setTimestamping(const std::string &, NicTimestampingConfig &) override { return -ENODEV; }
    int getTimestamping(const std::string &, NicTimestampingConfig &) override { return -ENODEV; }
    int linkSpeed(const std::string &) override { return -ENODEV; }
};

HostOptions hostOptions(RecordingKernel *kernel, bool clockControl)
{
    HostOptions options;
    options.serverAddresses = {IpAddress::v4(0x7F000001)};
    options.clockControl = clockControl;
    options.kernelClockApi = kernel;
    options.seed = 1;
    return options;
}

// Runs a plain host for a moment; returns its exit code and what it printed.
int runPlainHost(const EngineConfig &config, const HostOptions &options, std::string &printed)
{
    std::FILE *diagnostics = std::tmpfile();
    if (!diagnostics)
        qFatal("tmpfile");
    PlainHostOptions plain;
    plain.duration = kRunSeconds;
    plain.diagnostics = diagnostics;
    int code = 0;
    {
        PlainHost host(config, options, plain);
        code = host.run();
    }
    std::rewind(diagnostics);
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, diagnostics))
        printed += buffer;
    std::fclose(diagnostics);
    return code;
}

// An IERS list with what chrony's sanity check wants (2009, 2012) up to 2017, optionally the
// 2027 entry a later tzdata might bring, expiring in 2028.
void writeLeapList(const std::string &path, bool with2027)
{
    std::string text = "#$ 3913697179\n#@ 4054752000\n"
                       "3439756800 34 # 1 Jan 2009\n"
                       "3550089600 35 # 1 Jul 2012\n3644697600 36 # 1 Jul 2015\n"
                       "3692217600 37 # 1 Jan 2017\n";
    if (with2027)
        text += "4007750400 38 # 1 Jan 2027\n";
    std::FILE *file = std::fopen(path.c_str(), "w");
    if (!file || std::fputs(text.c_str(), file) < 0 || std::fclose(file) != 0)
        qFatal("cannot write %s", path.c_str());
}

std::size_t openFdCount()
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto &entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++n;
    return n;
}

std::optional<LaunchOptions> parse(const QStringList &arguments, LaunchProgram program)
{
    return parseLaunchOptions(arguments, program).options;
}

} // namespace

class TestHostClockControl : public QObject
{
    Q_OBJECT
private slots:
    void plainHostSteersThroughTheDriver();
    void refusedKernelKeepsTheVirtualClock();
    void withoutClockControlTheKernelIsNeverCalled();
    void launchOptionsTurnClockControlOnUnlessX();
    void stopSignalIsAFlagNotAnFd();
    void hwtimestampFallsBackWithOneLine();
    void leapSecondTableIsReadAgain();
};

void TestHostClockControl::plainHostSteersThroughTheDriver()
{
    QTemporaryDir dir;
    RecordingKernel kernel;
    std::string printed;
    QCOMPARE(runPlainHost(configFor(dir, true), hostOptions(&kernel, true), printed), 0);

    QVERIFY2(printed.find("steering the system clock") != std::string::npos, printed.c_str());
    // It took the clock over (adjtime() offset cancelled first, PLL off) ...
    QVERIFY(!kernel.modes.empty());
    QCOMPARE(kernel.modes.front(), unsigned(ADJ_OFFSET_SINGLESHOT));
    QVERIFY(kernel.changed(ADJ_STATUS));
    // ... set the drift file's frequency, and left the clock at it when it stopped: with no
    // source to follow there is nothing but the base frequency to run.
    QVERIFY(kernel.changed(ADJ_TICK | ADJ_FREQUENCY));
    // chrony's sign: a file saying the clock runs 7.25 ppm fast slows the kernel by 7.25 ppm.
    QVERIFY2(std::abs(kernel.frequencyPpm() + kDriftPpm) < 1.0 / kFreqScale,
             qPrintable(QString::number(kernel.frequencyPpm())));
    QVERIFY(kernel.status & STA_UNSYNC); // never synchronised to a source
    QVERIFY(!kernel.changed(ADJ_SETOFFSET));
    QCOMPARE(kernel.settimeCalls, 0);
    QCOMPARE(kernel.refused, 0);

    // Stopping hands the clock back at the base frequency: the runtime's shutdown() ends the
    // driver's slew with one last frequency change.
    RecordingKernel stops;
    EngineRuntime runtime(configFor(dir, true), hostOptions(&stops, true));
    std::string error;
    QVERIFY2(runtime.start(error), error.c_str());
    QVERIFY(runtime.controlsClock());
    QVERIFY(runtime.clockWarning().empty());
    const std::size_t callsBeforeShutdown = stops.modes.size();
    stops.freq = 0; // as if a slew were running
    runtime.shutdown();
    QCOMPARE(stops.modes.size(), callsBeforeShutdown + 1);
    QCOMPARE(stops.modes.back(), unsigned(ADJ_TICK | ADJ_FREQUENCY));
    QVERIFY(std::abs(stops.frequencyPpm() + kDriftPpm) < 1.0 / kFreqScale);

    // Without a drift file the frequency the kernel ran at is kept.
    RecordingKernel keeps;
    printed.clear();
    QCOMPARE(runPlainHost(configFor(dir, false), hostOptions(&keeps, true), printed), 0);
    QVERIFY2(std::abs(keeps.frequencyPpm() - kKernelStartPpm) < 1.0 / kFreqScale,
             qPrintable(QString::number(keeps.frequencyPpm())));
}

void TestHostClockControl::refusedKernelKeepsTheVirtualClock()
{
    QTemporaryDir dir;
    RecordingKernel kernel;
    kernel.privileged = false; // a service without CAP_SYS_TIME
    std::string printed;
    QCOMPARE(runPlainHost(configFor(dir, true), hostOptions(&kernel, true), printed), 0);
    QVERIFY2(printed.find("warning: cannot control the system clock (") != std::string::npos, printed.c_str());
    QVERIFY2(printed.find("Operation not permitted") != std::string::npos, printed.c_str());
    QVERIFY2(printed.find("keeping a virtual clock") != std::string::npos, printed.c_str());
    QVERIFY2(printed.find("steering the system clock") == std::string::npos, printed.c_str());
    // One refused call, then nothing more was asked of the kernel.
    QCOMPARE(kernel.refused, 1);
    QCOMPARE(kernel.modes.size(), std::size_t(1));
    QCOMPARE(kernel.frequencyPpm(), kKernelStartPpm);

    // The runtime says so and goes on serving its virtual clock.
    RecordingKernel again;
    again.privileged = false;
    EngineRuntime runtime(configFor(dir, false), hostOptions(&again, true));
    std::string error;
    QVERIFY2(runtime.start(error), error.c_str());
    QVERIFY(!runtime.controlsClock());
    QVERIFY(runtime.clockWarning().find("CAP_SYS_TIME") != std::string::npos);
    QVERIFY(runtime.snapshot().reference.synchronised); // `local`
    runtime.timeout();
    runtime.shutdown();
    QCOMPARE(again.modes.size(), std::size_t(1));
}

void TestHostClockControl::withoutClockControlTheKernelIsNeverCalled()
{
    QTemporaryDir dir;
    RecordingKernel kernel;
    std::string printed;
    QCOMPARE(runPlainHost(configFor(dir, true), hostOptions(&kernel, false), printed), 0);
    QVERIFY(kernel.modes.empty());
    QVERIFY2(printed.find("system clock") == std::string::npos, printed.c_str());
}

void TestHostClockControl::launchOptionsTurnClockControlOnUnlessX()
{
    const auto coreHost = [](const QStringList &args) {
        return parse(QStringList{"stratumone-core-host"} + args, LaunchProgram::CoreHost);
    };
    const auto app = [](const QStringList &args) {
        return parse(QStringList{"stratumone"} + args, LaunchProgram::Application);
    };
    QVERIFY(hostOptionsFor(*coreHost({})).clockControl);
    QVERIFY(!hostOptionsFor(*coreHost({"-x"})).clockControl);
    QVERIFY(!hostOptionsFor(*coreHost({"--no-clock-control"})).clockControl);
    QVERIFY(hostOptionsFor(*app({"--service"})).clockControl);
    QVERIFY(!hostOptionsFor(*app({"--service", "-x"})).clockControl);
    // The real kernel unless a test injects one.
    QVERIFY(!hostOptionsFor(*app({"--service"})).kernelClockApi);
}

void TestHostClockControl::stopSignalIsAFlagNotAnFd()
{
    // The stop handlers open nothing: the old self-pipe was an fd clknetsim does not simulate,
    // which it reports as always readable, so the host left its loop at the first poll().
    const std::size_t before = openFdCount();
    const volatile std::sig_atomic_t *stop = s1::installStopFlag();
    QVERIFY(stop);
    QCOMPARE(openFdCount(), before);
    QCOMPARE(int(*stop), 0);

    // A plain host without --duration runs until the signal; SIGTERM interrupts its poll()
    // (no SA_RESTART) and it shuts down cleanly.
    QTemporaryDir dir;
    RecordingKernel kernel;
    std::FILE *diagnostics = std::tmpfile();
    QVERIFY(diagnostics);
    PlainHostOptions plain;
    plain.diagnostics = diagnostics;
    plain.stopRequested = stop;
    PlainHost host(configFor(dir, false), hostOptions(&kernel, false), plain);
    const pthread_t pollingThread = pthread_self();
    std::thread signaller([pollingThread] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        // Directed at the polling thread on purpose: a process-wide kill() may land in this
        // thread and leave poll() uninterrupted. The handler only sets the stop flag.
        pthread_kill(pollingThread, SIGTERM); // NOLINT(bugprone-bad-signal-to-kill-thread)
    });
    const int code = host.run();
    signaller.join();
    std::fclose(diagnostics);
    QCOMPARE(code, 0);
    QCOMPARE(int(*stop), 1);
}

void TestHostClockControl::hwtimestampFallsBackWithOneLine()
{
    // chrony's 133-hwts test configures hardware timestamping. It is in effect now (no "has no
    // effect yet"); on a machine whose interface cannot (here a fake card layer without the
    // interface at all) the host says so in one line and runs on kernel software stamps.
    const ConfigReadResult read = readConfigText("port 0\nlocal stratum 5\nhwtimestamp eth0 nocrossts\n", "hw.conf");
    QVERIFY(read.ok());
    QVERIFY(std::none_of(read.config.warnings.begin(), read.config.warnings.end(),
                         [](const std::string &w) { return w.find("hwtimestamp") != std::string::npos; }));
    NoNetworkCards cards;
    RecordingKernel kernel;
    HostOptions options = hostOptions(&kernel, false);
    options.nicApi = &cards;
    EngineRuntime runtime(read.config, options);
    std::vector<std::string> events;
    runtime.setEventSink([&events](const EngineEvent &event) { events.push_back(event.message); });
    std::string error;
    QVERIFY2(runtime.start(error), error.c_str());
    const std::vector<std::string> want{"cannot enable hardware timestamping on eth0: no such interface (No such "
                                        "device); its NTP packets keep kernel software timestamps"};
    QCOMPARE(events, want);
    QVERIFY(runtime.nicTimestamping() && !runtime.nicTimestamping()->enabled());
    runtime.shutdown();
}

void TestHostClockControl::leapSecondTableIsReadAgain()
{
    QTemporaryDir dir;
    const std::string list = dir.filePath("leap-seconds.list").toStdString();
    writeLeapList(list, false);
    const ConfigReadResult read = readConfigText("port 0\nlocal stratum 5\nleapseclist " + list + "\n", "test.conf");
    QVERIFY(read.ok());
    HostOptions options = hostOptions(nullptr, false);
    options.leapTableCheckInterval = std::chrono::seconds(0); // at every timeout
    EngineRuntime runtime(read.config, options);
    std::vector<std::string> events;
    runtime.setEventSink([&](const EngineEvent &event) { events.push_back(event.message); });
    std::string error;
    QVERIFY2(runtime.start(error), error.c_str());
    for (const std::string &warning : runtime.warnings())
        QVERIFY2(warning.find(list) == std::string::npos, warning.c_str());

    // Unchanged: nothing said.
    runtime.timeout();
    QVERIFY(events.empty());

    // tzdata brought a new leap second: the engine gets the table, the log says what is new.
    writeLeapList(list, true);
    runtime.timeout();
    QCOMPARE(events.size(), std::size_t(1));
    QCOMPARE(events.back(), std::string("leap second table read again: TAI - UTC 38 s from 2027-01-01"));

    // A file that broke is said once, and the table the engine has stays.
    std::FILE *broken = std::fopen(list.c_str(), "w");
    QVERIFY(broken);
    std::fputs("not a leap second list\n", broken);
    std::fclose(broken);
    runtime.timeout();
    runtime.timeout();
    QCOMPARE(events.size(), std::size_t(2));
    QVERIFY2(events.back().find(list) != std::string::npos && events.back().find("line 1") != std::string::npos,
             events.back().c_str());

    // Mended with the same table as before the damage: nothing new for the engine.
    writeLeapList(list, true);
    runtime.timeout();
    QCOMPARE(events.size(), std::size_t(2));
    runtime.shutdown();
}

QTEST_APPLESS_MAIN(TestHostClockControl)
#include "tst_hostclockcontrol.moc"
