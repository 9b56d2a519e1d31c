// s1-bench-charts: what the Charts page costs with a full day. Six sources' offsets, and the
// system offset with its error bound, at 1 Hz for 24 h in a HistoryStore (answered as the
// in-process engine answers: FeedHistory), shown on the Charts page (the sources' chart, then
// the system offset's with its band) at 800x400 and 1920x1000, and prints
//   - the history query time for the shown range (each series, one bucket per pixel column);
//   - the frame time: building the frame (downsampling, gaps, axes), drawing it with Qt Charts
//     and the page's paints that follow, per frame over repeated follow-mode updates (target
//     < 16 ms), with how many paints a frame took;
//   - the downsampler alone over the full-resolution day (86 400 points a series), the case a
//     feed answering one bucket per point would cost;
//   - the process's resident memory with the page shown (target < 150 MB).
// Run it offscreen: QT_QPA_PLATFORM=offscreen build/tests/bench/s1-bench-charts
// Numbers only, no assertions (tests/bench/README.md).
#include "FeedHistory.h"
#include "SnapshotFeed.h"
#include "charts/ChartCanvas.h"
#include "charts/ChartsPage.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QPixmap>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

using namespace s1;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kDay = 86'400 * kSecond;
constexpr std::int64_t kNow = 1'796'558'400LL * kSecond;
constexpr int kSources = 6;
constexpr int kFrames = 30;
// Event loop passes after a frame's answers: the layout, the scene's changes and the paints each
// post their successor for the next pass; past the last, a pass costs microseconds.
constexpr int kIdlePasses = 5;

class StoreFeed : public SnapshotFeed
{
public:
    HistoryStore store;
    void start() override { }
    void requestReload() override { }
    void requestMakeStep() override { }
    QString historyUnavailableReason() const override { return {}; }
    quint64 requestHistory(const HistoryRangeRequest &request) override
    {
        return answerHistoryLater(queryHistoryRange(store, request));
    }
};

std::string sourceName(int i)
{
    return "ntp" + std::to_string(i) + ".example.net";
}

void record(HistoryStore &store, std::int64_t t)
{
    for (int i = 0; i < kSources; ++i) {
        const double x = static_cast<double>(t / kSecond) / (300.0 + 50 * i);
        store.add("source/" + sourceName(i) + "/offset", t, 1e-5 * i + 2e-6 * std::sin(x));
    }
    // A band that fills most of the plot, as the error bound does once synchronised.
    const double y = static_cast<double>(t / kSecond) / 400.0;
    store.add("tracking.offset", t, 1e-6 * std::sin(y));
    store.add("tracking.errorBound", t, 5e-6 + 1e-6 * std::cos(y));
}

struct ChartCase
{
    ChartsPage::Kind kind;
    const char *name;
    std::vector<std::string> series; // what the page asks for
};

std::vector<ChartCase> chartCases()
{
    ChartCase sources{ChartsPage::Kind::SourceOffsets, "sources", {}};
    for (int i = 0; i < kSources; ++i)
        sources.series.push_back("source/" + sourceName(i) + "/offset");
    return {
        sources,
        {ChartsPage::Kind::SystemOffset, "system offset and error bound", {"tracking.offset", "tracking.errorBound"}}};
}

EngineSnapshot snapshotAt(std::int64_t t)
{
    EngineSnapshot snapshot;
    snapshot.time = realTimeFromNanos(t);
    for (int i = 0; i < kSources; ++i) {
        SourceSnapshot source;
        source.id = static_cast<std::uint32_t>(i + 1);
        source.name = sourceName(i);
        source.state = i == 0 ? SourceState::Selected : SourceState::Combined;
        source.lastSample = SourceSample{realTimeFromNanos(t), 0, 0, 0, 0, 0};
        snapshot.sources.push_back(source);
    }
    return snapshot;
}

