// NicTimestamping (`hwtimestamp`) against fake network cards: a NicApi answering SIOCGIFINDEX,
// ETHTOOL_GET_TS_INFO, SIOCSHWTSTAMP/SIOCGHWTSTAMP and ETHTOOL_GSET as a driver would, and a
// DeviceApi modelling their PHCs (PTP_CLOCK_GETCAPS, PTP_SYS_OFFSET_PRECISE and _EXTENDED with
// linux/ptp_clock.h's structs). Each PHC is a perfect clock a known offset and rate from the
// host's, so converted stamps are checked to the nanosecond. No hardware, no real clock.
#include "net/NicApi.h"
#include "net/NicTimestamping.h"
#include "process/PrivilegedDevices.h"
#include "refclock/DeviceApi.h"
#include "refclock/RetainedDeviceApi.h"

#include <QtTest>

#include <linux/net_tstamp.h>
#include <linux/ptp_clock.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <map>

using namespace s1;

namespace {

constexpr std::int64_t kStartNs = 1'700'000'000LL * kNanosPerSecond;
constexpr std::int64_t kPhcOffsetNs = 37 * kNanosPerSecond + 250'000; // TAI and a little
constexpr double kPhcRate = 10e-6;                                    // 10 ppm fast
constexpr std::int64_t kExtendedWindowNs = 1000;
constexpr int kPhcFdBase = 40;
constexpr std::uint32_t kHardwareCapabilities =
    SOF_TIMESTAMPING_RAW_HARDWARE | SOF_TIMESTAMPING_RX_HARDWARE | SOF_TIMESTAMPING_TX_HARDWARE;

struct FakeCard
{
    int index = 1;
    int indexError = 0; // SIOCGIFINDEX fails with it
    int infoError = 0;  // ETHTOOL_GET_TS_INFO fails with it
    NicTimestampingInfo info{SOF_TIMESTAMPING_SOFTWARE | kHardwareCapabilities, 0, 1U << HWTSTAMP_TX_ON,
                             (1U << HWTSTAMP_FILTER_NONE) | (1U << HWTSTAMP_FILTER_ALL)};
    int setError = 0;       // SIOCSHWTSTAMP fails with it
    bool ignoresTx = false; // SIOCSHWTSTAMP succeeds but leaves transmit stamps off
    NicTimestampingConfig current;
    std::vector<NicTimestampingConfig> setRequests;
    int linkSpeed = 1000; // Mb/s
};

class FakeNic : public NicApi
{
public:
    std::vector<std::string> order; // getifaddrs' order
    std::map<std::string, FakeCard> cards;

    FakeCard &add(const std::string &name, int index)
    {
        order.push_back(name);
        FakeCard &card = cards[name];
        card.index = index;
        return card;
    }

    std::vector<std::string> interfaceNames() override { return order; }
    int interfaceIndex(const std::string &name) override
    {
        const auto it = cards.find(name);
        if (it == cards.end())
            return -ENODEV;
        return it->second.indexError ? -it->second.indexError : it->second.index;
    }
    int timestampingInfo(const std::string &name, NicTimestampingInfo &info) override
    {
        FakeCard &card = cards.at(name);
        if (card.infoError)
            return -card.infoError;
        info = card.info;
        return 0;
    }
    int setTimestamping(const std::string &name, NicTimestampingConfig &config) override
    {
        FakeCard &card = cards.at(name);
        card.setRequests.push_back(config);
        if (card.setError)
            return -card.setError;
        if (card.ignoresTx)
            config.txType = HWTSTAMP_TX_OFF;
        card.current = config;
        return 0;
    }
    int getTimestamping(const std::string &name, NicTimestampingConfig &config) override
    {
        config = cards.at(name).current;
        return 0;
    }
    int linkSpeed(const std::string &name) override { return cards.at(name).linkSpeed; }
};

ptp_clock_time clockTime(std::int64_t ns)
{
    ptp_clock_time t{};
    t.sec = ns / kNanosPerSecond;
    t.nsec = static_cast<std::uint32_t>(ns % kNanosPerSecond);
    return t;
}

// The PHCs /dev/ptp0.. of the cards, all alike.
class FakePhcs : public DeviceApi
{
public:
    std::int64_t systemNow = kStartNs;
    int openError = 0;
    bool crossTimestamps = true;
    bool brokenReadings = false; // the driver answers with nsec >= 1e9
    std::vector<unsigned long> requests;
    std::vector<std::string> opened;

