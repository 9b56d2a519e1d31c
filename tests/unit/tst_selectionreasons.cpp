// Why a source is or is not selected (SelectionExplanation, SourceSelector's evidence, the
// engine's snapshot): each reason from the state that causes it, with the number that decided
// it, and the words `stratumctl why` prints.
//
// Three levels: explainSelection() from hand-made facts (every kind, its figures and words);
// the selector's own evidence for the reasons that come out of the selection (falseticker, too
// far, too few sources); and whole engines in the simulator, where a server dies, a server jumps
// 50 ms and becomes a falseticker, replies fail the sample tests and a PPS has no second.
#include "chronyc/SelectionReasonFormat.h"
#include "sim/Simulation.h"
#include "sources/SelectionExplanation.h"
#include "sources/SourceSelector.h"

#include <QtTest>

#include <algorithm>
#include <string>

using namespace s1;
using Kind = SelectionReasonKind;

namespace {

constexpr double kMs = 1e-3;
constexpr double kPpm = 1e-6;
constexpr std::uint8_t kFullReach = 0xff;

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

SourceSelection verdict(SelectionStatus status, std::optional<double> value = std::nullopt,
                        std::optional<double> limit = std::nullopt)
{
    SourceSelection s;
    s.id = 1;
    s.status = status;
    s.evidence.value = value;
    s.evidence.limit = limit;
    return s;
}

// A reachable NTP source that took part in selection with `status`.
SelectionFacts took(SourceSelection selection)
{
    SelectionFacts f;
    f.selection = std::move(selection);
    f.reach = kFullReach;
    f.stratum = 2;
    f.requestsSent = 40;
    f.sinceLastSample = 30;
    f.samples = 8;
    f.pollInterval = 64;
    return f;
}

SelectionCandidate candidate(std::uint32_t id, double offset, double distance = 1 * kMs)
{
    SelectionCandidate c;
    c.id = id;
    c.referenceId = 0xC0000200u + id;
    c.stratum = 2;
    c.leap = LeapIndicator::None;
    c.reach = kFullReach;
    c.reachSize = kReachBits;
    c.enoughSamples = true;
    c.offset = offset;
    c.rootDistance = distance;
    c.stdDev = distance / 10;
    c.skew = 0.1 * kPpm;
    return c;
}

SelectionResult pollAll(SourceSelector &selector, const std::vector<SelectionCandidate> &candidates, int rounds)
{
    SelectionResult result;
    for (int round = 0; round < rounds; ++round)
        for (const SelectionCandidate &c : candidates)
            result = selector.select(candidates, c.id);
    return result;
}

const SourceSnapshot *sourceNamed(const EngineSnapshot &s, const std::string &name)
{
    const auto it =
        std::find_if(s.sources.begin(), s.sources.end(), [&](const SourceSnapshot &x) { return x.name == name; });
    return it == s.sources.end() ? nullptr : &*it;
}
// A pointer into a snapshot that dies at the end of the statement would dangle: name it first.
const SourceSnapshot *sourceNamed(EngineSnapshot &&s, const std::string &name) = delete;

// The simulator's server addresses (sim/Scenario.cpp): 192.0.2.1, .2, ...
std::string serverAddress(int index)
{
    return "192.0.2." + std::to_string(index + 1);
}

// Three servers polled every 16 s, so that minutes of simulated time give many samples.
sim::Scenario threeServers()
{
    sim::Scenario s;
    s.name = "why";
    s.servers = {sim::ServerModel{}, sim::ServerModel{}, sim::ServerModel{}};
    s.minPoll = s.maxPoll = 4;
    s.network.jitter = 1e-5;
    s.clock.wander = 0;
    return s;
}

} // namespace

class TestSelectionReasons : public QObject
{
    Q_OBJECT

private slots:
    // explainSelection from facts
    void selectedSaysWhyItWon();
    void combinedSaysWhyNotSelected();
    void tooFarQuotesDistanceOrFrequency();
    void notPreferredAndTooFewSources();
    void optionsAndFaultsComeFirst();
    void unreachableSaysForHowLong();
    void startingSourceIsNotUnreachable();
    void answersWithoutUsableTime();
    void failedSampleTestNamesTheTest();
    void notEnoughSamplesGivesAnEta();
    void stratumAndLeap();
    void distanceJitterAndLoop();
    void falsetickerSaysByHowMuchAgainstWhom();
    void noMajority();
    void ppsWithoutLockAndUnusableLock();
    void timesAndDurationsInWords();
    // the selector's own evidence
    void selectorEvidenceForFalseticker();
    void selectorEvidenceForDistantAndSelected();
    void selectorEvidenceForMinSources();
    // whole engines in the simulator
    void serverJumping50msBecomesFalseticker();
    void deadServerIsUnreachable();
    void slowPathFailsTestA();
    void ppsWithoutLockWaitsForTime();
    void ppsLockingToMissingRefclock();
    // stratumctl why
    void whyLayout();
};

