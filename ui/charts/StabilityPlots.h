// The Stability view's two drawings, painted with QPainter (no Qt Charts: log axes and bars are
// a few lines each): a histogram of offsets, and deviations against tau on log-log axes. They
// draw what they are given; the numbers come from OffsetHistogram and PhaseRecord.
#pragma once

#include "OffsetHistogram.h"

#include <QColor>
#include <QWidget>

#include <vector>

namespace s1 {

class HistogramPlot : public QWidget
{
    Q_OBJECT
public:
    explicit HistogramPlot(QWidget *parent = nullptr);
    // `emptyText` across the plot when the histogram has no bins.
    void setHistogram(const QString &title, const OffsetHistogram &histogram, QColor color, const QString &emptyText);
    const OffsetHistogram &histogram() const { return m_histogram; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_title;
    OffsetHistogram m_histogram;
    QColor m_color;
    QString m_emptyText;
};

struct DeviationCurve
{
    QString label;
    QColor color;
    std::vector<std::pair<double, double>> points; // (tau s, value), both > 0
};

class DeviationPlot : public QWidget
{
    Q_OBJECT
public:
    explicit DeviationPlot(QWidget *parent = nullptr);
    // `valueIsTime`: the values are seconds (TDEV, labelled ns/µs/ms); else dimensionless (ADEV).
    void setCurves(const QString &title, std::vector<DeviationCurve> curves, bool valueIsTime,
                   const QString &emptyText);
    const std::vector<DeviationCurve> &curves() const { return m_curves; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_title;
    std::vector<DeviationCurve> m_curves;
    bool m_valueIsTime = false;
    QString m_emptyText;
};

// "1 s", "100 s", "10⁴ s" for a power-of-ten tau; "1e-11" style for a dimensionless decade.
QString decadeLabel(int exponent, bool seconds);

} // namespace s1
