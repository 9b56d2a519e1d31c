// The time-keeping core end to end in the simulator, measured against true time: short runs of
// the benchmark's scenarios with limits near chrony's figures, and falseticker rejection.
#include "sim/Simulation.h"

#include <QtTest>

#include <algorithm>

using namespace s1;
using namespace s1::sim;

namespace {

constexpr int kSeeds = 3;

struct Summary
{
    double rms = 0, max = 0, sync = 0;
};

// Median over seeds, as the benchmark reports.
Summary runScenario(Scenario scenario, double duration)
{
    scenario.duration = duration;
    std::vector<double> rms, max, sync;
    for (int seed = 1; seed <= kSeeds; ++seed) {
        const RunResult r = Simulation(scenario, static_cast<std::uint64_t>(seed)).run();
        rms.push_back(r.rmsError);
        max.push_back(r.maxError);
        sync.push_back(r.syncTime);
    }
    const auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    return {median(rms), median(max), median(sync)};
}

} // namespace

class TestTimekeeping : public QObject
{
    Q_OBJECT
private slots:
    void defaultScenario();
    void fastPollingLowJitter();
    void iburstWithDriftFileSyncsInSeconds();
    void falsetickersAreRejected_data();
    void falsetickersAreRejected();
    void trackingNamesTheServer();
    void eventsReportSelectionAndSteps();
    void deadServerDoesNotHoldUpSynchronisation();
    void peerOnlyReachability();
    void startupWithLostReplies();
    void makestepFromOneSecondWithLowJitter();
    void poll4WithMicrosecondJitterReachesSubMicrosecond();
    void filterFifteenAtPoll4Filters();
    void largeWanderIsFollowed();
    void ppsFollowsItsWander();
    void extraWakeupsChangeNothing_data();
    void extraWakeupsChangeNothing();
    void interleavedModeTakesTheRealTransmitTimes();
};

void TestTimekeeping::defaultScenario()
{
    // chrony 4.8 (10000 s): RMS 7.5e-5 s, max 1.6e-4 s, sync 131 s.
    const Summary s = runScenario(*findScenario("default"), 3000);
    QVERIFY2(s.rms < 1e-4, qPrintable(QString::number(s.rms)));
    QVERIFY2(s.max < 3e-4, qPrintable(QString::number(s.max)));
    QVERIFY2(s.sync < 200, qPrintable(QString::number(s.sync)));
}

void TestTimekeeping::fastPollingLowJitter()
{
    // chrony 4.8: RMS 1.2e-7 s, max 6.7e-7 s.
    const Summary s = runScenario(*findScenario("poll-4"), 1500);
    QVERIFY2(s.rms < 3e-7, qPrintable(QString::number(s.rms)));
    QVERIFY2(s.max < 1.5e-6, qPrintable(QString::number(s.max)));
}

void TestTimekeeping::iburstWithDriftFileSyncsInSeconds()
{
    // chrony 4.8: sync 5 s.
    const Summary s = runScenario(*findScenario("iburst"), 1500);
    QVERIFY2(s.sync <= 10, qPrintable(QString::number(s.sync)));
    QVERIFY2(s.rms < 1e-4, qPrintable(QString::number(s.rms)));
}

void TestTimekeeping::falsetickersAreRejected_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<int>("falsetickers");
    QTest::newRow("1 of 5") << "falsetickers-1" << 1;
    QTest::newRow("2 of 5") << "falsetickers-2" << 2;
}

void TestTimekeeping::falsetickersAreRejected()
{
    QFETCH(QString, scenario);
    QFETCH(int, falsetickers);
    Scenario s = *findScenario(scenario.toStdString());
    s.duration = 2000;
    const RunResult r = Simulation(s, 7).run();
    QCOMPARE(r.finalSnapshot.sources.size(), s.servers.size());
    int selected = 0;
    for (std::size_t i = 0; i < s.servers.size(); ++i) {
        const SourceState state = r.finalSnapshot.sources[i].state;
        if (s.servers[i].offset != 0) {
            QCOMPARE(state, SourceState::Falseticker);
        } else {
            QVERIFY(state != SourceState::Falseticker && state != SourceState::Unusable);
            selected += state == SourceState::Selected ? 1 : 0;
        }
    }
    QCOMPARE(selected, 1);
    QVERIFY(falsetickers > 0);
    // And the clock follows the truechimers, not the 50 ms liars.
    QVERIFY2(r.rmsError < 2e-4, qPrintable(QString::number(r.rmsError)));
}