void TestSelectionReasons::selectedSaysWhyItWon()
{
    SourceSelection s = verdict(SelectionStatus::Selected, 1.2 * kMs, 2.5 * kMs);
    s.evidence.truechimers = 3;
    const SelectionReason r = explainSelection(took(s));
    QVERIFY2(r.kind == Kind::Selected, toString(r.kind));
    QCOMPARE(*r.value, 1.2 * kMs);
    QCOMPARE(*r.limit, 2.5 * kMs);
    QCOMPARE(r.unit, std::string("s"));
    QVERIFY2(r.text.find("best of 3 agreeing sources (next best 2.500 ms)") != std::string::npos, r.text.c_str());
    QVERIFY(r.fix.empty());
}

void TestSelectionReasons::combinedSaysWhyNotSelected()
{
    SelectionFacts f = took(verdict(SelectionStatus::Combined, 3.1 * kMs, 1.2 * kMs));
    f.selectedName = "ntp1.example.net";
    const SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Combined, toString(r.kind));
    QVERIFY2(r.text.find("ntp1.example.net") != std::string::npos, r.text.c_str());
    QVERIFY2(r.text.find("3.100 ms is over the selected one's 1.200 ms") != std::string::npos, r.text.c_str());
    QVERIFY(r.fix.find("prefer") != std::string::npos);
}

void TestSelectionReasons::tooFarQuotesDistanceOrFrequency()
{
    SourceSelection distant = verdict(SelectionStatus::Distant, 30 * kMs, 3.3 * kMs);
    distant.evidence.penalty = 32;
    SelectionReason r = explainSelection(took(distant));
    QVERIFY2(r.kind == Kind::TooFar, toString(r.kind));
    QCOMPARE(*r.value, 30 * kMs);
    QCOMPARE(*r.limit, 3.3 * kMs);
    QVERIFY2(r.text.find("root distance 30.000 ms is over 3.300 ms") != std::string::npos, r.text.c_str());
    QVERIFY2(r.text.find("up to 32 more clock updates") != std::string::npos, r.text.c_str());

    SourceSelection frequency = verdict(SelectionStatus::Distant, 5 * kPpm, 1.5 * kPpm);
    frequency.evidence.frequencyTooFar = true;
    r = explainSelection(took(frequency));
    QVERIFY2(r.kind == Kind::TooFar, toString(r.kind));
    QCOMPARE(r.unit, std::string("s/s"));
    QVERIFY2(r.text.find("by 5.000 ppm, over the limit 1.500 ppm") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::notPreferredAndTooFewSources()
{
    QVERIFY(explainSelection(took(verdict(SelectionStatus::NonPreferred, 1 * kMs, 1 * kMs))).kind
            == Kind::NotPreferred);
    SelectionReason r = explainSelection(took(verdict(SelectionStatus::WaitsSources, 2, 3)));
    QVERIFY2(r.kind == Kind::TooFewSources, toString(r.kind));
    QCOMPARE(*r.value, 2.0);
    QCOMPARE(*r.limit, 3.0);
    QVERIFY2(r.text.find("only 2 sources agree where minsources needs 3") != std::string::npos, r.text.c_str());
    r = explainSelection(took(verdict(SelectionStatus::WaitsSources, 2, 0)));
    QVERIFY2(r.text.find("no `require` source") != std::string::npos, r.text.c_str());
    QVERIFY2(explainSelection(took(verdict(SelectionStatus::WaitsUpdate))).kind == Kind::WaitingForUpdate,
             toString(explainSelection(took(verdict(SelectionStatus::WaitsUpdate))).kind));
    QVERIFY2(explainSelection(took(verdict(SelectionStatus::WaitsStats))).kind == Kind::WaitingForOthers,
             toString(explainSelection(took(verdict(SelectionStatus::WaitsStats))).kind));
}

void TestSelectionReasons::optionsAndFaultsComeFirst()
{
    SelectionFacts f = took(verdict(SelectionStatus::NoSelect));
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::NoSelect, toString(r.kind));
    QVERIFY(r.fix.find("Remove `noselect`") != std::string::npos);

    f.offline = true;
    QVERIFY2(explainSelection(f).kind == Kind::Offline, toString(explainSelection(f).kind));
    f.neverSelectable = "it requires authentication with key 1, which is not supported yet";
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::NeverSelectable, toString(r.kind));
    QVERIFY2(r.text.find("key 1") != std::string::npos, r.text.c_str());

    SelectionFacts device;
    device.refclock = true;
    device.driverFault = true;
    device.driverStatus = "/dev/pps0: no such device";
    r = explainSelection(device);
    QVERIFY2(r.kind == Kind::DriverFault, toString(r.kind));
    QVERIFY2(r.text.find("/dev/pps0: no such device") != std::string::npos, r.text.c_str());
    QVERIFY(!r.fix.empty());
}

