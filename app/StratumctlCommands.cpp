#include "StratumctlCommands.h"
#include "StratumctlHistory.h"

#include "chronyc/ChronycFormat.h"
#include "chronyc/ChronycStatusFormat.h"
#include "chronyc/GpsReportFormat.h"
#include "chronyc/ReverseNames.h"
#include "transport/ControlClient.h"
#include "json/GpsStatusJson.h"
#include "json/ReportJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdio>
#include <optional>

namespace s1 {

namespace {

using control::Command;

// A reload stops one engine thread and starts another: give it more than a query.
constexpr std::chrono::milliseconds kStateChangeTimeout{15000};

struct CommandSpec
{
    const char *name;
    Command command;
    bool verboseFlag; // accepts -v (and chronyc's -a, which changes nothing here)
};

constexpr CommandSpec kCommands[] = {
    {"tracking", Command::Tracking, false},       {"sources", Command::Sources, true},
    {"sourcestats", Command::SourceStats, true},  {"selectdata", Command::SelectData, true},
    {"ntpdata", Command::NtpData, false},         {"activity", Command::Activity, false},
    {"serverstats", Command::ServerStats, false}, {"clients", Command::Clients, false},
    {"reload", Command::Reload, false},           {"makestep", Command::MakeStep, false},
    {"snapshot", Command::Snapshot, false},       {"gps", Command::Gps, false},
};

const CommandSpec *specFor(const QString &name)
{
    for (const CommandSpec &spec : kCommands)
        if (name == QLatin1String(spec.name))
            return &spec;
    return nullptr;
}

void print(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

// The service's message may span lines (a reload's diagnostics): the first carries the prefix.
void printError(const QString &message)
{
    const QStringList lines = message.split(QLatin1Char('\n'));
    std::fprintf(stderr, "stratumctl: %s\n", qPrintable(lines.first()));
    for (qsizetype i = 1; i < lines.size(); ++i)
        std::fprintf(stderr, "%s\n", qPrintable(lines[i]));
}

int usageError(const QString &message)
{
    printError(message);
    return 2;
}

int badResult(const QString &why)
{
    printError(QStringLiteral("unexpected answer from the service: %1").arg(why));
    return 1;
}

// Prints a report, or says what was wrong with the service's answer.
template <typename Report>
int printReport(const QJsonValue &result, std::string (*text)(const Report &), std::string (*csv)(const Report &),
                bool csvMode)
{
    QString error;
    const auto report = reportFromJson<Report>(result.toObject(), &error);
    if (!result.isObject() || !report)
        return badResult(error.isEmpty() ? QStringLiteral("expected an object") : error);
    print(csvMode ? csv(*report) : text(*report));
    return 0;
}

template <typename Row>
std::optional<std::vector<Row>> rowsOf(const QJsonValue &result, QString &error)
{
    if (!result.isArray()) {
        error = QStringLiteral("expected an array");
        return std::nullopt;
    }
    return rowsFromJson<Row>(result.toArray(), &error);
}

// The reports whose first column names a source or client, which chronyc reverse-resolves
// unless given -n or -N (or -c).
bool namesAddresses(Command command)
{
    return command == Command::Sources || command == Command::SourceStats || command == Command::SelectData
           || command == Command::Clients;
}

// Replaces each row's numeric address by its name, as chronyc does without -n.
template <typename Row>
void resolveNames(std::vector<Row> &rows)
{
    std::vector<std::string> names;
    names.reserve(rows.size());
    for (const Row &row : rows)
        names.push_back(row.name);
    names = reverseResolveNames(names, kReverseLookupTimeout);
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i].name = names[i];
}

int printResult(const StratumctlOptions &options, const CommandSpec &spec, bool verbose, bool oneAddress,
                bool lookUpNames, const QJsonValue &result)
{
    // Names arrive as the service was asked for them: numeric, looked up here and cut to the
    // column with chronyc's '>' mark (plain chronyc); numeric or configured, printed in full
    // (chronyc -n and -N).
    const NameStyle names = lookUpNames ? NameStyle::Resolved : NameStyle::Verbatim;
    const bool csv = options.csv;
    QString error;
    switch (spec.command) {
    case Command::Tracking:
        return printReport<TrackingReport>(result, &formatTracking, &formatTrackingCsv, csv);
    case Command::Activity:
        return printReport<ActivityReport>(result, &formatActivity, &formatActivityCsv, csv);
    case Command::ServerStats:
        return printReport<ServerStatsReport>(result, &formatServerStats, &formatServerStatsCsv, csv);
    case Command::Sources: {
        auto rows = rowsOf<SourceReportRow>(result, error);
        if (!rows)
            return badResult(error);
        if (lookUpNames)
            resolveNames(*rows);
        print(csv ? formatSourcesCsv(*rows) : formatSources(*rows, verbose, names));
        return 0;
    }
    case Command::SourceStats: {
        auto rows = rowsOf<SourceStatsRow>(result, error);
        if (!rows)
            return badResult(error);
        if (lookUpNames)
            resolveNames(*rows);
        print(csv ? formatSourceStatsCsv(*rows) : formatSourceStats(*rows, verbose, names));
        return 0;
    }
    case Command::SelectData: {
        auto rows = rowsOf<SelectDataRow>(result, error);
        if (!rows)
            return badResult(error);
        if (lookUpNames)
            resolveNames(*rows);
        print(csv ? formatSelectDataCsv(*rows) : formatSelectData(*rows, verbose, names));
        return 0;
    }
    case Command::NtpData: {
        const auto rows = rowsOf<NtpDataReport>(result, error);
        if (!rows)
            return badResult(error);
        print(csv ? formatNtpDataCsv(*rows) : formatNtpData(*rows, oneAddress));
        return 0;
    }
    case Command::Reload: {
        // chronyc's answer to a successful command; the service's warnings go to stderr.
        const QJsonArray warnings = result.toObject().value(QStringLiteral("warnings")).toArray();
        for (const auto &warning : warnings)
            std::fprintf(stderr, "%s\n", qPrintable(warning.toString()));
        print("200 OK\n");
        return 0;
    }
    case Command::MakeStep:
        print("200 OK\n");
        return 0;
    case Command::Snapshot:
        print(QJsonDocument(result.toObject()).toJson(QJsonDocument::Indented).toStdString());
        return 0;
    case Command::Gps: {
        const auto status = gpsStatusFromJson(result.toObject(), &error);
        if (!status)
            return badResult(error);
        print(formatGpsReport(*status));
        return 0;
    }
    case Command::Clients: {
        auto report = reportFromJson<ClientsReport>(result.toObject(), &error);
        if (!result.isObject() || !report)
            return badResult(error.isEmpty() ? QStringLiteral("expected an object") : error);
        if (lookUpNames) {
            resolveNames(report->rows);
            for (ClientReportRow &row : report->rows)
                row.name = chronyc::displayName(row.name, NameStyle::Resolved);
        }
        print(csv ? formatClientsCsv(report->rows) : formatClients(report->rows));
        // stdout stays chronyc's layout; that the list is cut short goes to stderr.
        if (report->notShown > 0)
            printError(QStringLiteral("%1 less recently seen clients not shown").arg(report->notShown));
        return 0;
    }
    case Command::Subscribe:
    case Command::Unsubscribe:
    case Command::Configuration:     // the window's query; stratumctl has no command for it
    case Command::ConfigurationText: // `stratumctl config` (StratumctlConfig.cpp)
    case Command::ApplyConfiguration:
    case Command::History:           // runHistoryCommand's
    case Command::HistorySeries:
        break;
    }
    return badResult(QStringLiteral("a result to %1").arg(QLatin1String(spec.name)));
}

} // namespace

bool isControlCommand(const QString &command)
{
    return specFor(command) != nullptr || command == QLatin1String("history");
}

int runControlCommand(const StratumctlOptions &globalOptions, const QString &command, const QStringList &args)
{
    // `--json` may also follow the command (`stratumctl gps --json`).
    if (command == QLatin1String("history"))
        return runHistoryCommand(globalOptions, args);
    StratumctlOptions options = globalOptions;
    const CommandSpec *spec = specFor(command);
    if (!spec)
        return usageError(QStringLiteral("unknown command: %1").arg(command));

    bool verbose = false;
    QJsonObject requestArgs;
    // chronyc without -n, -N or -c looks the addresses up; --json shows the service's answer as it
    // is, with the configured names unless -n.
    const bool lookUpNames =
        !options.numeric && !options.configuredNames && !options.csv && !options.json && namesAddresses(spec->command);
    if (options.numeric || options.csv || lookUpNames)
        requestArgs.insert(QStringLiteral("names"), QStringLiteral("numeric"));
    for (const QString &arg : args) {
        if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (spec->verboseFlag && arg == QLatin1String("-v")) {
            verbose = !options.csv; // chronyc prints no legend in CSV mode
        } else if (spec->verboseFlag && arg == QLatin1String("-a")) {
            // chronyc: include sources without an address; we list every source anyway.
        } else if (spec->command == Command::NtpData && !requestArgs.contains(QStringLiteral("address"))
                   && !arg.startsWith(QLatin1Char('-'))) {
            requestArgs.insert(QStringLiteral("address"), arg);
        } else if (spec->command == Command::Reload && arg == QLatin1String("sources")) {
            // chronyc's `reload sources`: we reload everything, sources included.
        } else {
            return usageError(QStringLiteral("%1: unexpected argument %2").arg(command, arg));
        }
    }

    ControlClient client;
    std::string error;
    const bool connected = options.remoteHost.empty()
                               ? client.connectTo(options.socketPath, error)
                               : client.connectToHost(options.remoteHost, options.remotePort, error);
    if (!connected) {
        printError(QString::fromStdString(error));
        return 1;
    }
    const auto timeout = control::changesState(spec->command) ? kStateChangeTimeout : ControlClient::kReplyTimeout;
    const auto reply = client.call(spec->command, requestArgs, timeout, error);
    if (!reply) {
        printError(QString::fromStdString(error));
        return 1;
    }
    if (!reply->ok) {
        printError(reply->error);
        return 1;
    }
    if (options.json) {
        const QJsonValue &r = reply->result;
        const QByteArray text = r.isArray() ? QJsonDocument(r.toArray()).toJson(QJsonDocument::Indented)
                                            : QJsonDocument(r.toObject()).toJson(QJsonDocument::Indented);
        print(text.toStdString());
        return 0;
    }
    return printResult(options, *spec, verbose, requestArgs.contains(QStringLiteral("address")), lookUpNames,
                       reply->result);
}

} // namespace s1
