// The control socket's protocol (docs/CONTROL_PROTOCOL.md): newline-delimited JSON objects over
// a Unix stream socket, one per line, versioned by "v".
//
//   request   {"v":1,"id":7,"cmd":"sources","args":{"names":"numeric"}}
//   response  {"v":1,"id":7,"ok":true,"result":[...]}
//             {"v":1,"id":7,"ok":false,"error":"message"}
//   event     {"v":1,"event":"snapshot","snapshot":{...}}   (after "subscribe")
//
// Encoding and decoding only; ControlServer and ControlClient move the lines.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <string_view>

namespace s1::control {

constexpr int kProtocolVersion = 1;
// A request line may not be longer (the server answers with an error and closes). Requests are
// tiny except `applyconfig`, which carries a whole configuration file (at most
// kMaxConfigurationBytes, 1 MiB, in ConfigurationEditor.h) with JSON's escapes; the bound only
// stops a peer from making the service buffer without limit.
constexpr qsizetype kMaxRequestBytes = 2 * 1024 * 1024;
// What a client accepts per response or event line: a snapshot with many sources and their
// sample histories runs to a few hundred KiB.
constexpr qsizetype kMaxMessageBytes = 16 * 1024 * 1024;
// Where the service listens unless the configuration (`bindcmdaddress /path`) or
// --control-socket says otherwise.
constexpr const char *kDefaultSocketPath = "/run/stratumone/stratumone.sock";

// The commands, and whether they change the service's state (the others only read).
enum class Command : std::uint8_t {
    Snapshot,
    Tracking,
    Sources,
    SourceStats,
    Activity,
    ServerStats,
    SelectData,
    NtpData,
    Clients,
    Subscribe,
    Unsubscribe,
    Reload,
    MakeStep,
    // chronyc's runtime commands: args {"arguments": "<the rest of chronyc's line>"}.
    AddSource,
    DeleteSource,
    Allow,
    Deny,
    Burst,
    Online,
    Offline,
    MinPoll,
    MaxPoll,
    MaxDelay,
    MaxDelayRatio,
    MaxDelayDevRatio,
    MinStratum,
    PollTarget,
    Reselect,
    Refresh,
    Local,
    Dump,      // chronyc's `dump`: the sources' statistics to `dumpdir` (the host's, not the engine's)
    CycleLogs, // chronyc's `cyclelogs`: the log files closed and opened again
    ResetClients,
    Gps,
    Configuration,
    ConfigurationText,  // the main configuration file's text, revision and includes
    ApplyConfiguration, // replace the main file: check, write (old one as .bak), reload
    // Recorded history (HistoryQueries.h): one series downsampled, and the list of series.
    History,
    HistorySeries,
    // The engine's alarms: the active ones, then the most recently cleared.
    Alarms,
    // chronyc's `authdata`: each NTP source's authentication (key ID, type, length).
    AuthData,
};
std::optional<Command> commandFromName(std::string_view name);
const char *commandName(Command command);
bool changesState(Command command);
// Served on the local socket only: the state-changing commands, and the configuration text
// (its allow lists and addresses are for the control group, not for any cmdallow'ed host).
bool needsLocalSocket(Command command);
// Whether `command` is one of chronyc's runtime commands, which the engine runs by name
// (Engine::runCommand) with chronyc's argument text; its name is then chronyc's ("add", ...).
bool isRuntimeCommand(Command command);
const char *runtimeCommandName(Command command);

struct ControlRequest
{
    qint64 id = 0;
    Command command = Command::Snapshot;
    QJsonObject args;
};

struct ParsedRequest
{
    std::optional<ControlRequest> request;
    // The request's id when it could be read (for the error response), else null.
    QJsonValue id;
    QString error;
};

ParsedRequest parseRequest(QByteArrayView line);

// Each returns one line, '\n' included.
QByteArray encodeRequest(const ControlRequest &request);
QByteArray encodeResult(const QJsonValue &id, const QJsonValue &result);
QByteArray encodeError(const QJsonValue &id, const QString &message);
QByteArray encodeSnapshotEvent(const QJsonObject &snapshot);

// A line as a client reads it: a response to one of its requests, or an event.
struct ControlMessage
{
    enum class Kind : std::uint8_t { Response, Event };
    Kind kind = Kind::Response;
    QJsonValue id; // responses: the request's id (null if the server could not read it)
    bool ok = false;
    QJsonValue result; // ok responses
    QString error;     // failed responses
    QString event;     // events: "snapshot"
    QJsonObject body;  // the whole object (events carry their payload in it)
};

std::optional<ControlMessage> parseMessage(QByteArrayView line, QString *error = nullptr);

} // namespace s1::control
