#include "ChartsPage.h"

#include "ChartCanvas.h"
#include "SnapshotFeed.h"
#include "StabilityView.h"
#include "TouchStyle.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr std::int64_t kNanosPerSecond = ChartTimeWindow::kNanosPerSecond;
constexpr std::int64_t kNanosPerMinute = 60 * kNanosPerSecond;
constexpr std::int64_t kNanosPerHour = 60 * kNanosPerMinute;
constexpr std::int64_t kNanosPerDay = 24 * kNanosPerHour;
// The service answers at most this many buckets (kMaxHistoryBuckets); more than any screen's columns.
constexpr std::uint32_t kMaxBuckets = 10'000;
// Pixels a value tick and a clock-time tick need (a label "Mon 12:00" at 12 pt is about 90 px).
constexpr int kValueTickSpacingPx = 30;
constexpr int kTimeTickSpacingPx = 110;
constexpr int kLeastValueTicks = 4;
constexpr int kLeastTimeTicks = 2;

struct WindowChoice
{
    std::int64_t span;
    const char *label;
    const char *name;
};
// Labels translated where the buttons are made (QT_TR_NOOP keeps them for lupdate).
const WindowChoice kWindows[] = {
    {10 * kNanosPerMinute, QT_TR_NOOP("10 min"), "chartWindow10min"},
    {kNanosPerHour, QT_TR_NOOP("1 h"), "chartWindow1h"},
    {6 * kNanosPerHour, QT_TR_NOOP("6 h"), "chartWindow6h"},
    {kNanosPerDay, QT_TR_NOOP("24 h"), "chartWindow24h"},
    {7 * kNanosPerDay, QT_TR_NOOP("7 d"), "chartWindow7d"},
};

std::string offsetSeries(const std::string &source)
{
    // HistoryRecorder's name for a source's figure (core/engine is not the window's to include).
    return "source/" + source + "/offset";
}

bool isPpsName(const std::string &name)
{
    return QString::fromStdString(name).startsWith(QLatin1String("PPS"), Qt::CaseInsensitive);
}

bool isPps(const SourceSnapshot &source)
{
    return source.kind == SourceKind::RefClock && isPpsName(source.name);
}

int stateRank(SourceState state)
{
    switch (state) {
    case SourceState::Selected:
        return 0;
    case SourceState::Combined:
        return 1;
    case SourceState::NotCombined:
        return 2;
    default:
        return 3;
    }
}

} // namespace