void TestSelectionReasons::unreachableSaysForHowLong()
{
    SelectionFacts f = took(verdict(SelectionStatus::Unreachable));
    f.reach = 0;
    f.sinceLastSample = 320;
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Unreachable, toString(r.kind));
    QCOMPARE(*r.value, 320.0);
    QCOMPARE(r.unit, std::string("s"));
    QVERIFY2(r.text.find("no usable reply for 5 min 20 s") != std::string::npos, r.text.c_str());
    QVERIFY(r.fix.find("its address and port") != std::string::npos);

    // Never answered: the requests are the number. The selector saw too few samples ('M'),
    // but the cause is that nothing came back.
    f.selection = verdict(SelectionStatus::BadStats);
    f.sinceLastSample.reset();
    f.samples = 0;
    f.requestsSent = 12;
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Unreachable, toString(r.kind));
    QCOMPARE(*r.value, 12.0);
    QCOMPARE(r.unit, std::string("requests"));
    QVERIFY2(r.text.find("no reply to any of 12 requests") != std::string::npos, r.text.c_str());

    // A refclock: the driver's own words come along.
    SelectionFacts refclock = f;
    refclock.refclock = true;
    refclock.sinceLastSample = 7200;
    refclock.driverStatus = "/dev/ttyAMA0: no data for 2 h";
    r = explainSelection(refclock);
    QVERIFY2(r.kind == Kind::Unreachable, toString(r.kind));
    QVERIFY2(r.text.find("No sample from the driver for 2 h.") != std::string::npos, r.text.c_str());
    QVERIFY2(r.text.find("no data for 2 h") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::startingSourceIsNotUnreachable()
{
    SelectionFacts f;
    f.requestsSent = 1;
    f.samplesNeeded = 1;
    f.untilNextPoll = 60;
    f.pollInterval = 64;
    const SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::NotEnoughSamples, toString(r.kind));
    QVERIFY2(r.text.find("0 of 1 needed; ready in about 1 min") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::answersWithoutUsableTime()
{
    // The reach register stays zero, as in chrony, but the server does answer: say what with.
    SelectionFacts f = took(verdict(SelectionStatus::BadStats));
    f.reach = 0;
    f.samples = 0;
    f.sinceLastSample.reset();
    f.requestsSent = 10;
    f.stratum = 16;
    f.leap = LeapIndicator::Unsynchronised;
    f.lastRejectReason = "server not synchronised";
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::StratumTooHigh, toString(r.kind));
    QCOMPARE(*r.value, 16.0);
    QVERIFY2(r.text.find("It answers, with stratum 16") != std::string::npos, r.text.c_str());
    f.stratum = 3;
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Unsynchronised, toString(r.kind));
    f.leap = LeapIndicator::None;
    f.kissCode = "DENY";
    f.lastRejectReason = "kiss-o'-death DENY: access denied";
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Unreachable, toString(r.kind));
    QVERIFY2(r.text.find("kiss-o'-death DENY") != std::string::npos, r.text.c_str());
    QVERIFY(r.fix.find("operator") != std::string::npos);
}

