#include "dashboard/DashboardPage.h"

#include "DisplayFormat.h"
#include "StatusColors.h"
#include "TouchStyle.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <chrono>

namespace s1 {

namespace {

// Sizes are designed for the 800x480 touchscreen and scale with the page beyond it.
constexpr double kDesignWidthPx = 800;
constexpr double kDesignHeightPx = 480;
constexpr double kMinScale = 0.6;
constexpr double kMaxScale = 3;
// Points at the design size. The time is what is read from across the room.
constexpr double kTimePt = 84;
constexpr double kStatePt = 22;
constexpr double kValuePt = 18;
constexpr double kCaptionPt = 12;
constexpr int kMarginPx = 10;
constexpr int kSpacingPx = 6;
constexpr int kTileSpacingPx = 10;
constexpr int kTileColumns = 3;
constexpr int kBandRadiusPx = 8;
// Fitting the page's height: smaller by this step at a time, a bounded number of times.
constexpr double kFitStep = 0.9;
constexpr int kMaxFitAttempts = 12;
constexpr int kBandPaddingPx = 6;
// The tick lands this long after the displayed second turns, never just before it.
constexpr std::chrono::milliseconds kTickLatency{5};
constexpr std::chrono::milliseconds kSecond{1000};
// White on the status colours: the most contrast each of them has, at arm's length.
const QColor kOnStatus(Qt::white);

QColor toneColor(DashboardState::Tone tone)
{
    switch (tone) {
    case DashboardState::Tone::Good:
        return StatusColors::kGood;
    case DashboardState::Tone::Warning:
        return StatusColors::kWarning;
    case DashboardState::Tone::Bad:
        return StatusColors::kBad;
    case DashboardState::Tone::Neutral:
        break;
    }
    return {};
}

DashboardState::Monotonic steadyNow()
{
    return std::chrono::duration_cast<DashboardState::Monotonic>(std::chrono::steady_clock::now().time_since_epoch());
}

RealTime systemNow()
{
    return std::chrono::time_point_cast<Nanoseconds>(std::chrono::system_clock::now());
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
    , m_steady(steadyNow)
    , m_system(systemNow)
    , m_staleBanner(new QLabel(this))
    , m_time(new QLabel(this))
    , m_clockSource(new QLabel(this))
    , m_stateText(new QLabel(this))
    , m_grid(new QGridLayout)
    , m_tick(new QTimer(this))
    , m_hold(new QTimer(this))
{
    setObjectName(QStringLiteral("dashboard"));
    // It takes the room it is given and fits its fonts to it (scaleFonts), rather than asking the
    // window for more: in the window it shares 800x416 with the tool and status bars.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_staleBanner->setObjectName(QStringLiteral("dashboardStaleBanner"));
    m_staleBanner->setAlignment(Qt::AlignCenter);
    m_staleBanner->setWordWrap(true);
    m_staleBanner->hide();
    m_time->setObjectName(QStringLiteral("dashboardTime"));
    m_time->setAlignment(Qt::AlignCenter);
    m_clockSource->setObjectName(QStringLiteral("dashboardClockSource"));
    m_clockSource->setAlignment(Qt::AlignCenter);
    m_clockSource->setWordWrap(true);
    m_stateText->setObjectName(QStringLiteral("dashboardState"));
    m_stateText->setAlignment(Qt::AlignCenter);
    m_stateText->setWordWrap(true);

    m_reference = addTile(tr("Reference"), QStringLiteral("dashboardReference"), true);
    m_errorBound = addTile(tr("Error bound"), QStringLiteral("dashboardErrorBound"), false);
    m_clients = addTile(tr("Client requests"), QStringLiteral("dashboardClients"), false);
    m_gps = addTile(tr("GPS"), QStringLiteral("dashboardGps"), false);
    m_pps = addTile(tr("PPS"), QStringLiteral("dashboardPps"), false);
    // Not an alarm (there is no alarm system): the newest change two snapshots in a row showed.
    m_event = addTile(tr("Last event seen"), QStringLiteral("dashboardEvent"), true);

    m_grid->setHorizontalSpacing(kTileSpacingPx);
    m_grid->setVerticalSpacing(kTileSpacingPx);
    for (int column = 0; column < kTileColumns; ++column)
        m_grid->setColumnStretch(column, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(kMarginPx, kMarginPx, kMarginPx, kMarginPx);
    layout->setSpacing(kSpacingPx);
    layout->addWidget(m_staleBanner);
    layout->addStretch(1);
    layout->addWidget(m_time);
    layout->addWidget(m_clockSource);
    layout->addStretch(1);
    layout->addWidget(m_stateText);
    layout->addStretch(1);
    layout->addLayout(m_grid);
    layout->addStretch(1);

    m_tick->setSingleShot(true);
    m_tick->setTimerType(Qt::PreciseTimer);
    connect(m_tick, &QTimer::timeout, this, &DashboardPage::refreshClock);
    m_hold->setSingleShot(true);
    m_hold->setInterval(kLongPress);
    connect(m_hold, &QTimer::timeout, this, &DashboardPage::longPressed);

    scaleFonts();
    showState();
    refreshClock();
}

DashboardPage::Tile DashboardPage::addTile(const QString &caption, const QString &name, bool wraps)
{
    Tile tile;
    tile.box = new QWidget(this);
    tile.box->setObjectName(name);
    tile.caption = new QLabel(caption, tile.box);
    tile.caption->setObjectName(name + QStringLiteral("Caption"));
    tile.value = new QLabel(tile.box);
    tile.value->setObjectName(name + QStringLiteral("Value"));
    // Figures stay on one line (the fonts shrink to fit them, see scaleFonts); names and the
    // event's sentence may wrap.
    tile.value->setWordWrap(wraps);
    auto *layout = new QVBoxLayout(tile.box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(tile.caption);
    layout->addWidget(tile.value);
    layout->addStretch(1);
    m_tiles.push_back(tile);
    return tile;
}

void DashboardPage::setClocks(std::function<DashboardState::Monotonic()> steady, std::function<RealTime()> system)
{
    m_steady = std::move(steady);
    m_system = std::move(system);
    refreshClock();
}

void DashboardPage::showSnapshot(const EngineSnapshot &snapshot)
{
    m_state.update(snapshot, m_steady());
    showState();
    refreshClock();
}

void DashboardPage::markStale()
{
    if (!m_state.hasSnapshot() || m_state.isStale())
        return;
    m_state.markStale();
    showState();
    refreshClock();
}

void DashboardPage::showState()
{
    const bool stale = m_state.isStale();
    if (stale && m_state.snapshot())
        m_staleBanner->setText(tr("Not live: last update %1").arg(formatUtcTime(m_state.snapshot()->time)));
    m_staleBanner->setVisible(stale);
    // A band of colour, read from across the room; stale or without data, no colour at all.
    m_stateText->setText(m_state.stateText());
    const QColor band = toneColor(m_state.stateTone());
    m_stateText->setStyleSheet(
        band.isValid()
            ? QStringLiteral("QLabel { background: %1; color: %2; border-radius: %3px; padding: %4px; }")
                  .arg(band.name(), kOnStatus.name())
                  .arg(kBandRadiusPx)
                  .arg(kBandPaddingPx)
            : QStringLiteral("QLabel { border: 2px solid palette(window-text); border-radius: %1px; padding: %2px; }")
                  .arg(kBandRadiusPx)
                  .arg(kBandPaddingPx));
    m_staleBanner->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; padding: %3px; }")
                                     .arg(StatusColors::kWarning.name(), kOnStatus.name())
                                     .arg(kBandPaddingPx));

    m_reference.value->setText(m_state.referenceText());
    m_errorBound.value->setText(m_state.errorBoundText());
    m_clients.value->setText(m_state.clientsText());
    m_gps.value->setText(m_state.gpsText());
    setTone(m_gps.value, m_state.gpsTone());
    m_pps.value->setText(m_state.ppsText());
    setTone(m_pps.value, m_state.ppsTone());
    m_event.value->setText(m_state.lastEventText());
    placeTiles();
    // New texts may need more lines (a banner, an event): fit them again.
    scaleFonts();
}

void DashboardPage::placeTiles()
{
    // Fields with nothing true to say are left out (no GPS, no event yet), the rest close up.
    for (const Tile &tile : m_tiles)
        m_grid->removeWidget(tile.box);
    int index = 0;
    for (const Tile &tile : m_tiles) {
        const bool shown = !tile.value->text().isEmpty();
        tile.box->setVisible(shown);
        if (!shown)
            continue;
        // The event is a sentence: it gets a row of its own.
        if (tile.box == m_event.box) {
            const int row = (index + kTileColumns - 1) / kTileColumns;
            m_grid->addWidget(tile.box, row, 0, 1, kTileColumns);
            continue;
        }
        m_grid->addWidget(tile.box, index / kTileColumns, index % kTileColumns);
        ++index;
    }
}

void DashboardPage::setTone(QLabel *label, DashboardState::Tone tone)
{
    const QColor color = toneColor(tone);
    QPalette palette = this->palette();
    if (color.isValid())
        palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

void DashboardPage::refreshClock()
{
    const DashboardState::ClockReading reading = m_state.clock(m_steady(), m_system());
    const auto msecs = std::chrono::floor<std::chrono::milliseconds>(reading.time.time_since_epoch());
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(msecs.count(), QTimeZone::utc());
    m_time->setText(utc.toString(QStringLiteral("HH:mm:ss")));
    m_clockSource->setText(
        tr("%1 · %2").arg(utc.toString(QStringLiteral("yyyy-MM-dd")), DashboardState::clockSourceText(reading.source)));
    // The engine's own clock claims nothing; neither does a computer's clock without an engine.
    setTone(m_time, DashboardState::Tone::Neutral);
    QPalette palette = m_time->palette();
    if (reading.source != DashboardState::ClockSource::EngineEstimate)
        palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    m_time->setPalette(palette);
    scheduleTick(reading.time);
}

void DashboardPage::scheduleTick(RealTime shown)
{
    // Just after the shown time's next whole second, so that seconds are never skipped or
    // shown twice by a timer that drifts against them.
    const auto intoSecond = shown.time_since_epoch() % std::chrono::seconds(1);
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::seconds(1) - intoSecond);
    m_tick->start(std::clamp(wait + kTickLatency, kTickLatency, kSecond + kTickLatency));
}

void DashboardPage::scaleFonts()
{
    if (m_scaling || width() <= 0 || height() <= 0)
        return;
    m_scaling = true;
    // As large as the page allows: from its size against the design's, then smaller until the
    // wrapped texts fit its height (long names, the stale banner, a window's tool bar above).
    double scale = std::clamp(std::min(width() / kDesignWidthPx, height() / kDesignHeightPx), kMinScale, kMaxScale);
    for (int attempt = 0; attempt < kMaxFitAttempts; ++attempt) {
        applyScale(scale);
        if (neededHeight() <= height() && layout()->totalMinimumSize().width() <= width())
            break;
        scale *= kFitStep;
    }
    m_scaling = false;
}

void DashboardPage::applyScale(double scale)
{
    const auto sized = [this, scale](double points, bool bold) {
        QFont font = this->font();
        font.setPointSizeF(std::max(points * scale, kMinBaseFontPt));
        font.setBold(bold);
        return font;
    };
    m_time->setFont(sized(kTimePt, true));
    m_clockSource->setFont(sized(kCaptionPt, false));
    m_stateText->setFont(sized(kStatePt, true));
    m_staleBanner->setFont(sized(kCaptionPt, true));
    for (const Tile &tile : m_tiles) {
        tile.caption->setFont(sized(kCaptionPt, false));
        tile.value->setFont(sized(kValuePt, true));
        tile.box->updateGeometry();
    }
}

int DashboardPage::neededHeight() const
{
    // The layouts cache their items' sizes; new fonts must reach them before asking.
    for (const Tile &tile : m_tiles) {
        if (tile.box->layout())
            tile.box->layout()->invalidate();
    }
    QLayout *page = layout();
    page->invalidate();
    return page->hasHeightForWidth() ? page->totalHeightForWidth(width()) : page->totalMinimumSize().height();
}

QSize DashboardPage::sizeHint() const
{
    return {static_cast<int>(kDesignWidthPx), static_cast<int>(kDesignHeightPx)};
}

void DashboardPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    scaleFonts();
}

void DashboardPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // A new palette (light/dark switch): the tones are set from it.
    if (event->type() == QEvent::PaletteChange && !m_scaling) {
        m_scaling = true;
        showState();
        refreshClock();
        m_scaling = false;
    }
}

void DashboardPage::mousePressEvent(QMouseEvent *event)
{
    m_hold->start();
    QWidget::mousePressEvent(event);
}

void DashboardPage::mouseReleaseEvent(QMouseEvent *event)
{
    m_hold->stop();
    QWidget::mouseReleaseEvent(event);
}

} // namespace s1
