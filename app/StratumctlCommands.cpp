#include "StratumctlCommands.h"
#include "StratumctlCalibrate.h"
#include "StratumctlCall.h"
#include "StratumctlHistory.h"
#include "StratumctlWhy.h"

#include "chronyc/AlarmFormat.h"
#include "chronyc/ChronycFormat.h"
#include "chronyc/ChronycStatusFormat.h"
#include "chronyc/GpsReportFormat.h"
#include "chronyc/ReverseNames.h"
#include "transport/ControlClient.h"
#include "json/GpsStatusJson.h"
#include "json/ReportJson.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QRegularExpression>
#include <QThread>

#include <chrono>
#include <cmath>
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
    {"alarms", Command::Alarms, false},           {"authdata", Command::AuthData, false},
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
           || command == Command::Clients || command == Command::AuthData;
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
    case Command::AuthData: {
        auto rows = rowsOf<AuthDataRow>(result, error);
        if (!rows)
            return badResult(error);
        if (lookUpNames)
            resolveNames(*rows);
        print(csv ? formatAuthDataCsv(*rows) : formatAuthData(*rows, names));
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
    case Command::Alarms: {
        if (!result.isArray())
            return badResult(QStringLiteral("expected an array"));
        std::vector<Alarm> alarms;
        for (const auto &value : result.toArray()) {
            const auto alarm = alarmFromJson(value.toObject(), &error);
            if (!alarm)
                return badResult(error);
            alarms.push_back(*alarm);
        }
        print(formatAlarms(alarms));
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
    case Command::History: // runHistoryCommand's
    case Command::HistorySeries:
        break;
    case Command::AddSource: // runtime commands: runRuntimeCommand prints their replies
    case Command::DeleteSource:
    case Command::Allow:
    case Command::Deny:
    case Command::Burst:
    case Command::Online:
    case Command::Offline:
    case Command::MinPoll:
    case Command::MaxPoll:
    case Command::MaxDelay:
    case Command::MaxDelayRatio:
    case Command::MaxDelayDevRatio:
    case Command::MinStratum:
    case Command::PollTarget:
    case Command::Reselect:
    case Command::Refresh:
    case Command::Local:
    case Command::Dump:
    case Command::CycleLogs:
    case Command::ResetClients:
        break;
    }
    return badResult(QStringLiteral("a result to %1").arg(QLatin1String(spec.name)));
}

// chronyc's `clients` options: -k (the NTS-KE columns instead of the command ones), -p N
// (only clients with at least N packets), -r (reset the counters after reporting).
struct ClientsOptions
{
    bool nke = false;
    std::uint32_t minPackets = 0;
    bool reset = false;
    bool expectCount = false;
    QString error;

    // Takes `arg` when it is one of these (or -p's number); `error` says what was wrong.
    bool take(const QStringList &, const QString &arg)
    {
        if (expectCount) {
            expectCount = false;
            bool ok = false;
            minPackets = arg.toUInt(&ok);
            if (!ok)
                error = QStringLiteral("Invalid syntax for clients command");
            return true;
        }
        if (arg == QLatin1String("-k"))
            nke = true;
        else if (arg == QLatin1String("-p"))
            expectCount = true;
        else if (arg == QLatin1String("-r"))
            reset = true;
        else
            return false;
        return true;
    }
};

// The service's answer to a runtime command, printed as chronyc prints it; 0 or 1.
int printCommandReply(const std::optional<control::ControlMessage> &reply, const std::string &error)
{
    if (!reply) {
        // chronyc's words when the daemon does not answer; ours say why after them.
        print("506 Cannot talk to daemon\n");
        printError(QString::fromStdString(error));
        return 1;
    }
    if (reply->ok) {
        const QJsonObject result = reply->result.toObject();
        for (const auto &warning : result.value(QStringLiteral("warnings")).toArray())
            std::fprintf(stderr, "%s\n", qPrintable(warning.toString()));
        print(result.value(QStringLiteral("status")).toString(QStringLiteral("200 OK")).toStdString() + "\n");
        return 0;
    }
    // chronyc's numbered status lines go to stdout; a line chronyc refuses itself is its
    // message on stderr (with the configuration parser's diagnostics after it).
    static const QRegularExpression numbered(QStringLiteral("^[0-9]{3} "));
    if (numbered.match(reply->error).hasMatch())
        print(reply->error.toStdString() + "\n");
    else
        std::fprintf(stderr, "%s\n", qPrintable(reply->error));
    return 1;
}

