#include "StratumctlConfig.h"
#include "StratumctlCall.h"

#include "config/ConfigurationEditor.h"
#include "transport/ControlClient.h"
#include "json/ConfigurationJson.h"

#include <QFile>
#include <QJsonDocument>

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>

namespace s1 {

namespace {

// Writing, reloading and perhaps rolling back: as long as `reload` gets, and the write.
constexpr std::chrono::milliseconds kApplyTimeout{20000};

void printJson(const QJsonObject &object)
{
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Indented);
    std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), stdout);
}

// Connects `client` and asks for the configuration. Over -h the service itself says no: only its
// local socket serves the configuration.
std::optional<ConfigurationText> fetchText(ControlClient &client, const StratumctlOptions &options, int &exitCode)
{
    std::string error;
    if (!connectToService(client, options, error)) {
        exitCode = printFailure(QString::fromStdString(error));
        return std::nullopt;
    }
    auto text =
        callAndDecode(client, control::Command::ConfigurationText, {}, ControlClient::kReplyTimeout,
                      [](const QJsonObject &json, QString *why) { return configurationTextFromJson(json, why); });
    if (!text)
        exitCode = 1;
    return text;
}

// The new text from FILE, or standard input for "-".
bool readNewText(const QString &source, QByteArray &text, QString &error)
{
    QFile file;
    const bool opened = source == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                     : (file.setFileName(source), file.open(QIODevice::ReadOnly));
    if (!opened) {
        error = QStringLiteral("cannot open %1: %2").arg(source, file.errorString());
        return false;
    }
    // One byte more than allowed is enough to know it is too long.
    text = file.read(static_cast<qint64>(kMaxConfigurationBytes) + 1);
    if (text.size() > static_cast<qsizetype>(kMaxConfigurationBytes)) {
        error = QStringLiteral("%1 is longer than %2 bytes").arg(source).arg(kMaxConfigurationBytes);
        return false;
    }
    return true;
}

int printConfig(const StratumctlOptions &options, bool json)
{
    ControlClient client;
    int exitCode = 0;
    const auto text = fetchText(client, options, exitCode);
    if (!text)
        return exitCode;
    if (json) {
        printJson(configurationTextToJson(*text));
        return 0;
    }
    if (text->revision == kAbsentRevision)
        std::fprintf(stderr, "stratumctl: %s does not exist; the service runs %s\n", text->main.path.c_str(),
                     text->builtIn ? "the built-in configuration" : "without it");
    // The bytes as they are, so that `stratumctl config > FILE` and `config apply FILE` round-trip.
    std::fwrite(text->main.text.data(), 1, text->main.text.size(), stdout);
    return 0;
}

// Replaces the main file read as `current` by `newText` through the service; prints what
// `config apply` prints.
int applyText(ControlClient &client, const ConfigurationText &current, const QByteArray &newText, bool json)
{
    std::string error;
    const QJsonObject args{{"text", QString::fromUtf8(newText)},
                           {"revision", QString::fromStdString(current.revision)}};
    const auto reply = client.call(control::Command::ApplyConfiguration, args, kApplyTimeout, error);
    if (!reply)
        return printFailure(QString::fromStdString(error));
    if (!reply->ok)
        return printFailure(reply->error);
    QString why;
    const auto result = applyResultFromJson(reply->result.toObject(), &why);
    if (!result)
        return printFailure(QStringLiteral("unexpected answer from the service: %1").arg(why));
    if (json) {
        printJson(reply->result.toObject());
        return result->ok() ? 0 : 1;
    }
    // As `stratumone --check-config` prints them.
    for (const ConfigurationProblem &problem : result->problems)
        std::fprintf(stderr, "%s\n", formatProblem(problem).c_str());
    if (!result->ok())
        return printFailure(QString::fromStdString(result->message));
    std::fprintf(stdout, "%s\n", result->message.c_str());
    return 0;
}

int applyConfig(const StratumctlOptions &options, const QString &source, bool json)
{
    QByteArray newText;
    QString readError;
    if (!readNewText(source, newText, readError))
        return printFailure(readError, 2);

    ControlClient client;
    // The command line knows no revision: the one read just now (a change in between is still
    // a conflict, not lost).
    int exitCode = 0;
    const auto current = fetchText(client, options, exitCode);
    if (!current)
        return exitCode;
    return applyText(client, *current, newText, json);
}

} // namespace

int editConfiguration(const StratumctlOptions &options,
                      const std::function<std::optional<std::string>(const std::string &, QString &)> &edit)
{
    ControlClient client;
    int exitCode = 0;
    const auto current = fetchText(client, options, exitCode);
    if (!current)
        return exitCode;
    QString why;
    const auto edited = edit(current->main.text, why);
    if (!edited)
        return printFailure(why);
    return applyText(client, *current, QByteArray::fromStdString(*edited), options.json);
}

int runConfigCommand(const StratumctlOptions &options, const QStringList &args)
{
    bool json = options.json;
    QStringList words;
    for (const QString &arg : args) {
        if (arg == QLatin1String("--json"))
            json = true;
        else
            words << arg;
    }
    if (words.isEmpty())
        return printConfig(options, json);
    if (words.size() == 2 && words[0] == QLatin1String("apply"))
        return applyConfig(options, words[1], json);
    return printFailure(QStringLiteral("usage: config [--json] | config apply FILE|-"), 2);
}

} // namespace s1
