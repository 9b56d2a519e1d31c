// The one class that draws with Qt Charts (deprecated in favour of Qt Graphs in later Qt; only
// this class would change): the chart's axes, grid and legend are Qt Charts', the frame's
// bands are painted under them and its lines over them (Qt Charts' series items cost most of a
// frame with a day of columns). It draws a ChartFrame and turns the wheel, a pinch, a drag and a tap
// into requests in the frame's terms. What is drawn, the axes and the downsampling are worked out
// elsewhere (ChartFrame, ChartScale, ColumnDownsampler). Colours follow the application palette.
#pragma once

#include "ChartFrame.h"

#include <QChartView>
#include <QPointF>

#include <optional>
#include <vector>

class QCategoryAxis;
class QGestureEvent;
class QLineSeries;

namespace s1 {

class ChartCanvas : public QChartView
{
    Q_OBJECT
public:
    // One wheel notch (120 eighths of a degree) zooms by this factor.
    static constexpr double kWheelZoomStep = 1.25;
    // A press that moves less than this is a tap, not a drag (a finger wobbles).
    static constexpr int kTapSlopPx = 12;

    explicit ChartCanvas(QWidget *parent = nullptr);

    // Draws `frame`: its lines (segments as min/max per column), their bands, its axes, with
    // `valueTitle` on the value axis and `emptyText` across the plot when it has no data.
    void draw(const ChartFrame &frame, const QString &valueTitle, const QString &emptyText);
    // A mark at this column and value (the series' own unit), or none.
    void setMarker(std::optional<std::pair<int, double>> marker);

    // The plot area's width in pixels: the columns a frame should have.
    int plotColumns() const;
    // The plot area in the view's coordinates.
    QRectF plotRect() const;
    // For tests: the segments painted for line `index`, and the band areas of all lines.
    int drawnSegments(int index) const;
    int drawnBands() const;
    QColor lineColor(int index) const;

signals:
    // Zoom by `factor` (< 1 in) about `anchor` (0 left edge .. 1 right edge of the plot).
    void zoomRequested(double factor, double anchor);
    // Move the time range by `fraction` of it (positive: later).
    void panRequested(double fraction);
    // A tap (or click) at this column of the plot.
    void tapped(int column);
    // The plot area changed size (more or fewer columns).
    void plotResized();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    // The background and the lines' bands, under the chart's axes and grid.
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    // The lines and the marker, over the chart's axes and grid.
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    void applyPalette();
    QLineSeries *newLine();
    // A column (and its middle) and a value of the frame, in scene coordinates within `plot`.
    QPointF toScene(const QRectF &plot, double column, double value) const;
    double anchorAt(QPointF position) const;
    void gestureEvent(QGestureEvent *event);
    QColor colorFor(int index) const;

    QCategoryAxis *m_timeAxis;
    QCategoryAxis *m_valueAxis;
    std::optional<std::pair<int, double>> m_marker;
    std::vector<QLineSeries *> m_legendSeries; // empty, one a line: the legend's entries
    ChartFrame m_frame;
    QString m_emptyText;
    QPointF m_pressPosition;
    QPointF m_lastDragPosition;
    bool m_pressed = false;
    bool m_dragging = false;
    int m_lastColumns = 0;
};

} // namespace s1
