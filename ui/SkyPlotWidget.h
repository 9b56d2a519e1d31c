// Where the GNSS satellites are in the sky: a polar plot seen from below, north up, east right,
// zenith in the centre and the horizon as the outer circle, one marker per satellite, filled
// when the receiver uses it in its fix and hollow when it is only in view.
#pragma once

#include "gps/GpsStatus.h"

#include <QColor>
#include <QWidget>

#include <vector>

namespace s1 {

// One colour per constellation, shared by every GPS view so that a satellite looks the same in
// the sky plot, the signal bars and the legend. Mid-tone hues readable on light and dark
// backgrounds.
QColor constellationColor(GnssSystem system);
// One line about a satellite for tooltips: "GPS 12: elevation 45°, azimuth 120°, 42 dB-Hz, used".
QString satelliteDescription(const GpsSatellite &satellite);

class SkyPlotWidget : public QWidget
{
    Q_OBJECT

public:
    explicit SkyPlotWidget(QWidget *parent = nullptr);

    void setSatellites(const std::vector<GpsSatellite> &satellites);
    const std::vector<GpsSatellite> &satellites() const { return m_satellites; }
    // How many satellites have a position in the sky (elevation and azimuth), i.e. are drawn.
    int plottedCount() const;

    // The square bounding the horizon circle, in widget coordinates, for the current size.
    QRectF horizonRect() const;

    // Where a satellite at `azimuthDeg` (clockwise from north) and `elevationDeg` (0 horizon,
    // 90 zenith) lies in a plot whose horizon circle is bounded by `horizon`. Elevations outside
    // 0..90 are clamped and azimuths taken modulo 360, so bad receiver data still lands on the plot.
    static QPointF skyPosition(double azimuthDeg, double elevationDeg, const QRectF &horizon);

    // Where the PRN labels go at the current size, in the order of satellites(), plotted ones
    // only: placed so that they cover neither each other nor other markers where there is room.
    std::vector<QRectF> labelRects() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct PlacedLabel
    {
        const GpsSatellite *satellite;
        QRectF rect;
    };
    std::vector<PlacedLabel> placeLabels(const QRectF &horizon) const;
    void paintGrid(QPainter &painter, const QRectF &horizon) const;
    void paintSatellites(QPainter &painter, const QRectF &horizon) const;
    double markerRadius() const;
    // The satellite whose marker is under `point`, for tooltips; nullptr if none.
    const GpsSatellite *satelliteAt(const QPointF &point) const;

    std::vector<GpsSatellite> m_satellites;
};

} // namespace s1
