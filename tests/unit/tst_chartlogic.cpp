// The Charts page's logic without Qt Charts: the per-column downsampler and its gaps, the value
// axis (robust range, units, round ticks), the clock-time axis, the time window's zoom and pan,
// and the frame and CSV the page builds from the feed's buckets.
#include "charts/ChartFrame.h"
#include "charts/ChartScale.h"
#include "charts/ChartTimeWindow.h"
#include "charts/ColumnDownsampler.h"

#include <QTest>

#include <cmath>

using namespace s1;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;
// 2026-12-06 00:00:00 UTC, a Sunday.
constexpr std::int64_t kMidnight = 1'796'515'200LL * kSecond;

HistoryRangeBucket point(std::int64_t time, double value)
{
    return {time, 1, value, value, value};
}

// One point a second over [from, from + span), value(t) of the second's index.
template <typename F>
std::vector<HistoryRangeBucket> everySecond(std::int64_t from, std::int64_t span, F value)
{
    std::vector<HistoryRangeBucket> buckets;
    for (std::int64_t t = 0; t < span; t += kSecond)
        buckets.push_back(point(from + t, value(t / kSecond)));
    return buckets;
}

std::size_t columnsIn(const std::vector<PlotSegment> &segments)
{
    std::size_t n = 0;
    for (const PlotSegment &s : segments)
        n += s.size();
    return n;
}

} // namespace

class TestChartLogic : public QObject
{
    Q_OBJECT

private slots:
    void downsamplerKeepsEachColumnsExtremes();
    void downsamplerBoundsTheWorkByColumns();
    void gapsSplitSegments();
    void emptyBucketsBetweenSparseSamplesAreNoGap();
    void roundSteps();
    void valueAxisSwitchesUnitsWithTheRange();
    void valueAxisTicksAreRound();
    void flatLineGetsALeastSpan();
    void robustRangeLeavesAStartupStepOut();
    void timeAxisTicksAtRoundClockTimes();
    void timeWindowZoomsAndPans();
    void frameDrawsBandAndNegatesSources();
    void bufferMergesTails();
    void csvHasTheShownRange();
};

void TestChartLogic::downsamplerKeepsEachColumnsExtremes()
{
    // 100 points a second apart, 10 columns: each column holds 10 points, min/max/mean kept.
    const auto buckets = everySecond(kMidnight, 100 * kSecond, [](std::int64_t i) { return double(i); });
    const auto segments =
        downsampleToColumns(buckets, kSecond, kMidnight, kMidnight + 100 * kSecond, 10, gapThreshold(buckets, kSecond));
    QCOMPARE(segments.size(), std::size_t(1));
    QCOMPARE(segments[0].size(), std::size_t(10));
    for (int c = 0; c < 10; ++c) {
        const PlotColumn &col = segments[0][std::size_t(c)];
        QCOMPARE(col.column, c);
        QCOMPARE(col.count, 10u);
        QCOMPARE(col.min, double(c * 10));
        QCOMPARE(col.max, double(c * 10 + 9));
        QCOMPARE(col.mean, c * 10 + 4.5);
    }
    // A spike survives downsampling: it is some column's maximum.
    auto spiky = buckets;
    spiky[57].max = spiky[57].min = spiky[57].mean = 1e6;
    const auto withSpike =
        downsampleToColumns(spiky, kSecond, kMidnight, kMidnight + 100 * kSecond, 10, gapThreshold(spiky, kSecond));
    QCOMPARE(withSpike[0][5].max, 1e6);
    // Buckets outside the range are left out.
    const auto half = downsampleToColumns(buckets, kSecond, kMidnight + 50 * kSecond, kMidnight + 100 * kSecond, 5,
                                          gapThreshold(buckets, kSecond));
    QCOMPARE(half[0].front().min, 50.0);
    QCOMPARE(columnsIn(half), std::size_t(5));
}

void TestChartLogic::downsamplerBoundsTheWorkByColumns()
{
    // A day at 1 Hz into 800 columns: 800 columns whatever the number of points.
    const auto day = everySecond(kMidnight, kDay, [](std::int64_t i) { return std::sin(double(i) / 100.0); });
    const auto segments =
        downsampleToColumns(day, kSecond, kMidnight, kMidnight + kDay, 800, gapThreshold(day, kSecond));
    QCOMPARE(segments.size(), std::size_t(1));
    QCOMPARE(columnsIn(segments), std::size_t(800));
    std::uint32_t total = 0;
    for (const PlotColumn &c : segments[0])
        total += c.count;
    QCOMPARE(total, std::uint32_t(kDay / kSecond));
    QVERIFY(downsampleToColumns(day, kSecond, kMidnight, kMidnight, 800, kDay).empty());
    QVERIFY(downsampleToColumns(day, kSecond, kMidnight, kMidnight + kDay, 0, kDay).empty());
}

