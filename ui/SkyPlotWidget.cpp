#include "SkyPlotWidget.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QStringList>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>

namespace s1 {

namespace {

constexpr double kHorizonElevationDeg = 0;
constexpr double kZenithElevationDeg = 90;
constexpr double kFullCircleDeg = 360;
constexpr double kRadiansPerDegree = std::numbers::pi / 180;
constexpr double kNorthDeg = 0;
constexpr double kEastDeg = 90;
constexpr double kSouthDeg = 180;
constexpr double kWestDeg = 270;
// Elevation rings drawn inside the horizon, in degrees.
constexpr std::array kElevationRingsDeg{30.0, 60.0};

// Room between the horizon circle and the widget edge, in text lines, for the N/E/S/W letters.
constexpr double kCardinalMarginLines = 1.1;
// A marker is a fraction of a text line across, so it grows with the font on big screens.
constexpr double kMarkerRadiusLines = 0.32;
constexpr double kLabelGapLines = 0.15;
constexpr double kGridPenWidthPx = 1;
constexpr double kHorizonPenWidthPx = 1.5;
constexpr double kMarkerPenWidthPx = 2;
// The halo behind PRN labels keeps them readable over grid lines and other markers.
constexpr double kLabelHaloWidthPx = 3;
// Big enough for 12 satellites with readable labels; the plot scales down to the minimum.
constexpr int kPreferredSideLines = 10;
constexpr int kMinimumSideLines = 8;
constexpr int kGridAlpha = 110;

struct SystemColor
{
    GnssSystem system;
    QColor color;
};

const std::array<SystemColor, 7> kSystemColors{{
    {GnssSystem::Gps, QColor(0x2f, 0x6f, 0xd6)},     // blue
    {GnssSystem::Glonass, QColor(0xd0, 0x46, 0x3c)}, // red
    {GnssSystem::Galileo, QColor(0x1f, 0x9e, 0x6e)}, // green
    {GnssSystem::BeiDou, QColor(0xd9, 0x8a, 0x00)},  // amber
    {GnssSystem::Sbas, QColor(0x8a, 0x8a, 0x8a)},    // grey: augmentation, not ranging
    {GnssSystem::Qzss, QColor(0x9c, 0x5b, 0xd1)},    // purple
    {GnssSystem::NavIc, QColor(0xc2, 0x50, 0x8f)},   // magenta
}};

double area(const QRectF &rect)
{
    return rect.isValid() ? rect.width() * rect.height() : 0;
}

bool isPlottable(const GpsSatellite &satellite)
{
    return satellite.elevation.has_value() && satellite.azimuth.has_value();
}

} // namespace

QColor constellationColor(GnssSystem system)
{
    for (const SystemColor &entry : kSystemColors) {
        if (entry.system == system)
            return entry.color;
    }
    return kSystemColors.back().color;
}

QString satelliteDescription(const GpsSatellite &satellite)
{
    QStringList parts;
    if (satellite.elevation)
        parts << SkyPlotWidget::tr("elevation %1°").arg(*satellite.elevation);
    if (satellite.azimuth)
        parts << SkyPlotWidget::tr("azimuth %1°").arg(*satellite.azimuth);
    parts << (satellite.snr ? SkyPlotWidget::tr("%1 dB-Hz").arg(*satellite.snr) : SkyPlotWidget::tr("no signal"));
    parts << (satellite.used ? SkyPlotWidget::tr("used in fix") : SkyPlotWidget::tr("not used"));
    return SkyPlotWidget::tr("%1 %2: %3")
        .arg(QLatin1String(toString(satellite.system)))
        .arg(satellite.prn)
        .arg(parts.join(QStringLiteral(", ")));
}

SkyPlotWidget::SkyPlotWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SkyPlotWidget::setSatellites(const std::vector<GpsSatellite> &satellites)
{
    if (satellites == m_satellites)
        return;
    m_satellites = satellites;
    update();
}

int SkyPlotWidget::plottedCount() const
{
    return static_cast<int>(std::count_if(m_satellites.begin(), m_satellites.end(), isPlottable));
}

QRectF SkyPlotWidget::horizonRect() const
{
    const double margin = fontMetrics().height() * kCardinalMarginLines;
    const double side = std::max(0.0, std::min(width(), height()) - 2 * margin);
    const QPointF centre = QRectF(rect()).center();
    return {centre.x() - side / 2, centre.y() - side / 2, side, side};
}

QPointF SkyPlotWidget::skyPosition(double azimuthDeg, double elevationDeg, const QRectF &horizon)
{
    const double elevation = std::isfinite(elevationDeg)
                                 ? std::clamp(elevationDeg, kHorizonElevationDeg, kZenithElevationDeg)
                                 : kHorizonElevationDeg;
    double azimuth = std::isfinite(azimuthDeg) ? std::fmod(azimuthDeg, kFullCircleDeg) : 0;
    if (azimuth < 0)
        azimuth += kFullCircleDeg;
    // Distance from the centre falls linearly with elevation: the usual equidistant sky plot.
    const double radius = horizon.width() / 2 * (kZenithElevationDeg - elevation) / kZenithElevationDeg;
    const double angle = azimuth * kRadiansPerDegree;
    const QPointF centre = horizon.center();
    return {centre.x() + radius * std::sin(angle), centre.y() - radius * std::cos(angle)};
}

QSize SkyPlotWidget::sizeHint() const
{
    const int side = fontMetrics().height() * kPreferredSideLines;
    return {side, side};
}

QSize SkyPlotWidget::minimumSizeHint() const
{
    const int side = fontMetrics().height() * kMinimumSideLines;
    return {side, side};
}

double SkyPlotWidget::markerRadius() const
{
    return fontMetrics().height() * kMarkerRadiusLines;
}

void SkyPlotWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF horizon = horizonRect();
    if (horizon.width() <= 0)
        return;
    paintGrid(painter, horizon);
    paintSatellites(painter, horizon);
}