ChartsPage::ChartsPage(QWidget *parent)
    : QWidget(parent)
    , m_canvas(new ChartCanvas(this))
    , m_stability(new StabilityView(this))
    , m_kindBox(new QComboBox(this))
    , m_windowButtons(new QButtonGroup(this))
    , m_followButton(new QPushButton(tr("Follow"), this))
    , m_exportButton(new QPushButton(tr("Export\u2026"), this))
    , m_readout(new QLabel(this))
    , m_refetchTimer(new QTimer(this))
{
    m_canvas->setObjectName(QStringLiteral("chartCanvas"));
    m_readout->setObjectName(QStringLiteral("chartReadout"));
    m_readout->setText(tr("Tap the chart to read a point; drag to pan; wheel or pinch to zoom"));
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A long reading is cut rather than widening the window past the screen.
    m_readout->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_refetchTimer->setSingleShot(true);
    m_refetchTimer->setInterval(kRefetchDelayMs);
    connect(m_refetchTimer, &QTimer::timeout, this, &ChartsPage::refetch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(2);
    layout->addWidget(createControls());
    layout->addWidget(m_readout);
    layout->addWidget(m_canvas, 1);
    m_stability->setObjectName(QStringLiteral("stabilityView"));
    m_stability->setVisible(false);
    layout->addWidget(m_stability, 1);

    connect(m_canvas, &ChartCanvas::zoomRequested, this, &ChartsPage::onZoom);
    connect(m_canvas, &ChartCanvas::panRequested, this, &ChartsPage::onPan);
    connect(m_canvas, &ChartCanvas::tapped, this, &ChartsPage::onTap);
    connect(m_canvas, &ChartCanvas::plotResized, this, [this] {
        redraw();
        m_refetchTimer->start();
    });
    updateLines();
    syncControls();
    redraw();
}

QWidget *ChartsPage::createControls()
{
    auto *controls = new QWidget(this);
    // Eight buttons and the chooser share 800 px: each a fingertip wide at least (the touch
    // style's two fingertips would push the page past the screen), its text not cut.
    controls->setStyleSheet(QStringLiteral("QPushButton { min-width: %1px; padding: 0 6px; }").arg(kTouchTargetPx));
    auto *row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(4);
    m_kindBox->setObjectName(QStringLiteral("chartKind"));
    m_kindBox->addItem(tr("System offset"));
    m_kindBox->addItem(tr("Sources"));
    m_kindBox->addItem(tr("Frequency"));
    m_kindBox->addItem(tr("PPS"));
    m_kindBox->addItem(tr("Stability"));
    m_kindBox->setMinimumHeight(kTouchTargetPx);
    connect(m_kindBox, &QComboBox::activated, this, [this](int index) { setKind(static_cast<Kind>(index)); });
    row->addWidget(m_kindBox);
    for (const WindowChoice &choice : kWindows) {
        auto *button = new QPushButton(tr(choice.label), controls);
        button->setObjectName(QLatin1String(choice.name));
        button->setCheckable(true);
        button->setMinimumHeight(kTouchTargetPx);
        button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        m_windowButtons->addButton(button);
        const std::int64_t span = choice.span;
        connect(button, &QPushButton::clicked, this, [this, span] { showLast(span); });
        row->addWidget(button, 1);
    }
    m_followButton->setObjectName(QStringLiteral("chartFollow"));
    m_followButton->setCheckable(true);
    m_followButton->setToolTip(tr("Keep showing the newest data (off: stay where you zoomed or panned to)"));
    m_followButton->setMinimumHeight(kTouchTargetPx);
    connect(m_followButton, &QPushButton::clicked, this, &ChartsPage::setFollowing);
    row->addWidget(m_followButton, 1);
    m_exportButton->setObjectName(QStringLiteral("chartExport"));
    m_exportButton->setMinimumHeight(kTouchTargetPx);
    connect(m_exportButton, &QPushButton::clicked, this, &ChartsPage::chooseExport);
    row->addWidget(m_exportButton, 1);
    return controls;
}

void ChartsPage::setFeed(SnapshotFeed *feed)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    m_data.clear();
    m_errors.clear();
    m_pending.clear();
    ++m_generation;
    if (m_feed)
        connect(m_feed, &SnapshotFeed::historyReady, this, &ChartsPage::onHistory);
    m_stability->setFeed(feed);
    refetch();
    redraw();
}

void ChartsPage::showStabilityRange(bool force)
{
    if (m_kind != Kind::Stability || !m_haveSnapshot)
        return;
    m_stability->setSources(m_allSourceNames, m_preferredStabilitySource);
    m_stability->setRange(m_window.from(), m_window.to(), force);
}

void ChartsPage::setKind(Kind kind)
{
    m_kind = kind;
    m_kindBox->setCurrentIndex(static_cast<int>(kind));
    const bool stability = kind == Kind::Stability;
    m_canvas->setVisible(!stability);
    m_readout->setVisible(!stability);
    m_stability->setVisible(stability);
    // The export writes the chart's range; the Stability view has its own numbers in its labels.
    m_exportButton->setEnabled(!stability);
    updateLines();
    refetch();
    redraw();
    showStabilityRange(true);
}

void ChartsPage::showLast(std::int64_t span)
{
    m_window.showLast(span);
    syncControls();
    refetch();
    redraw();
    showStabilityRange();
}

void ChartsPage::setFollowing(bool follow)
{
    m_window.setFollowing(follow);
    syncControls();
    refetch();
    redraw();
    showStabilityRange();
}

void ChartsPage::syncControls()
{
    m_windowButtons->setExclusive(false);
    for (std::size_t i = 0; i < std::size(kWindows); ++i) {
        QAbstractButton *button = m_windowButtons->buttons().at(static_cast<qsizetype>(i));
        button->setChecked(m_window.following() && m_window.span() == kWindows[i].span);
    }
    m_windowButtons->setExclusive(true);
    m_followButton->setChecked(m_window.following());
}