void TestSelectionReasons::failedSampleTestNamesTheTest()
{
    SelectionFacts f = took(verdict(SelectionStatus::BadStats));
    f.samples = 0;
    f.testFailure = SampleTestFailure{SampleTestFailure::Test::MaxDelay, 0.12, 0.1};
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::FailsSampleTests, toString(r.kind));
    QCOMPARE(*r.value, 0.12);
    QCOMPARE(*r.limit, 0.1);
    QVERIFY2(r.text.find("test A (maxdelay): round-trip delay 120.000 ms over maxdelay 100.000 ms")
                 != std::string::npos,
             r.text.c_str());
    QVERIFY(r.fix.find("maxdelay") != std::string::npos);

    f.testFailure = SampleTestFailure{SampleTestFailure::Test::MaxDelayDevRatio, 4 * kMs, 1 * kMs};
    r = explainSelection(f);
    QVERIFY2(r.text.find("test C (maxdelaydevratio)") != std::string::npos, r.text.c_str());
    QVERIFY(r.fix.find("maxdelaydevratio") != std::string::npos);

    // A falseticker whose last sample also failed is a falseticker: selection's verdict wins.
    f.selection = verdict(SelectionStatus::Falseticker, 50 * kMs, 1 * kMs);
    QVERIFY2(explainSelection(f).kind == Kind::Falseticker, toString(explainSelection(f).kind));
}

void TestSelectionReasons::notEnoughSamplesGivesAnEta()
{
    SelectionFacts f = took(verdict(SelectionStatus::BadStats));
    f.samples = 0;
    f.samplesNeeded = 2;
    f.untilNextPoll = 30;
    f.pollInterval = 64;
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::NotEnoughSamples, toString(r.kind));
    QCOMPARE(*r.value, 0.0);
    QCOMPARE(*r.limit, 2.0);
    QCOMPARE(r.unit, std::string("samples"));
    // The next poll in 30 s gives the first, one interval later the second.
    QVERIFY2(r.text.find("0 of 2 needed; ready in about 1 min 34 s (polled every 1 min 4 s)") != std::string::npos,
             r.text.c_str());
    QVERIFY(r.fix.find("iburst") != std::string::npos);
    // `filter 4`: four polls per sample.
    f.samples = 1;
    f.pollsPerSample = 4;
    r = explainSelection(f);
    QVERIFY2(r.text.find("ready in about 3 min 42 s") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::stratumAndLeap()
{
    SelectionFacts f = took(verdict(SelectionStatus::Unsynchronised, 16, 16));
    f.stratum = 16;
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::StratumTooHigh, toString(r.kind));
    QCOMPARE(*r.value, 16.0);
    QVERIFY2(r.text.find("Stratum 16") != std::string::npos, r.text.c_str());
    f = took(verdict(SelectionStatus::Unsynchronised, 1, 16));
    f.stratum = 1;
    f.leap = LeapIndicator::Unsynchronised;
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Unsynchronised, toString(r.kind));
    QVERIFY2(r.text.find("leap indicator 3") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::distanceJitterAndLoop()
{
    SelectionReason r = explainSelection(took(verdict(SelectionStatus::BadDistance, 2.1, 1.0)));
    QVERIFY2(r.kind == Kind::DistanceTooLarge, toString(r.kind));
    QVERIFY2(r.text.find("Root distance 2.100 s over maxdistance 1.000 s") != std::string::npos, r.text.c_str());
    QVERIFY(r.fix.find("maxdistance") != std::string::npos);
    r = explainSelection(took(verdict(SelectionStatus::Jittery, 12 * kMs, 1 * kMs)));
    QVERIFY2(r.kind == Kind::TooVariable, toString(r.kind));
    QVERIFY2(r.text.find("standard deviation 12.000 ms over maxjitter 1.000 ms") != std::string::npos, r.text.c_str());
    QVERIFY2(explainSelection(took(verdict(SelectionStatus::SyncLoop))).kind == Kind::SynchronisationLoop,
             toString(explainSelection(took(verdict(SelectionStatus::SyncLoop))).kind));
}

void TestSelectionReasons::falsetickerSaysByHowMuchAgainstWhom()
{
    SourceSelection s = verdict(SelectionStatus::Falseticker, 50.2 * kMs, 1.2 * kMs);
    s.evidence.agreedLow = -0.3 * kMs;
    s.evidence.agreedHigh = 0.5 * kMs;
    s.evidence.agreeing = {2, 3};
    SelectionFacts f = took(s);
    f.agreeingNames = {"ntp1.example.net", "ntp2.example.net"};
    const SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::Falseticker, toString(r.kind));
    // By how much: from the middle of the agreed interval (+0.1 ms).
    QVERIFY(std::abs(*r.value - 50.1 * kMs) < 1e-12);
    QCOMPARE(*r.limit, 1.2 * kMs);
    QVERIFY2(r.text.find("50.100 ms ahead of what ntp1.example.net and ntp2.example.net agree on") != std::string::npos,
             r.text.c_str());
    // Its interval [49.0, 51.4] ms misses the agreed one's upper end (+0.5 ms) by 48.5 ms.
    QVERIFY2(r.text.find("agree on (within ±400.0 µs); its error bound ±1.200 ms misses that interval by 48.500 ms")
                 != std::string::npos,
             r.text.c_str());
    QVERIFY(!r.fix.empty());
}