void SkyPlotWidget::paintGrid(QPainter &painter, const QRectF &horizon) const
{
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(kGridAlpha);

    painter.setPen(QPen(grid, kHorizonPenWidthPx));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawEllipse(horizon);

    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(grid, kGridPenWidthPx, Qt::DashLine));
    const QPointF centre = horizon.center();
    for (const double ringDeg : kElevationRingsDeg) {
        const double radius = horizon.width() / 2 * (kZenithElevationDeg - ringDeg) / kZenithElevationDeg;
        painter.drawEllipse(centre, radius, radius);
    }
    painter.setPen(QPen(grid, kGridPenWidthPx, Qt::DotLine));
    painter.drawLine(QPointF(centre.x(), horizon.top()), QPointF(centre.x(), horizon.bottom()));
    painter.drawLine(QPointF(horizon.left(), centre.y()), QPointF(horizon.right(), centre.y()));

    // The letters sit just outside the horizon, centred on their direction.
    painter.setPen(text);
    const double offset = fontMetrics().height() * kCardinalMarginLines / 2;
    const struct
    {
        double azimuth;
        QString letter;
    } cardinals[] = {{kNorthDeg, tr("N")}, {kEastDeg, tr("E")}, {kSouthDeg, tr("S")}, {kWestDeg, tr("W")}};
    for (const auto &cardinal : cardinals) {
        const QPointF onHorizon = skyPosition(cardinal.azimuth, kHorizonElevationDeg, horizon);
        const QPointF direction = (onHorizon - centre) / (horizon.width() / 2);
        const QPointF anchor = onHorizon + direction * offset;
        const QSizeF box(fontMetrics().horizontalAdvance(cardinal.letter), fontMetrics().height());
        painter.drawText(QRectF(anchor - QPointF(box.width() / 2, box.height() / 2), box), Qt::AlignCenter,
                         cardinal.letter);
    }
}