void ChartsPage::showSnapshot(const EngineSnapshot &snapshot)
{
    const bool first = !m_haveSnapshot;
    m_haveSnapshot = true;
    m_window.setLatest(nanosSinceEpoch(snapshot.time));

    std::vector<const SourceSnapshot *> sources;
    std::vector<std::string> pps;
    m_allSourceNames.clear();
    m_preferredStabilitySource.clear();
    for (const SourceSnapshot &source : snapshot.sources) {
        m_allSourceNames.push_back(source.name);
        // The Stability view starts with the PPS refclock, else the selected source.
        if (isPps(source) && (m_preferredStabilitySource.empty() || !isPpsName(m_preferredStabilitySource)))
            m_preferredStabilitySource = source.name;
        else if (source.state == SourceState::Selected && m_preferredStabilitySource.empty())
            m_preferredStabilitySource = source.name;
        if (isPps(source))
            pps.push_back(source.name);
        if (source.lastSample || source.state != SourceState::Unusable)
            sources.push_back(&source);
    }
    std::stable_sort(sources.begin(), sources.end(), [](const SourceSnapshot *a, const SourceSnapshot *b) {
        return stateRank(a->state) < stateRank(b->state);
    });
    std::vector<std::string> names;
    for (std::size_t i = 0; i < sources.size() && i < kMaxSourceLines; ++i)
        names.push_back(sources[i]->name);
    // The lines keep their order (and colour) while the same sources exist.
    std::sort(names.begin(), names.end());
    const std::set<std::string> shownBefore = wantedSeries();
    if (names != m_sourceNames || pps != m_ppsNames) {
        m_sourceNames = std::move(names);
        m_ppsNames = std::move(pps);
        updateLines();
    }
    m_needsRefetch = m_needsRefetch || first || wantedSeries() != shownBefore;
    // Hidden (another tab), the page asks the feed for nothing; showEvent catches up.
    if (!isVisible())
        return;
    showStabilityRange();
    if (m_needsRefetch)
        refetch();
    else
        requestTails();
    // The answers redraw when the last of them arrives; without any, the range moved now.
    if ((m_window.following() || first) && !waitingForAnswers())
        redraw();
}

void ChartsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_haveSnapshot)
        return;
    showStabilityRange();
    if (m_needsRefetch)
        refetch();
    else
        requestTails();
    if (!waitingForAnswers())
        redraw();
}

void ChartsPage::updateLines()
{
    m_lines.clear();
    switch (m_kind) {
    case Kind::SystemOffset:
        m_lines.push_back({tr("System offset, + = local clock ahead (band: error bound)").toStdString(),
                           "tracking.offset", "tracking.errorBound", false, 1});
        break;
    case Kind::SourceOffsets:
        for (const std::string &name : m_sourceNames)
            m_lines.push_back({name, offsetSeries(name), "", false, -1});
        break;
    case Kind::Frequency:
        m_lines.push_back(
            {tr("Frequency (band: \u00b1 skew)").toStdString(), "tracking.frequency", "tracking.skew", true, 1});
        break;
    case Kind::PpsOffset:
        for (const std::string &name : m_ppsNames)
            m_lines.push_back({name, offsetSeries(name), "", false, -1});
        break;
    case Kind::Stability:
        break; // its view asks for its own series
    }
}

std::set<std::string> ChartsPage::wantedSeries() const
{
    std::set<std::string> wanted;
    for (const ChartLineSpec &line : m_lines) {
        wanted.insert(line.series);
        if (!line.bandSeries.empty())
            wanted.insert(line.bandSeries);
    }
    return wanted;
}

void ChartsPage::refetch()
{
    m_refetchTimer->stop();
    ++m_generation;
    if (!m_feed || !m_haveSnapshot)
        return;
    m_needsRefetch = false;
    const auto buckets = static_cast<std::uint32_t>(std::clamp(m_canvas->plotColumns(), 1, int(kMaxBuckets)));
    for (const std::string &series : wantedSeries()) {
        const quint64 ticket = m_feed->requestHistory({series, m_window.from(), m_window.to(), buckets});
        m_pending[ticket] = {series, m_generation, false};
    }
}

