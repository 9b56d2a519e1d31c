#include "alarms/AlarmText.h"

#include "StatusColors.h"

#include <QCoreApplication>
#include <QDateTime>

namespace s1 {

namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;

QString tr(const char *text)
{
    return QCoreApplication::translate("s1::AlarmText", text);
}

} // namespace

QString alarmTitle(AlarmKind kind)
{
    switch (kind) {
    case AlarmKind::PpsLost:
        return tr("PPS lost");
    case AlarmKind::GpsFixLost:
        return tr("GPS fix lost");
    case AlarmKind::GpsTimeInvalid:
        return tr("GPS time not valid");
    case AlarmKind::NoSelectableSource:
        return tr("No selectable source");
    case AlarmKind::Unsynchronised:
        return tr("Not synchronised");
    case AlarmKind::StratumChanged:
        return tr("Stratum changed");
    case AlarmKind::Falseticker:
        return tr("Falseticker");
    case AlarmKind::ClockStepped:
        return tr("Clock stepped");
    case AlarmKind::LeapSecondPending:
        return tr("Leap second pending");
    case AlarmKind::SerialErrors:
        return tr("Serial line errors");
    case AlarmKind::CalibrationDrift:
        return tr("Refclock offset out of calibration");
    case AlarmKind::SerialLinkOverloaded:
        return tr("Serial link overloaded");
    }
    return QString::fromLatin1(toString(kind));
}

QString severityText(AlarmSeverity severity)
{
    switch (severity) {
    case AlarmSeverity::Info:
        return tr("Info");
    case AlarmSeverity::Warning:
        return tr("Warning");
    case AlarmSeverity::Critical:
        return tr("Critical");
    }
    return QString();
}

QColor severityColor(AlarmSeverity severity)
{
    switch (severity) {
    case AlarmSeverity::Info:
        return StatusColors::kInUse;
    case AlarmSeverity::Warning:
        return StatusColors::kWarning;
    case AlarmSeverity::Critical:
        return StatusColors::kBad;
    }
    return StatusColors::kWarning;
}

QString alarmTimeText(RealTime time)
{
    return QDateTime::fromMSecsSinceEpoch(nanosSinceEpoch(time) / kNanosPerMilli, Qt::UTC)
               .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + QStringLiteral(" UTC");
}

std::optional<Alarm> mostUrgentAlarm(const std::vector<Alarm> &alarms)
{
    std::optional<Alarm> best;
    for (const Alarm &a : alarms) {
        if (!a.active())
            continue;
        if (!best || a.severity > best->severity || (a.severity == best->severity && a.raised >= best->raised))
            best = a;
    }
    return best;
}

} // namespace s1
