#include "SignalBarsWidget.h"

#include "SkyPlotWidget.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

namespace s1 {

namespace {

// Grid steps tried in turn until the scale labels have room; dB-Hz.
constexpr std::array kGridStepsDbHz{10.0, 20.0, 50.0};
constexpr double kMinGridSpacingLines = 1.3;
// Sizes in text lines, so that the bars grow with the font on a touchscreen.
constexpr double kAxisGapLines = 0.4;
constexpr double kTopPadLines = 0.4;
constexpr double kLabelGapLines = 0.25;
constexpr double kMaxSlotLines = 2.4;
constexpr double kMinSlotLines = 0.65;
constexpr double kPreferredHeightLines = 10;
constexpr double kMinPlotLines = 3;
constexpr int kMaxLabelLines = 3;
// The rest of a slot is the gap that keeps neighbouring bars apart.
constexpr double kBarFillRatio = 0.72;
constexpr double kBarPenWidthPx = 1.5;
constexpr int kGridAlpha = 70;
// A tracked but unused satellite: its colour, faint, inside a full-colour outline.
constexpr int kUnusedFillAlpha = 70;

bool hasSignal(const GpsSatellite &satellite)
{
    // 0 is what several receivers report for "searching"; it is not a measurement.
    return satellite.snr.has_value() && *satellite.snr > 0;
}

QString scaleLabel(double dbHz)
{
    return QString::number(dbHz, 'f', 0);
}

} // namespace

SignalBarsWidget::SignalBarsWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SignalBarsWidget::setSatellites(const std::vector<GpsSatellite> &satellites)
{
    std::vector<GpsSatellite> bars;
    std::copy_if(satellites.begin(), satellites.end(), std::back_inserter(bars), hasSignal);
    if (bars == m_bars)
        return;
    const bool countChanged = bars.size() != m_bars.size();
    m_bars = std::move(bars);
    if (countChanged)
        updateGeometry(); // the minimum width follows the number of bars
    update();
}

double SignalBarsWidget::axisWidth() const
{
    const double line = fontMetrics().height();
    return fontMetrics().horizontalAdvance(scaleLabel(kSnrScaleMaxDbHz)) + line * kAxisGapLines;
}

double SignalBarsWidget::widestLabel() const
{
    double widest = 0;
    for (const GpsSatellite &satellite : m_bars)
        widest = std::max<double>(widest, fontMetrics().horizontalAdvance(QString::number(satellite.prn)));
    return widest;
}

double SignalBarsWidget::minimumSlotWidth() const
{
    const double line = fontMetrics().height();
    const double labelRoom = widestLabel() + line * kLabelGapLines;
    return std::max(line * kMinSlotLines, labelRoom / kMaxLabelLines);
}

SignalBarsWidget::Layout SignalBarsWidget::computeLayout() const
{
    const double line = fontMetrics().height();
    const double left = axisWidth();
    // The unit sits above the scale, so the top keeps a line for it.
    const double top = line + line * kTopPadLines;
    const double available = std::max(0.0, width() - left - line * kAxisGapLines);
    const auto count = static_cast<double>(std::max<std::size_t>(m_bars.size(), 1));
    const double slot = std::max(std::min(available / count, line * kMaxSlotLines), minimumSlotWidth());
    const double labelRoom = widestLabel() + line * kLabelGapLines;
    const int lines = std::clamp(static_cast<int>(std::ceil(labelRoom / slot)), 1, kMaxLabelLines);
    const double bottom = lines * line + line * kLabelGapLines;
    const double plotHeight = std::max(0.0, height() - top - bottom);
    return {QRectF(left, top, available, plotHeight), slot, lines};
}

QRectF SignalBarsWidget::barRect(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_bars.size()))
        return {};
    const Layout layout = computeLayout();
    const double fraction = std::clamp(*m_bars[index].snr / kSnrScaleMaxDbHz, 0.0, 1.0);
    const double barWidth = layout.slotWidth * kBarFillRatio;
    const double x = layout.plot.left() + index * layout.slotWidth + (layout.slotWidth - barWidth) / 2;
    const double barHeight = layout.plot.height() * fraction;
    return {x, layout.plot.bottom() - barHeight, barWidth, barHeight};
}

int SignalBarsWidget::labelLines() const
{
    return computeLayout().labelLines;
}