void TestChartLogic::gapsSplitSegments()
{
    // PPS samples every 16 s for an hour, with a 4-minute outage in the middle.
    std::vector<HistoryRangeBucket> buckets;
    for (std::int64_t t = 0; t < kHour; t += 16 * kSecond) {
        if (t < 30 * kMinute || t >= 34 * kMinute)
            buckets.push_back(point(kMidnight + t, 1e-6));
    }
    const std::int64_t gap = gapThreshold(buckets, kSecond);
    QCOMPARE(gap, 40 * kSecond);
    const auto segments = downsampleToColumns(buckets, kSecond, kMidnight, kMidnight + kHour, 360, gap);
    QCOMPARE(segments.size(), std::size_t(2));
    // The first ends before the outage, the second starts after it: no line across it.
    QVERIFY(segments[0].back().time < kMidnight + 30 * kMinute);
    QVERIFY(segments[1].front().time >= kMidnight + 34 * kMinute);
    // A missed sample is no outage; two are.
    std::vector<HistoryRangeBucket> missed;
    for (std::int64_t t = 0; t < kHour; t += 16 * kSecond) {
        if (t != 16 * kSecond * 10 && t != 16 * kSecond * 100 && t != 16 * kSecond * 101)
            missed.push_back(point(kMidnight + t, 1e-6));
    }
    QCOMPARE(
        downsampleToColumns(missed, kSecond, kMidnight, kMidnight + kHour, 360, gapThreshold(missed, kSecond)).size(),
        std::size_t(2));
    // Too few points to know the spacing: no gap claimed.
    const std::vector<HistoryRangeBucket> two{point(kMidnight, 1), point(kMidnight + kHour, 2)};
    QCOMPARE(gapThreshold(two, kSecond), std::numeric_limits<std::int64_t>::max());
}

void TestChartLogic::emptyBucketsBetweenSparseSamplesAreNoGap()
{
    // Buckets of 1 s, a sample every 64 s: the empty buckets between are the sampling, not a gap.
    std::vector<HistoryRangeBucket> buckets;
    for (std::int64_t t = 0; t < kHour; t += kSecond)
        buckets.push_back(t % (64 * kSecond) == 0 ? point(kMidnight + t, 2e-3) : HistoryRangeBucket{kMidnight + t});
    const auto segments =
        downsampleToColumns(buckets, kSecond, kMidnight, kMidnight + kHour, 600, gapThreshold(buckets, kSecond));
    QCOMPARE(segments.size(), std::size_t(1));
    QCOMPARE(columnsIn(segments), std::size_t(57));
}

void TestChartLogic::roundSteps()
{
    QCOMPARE(roundStep(0.7), 1.0);
    QCOMPARE(roundStep(1.0), 1.0);
    QCOMPARE(roundStep(1.2), 2.0);
    QCOMPARE(roundStep(3.0), 5.0);
    QCOMPARE(roundStep(7.0), 10.0);
    QVERIFY(std::abs(roundStep(0.3 / 3) - 0.1) < 1e-15);
    QVERIFY(std::abs(roundStep(2.3e-7) - 5e-7) < 1e-20);
}

void TestChartLogic::valueAxisSwitchesUnitsWithTheRange()
{
    QCOMPARE(layoutValueAxis(-40e-9, 30e-9, "s", 5).unit.symbol, std::string("ns"));
    QCOMPARE(layoutValueAxis(-4e-6, 3e-6, "s", 5).unit.symbol, std::string("\u00b5s"));
    QCOMPARE(layoutValueAxis(-0.1, 0.002, "s", 5).unit.symbol, std::string("ms"));
    QCOMPARE(layoutValueAxis(-2.5, 1, "s", 5).unit.symbol, std::string("s"));
    const ValueAxisLayout ppm = layoutValueAxis(-1.93, -1.90, "ppm", 5);
    QCOMPARE(ppm.unit.symbol, std::string("ppm"));
    QCOMPARE(ppm.unit.factor, 1.0);
    QCOMPARE(ppm.decimals, 2);
    // Decimals follow the step in the shown unit: 0.5 µs steps show one decimal.
    const ValueAxisLayout us = layoutValueAxis(-1.2e-6, 0.9e-6, "s", 6);
    QCOMPARE(us.unit.factor, 1e6);
    QCOMPARE(us.decimals, 1);
}

