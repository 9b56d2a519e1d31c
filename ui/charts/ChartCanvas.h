// The one class that draws with Qt Charts (deprecated in favour of Qt Graphs in later Qt; only
// this class would change): it draws a ChartFrame and turns the wheel, a pinch, a drag and a tap
// into requests in the frame's terms. What is drawn, the axes and the downsampling are worked out
// elsewhere (ChartFrame, ChartScale, ColumnDownsampler). Colours follow the application palette.
#pragma once

#include "ChartFrame.h"

#include <QChartView>
#include <QPointF>

#include <optional>
#include <vector>

class QAreaSeries;
class QCategoryAxis;
class QGestureEvent;
class QLineSeries;
class QScatterSeries;

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
    // For tests: the series drawn for line `index` (segments shown) and its band areas.
    std::vector<QLineSeries *> lineSeries(int index) const;
    int visibleBandCount() const;
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

private:
    struct LinePool
    {
        std::vector<QLineSeries *> segments;
        std::vector<QAreaSeries *> bands;
        int shownSegments = 0;
        int shownBands = 0;
    };

    void applyPalette();
    QLineSeries *newLine();
    QAreaSeries *newBand();
    double anchorAt(QPointF position) const;
    void gestureEvent(QGestureEvent *event);
    QColor colorFor(int index) const;

    QCategoryAxis *m_timeAxis;
    QCategoryAxis *m_valueAxis;
    QScatterSeries *m_marker;
    std::vector<LinePool> m_pools;
    ChartFrame m_frame;
    QString m_emptyText;
    QPointF m_pressPosition;
    QPointF m_lastDragPosition;
    bool m_pressed = false;
    bool m_dragging = false;
    int m_lastColumns = 0;
};

} // namespace s1
