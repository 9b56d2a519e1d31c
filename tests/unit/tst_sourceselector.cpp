// Source selection and combining (SourceSelector): per-source checks, the interval intersection
// with falseticker detection, trust/require/prefer/noselect, minsources, chrony's reselection
// hysteresis and stratum weighting, the combine limits and the combined estimate.
//
// Every expected value is derived here from the published rules (chrony.conf(5), chronyc(1),
// chrony's sources.c): intervals are [offset - distance, offset + distance], selection ranks by
// distance + stratumweight * (stratum - lowest stratum), combining weighs offsets by
// 1 / root distance (or 1 / variance) and frequencies by 1 / variance.
#include "sources/SourceSelector.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

using namespace s1;

namespace {

constexpr double kMs = 1e-3;              // s
constexpr double kPpm = 1e-6;             // s/s
constexpr double kFalseOffset = 50 * kMs; // s, far outside any interval of the tests
constexpr double kDistance = 1 * kMs;     // s, the usual root distance of a test source
constexpr int kStratum = 2;
constexpr std::uint8_t kFullReach = 0xff;

SelectionCandidate good(std::uint32_t id, double offset = 0, double distance = kDistance, int stratum = kStratum)
{
    SelectionCandidate c;
    c.id = id;
    c.referenceId = 0xC000'0200u + id; // 192.0.2.x: the upstream of each source
    c.stratum = stratum;
    c.leap = LeapIndicator::None;
    c.reach = kFullReach;
    c.reachSize = kReachBits;
    c.enoughSamples = true;
    c.offset = offset;
    c.rootDistance = distance;
    c.stdDev = distance / 10;
    c.frequency = 0;
    c.skew = 0.1 * kPpm;
    return c;
}

using Candidates = std::vector<SelectionCandidate>;

// Every source delivers a sample, in input order, `rounds` times; the result of the last call.
SelectionResult pollAll(SourceSelector &selector, const Candidates &candidates, int rounds = 1)
{
    SelectionResult result;
    for (int round = 0; round < rounds; ++round) {
        for (const SelectionCandidate &c : candidates)
            result = selector.select(candidates, c.id);
    }
    return result;
}

char stateChar(SourceState state)
{
    switch (state) {
    case SourceState::Unusable:
        return '?';
    case SourceState::Selected:
        return '*';
    case SourceState::Combined:
        return '+';
    case SourceState::NotCombined:
        return '-';
    case SourceState::Falseticker:
        return 'x';
    case SourceState::TooVariable:
        return '~';
    }
    return '!';
}

// chronyc's state column of every source, in input order: "*+-x".
QString states(const SelectionResult &result)
{
    QString text;
    for (const SourceSelection &s : result.sources)
        text += QLatin1Char(stateChar(s.state()));
    return text;
}

QString reasonText(const SelectionResult &result)
{
    return QString::fromLatin1(toString(result.reason));
}

bool near(double actual, double expected)
{
    return std::abs(actual - expected) <= 1e-9 * std::abs(expected) + 1e-18;
}

#define VERIFY_NEAR(actual, expected)                                                                                  \
    QVERIFY2(near((actual), (expected)), qPrintable(QStringLiteral("%1 = %2, expected %3")                             \
                                                        .arg(QLatin1String(#actual))                                   \
                                                        .arg((actual), 0, 'g', 17)                                     \
                                                        .arg((expected), 0, 'g', 17)))

CombineInput input(std::uint32_t id, double offset, double offsetSd, double frequency, double frequencySd, double skew)
{
    CombineInput in;
    in.id = id;
    in.offset = offset;
    in.offsetSd = offsetSd;
    in.frequency = frequency;
    in.frequencySd = frequencySd;
    in.skew = skew;
    in.rootDelay = 2 * kMs + id * 1e-6;
    in.rootDispersion = 0.5 * kMs + id * 1e-6;
    return in;
}

} // namespace

class TestSourceSelector : public QObject
{
    Q_OBJECT

private slots:
    void singleGoodSource();
    void threeAgreeingSources();
    void falsetickers_data();
    void falsetickers();
    void noMajority();
    void lostMajorityUnselects();
    void unreachableIsUnusable();
    void distanceOverMaxdistance();
    void jitterOverMaxjitter();
    void unsynchronisedIsUnusable_data();
    void unsynchronisedIsUnusable();
    void synchronisationLoopIsUnusable();
    void tooFewSamplesIsUnusable();
    void noselectNeverSelected();
    void preferWinsAmongTruechimers();
    void preferredFalsetickerIsIgnored();
    void hysteresis();
    void stratumWeight_data();
    void stratumWeight();
    void require();
    void trustOutvotesMajority();
    void untrustedWhenOutsideTrustedRegion();
    void minsources();
    void combinelimitExcludesDistantTruechimer();
    void frequencyDisagreementNotCombined();
    void distantPenalty_data();
    void distantPenalty();
    void waitsForUpdate();
    void waitsForStats();
    void updateReferenceOnlyOnSelectedSamples();
    void lostSelectionPicksBestDistance();
    void removedSelectedSourceIsReplaced();
    void tieBreakById();
    void leapVote();
    void displayStates();
    void combinedOffsetOfEqualSources();
    void combinedOffsetWeighted_data();
    void combinedOffsetWeighted();
    void combinedErrors();
    void combineSingleSourcePassesThrough();
    void combineWithoutSelection();
};

void TestSourceSelector::singleGoodSource()
{
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {good(1, 0.3 * kMs)});
    QCOMPARE(states(r), QStringLiteral("*"));
    QCOMPARE(r.find(1)->status, SelectionStatus::Selected);
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(1));
    QCOMPARE(selector.selectedId(), std::optional<std::uint32_t>(1));
    QCOMPARE(reasonText(r), QString::fromLatin1(toString(NoSelectionReason::None)));
    QVERIFY(r.updateReference);
    QCOMPARE(r.leap, LeapIndicator::None);
    QCOMPARE(r.combined.size(), std::size_t{1});
    QCOMPARE(r.combined[0].id, 1u);
    VERIFY_NEAR(r.combined[0].weight, 1.0);
}