int printClients(const StratumctlOptions &options, const ClientsOptions &clients, bool lookUpNames,
                 const QJsonValue &result, ControlClient &client)
{
    if (clients.expectCount) {
        std::fprintf(stderr, "Invalid syntax for clients command\n");
        return 1;
    }
    QString error;
    auto report = reportFromJson<ClientsReport>(result.toObject(), &error);
    if (!result.isObject() || !report)
        return badResult(error.isEmpty() ? QStringLiteral("expected an object") : error);
    std::erase_if(report->rows, [&](const ClientReportRow &row) {
        return std::uint64_t{row.ntpPackets} + row.commandPackets < clients.minPackets;
    });
    if (clients.nke) {
        // No NTS-KE server here: its columns are zero.
        for (ClientReportRow &row : report->rows) {
            row.commandPackets = 0;
            row.commandDropped = 0;
            row.commandIntervalLog2.reset();
            row.lastCommandAge.reset();
        }
    }
    if (lookUpNames) {
        resolveNames(report->rows);
        for (ClientReportRow &row : report->rows)
            row.name = chronyc::displayName(row.name, NameStyle::Resolved);
    }
    std::string text = options.csv ? formatClientsCsv(report->rows) : formatClients(report->rows);
    if (clients.nke && !options.csv) {
        const std::string cmd = "     Cmd   Drop";
        if (const auto at = text.find(cmd); at != std::string::npos)
            text.replace(at, cmd.size(), "  NTS-KE   Drop");
    }
    print(text);
    if (report->notShown > 0)
        printError(QStringLiteral("%1 less recently seen clients not shown").arg(report->notShown));
    if (!clients.reset)
        return 0;
    std::string callError;
    const auto reply = client.call(Command::ResetClients, {}, kStateChangeTimeout, callError);
    if (reply && reply->ok)
        return 0; // chronyc prints nothing more after the report
    return printCommandReply(reply, callError);
}

constexpr const char *kRuntimeCommands[] = {
    "add",        "delete",     "allow",    "deny",     "burst",         "online",
    "offline",    "minpoll",    "maxpoll",  "maxdelay", "maxdelayratio", "maxdelaydevratio",
    "minstratum", "polltarget", "reselect", "refresh",  "local",         "dump",
    "cyclelogs",
};

// The reference ID of the local reference (`local`), which waitsync does not count, as chronyc.
constexpr std::uint32_t kLocalReferenceId = 0x7F7F0101;

// chronyc's waitsync: polls `tracking` until the clock is synchronised to a real source (not
// the local reference), within the correction and skew given. Bounded: max-tries 0 (chronyc's
// "no limit") stops after kWaitsyncMaxTries.
constexpr int kWaitsyncMaxTries = 8640;      // a day at the default 10 s interval
constexpr double kWaitsyncMinInterval = 0.1; // s, chronyc's floor
constexpr double kWaitsyncDefaultInterval = 10.0;

