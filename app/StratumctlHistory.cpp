#include "StratumctlHistory.h"
#include "StratumctlCall.h"

#include "chronyc/HistoryFormat.h"
#include "transport/ControlClient.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cstdio>

namespace s1 {

namespace {

// 10 000 buckets take the service ~0.2 s to build (s1-bench-history); a loaded machine more.
constexpr std::chrono::milliseconds kHistoryTimeout{15000};

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "stratumctl: %s\n", qPrintable(message));
    return code;
}

// An ISO 8601 time, UTC unless it names its zone; Unix seconds.
std::optional<double> isoTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(QString(text).replace(QLatin1Char(' '), QLatin1Char('T')), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    return static_cast<double>(time.toMSecsSinceEpoch()) / 1000.0;
}

void print(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

} // namespace

int runHistoryCommand(const StratumctlOptions &globalOptions, const QStringList &args)
{
    StratumctlOptions options = globalOptions;
    if (options.csv)
        return fail(QStringLiteral("history: there is no CSV form (use --json)"), 2);
    QJsonObject request;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("--since") && hasValue) {
            const QString value = args[++i];
            if (const auto duration = parseHistoryDuration(value.toStdString()))
                request.insert(QStringLiteral("since"), *duration);
            else if (const auto time = isoTime(value))
                request.insert(QStringLiteral("from"), *time);
            else
                return fail(QStringLiteral("history: --since wants a duration (90s, 10m, 1h, 7d) or an ISO time, "
                                           "not %1")
                                .arg(value),
                            2);
        } else if (arg == QLatin1String("--until") && hasValue) {
            const auto time = isoTime(args[++i]);
            if (!time)
                return fail(QStringLiteral("history: --until wants an ISO time, not %1").arg(args[i]), 2);
            request.insert(QStringLiteral("to"), *time);
        } else if (arg == QLatin1String("--buckets") && hasValue) {
            bool ok = false;
            const int n = args[++i].toInt(&ok);
            if (!ok || n < 1)
                return fail(QStringLiteral("history: --buckets wants a positive whole number, not %1").arg(args[i]), 2);
            request.insert(QStringLiteral("buckets"), n);
        } else if (!arg.startsWith(QLatin1Char('-')) && !request.contains(QStringLiteral("series"))) {
            request.insert(QStringLiteral("series"), arg);
        } else {
            return fail(QStringLiteral("history: unexpected argument %1").arg(arg), 2);
        }
    }
    const bool list = !request.contains(QStringLiteral("series"));
    if (list && request.size() > 0)
        return fail(QStringLiteral("history: --since, --until and --buckets need a SERIES"), 2);

    ControlClient client;
    std::string error;
    const bool connected = connectToService(client, options, error);
    if (!connected)
        return fail(QString::fromStdString(error), 1);
    const auto reply = client.call(list ? control::Command::HistorySeries : control::Command::History, request,
                                   kHistoryTimeout, error);
    if (!reply)
        return fail(QString::fromStdString(error), 1);
    if (!reply->ok)
        return fail(reply->error, 1);
    if (options.json) {
        const QJsonValue &r = reply->result;
        print((r.isArray() ? QJsonDocument(r.toArray()) : QJsonDocument(r.toObject()))
                  .toJson(QJsonDocument::Indented)
                  .toStdString());
        return 0;
    }
    if (list) {
        std::vector<HistorySeriesInfo> rows;
        for (const QJsonValue &v : reply->result.toArray()) {
            const QJsonObject o = v.toObject();
            rows.push_back({o.value(QStringLiteral("series")).toString().toStdString(),
                            o.value(QStringLiteral("unit")).toString().toStdString(),
                            o.value(QStringLiteral("first")).toDouble(), o.value(QStringLiteral("last")).toDouble(),
                            o.value(QStringLiteral("points")).toInteger(),
                            o.value(QStringLiteral("minutes")).toInteger()});
        }
        print(formatHistorySeriesList(rows));
        return 0;
    }
    const QJsonObject o = reply->result.toObject();
    HistoryTable table;
    table.series = o.value(QStringLiteral("series")).toString().toStdString();
    table.unit = o.value(QStringLiteral("unit")).toString().toStdString();
    table.from = o.value(QStringLiteral("from")).toDouble();
    table.to = o.value(QStringLiteral("to")).toDouble();
    table.bucketSeconds = o.value(QStringLiteral("bucketSeconds")).toDouble();
    for (const QJsonValue &v : o.value(QStringLiteral("buckets")).toArray()) {
        const QJsonObject b = v.toObject();
        table.rows.push_back({b.value(QStringLiteral("time")).toDouble(), b.value(QStringLiteral("count")).toInteger(),
                              b.value(QStringLiteral("min")).toDouble(), b.value(QStringLiteral("mean")).toDouble(),
                              b.value(QStringLiteral("max")).toDouble()});
    }
    print(formatHistoryTable(table));
    return 0;
}

} // namespace s1