void TestChartLogic::valueAxisTicksAreRound()
{
    const ValueAxisLayout axis = layoutValueAxis(-3.7e-6, 8.1e-6, "s", 6);
    QVERIFY(axis.low <= -3.7e-6 && axis.high >= 8.1e-6);
    QVERIFY(axis.ticks.size() >= 3 && axis.ticks.size() <= 8);
    for (const double tick : axis.ticks) {
        const double steps = tick / axis.step;
        QVERIFY2(std::abs(steps - std::round(steps)) < 1e-6, qPrintable(QString::number(tick)));
    }
    QCOMPARE(axis.ticks.front(), axis.low);
    QVERIFY(std::abs(axis.ticks.back() - axis.high) < axis.step * 1e-6);
    // Zero is a tick and is exactly zero (no "-0").
    QVERIFY(std::find(axis.ticks.begin(), axis.ticks.end(), 0.0) != axis.ticks.end());
    QVERIFY(!std::signbit(*std::find(axis.ticks.begin(), axis.ticks.end(), 0.0)));
}

void TestChartLogic::flatLineGetsALeastSpan()
{
    const ValueAxisLayout flat = layoutValueAxis(5e-6, 5e-6, "s", 5);
    QVERIFY(flat.high > flat.low);
    QVERIFY(flat.low <= 5e-6 && flat.high >= 5e-6);
    QVERIFY(flat.high - flat.low < 1e-7); // not zoomed out to a meaningless range
    const ValueAxisLayout zero = layoutValueAxis(0, 0, "s", 5);
    QVERIFY(zero.low < 0 && zero.high > 0);
}

void TestChartLogic::robustRangeLeavesAStartupStepOut()
{
    // A day in 1000 columns around ±2 µs, with a -100 ms start-up step in the first 5 columns.
    std::vector<double> lows;
    std::vector<double> highs;
    for (int c = 0; c < 1000; ++c) {
        const double v = c < 5 ? -0.1 : 2e-6 * std::sin(c / 10.0);
        lows.push_back(v - 1e-7);
        highs.push_back(v + 1e-7);
    }
    const ValueRange range = robustRange(lows, highs, kChartRangeTail);
    QVERIFY(range.valid);
    QVERIFY2(range.low > -3e-6, qPrintable(QString::number(range.low)));
    QVERIFY(range.high < 3e-6);
    QCOMPARE(layoutValueAxis(range.low, range.high, "s", 5).unit.symbol, std::string("\u00b5s"));
    // With the tails kept, the step decides: the µs data would be a flat line.
    QVERIFY(robustRange(lows, highs, 0).low <= -0.1);
    // A handful of columns keeps all of them.
    const ValueRange few = robustRange({-1, 0, 1}, {0, 1, 2}, kChartRangeTail);
    QCOMPARE(few.low, -1.0);
    QCOMPARE(few.high, 2.0);
    QVERIFY(!robustRange({}, {}, kChartRangeTail).valid);
}

void TestChartLogic::timeAxisTicksAtRoundClockTimes()
{
    // 10 minutes from 12:03:17: ticks at whole minutes, labelled HH:MM.
    const std::int64_t from = kMidnight + 12 * kHour + 3 * kMinute + 17 * kSecond;
    const TimeAxisLayout tenMinutes = layoutTimeAxis(from, from + 10 * kMinute, 6);
    QCOMPARE(tenMinutes.step, 2 * kMinute);
    QCOMPARE(formatClockTime(tenMinutes.ticks.front(), tenMinutes.style), std::string("12:04"));
    for (const std::int64_t t : tenMinutes.ticks)
        QCOMPARE(t % tenMinutes.step, std::int64_t(0));
    // A day: every few hours, on the hour.
    const TimeAxisLayout day = layoutTimeAxis(from, from + kDay, 8);
    QCOMPARE(day.step, 6 * kHour);
    QCOMPARE(formatClockTime(day.ticks.front(), day.style), std::string("18:00"));
    // A week: days, with the day's name.
    const TimeAxisLayout week = layoutTimeAxis(from, from + 7 * kDay, 8);
    QCOMPARE(week.step, kDay);
    QCOMPARE(week.style, TimeLabelStyle::DayAndTime);
    QCOMPARE(formatClockTime(week.ticks.front(), week.style), std::string("Mon 00:00"));
    // A minute: seconds shown.
    const TimeAxisLayout minute = layoutTimeAxis(from, from + kMinute, 7);
    QCOMPARE(minute.style, TimeLabelStyle::Seconds);
    QCOMPARE(minute.step, 10 * kSecond);
    QCOMPARE(formatClockTime(minute.ticks.front(), minute.style), std::string("12:03:20"));
}