    static std::int64_t phcAt(std::int64_t systemNs)
    {
        return systemNs + kPhcOffsetNs + std::llround(kPhcRate * static_cast<double>(systemNs - kStartNs));
    }

    int open(const std::string &path, int) override
    {
        if (openError)
            return -openError;
        opened.push_back(path);
        return kPhcFdBase + static_cast<int>(opened.size());
    }
    int close(int) override { return 0; }
    int ioctl(int, unsigned long request, void *arg) override
    {
        requests.push_back(request);
        if (request == PTP_CLOCK_GETCAPS) {
            auto *caps = static_cast<ptp_clock_caps *>(arg);
            std::memset(caps, 0, sizeof *caps);
            caps->cross_timestamping = crossTimestamps ? 1 : 0;
            return 0;
        }
        if (request == PTP_SYS_OFFSET_PRECISE) {
            if (!crossTimestamps)
                return -EOPNOTSUPP;
            auto *data = static_cast<ptp_sys_offset_precise *>(arg);
            data->device = clockTime(phcAt(systemNow));
            data->sys_realtime = clockTime(systemNow);
            if (brokenReadings)
                data->device.nsec = static_cast<std::uint32_t>(kNanosPerSecond);
            return 0;
        }
        if (request == PTP_SYS_OFFSET_EXTENDED) {
            auto *data = static_cast<ptp_sys_offset_extended *>(arg);
            for (unsigned i = 0; i < data->n_samples; ++i) {
                const std::int64_t before = systemNow + static_cast<std::int64_t>(i) * 2 * kExtendedWindowNs;
                data->ts[i][0] = clockTime(before);
                data->ts[i][1] = clockTime(phcAt(before + kExtendedWindowNs / 2));
                data->ts[i][2] = clockTime(before + kExtendedWindowNs);
                if (brokenReadings)
                    data->ts[i][1].nsec = static_cast<std::uint32_t>(kNanosPerSecond);
            }
            return 0;
        }
        return -ENOTTY;
    }
    long read(int, void *, std::size_t) override { return -EAGAIN; }
    int poll(int, short, int) override { return 0; }
};

RealTime systemTime(std::int64_t ns)
{
    return realTimeFromNanos(ns);
}

HwTimestampConfig config(const std::string &interface)
{
    HwTimestampConfig c;
    c.interface = interface;
    return c;
}

NicTimestamping::TimeMap identity()
{
    return [](RealTime t) { return t; };
}

double errorNs(RealTime got, RealTime want)
{
    return std::abs(static_cast<double>((got - want).count()));
}

} // namespace

class TestNicTimestamping : public QObject
{
    Q_OBJECT

private slots:
    void enablesACapableInterface();
    void receiveFilter_data();
    void receiveFilter();
    void fallsBackWithOneLine_data();
    void fallsBackWithOneLine();
    void reportedSettingsThatMatchAreEnough();
    void starEnablesWhatCan();
    void starWithNothingCapable();
    void convertsReceiveStamps();
    void convertsTransmitStamps();
    void noCrossTimestampsUsesSandwichedReads();
    void throughTheRawScale();
    void unknownInterface();
    void refusesStampsFarFromTheKernels();
    void badPhcAnswers();
    void pollsAtMaxPoll();
    void setUpBeforeThePrivilegeDrop();
};

