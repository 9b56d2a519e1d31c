// One request of a stratumctl command to the service, its answer decoded: a failed call, the
// service's refusal and an answer that does not decode each end with a message on stderr.
#pragma once

#include "StratumctlCommands.h"

#include "transport/ControlClient.h"
#include "json/ControlProtocol.h"

#include <QJsonObject>
#include <QString>

#include <chrono>
#include <optional>
#include <string>

namespace s1 {

// The service the options name: its local socket, or with -h its TCP control port.
bool connectToService(ControlClient &client, const StratumctlOptions &options, std::string &error);

// Prints "stratumctl: MESSAGE" on stderr; returns `code` (the exit code to use).
int printFailure(const QString &message, int code = 1);

// Sends `command` and decodes its result with `decode`, one of the ...FromJson functions
// (const QJsonObject &, QString *why) -> std::optional<T>. nullopt after saying why.
template <typename Decode>
auto callAndDecode(ControlClient &client, control::Command command, const QJsonObject &arguments,
                   std::chrono::milliseconds timeout, Decode decode) -> decltype(decode(QJsonObject{}, nullptr))
{
    std::string error;
    const auto reply = client.call(command, arguments, timeout, error);
    if (!reply) {
        printFailure(QString::fromStdString(error));
        return std::nullopt;
    }
    if (!reply->ok) {
        printFailure(reply->error);
        return std::nullopt;
    }
    QString why;
    auto decoded = decode(reply->result.toObject(), &why);
    if (!decoded)
        printFailure(QStringLiteral("unexpected answer from the service: %1").arg(why));
    return decoded;
}

} // namespace s1