void ChartsPage::requestTails()
{
    if (!m_feed || !m_window.following())
        return;
    std::set<std::string> waiting;
    for (const auto &[ticket, pending] : m_pending) {
        if (pending.generation == m_generation)
            waiting.insert(pending.series);
    }
    for (const std::string &series : wantedSeries()) {
        if (waiting.count(series))
            continue;
        const auto it = m_data.find(series);
        if (it == m_data.end() || it->second.buckets.empty() || it->second.bucketWidth <= 0) {
            // Nothing yet (the series may only now exist: the first sync, a new source).
            const auto buckets = static_cast<std::uint32_t>(std::clamp(m_canvas->plotColumns(), 1, int(kMaxBuckets)));
            m_pending[m_feed->requestHistory({series, m_window.from(), m_window.to(), buckets})] = {
                series, m_generation, false};
            continue;
        }
        // The newest bucket again (it may have gained points) and those since, on the same grid.
        const SeriesBuffer &buffer = it->second;
        const std::int64_t from = buffer.buckets.back().start;
        const std::int64_t count = std::max<std::int64_t>(0, m_window.latest() - from) / buffer.bucketWidth + 1;
        if (count > static_cast<std::int64_t>(kMaxBuckets)) {
            refetch();
            return;
        }
        const std::int64_t to = from + count * buffer.bucketWidth - 1;
        m_pending[m_feed->requestHistory({series, from, to, static_cast<std::uint32_t>(count)})] = {series,
                                                                                                    m_generation, true};
    }
}

bool ChartsPage::waitingForAnswers() const
{
    return std::any_of(m_pending.begin(), m_pending.end(),
                       [this](const auto &entry) { return entry.second.generation == m_generation; });
}

void ChartsPage::onHistory(quint64 ticket, const HistoryRange &range)
{
    const auto it = m_pending.find(ticket);
    if (it == m_pending.end())
        return;
    const Pending pending = it->second;
    m_pending.erase(it);
    if (pending.generation != m_generation) {
        if (!waitingForAnswers())
            redraw();
        return;
    }
    if (!range.ok) {
        m_errors[pending.series] = range.error;
        if (!pending.tail)
            m_data.erase(pending.series);
        if (!waitingForAnswers())
            redraw();
        return;
    }
    m_errors.erase(pending.series);
    // One span before the shown one is kept, so that a pan shows something before the refetch.
    const std::int64_t keepFrom = m_window.from() - m_window.span();
    if (pending.tail) {
        m_data[pending.series].merge(range, keepFrom);
    } else {
        SeriesBuffer buffer;
        buffer.merge(range, keepFrom);
        m_data[pending.series] = std::move(buffer);
    }
    // One frame for a batch of answers (a snapshot asks for every shown series at once).
    if (!waitingForAnswers())
        redraw();
}

QString ChartsPage::valueTitle() const
{
    switch (m_kind) {
    // Short: the axis is the page's height (under 200 px on the touchscreen).
    case Kind::SystemOffset:
        return tr("Offset");
    case Kind::SourceOffsets:
        return tr("local\u2212source");
    case Kind::Frequency:
        return tr("Frequency");
    case Kind::PpsOffset:
        return tr("local\u2212PPS");
    case Kind::Stability:
        return {};
    }
    return {};
}

QString ChartsPage::emptyText() const
{
    if (!m_feed)
        return tr("No history: no feed");
    if (const QString why = m_feed->historyUnavailableReason(); !why.isEmpty())
        return tr("No history: %1").arg(why);
    if (m_lines.empty())
        return m_kind == Kind::PpsOffset ? tr("No PPS refclock") : tr("No sources");
    for (const ChartLineSpec &line : m_lines) {
        if (const auto it = m_errors.find(line.series); it != m_errors.end())
            return tr("No history yet: %1").arg(QString::fromStdString(it->second));
    }
    if (!m_pending.empty())
        return tr("Loading history\u2026");
    return tr("No samples in this range");
}

