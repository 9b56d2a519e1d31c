#include "StabilityView.h"

#include "ChartScale.h"
#include "DisplayFormat.h"
#include "SnapshotFeed.h"
#include "StabilityPlots.h"
#include "TouchStyle.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
// The service answers at most this many buckets (kMaxHistoryBuckets).
constexpr std::int64_t kMaxBuckets = 10'000;
// A probe whose interval is within this factor of its grid is already one bucket per sample.
constexpr double kRegridFactor = 1.5;
constexpr int kSignificantDigits = 3;
// Colours for the chosen source and the system clock (the Charts page's first two, light/dark).
constexpr QRgb kSourceColor = 0x1f77b4;
constexpr QRgb kSystemColor = 0xd62728;
constexpr QRgb kSourceColorDark = 0x6cb4ee;
constexpr QRgb kSystemColorDark = 0xff7f7f;
constexpr int kDarkBaseLightness = 128;
// The result of the chosen source's offsets (pulse edges or filtered samples).
constexpr std::size_t kSourceResult = 0;
const char *const kSystemSeries = "tracking.offset";
// Column shares of the histograms and the deviation plots while the jitter histogram is shown.
constexpr int kHistogramsStretchWithJitter = 5;
constexpr int kDeviationsStretchWithJitter = 4;

// HistoryRecorder's names for a source's figures (core/engine/history is not the window's).
std::string offsetSeries(const std::string &source)
{
    return "source/" + source + "/offset";
}

std::string edgeSeries(const std::string &source)
{
    return "source/" + source + "/edge";
}

std::string jitterSeries(const std::string &source)
{
    return "source/" + source + "/jitter";
}

bool endsWith(const std::string &text, const std::string &tail)
{
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool hasSamples(const HistoryRange &range)
{
    return std::any_of(range.buckets.begin(), range.buckets.end(),
                       [](const HistoryRangeBucket &b) { return b.count > 0; });
}

std::uint32_t bucketsFor(std::int64_t span, std::int64_t width)
{
    return static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(span / std::max<std::int64_t>(width, 1), 1, kMaxBuckets));
}

// "-12.3 ns", with the unit ChartScale would pick for the magnitude.
QString formatOffset(double seconds, bool sign)
{
    const DisplayUnit unit = secondsUnit(std::abs(seconds));
    const double shown = seconds * unit.factor;
    const int decimals = std::max(0, kSignificantDigits - 1
                                         - static_cast<int>(std::floor(std::log10(std::max(std::abs(shown), 1e-300)))));
    QString number = QLocale().toString(shown, 'f', std::min(decimals, 3));
    if (sign && shown >= 0)
        number.prepend(QLatin1Char('+'));
    return number + QLatin1Char(' ') + QString::fromStdString(unit.symbol);
}

QString formatInterval(std::int64_t ns)
{
    return formatSeconds(static_cast<double>(ns) / kNanosPerSecond);
}

// "30 min", "2 h", "3 d": how long ago, in words a glance reads.
QString formatAgo(std::int64_t ns)
{
    constexpr std::int64_t kMinute = 60 * kNanosPerSecond;
    constexpr std::int64_t kHour = 60 * kMinute;
    constexpr std::int64_t kDay = 24 * kHour;
    if (ns < 2 * kMinute)
        return StabilityView::tr("%1 s").arg(ns / kNanosPerSecond);
    if (ns < 2 * kHour)
        return StabilityView::tr("%1 min").arg(ns / kMinute);
    if (ns < 2 * kDay)
        return StabilityView::tr("%1 h").arg(ns / kHour);
    return StabilityView::tr("%1 d").arg(ns / kDay);
}

} // namespace