void TestTimekeeping::trackingNamesTheServer()
{
    Scenario s = *findScenario("default");
    s.duration = 1000;
    const RunResult r = Simulation(s, 3).run();
    const ReferenceSnapshot &ref = r.finalSnapshot.reference;
    QVERIFY(ref.synchronised);
    QCOMPARE(ref.stratum, 2);
    QCOMPARE(ref.referenceId, 0xC0000201u); // 192.0.2.1
    QCOMPARE(ref.referenceName, std::string("192.0.2.1"));
    QCOMPARE(ref.leap, LeapIndicator::None);
    // The oscillator's 100 ppm error is what the frequency figure reports.
    QVERIFY2(std::abs(ref.frequencyPpm - 100.0) < 0.5, qPrintable(QString::number(ref.frequencyPpm)));
    QVERIFY(ref.rootDelay > 0 && ref.rootDispersion > 0);
    QVERIFY(ref.updateInterval > 0);
}

void TestTimekeeping::eventsReportSelectionAndSteps()
{
    // iburst with makestep 1e-2 1: the 0.1 s start offset is stepped once, then slewed.
    Scenario iburst = *findScenario("iburst");
    iburst.duration = 600;
    const RunResult r = Simulation(iburst, 2).run();
    int steps = 0, selections = 0;
    for (const EngineEvent &e : r.events) {
        QCOMPARE(e.category, EngineEvent::Category::Clock);
        steps += e.message.rfind("clock stepped by", 0) == 0 ? 1 : 0;
        selections += e.message == "selected source 192.0.2.1" ? 1 : 0;
    }
    QCOMPARE(steps, 1);
    QCOMPARE(selections, 1);

    // With falsetickers, the selection never lands on one of them.
    Scenario liars = *findScenario("falsetickers-2");
    liars.duration = 2000;
    const RunResult f = Simulation(liars, 4).run();
    QVERIFY(!f.events.empty());
    for (const EngineEvent &e : f.events)
        QVERIFY2(e.message != "selected source 192.0.2.1" && e.message != "selected source 192.0.2.2",
                 e.message.c_str());
}

void TestTimekeeping::deadServerDoesNotHoldUpSynchronisation()
{
    // The first selection waits for replies outstanding in the same round, but not for a server
    // that has never answered: one good and one dead server must synchronise like one good one.
    Scenario s = *findScenario("default");
    s.duration = 1000;
    s.servers = {ServerModel{}, ServerModel{0, 1, false}};
    const RunResult r = Simulation(s, 5).run();
    QVERIFY(r.finalSnapshot.reference.synchronised);
    QCOMPARE(r.finalSnapshot.sources.at(0).state, SourceState::Selected);
    QCOMPARE(r.finalSnapshot.sources.at(1).reach, std::uint8_t{0});
    QVERIFY2(r.syncTime < 200, qPrintable(QString::number(r.syncTime)));
}

void TestTimekeeping::peerOnlyReachability()
{
    // 125-packetloss under clknetsim: a node that reaches the time only through its `peer`s,
    // which `deny` clients, never synchronised: we polled the peer in client mode and its
    // access rules refused us. Peers poll each other in symmetric mode (1), answered with
    // mode 2 whatever the access rules say.
    Scenario s = *findScenario("default");
    s.duration = 2000;
    s.servers = {ServerModel{}};
    s.servers[0].stratum = 2;
    s.servers[0].peer = true;
    const RunResult r = Simulation(s, 4).run();
    const SourceSnapshot &peer = r.finalSnapshot.sources.at(0);
    QCOMPARE(peer.kind, SourceKind::Peer);
    QCOMPARE(peer.reach, std::uint8_t{0xff});
    QCOMPARE(peer.repliesRejected, 0u);
    QCOMPARE(peer.state, SourceState::Selected);
    QVERIFY(r.finalSnapshot.reference.synchronised);
    QCOMPARE(r.finalSnapshot.reference.stratum, 3);
    QVERIFY2(r.rmsError < 1e-4, qPrintable(QString::number(r.rmsError)));
}

void TestTimekeeping::startupWithLostReplies()
{
    // 001-defaults seed 4 under clknetsim: the replies at 64, 128 and 192 s were lost (then:
    // rejected as invalid), and the 0.13 s error was slewed late. A start-up without replies
    // retries quickly until the source has given two samples.
    Scenario s = *findScenario("default");
    s.duration = 1000;
    s.servers[0].lostFirstRequests = 3;
    for (ClientClock clock : {ClientClock::Virtual, ClientClock::Kernel}) {
        const RunResult r = Simulation(s, 4, clock).run();
        QVERIFY(r.finalSnapshot.reference.synchronised);
        // chronyd with every reply: sync 131 s.
        QVERIFY2(r.syncTime < 131, qPrintable(QString::number(r.syncTime)));
        QVERIFY2(r.maxError < 3e-4, qPrintable(QString::number(r.maxError)));
    }
}