void ChartsPage::redraw()
{
    const QRectF plot = m_canvas->plotRect();
    FrameLayout layout;
    layout.columns = m_canvas->plotColumns();
    layout.valueTicks = std::max(kLeastValueTicks, static_cast<int>(plot.height()) / kValueTickSpacingPx);
    layout.timeTicks = std::max(kLeastTimeTicks, static_cast<int>(plot.width()) / kTimeTickSpacingPx);
    m_frame = buildChartFrame(m_lines, m_data, m_window.from(), m_window.to(), layout);
    m_canvas->draw(m_frame, valueTitle(), emptyText());
}

void ChartsPage::onZoom(double factor, double anchor)
{
    m_window.zoom(factor, anchor);
    syncControls();
    redraw();
    showStabilityRange();
    m_refetchTimer->start();
}

void ChartsPage::onPan(double fraction)
{
    m_window.pan(fraction);
    syncControls();
    redraw();
    showStabilityRange();
    m_refetchTimer->start();
}

void ChartsPage::onTap(int column)
{
    std::optional<ColumnReading> best;
    const FrameLine *bestLine = nullptr;
    for (const FrameLine &line : m_frame.lines) {
        const std::optional<ColumnReading> reading = nearestColumn(line, column);
        if (reading && (!best || std::abs(reading->column.column - column) < std::abs(best->column.column - column))) {
            best = reading;
            bestLine = &line;
        }
    }
    if (!best) {
        m_readout->setText(tr("No sample here"));
        m_canvas->setMarker(std::nullopt);
        return;
    }
    const ValueAxisLayout &axis = m_frame.valueAxis;
    const QLocale locale;
    const auto value = [&](double v) {
        return tr("%1 %2").arg(locale.toString(v * axis.unit.factor, 'f', axis.decimals + 1),
                               QString::fromStdString(axis.unit.symbol));
    };
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(best->column.time / 1'000'000, Qt::UTC);
    const QString time = locale.toString(when, m_window.span() > kNanosPerDay ? QStringLiteral("ddd HH:mm:ss")
                                                                              : QStringLiteral("HH:mm:ss"));
    // The line's name up to its first comma or parenthesis: the legend has the rest.
    QString name = QString::fromStdString(bestLine->label);
    name = name.left(name.indexOf(QRegularExpression(QStringLiteral("[,(]")))).trimmed();
    QString text = tr("%1 UTC  %2 %3").arg(time, name, value(best->column.mean));
    if (best->column.count > 1 && best->column.max != best->column.min)
        text += tr("  (%1 to %2)").arg(value(best->column.min), value(best->column.max));
    if (best->band)
        text += tr("  band \u00b1%1").arg(value(*best->band));
    m_readout->setText(text);
    m_readout->setToolTip(text);
    m_canvas->setMarker(std::pair{best->column.column, best->column.mean});
}

QString ChartsPage::exportPng(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (!m_canvas->grab().save(&file, "PNG"))
        return tr("could not encode the image");
    if (!file.commit())
        return file.errorString();
    return {};
}

QString ChartsPage::exportCsv(const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return file.errorString();
    const std::string csv = chartCsv(m_lines, m_data, m_window.from(), m_window.to());
    if (file.write(csv.data(), static_cast<qint64>(csv.size())) != static_cast<qint64>(csv.size()))
        return file.errorString();
    if (!file.commit())
        return file.errorString();
    return {};
}

void ChartsPage::chooseExport()
{
    QMenu menu(this);
    QAction *png = menu.addAction(tr("Image (PNG)\u2026"));
    QAction *csv = menu.addAction(tr("Data (CSV)\u2026"));
    QAction *chosen = menu.exec(m_exportButton->mapToGlobal(QPoint(0, m_exportButton->height())));
    if (!chosen)
        return;
    const bool image = chosen == png;
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmm"));
    const QString suggested = QStringLiteral("stratumone-chart-%1.%2").arg(stamp, image ? "png" : "csv");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the shown range"), suggested,
                                                      image ? tr("PNG image (*.png)") : tr("CSV data (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = image ? exportPng(path) : exportCsv(path);
    m_readout->setText(error.isEmpty() ? tr("Exported to %1").arg(path) : tr("Export failed: %1").arg(error));
    Q_UNUSED(csv);
}

} // namespace s1