int waitsync(const StratumctlOptions &options, const QStringList &args)
{
    // chronyc reads the numbers with sscanf: as many as parse, in order.
    int maxTries = 0;
    double maxCorrection = 0, maxSkew = 0, interval = kWaitsyncDefaultInterval;
    bool ok = true;
    if (args.size() > 0 && ok)
        maxTries = args[0].toInt(&ok);
    if (args.size() > 1 && ok)
        maxCorrection = args[1].toDouble(&ok);
    if (args.size() > 2 && ok)
        maxSkew = args[2].toDouble(&ok);
    if (args.size() > 3 && ok)
        interval = args[3].toDouble(&ok);
    interval = std::max(interval, kWaitsyncMinInterval);
    const int tries = maxTries > 0 ? maxTries : kWaitsyncMaxTries;
    for (int i = 1; i <= tries; ++i) {
        ControlClient client;
        std::string error;
        const bool connected = connectToService(client, options, error);
        std::optional<control::ControlMessage> reply;
        if (connected)
            reply = client.call(Command::Tracking, {}, ControlClient::kReplyTimeout, error);
        if (!reply) {
            print("506 Cannot talk to daemon\n");
        } else if (reply->ok) {
            QString why;
            const auto tracking = reportFromJson<TrackingReport>(reply->result.toObject(), &why);
            if (tracking) {
                const double correction = std::abs(tracking->systemTimeOffset);
                char line[128];
                std::snprintf(line, sizeof line, "try: %d, refid: %08X, correction: %.9f, skew: %.3f\n", i,
                              tracking->referenceId, correction, tracking->skewPpm);
                print(line);
                const std::uint32_t id = tracking->referenceId;
                if (id != 0 && id != kLocalReferenceId && (maxCorrection == 0.0 || correction <= maxCorrection)
                    && (maxSkew == 0.0 || tracking->skewPpm <= maxSkew))
                    return 0;
            }
        } else {
            printError(reply->error);
        }
        std::fflush(stdout);
        if (i < tries)
            QThread::usleep(static_cast<unsigned long>(interval * 1e6));
    }
    return 1;
}

} // namespace

bool isRuntimeCommand(const QString &command)
{
    return command == QLatin1String("waitsync")
           || std::any_of(std::begin(kRuntimeCommands), std::end(kRuntimeCommands),
                          [&](const char *name) { return command == QLatin1String(name); });
}

int runRuntimeCommand(const StratumctlOptions &options, const QString &command, const QStringList &args)
{
    if (command == QLatin1String("waitsync"))
        return waitsync(options, args);
    const auto protocolCommand = control::commandFromName(command.toStdString());
    if (!protocolCommand || !control::isRuntimeCommand(*protocolCommand))
        return usageError(QStringLiteral("unknown command: %1").arg(command));
    ControlClient client;
    std::string error;
    const bool connected = connectToService(client, options, error);
    if (!connected)
        return printCommandReply(std::nullopt, error);
    QJsonObject requestArgs;
    if (!args.isEmpty())
        requestArgs.insert(QStringLiteral("arguments"), args.join(QLatin1Char(' ')));
    const auto reply = client.call(*protocolCommand, requestArgs, kStateChangeTimeout, error);
    return printCommandReply(reply, error);
}

bool isControlCommand(const QString &command)
{
    return specFor(command) != nullptr || command == QLatin1String("history") || command == QLatin1String("why")
           || command == QLatin1String("calibrate");
}

int runControlCommand(const StratumctlOptions &globalOptions, const QString &command, const QStringList &args)
{
    // `--json` may also follow the command (`stratumctl gps --json`).
    if (command == QLatin1String("history"))
        return runHistoryCommand(globalOptions, args);
    if (command == QLatin1String("why"))
        return runWhyCommand(globalOptions, args);
    if (command == QLatin1String("calibrate"))
        return runCalibrateCommand(globalOptions, args);
    StratumctlOptions options = globalOptions;
    const CommandSpec *spec = specFor(command);
    if (!spec)
        return usageError(QStringLiteral("unknown command: %1").arg(command));

    bool verbose = false;
    ClientsOptions clients;
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
        } else if (spec->command == Command::Clients && clients.take(args, arg)) {
            if (!clients.error.isEmpty()) {
                std::fprintf(stderr, "%s\n", qPrintable(clients.error));
                return 1;
            }
        } else if (spec->command == Command::Reload && arg == QLatin1String("sources")) {
            // chronyc's `reload sources`: we reload everything, sources included.
        } else {
            return usageError(QStringLiteral("%1: unexpected argument %2").arg(command, arg));
        }
    }

    ControlClient client;
    std::string error;
    const bool connected = connectToService(client, options, error);
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
    if (spec->command == Command::Clients)
        return printClients(options, clients, lookUpNames, reply->result, client);
    const int status = printResult(options, *spec, verbose, requestArgs.contains(QStringLiteral("address")),
                                   lookUpNames, reply->result);
    // After chronyc's legend and table, unchanged: each source's reason in words.
    if (status == 0 && verbose && spec->command == Command::SelectData)
        return printSelectionReasons(client);
    return status;
}

} // namespace s1