void TestSourceSelector::threeAgreeingSources()
{
    SourceSelector selector;
    const std::vector<double> distances = {1.2 * kMs, 1.0 * kMs, 1.4 * kMs};
    const Candidates sources = {good(1, 0.2 * kMs, distances[0]), good(2, 0, distances[1]),
                                good(3, -0.2 * kMs, distances[2])};
    const SelectionResult r = pollAll(selector, sources);
    QCOMPARE(states(r), QStringLiteral("+*+"));
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(2));

    // The selected source first, then the others by id; weights 1/distance, normalised.
    const double total = 1 / distances[0] + 1 / distances[1] + 1 / distances[2];
    QCOMPARE(r.combined.size(), std::size_t{3});
    QCOMPARE(r.combined[0].id, 2u);
    QCOMPARE(r.combined[1].id, 1u);
    QCOMPARE(r.combined[2].id, 3u);
    VERIFY_NEAR(r.combined[0].weight, (1 / distances[1]) / total);
    VERIFY_NEAR(r.combined[1].weight, (1 / distances[0]) / total);
    VERIFY_NEAR(r.combined[2].weight, (1 / distances[2]) / total);
}

void TestSourceSelector::falsetickers_data()
{
    QTest::addColumn<QList<double>>("offsets"); // ms, of sources 1..5
    QTest::addColumn<QString>("expected");
    const double f = kFalseOffset / kMs;
    QTest::newRow("one of five off") << QList<double>{0, 0.1, -0.1, f, 0.2} << "*++x+";
    QTest::newRow("two of five off") << QList<double>{0, f, -0.1, f, 0.2} << "*x+x+";
    QTest::newRow("two off in opposite directions") << QList<double>{0, f, -0.1, -f, 0.2} << "*x+x+";
    // Intervals that merely touch agree: [-1, 1] and [1, 3] ms meet at 1 ms.
    QTest::newRow("touching intervals") << QList<double>{0, 2, 0.5, f, -f} << "*++xx";
}

void TestSourceSelector::falsetickers()
{
    QFETCH(QList<double>, offsets);
    QFETCH(QString, expected);
    Candidates sources;
    for (qsizetype i = 0; i < offsets.size(); ++i)
        sources.push_back(good(static_cast<std::uint32_t>(i + 1), offsets[i] * kMs));
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, sources);
    QCOMPARE(states(r), expected);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        if (expected[i] == QLatin1Char('x'))
            QCOMPARE(r.sources[i].status, SelectionStatus::Falseticker);
    }
}

void TestSourceSelector::noMajority()
{
    // Two against two: neither group is more than half, so nothing is selected and chrony shows
    // every source that took part as a falseticker.
    SourceSelector selector;
    const Candidates sources = {good(1, 0), good(2, 0.1 * kMs), good(3, kFalseOffset),
                                good(4, kFalseOffset + 0.1 * kMs)};
    const SelectionResult r = pollAll(selector, sources, 3);
    QCOMPARE(states(r), QStringLiteral("xxxx"));
    QCOMPARE(r.reason, NoSelectionReason::NoMajority);
    QVERIFY(!r.selectedId);
    QVERIFY(!r.updateReference);
    QVERIFY(r.combined.empty());
    QCOMPARE(r.leap, LeapIndicator::Unsynchronised);
}

void TestSourceSelector::lostMajorityUnselects()
{
    SourceSelector selector;
    Candidates sources = {good(1), good(2), good(3)};
    QCOMPARE(states(pollAll(selector, sources)), QStringLiteral("*++"));

    // One moves each way: every interval is alone, no majority, and the selection is dropped.
    sources[1].offset = kFalseOffset;
    sources[2].offset = -kFalseOffset;
    const SelectionResult r = selector.select(sources, 1);
    QCOMPARE(states(r), QStringLiteral("xxx"));
    QCOMPARE(r.reason, NoSelectionReason::NoMajority);
    QVERIFY(!selector.selectedId());
}

