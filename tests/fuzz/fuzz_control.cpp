// The control protocol's JSON lines and request handling, as ControlServer does it without the
// socket: bytes in any chunking through the LineFramer, each line through parseRequest, and
// each request answered the way the server answers it (queries from an engine's snapshot,
// history from a small store, chronyc's runtime commands run by the engine). The same lines
// also go through the client's side: parseMessage and a snapshot event's decoding.
#include "FuzzTarget.h"

#include "config/ConfigReader.h"
#include "control/ControlQueries.h"
#include "control/HistoryQueries.h"
#include "engine/Engine.h"
#include "history/HistoryStore.h"
#include "transport/LineFramer.h"
#include "json/ControlProtocol.h"
#include "json/SnapshotJson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

using namespace s1;

namespace {

constexpr std::int64_t kStartNanos = 1'760'000'000LL * 1'000'000'000LL;
constexpr std::int64_t kSecondNanos = 1'000'000'000LL;
constexpr qsizetype kMaxLineBytes = 4096; // small, so that the framer's overflow is reached
constexpr int kMaxLines = 32;

const EngineConfig &engineConfig()
{
    static const EngineConfig config = [] {
        ConfigReadResult read = readConfigText("server 192.0.2.1 iburst\npool pool.example.org maxsources 2\n"
                                               "allow 192.0.2.0/24\nlocal stratum 8\n",
                                               "fuzz.conf");
        if (!read.ok())
            std::abort();
        return read.config;
    }();
    return config;
}

const HistoryStore &historyStore()
{
    static const HistoryStore store = [] {
        HistoryStore s;
        for (std::int64_t i = 0; i < 100; ++i) {
            s.add("tracking.offset", kStartNanos + i * kSecondNanos, 1e-6 * static_cast<double>(i % 7));
            s.add("gps.satellitesUsed", kStartNanos + i * kSecondNanos, static_cast<double>(i % 12));
        }
        return s;
    }();
    return store;
}

void answer(const control::ControlRequest &request, Engine &engine, RealTime now)
{
    using control::Command;
    const EngineSnapshot snapshot = engine.snapshot(now);
    switch (request.command) {
    case Command::History:
        answerHistory(request.args, &historyStore(), nanosSinceEpoch(now));
        return;
    case Command::HistorySeries:
        answerHistorySeries(&historyStore());
        return;
    default:
        break;
    }
    if (control::isRuntimeCommand(request.command)) {
        const QJsonValue arguments = request.args.value(QStringLiteral("arguments"));
        if (arguments.isUndefined() || arguments.isString())
            engine.runCommand(control::runtimeCommandName(request.command), arguments.toString().toStdString(), now);
        engine.takeOutgoing();
        engine.takeResolveRequests();
        return;
    }
    const ControlAnswer a = answerQuery(request, &snapshot, {});
    const QByteArray line =
        a.ok ? control::encodeResult(request.id, a.result) : control::encodeError(request.id, a.error);
    if (!control::parseMessage(line.chopped(1)))
        std::abort(); // the client must read what the server writes
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::FuzzInput input(data, size);
    const std::uint8_t chunking = input.byte();
    const std::span<const std::uint8_t> stream = input.rest();

    const RealTime now = realTimeFromNanos(kStartNanos);
    Engine engine(engineConfig(), EngineOptions{}, now);
    engine.handleTimeout(now);
    engine.takeOutgoing();

    LineFramer framer(kMaxLineBytes);
    int lines = 0;
    // Chunks of 1..256 bytes from a small generator seeded by the first byte.
    std::uint32_t state = chunking;
    for (std::size_t at = 0; at < stream.size() && !framer.overflowed() && lines < kMaxLines;) {
        state = state * 1'103'515'245u + 12'345u;
        const std::size_t chunk = std::min<std::size_t>(1 + ((state >> 16) & 0xff), stream.size() - at);
        framer.append(
            QByteArrayView(reinterpret_cast<const char *>(stream.data() + at), static_cast<qsizetype>(chunk)));
        at += chunk;
        while (const std::optional<QByteArray> line = framer.next()) {
            if (++lines > kMaxLines)
                break;
            const control::ParsedRequest parsed = control::parseRequest(*line);
            if (parsed.request) {
                // What a client sends must read back as the same request.
                const control::ParsedRequest again =
                    control::parseRequest(control::encodeRequest(*parsed.request).chopped(1));
                if (!again.request || again.request->command != parsed.request->command)
                    std::abort();
                answer(*parsed.request, engine, now);
            }
            // The client's side of the same line.
            if (const auto message = control::parseMessage(*line);
                message && message->kind == control::ControlMessage::Kind::Event)
                snapshotFromJson(message->body.value(QStringLiteral("snapshot")).toObject());
        }
    }
    return 0;
}
