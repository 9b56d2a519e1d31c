#include "StratumctlWhy.h"
#include "StratumctlCall.h"

#include "chronyc/SelectionReasonFormat.h"
#include "transport/ControlClient.h"
#include "json/ControlProtocol.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace s1 {

namespace {

using control::Command;

// The service's snapshot, or nullopt after saying why on stderr.
std::optional<EngineSnapshot> fetchSnapshot(ControlClient &client)
{
    return callAndDecode(client, Command::Snapshot, {}, ControlClient::kReplyTimeout,
                         [](const QJsonObject &json, QString *why) { return snapshotFromJson(json, why); });
}

void print(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

} // namespace

int printSelectionReasons(ControlClient &client)
{
    const auto snapshot = fetchSnapshot(client);
    if (!snapshot)
        return 1;
    print("\n" + formatSelectionReasons(*snapshot).value_or(std::string()));
    return 0;
}

int runWhyCommand(const StratumctlOptions &options, const QStringList &args)
{
    std::optional<std::string> source;
    bool json = options.json;
    for (const QString &arg : args) {
        if (arg == QLatin1String("--json")) {
            json = true;
        } else if (!source && !arg.startsWith(QLatin1Char('-'))) {
            source = arg.toStdString();
        } else {
            printFailure(QStringLiteral("why: unexpected argument %1").arg(arg));
            return 2;
        }
    }
    ControlClient client;
    std::string error;
    const bool connected = connectToService(client, options, error);
    if (!connected) {
        printFailure(QString::fromStdString(error));
        return 1;
    }
    const auto snapshot = fetchSnapshot(client);
    if (!snapshot)
        return 1;
    if (json) {
        // Each source's name with its reason, as the snapshot carries them.
        const QJsonObject whole = snapshotToJson(*snapshot);
        QJsonArray reasons;
        for (const auto &value : whole.value(QStringLiteral("sources")).toArray()) {
            const QJsonObject s = value.toObject();
            const std::string name = s.value(QStringLiteral("name")).toString().toStdString();
            const std::string ip = s.value(QStringLiteral("ip")).toString().toStdString();
            if (source && name != *source && ip != *source)
                continue;
            reasons.append(
                QJsonObject{{QStringLiteral("name"), s.value(QStringLiteral("name"))},
                            {QStringLiteral("state"), s.value(QStringLiteral("state"))},
                            {QStringLiteral("selectionReason"), s.value(QStringLiteral("selectionReason"))}});
        }
        print(QJsonDocument(reasons).toJson(QJsonDocument::Indented).toStdString());
        return 0;
    }
    const auto text = formatSelectionReasons(*snapshot, source);
    if (!text) {
        printFailure(QStringLiteral("why: no source %1").arg(QString::fromStdString(*source)));
        return 1;
    }
    print(*text);
    return 0;
}

} // namespace s1