void TestSourceSelector::unreachableIsUnusable()
{
    SourceSelector selector;
    SelectionCandidate lost = good(1, 0, 0.5 * kMs); // the better source, but unreachable
    lost.reach = 0;
    const SelectionResult r = pollAll(selector, {lost, good(2)});
    QCOMPARE(states(r), QStringLiteral("?*"));
    QCOMPARE(r.find(1)->status, SelectionStatus::Unreachable);

    SourceSelector alone;
    const SelectionResult none = pollAll(alone, {lost});
    QCOMPARE(states(none), QStringLiteral("?"));
    QCOMPARE(none.reason, NoSelectionReason::NoSelectableSources);
    QVERIFY(!none.selectedId);
}

void TestSourceSelector::distanceOverMaxdistance()
{
    SourceSelector selector;
    const SelectionCandidate far = good(1, 0, kDefaultMaxDistance + 0.5);
    const SelectionCandidate atLimit = good(2, 0, kDefaultMaxDistance);
    const SelectionResult r = pollAll(selector, {far, atLimit});
    QCOMPARE(states(r), QStringLiteral("?*"));
    QCOMPARE(r.find(1)->status, SelectionStatus::BadDistance);

    // A configured maxdistance applies the same way.
    SelectorConfig config;
    config.maxDistance = 0.5 * kMs;
    SourceSelector strict(config);
    const SelectionResult s = pollAll(strict, {good(1, 0, 0.6 * kMs), good(2, 0, 0.4 * kMs)});
    QCOMPARE(states(s), QStringLiteral("?*"));

    // A negative distance is no interval at all.
    SourceSelector inverted;
    const SelectionResult t = pollAll(inverted, {good(1, 0, -kMs), good(2)});
    QCOMPARE(states(t), QStringLiteral("?*"));
    QCOMPARE(t.find(1)->status, SelectionStatus::BadDistance);
}

void TestSourceSelector::jitterOverMaxjitter()
{
    SourceSelector selector;
    SelectionCandidate jittery = good(1, 0, 0.5 * kMs);
    jittery.stdDev = kDefaultMaxJitter + 0.5;
    const SelectionResult r = pollAll(selector, {jittery, good(2), good(3)});
    QCOMPARE(states(r), QStringLiteral("~*+"));
    QCOMPARE(r.find(1)->status, SelectionStatus::Jittery);

    SelectorConfig config;
    config.maxJitter = 0.05 * kMs;
    SourceSelector strict(config);
    SelectionCandidate calm = good(2);
    calm.stdDev = 0.04 * kMs;
    const SelectionResult s = pollAll(strict, {good(1), calm}); // good(1): std dev 0.1 ms
    QCOMPARE(states(s), QStringLiteral("~*"));
}

void TestSourceSelector::unsynchronisedIsUnusable_data()
{
    QTest::addColumn<int>("leap");
    QTest::addColumn<int>("stratum");
    QTest::newRow("leap 3") << int(LeapIndicator::Unsynchronised) << kStratum;
    QTest::newRow("stratum 16") << int(LeapIndicator::None) << int(kNtpMaxStratum);
}

void TestSourceSelector::unsynchronisedIsUnusable()
{
    QFETCH(int, leap);
    QFETCH(int, stratum);
    SelectionCandidate c = good(1, 0, 0.5 * kMs);
    c.leap = static_cast<LeapIndicator>(leap);
    c.stratum = stratum;
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {c, good(2)});
    QCOMPARE(states(r), QStringLiteral("?*"));
    QCOMPARE(r.find(1)->status, SelectionStatus::Unsynchronised);
}

void TestSourceSelector::synchronisationLoopIsUnusable()
{
    constexpr std::uint32_t kOurReferenceId = 0xC633'6407; // 198.51.100.7
    SelectorConfig config;
    config.localReferenceId = kOurReferenceId;
    SourceSelector selector(config);
    SelectionCandidate loop = good(1, 0, 0.5 * kMs);
    loop.referenceId = kOurReferenceId; // it is synchronised to us
    const SelectionResult r = pollAll(selector, {loop, good(2)});
    QCOMPARE(states(r), QStringLiteral("?*"));
    QCOMPARE(r.find(1)->status, SelectionStatus::SyncLoop);

    // Without a local reference ID there is no check.
    SourceSelector unchecked;
    QCOMPARE(states(pollAll(unchecked, {loop, good(2)})), QStringLiteral("*+"));
}

void TestSourceSelector::tooFewSamplesIsUnusable()
{
    SourceSelector selector;
    SelectionCandidate fresh = good(1, 0, 0.5 * kMs);
    fresh.enoughSamples = false;
    const SelectionResult r = pollAll(selector, {fresh, good(2)});
    QCOMPARE(states(r), QStringLiteral("?*"));
    QCOMPARE(r.find(1)->status, SelectionStatus::BadStats);
}