StabilityView::StabilityView(QWidget *parent)
    : QWidget(parent)
    , m_sourceBox(new QComboBox(this))
    , m_sourceLabel(new QLabel(this))
    , m_systemLabel(new QLabel(this))
    , m_sourceHistogram(new HistogramPlot(this))
    , m_systemHistogram(new HistogramPlot(this))
    , m_jitterHistogram(new HistogramPlot(this))
    , m_adevPlot(new DeviationPlot(this))
    , m_tdevPlot(new DeviationPlot(this))
{
    m_sourceBox->setObjectName(QStringLiteral("stabilitySource"));
    m_sourceBox->setMinimumHeight(kTouchTargetPx);
    m_sourceBox->setToolTip(tr("The source whose offsets are analysed beside the system clock's"));
    m_sourceLabel->setObjectName(QStringLiteral("stabilitySourceSummary"));
    m_systemLabel->setObjectName(QStringLiteral("stabilitySystemSummary"));
    m_sourceHistogram->setObjectName(QStringLiteral("stabilitySourceHistogram"));
    m_systemHistogram->setObjectName(QStringLiteral("stabilitySystemHistogram"));
    m_jitterHistogram->setObjectName(QStringLiteral("stabilityJitterHistogram"));
    m_jitterHistogram->hide(); // until the source turns out to have a jitter series
    m_adevPlot->setObjectName(QStringLiteral("stabilityAdev"));
    m_tdevPlot->setObjectName(QStringLiteral("stabilityTdev"));
    for (QLabel *label : {m_sourceLabel, m_systemLabel}) {
        // A long summary is cut (the tooltip has it whole) rather than widening the window.
        // Two lines at most on the small screen: wrapped, not cut.
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    connect(m_sourceBox, &QComboBox::activated, this, [this] { restart(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Source"), this));
    row->addWidget(m_sourceBox);
    row->addWidget(m_sourceLabel, 1);
    layout->addLayout(row);
    layout->addWidget(m_systemLabel);
    auto *grid = new QGridLayout;
    m_plots = grid;
    grid->setSpacing(4);
    auto *sourceRow = new QHBoxLayout;
    sourceRow->setSpacing(4);
    sourceRow->addWidget(m_sourceHistogram, 1);
    sourceRow->addWidget(m_jitterHistogram, 1);
    grid->addLayout(sourceRow, 0, 0);
    grid->addWidget(m_systemHistogram, 1, 0);
    grid->addWidget(m_adevPlot, 0, 1);
    grid->addWidget(m_tdevPlot, 1, 1);
    layout->addLayout(grid, 1);
    m_results[1].series = kSystemSeries;
    refreshDisplay();
}

void StabilityView::setFeed(SnapshotFeed *feed)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    if (m_feed)
        connect(m_feed, &SnapshotFeed::historyReady, this, &StabilityView::onHistory);
    restart();
}

void StabilityView::setSources(const std::vector<std::string> &names, const std::string &preferred)
{
    const QString current = m_sourceBox->currentText();
    QStringList items;
    for (const std::string &name : names)
        items << QString::fromStdString(name);
    QStringList shown;
    for (int i = 0; i < m_sourceBox->count(); ++i)
        shown << m_sourceBox->itemText(i);
    if (items == shown)
        return;
    m_sourceBox->clear();
    m_sourceBox->addItems(items);
    const int kept = m_sourceBox->findText(current);
    const int index = kept >= 0 ? kept : m_sourceBox->findText(QString::fromStdString(preferred));
    m_sourceBox->setCurrentIndex(std::max(0, index));
    if (m_sourceBox->currentText() != current)
        restart();
}

void StabilityView::setRange(std::int64_t from, std::int64_t to, bool force)
{
    m_from = from;
    m_to = to;
    const std::int64_t span = to - from;
    const std::int64_t refresh = std::max(kRefreshEvery, span / kRefreshesPerSpan);
    if (force || span != m_analysedSpan || std::abs(to - m_analysedTo) >= refresh)
        restart();
}

QString StabilityView::chosenSource() const
{
    return m_sourceBox->currentText();
}

bool StabilityView::busy() const
{
    return std::any_of(m_tickets.begin(), m_tickets.end(), [](quint64 t) { return t != 0; });
}

void StabilityView::restart()
{
    const QString source = chosenSource();
    m_results[0] = Result{};
    // Edges first; a source without them falls back to its offsets (onHistory).
    m_results[0].series = source.isEmpty() ? std::string() : edgeSeries(source.toStdString());
    m_results[1] = Result{};
    m_results[1].series = kSystemSeries;
    m_results[2] = Result{};
    m_results[2].series = source.isEmpty() ? std::string() : jitterSeries(source.toStdString());
    m_tickets = {};
    m_analysedTo = m_to;
    m_analysedSpan = m_to - m_from;
    if (m_feed && m_to > m_from) {
        for (std::size_t i = 0; i < m_results.size(); ++i) {
            if (m_results[i].series.empty())
                continue;
            m_probing[i] = true;
            request(i, bucketsFor(m_to - m_from, kProbeBucket));
        }
    }
    refreshDisplay();
}

void StabilityView::request(std::size_t index, std::uint32_t buckets)
{
    m_tickets[index] = m_feed->requestHistory({m_results[index].series, m_from, m_to, buckets});
}

void StabilityView::onHistory(quint64 ticket, const HistoryRange &range)
{
    const auto it = std::find(m_tickets.begin(), m_tickets.end(), ticket);
    if (ticket == 0 || it == m_tickets.end())
        return;
    const auto index = static_cast<std::size_t>(it - m_tickets.begin());
    *it = 0;
    Result &result = m_results[index];
    if (index == 0 && endsWith(result.series, "/edge") && (!range.ok || !hasSamples(range))) {
        // No pulses in this range: the source's filtered samples.
        result.series = offsetSeries(chosenSource().toStdString());
        m_probing[index] = true;
        request(index, bucketsFor(m_to - m_from, kProbeBucket));
        return;
    }
    if (!range.ok) {
        result.done = true;
        result.error = QString::fromStdString(range.error);
        refreshDisplay();
        return;
    }
    if (m_probing[index]) {
        m_probing[index] = false;
        result.interval = estimateSampleInterval(range);
        if (result.interval > 0
            && static_cast<double>(result.interval) > kRegridFactor * static_cast<double>(range.bucketWidth)) {
            const std::uint32_t buckets = bucketsFor(m_to - m_from, result.interval);
            if (buckets != range.request.buckets) {
                request(index, buckets);
                return;
            }
        }
    }
    finish(index, range);
}

void StabilityView::finish(std::size_t index, const HistoryRange &range)
{
    Result &result = m_results[index];
    result.done = true;
    // A source's offsets are recorded as "source ahead"; the window shows chronyc's sign
    // (local clock minus source), as the charts do. The deviations do not depend on it.
    const double sign = index == kSourceResult ? -1.0 : 1.0;
    std::vector<double> values;
    for (const HistoryRangeBucket &bucket : range.buckets) {
        if (bucket.count == 0)
            continue;
        values.push_back(sign * bucket.mean);
        result.newest = bucket.start;
    }
    if (result.interval <= 0)
        result.interval = range.bucketWidth;
    result.histogram = buildHistogram(std::move(values));
    result.record = extractPhase(range);
    result.curve = pooledStabilityCurve(result.record, kMaxTau);
    refreshDisplay();
    if (!busy())
        emit analysed();
}

QString StabilityView::histogramEmptyText(const Result &result) const
{
    if (!m_feed)
        return tr("No history: no feed");
    if (const QString why = m_feed->historyUnavailableReason(); !why.isEmpty())
        return tr("No history: %1").arg(why);
    if (result.series.empty())
        return tr("No sources");
    if (!result.error.isEmpty())
        return tr("No history yet: %1").arg(result.error);
    if (!result.done)
        return tr("Loading history\u2026");
    return tr("Needs at least %1 samples in the range (has %2)")
        .arg(kMinHistogramSamples)
        .arg(result.histogram.samples);
}

QString StabilityView::summary(const Result &result, const QString &name) const
{
    if (!result.done || !result.error.isEmpty() || result.series.empty())
        return tr("%1: %2").arg(name, histogramEmptyText(result));
    if (result.histogram.samples == 0)
        return tr("%1: no samples in this range").arg(name);
    QString text =
        tr("%1: %2 samples every %3").arg(name).arg(result.histogram.samples).arg(formatInterval(result.interval));
    const OffsetHistogram &h = result.histogram;
    if (h.counts.empty()) {
        text += tr("; needs at least %1 for the histogram").arg(kMinHistogramSamples);
    } else {
        text += tr("; median %1, IQR %2, 5–95 % %3 to %4")
                    .arg(formatOffset(h.median, true), formatOffset(h.iqr, false), formatOffset(h.p05, true),
                         formatOffset(h.p95, true));
        if (h.below + h.above > 0)
            text += tr(" (%1 outside the bins)").arg(h.below + h.above);
    }
    if (result.curve.empty()) {
        text += tr("; ADEV needs at least %1 samples in a row (longest %2)")
                    .arg(kMinStabilitySamples)
                    .arg(result.record.longestRun());
    } else {
        text += tr("; ADEV from %1 points, \u03c4\u2080 %2")
                    .arg(result.record.samples + result.record.bridged)
                    .arg(formatSeconds(result.record.tau0));
        if (result.record.bridged > 0)
            text += tr(", %1 bridged").arg(result.record.bridged);
        if (result.record.splits > 0)
            text += tr(", split at %1 gaps").arg(result.record.splits);
    }
    const std::int64_t age = m_to - result.newest;
    const std::int64_t staleAfter = std::max(kStaleAtLeast, kStaleIntervals * result.interval);
    if (result.newest > 0 && age > staleAfter)
        text += tr("; STALE: newest sample %1 old").arg(formatAgo(age));
    return text;
}

QString StabilityView::sourceSummary() const
{
    return summary(m_results[0], chosenSource().isEmpty() ? tr("Source") : chosenSource());
}

QString StabilityView::systemSummary() const
{
    return summary(m_results[1], tr("System clock"));
}

void StabilityView::refreshDisplay()
{
    const bool dark = palette().color(QPalette::Base).lightness() < kDarkBaseLightness;
    const QColor sourceColor(dark ? kSourceColorDark : kSourceColor);
    const QColor systemColor(dark ? kSystemColorDark : kSystemColor);
    const QString sourceName = chosenSource().isEmpty() ? tr("Source") : chosenSource();
    const Result &source = m_results[0];
    const Result &system = m_results[1];
    const Result &jitter = m_results[2];
    const QString sourceTitle = endsWith(source.series, "/edge")
                                    ? tr("%1 offset per pulse edge (local\u2212source)").arg(sourceName)
                                    : tr("%1 offset (local\u2212source)").arg(sourceName);
    m_sourceHistogram->setHistogram(sourceTitle, source.histogram, sourceColor, histogramEmptyText(source));
    // Only refclocks have a jitter series: the others keep the whole row for their offsets.
    // While a refresh loads, it keeps its place (the layout does not jump every few seconds).
    const bool jitterShown =
        jitter.done ? jitter.error.isEmpty() && jitter.histogram.samples > 0 : !m_jitterHistogram->isHidden();
    m_jitterHistogram->setHistogram(tr("%1 jitter per poll").arg(sourceName), jitter.histogram, sourceColor,
                                    histogramEmptyText(jitter));
    m_jitterHistogram->setVisible(jitterShown);
    // Two histograms side by side need the wider share of a small screen; the log-log curves
    // read well narrower.
    m_plots->setColumnStretch(0, jitterShown ? kHistogramsStretchWithJitter : 1);
    m_plots->setColumnStretch(1, jitterShown ? kDeviationsStretchWithJitter : 1);
    m_systemHistogram->setHistogram(tr("System clock offset"), system.histogram, systemColor,
                                    histogramEmptyText(system));
    std::vector<DeviationCurve> adev;
    std::vector<DeviationCurve> tdev;
    for (const auto &[result, name, color] :
         {std::tuple{&source, sourceName, sourceColor}, std::tuple{&system, tr("System"), systemColor}}) {
        DeviationCurve a{name, color, {}};
        DeviationCurve t{name, color, {}};
        for (const StabilityPoint &point : result->curve) {
            a.points.emplace_back(point.tau, point.adev);
            t.points.emplace_back(point.tau, point.tdev);
        }
        adev.push_back(std::move(a));
        tdev.push_back(std::move(t));
    }
    QString empty = tr("Needs at least %1 samples in a row").arg(kMinStabilitySamples);
    // No history at all: the reason, as the histograms say it.
    if (!m_feed || !m_feed->historyUnavailableReason().isEmpty() || !system.error.isEmpty())
        empty = histogramEmptyText(system);
    const bool loading = busy();
    m_adevPlot->setCurves(tr("Overlapping ADEV"), adev, false, loading ? tr("Loading history\u2026") : empty);
    m_tdevPlot->setCurves(tr("Time deviation TDEV"), tdev, true, loading ? tr("Loading history\u2026") : empty);
    m_sourceLabel->setText(sourceSummary());
    m_sourceLabel->setToolTip(sourceSummary());
    m_systemLabel->setText(systemSummary());
    m_systemLabel->setToolTip(systemSummary());
}

} // namespace s1