void TestSelectionReasons::noMajority()
{
    SourceSelection s = verdict(SelectionStatus::Falseticker, 1, 2);
    s.evidence.noMajority = true;
    const SelectionReason r = explainSelection(took(s));
    QVERIFY2(r.kind == Kind::NoMajority, toString(r.kind));
    QCOMPARE(r.unit, std::string("sources"));
    QVERIFY2(r.text.find("at best 1 source's interval agrees, 2 needed") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::ppsWithoutLockAndUnusableLock()
{
    SelectionFacts f;
    f.refclock = true;
    f.pulses = true;
    f.selection = verdict(SelectionStatus::BadStats);
    f.lockProblem = PulseLockProblem{};
    SelectionReason r = explainSelection(f);
    QVERIFY2(r.kind == Kind::PpsNoLock, toString(r.kind));
    QVERIFY(r.fix.find("lock") != std::string::npos);

    f.lockProblem = PulseLockProblem{PulseLockProblem::Kind::LockSampleTooOld, "NMEA", 4.0, 2.0, {}};
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::PpsLockUnusable, toString(r.kind));
    QCOMPARE(*r.value, 4.0);
    QCOMPARE(*r.limit, 2.0);
    QVERIFY2(r.text.find("NMEA's newest sample is 4.000 s old, over maxlockage (2.000 s)") != std::string::npos,
             r.text.c_str());
    f.lockProblem = PulseLockProblem{PulseLockProblem::Kind::LockMissing, "GPS", {}, {}, {}};
    r = explainSelection(f);
    QVERIFY2(r.kind == Kind::PpsLockUnusable, toString(r.kind));
    QVERIFY2(r.text.find("`lock GPS` names no other refclock") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::timesAndDurationsInWords()
{
    QCOMPARE(secondsText(850e-9), std::string("850 ns"));
    QCOMPARE(secondsText(-12.5e-6), std::string("-12.5 µs"));
    QCOMPARE(secondsText(1.2345e-3), std::string("1.234 ms"));
    QCOMPARE(secondsText(2.5), std::string("2.500 s"));
    QCOMPARE(durationText(45), std::string("45 s"));
    QCOMPARE(durationText(200), std::string("3 min 20 s"));
    QCOMPARE(durationText(7500), std::string("2 h 5 min"));
    QCOMPARE(durationText(3 * 86400 + 4 * 3600), std::string("3 d 4 h"));
}

void TestSelectionReasons::selectorEvidenceForFalseticker()
{
    SourceSelector selector;
    const std::vector<SelectionCandidate> c{candidate(1, 0), candidate(2, 0.1 * kMs), candidate(3, -0.1 * kMs),
                                            candidate(4, 50 * kMs)};
    const SelectionResult result = pollAll(selector, c, 3);
    const SourceSelection *liar = result.find(4);
    QVERIFY(liar);
    QCOMPARE(liar->status, SelectionStatus::Falseticker);
    QCOMPARE(*liar->evidence.value, 50 * kMs);
    QCOMPARE(*liar->evidence.limit, 1 * kMs);
    QCOMPARE(liar->evidence.agreeing, (std::vector<std::uint32_t>{1, 2, 3}));
    // The agreed interval is where all three good intervals overlap: [0.1 - 1, -0.1 + 1] ms.
    QVERIFY(std::abs(liar->evidence.agreedLow - (-0.9 * kMs)) < 1e-12);
    QVERIFY(std::abs(liar->evidence.agreedHigh - 0.9 * kMs) < 1e-12);
}

void TestSelectionReasons::selectorEvidenceForDistantAndSelected()
{
    SourceSelector selector;
    // Source 2 agrees (its wide interval covers source 1's) but is 30 times as far away.
    const std::vector<SelectionCandidate> c{candidate(1, 0, 1 * kMs), candidate(2, 0, 30 * kMs),
                                            candidate(3, 0.2 * kMs, 1.5 * kMs)};
    const SelectionResult result = pollAll(selector, c, 3);
    QCOMPARE(result.selectedId, std::optional<std::uint32_t>(1));
    const SourceSelection *far = result.find(2);
    QCOMPARE(far->status, SelectionStatus::Distant);
    QVERIFY(!far->evidence.frequencyTooFar);
    QCOMPARE(*far->evidence.value, 30 * kMs);
    // combinelimit (3) times the selected one's distance plus the reselect distance (0.1 ms).
    QVERIFY(std::abs(*far->evidence.limit - kDefaultCombineLimit * (1 * kMs + kDefaultReselectDistance)) < 1e-12);
    QVERIFY(far->evidence.penalty > 0);

    const SourceSelection *best = result.find(1);
    QCOMPARE(best->status, SelectionStatus::Selected);
    QCOMPARE(*best->evidence.value, 1 * kMs);
    // The runner-up's distance: source 3's.
    QCOMPARE(*best->evidence.limit, 1.5 * kMs);
    QCOMPARE(best->evidence.truechimers, 3);
    const SourceSelection *combined = result.find(3);
    QCOMPARE(combined->status, SelectionStatus::Combined);
    QCOMPARE(*combined->evidence.value, 1.5 * kMs);
    QCOMPARE(*combined->evidence.limit, 1 * kMs);
}

void TestSelectionReasons::selectorEvidenceForMinSources()
{
    SelectorConfig config;
    config.minSources = 3;
    SourceSelector selector(config);
    const std::vector<SelectionCandidate> c{candidate(1, 0), candidate(2, 0.1 * kMs)};
    const SelectionResult result = pollAll(selector, c, 2);
    const SourceSelection *s = result.find(1);
    QCOMPARE(s->status, SelectionStatus::WaitsSources);
    QCOMPARE(*s->evidence.value, 2.0);
    QCOMPARE(*s->evidence.limit, 3.0);
    QVERIFY2(explainSelection(took(*s)).kind == Kind::TooFewSources, toString(explainSelection(took(*s)).kind));
}

void TestSelectionReasons::serverJumping50msBecomesFalseticker()
{
    sim::Scenario scenario = threeServers();
    constexpr double kJumpAt = 900;
    constexpr double kJump = 0.050;
    scenario.servers[2].jump = kJump;
    scenario.servers[2].jumped = sim::TimeSpan{kJumpAt};
    sim::Simulation simulation(scenario, 7);
    const sim::RunResult before = simulation.run(kJumpAt - 1);
    const SourceSnapshot *server = sourceNamed(before.finalSnapshot, serverAddress(2));
    QVERIFY(server);
    const Kind kindBefore = server->selectionReason.kind;
    QVERIFY2(kindBefore == Kind::Selected || kindBefore == Kind::Combined, server->selectionReason.text.c_str());

    const sim::RunResult after = simulation.run(kJumpAt + 400);
    server = sourceNamed(after.finalSnapshot, serverAddress(2));
    QVERIFY(server);
    const SelectionReason &r = server->selectionReason;
    qInfo("%s", r.text.c_str());
    QVERIFY2(r.kind == Kind::Falseticker, r.text.c_str());
    QVERIFY(server->state == SourceState::Falseticker);
    // By how much: the jump, as far as the other two agree on the time (their interval's middle).
    QVERIFY2(std::abs(*r.value - kJump) < 2 * kMs, r.text.c_str());
    QVERIFY2(r.text.find("ahead of what " + serverAddress(0) + " and " + serverAddress(1) + " agree on")
                 != std::string::npos,
             r.text.c_str());
    // The other two stay in use.
    for (int i = 0; i < 2; ++i) {
        const SourceSnapshot *good = sourceNamed(after.finalSnapshot, serverAddress(i));
        QVERIFY(good->selectionReason.kind == Kind::Selected || good->selectionReason.kind == Kind::Combined);
    }
}

void TestSelectionReasons::deadServerIsUnreachable()
{
    sim::Scenario scenario = threeServers();
    scenario.servers[1].answers = false;
    sim::Simulation simulation(scenario, 3);
    const sim::RunResult result = simulation.run(300);
    const SourceSnapshot *dead = sourceNamed(result.finalSnapshot, serverAddress(1));
    QVERIFY(dead);
    const SelectionReason &r = dead->selectionReason;
    qInfo("%s", r.text.c_str());
    QVERIFY2(r.kind == Kind::Unreachable, r.text.c_str());
    QCOMPARE(r.unit, std::string("requests"));
    QCOMPARE(*r.value, static_cast<double>(dead->requestsSent));
    QVERIFY(dead->requestsSent > 10);
}

void TestSelectionReasons::slowPathFailsTestA()
{
    sim::Scenario scenario = threeServers();
    // 1.6 s each way: a 3.2 s round trip, over the default maxdelay of 3 s.
    scenario.network.baseDelay = 1.6;
    sim::Simulation simulation(scenario, 5);
    const sim::RunResult result = simulation.run(200);
    const SourceSnapshot *server = sourceNamed(result.finalSnapshot, serverAddress(0));
    QVERIFY(server);
    const SelectionReason &r = server->selectionReason;
    qInfo("%s", r.text.c_str());
    QVERIFY2(r.kind == Kind::FailsSampleTests, r.text.c_str());
    QVERIFY2(std::abs(*r.value - 3.2) < 0.01, r.text.c_str());
    QCOMPARE(*r.limit, kDefaultMaxDelay);
    QVERIFY2(r.text.find("test A (maxdelay)") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::ppsWithoutLockWaitsForTime()
{
    sim::Scenario scenario;
    scenario.name = "pps-alone";
    scenario.servers.clear();
    sim::RefClockModel pps;
    pps.kind = sim::RefClockModel::Kind::Pulses;
    pps.refId = "PPS";
    pps.error = 1e-7;
    scenario.refclocks = {pps};
    sim::Simulation simulation(scenario, 11);
    const sim::RunResult result = simulation.run(100);
    const SourceSnapshot *source = sourceNamed(result.finalSnapshot, "PPS");
    QVERIFY(source);
    QVERIFY2(source->selectionReason.kind == Kind::PpsNoLock, source->selectionReason.text.c_str());
    QVERIFY(source->selectionReason.fix.find("lock") != std::string::npos);
}

void TestSelectionReasons::ppsLockingToMissingRefclock()
{
    sim::Scenario scenario;
    scenario.name = "pps-lock-missing";
    scenario.servers.clear();
    sim::RefClockModel pps;
    pps.kind = sim::RefClockModel::Kind::Pulses;
    pps.refId = "PPS";
    pps.lock = "NMEA";
    scenario.refclocks = {pps};
    sim::Simulation simulation(scenario, 11);
    const sim::RunResult result = simulation.run(100);
    const SourceSnapshot *source = sourceNamed(result.finalSnapshot, "PPS");
    QVERIFY(source);
    const SelectionReason &r = source->selectionReason;
    QVERIFY2(r.kind == Kind::PpsLockUnusable, r.text.c_str());
    QVERIFY2(r.text.find("`lock NMEA` names no other refclock") != std::string::npos, r.text.c_str());
}

void TestSelectionReasons::whyLayout()
{
    EngineSnapshot s;
    SourceSnapshot good;
    good.name = "192.0.2.1";
    good.kind = SourceKind::Server;
    good.state = SourceState::Selected;
    good.selectionReason.text = "Selected: the clock follows it.";
    SourceSnapshot liar;
    liar.name = "GPS";
    liar.kind = SourceKind::RefClock;
    liar.state = SourceState::Falseticker;
    liar.selectionReason.text = "Falseticker: its time is 50.100 ms ahead of what 192.0.2.1 and 192.0.2.2 agree on "
                                "(within ±400.0 µs).";
    liar.selectionReason.fix = "Check that source's own time.";
    s.sources = {good, liar};
    QCOMPARE(q(*formatSelectionReasons(s)),
             QStringLiteral("^* 192.0.2.1\n"
                            "   Selected: the clock follows it.\n"
                            "#x GPS\n"
                            "   Falseticker: its time is 50.100 ms ahead of what 192.0.2.1 and 192.0.2.2\n"
                            "   agree on (within ±400.0 µs).\n"
                            "   Fix: Check that source's own time.\n"));
    QCOMPARE(q(*formatSelectionReasons(s, std::string("gps"))).left(6), QStringLiteral("#x GPS"));
    QVERIFY(!formatSelectionReasons(s, std::string("nope")));
}

QTEST_APPLESS_MAIN(TestSelectionReasons)
#include "tst_selectionreasons.moc"