void TestSourceSelector::noselectNeverSelected()
{
    // chronyc shows noselect sources as `?` (not selectable), whatever their quality.
    SourceSelector selector;
    SelectionCandidate monitored = good(1, 0, 0.1 * kMs);
    monitored.options.noselect = true;
    const SelectionResult r = pollAll(selector, {monitored, good(2), good(3)}, 3);
    QCOMPARE(states(r), QStringLiteral("?*+"));
    QCOMPARE(r.find(1)->status, SelectionStatus::NoSelect);
    QCOMPARE(r.combined.size(), std::size_t{2});

    SourceSelector alone;
    const SelectionResult none = pollAll(alone, {monitored}, 3);
    QCOMPARE(states(none), QStringLiteral("?"));
    QCOMPARE(none.reason, NoSelectionReason::NoSelectableSources);
    QVERIFY(!none.selectedId);
}

void TestSourceSelector::preferWinsAmongTruechimers()
{
    SourceSelector selector;
    SelectionCandidate preferred = good(1, 0, 1.5 * kMs); // worse than source 2
    preferred.options.prefer = true;
    const SelectionResult r = pollAll(selector, {preferred, good(2, 0, 1.0 * kMs), good(3)}, 2);
    QCOMPARE(states(r), QStringLiteral("*--"));
    QCOMPARE(r.find(2)->status, SelectionStatus::NonPreferred);
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(1));
}

void TestSourceSelector::preferredFalsetickerIsIgnored()
{
    SourceSelector selector;
    SelectionCandidate preferred = good(1, kFalseOffset);
    preferred.options.prefer = true;
    const SelectionResult r = pollAll(selector, {preferred, good(2), good(3)});
    QCOMPARE(states(r), QStringLiteral("x*+"));
}

void TestSourceSelector::hysteresis()
{
    // Source 1 is selected while source 2 has no statistics yet.
    SourceSelector selector;
    SelectionCandidate challenger = good(2, 0, 0.95 * kMs);
    challenger.enoughSamples = false;
    Candidates sources = {good(1, 0, 1.0 * kMs), challenger};
    QCOMPARE(pollAll(selector, sources).selectedId, std::optional<std::uint32_t>(1));

    // Better by 0.05 ms, less than reselectdist (0.1 ms): the challenger's score never grows.
    sources[1].enoughSamples = true;
    for (int i = 0; i < 50; ++i) {
        const SelectionResult r = pollAll(selector, sources);
        QCOMPARE(r.selectedId, std::optional<std::uint32_t>(1));
        QCOMPARE(r.find(2)->score, 1.0);
    }

    // Better by 0.8 ms: the score multiplies by 1.0 / (0.2 + 0.1) = 3.33 with every sample of
    // either source and takes over once it passes 10, i.e. with the second sample. Source 1
    // is then beyond combinelimit * (0.2 + 0.1) ms = 0.9 ms and no longer combined.
    sources[1].rootDistance = 0.2 * kMs;
    SelectionResult r = selector.select(sources, 2);
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(1));
    VERIFY_NEAR(r.find(2)->score, 1.0 / 0.3);
    r = selector.select(sources, 1);
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(2));
    QCOMPARE(states(r), QStringLiteral("-*"));
    QVERIFY(r.updateReference); // the new source has a sample the reference has not seen
}

void TestSourceSelector::stratumWeight_data()
{
    QTest::addColumn<double>("stratum1Distance"); // ms; source 2 is stratum 2 at 1.0 ms
    QTest::addColumn<double>("stratumWeight");    // s
    QTest::addColumn<std::uint32_t>("expected");
    // Stratum 2 costs 1 ms extra: 1.0 + 1.0 > 1.5 and < 2.5.
    QTest::newRow("stratum 1 wins") << 1.5 << kDefaultStratumWeight << 1u;
    QTest::newRow("stratum 2 wins") << 2.5 << kDefaultStratumWeight << 2u;
    QTest::newRow("no stratum weight") << 1.5 << 0.0 << 2u;
}

void TestSourceSelector::stratumWeight()
{
    QFETCH(double, stratum1Distance);
    QFETCH(double, stratumWeight);
    QFETCH(std::uint32_t, expected);
    SelectorConfig config;
    config.stratumWeight = stratumWeight;
    SourceSelector selector(config);
    const SelectionResult r = pollAll(selector, {good(1, 0, stratum1Distance * kMs, 1), good(2, 0, 1.0 * kMs, 2)});
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(expected));
}

