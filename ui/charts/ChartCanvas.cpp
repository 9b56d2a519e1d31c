#include "ChartCanvas.h"

#include <QCategoryAxis>
#include <QChart>
#include <QCoreApplication>
#include <QGestureEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace s1 {

namespace {

constexpr double kNanosPerSecond = 1e9;
constexpr qreal kChartFontPt = 12;
// One pixel, cosmetic: the raster engine's fast path (a wider pen goes through the stroker,
// ten times slower with a day of min/max columns).
constexpr qreal kLinePenWidth = 1;
constexpr qreal kLegendPenWidth = 3;
constexpr qreal kMarkerPenWidth = 1.5;
constexpr qreal kMarkerRadiusPx = 6;
constexpr int kBandAlpha = 60;
constexpr int kGridAlpha = 110;
constexpr double kWheelNotch = 120; // eighths of a degree
constexpr int kDarkBaseLightness = 128;
// A segment of one column would draw nothing: it is drawn this many columns wide on each side.
constexpr double kLoneColumnHalfWidth = 1.5;

// Distinguishable on white and on near-black; the dark set lighter so that it keeps its contrast.
constexpr std::array<QRgb, 6> kLightColors{0x1565c0, 0xe65100, 0x2e7d32, 0x6a1b9a, 0xc62828, 0x00838f};
constexpr std::array<QRgb, 6> kDarkColors{0x64b5f6, 0xffb74d, 0x81c784, 0xce93d8, 0xef9a9a, 0x4dd0e1};

// `top` painted over `below`, as one opaque colour.
QColor opaqueOver(const QColor &top, const QColor &below)
{
    const float a = top.alphaF();
    const auto mix = [a](float over, float under) { return over * a + under * (1 - a); };
    return QColor::fromRgbF(mix(top.redF(), below.redF()), mix(top.greenF(), below.greenF()),
                            mix(top.blueF(), below.blueF()));
}

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
    // drawBackground() paints the Base, and the bands on it under the grid.
    chart()->setBackgroundVisible(false);
    chart()->setTitleBrush(p.color(QPalette::Text));
    chart()->legend()->setLabelColor(p.color(QPalette::Text));
    // The theme's Mid at kGridAlpha as it shows over the plot's Base, as an opaque colour: Qt
    // 6.4's raster engine hands every translucent span batch over 96 spans (each vertical grid
    // line) to its thread pool and waits, which was a third of a frame's paint at 1920x1000;
    // an opaque pen is filled in place. Nothing lies under the grid but the Base background.
    QColor gridOverlay = p.color(QPalette::Mid);
    gridOverlay.setAlpha(kGridAlpha);
    const QColor grid = opaqueOver(gridOverlay, p.color(QPalette::Base));
    for (QCategoryAxis *axis : {m_timeAxis, m_valueAxis}) {
        axis->setLabelsColor(p.color(QPalette::Text));
        axis->setTitleBrush(p.color(QPalette::Text));
        // Cosmetic one-pixel pens: the raster engine's fast path (the theme's took a quarter
        // of a frame at 1920x1080).
        QPen gridPen(grid, 1);
        gridPen.setCosmetic(true);
        axis->setGridLinePen(gridPen);
        QPen linePen(p.color(QPalette::Mid), 1);
        linePen.setCosmetic(true);
        axis->setLinePen(linePen);
    }
}

QLineSeries *ChartCanvas::newLine()
{
    auto *series = new QLineSeries;
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    return series;
}

