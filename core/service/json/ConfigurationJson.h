// The JSON forms of the configuration editor's values (docs/CONTROL_PROTOCOL.md, `configtext`
// and `applyconfig`): what the service answers and the window and stratumctl read back.
#pragma once

#include "config/ConfigurationEdit.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace s1 {

QJsonObject configurationTextToJson(const ConfigurationText &text);
std::optional<ConfigurationText> configurationTextFromJson(const QJsonObject &object, QString *error = nullptr);

QJsonObject applyResultToJson(const ConfigurationApplyResult &result);
std::optional<ConfigurationApplyResult> applyResultFromJson(const QJsonObject &object, QString *error = nullptr);

// "applied", "invalid", "conflict", "writeFailed", "reloadFailed".
const char *outcomeName(ConfigurationApplyResult::Outcome outcome);

} // namespace s1