void TestSourceSelector::require()
{
    SelectionCandidate required = good(1, kFalseOffset);
    required.options.require = true;
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {required, good(2), good(3)}, 2);
    QCOMPARE(states(r), QStringLiteral("x--"));
    QCOMPARE(r.find(2)->status, SelectionStatus::WaitsSources);
    QCOMPARE(r.reason, NoSelectionReason::NoRequiredSource);
    QVERIFY(!r.selectedId);

    // A required source that is not selectable at all blocks selection the same way.
    SelectionCandidate fresh = good(1);
    fresh.options.require = true;
    fresh.enoughSamples = false;
    SourceSelector waiting;
    QCOMPARE(pollAll(waiting, {fresh, good(2), good(3)}, 2).reason, NoSelectionReason::NoRequiredSource);

    // In agreement, it allows selection; it need not be the selected one.
    required.offset = 0;
    required.rootDistance = 2 * kMs;
    SourceSelector agreeing;
    const SelectionResult s = pollAll(agreeing, {required, good(2), good(3)});
    QCOMPARE(states(s), QStringLiteral("+*+"));
}

void TestSourceSelector::trustOutvotesMajority()
{
    SelectionCandidate t1 = good(1);
    SelectionCandidate t2 = good(2, 0.1 * kMs);
    const Candidates untrusting = {t1, t2, good(3, kFalseOffset), good(4, kFalseOffset), good(5, kFalseOffset)};
    SourceSelector plain;
    QCOMPARE(states(pollAll(plain, untrusting)), QStringLiteral("xx*++"));

    t1.options.trust = true;
    t2.options.trust = true;
    const Candidates trusting = {t1, t2, good(3, kFalseOffset), good(4, kFalseOffset), good(5, kFalseOffset)};
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, trusting);
    QCOMPARE(states(r), QStringLiteral("*+xxx"));

    // Trusted sources that disagree among themselves still need a majority of their own.
    t2.offset = kFalseOffset;
    SourceSelector split;
    const SelectionResult s = pollAll(split, {t1, t2, good(3, kFalseOffset), good(4)});
    QCOMPARE(s.reason, NoSelectionReason::NoMajority);
    QCOMPARE(states(s), QStringLiteral("xxxx"));
}

void TestSourceSelector::untrustedWhenOutsideTrustedRegion()
{
    // Trusted T [-1, 1] ms, V [-0.5, 0.5] ms, U [-0.2, 5.0] ms. All three overlap in
    // [-0.2, 0.5] ms, but U reaches beyond the trusted interval, so it could pull the combined
    // offset out of it: not selectable (`?`, chronyc's 'T').
    SelectionCandidate t = good(1, 0, 1.0 * kMs);
    t.options.trust = true;
    const SelectionCandidate v = good(2, 0, 0.5 * kMs);
    const SelectionCandidate u = good(3, 2.4 * kMs, 2.6 * kMs);
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {t, v, u});
    QCOMPARE(states(r), QStringLiteral("+*?"));
    QCOMPARE(r.find(3)->status, SelectionStatus::Untrusted);
}

void TestSourceSelector::minsources()
{
    SelectorConfig config;
    config.minSources = 3;
    SourceSelector selector(config);
    const SelectionResult r = pollAll(selector, {good(1), good(2), good(3, kFalseOffset)});
    QCOMPARE(states(r), QStringLiteral("--x"));
    QCOMPARE(r.reason, NoSelectionReason::NotEnoughSources);
    QVERIFY(!r.selectedId);
    QVERIFY(!selector.selectedId());

    const SelectionResult s = pollAll(selector, {good(1), good(2), good(3)});
    QCOMPARE(states(s), QStringLiteral("*++"));
}

void TestSourceSelector::combinelimitExcludesDistantTruechimer()
{
    // Selected at 1 ms: combined up to 3 * (1 + 0.1) = 3.3 ms.
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {good(1, 0, 1 * kMs), good(2, 0, 3.2 * kMs), good(3, 0, 3.4 * kMs)});
    QCOMPARE(states(r), QStringLiteral("*+-"));
    QCOMPARE(r.find(3)->status, SelectionStatus::Distant);
    QCOMPARE(r.combined.size(), std::size_t{2});
    QCOMPARE(r.combined[1].id, 2u);

    SelectorConfig config;
    config.combineLimit = 4;
    SourceSelector wider(config);
    QCOMPARE(states(pollAll(wider, {good(1, 0, 1 * kMs), good(2, 0, 3.2 * kMs), good(3, 0, 3.4 * kMs)})),
             QStringLiteral("*++"));
}

void TestSourceSelector::frequencyDisagreementNotCombined()
{
    // Skews 0.1 ppm each: frequencies may differ by 3 * (0.1 + 0.1 + 1) = 3.6 ppm.
    SelectionCandidate close = good(2);
    close.frequency = 3.5 * kPpm;
    SelectionCandidate off = good(3);
    off.frequency = 3.7 * kPpm;
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {good(1), close, off});
    QCOMPARE(states(r), QStringLiteral("*+-"));
}

