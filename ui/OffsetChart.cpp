#include "OffsetChart.h"

#include "DisplayFormat.h"
#include "StatusColors.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <set>

namespace s1 {

namespace {

constexpr double kMicrosPerSecond = 1e6;
constexpr qreal kSelectedPenWidth = 3;
constexpr qreal kOtherPenWidth = 1.5;
// The others stay visible but step back behind the selected source.
constexpr int kOtherAlpha = 150;
// Headroom above and below the data, as a fraction of its range.
constexpr double kOffsetMargin = 0.1;
// Least offset range shown, so that a flat line does not zoom into noise.
constexpr double kMinOffsetRangeUs = 1;
constexpr double kMinTimeRangeS = 60;
constexpr int kTickCount = 5;
constexpr qreal kChartFontPt = 12;

const QColor kOtherColors[] = {StatusColors::kInUse, QColor(0x7b, 0x52, 0xab), QColor(0x8d, 0x6e, 0x63),
                               QColor(0x00, 0x89, 0x7b)};

bool isPlotted(const SourceSnapshot &source)
{
    return (source.state == SourceState::Selected || source.state == SourceState::Combined)
           && !source.recentSamples.empty();
}

} // namespace

OffsetChart::OffsetChart(QWidget *parent)
    : QChartView(parent)
    , m_timeAxis(new QValueAxis(this))
    , m_offsetAxis(new QValueAxis(this))
{
    setRenderHint(QPainter::Antialiasing);
    auto *chart = new QChart;
    setChart(chart); // the view owns the chart from here on

    QFont font = this->font();
    font.setPointSizeF(std::max(font.pointSizeF(), kChartFontPt));
    chart->setFont(font);
    chart->legend()->setFont(font);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins());
    chart->setBackgroundRoundness(0);
    // Axis numbers with the locale's decimal separator, like every other number in the window.
    chart->setLocalizeNumbers(true);

    m_timeAxis->setTitleText(tr("Seconds ago"));
    m_timeAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_timeAxis->setReverse(true); // now on the right, like a strip chart
    // chronyc's sign, as in the sources table: positive when the local clock is ahead.
    m_offsetAxis->setTitleText(tr("Offset local\u2212source (\u00b5s)"));
    m_offsetAxis->setLabelFormat(QStringLiteral("%.1f"));
    for (QValueAxis *axis : {m_timeAxis, m_offsetAxis}) {
        axis->setLabelsFont(font);
        axis->setTitleFont(font);
        axis->setTickCount(kTickCount);
    }
    chart->addAxis(m_timeAxis, Qt::AlignBottom); // the chart takes the axes over
    chart->addAxis(m_offsetAxis, Qt::AlignLeft);
    m_timeAxis->setRange(0, kMinTimeRangeS);
    m_offsetAxis->setRange(-kMinOffsetRangeUs, kMinOffsetRangeUs);
}

QLineSeries *OffsetChart::selectedSeries() const
{
    if (!m_hasSelected)
        return nullptr;
    const auto it = m_series.find(m_selectedId);
    return it == m_series.end() ? nullptr : it->second;
}

QLineSeries *OffsetChart::seriesFor(const SourceSnapshot &source)
{
    if (const auto it = m_series.find(source.id); it != m_series.end())
        return it->second;
    auto *series = new QLineSeries(chart());
    chart()->addSeries(series); // owned by the chart
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_offsetAxis);
    m_series.emplace(source.id, series);
    return series;
}

void OffsetChart::showSources(const std::vector<SourceSnapshot> &sources, RealTime now)
{
    std::set<std::uint32_t> shown;
    m_hasSelected = false;
    double minOffset = INFINITY;
    double maxOffset = -INFINITY;
    double maxAge = 0;
    std::size_t otherIndex = 0;

    for (const SourceSnapshot &source : sources) {
        if (!isPlotted(source))
            continue;
        shown.insert(source.id);
        QLineSeries *series = seriesFor(source);
        QList<QPointF> points;
        points.reserve(static_cast<qsizetype>(source.recentSamples.size()));
        for (const SourceSample &sample : source.recentSamples) {
            const double age = std::max(0.0, toSeconds(now - sample.time));
            const double offsetUs = chronycOffset(sample.offset) * kMicrosPerSecond;
            points.append(QPointF(age, offsetUs));
            minOffset = std::min(minOffset, offsetUs);
            maxOffset = std::max(maxOffset, offsetUs);
            maxAge = std::max(maxAge, age);
        }
        series->replace(points);
        series->setName(QString::fromStdString(source.name));

        const bool selected = source.state == SourceState::Selected && !m_hasSelected;
        QColor color = selected ? StatusColors::kGood : kOtherColors[otherIndex++ % std::size(kOtherColors)];
        if (!selected)
            color.setAlpha(kOtherAlpha);
        QPen pen(color);
        pen.setWidthF(selected ? kSelectedPenWidth : kOtherPenWidth);
        series->setPen(pen);
        if (selected) {
            m_hasSelected = true;
            m_selectedId = source.id;
        }
    }

    // Sources that went away or stopped qualifying.
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (shown.count(it->first)) {
            ++it;
            continue;
        }
        chart()->removeSeries(it->second); // gives ownership back
        delete it->second;
        it = m_series.erase(it);
    }
    if (shown.empty()) {
        m_timeAxis->setRange(0, kMinTimeRangeS);
        m_offsetAxis->setRange(-kMinOffsetRangeUs, kMinOffsetRangeUs);
        return;
    }
    m_timeAxis->setRange(0, std::max(maxAge, kMinTimeRangeS));
    const double range = std::max(maxOffset - minOffset, kMinOffsetRangeUs);
    const double centre = (maxOffset + minOffset) / 2;
    const double half = range * (1 + 2 * kOffsetMargin) / 2;
    m_offsetAxis->setRange(centre - half, centre + half);
    m_offsetAxis->applyNiceNumbers();
}

} // namespace s1
