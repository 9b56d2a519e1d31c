// The chronyc report values (report/ReportData.h) as JSON: what the control socket answers to
// `tracking`, `sources`, `sourcestats`, `activity`, `serverstats`, `selectdata`, `ntpdata`,
// `authdata` and
// `clients` ({"clients": [rows], "notShown": n}; unknown intervals null),
// and what stratumctl reads back to print chronyc's layouts. Members are the struct fields in
// camelCase, in the structs' units and signs (chronyc's); instants are Unix nanoseconds as
// decimal strings, ages whole seconds or null, enums lower-case words. reportFromJson(toJson(r))
// == r for every report.
#pragma once

#include "report/ReportData.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace s1 {

QJsonObject toJson(const TrackingReport &report);
QJsonObject toJson(const SourceReportRow &row);
QJsonObject toJson(const SourceStatsRow &row);
QJsonObject toJson(const ActivityReport &report);
QJsonObject toJson(const ServerStatsReport &report);
QJsonObject toJson(const SelectDataRow &row);
QJsonObject toJson(const NtpDataReport &report);
QJsonObject toJson(const ClientReportRow &row);
QJsonObject toJson(const ClientsReport &report);
QJsonObject toJson(const AuthDataRow &row);

template <typename Row>
QJsonArray toJsonArray(const std::vector<Row> &rows)
{
    QJsonArray array;
    for (const Row &row : rows)
        array.append(toJson(row));
    return array;
}

// Defined for every type above; nullopt with `error` ("stratum: expected an integer") when a
// member has the wrong type or an unknown value.
template <typename Report>
std::optional<Report> reportFromJson(const QJsonObject &json, QString *error = nullptr);
template <typename Row>
std::optional<std::vector<Row>> rowsFromJson(const QJsonArray &json, QString *error = nullptr);

} // namespace s1