void TestSourceSelector::distantPenalty_data()
{
    QTest::addColumn<int>("reachSize");
    QTest::addColumn<int>("updatesStillDistant");
    // A full reach register: 32 reference updates (chrony's DISTANT_PENALTY); a young source
    // only misses one.
    QTest::newRow("full register") << kReachBits << SourceSelector::kDistantPenalty - 1;
    QTest::newRow("young source") << 4 << 0;
}

void TestSourceSelector::distantPenalty()
{
    QFETCH(int, reachSize);
    QFETCH(int, updatesStillDistant);
    SelectionCandidate far = good(2, 0, 5 * kMs);
    far.reachSize = reachSize;
    Candidates sources = {good(1), far};
    SourceSelector selector;
    QCOMPARE(states(pollAll(selector, sources)), QStringLiteral("*-"));

    // Close again: combined after the penalty has run out, counted in reference updates.
    sources[1].rootDistance = kDistance;
    for (int i = 0; i < updatesStillDistant; ++i) {
        selector.select(sources, 2); // no reference update: the penalty does not run
        QCOMPARE(states(selector.select(sources, 1)), QStringLiteral("*-"));
    }
    QCOMPARE(states(selector.select(sources, 1)), QStringLiteral("*+"));
}

void TestSourceSelector::waitsForUpdate()
{
    // Nothing is selected before the best source has a sample to update the reference with.
    SourceSelector selector;
    const Candidates sources = {good(1, 0, 2 * kMs), good(2, 0, 1 * kMs)};
    SelectionResult r = selector.select(sources);
    QCOMPARE(states(r), QStringLiteral("--"));
    QCOMPARE(r.find(2)->status, SelectionStatus::WaitsUpdate);
    QCOMPARE(r.reason, NoSelectionReason::WaitingForUpdate);
    r = selector.select(sources, 1); // the other source's sample does not select the best
    QCOMPARE(r.reason, NoSelectionReason::WaitingForUpdate);
    r = selector.select(sources, 2);
    QCOMPARE(states(r), QStringLiteral("+*"));
    QVERIFY(r.updateReference);
}

void TestSourceSelector::waitsForStats()
{
    // Start-up: source 1 has three samples, source 2 was polled once less and has two. chrony
    // waits for source 2 instead of selecting source 1 alone.
    SelectionCandidate first = good(1);
    first.reach = 0b111;
    first.reachSize = 3;
    SelectionCandidate second = good(2);
    second.reach = 0b11;
    second.reachSize = 2;
    second.enoughSamples = false;
    SourceSelector selector;
    SelectionResult r = selector.select({first, second}, 1);
    QCOMPARE(r.reason, NoSelectionReason::WaitingForStats);
    QCOMPARE(states(r), QStringLiteral("??"));
    QCOMPARE(r.find(1)->status, SelectionStatus::WaitsStats);

    second.reach = 0b111;
    second.reachSize = 3;
    second.enoughSamples = true;
    r = selector.select({first, second}, 2);
    QCOMPARE(r.reason, NoSelectionReason::None);
    QCOMPARE(states(r), QStringLiteral("*+")); // equal: the lower id, which has a sample

    // Not once a usable source's register is full: a source that never gets enough samples
    // cannot hold selection up for ever.
    first.reach = kFullReach;
    first.reachSize = kReachBits;
    second.reach = kFullReach >> 1;
    second.reachSize = kReachBits;
    second.enoughSamples = false;
    SourceSelector later;
    QCOMPARE(states(later.select({first, second}, 1)), QStringLiteral("*?"));
}

void TestSourceSelector::updateReferenceOnlyOnSelectedSamples()
{
    SourceSelector selector;
    const Candidates sources = {good(1), good(2)};
    QVERIFY(selector.select(sources, 1).updateReference);
    QVERIFY(!selector.select(sources, 2).updateReference);
    QVERIFY(!selector.select(sources).updateReference);
    QVERIFY(selector.select(sources, 1).updateReference);
    QVERIFY(selector.select(sources, 1).updateReference); // every sample of it counts
}

void TestSourceSelector::lostSelectionPicksBestDistance()
{
    // Source 1 selected; 2 (2.5 ms) and 3 (1.5 ms) agree with it.
    SourceSelector selector;
    Candidates sources = {good(1), good(2, 0, 2.5 * kMs), good(3, 0, 1.5 * kMs)};
    QCOMPARE(states(pollAll(selector, sources)), QStringLiteral("*++"));

    // Source 1 turns falseticker when source 2 reports. Its successor is the best truechimer
    // by distance (chrony would take the first with the highest stale score: source 2).
    sources[0].offset = kFalseOffset;
    const SelectionResult r = selector.select(sources, 2);
    QCOMPARE(states(r), QStringLiteral("x+*"));
}

