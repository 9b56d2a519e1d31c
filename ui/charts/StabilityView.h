// The Charts page's "Stability" choice: for a chosen source (the PPS refclock by default, else
// the selected source) and for the system clock's offset, over the page's time range, a
// histogram of the offsets (median and spread printed) and the overlapping Allan deviation and
// time deviation against tau on log-log axes, tau from the series' interval up to 10^4 s.
// A source with pulses is analysed from its edge offsets (source/NAME/edge, one a pulse) rather
// than its filtered samples (one a poll), so a PPS's histogram and ADEV start at 1 s; a refclock
// also gets a histogram of its jitter per poll (source/NAME/jitter) beside its offsets'.
//
// Each series is asked for twice: a grid of one bucket a second finds the series' own interval
// (a PPS refclock reports once a poll), then a grid of one bucket per sample gives the phase
// record (stability/PhaseRecord: single holes bridged, longer gaps split and pooled). Too few
// samples, or none lately, are said in words; no curve is drawn from them.
#pragma once

#include "OffsetHistogram.h"

#include "report/HistoryRange.h"
#include "stability/AllanDeviation.h"
#include "stability/PhaseRecord.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;

namespace s1 {

class DeviationPlot;
class HistogramPlot;
class SnapshotFeed;

class StabilityView : public QWidget
{
    Q_OBJECT
public:
    // Longest tau shown, and the data time between re-analyses while following.
    static constexpr double kMaxTau = 1e4;                        // s
    static constexpr std::int64_t kRefreshEvery = 10'000'000'000; // ns
    // ... or this fraction of the range when longer (a week's histogram hardly moves in 10 s, and
    // each analysis asks for up to 10 000 buckets per series).
    static constexpr std::int64_t kRefreshesPerSpan = 1000;
    // The first request's grid: one bucket a second finds any series' interval down to 1 s.
    static constexpr std::int64_t kProbeBucket = 1'000'000'000; // ns
    // A series whose newest sample is older than this many of its intervals (and a minute) is
    // stale: said beside its numbers.
    static constexpr std::int64_t kStaleIntervals = 10;
    static constexpr std::int64_t kStaleAtLeast = 60'000'000'000; // ns

    // What the view worked out for one series, for the plots and tests.
    struct Result
    {
        std::string series;
        bool done = false;
        QString error;             // the feed's answer when it had none
        std::int64_t interval = 0; // ns, the series' own
        OffsetHistogram histogram;
        PhaseRecord record; // runs kept for the summary's numbers
        std::vector<StabilityPoint> curve;
        std::int64_t newest = 0; // ns, the newest filled bucket's start (0: none)
    };

    explicit StabilityView(QWidget *parent = nullptr);

    void setFeed(SnapshotFeed *feed);
    // The sources to choose from and the one to start with (kept while the user's choice exists).
    void setSources(const std::vector<std::string> &names, const std::string &preferred);
    // The range analysed; asks again when it changed enough (or `force`).
    void setRange(std::int64_t from, std::int64_t to, bool force = false);

    QString chosenSource() const;
    const Result &sourceResult() const { return m_results[0]; }
    const Result &systemResult() const { return m_results[1]; }
    const Result &jitterResult() const { return m_results[2]; }
    QString sourceSummary() const;
    QString systemSummary() const;
    bool busy() const;

signals:
    void analysed();

private:
    void restart();
    void request(std::size_t index, std::uint32_t buckets);
    void onHistory(quint64 ticket, const s1::HistoryRange &range);
    void finish(std::size_t index, const HistoryRange &range);
    void refreshDisplay();
    QString summary(const Result &result, const QString &name) const;
    QString histogramEmptyText(const Result &result) const;

    SnapshotFeed *m_feed = nullptr;
    QComboBox *m_sourceBox;
    QLabel *m_sourceLabel;
    QLabel *m_systemLabel;
    HistogramPlot *m_sourceHistogram;
    HistogramPlot *m_systemHistogram;
    HistogramPlot *m_jitterHistogram;
    DeviationPlot *m_adevPlot;
    DeviationPlot *m_tdevPlot;
    QGridLayout *m_plots = nullptr;
    // The chosen source's offsets (its edges when it has them), the system clock's, and the
    // chosen source's jitter.
    std::array<Result, 3> m_results;
    std::array<quint64, 3> m_tickets{};
    std::array<bool, 3> m_probing{};
    std::int64_t m_from = 0;
    std::int64_t m_to = 0;
    std::int64_t m_analysedTo = 0;
    std::int64_t m_analysedSpan = 0;
};

} // namespace s1
