// Recent offsets of the sources over time, the selected source drawn bold.
#pragma once

#include "report/EngineSnapshot.h"

#include <QChartView>

#include <cstdint>
#include <map>

class QLineSeries;
class QValueAxis;

namespace s1 {

class OffsetChart : public QChartView
{
    Q_OBJECT

public:
    explicit OffsetChart(QWidget *parent = nullptr);

    // Replaces the points in place. Plots the selected source and the ones combined with it;
    // falsetickers and unusable sources would only stretch the scale.
    void showSources(const std::vector<SourceSnapshot> &sources, RealTime now);

    // The series of the engine's selected source, or null when there is none.
    QLineSeries *selectedSeries() const;

private:
    QLineSeries *seriesFor(const SourceSnapshot &source);

    QValueAxis *m_timeAxis;
    QValueAxis *m_offsetAxis;
    std::map<std::uint32_t, QLineSeries *> m_series; // owned by the chart
    std::uint32_t m_selectedId = 0;
    bool m_hasSelected = false;
};

} // namespace s1