QSize SignalBarsWidget::sizeHint() const
{
    const double line = fontMetrics().height();
    // Labels on two lines at most: roomier than the minimum, narrower than one label per slot.
    constexpr int kPreferredLabelLines = 2;
    const double slot =
        std::min(std::max((widestLabel() + line * kLabelGapLines) / kPreferredLabelLines, minimumSlotWidth()),
                 line * kMaxSlotLines);
    const auto count = static_cast<double>(std::max<std::size_t>(m_bars.size(), 1));
    const QSize minimum = minimumSizeHint();
    return QSize(static_cast<int>(std::ceil(axisWidth() + count * slot + line * kAxisGapLines)),
                 static_cast<int>(std::ceil(line * kPreferredHeightLines)))
        .expandedTo(minimum);
}

QSize SignalBarsWidget::minimumSizeHint() const
{
    const double line = fontMetrics().height();
    const auto count = static_cast<double>(m_bars.size());
    const double width = axisWidth() + count * minimumSlotWidth() + line * kAxisGapLines;
    const double height = line * (1 + kTopPadLines + kMinPlotLines + kMaxLabelLines + kLabelGapLines);
    return {static_cast<int>(std::ceil(width)), static_cast<int>(std::ceil(height))};
}

void SignalBarsWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const Layout layout = computeLayout();
    if (layout.plot.height() <= 0)
        return;
    paintAxis(painter, layout);
    if (m_bars.empty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(layout.plot, Qt::AlignCenter | Qt::TextWordWrap, tr("No signals"));
        return;
    }
    paintBars(painter, layout);
}

void SignalBarsWidget::paintAxis(QPainter &painter, const Layout &layout) const
{
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(kGridAlpha);
    const double line = fontMetrics().height();
    const QRectF &plot = layout.plot;

    double step = kGridStepsDbHz.back();
    for (const double candidate : kGridStepsDbHz) {
        if (plot.height() * candidate / kSnrScaleMaxDbHz >= line * kMinGridSpacingLines) {
            step = candidate;
            break;
        }
    }
    const double labelRight = axisWidth() - line * kAxisGapLines;
    // Bounded: at most kSnrScaleMaxDbHz / smallest step + 1 lines.
    for (double dbHz = 0; dbHz <= kSnrScaleMaxDbHz; dbHz += step) {
        const double y = plot.bottom() - plot.height() * dbHz / kSnrScaleMaxDbHz;
        painter.setPen(QPen(grid, 1));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(text);
        painter.drawText(QRectF(0, y - line / 2, labelRight, line), Qt::AlignRight | Qt::AlignVCenter,
                         scaleLabel(dbHz));
    }
    painter.drawText(QRectF(0, 0, width(), line), Qt::AlignLeft | Qt::AlignVCenter, tr("dB-Hz"));
}

void SignalBarsWidget::paintBars(QPainter &painter, const Layout &layout) const
{
    const double line = fontMetrics().height();
    const double labelTop = layout.plot.bottom() + line * kLabelGapLines;
    painter.setPen(Qt::NoPen);
    for (int i = 0; i < static_cast<int>(m_bars.size()); ++i) {
        const GpsSatellite &satellite = m_bars[i];
        const QRectF bar = barRect(i);
        const QColor color = constellationColor(satellite.system);
        if (satellite.used) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
        } else {
            QColor faint = color;
            faint.setAlpha(kUnusedFillAlpha);
            painter.setPen(QPen(color, kBarPenWidthPx));
            painter.setBrush(faint);
        }
        // Inset by half the pen so that the outline stays inside the bar's true size.
        painter.drawRect(satellite.used ? bar
                                        : bar.adjusted(kBarPenWidthPx / 2, kBarPenWidthPx / 2, -kBarPenWidthPx / 2,
                                                       -kBarPenWidthPx / 2));

        // Neighbouring labels step down a line each when a slot is narrower than a label.
        const double centreX = bar.center().x();
        const double y = labelTop + (i % layout.labelLines) * line;
        const QString label = QString::number(satellite.prn);
        const double labelWidth = fontMetrics().horizontalAdvance(label);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRectF(centreX - labelWidth / 2, y, labelWidth, line), Qt::AlignCenter, label);
    }
}

bool SignalBarsWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const Layout layout = computeLayout();
        const double offset = help->pos().x() - layout.plot.left();
        const int index = offset >= 0 ? static_cast<int>(offset / layout.slotWidth) : -1;
        if (index >= 0 && index < static_cast<int>(m_bars.size()))
            QToolTip::showText(help->globalPos(), satelliteDescription(m_bars[index]), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace s1
