#include "ChartCanvas.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QGestureEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPinchGesture>
#include <QScatterSeries>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace s1 {

namespace {

constexpr double kNanosPerSecond = 1e9;
constexpr qreal kChartFontPt = 12;
constexpr qreal kLinePenWidth = 2;
constexpr int kBandAlpha = 60;
constexpr int kGridAlpha = 110;
constexpr qreal kMarkerSizePx = 14;
constexpr double kWheelNotch = 120; // eighths of a degree
constexpr int kDarkBaseLightness = 128;
// A segment of one column would draw nothing: it is drawn this many columns wide on each side.
constexpr double kLoneColumnHalfWidth = 1.5;

// Distinguishable on white and on near-black; the dark set lighter so that it keeps its contrast.
constexpr std::array<QRgb, 6> kLightColors{0x1565c0, 0xe65100, 0x2e7d32, 0x6a1b9a, 0xc62828, 0x00838f};
constexpr std::array<QRgb, 6> kDarkColors{0x64b5f6, 0xffb74d, 0x81c784, 0xce93d8, 0xef9a9a, 0x4dd0e1};

void clearCategories(QCategoryAxis *axis)
{
    const QStringList labels = axis->categoriesLabels();
    for (const QString &label : labels)
        axis->remove(label);
}

} // namespace

ChartCanvas::ChartCanvas(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QCategoryAxis)
    , m_valueAxis(new QCategoryAxis)
    , m_marker(new QScatterSeries)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
    auto *chart = new QChart;
    setChart(chart); // the view owns the chart, the chart its axes and series
    QFont font = this->font();
    font.setPointSizeF(std::max(font.pointSizeF(), kChartFontPt));
    chart->setFont(font);
    chart->setTitleFont(font);
    chart->legend()->setFont(font);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    for (QCategoryAxis *axis : {m_timeAxis, m_valueAxis}) {
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        axis->setLabelsFont(font);
        axis->setTitleFont(font);
    }
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    chart->addSeries(m_marker);
    m_marker->attachAxis(m_timeAxis);
    m_marker->attachAxis(m_valueAxis);
    m_marker->setMarkerSize(kMarkerSizePx);
    for (QLegendMarker *marker : chart->legend()->markers(m_marker))
        marker->setVisible(false);
    viewport()->setAttribute(Qt::WA_AcceptTouchEvents);
    viewport()->grabGesture(Qt::PinchGesture);
    applyPalette();
}

QColor ChartCanvas::colorFor(int index) const
{
    const bool dark = palette().color(QPalette::Base).lightness() < kDarkBaseLightness;
    const auto &colors = dark ? kDarkColors : kLightColors;
    return QColor(colors[static_cast<std::size_t>(index) % colors.size()]);
}

QColor ChartCanvas::lineColor(int index) const
{
    return colorFor(index);
}

void ChartCanvas::applyPalette()
{
    const QPalette p = palette();
    chart()->setBackgroundBrush(p.color(QPalette::Base));
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->setTitleBrush(p.color(QPalette::Text));
    chart()->legend()->setLabelColor(p.color(QPalette::Text));
    QColor grid = p.color(QPalette::Mid);
    grid.setAlpha(kGridAlpha);
    for (QCategoryAxis *axis : {m_timeAxis, m_valueAxis}) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setTitleBrush(p.color(QPalette::Text));
        axis->setGridLineColor(grid);
        axis->setLinePenColor(p.color(QPalette::Mid));
    }
    m_marker->setColor(p.color(QPalette::Highlight));
    m_marker->setBorderColor(p.color(QPalette::Text));
}

QLineSeries *ChartCanvas::newLine()
{
    auto *series = new QLineSeries;
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    return series;
}

QAreaSeries *ChartCanvas::newBand()
{
    auto *band = new QAreaSeries(new QLineSeries, new QLineSeries);
    band->upperSeries()->setParent(band);
    band->lowerSeries()->setParent(band);
    chart()->addSeries(band);
    band->attachAxis(m_timeAxis);
    band->attachAxis(m_valueAxis);
    for (QLegendMarker *marker : chart()->legend()->markers(band))
        marker->setVisible(false);
    return band;
}

