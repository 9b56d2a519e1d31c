#include "StabilityPlots.h"

#include "ChartScale.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

constexpr int kMarginPx = 6;
constexpr int kTickLengthPx = 4;
constexpr int kMarkerRadiusPx = 3;
constexpr int kCurvePenWidth = 2;
constexpr int kLeastPlotPx = 20;
constexpr int kGridAlpha = 70;
constexpr int kBarAlpha = 170;
// Histogram axis labels: this many besides the two ends would collide on a narrow plot.
constexpr int kHistogramTickSpacingPx = 70;
constexpr double kSecondsPerTauDecadeMax = 1e4;

QColor gridColor(const QPalette &palette)
{
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(kGridAlpha);
    return grid;
}

void drawEmpty(QPainter &painter, const QRect &area, const QString &text)
{
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, text);
}

QString superscript(int exponent)
{
    static const char16_t digits[] = u"\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
    QString text = exponent < 0 ? QString(QChar(0x207b)) : QString();
    const QString number = QString::number(std::abs(exponent));
    for (const QChar c : number)
        text += QChar(digits[c.digitValue()]);
    return text;
}

} // namespace

QString decadeLabel(int exponent, bool seconds)
{
    if (seconds) {
        if (exponent >= 0 && exponent <= 3)
            return QStringLiteral("%1 s").arg(std::pow(10.0, exponent), 0, 'f', 0);
        return QStringLiteral("10%1 s").arg(superscript(exponent));
    }
    return QStringLiteral("10%1").arg(superscript(exponent));
}

HistogramPlot::HistogramPlot(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(120, 90);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void HistogramPlot::setHistogram(const QString &title, const OffsetHistogram &histogram, QColor color,
                                 const QString &emptyText)
{
    m_title = title;
    m_histogram = histogram;
    m_color = color;
    m_emptyText = emptyText;
    update();
}

void HistogramPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(palette().color(QPalette::Text));
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    painter.drawText(QRect(kMarginPx, 0, width() - 2 * kMarginPx, line), Qt::AlignLeft | Qt::AlignVCenter, m_title);
    const QRect plot(kMarginPx, line + kMarginPx, width() - 2 * kMarginPx, height() - 2 * line - 2 * kMarginPx);
    if (m_histogram.counts.empty() || plot.width() < kLeastPlotPx || plot.height() < kLeastPlotPx) {
        drawEmpty(painter, plot, m_emptyText);
        return;
    }
    const DisplayUnit unit = secondsUnit(std::max(std::abs(m_histogram.low), std::abs(m_histogram.high())));
    const double peak = static_cast<double>(m_histogram.peak());
    const double bins = static_cast<double>(m_histogram.counts.size());
    QColor bar = m_color;
    bar.setAlpha(kBarAlpha);
    for (std::size_t i = 0; i < m_histogram.counts.size(); ++i) {
        const double left = plot.left() + plot.width() * static_cast<double>(i) / bins;
        const double right = plot.left() + plot.width() * static_cast<double>(i + 1) / bins;
        const double h = plot.height() * static_cast<double>(m_histogram.counts[i]) / peak;
        painter.fillRect(QRectF(left, plot.bottom() - h, std::max(1.0, right - left - 1), h), bar);
    }
    painter.setPen(gridColor(palette()));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    // The median, where it falls.
    const double span = m_histogram.high() - m_histogram.low;
    const double medianX = plot.left() + plot.width() * (m_histogram.median - m_histogram.low) / span;
    painter.setPen(QPen(palette().color(QPalette::Text), 1, Qt::DashLine));
    painter.drawLine(QPointF(medianX, plot.top()), QPointF(medianX, plot.bottom()));
    // Round ticks along the value axis, in the display unit.
    painter.setPen(palette().color(QPalette::Text));
    const int maxTicks = std::max(2, plot.width() / kHistogramTickSpacingPx);
    const double step = roundStep(span / maxTicks);
    const QLocale locale;
    const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step * unit.factor))));
    for (double tick = std::ceil(m_histogram.low / step) * step; tick <= m_histogram.high(); tick += step) {
        const double x = plot.left() + plot.width() * (tick - m_histogram.low) / span;
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + kTickLengthPx));
        // A tick a rounding error from zero is zero, not "-0".
        const double shown = std::abs(tick) < step / 2 ? 0.0 : tick * unit.factor;
        const QString label = locale.toString(shown, 'f', decimals);
        const int w = metrics.horizontalAdvance(label);
        const double lx = std::clamp(x - w / 2.0, 0.0, static_cast<double>(width() - w));
        painter.drawText(QPointF(lx, plot.bottom() + kTickLengthPx + metrics.ascent()), label);
    }
    const QString unitText = QString::fromStdString(unit.symbol);
    painter.drawText(QRect(plot.left(), plot.top(), plot.width(), line), Qt::AlignRight | Qt::AlignTop, unitText);
}