void TestTimekeeping::makestepFromOneSecondWithLowJitter()
{
    // chrony's 109-makestep: 1 s initial offset, `makestep 2 1` (so slewed, not stepped),
    // jitter 1e-5, 200 s; chronyd under clknetsim: RMS 4.1e-6 s, max 4.8e-6 s after 150 s.
    // We had 4e-3 s there (half the replies rejected, the clock steered on two samples).
    Scenario s = *findScenario("default");
    s.clock.startOffset = 1.0;
    s.network.jitter = 1e-5;
    s.makestep = std::make_pair(2.0, 1);
    s.duration = 200;
    s.measureFrom = 150;
    std::vector<double> rms;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const RunResult r = Simulation(s, seed, ClientClock::Kernel).run();
        QVERIFY2(r.maxError < 3e-5, qPrintable(QString("seed %1: %2").arg(seed).arg(r.maxError)));
        rms.push_back(r.rmsError);
    }
    // Three samples by 150 s at poll 6: the median, not every seed, is chrony's figure.
    std::sort(rms.begin(), rms.end());
    QVERIFY2(rms[rms.size() / 2] < 6e-6, qPrintable(QString::number(rms[rms.size() / 2])));
}

void TestTimekeeping::poll4WithMicrosecondJitterReachesSubMicrosecond()
{
    // chrony's 101-poll4 on a steered clock: minpoll = maxpoll = 4, jitter 1e-6, no wander,
    // `makestep 1e-2 1`, 160 s, limits from 34 s: max 1e-5 s, RMS 5e-6 s; chronyd under
    // clknetsim: RMS 4e-7 s. We had 4.4e-5 s (a stuck error of tens of microseconds).
    Scenario s = *findScenario("poll-4");
    s.makestep = std::make_pair(1e-2, 1);
    s.duration = 160;
    s.measureFrom = 34;
    std::vector<double> rms;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const RunResult r = Simulation(s, seed, ClientClock::Kernel).run();
        QVERIFY2(r.maxError < 1e-5, qPrintable(QString("seed %1: %2").arg(seed).arg(r.maxError)));
        rms.push_back(r.rmsError);
    }
    std::sort(rms.begin(), rms.end());
    QVERIFY2(rms[rms.size() / 2] < 1e-6, qPrintable(QString::number(rms[rms.size() / 2])));
    // And over the long run (101-poll4-long: chronyd RMS 1.2e-7 s).
    s.duration = 10000;
    const RunResult r = Simulation(s, 1, ClientClock::Kernel).run();
    QVERIFY2(r.rmsError < 5e-7, qPrintable(QString::number(r.rmsError)));
}

void TestTimekeeping::filterFifteenAtPoll4Filters()
{
    // chrony's 127-filter on a steered clock: minpoll = maxpoll = 4, `filter 15` (one sample
    // per 240 s from 15 polls), the default 1e-4 s jitter and 100 ppm raw clock.
    // Under clknetsim we had twice chronyd's RMS: the filter sorted raw offsets, which drift
    // 1.6 ms a poll, so its median was the middle poll in time, not the median measurement.
    // Here: median RMS 4.5e-5 s before, 3.6e-5 s after. Then level with chronyd in clknetsim
    // (median of the span, 2.4e-5 s here); with the span's replies weighed by their round
    // trips and a long-term dispersion, 0.6 of chronyd's RMS there and 1.3e-5 s here.
    Scenario s = *findScenario("default");
    s.minPoll = s.maxPoll = 4;
    s.filter = 15;
    s.duration = 4000;
    s.measureFrom = 720;
    std::vector<double> rms;
    for (std::uint64_t seed = 1; seed <= 5; ++seed)
        rms.push_back(Simulation(s, seed, ClientClock::Kernel).run().rmsError);
    std::sort(rms.begin(), rms.end());
    qInfo("filter 15 at poll 4: median RMS %.3g s", rms[rms.size() / 2]);
    QVERIFY2(rms[rms.size() / 2] < 1.6e-5, qPrintable(QString::number(rms[rms.size() / 2])));
}

void TestTimekeeping::largeWanderIsFollowed()
{
    // chrony's 007-largewander: the frequency walks 1e-7/sqrt(s) against 1e-4 s of jitter.
    // The few samples the runs test keeps of a wandering clock showed the wander only by
    // chance, and in clknetsim we were level with chronyd (RMS 0.98 of its); estimated from
    // every sample since the start, the wander weighs old samples down from early on (0.76).
    // Here, median RMS of 5 seeds on a steered clock: 1.3e-4 s before, 1.0e-4 s after.
    Scenario s = *findScenario("large-wander");
    std::vector<double> rms;
    for (std::uint64_t seed = 1; seed <= 5; ++seed)
        rms.push_back(Simulation(s, seed, ClientClock::Kernel).run().rmsError);
    std::sort(rms.begin(), rms.end());
    qInfo("large wander: median RMS %.3g s", rms[rms.size() / 2]);
    QVERIFY2(rms[rms.size() / 2] < 1.15e-4, qPrintable(QString::number(rms[rms.size() / 2])));
}

