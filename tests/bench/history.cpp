// s1-bench-history: what the service's history costs. Fills a HistoryStore to full capacity
// (every series at one point a second for 8 days: 24 h of points and 7 days of minutes) with
// the series a GPS+PPS server with four sources records, and prints
//   - bytes per series and in all, and the process's resident memory growth;
//   - the history file's size and the time to write and read it;
//   - the time of `history` queries over a real control socket (ControlServer in this
//     process, the blocking ControlClient in another thread), with the response size.
// Numbers only, no assertions (tests/bench/README.md).
#include "control/HistoryQueries.h"
#include "history/HistoryFile.h"
#include "history/HistoryStore.h"
#include "transport/ControlClient.h"
#include "transport/ControlServer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace s1;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStart = 1'796'515'200LL * kSecond;
constexpr std::int64_t kFillSeconds = 8 * 86400; // past both the 24 h and the 7 d bounds
constexpr int kQueryRepeats = 5;

long residentKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::vector<std::string> seriesNames()
{
    std::vector<std::string> names = {"tracking.offset",     "tracking.lastOffset", "tracking.frequency",
                                      "tracking.skew",       "tracking.rootDelay",  "tracking.rootDispersion",
                                      "tracking.errorBound", "gps.satellitesUsed",  "gps.meanSnr"};
    for (const char *source : {"PPS", "NMEA", "192.0.2.1", "192.0.2.2"})
        for (const char *figure : {"offset", "delay", "dispersion", "state"})
            names.push_back(std::string("source/") + source + "/" + figure);
    // The refclocks' jitter per poll, and the PPS's offset per pulse edge.
    for (const char *series : {"source/PPS/jitter", "source/NMEA/jitter", "source/PPS/edge"})
        names.emplace_back(series);
    return names;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const std::vector<std::string> names = seriesNames();

    const long rssBefore = residentKiB();
    const auto store = std::make_unique<HistoryStore>(); // kept for the whole run, like the service's
    const Clock::time_point fillStart = Clock::now();
    for (std::int64_t s = 0; s < kFillSeconds; ++s) {
        const std::int64_t t = kStart + s * kSecond;
        const double x = std::sin(static_cast<double>(s) * 1e-3) * 1e-6;
        for (const std::string &name : names)
            store->add(name, t, x);
    }
    const double fillMs = msSince(fillStart);
    const long rssAfter = residentKiB();

    std::printf("history store at full capacity: %zu series, each %zu points + %zu minutes\n", names.size(),
                store->all().begin()->second.pointCount(), store->all().begin()->second.minuteCount());
    std::printf("  per series: %zu bytes (%.2f MiB) = %zu B/point x %zu + %zu B/minute x %zu\n",
                HistorySeries::kMaxSeriesBytes, static_cast<double>(HistorySeries::kMaxSeriesBytes) / 1048576.0,
                HistorySeries::kStoredPointBytes, HistorySeries::kFullResolutionCapacity,
                HistorySeries::kStoredMinuteBytes, HistorySeries::kMinuteCapacity);
    std::printf("  all series: %.1f MiB of elements; resident memory grew by %.1f MiB (%ld -> %ld KiB)\n",
                static_cast<double>(store->memoryBytes()) / 1048576.0,
                static_cast<double>(rssAfter - rssBefore) / 1024.0, rssBefore, rssAfter);
    std::printf("  filling %lld s x %zu series took %.0f ms (%.0f ns per point)\n",
                static_cast<long long>(kFillSeconds), names.size(), fillMs,
                fillMs * 1e6 / static_cast<double>(kFillSeconds) / static_cast<double>(names.size()));

    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath(QStringLiteral("stratumone.history")).toStdString();
    std::string error;
    Clock::time_point t0 = Clock::now();
    const bool written = writeHistoryFile(file, *store, error);
    const double writeMs = msSince(t0);
    t0 = Clock::now();
    const auto back = readHistoryFile(file, error);
    const double readMs = msSince(t0);
    std::printf("history file: %s, %.1f MiB, written (fsync included) in %.0f ms, read and checked in %.0f ms\n",
                written && back ? "ok" : error.c_str(),
                written ? static_cast<double>(std::filesystem::file_size(file)) / 1048576.0 : 0.0, writeMs, readMs);

    ControlServer server;
    server.setHistory(store.get());
    const std::string socketPath = dir.filePath(QStringLiteral("bench.sock")).toStdString();
    QString listenError;
    if (!server.listen(socketPath, {}, listenError)) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(listenError));
        return 1;
    }

    struct Case
    {
        const char *what;
        double since;
        int buckets;
    };
    const std::vector<Case> cases = {
        {"24 h in 10000 buckets (the most per query)", 86400, 10000},
        {"1 h at full resolution (3600 buckets)", 3600, 3600},
        {"24 h in 1000 buckets", 86400, 1000},
        {"7 d in 1000 buckets (minutes + points)", 7 * 86400, 1000},
        {"10 min in 600 buckets", 600, 600},
    };
    std::thread client([&] {
        ControlClient c;
        std::string e;
        if (!c.connectTo(socketPath, e)) {
            std::fprintf(stderr, "cannot connect: %s\n", e.c_str());
        } else {
            std::printf("history queries of tracking.offset over the control socket (median of %d):\n", kQueryRepeats);
            for (const Case &k : cases) {
                std::vector<double> times;
                qsizetype bytes = 0;
                for (int i = 0; i < kQueryRepeats; ++i) {
                    const Clock::time_point q0 = Clock::now();
                    const auto reply =
                        c.call(control::Command::History,
                               QJsonObject{{"series", "tracking.offset"}, {"since", k.since}, {"buckets", k.buckets}},
                               std::chrono::seconds(30), e);
                    times.push_back(msSince(q0));
                    if (!reply || !reply->ok) {
                        std::fprintf(stderr, "query failed: %s\n", reply ? qPrintable(reply->error) : e.c_str());
                        break;
                    }
                    bytes = QJsonDocument(reply->result.toObject()).toJson(QJsonDocument::Compact).size();
                }
                std::sort(times.begin(), times.end());
                std::printf("  %-42s %8.1f ms  %8.2f MiB\n", k.what, times[times.size() / 2],
                            static_cast<double>(bytes) / 1048576.0);
            }
        }
        QMetaObject::invokeMethod(&app, &QCoreApplication::quit, Qt::QueuedConnection);
    });
    app.exec();
    client.join();
    server.close();
    return 0;
}
