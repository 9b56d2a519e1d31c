#include "control/ControlQueries.h"

#include "json/GpsStatusJson.h"

#include "json/ReportJson.h"
#include "json/SnapshotJson.h"

#include <QJsonArray>

namespace s1 {

namespace {

ControlAnswer success(QJsonValue result)
{
    return {true, std::move(result), {}};
}

ControlAnswer failure(QString message)
{
    return {false, {}, std::move(message)};
}

std::optional<SourceNaming> namingFrom(const QJsonObject &args, QString &error)
{
    const QJsonValue names = args.value(QStringLiteral("names"));
    if (names.isUndefined() || names == QLatin1String("configured"))
        return SourceNaming::Configured;
    if (names == QLatin1String("numeric"))
        return SourceNaming::Numeric;
    error = QStringLiteral("\"names\" must be \"configured\" or \"numeric\"");
    return std::nullopt;
}

ControlAnswer ntpData(const EngineSnapshot &snapshot, const QJsonObject &args)
{
    const QJsonValue address = args.value(QStringLiteral("address"));
    if (!address.isUndefined() && !address.isString())
        return failure(QStringLiteral("\"address\" must be a string"));
    std::vector<NtpDataReport> reports = ntpDataReports(snapshot);
    if (address.isUndefined())
        return success(toJsonArray(reports));
    // chronyc resolves a name to an address; the service knows the names it was configured
    // with, so either matches.
    const std::string wanted = address.toString().toStdString();
    const auto normalised = IpAddress::parse(wanted);
    for (const SourceSnapshot &s : snapshot.sources) {
        if (s.address.ip.isNull())
            continue;
        if (s.name != wanted && !(normalised && normalised->unmapped() == s.address.ip.unmapped()))
            continue;
        for (const NtpDataReport &r : reports)
            if (r.remoteAddress == s.address.ip.toString() && r.remotePort == s.address.port)
                return success(QJsonArray{toJson(r)});
    }
    return failure(QStringLiteral("no such source: %1").arg(address.toString()));
}

} // namespace

ControlAnswer answerQuery(const control::ControlRequest &request, const EngineSnapshot *snapshot,
                          const CommandCounters &counters)
{
    using control::Command;
    if (!snapshot)
        return failure(QStringLiteral("no snapshot from the engine yet (it is starting)"));
    QString error;
    const auto naming = namingFrom(request.args, error);
    if (!naming)
        return failure(error);
    switch (request.command) {
    case Command::Snapshot:
        return success(snapshotToJson(*snapshot));
    case Command::Tracking:
        return success(toJson(trackingReport(*snapshot, *naming)));
    case Command::Sources:
        return success(toJsonArray(sourceReportRows(*snapshot, *naming)));
    case Command::SourceStats:
        return success(toJsonArray(sourceStatsRows(*snapshot, *naming)));
    case Command::Activity:
        return success(toJson(activityReport(*snapshot)));
    case Command::ServerStats:
        return success(toJson(serverStatsReport(*snapshot, counters)));
    case Command::SelectData:
        return success(toJsonArray(selectDataRows(*snapshot, *naming)));
    case Command::AuthData:
        return success(toJsonArray(authDataRows(*snapshot, *naming)));
    case Command::NtpData:
        return ntpData(*snapshot, request.args);
    case Command::Gps:
        if (!snapshot->gps)
            return failure(QStringLiteral("no GPS receiver or PPS device is configured (refclock NMEA, PPS)"));
        return success(gpsStatusToJson(*snapshot->gps));
    case Command::Alarms: {
        QJsonArray alarms;
        for (const Alarm &alarm : snapshot->alarms)
            alarms.append(alarmToJson(alarm));
        return success(alarms);
    }
    case Command::Clients:
        // chronyd's answer with noclientlog is status 519, which chronyc words this way.
        if (!snapshot->clientLog.enabled)
            return failure(QStringLiteral("client logging is not active in the service (noclientlog)"));
        return success(toJson(clientsReport(*snapshot)));
    case Command::Subscribe:
    case Command::Unsubscribe:
    case Command::Reload:
    case Command::MakeStep:
    case Command::Configuration: // the server's own: it knows the file, the snapshot does not
    case Command::ConfigurationText:
    case Command::ApplyConfiguration:
    case Command::History: // the server's too: from its history store (HistoryQueries.h)
    case Command::HistorySeries:
        break;
    case Command::AddSource: // runtime commands: the engine's (ControlServer hands them over)
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
    return failure(QStringLiteral("%1 is not a query").arg(QLatin1String(control::commandName(request.command))));
}

} // namespace s1
