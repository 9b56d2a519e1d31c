#include "json/ConfigurationJson.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace s1 {

namespace {

using Outcome = ConfigurationApplyResult::Outcome;

constexpr std::array<std::pair<Outcome, const char *>, 5> kOutcomes{{
    {Outcome::Applied, "applied"},
    {Outcome::Invalid, "invalid"},
    {Outcome::Conflict, "conflict"},
    {Outcome::WriteFailed, "writeFailed"},
    {Outcome::ReloadFailed, "reloadFailed"},
}};

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

QJsonObject fileToJson(const ConfigurationFile &file)
{
    return QJsonObject{{"path", fromStd(file.path)}, {"text", fromStd(file.text)}};
}

bool fileFromJson(const QJsonValue &value, ConfigurationFile &file)
{
    const QJsonObject o = value.toObject();
    if (!value.isObject() || !o.value("path").isString() || !o.value("text").isString())
        return false;
    file.path = o.value("path").toString().toStdString();
    file.text = o.value("text").toString().toStdString();
    return true;
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

} // namespace

const char *outcomeName(Outcome outcome)
{
    for (const auto &[value, name] : kOutcomes)
        if (value == outcome)
            return name;
    return "unknown";
}

QJsonObject configurationTextToJson(const ConfigurationText &text)
{
    QJsonArray includes;
    for (const ConfigurationFile &file : text.includes)
        includes.append(fileToJson(file));
    // "path" and "builtIn" as the `configuration` query answers them.
    return QJsonObject{{"path", fromStd(text.main.path)},
                       {"text", fromStd(text.main.text)},
                       {"revision", fromStd(text.revision)},
                       {"builtIn", text.builtIn},
                       {"includes", includes}};
}

std::optional<ConfigurationText> configurationTextFromJson(const QJsonObject &o, QString *error)
{
    ConfigurationText text;
    if (!fileFromJson(o, text.main)) {
        fail(error, QStringLiteral("configuration text without \"path\" and \"text\""));
        return std::nullopt;
    }
    if (!o.value("revision").isString()) {
        fail(error, QStringLiteral("configuration text without \"revision\""));
        return std::nullopt;
    }
    text.revision = o.value("revision").toString().toStdString();
    text.builtIn = o.value("builtIn").toBool();
    for (const QJsonValue &value : o.value("includes").toArray()) {
        ConfigurationFile file;
        if (!fileFromJson(value, file)) {
            fail(error, QStringLiteral("an include without \"path\" and \"text\""));
            return std::nullopt;
        }
        text.includes.push_back(std::move(file));
    }
    return text;
}

QJsonObject applyResultToJson(const ConfigurationApplyResult &result)
{
    QJsonArray problems;
    for (const ConfigurationProblem &p : result.problems)
        problems.append(
            QJsonObject{{"severity", p.severity == ConfigurationProblem::Severity::Error ? "error" : "warning"},
                        {"file", fromStd(p.file)},
                        {"line", p.line},
                        {"column", p.column},
                        {"message", fromStd(p.message)}});
    return QJsonObject{{"outcome", QLatin1String(outcomeName(result.outcome))},
                       {"message", fromStd(result.message)},
                       {"revision", fromStd(result.revision)},
                       {"problems", problems}};
}

std::optional<ConfigurationApplyResult> applyResultFromJson(const QJsonObject &o, QString *error)
{
    ConfigurationApplyResult result;
    const QString outcome = o.value("outcome").toString();
    bool known = false;
    for (const auto &[value, name] : kOutcomes) {
        if (outcome == QLatin1String(name)) {
            result.outcome = value;
            known = true;
        }
    }
    if (!known) {
        fail(error, QStringLiteral("unknown outcome \"%1\"").arg(outcome));
        return std::nullopt;
    }
    result.message = o.value("message").toString().toStdString();
    result.revision = o.value("revision").toString().toStdString();
    for (const QJsonValue &value : o.value("problems").toArray()) {
        const QJsonObject p = value.toObject();
        ConfigurationProblem problem;
        problem.severity = p.value("severity").toString() == QLatin1String("warning")
                               ? ConfigurationProblem::Severity::Warning
                               : ConfigurationProblem::Severity::Error;
        problem.file = p.value("file").toString().toStdString();
        problem.line = p.value("line").toInt();
        problem.column = p.value("column").toInt();
        problem.message = p.value("message").toString().toStdString();
        result.problems.push_back(std::move(problem));
    }
    return result;
}

} // namespace s1