void TestSourceSelector::removedSelectedSourceIsReplaced()
{
    SourceSelector selector;
    QCOMPARE(pollAll(selector, {good(1), good(2, 0, 2 * kMs)}).selectedId, std::optional<std::uint32_t>(1));
    const SelectionResult r = selector.select({good(2, 0, 2 * kMs)}, 2);
    QCOMPARE(r.selectedId, std::optional<std::uint32_t>(2));
    QCOMPARE(states(r), QStringLiteral("*"));

    const SelectionResult none = selector.select({});
    QCOMPARE(none.reason, NoSelectionReason::NoSources);
    QVERIFY(!selector.selectedId());
}

void TestSourceSelector::tieBreakById()
{
    // Equal in everything: the lower id wins whatever the input order, and the result lists
    // the sources in input order.
    for (const Candidates &sources : {Candidates{good(7), good(3)}, Candidates{good(3), good(7)}}) {
        SourceSelector selector;
        const SelectionResult r = pollAll(selector, sources);
        QCOMPARE(r.selectedId, std::optional<std::uint32_t>(3));
        QCOMPARE(r.sources[0].id, sources[0].id);
        QCOMPARE(r.sources[1].id, sources[1].id);
    }
}

void TestSourceSelector::leapVote()
{
    Candidates sources = {good(1), good(2), good(3)};
    sources[1].leap = LeapIndicator::InsertSecond;
    SourceSelector selector;
    QCOMPARE(pollAll(selector, sources).leap, LeapIndicator::None); // 1 of 3

    sources[2].leap = LeapIndicator::InsertSecond;
    QCOMPARE(pollAll(selector, sources).leap, LeapIndicator::InsertSecond); // 2 of 3

    // A falseticker does not vote: 1 of 2.
    sources[2].offset = kFalseOffset;
    QCOMPARE(pollAll(selector, sources).leap, LeapIndicator::None);
}

void TestSourceSelector::displayStates()
{
    // chronyc's `sources` column for each detailed status (chrony 4.8's SRC_ReportSource()).
    const std::vector<std::pair<SelectionStatus, char>> expected = {
        {SelectionStatus::NoSelect, '?'},       {SelectionStatus::Unreachable, '?'},
        {SelectionStatus::Unsynchronised, '?'}, {SelectionStatus::SyncLoop, '?'},
        {SelectionStatus::BadStats, '?'},       {SelectionStatus::BadDistance, '?'},
        {SelectionStatus::Jittery, '~'},        {SelectionStatus::WaitsStats, '?'},
        {SelectionStatus::Untrusted, '?'},      {SelectionStatus::Falseticker, 'x'},
        {SelectionStatus::WaitsSources, '-'},   {SelectionStatus::NonPreferred, '-'},
        {SelectionStatus::WaitsUpdate, '-'},    {SelectionStatus::Distant, '-'},
        {SelectionStatus::Combined, '+'},       {SelectionStatus::Selected, '*'},
    };
    for (const auto &[status, display] : expected)
        QCOMPARE(stateChar(toSourceState(status)), display);
    // `selectdata` letters.
    QCOMPARE(statusLetter(SelectionStatus::NoSelect), 'N');
    QCOMPARE(statusLetter(SelectionStatus::BadStats), 'M');
    QCOMPARE(statusLetter(SelectionStatus::Untrusted), 'T');
    QCOMPARE(statusLetter(SelectionStatus::WaitsSources), 'W');
    QCOMPARE(statusLetter(SelectionStatus::Distant), 'D');
}

void TestSourceSelector::combinedOffsetOfEqualSources()
{
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {good(1, 1 * kMs, 2 * kMs), good(2, 3 * kMs, 2 * kMs)});
    QCOMPARE(states(r), QStringLiteral("*+"));
    const std::vector<CombineInput> inputs = {input(1, 1 * kMs, 0.1 * kMs, 0, kPpm, kPpm),
                                              input(2, 3 * kMs, 0.1 * kMs, 0, kPpm, kPpm)};
    const std::optional<CombinedEstimate> e = selector.combine(r, inputs);
    QVERIFY(e);
    QCOMPARE(e->sourceCount, 2);
    VERIFY_NEAR(e->offset, 2 * kMs);

    SelectorConfig config;
    config.offsetWeighting = OffsetWeighting::InverseVariance;
    const std::optional<CombinedEstimate> v = SourceSelector(config).combine(r, inputs);
    QVERIFY(v);
    VERIFY_NEAR(v->offset, 2 * kMs);
}

void TestSourceSelector::combinedOffsetWeighted_data()
{
    QTest::addColumn<int>("weighting");
    QTest::newRow("inverse distance") << int(OffsetWeighting::InverseDistance);
    QTest::newRow("inverse variance") << int(OffsetWeighting::InverseVariance);
}