void TestNicTimestamping::enablesACapableInterface()
{
    FakeNic nic;
    nic.add("eth0", 3).info.phcIndex = 2;
    FakePhcs phcs;
    NicTimestamping ts({config("eth0")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    QCOMPARE(log, std::vector<std::string>{"hardware timestamping enabled on eth0 (/dev/ptp2)"});
    QVERIFY(ts.enabled());
    QCOMPARE(ts.interfaces().size(), std::size_t(1));
    QCOMPARE(ts.interfaces()[0]->index, 3);
    QCOMPARE(phcs.opened, std::vector<std::string>{"/dev/ptp2"});
    const std::vector<NicTimestampingConfig> want{{HWTSTAMP_TX_ON, HWTSTAMP_FILTER_ALL}};
    QCOMPARE(nic.cards["eth0"].setRequests, want);
}

void TestNicTimestamping::receiveFilter_data()
{
    QTest::addColumn<int>("wanted");
    QTest::addColumn<unsigned>("offered");
    QTest::addColumn<int>("filter");
    QTest::addColumn<bool>("receive");
    using F = HwTimestampConfig::RxFilter;
    const unsigned all = 1U << HWTSTAMP_FILTER_ALL;
    const unsigned ntp = 1U << HWTSTAMP_FILTER_NTP_ALL;
    const unsigned ptp = 1U << HWTSTAMP_FILTER_PTP_V2_L4_EVENT;
    const unsigned ptpL2 = 1U << HWTSTAMP_FILTER_PTP_V2_EVENT;
    QTest::newRow("any: ntp first") << int(F::Any) << (all | ntp) << int(HWTSTAMP_FILTER_NTP_ALL) << true;
    QTest::newRow("any: all") << int(F::Any) << all << int(HWTSTAMP_FILTER_ALL) << true;
    QTest::newRow("any: none offered") << int(F::Any) << ptp << int(HWTSTAMP_FILTER_NONE) << false;
    QTest::newRow("none: transmit only") << int(F::None) << all << int(HWTSTAMP_FILTER_NONE) << false;
    QTest::newRow("ntp") << int(F::Ntp) << all << int(HWTSTAMP_FILTER_NTP_ALL) << true;
    QTest::newRow("ptp l4") << int(F::Ptp) << (ptp | ptpL2) << int(HWTSTAMP_FILTER_PTP_V2_L4_EVENT) << true;
    QTest::newRow("ptp any layer") << int(F::Ptp) << ptpL2 << int(HWTSTAMP_FILTER_PTP_V2_EVENT) << true;
    QTest::newRow("all") << int(F::All) << ntp << int(HWTSTAMP_FILTER_ALL) << true;
}

void TestNicTimestamping::receiveFilter()
{
    QFETCH(int, wanted);
    QFETCH(unsigned, offered);
    QFETCH(int, filter);
    QFETCH(bool, receive);
    FakeNic nic;
    nic.add("eth0", 1).info.rxFilters = offered;
    FakePhcs phcs;
    HwTimestampConfig c = config("eth0");
    c.rxFilter = static_cast<HwTimestampConfig::RxFilter>(wanted);
    NicTimestamping ts({c}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    QVERIFY(ts.enabled());
    QCOMPARE(nic.cards["eth0"].setRequests.back().rxFilter, filter);
    QCOMPARE(ts.interfaces()[0]->receive, receive);
    QCOMPARE(log.front().find("(transmit only)") != std::string::npos, !receive);
}

void TestNicTimestamping::fallsBackWithOneLine_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("line");
    const QString tail = "; its NTP packets keep kernel software timestamps";
    QTest::newRow("no interface") << "index"
                                  << "cannot enable hardware timestamping on eth0: no such interface (No such device)"
                                         + tail;
    QTest::newRow("no ethtool") << "info"
                                << "cannot enable hardware timestamping on eth0: ETHTOOL_GET_TS_INFO failed (Operation "
                                   "not supported)"
                                       + tail;
    QTest::newRow("software only")
        << "caps"
        << "cannot enable hardware timestamping on eth0: the card has no raw hardware receive "
           "and transmit timestamps"
               + tail;
    QTest::newRow("no phc") << "phc"
                            << "cannot enable hardware timestamping on eth0: the card has no PTP hardware clock" + tail;
    QTest::newRow("not allowed") << "set"
                                 << "cannot enable hardware timestamping on eth0: SIOCSHWTSTAMP failed (Operation not "
                                    "permitted)"
                                        + tail;
    QTest::newRow("transmit stamps refused")
        << "txoff"
        << "cannot enable hardware timestamping on eth0: the driver did not turn transmit timestamps on" + tail;
    QTest::newRow("phc missing")
        << "open"
        << "cannot enable hardware timestamping on eth0: /dev/ptp0: no such device (does the NIC driver expose a PHC? "
           "`ethtool -T <interface>` shows its index)"
               + tail;
}

void TestNicTimestamping::fallsBackWithOneLine()
{
    QFETCH(QString, fault);
    QFETCH(QString, line);
    FakeNic nic;
    FakeCard &card = nic.add("eth0", 1);
    FakePhcs phcs;
    if (fault == "index")
        card.indexError = ENODEV;
    else if (fault == "info")
        card.infoError = EOPNOTSUPP;
    else if (fault == "caps")
        card.info.soTimestamping = SOF_TIMESTAMPING_SOFTWARE | SOF_TIMESTAMPING_RX_SOFTWARE;
    else if (fault == "phc")
        card.info.phcIndex = -1;
    else if (fault == "set")
        card.setError = EPERM;
    else if (fault == "open")
        phcs.openError = ENOENT;
    else if (fault == "txoff")
        card.ignoresTx = true;
    NicTimestamping ts({config("eth0"), config("eth0")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    QVERIFY(!ts.enabled());
    // One line, even for an interface named twice.
    QCOMPARE(log, std::vector<std::string>{line.toStdString()});
    QVERIFY(!ts.convertReceive(1, systemTime(kStartNs), 0, 48, false, systemTime(kStartNs)));
    QVERIFY(!ts.nextWakeup());
}

void TestNicTimestamping::reportedSettingsThatMatchAreEnough()
{
    // A driver that lets only read its settings (SIOCSHWTSTAMP refused), already set as we want.
    FakeNic nic;
    FakeCard &card = nic.add("eth0", 1);
    card.setError = EPERM;
    card.current = {HWTSTAMP_TX_ON, HWTSTAMP_FILTER_ALL};
    FakePhcs phcs;
    NicTimestamping ts({config("eth0")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    QVERIFY(ts.enabled());
    QCOMPARE(log, std::vector<std::string>{"hardware timestamping enabled on eth0 (/dev/ptp0)"});
}

void TestNicTimestamping::starEnablesWhatCan()
{
    FakeNic nic;
    nic.add("lo", 0).info = {SOF_TIMESTAMPING_SOFTWARE, -1, 0, 0};
    nic.add("eth0", 1).info.phcIndex = 0;
    nic.add("eth1", 2).info.phcIndex = -1;
    nic.add("eth2", 3).info.phcIndex = 1;
    FakePhcs phcs;
    HwTimestampConfig star = config("*");
    star.txComp = 1e-6;
    // eth2 is named too: its own line's options win, and it is said once.
    HwTimestampConfig eth2 = config("eth2");
    NicTimestamping ts({star, eth2}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    const std::vector<std::string> want{"hardware timestamping enabled on eth2 (/dev/ptp1)",
                                        "hardware timestamping enabled on eth0 (/dev/ptp0)"};
    QCOMPARE(log, want);
    QCOMPARE(ts.interfaces().size(), std::size_t(2));
    QCOMPARE(ts.interfaces()[0]->config.txComp, 0.0);
    QCOMPARE(ts.interfaces()[1]->config.txComp, 1e-6);
}

void TestNicTimestamping::starWithNothingCapable()
{
    FakeNic nic;
    nic.add("lo", 0).info = {SOF_TIMESTAMPING_SOFTWARE, -1, 0, 0};
    FakePhcs phcs;
    NicTimestamping ts({config("*")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    QVERIFY(!ts.enabled());
    QCOMPARE(log, std::vector<std::string>{"hwtimestamp *: no other interface can timestamp in hardware (raw hardware "
                                           "receive and transmit stamps and a PHC); NTP packets keep kernel software "
                                           "timestamps"});
}

namespace {

// Runs the PHC polls for `seconds` seconds, one a second, as stamps arriving would.
void track(NicTimestamping &ts, FakePhcs &phcs, int seconds)
{
    std::vector<std::string> log;
    for (int i = 0; i < seconds; ++i) {
        ts.timeout(systemTime(phcs.systemNow), log);
        ts.convertTransmit(-1, systemTime(FakePhcs::phcAt(phcs.systemNow)), systemTime(phcs.systemNow));
        phcs.systemNow += kNanosPerSecond;
    }
    QVERIFY(log.empty());
}

} // namespace

void TestNicTimestamping::convertsReceiveStamps()
{
    FakeNic nic;
    nic.add("eth0", 4).linkSpeed = 10000;
    FakePhcs phcs;
    HwTimestampConfig c = config("eth0");
    c.rxComp = 200e-9;
    c.txComp = 300e-9;
    NicTimestamping ts({c}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    track(ts, phcs, 4);
    // A frame of 90 bytes started arriving at `start`: the stamp moves to its end (94 bytes
    // with the FCS at 10 Gb/s: 75.2 ns), less rxcomp.
    const std::int64_t start = phcs.systemNow + 300'000'000;
    const RealTime kernel = systemTime(start + 20'000);
    const auto converted = ts.convertReceive(4, systemTime(FakePhcs::phcAt(start)), 90, 48, false, kernel);
    QVERIFY(converted);
    const RealTime want = systemTime(start) + fromSeconds(94 * 8 / 1e10 - 200e-9);
    QVERIFY2(errorNs(*converted, want) <= 2.0, qPrintable(QString::number(errorNs(*converted, want))));
    // Without the frame's length the UDP payload is taken to start at byte 42 (62 over IPv6).
    const auto guessed4 = ts.convertReceive(4, systemTime(FakePhcs::phcAt(start)), 0, 48, false, kernel);
    const auto guessed6 = ts.convertReceive(4, systemTime(FakePhcs::phcAt(start)), 0, 48, true, kernel);
    QVERIFY(guessed4 && guessed6);
    QVERIFY(errorNs(*guessed4, want) <= 2.0);
    QVERIFY(errorNs(*guessed6, want + fromSeconds(20 * 8 / 1e10)) <= 2.0);
    QCOMPARE(ts.interfaces()[0]->receiveStamps, std::uint64_t(3));
}

void TestNicTimestamping::convertsTransmitStamps()
{
    FakeNic nic;
    nic.add("eth0", 4);
    FakePhcs phcs;
    HwTimestampConfig c = config("eth0");
    c.rxComp = 200e-9;
    c.txComp = 300e-9;
    NicTimestamping ts({c}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    track(ts, phcs, 4);
    const std::int64_t left = phcs.systemNow + 100'000;
    const auto converted = ts.convertTransmit(4, systemTime(FakePhcs::phcAt(left)), systemTime(phcs.systemNow));
    QVERIFY(converted);
    // A transmit stamp is the frame's start: only txcomp.
    const RealTime want = systemTime(left) + fromSeconds(300e-9);
    QVERIFY2(errorNs(*converted, want) <= 2.0, qPrintable(QString::number(errorNs(*converted, want))));
}

void TestNicTimestamping::noCrossTimestampsUsesSandwichedReads()
{
    FakeNic nic;
    nic.add("eth0", 1);
    FakePhcs phcs;
    HwTimestampConfig c = config("eth0");
    c.noCrossTimestamp = true;
    NicTimestamping ts({c}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    track(ts, phcs, 3);
    QVERIFY(std::find(phcs.requests.begin(), phcs.requests.end(), PTP_SYS_OFFSET_PRECISE) == phcs.requests.end());
    QVERIFY(std::find(phcs.requests.begin(), phcs.requests.end(), PTP_SYS_OFFSET_EXTENDED) != phcs.requests.end());
    const auto converted =
        ts.convertTransmit(1, systemTime(FakePhcs::phcAt(phcs.systemNow)), systemTime(phcs.systemNow));
    QVERIFY(converted);
    QVERIFY(errorNs(*converted, systemTime(phcs.systemNow)) <= 2.0);
}

void TestNicTimestamping::throughTheRawScale()
{
    // With a clock driver the readings are tracked on the raw scale (here 5 ms behind the
    // system clock) and the stamps handed back on the system clock.
    FakeNic nic;
    nic.add("eth0", 1);
    FakePhcs phcs;
    const Nanoseconds shift = std::chrono::milliseconds(5);
    NicTimestamping ts(
        {config("eth0")}, nic, phcs, [shift](RealTime host) { return host - shift; },
        [shift](RealTime raw) { return raw + shift; });
    std::vector<std::string> log;
    ts.start(log);
    track(ts, phcs, 3);
    const auto converted =
        ts.convertTransmit(1, systemTime(FakePhcs::phcAt(phcs.systemNow)), systemTime(phcs.systemNow));
    QVERIFY(converted);
    QVERIFY(errorNs(*converted, systemTime(phcs.systemNow)) <= 2.0);
}

void TestNicTimestamping::unknownInterface()
{
    FakeNic nic;
    nic.add("eth0", 1);
    nic.add("eth1", 2).info.phcIndex = 1;
    FakePhcs phcs;
    NicTimestamping ts({config("*")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    QCOMPARE(ts.interfaces().size(), std::size_t(2));
    for (int i = 0; i < 3; ++i) {
        ts.timeout(systemTime(phcs.systemNow), log);
        phcs.systemNow += 2 * kNanosPerSecond;
    }
    const RealTime stamp = systemTime(FakePhcs::phcAt(phcs.systemNow));
    // Two interfaces: a stamp without its interface cannot be placed; one of another neither.
    QVERIFY(!ts.convertTransmit(-1, stamp, systemTime(phcs.systemNow)));
    QVERIFY(!ts.convertTransmit(7, stamp, systemTime(phcs.systemNow)));
    QVERIFY(ts.convertTransmit(2, stamp, systemTime(phcs.systemNow)));
}

void TestNicTimestamping::refusesStampsFarFromTheKernels()
{
    FakeNic nic;
    nic.add("eth0", 1);
    FakePhcs phcs;
    NicTimestamping ts({config("eth0")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    track(ts, phcs, 3);
    const RealTime stamp = systemTime(FakePhcs::phcAt(phcs.systemNow));
    const std::uint64_t before = ts.interfaces()[0]->refused;
    QVERIFY(!ts.convertReceive(1, stamp, 90, 48, false, systemTime(phcs.systemNow + 2 * kNanosPerSecond)));
    QVERIFY(!ts.convertTransmit(1, stamp, systemTime(phcs.systemNow - 2 * kNanosPerSecond)));
    QCOMPARE(ts.interfaces()[0]->refused - before, std::uint64_t(2));
}

void TestNicTimestamping::badPhcAnswers()
{
    FakeNic nic;
    nic.add("eth0", 1);
    FakePhcs phcs;
    phcs.brokenReadings = true;
    NicTimestamping ts({config("eth0")}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    log.clear();
    for (int i = 0; i < 4; ++i) {
        ts.timeout(systemTime(phcs.systemNow), log);
        phcs.systemNow += 2 * kNanosPerSecond;
    }
    // Said once, however often it fails; nothing converts meanwhile, so the kernel's software
    // stamps stay.
    QCOMPARE(log.size(), std::size_t(1));
    QVERIFY2(log[0].starts_with("hardware timestamps of eth0: /dev/ptp0: no valid reading"), log[0].c_str());
    QVERIFY(!ts.convertTransmit(1, systemTime(FakePhcs::phcAt(phcs.systemNow)), systemTime(phcs.systemNow)));
    QVERIFY(ts.interfaces()[0]->phcFailures >= 4);
    phcs.brokenReadings = false;
    log.clear();
    phcs.systemNow += 2 * kNanosPerSecond;
    ts.timeout(systemTime(phcs.systemNow), log);
    QCOMPARE(log, std::vector<std::string>{"hardware timestamps of eth0: reading /dev/ptp0 again"});
}

void TestNicTimestamping::pollsAtMaxPoll()
{
    FakeNic nic;
    nic.add("eth0", 1);
    FakePhcs phcs;
    HwTimestampConfig c = config("eth0");
    c.minPoll = 0;
    c.maxPoll = 3;
    NicTimestamping ts({c}, nic, phcs, identity(), identity());
    std::vector<std::string> log;
    ts.start(log);
    // Due at once (no reading yet), then every 2^maxpoll s while no stamp asks sooner.
    QVERIFY(ts.nextWakeup() <= systemTime(phcs.systemNow));
    ts.timeout(systemTime(phcs.systemNow), log);
    QCOMPARE(ts.interfaces()[0]->phcReadings, std::uint64_t(1));
    QCOMPARE(*ts.nextWakeup(), systemTime(phcs.systemNow + 8 * kNanosPerSecond));
    phcs.systemNow += 7 * kNanosPerSecond;
    ts.timeout(systemTime(phcs.systemNow), log);
    QCOMPARE(ts.interfaces()[0]->phcReadings, std::uint64_t(1));
    phcs.systemNow += kNanosPerSecond;
    ts.timeout(systemTime(phcs.systemNow), log);
    QCOMPARE(ts.interfaces()[0]->phcReadings, std::uint64_t(2));
}

void TestNicTimestamping::setUpBeforeThePrivilegeDrop()
{
    // The service as root (or with the unit's start-up capabilities) sets the card up and opens
    // its PHC; the engine, started after the drop, may do neither and still stamps in hardware.
    EngineConfig engineConfig;
    engineConfig.hwTimestamps = {config("eth0")};
    FakeNic nic;
    FakeCard &card = nic.add("eth0", 3);
    card.info.phcIndex = 1;
    FakePhcs phcs;
    RetainedDeviceApi devices(phcs);
    QCOMPARE(openPrivilegedDevices(engineConfig, devices, nic),
             std::string("before giving up privileges: opened /dev/ptp1; hardware timestamping set up on eth0"));
    QCOMPARE(card.current, (NicTimestampingConfig{HWTSTAMP_TX_ON, HWTSTAMP_FILTER_ALL}));

    // The drop: SIOCSHWTSTAMP needs CAP_NET_ADMIN, /dev/ptp1 is root's.
    card.setError = EPERM;
    phcs.openError = EACCES;
    NicTimestamping engine(engineConfig.hwTimestamps, nic, devices, identity(), identity());
    std::vector<std::string> log;
    engine.start(log);
    QCOMPARE(log, std::vector<std::string>{"hardware timestamping enabled on eth0 (/dev/ptp1)"});
    QCOMPARE(devices.handedOver(), std::uint64_t(1));
    // The PHC is read through the retained descriptor.
    track(engine, phcs, 4);
    QCOMPARE(engine.interfaces()[0]->phcFailures, std::uint64_t(0));
    QVERIFY(engine.interfaces()[0]->phcReadings > 0);
    const std::int64_t t = phcs.systemNow;
    QVERIFY(engine.convertTransmit(3, systemTime(FakePhcs::phcAt(t)), systemTime(t)).has_value());

    // Without it, the same engine keeps software stamps and says why.
    FakeNic unprepared;
    unprepared.add("eth0", 3).setError = EPERM;
    RetainedDeviceApi nothingRetained(phcs);
    NicTimestamping alone(engineConfig.hwTimestamps, unprepared, nothingRetained, identity(), identity());
    log.clear();
    alone.start(log);
    QVERIFY(!alone.enabled());
    QCOMPARE(log.size(), std::size_t(1));
    QVERIFY2(QString::fromStdString(log[0]).contains("SIOCSHWTSTAMP failed"), log[0].c_str());

    // A configuration without such devices opens nothing and says nothing.
    FakePhcs untouched;
    RetainedDeviceApi idle(untouched);
    QCOMPARE(openPrivilegedDevices(EngineConfig{}, idle, nic), std::string());
    QVERIFY(untouched.opened.empty());
}

QTEST_APPLESS_MAIN(TestNicTimestamping)
#include "tst_nictimestamping.moc"