void ChartCanvas::draw(const ChartFrame &frame, const QString &valueTitle, const QString &emptyText)
{
    m_frame = frame;
    const double span = static_cast<double>(frame.to - frame.from) / kNanosPerSecond;
    const double columnWidth = span / std::max(1, frame.columns);
    const double factor = frame.valueAxis.unit.factor;
    const auto x = [columnWidth](int column) { return (column + 0.5) * columnWidth; };

    while (m_pools.size() < frame.lines.size()) {
        LinePool pool;
        // Created band first, so that the band lies under its line.
        pool.bands.push_back(newBand());
        pool.segments.push_back(newLine());
        m_pools.push_back(pool);
    }
    for (std::size_t i = 0; i < m_pools.size(); ++i) {
        LinePool &pool = m_pools[i];
        const FrameLine *line = i < frame.lines.size() ? &frame.lines[i] : nullptr;
        const QColor color = colorFor(static_cast<int>(i));
        const std::size_t segments = line ? line->segments.size() : 0;
        while (pool.segments.size() < segments)
            pool.segments.push_back(newLine());
        for (std::size_t s = 0; s < pool.segments.size(); ++s) {
            QLineSeries *series = pool.segments[s];
            if (s >= segments) {
                if (series->isVisible() || series->count()) {
                    series->clear();
                    series->setVisible(false);
                }
                continue;
            }
            QList<QPointF> points;
            const PlotSegment &segment = line->segments[s];
            points.reserve(static_cast<qsizetype>(segment.size() * 2 + 2));
            if (segment.size() == 1) {
                const PlotColumn &c = segment.front();
                points.append({x(c.column) - kLoneColumnHalfWidth * columnWidth, c.mean * factor});
                points.append({x(c.column) + kLoneColumnHalfWidth * columnWidth, c.mean * factor});
            } else {
                // Each column from its minimum to its maximum: a day of noise keeps its width.
                for (const PlotColumn &c : segment) {
                    points.append({x(c.column), c.min * factor});
                    if (c.max != c.min)
                        points.append({x(c.column), c.max * factor});
                }
            }
            series->replace(points);
            series->setName(QString::fromStdString(line->label));
            series->setPen(QPen(color, kLinePenWidth));
            series->setVisible(true);
            for (QLegendMarker *marker : chart()->legend()->markers(series))
                marker->setVisible(s == 0);
        }
        const std::size_t bands = line ? line->band.size() : 0;
        while (pool.bands.size() < bands)
            pool.bands.push_back(newBand());
        QColor fill = color;
        fill.setAlpha(kBandAlpha);
        for (std::size_t b = 0; b < pool.bands.size(); ++b) {
            QAreaSeries *area = pool.bands[b];
            if (b >= bands) {
                if (area->isVisible()) {
                    area->upperSeries()->clear();
                    area->lowerSeries()->clear();
                    area->setVisible(false);
                }
                continue;
            }
            QList<QPointF> upper;
            QList<QPointF> lower;
            const PlotSegment &segment = line->band[b];
            const double widen = segment.size() == 1 ? kLoneColumnHalfWidth * columnWidth : 0;
            for (const PlotColumn &c : segment) {
                upper.append({x(c.column) - widen, c.max * factor});
                lower.append({x(c.column) - widen, c.min * factor});
            }
            if (widen > 0) {
                upper.append({x(segment.front().column) + widen, segment.front().max * factor});
                lower.append({x(segment.front().column) + widen, segment.front().min * factor});
            }
            area->upperSeries()->replace(upper);
            area->lowerSeries()->replace(lower);
            area->setBrush(fill);
            area->setPen(Qt::NoPen);
            area->setVisible(true);
            for (QLegendMarker *marker : chart()->legend()->markers(area))
                marker->setVisible(false);
        }
    }

    clearCategories(m_timeAxis);
    m_timeAxis->setRange(0, span);
    m_timeAxis->setStartValue(-span * 1e-9);
    for (const std::int64_t tick : frame.timeAxis.ticks) {
        const double at = static_cast<double>(tick - frame.from) / kNanosPerSecond;
        m_timeAxis->append(QString::fromStdString(formatClockTime(tick, frame.timeAxis.style)), at);
    }
    m_timeAxis->setTitleText(tr("Time (UTC)"));

    const ValueAxisLayout &axis = frame.valueAxis;
    clearCategories(m_valueAxis);
    m_valueAxis->setRange(axis.low * factor, axis.high * factor);
    m_valueAxis->setStartValue(axis.low * factor - axis.step * factor * 1e-6);
    const QLocale locale;
    for (const double tick : axis.ticks)
        m_valueAxis->append(locale.toString(tick * factor, 'f', axis.decimals), tick * factor);
    const QString unit = QString::fromStdString(axis.unit.symbol);
    m_valueAxis->setTitleText(unit.isEmpty() ? valueTitle : tr("%1 (%2)").arg(valueTitle, unit));

    m_emptyText = emptyText;
    chart()->setTitle(frame.hasData ? QString() : emptyText);
    m_marker->clear();
}