void SkyPlotWidget::paintSatellites(QPainter &painter, const QRectF &horizon) const
{
    const double radius = markerRadius();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);

    // Used satellites last, so that an unused one never hides one that matters for the fix.
    std::vector<const GpsSatellite *> order;
    order.reserve(m_satellites.size());
    for (const GpsSatellite &satellite : m_satellites) {
        if (isPlottable(satellite))
            order.push_back(&satellite);
    }
    std::stable_partition(order.begin(), order.end(), [](const GpsSatellite *satellite) { return !satellite->used; });

    for (const GpsSatellite *satellite : order) {
        const QPointF centre = skyPosition(*satellite->azimuth, *satellite->elevation, horizon);
        const QColor color = constellationColor(satellite->system);
        painter.setPen(QPen(color, kMarkerPenWidthPx));
        painter.setBrush(satellite->used ? QBrush(color) : QBrush(base));
        painter.drawEllipse(centre, radius, radius);
    }

    // Labels after all markers so that no marker covers a number.
    const std::vector<PlacedLabel> labels = placeLabels(horizon);
    for (const PlacedLabel &label : labels) {
        const QString number = QString::number(label.satellite->prn);
        const double baseline = label.rect.top() + fontMetrics().ascent();
        QPainterPath path;
        path.addText(QPointF(label.rect.left(), baseline), font(), number);
        painter.strokePath(path, QPen(base, kLabelHaloWidthPx, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.fillPath(path, text);
    }
}

std::vector<SkyPlotWidget::PlacedLabel> SkyPlotWidget::placeLabels(const QRectF &horizon) const
{
    const double radius = markerRadius();
    const double gap = fontMetrics().height() * kLabelGapLines;
    const double lineHeight = fontMetrics().height();
    std::vector<QRectF> markers;
    std::vector<const GpsSatellite *> plotted;
    for (const GpsSatellite &satellite : m_satellites) {
        if (!isPlottable(satellite))
            continue;
        const QPointF centre = skyPosition(*satellite.azimuth, *satellite.elevation, horizon);
        markers.emplace_back(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius);
        plotted.push_back(&satellite);
    }
    // Right of the marker first, then left, above, below and the corners: the first place that
    // covers no other label, no marker and stays inside the widget; failing that, the one that
    // covers least. Satellites close in the sky otherwise print their numbers over each other.
    std::vector<PlacedLabel> placed;
    const QRectF inside = rect();
    for (std::size_t i = 0; i < plotted.size(); ++i) {
        const QPointF centre = markers[i].center();
        const double width = fontMetrics().horizontalAdvance(QString::number(plotted[i]->prn));
        const double side = radius + gap;
        const std::array<QPointF, 8> topLefts{{
            {centre.x() + side, centre.y() - lineHeight / 2},
            {centre.x() - side - width, centre.y() - lineHeight / 2},
            {centre.x() - width / 2, centre.y() - side - lineHeight},
            {centre.x() - width / 2, centre.y() + side},
            {centre.x() + side, centre.y() - side - lineHeight},
            {centre.x() - side - width, centre.y() - side - lineHeight},
            {centre.x() + side, centre.y() + side},
            {centre.x() - side - width, centre.y() + side},
        }};
        QRectF best;
        double bestOverlap = std::numeric_limits<double>::infinity();
        for (const QPointF &topLeft : topLefts) {
            const QRectF candidate(topLeft, QSizeF(width, lineHeight));
            double overlap = inside.contains(candidate) ? 0 : candidate.width() * candidate.height();
            for (const PlacedLabel &other : placed)
                overlap += area(candidate.intersected(other.rect));
            for (std::size_t m = 0; m < markers.size(); ++m) {
                if (m != i)
                    overlap += area(candidate.intersected(markers[m]));
            }
            if (overlap < bestOverlap) {
                best = candidate;
                bestOverlap = overlap;
            }
            if (overlap == 0)
                break;
        }
        placed.push_back({plotted[i], best});
    }
    return placed;
}

std::vector<QRectF> SkyPlotWidget::labelRects() const
{
    std::vector<QRectF> rects;
    for (const PlacedLabel &label : placeLabels(horizonRect()))
        rects.push_back(label.rect);
    return rects;
}

const GpsSatellite *SkyPlotWidget::satelliteAt(const QPointF &point) const
{
    const QRectF horizon = horizonRect();
    const double radius = markerRadius();
    const GpsSatellite *nearest = nullptr;
    double nearestDistance = radius * 2; // a finger-sized margin around the marker
    for (const GpsSatellite &satellite : m_satellites) {
        if (!isPlottable(satellite))
            continue;
        const QPointF delta = skyPosition(*satellite.azimuth, *satellite.elevation, horizon) - point;
        const double distance = std::hypot(delta.x(), delta.y());
        if (distance <= nearestDistance) {
            nearestDistance = distance;
            nearest = &satellite;
        }
    }
    return nearest;
}

bool SkyPlotWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        if (const GpsSatellite *satellite = satelliteAt(help->pos()))
            QToolTip::showText(help->globalPos(), satelliteDescription(*satellite), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace s1