DeviationPlot::DeviationPlot(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(120, 90);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DeviationPlot::setCurves(const QString &title, std::vector<DeviationCurve> curves, bool valueIsTime,
                              const QString &emptyText)
{
    m_title = title;
    m_curves = std::move(curves);
    m_valueIsTime = valueIsTime;
    m_emptyText = emptyText;
    update();
}

void DeviationPlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.setPen(palette().color(QPalette::Text));
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    painter.drawText(QRect(kMarginPx, 0, width() - 2 * kMarginPx, line), Qt::AlignLeft | Qt::AlignVCenter, m_title);

    double tauLow = 0, tauHigh = 0, valueLow = 0, valueHigh = 0;
    bool any = false;
    for (const DeviationCurve &curve : m_curves) {
        for (const auto &[tau, value] : curve.points) {
            if (!(tau > 0) || !(value > 0) || !std::isfinite(value))
                continue;
            tauLow = any ? std::min(tauLow, tau) : tau;
            tauHigh = any ? std::max(tauHigh, tau) : tau;
            valueLow = any ? std::min(valueLow, value) : value;
            valueHigh = any ? std::max(valueHigh, value) : value;
            any = true;
        }
    }
    const int labelWidth = metrics.horizontalAdvance(QStringLiteral("10\u207b\u00b9\u00b2 s")) + kMarginPx;
    // Half a line more at the top: the highest decade's label is centred on the plot's edge.
    const QRect plot(labelWidth, line + line / 2 + kMarginPx, width() - labelWidth - 2 * kMarginPx,
                     height() - 2 * line - line / 2 - 2 * kMarginPx);
    if (!any || plot.width() < kLeastPlotPx || plot.height() < kLeastPlotPx) {
        drawEmpty(painter, plot, m_emptyText);
        return;
    }
    // Whole decades around the data: tau from its first up to at most 10^4 s.
    const int xLow = static_cast<int>(std::floor(std::log10(tauLow) + 1e-9));
    const int xHigh =
        std::max(xLow + 1, static_cast<int>(std::ceil(std::log10(std::min(tauHigh, kSecondsPerTauDecadeMax)) - 1e-9)));
    const int yLow = static_cast<int>(std::floor(std::log10(valueLow)));
    const int yHigh = std::max(yLow + 1, static_cast<int>(std::ceil(std::log10(valueHigh))));
    const auto toPoint = [&](double tau, double value) {
        const double fx = (std::log10(tau) - xLow) / (xHigh - xLow);
        const double fy = (std::log10(value) - yLow) / (yHigh - yLow);
        return QPointF(plot.left() + fx * plot.width(), plot.bottom() - fy * plot.height());
    };
    const QColor text = palette().color(QPalette::Text);
    for (int x = xLow; x <= xHigh; ++x) {
        const QPointF p = toPoint(std::pow(10.0, x), std::pow(10.0, yLow));
        painter.setPen(gridColor(palette()));
        painter.drawLine(QPointF(p.x(), plot.top()), QPointF(p.x(), plot.bottom()));
        painter.setPen(text);
        const QString label = decadeLabel(x, true);
        const int w = metrics.horizontalAdvance(label);
        const double lx = std::clamp(p.x() - w / 2.0, 0.0, static_cast<double>(width() - w));
        painter.drawText(QPointF(lx, plot.bottom() + kTickLengthPx + metrics.ascent()), label);
    }
    // Every decade labelled when they fit, else every other one.
    const int yStride = (yHigh - yLow) * line * 2 > plot.height() ? 2 : 1;
    for (int y = yLow; y <= yHigh; ++y) {
        const QPointF p = toPoint(std::pow(10.0, xLow), std::pow(10.0, y));
        painter.setPen(gridColor(palette()));
        painter.drawLine(QPointF(plot.left(), p.y()), QPointF(plot.right(), p.y()));
        if ((y - yLow) % yStride != 0)
            continue;
        painter.setPen(text);
        painter.drawText(QRectF(0, p.y() - line / 2.0, labelWidth - kTickLengthPx, line),
                         Qt::AlignRight | Qt::AlignVCenter, decadeLabel(y, m_valueIsTime));
    }
    // The legend in the title's line, right-aligned, each name in its curve's colour: the
    // plot's corners are where the curves run.
    int legendRight = width() - kMarginPx;
    for (auto it = m_curves.rbegin(); it != m_curves.rend(); ++it) {
        if (it->points.empty())
            continue;
        const QString label = QStringLiteral("\u25cf ") + it->label;
        const int w = metrics.horizontalAdvance(label);
        painter.setPen(it->color);
        painter.drawText(QRect(legendRight - w, 0, w, line), Qt::AlignRight | Qt::AlignVCenter, label);
        legendRight -= w + 2 * kMarginPx;
    }
    for (const DeviationCurve &curve : m_curves) {
        QPainterPath path;
        bool started = false;
        painter.setPen(QPen(curve.color, kCurvePenWidth));
        painter.setBrush(curve.color);
        for (const auto &[tau, value] : curve.points) {
            if (!(tau > 0) || !(value > 0) || !std::isfinite(value))
                continue;
            const QPointF p = toPoint(tau, value);
            if (started)
                path.lineTo(p);
            else
                path.moveTo(p);
            started = true;
            painter.drawEllipse(p, kMarkerRadiusPx, kMarkerRadiusPx);
        }
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
}

} // namespace s1