void TestChartLogic::timeWindowZoomsAndPans()
{
    ChartTimeWindow window;
    window.setLatest(kMidnight);
    window.showLast(kHour);
    QCOMPARE(window.from(), kMidnight - kHour);
    QVERIFY(window.following());
    // Following: zoom keeps the right edge at the newest data.
    window.zoom(0.5, 0.2);
    QCOMPARE(window.span(), kHour / 2);
    QCOMPARE(window.to(), kMidnight);
    window.setLatest(kMidnight + kMinute);
    QCOMPARE(window.to(), kMidnight + kMinute);
    // A pan pauses; the range no longer moves with new data.
    window.pan(-0.5);
    QVERIFY(!window.following());
    QCOMPARE(window.to(), kMidnight + kMinute - kHour / 4);
    window.setLatest(kMidnight + 2 * kMinute);
    QCOMPARE(window.to(), kMidnight + kMinute - kHour / 4);
    // Paused: zoom about the anchor keeps the time under it.
    const std::int64_t anchor = window.from() + window.span() / 4;
    window.zoom(0.5, 0.25);
    QCOMPARE(window.span(), kHour / 4);
    QCOMPARE(window.from() + window.span() / 4, anchor);
    // Zooming out past the newest data stops there.
    window.zoom(8, 0.25);
    QCOMPARE(window.to(), kMidnight + 2 * kMinute);
    QCOMPARE(window.span(), 2 * kHour);
    // Never past the newest data, never narrower than a minute or wider than a week.
    window.pan(10);
    QCOMPARE(window.to(), kMidnight + 2 * kMinute);
    window.zoom(1e-9, 0.5);
    QCOMPARE(window.span(), ChartTimeWindow::kMinSpan);
    window.zoom(1e9, 0.5);
    QCOMPARE(window.span(), ChartTimeWindow::kMaxSpan);
    window.setFollowing(true);
    QCOMPARE(window.to(), kMidnight + 2 * kMinute);
}

void TestChartLogic::frameDrawsBandAndNegatesSources()
{
    std::map<std::string, SeriesBuffer> data;
    data["tracking.offset"] = {everySecond(kMidnight, 10 * kMinute, [](std::int64_t) { return 2e-6; }), kSecond, "s"};
    data["tracking.errorBound"] = {everySecond(kMidnight, 10 * kMinute, [](std::int64_t) { return 5e-6; }), kSecond,
                                   "s"};
    data["source/PPS/offset"] = {everySecond(kMidnight, 10 * kMinute, [](std::int64_t) { return 3e-7; }), kSecond, "s"};
    const std::vector<ChartLineSpec> lines{{"System", "tracking.offset", "tracking.errorBound", false, 1},
                                           {"PPS", "source/PPS/offset", "", false, -1}};
    const ChartFrame frame = buildChartFrame(lines, data, kMidnight, kMidnight + 10 * kMinute, {300, 5, 6});
    QVERIFY(frame.hasData);
    QCOMPARE(frame.unit, std::string("s"));
    QCOMPARE(frame.lines.size(), std::size_t(2));
    QCOMPARE(columnsIn(frame.lines[0].segments), std::size_t(300));
    // The band lies ±5 µs around zero and sets the range; the PPS shows local-PPS.
    QCOMPARE(frame.lines[0].band[0][0].max, 5e-6);
    QCOMPARE(frame.lines[0].band[0][0].min, -5e-6);
    QCOMPARE(frame.lines[1].segments[0][0].mean, -3e-7);
    QVERIFY(frame.valueAxis.low <= -5e-6 && frame.valueAxis.high >= 5e-6);
    QCOMPARE(frame.valueAxis.unit.symbol, std::string("\u00b5s"));
    const auto reading = nearestColumn(frame.lines[0], 17);
    QVERIFY(reading);
    QCOMPARE(reading->column.column, 17);
    QCOMPARE(reading->column.mean, 2e-6);
    QCOMPARE(*reading->band, 5e-6);
    // Around the line: a frequency ± skew.
    data["tracking.frequency"] = {everySecond(kMidnight, kMinute, [](std::int64_t) { return -1.9; }), kSecond, "ppm"};
    data["tracking.skew"] = {everySecond(kMidnight, kMinute, [](std::int64_t) { return 0.05; }), kSecond, "ppm"};
    const ChartFrame frequency = buildChartFrame({{"F", "tracking.frequency", "tracking.skew", true, 1}}, data,
                                                 kMidnight, kMidnight + kMinute, {60, 5, 6});
    QVERIFY(std::abs(frequency.lines[0].band[0][0].max - -1.85) < 1e-12);
    QVERIFY(std::abs(frequency.lines[0].band[0][0].min - -1.95) < 1e-12);
    QCOMPARE(frequency.valueAxis.unit.symbol, std::string("ppm"));
    // Nothing held: no data, a sane axis.
    const ChartFrame none = buildChartFrame(lines, {}, kMidnight, kMidnight + kMinute, {60, 5, 6});
    QVERIFY(!none.hasData);
    QVERIFY(none.valueAxis.high > none.valueAxis.low);
}