double cpuMillis(clockid_t clock)
{
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The main thread's CPU time (it does the work, painting included, offscreen): on a shared
// machine the wall time also counts the waits for a core.
double threadCpuMillis()
{
    return cpuMillis(CLOCK_THREAD_CPUTIME_ID);
}

// All threads': Qt's raster engine hands large translucent fills to its thread pool.
double processCpuMillis()
{
    return cpuMillis(CLOCK_PROCESS_CPUTIME_ID);
}

// Counts the paint events of the chart's viewport.
class PaintCounter : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double millis(Clock::duration d)
{
    return std::chrono::duration<double, std::milli>(d).count();
}

long residentKb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

// Lets the feed's answers (queued) arrive.
void settle(ChartsPage &page)
{
    for (int i = 0; i < 1000 && page.pendingRequests() > 0; ++i)
        QCoreApplication::processEvents();
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    StoreFeed feed;
    const auto fillStart = Clock::now();
    for (std::int64_t t = kNow - kDay; t <= kNow; t += kSecond)
        record(feed.store, t);
    std::printf("history: %d series x 24 h at 1 Hz filled in %.0f ms, %.1f MB\n", kSources + 2,
                millis(Clock::now() - fillStart), static_cast<double>(feed.store.memoryBytes()) / 1e6);

    // The downsampler alone over the day at full resolution (one bucket per point).
    {
        std::map<std::string, SeriesBuffer> data;
        std::vector<ChartLineSpec> lines;
        for (int i = 0; i < kSources; ++i) {
            const std::string series = "source/" + sourceName(i) + "/offset";
            // The points themselves (more than a request may ask for): the worst case.
            SeriesBuffer buffer;
            buffer.bucketWidth = 1;
            buffer.unit = "s";
            for (const HistoryPoint &p : feed.store.series(series)->points())
                buffer.buckets.push_back({p.time, 1, p.value, p.value, p.value});
            data[series] = std::move(buffer);
            lines.push_back({sourceName(i), series, "", false, -1});
        }
        const auto start = Clock::now();
        const ChartFrame frame = buildChartFrame(lines, data, kNow - kDay, kNow, {1800, 12, 16});
        std::printf("downsampler, full resolution: %d x 86 400 points into %d columns in %.1f ms\n", kSources,
                    frame.columns, millis(Clock::now() - start));
    }

    for (const ChartCase &chart : chartCases()) {
        for (const QSize size : {QSize(800, 400), QSize(1920, 1000)}) {
            ChartsPage page;
            PaintCounter paints;
            page.canvas()->viewport()->installEventFilter(&paints);
            page.resize(size);
            page.show();
            QCoreApplication::processEvents();
            page.setFeed(&feed);
            page.setKind(chart.kind);
            page.showLast(kDay);
            page.showSnapshot(snapshotAt(kNow));
            settle(page);
            const int columns = page.canvas()->plotColumns();

            // The query as the page makes it: its series over the day, one bucket per column.
            const auto queryStart = Clock::now();
            for (const std::string &series : chart.series)
                queryHistoryRange(feed.store, {series, kNow - kDay, kNow, static_cast<std::uint32_t>(columns)});
            const double queryMs = millis(Clock::now() - queryStart);

            // Nothing left over from the set-up: each frame's paints are its own.
            for (int pass = 0; pass < kIdlePasses; ++pass)
                QCoreApplication::processEvents();

            // Follow mode, one new second per frame, as the window's event loop runs it: the tail
            // requests and their answers, the frame and its draw calls (the update), then the
            // paints that these cause (the page is shown: the offscreen platform paints it into its
            // backing store like any window).
            std::vector<double> frames;
            std::vector<double> cpuFrames;
            std::vector<double> cpuUpdates;
            std::vector<double> processFrames;
            std::vector<double> paintCounts;
            for (int f = 1; f <= kFrames; ++f) {
                const std::int64_t t = kNow + f * kSecond;
                record(feed.store, t);
                const int paintsBefore = paints.count;
                const auto start = Clock::now();
                const double cpuStart = threadCpuMillis();
                const double processStart = processCpuMillis();
                page.showSnapshot(snapshotAt(t));
                settle(page);
                cpuUpdates.push_back(threadCpuMillis() - cpuStart);
                for (int pass = 0; pass < kIdlePasses; ++pass)
                    QCoreApplication::processEvents();
                frames.push_back(millis(Clock::now() - start));
                cpuFrames.push_back(threadCpuMillis() - cpuStart);
                processFrames.push_back(processCpuMillis() - processStart);
                paintCounts.push_back(paints.count - paintsBefore);
            }
            if (page.grab().isNull())
                return 1;
            std::printf("page %dx%d, %s (%d columns, %zu lines): query of the day %.1f ms; wall time per frame median "
                        "%.1f ms, max %.1f ms over %d frames (target < 16 ms)\n",
                        size.width(), size.height(), chart.name, columns, page.frame().lines.size(), queryMs,
                        median(frames), *std::max_element(frames.begin(), frames.end()), kFrames);
            std::printf(
                "  CPU time per frame (main thread) median %.1f ms, max %.1f ms; of which update (requests, "
                "frame, draw calls) median %.1f ms; paints per frame median %.0f; all threads' CPU median %.1f ms\n",
                median(cpuFrames), *std::max_element(cpuFrames.begin(), cpuFrames.end()), median(cpuUpdates),
                median(paintCounts), median(processFrames));
            std::printf("resident memory with the page shown: %.1f MB (target < 150 MB)\n",
                        static_cast<double>(residentKb()) / 1024.0);
        }
    }
    return 0;
}