void TestTimekeeping::ppsFollowsItsWander()
{
    // A PPS with 1 us of jitter against a clock whose frequency wanders 1e-9/sqrt(s): its
    // history must stay short enough to follow the wander. Keeping at least 32 filtered samples
    // for every reference clock (tried to help clknetsim's 106-refclock-shm, whose 100 us of
    // noise wants a long history) doubled this error: median RMS 3.3e-7 s -> 7.0e-7 s.
    const Scenario s = *findScenario("pps");
    std::vector<double> rms;
    for (std::uint64_t seed = 1; seed <= 5; ++seed)
        rms.push_back(Simulation(s, seed, ClientClock::Virtual).run().rmsError);
    std::sort(rms.begin(), rms.end());
    qInfo("pps: median RMS %.3g s", rms[rms.size() / 2]);
    QVERIFY2(rms[rms.size() / 2] < 4.5e-7, qPrintable(QString::number(rms[rms.size() / 2])));
}

void TestTimekeeping::extraWakeupsChangeNothing_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("kernelClock");
    QTest::addColumn<double>("interval");
    for (const char *name : {"default", "poll-4", "iburst", "packet-loss", "falsetickers-2", "refclock-shm"})
        for (bool kernel : {false, true})
            for (double interval : {1.0, 0.37})
                QTest::addRow("%s%s every %g s", name, kernel ? " kernel" : "", interval)
                    << QString(name) << kernel << interval;
}

void TestTimekeeping::extraWakeupsChangeNothing()
{
    // Under clknetsim, adding the host's --report-interval timer changed results by orders of
    // magnitude: every wake-up re-ran selection. A wake-up with nothing due must change nothing.
    QFETCH(QString, scenario);
    QFETCH(bool, kernelClock);
    QFETCH(double, interval);
    Scenario s = *findScenario(scenario.toStdString());
    s.duration = 1500;
    const ClientClock clock = kernelClock ? ClientClock::Kernel : ClientClock::Virtual;
    const RunResult plain = Simulation(s, 11, clock).run();
    s.extraWakeupInterval = interval;
    const RunResult woken = Simulation(s, 11, clock).run();
    QCOMPARE(woken.rmsError, plain.rmsError);
    QCOMPARE(woken.maxError, plain.maxError);
    QCOMPARE(woken.rmsFrequencyError, plain.rmsFrequencyError);
    QVERIFY(woken.finalSnapshot == plain.finalSnapshot);
    QCOMPARE(woken.events.size(), plain.events.size());
}

void TestTimekeeping::interleavedModeTakesTheRealTransmitTimes()
{
    // The same quiet network with the transmit delays of the benchmark's txdelay rows: the
    // server's replies leave 200 us (exponentially distributed) after the stamp they carry in
    // basic mode. In interleaved mode the client measures with the kernel's stamps instead.
    const std::optional<Scenario> basic = findScenario("txdelay");
    const std::optional<Scenario> interleaved = findScenario("txdelay-xleave");
    QVERIFY(basic && interleaved);
    constexpr double kDuration = 3000; // s
    const Summary b = runScenario(*basic, kDuration);
    const Summary x = runScenario(*interleaved, kDuration);
    qInfo("txdelay: rms %.3g s, max %.3g s; txdelay-xleave: rms %.3g s, max %.3g s", b.rms, b.max, x.rms, x.max);

    // Every reply after the start is interleaved, and gives a sample.
    Scenario one = *interleaved;
    one.duration = kDuration;
    const RunResult r = Simulation(one, 1).run();
    QCOMPARE(r.finalSnapshot.sources.size(), std::size_t{1});
    const SourceSnapshot &source = r.finalSnapshot.sources.front();
    QVERIFY(source.lastExchange && source.lastExchange->interleaved && source.lastExchange->kernelTransmit);
    QVERIFY2(source.repliesRejected <= 2, qPrintable(QString::number(source.repliesRejected)));
    // At least twice as good (about four times in the benchmark's longer runs).
    QVERIFY(2 * x.rms < b.rms);
    QVERIFY(x.max < b.max);
}

QTEST_APPLESS_MAIN(TestTimekeeping)
#include "tst_timekeeping.moc"