void TestSourceSelector::combinedOffsetWeighted()
{
    QFETCH(int, weighting);
    const double o1 = 0.5 * kMs, d1 = 1 * kMs, sd1 = 0.1 * kMs;
    const double o2 = 1.5 * kMs, d2 = 2 * kMs, sd2 = 0.3 * kMs;
    SelectorConfig config;
    config.offsetWeighting = static_cast<OffsetWeighting>(weighting);
    SourceSelector selector(config);
    const SelectionResult r = pollAll(selector, {good(1, o1, d1), good(2, o2, d2)});
    QCOMPARE(states(r), QStringLiteral("*+"));
    const std::optional<CombinedEstimate> e =
        selector.combine(r, {input(1, o1, sd1, 0, kPpm, kPpm), input(2, o2, sd2, 0, kPpm, kPpm)});
    QVERIFY(e);

    const bool byDistance = config.offsetWeighting == OffsetWeighting::InverseDistance;
    const double w1 = byDistance ? 1 / d1 : 1 / (sd1 * sd1);
    const double w2 = byDistance ? 1 / d2 : 1 / (sd2 * sd2);
    VERIFY_NEAR(e->offset, (w1 * o1 + w2 * o2) / (w1 + w2));
}

void TestSourceSelector::combinedErrors()
{
    const double o1 = 0.5 * kMs, d1 = 1 * kMs, sd1 = 0.1 * kMs;
    const double o2 = 1.5 * kMs, d2 = 2 * kMs, sd2 = 0.3 * kMs;
    const double f1 = 2 * kPpm, fsd1 = 0.01 * kPpm, skew1 = 0.02 * kPpm;
    const double f2 = 3 * kPpm, fsd2 = 0.03 * kPpm, skew2 = 0.05 * kPpm;
    SelectionCandidate c1 = good(1, o1, d1);
    SelectionCandidate c2 = good(2, o2, d2);
    c1.frequency = f1;
    c2.frequency = f2;
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {c1, c2});
    QCOMPARE(states(r), QStringLiteral("*+"));
    const CombineInput in1 = input(1, o1, sd1, f1, fsd1, skew1);
    const std::optional<CombinedEstimate> e = selector.combine(r, {input(2, o2, sd2, f2, fsd2, skew2), in1});
    QVERIFY(e);
    QCOMPARE(e->selectedId, 1u);

    // Offset errors about the selected source's offset, weighted like the offsets.
    const double w1 = 1 / d1, w2 = 1 / d2;
    const double spread = w1 * (sd1 * sd1) + w2 * (sd2 * sd2 + (o2 - o1) * (o2 - o1));
    VERIFY_NEAR(e->offsetSd, std::sqrt(spread / (w1 + w2)));
    // Frequencies by inverse variance; deviations and skews combine as independent estimates.
    const double v1 = 1 / (fsd1 * fsd1), v2 = 1 / (fsd2 * fsd2);
    VERIFY_NEAR(e->frequency, (v1 * f1 + v2 * f2) / (v1 + v2));
    VERIFY_NEAR(e->frequencySd, 1 / std::sqrt(v1 + v2));
    VERIFY_NEAR(e->skew, 1 / std::sqrt(1 / (skew1 * skew1) + 1 / (skew2 * skew2)));
    // The reference's root delay and dispersion are the selected source's.
    VERIFY_NEAR(e->rootDelay, in1.rootDelay);
    VERIFY_NEAR(e->rootDispersion, in1.rootDispersion);
}

void TestSourceSelector::combineSingleSourcePassesThrough()
{
    SourceSelector selector;
    // Source 2 is not combined (too distant); its input is ignored.
    const SelectionResult r = pollAll(selector, {good(1), good(2, 0, 10 * kMs)});
    QCOMPARE(states(r), QStringLiteral("*-"));
    const CombineInput in1 = input(1, 0.7 * kMs, 0.2 * kMs, 1.5 * kPpm, 0.01 * kPpm, 0.02 * kPpm);
    const std::optional<CombinedEstimate> e = selector.combine(r, {in1, input(2, 5 * kMs, 0.1 * kMs, 0, kPpm, kPpm)});
    QVERIFY(e);
    CombinedEstimate expected;
    expected.selectedId = 1;
    expected.sourceCount = 1;
    expected.offset = in1.offset;
    expected.offsetSd = in1.offsetSd;
    expected.frequency = in1.frequency;
    expected.frequencySd = in1.frequencySd;
    expected.skew = in1.skew;
    expected.rootDelay = in1.rootDelay;
    expected.rootDispersion = in1.rootDispersion;
    QVERIFY(*e == expected);
}

void TestSourceSelector::combineWithoutSelection()
{
    SourceSelector selector;
    const SelectionResult r = pollAll(selector, {good(1), good(2, kFalseOffset)});
    QVERIFY(!r.selectedId);
    QVERIFY(!selector.combine(r, {input(1, 0, kMs, 0, kPpm, kPpm)}));

    // Selected, but its own estimate is missing.
    const SelectionResult s = pollAll(selector, {good(1)});
    QVERIFY(s.selectedId);
    QVERIFY(!selector.combine(s, {input(2, 0, kMs, 0, kPpm, kPpm)}));
}

QTEST_APPLESS_MAIN(TestSourceSelector)
#include "tst_sourceselector.moc"