void ChartCanvas::setMarker(std::optional<std::pair<int, double>> marker)
{
    m_marker->clear();
    if (!marker)
        return;
    const double span = static_cast<double>(m_frame.to - m_frame.from) / kNanosPerSecond;
    const double columnWidth = span / std::max(1, m_frame.columns);
    m_marker->append((marker->first + 0.5) * columnWidth, marker->second * m_frame.valueAxis.unit.factor);
}

int ChartCanvas::plotColumns() const
{
    return std::max(1, static_cast<int>(chart()->plotArea().width()));
}

QRectF ChartCanvas::plotRect() const
{
    return mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect();
}

std::vector<QLineSeries *> ChartCanvas::lineSeries(int index) const
{
    std::vector<QLineSeries *> shown;
    if (index < 0 || static_cast<std::size_t>(index) >= m_pools.size())
        return shown;
    for (QLineSeries *series : m_pools[static_cast<std::size_t>(index)].segments) {
        if (series->isVisible())
            shown.push_back(series);
    }
    return shown;
}

int ChartCanvas::visibleBandCount() const
{
    int count = 0;
    for (const LinePool &pool : m_pools)
        count += static_cast<int>(
            std::count_if(pool.bands.begin(), pool.bands.end(), [](const QAreaSeries *b) { return b->isVisible(); }));
    return count;
}

double ChartCanvas::anchorAt(QPointF position) const
{
    const QRectF plot = plotRect();
    if (plot.width() <= 0)
        return 1;
    return std::clamp((position.x() - plot.left()) / plot.width(), 0.0, 1.0);
}

void ChartCanvas::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    emit zoomRequested(std::pow(kWheelZoomStep, -delta / kWheelNotch), anchorAt(event->position()));
    event->accept();
}

void ChartCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QChartView::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = false;
    m_pressPosition = event->position();
    m_lastDragPosition = event->position();
    event->accept();
}

void ChartCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QChartView::mouseMoveEvent(event);
        return;
    }
    if (!m_dragging && (event->position() - m_pressPosition).manhattanLength() > kTapSlopPx)
        m_dragging = true;
    if (m_dragging) {
        const double width = plotRect().width();
        if (width > 0)
            emit panRequested(-(event->position().x() - m_lastDragPosition.x()) / width);
        m_lastDragPosition = event->position();
    }
    event->accept();
}

void ChartCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    const bool tap = !m_dragging;
    m_pressed = false;
    m_dragging = false;
    const QRectF plot = plotRect();
    if (tap && plot.contains(event->position()) && m_frame.columns > 0) {
        const auto column = static_cast<int>((event->position().x() - plot.left()) / plot.width() * m_frame.columns);
        emit tapped(std::clamp(column, 0, m_frame.columns - 1));
    }
    event->accept();
}

bool ChartCanvas::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Gesture) {
        gestureEvent(static_cast<QGestureEvent *>(event));
        return true;
    }
    return QChartView::viewportEvent(event);
}

void ChartCanvas::gestureEvent(QGestureEvent *event)
{
    auto *pinch = static_cast<QPinchGesture *>(event->gesture(Qt::PinchGesture));
    if (!pinch)
        return;
    event->accept(pinch);
    // The finger drag that started the pinch is not a pan or a tap.
    m_pressed = false;
    m_dragging = false;
    const double scale = pinch->scaleFactor();
    if (scale > 0 && (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged))
        emit zoomRequested(1 / scale, anchorAt(mapFromGlobal(pinch->centerPoint())));
}

void ChartCanvas::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if (plotColumns() != m_lastColumns) {
        m_lastColumns = plotColumns();
        emit plotResized();
    }
}

void ChartCanvas::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        // The lines take their colours when drawn.
        for (std::size_t i = 0; i < m_pools.size(); ++i) {
            const QColor color = colorFor(static_cast<int>(i));
            QColor fill = color;
            fill.setAlpha(kBandAlpha);
            for (QLineSeries *series : m_pools[i].segments)
                series->setPen(QPen(color, kLinePenWidth));
            for (QAreaSeries *band : m_pools[i].bands)
                band->setBrush(fill);
        }
    }
}

} // namespace s1
