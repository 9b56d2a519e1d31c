// The Charts page: the history the feed keeps (SnapshotFeed::requestHistory) for the last 10 min
// to 7 days, as one of four charts (system offset within its error bound, the sources' offsets,
// frequency within its skew, the PPS offset), following the newest snapshot or paused where the
// user zoomed and panned to; a tap reads a point; the shown range exports as PNG or CSV. The
// fifth choice, Stability, shows a StabilityView over the same range instead of the chart.
//
// How a sample reaches the chart: the engine's snapshot -> the HistoryKeeper behind the feed
// (the service's, or the window's own engine's) -> requestHistory for the shown range in one
// bucket per pixel column -> SeriesBuffer; each later snapshot asks for the tail since the last
// bucket (same grid) -> ChartFrame (per-column min/max, gaps, axes) -> ChartCanvas draws it.
#pragma once

#include "ChartFrame.h"
#include "ChartTimeWindow.h"

#include "report/EngineSnapshot.h"
#include "report/HistoryRange.h"

#include <QWidget>

#include <map>
#include <set>
#include <string>
#include <vector>

class QAbstractButton;
class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QTimer;

namespace s1 {

class ChartCanvas;
class StabilityView;
class SnapshotFeed;

class ChartsPage : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { SystemOffset, SourceOffsets, Frequency, PpsOffset, Stability };
    // Sources drawn at most on the sources' chart (the selected and combined ones first).
    static constexpr std::size_t kMaxSourceLines = 6;
    // Zoom and pan redraw at once from what the page holds; the finer history is asked for
    // once they pause this long.
    static constexpr int kRefetchDelayMs = 200;

    explicit ChartsPage(QWidget *parent = nullptr);

    void setFeed(SnapshotFeed *feed);
    void setKind(Kind kind);
    Kind kind() const { return m_kind; }

    // Writes the canvas as shown (PNG) or the shown range's buckets (CSV, chartCsv), atomically.
    // Empty on success, else why not.
    QString exportPng(const QString &path);
    QString exportCsv(const QString &path);

    const ChartTimeWindow &timeWindow() const { return m_window; }
    const ChartFrame &frame() const { return m_frame; }
    const std::vector<ChartLineSpec> &lines() const { return m_lines; }
    ChartCanvas *canvas() const { return m_canvas; }
    StabilityView *stabilityView() const { return m_stability; }
    // History requests not answered yet.
    std::size_t pendingRequests() const { return m_pending.size(); }

public slots:
    void showSnapshot(const s1::EngineSnapshot &snapshot);
    // The window buttons and the follow button, for tests and the keyboard alike.
    void showLast(std::int64_t span);
    void setFollowing(bool follow);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Pending
    {
        std::string series;
        unsigned generation = 0;
        bool tail = false;
    };

    QWidget *createControls();
    // The Stability choice shows its view instead of the chart, over the same range.
    void showStabilityRange(bool force = false);
    void updateLines();
    void refetch();
    void requestTails();
    void onHistory(quint64 ticket, const s1::HistoryRange &range);
    // Requests of the current generation not answered yet (the frame waits for the last one).
    bool waitingForAnswers() const;
    void redraw();
    void onZoom(double factor, double anchor);
    void onPan(double fraction);
    void onTap(int column);
    void syncControls();
    void chooseExport();
    QString valueTitle() const;
    QString emptyText() const;
    std::set<std::string> wantedSeries() const;

    SnapshotFeed *m_feed = nullptr;
    ChartCanvas *m_canvas;
    StabilityView *m_stability;
    QComboBox *m_kindBox;
    QButtonGroup *m_windowButtons;
    QPushButton *m_followButton;
    QPushButton *m_exportButton;
    QLabel *m_readout;
    QTimer *m_refetchTimer;
    Kind m_kind = Kind::SystemOffset;
    ChartTimeWindow m_window;
    std::vector<ChartLineSpec> m_lines;
    std::map<std::string, SeriesBuffer> m_data;
    std::map<std::string, std::string> m_errors; // why a series has no history
    std::map<quint64, Pending> m_pending;
    unsigned m_generation = 0;
    ChartFrame m_frame;
    // From the newest snapshot: the sources worth a line, and the PPS refclocks.
    std::vector<std::string> m_sourceNames;
    std::vector<std::string> m_ppsNames;
    // Every source (for the Stability chooser) and the one it starts with.
    std::vector<std::string> m_allSourceNames;
    std::string m_preferredStabilitySource;
    bool m_haveSnapshot = false;
    // The shown range must be asked for whole (the first snapshot, other lines) when next shown.
    bool m_needsRefetch = false;
};

} // namespace s1