void ChartCanvas::draw(const ChartFrame &frame, const QString &valueTitle, const QString &emptyText)
{
    m_frame = frame;
    const double span = static_cast<double>(frame.to - frame.from) / kNanosPerSecond;
    const double factor = frame.valueAxis.unit.factor;

    // The lines are painted in drawForeground(); these empty series only give the legend its
    // entries (Qt Charts' own line items stroke a hit-test shape of every point on each update,
    // which took most of a frame).
    while (m_legendSeries.size() < frame.lines.size())
        m_legendSeries.push_back(newLine());
    for (std::size_t i = 0; i < m_legendSeries.size(); ++i) {
        QLineSeries *series = m_legendSeries[i];
        const bool shown = i < frame.lines.size();
        series->setVisible(shown);
        if (shown) {
            series->setName(QString::fromStdString(frame.lines[i].label));
            series->setPen(QPen(colorFor(static_cast<int>(i)), kLegendPenWidth));
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
    m_marker.reset();
    // Qt Charts lays the new axes out when its LayoutRequest comes; left to the event loop it
    // comes after the paint was scheduled, and the scene's changes it makes then ask for a
    // second paint of the whole chart. Laid out now, the scene's changes and this update
    // make one paint.
    QCoreApplication::sendPostedEvents(chart(), QEvent::LayoutRequest);
    viewport()->update();
}

QPointF ChartCanvas::toScene(const QRectF &plot, double column, double value) const
{
    const ValueAxisLayout &axis = m_frame.valueAxis;
    const double span = axis.high - axis.low;
    const double x = plot.left() + (column + 0.5) * plot.width() / std::max(1, m_frame.columns);
    const double y = span > 0 ? plot.bottom() - (value - axis.low) / span * plot.height() : plot.center().y();
    return {x, y};
}

void ChartCanvas::drawBackground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawBackground(painter, rect);
    // The chart's own background, hidden so that this shows: the Base within the chart's
    // layout margins.
    const QColor base = palette().color(QPalette::Base);
    qreal left = 0;
    qreal top = 0;
    qreal right = 0;
    qreal bottom = 0;
    chart()->layout()->getContentsMargins(&left, &top, &right, &bottom);
    painter->fillRect(chart()->mapRectToScene(chart()->rect().adjusted(left, top, -right, -bottom)), base);
    const QRectF plot = chart()->mapToScene(chart()->plotArea()).boundingRect();
    if (plot.isEmpty())
        return;
    painter->save();
    painter->setClipRect(plot);
    // Under Qt Charts' grid, opaque and aliased: a translucent band is filled by Qt 6.4's thread
    // pool batch by batch and an antialiased one costs the rasterizer as much again; the two
    // took most of a frame at 1920x1000 (a band's edge is one pixel column per frame column:
    // its steps are a pixel, and its colour the line's at kBandAlpha over the Base). Bands
    // overlapping would hide each other; no chart has two.
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    QPolygonF polygon;
    for (std::size_t i = 0; i < m_frame.lines.size(); ++i) {
        QColor overlay = colorFor(static_cast<int>(i));
        overlay.setAlpha(kBandAlpha);
        painter->setBrush(opaqueOver(overlay, base));
        for (const PlotSegment &segment : m_frame.lines[i].band) {
            const double widen = segment.size() == 1 ? kLoneColumnHalfWidth : 0;
            polygon.clear();
            for (const PlotColumn &c : segment)
                polygon.append(toScene(plot, c.column - widen, c.max));
            if (widen > 0) {
                polygon.append(toScene(plot, segment.front().column + widen, segment.front().max));
                polygon.append(toScene(plot, segment.front().column + widen, segment.front().min));
            }
            for (auto it = segment.rbegin(); it != segment.rend(); ++it)
                polygon.append(toScene(plot, it->column - widen, it->min));
            painter->drawPolygon(polygon);
        }
    }
    painter->restore();
}

void ChartCanvas::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = chart()->mapToScene(chart()->plotArea()).boundingRect();
    if (plot.isEmpty())
        return;
    painter->save();
    painter->setClipRect(plot);
    painter->setRenderHint(QPainter::Antialiasing);
    QPolygonF polygon;
    for (std::size_t i = 0; i < m_frame.lines.size(); ++i) {
        const FrameLine &line = m_frame.lines[i];
        const QColor color = colorFor(static_cast<int>(i));
        QPen pen(color, kLinePenWidth);
        pen.setCosmetic(true);
        pen.setJoinStyle(Qt::BevelJoin);
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        for (const PlotSegment &segment : line.segments) {
            polygon.clear();
            if (segment.size() == 1) {
                const PlotColumn &c = segment.front();
                polygon.append(toScene(plot, c.column - kLoneColumnHalfWidth, c.mean));
                polygon.append(toScene(plot, c.column + kLoneColumnHalfWidth, c.mean));
            } else {
                // Each column from its minimum to its maximum: a day of noise keeps its width.
                for (const PlotColumn &c : segment) {
                    polygon.append(toScene(plot, c.column, c.min));
                    if (c.max != c.min)
                        polygon.append(toScene(plot, c.column, c.max));
                }
            }
            painter->drawPolyline(polygon);
        }
    }
    if (m_marker) {
        painter->setPen(QPen(palette().color(QPalette::Text), kMarkerPenWidth));
        painter->setBrush(palette().color(QPalette::Highlight));
        painter->drawEllipse(toScene(plot, m_marker->first, m_marker->second), kMarkerRadiusPx, kMarkerRadiusPx);
    }
    painter->restore();
}

void ChartCanvas::setMarker(std::optional<std::pair<int, double>> marker)
{
    m_marker = marker;
    viewport()->update();
}

int ChartCanvas::plotColumns() const
{
    return std::max(1, static_cast<int>(chart()->plotArea().width()));
}

QRectF ChartCanvas::plotRect() const
{
    return mapFromScene(chart()->mapToScene(chart()->plotArea())).boundingRect();
}

int ChartCanvas::drawnSegments(int index) const
{
    if (index < 0 || static_cast<std::size_t>(index) >= m_frame.lines.size())
        return 0;
    return static_cast<int>(m_frame.lines[static_cast<std::size_t>(index)].segments.size());
}

int ChartCanvas::drawnBands() const
{
    int count = 0;
    for (const FrameLine &line : m_frame.lines)
        count += static_cast<int>(line.band.size());
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
        // The lines take their colours when painted; the legend's now.
        for (std::size_t i = 0; i < m_legendSeries.size(); ++i)
            m_legendSeries[i]->setPen(QPen(colorFor(static_cast<int>(i)), kLegendPenWidth));
        viewport()->update();
    }
}

} // namespace s1
