#include "json/ControlProtocol.h"

#include "json/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <array>
#include <utility>

namespace s1::control {

namespace {

struct CommandInfo
{
    Command command;
    const char *name;
    bool changesState;
};

// Sized by its initialiser so that adding a command cannot leave a stale count.
constexpr auto kCommands = std::to_array<CommandInfo>({
    {Command::Snapshot, "snapshot", false},
    {Command::Tracking, "tracking", false},
    {Command::Sources, "sources", false},
    {Command::SourceStats, "sourcestats", false},
    {Command::Activity, "activity", false},
    {Command::ServerStats, "serverstats", false},
    {Command::SelectData, "selectdata", false},
    {Command::NtpData, "ntpdata", false},
    {Command::Clients, "clients", false},
    {Command::Subscribe, "subscribe", false},
    {Command::Unsubscribe, "unsubscribe", false},
    {Command::Reload, "reload", true},
    {Command::MakeStep, "makestep", true},
    {Command::AddSource, "add", true},
    {Command::DeleteSource, "delete", true},
    {Command::Allow, "allow", true},
    {Command::Deny, "deny", true},
    {Command::Burst, "burst", true},
    {Command::Online, "online", true},
    {Command::Offline, "offline", true},
    {Command::MinPoll, "minpoll", true},
    {Command::MaxPoll, "maxpoll", true},
    {Command::MaxDelay, "maxdelay", true},
    {Command::MaxDelayRatio, "maxdelayratio", true},
    {Command::MaxDelayDevRatio, "maxdelaydevratio", true},
    {Command::MinStratum, "minstratum", true},
    {Command::PollTarget, "polltarget", true},
    {Command::Reselect, "reselect", true},
    {Command::Refresh, "refresh", true},
    {Command::Local, "local", true},
    {Command::Dump, "dump", true},
    {Command::CycleLogs, "cyclelogs", true},
    {Command::ResetClients, "resetclients", true},
    {Command::Gps, "gps", false},
    {Command::Configuration, "configuration", false},
    {Command::ConfigurationText, "configtext", false},
    {Command::ApplyConfiguration, "applyconfig", true},
    {Command::History, "history", false},
    {Command::HistorySeries, "historySeries", false},
    {Command::Alarms, "alarms", false},
    {Command::AuthData, "authdata", false},
});

const CommandInfo *infoFor(Command command)
{
    for (const CommandInfo &info : kCommands)
        if (info.command == command)
            return &info;
    return nullptr;
}

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// Protocol-level ids are integers; anything else is refused but echoed back as null.
bool isIntegerId(const QJsonValue &id)
{
    if (!id.isDouble())
        return false;
    const double d = id.toDouble();
    return id.toInteger(0) != 0 || d == 0.0;
}

// A JSON value as it would be written: 2, "two", null.
QString jsonText(const QJsonValue &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(array.mid(1, array.size() - 2));
}

QString describeParseError(const QJsonParseError &error)
{
    return QStringLiteral("not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset);
}

} // namespace

std::optional<Command> commandFromName(std::string_view name)
{
    for (const CommandInfo &info : kCommands)
        if (name == info.name)
            return info.command;
    return std::nullopt;
}

const char *commandName(Command command)
{
    const CommandInfo *info = infoFor(command);
    return info ? info->name : "unknown";
}

bool changesState(Command command)
{
    const CommandInfo *info = infoFor(command);
    return info && info->changesState;
}

bool needsLocalSocket(Command command)
{
    return changesState(command) || command == Command::ConfigurationText;
}

bool isRuntimeCommand(Command command)
{
    return command >= Command::AddSource && command <= Command::ResetClients;
}

const char *runtimeCommandName(Command command)
{
    return isRuntimeCommand(command) ? commandName(command) : "";
}

ParsedRequest parseRequest(QByteArrayView text)
{
    ParsedRequest parsed;
    QJsonParseError jsonError{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        parsed.error = describeParseError(jsonError);
        return parsed;
    }
    if (!doc.isObject()) {
        parsed.error = QStringLiteral("a request must be a JSON object");
        return parsed;
    }
    const QJsonObject o = doc.object();
    const QJsonValue id = o.value(QStringLiteral("id"));
    // A repeated key is refused rather than guessed at: JSON leaves its meaning open.
    if (const auto duplicate = findDuplicateJsonKey(text)) {
        if (isIntegerId(id) && *duplicate != QLatin1String("id"))
            parsed.id = id;
        parsed.error = QStringLiteral("duplicate key \"%1\" in the request").arg(*duplicate);
        return parsed;
    }
    if (isIntegerId(id))
        parsed.id = id;
    const QJsonValue version = o.value(QStringLiteral("v"));
    if (version.isUndefined()) {
        parsed.error = QStringLiteral("missing protocol version \"v\"");
        return parsed;
    }
    if (version.toInteger(-1) != kProtocolVersion) {
        parsed.error = QStringLiteral("unsupported protocol version %1 (this server speaks %2)")
                           .arg(jsonText(version))
                           .arg(kProtocolVersion);
        return parsed;
    }
    if (!isIntegerId(id)) {
        parsed.error = QStringLiteral("\"id\" must be an integer");
        return parsed;
    }
    const QJsonValue cmd = o.value(QStringLiteral("cmd"));
    if (!cmd.isString()) {
        parsed.error = QStringLiteral("\"cmd\" must be a string");
        return parsed;
    }
    const auto command = commandFromName(cmd.toString().toStdString());
    if (!command) {
        parsed.error = QStringLiteral("unknown command \"%1\"").arg(cmd.toString());
        return parsed;
    }
    const QJsonValue args = o.value(QStringLiteral("args"));
    if (!args.isUndefined() && !args.isNull() && !args.isObject()) {
        parsed.error = QStringLiteral("\"args\" must be an object");
        return parsed;
    }
    parsed.request = ControlRequest{id.toInteger(), *command, args.toObject()};
    return parsed;
}

QByteArray encodeRequest(const ControlRequest &request)
{
    QJsonObject o{
        {"v", kProtocolVersion},
        {"id", request.id},
        {"cmd", QLatin1String(commandName(request.command))},
    };
    if (!request.args.isEmpty())
        o.insert(QStringLiteral("args"), request.args);
    return line(o);
}

QByteArray encodeResult(const QJsonValue &id, const QJsonValue &result)
{
    return line({{"v", kProtocolVersion}, {"id", id}, {"ok", true}, {"result", result}});
}

QByteArray encodeError(const QJsonValue &id, const QString &message)
{
    return line({{"v", kProtocolVersion}, {"id", id}, {"ok", false}, {"error", message}});
}

QByteArray encodeSnapshotEvent(const QJsonObject &snapshot)
{
    return line({{"v", kProtocolVersion}, {"event", "snapshot"}, {"snapshot", snapshot}});
}

std::optional<ControlMessage> parseMessage(QByteArrayView text, QString *error)
{
    const auto fail = [error](QString message) -> std::optional<ControlMessage> {
        if (error)
            *error = std::move(message);
        return std::nullopt;
    };
    QJsonParseError jsonError{};
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return fail(describeParseError(jsonError));
    if (!doc.isObject())
        return fail(QStringLiteral("a message must be a JSON object"));
    // As for requests: a repeated member (in a snapshot or a report too) is refused, not guessed at.
    if (const auto duplicate = findDuplicateJsonKey(text))
        return fail(QStringLiteral("duplicate key \"%1\" in the message").arg(*duplicate));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("v")).toInteger(-1) != kProtocolVersion)
        return fail(QStringLiteral("unsupported protocol version"));
    ControlMessage m;
    m.body = o;
    if (o.contains(QStringLiteral("event"))) {
        m.kind = ControlMessage::Kind::Event;
        m.event = o.value(QStringLiteral("event")).toString();
        return m;
    }
    const QJsonValue ok = o.value(QStringLiteral("ok"));
    if (!ok.isBool())
        return fail(QStringLiteral("a response needs \"ok\""));
    m.kind = ControlMessage::Kind::Response;
    m.id = o.value(QStringLiteral("id"));
    m.ok = ok.toBool();
    if (m.ok)
        m.result = o.value(QStringLiteral("result"));
    else
        m.error = o.value(QStringLiteral("error")).toString();
    return m;
}

} // namespace s1::control