void TestChartLogic::bufferMergesTails()
{
    HistoryRange full;
    full.ok = true;
    full.unit = "s";
    full.bucketWidth = 10 * kSecond;
    for (int i = 0; i < 6; ++i)
        full.buckets.push_back({kMidnight + i * 10 * kSecond, 1, double(i), double(i), double(i)});
    SeriesBuffer buffer;
    buffer.merge(full, kMidnight);
    QCOMPARE(buffer.buckets.size(), std::size_t(6));
    // The tail starts at the newest bucket (it gained a point) and adds one; its start is a few
    // hundred ns off (the wire's seconds): still the same grid.
    HistoryRange tail = full;
    tail.bucketWidth = 10 * kSecond + 300;
    tail.buckets = {{kMidnight + 50 * kSecond + 200, 2, 5, 5.5, 6}, {kMidnight + 60 * kSecond + 500, 1, 7, 7, 7}};
    buffer.merge(tail, kMidnight + 15 * kSecond);
    QCOMPARE(buffer.bucketWidth, 10 * kSecond);
    // Buckets before keepFrom - width are dropped; the refetched one replaced.
    QCOMPARE(buffer.buckets.size(), std::size_t(6));
    QCOMPARE(buffer.buckets.front().start, kMidnight + 10 * kSecond);
    QCOMPARE(buffer.buckets[4].count, 2u);
    QCOMPARE(buffer.buckets.back().mean, 7.0);
    // Another grid replaces everything.
    HistoryRange coarse = full;
    coarse.bucketWidth = kMinute;
    coarse.buckets = {{kMidnight, 6, 0, 2.5, 5}};
    buffer.merge(coarse, kMidnight);
    QCOMPARE(buffer.buckets.size(), std::size_t(1));
    QCOMPARE(buffer.bucketWidth, kMinute);
}

void TestChartLogic::csvHasTheShownRange()
{
    std::map<std::string, SeriesBuffer> data;
    data["source/PPS/offset"] = {{point(kMidnight, 1e-6),
                                  {kMidnight + kSecond},
                                  point(kMidnight + 2 * kSecond, 2e-6),
                                  point(kMidnight + 3 * kSecond, 3e-6)},
                                 kSecond,
                                 "s"};
    const std::string csv =
        chartCsv({{"PPS", "source/PPS/offset", "", false, -1}}, data, kMidnight, kMidnight + 2 * kSecond);
    const QStringList rows = QString::fromStdString(csv).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 3); // the header, two points; the empty bucket and the one after the range left out
    QCOMPARE(rows[0], QStringLiteral("time_utc,unix_seconds,series,count,min,mean,max"));
    QCOMPARE(rows[1], QStringLiteral("2026-12-06T00:00:00Z,1796515200.000,source/PPS/offset,1,-1e-06,-1e-06,-1e-06"));
    QVERIFY(rows[2].startsWith(QStringLiteral("2026-12-06T00:00:02Z")));
}

QTEST_GUILESS_MAIN(TestChartLogic)
#include "tst_chartlogic.moc"
