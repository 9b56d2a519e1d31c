#include "DisplayFormat.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>

namespace s1 {

namespace {

// Gives the free functions a translation context lupdate can see.
struct DisplayFormat
{
    Q_DECLARE_TR_FUNCTIONS(DisplayFormat)
};

constexpr double kNanosecond = 1e-9;
constexpr double kMicrosecond = 1e-6;
constexpr double kMillisecond = 1e-3;
constexpr double kSecondsPerMinute = 60;
constexpr double kSecondsPerHour = 3600;
constexpr double kSecondsPerDay = 86400;
constexpr double kSecondsPerYear = 365 * kSecondsPerDay;

// A unit is used while the rounded value stays below its limit; the last one has no limit.
// Below a second the next unit takes over at 1000; from seconds on chronyc's 5-digit fields set
// the limit.
constexpr double kSubSecondLimit = 1000;
constexpr double kWideUnitLimit = 100000;
constexpr int kSignificantDigits = 4;

struct TimeUnit
{
    double seconds;
    const char *suffix;
    double limit;
    bool fractional; // whether decimals carry information in this unit
};

constexpr std::array<TimeUnit, 8> kTimeUnits = {{
    {kNanosecond, "ns", kSubSecondLimit, false},
    {kMicrosecond, "\u00b5s", kSubSecondLimit, true},
    {kMillisecond, "ms", kSubSecondLimit, true},
    {1, "s", kWideUnitLimit, true},
    {kSecondsPerMinute, "m", kWideUnitLimit, false},
    {kSecondsPerHour, "h", kWideUnitLimit, false},
    {kSecondsPerDay, "d", kWideUnitLimit, false},
    {kSecondsPerYear, "y", std::numeric_limits<double>::infinity(), false},
}};

// Fixed-point text of a non-negative value with about kSignificantDigits digits, trailing
// zeros dropped so that "1.200" reads "1.2".
QString significantText(double value, bool fractional)
{
    int decimals = 0;
    if (fractional && value > 0) {
        const int integerDigits = std::max(1, static_cast<int>(std::floor(std::log10(value))) + 1);
        decimals = std::max(0, kSignificantDigits - integerDigits);
    }
    QString text = QString::number(value, 'f', decimals);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    return text;
}

// `text` from significantText in the locale's notation (the C-locale text is what the unit
// limits compare).
QString localized(const QString &text)
{
    const QString separator = QLocale().decimalPoint();
    if (separator == QLatin1String("."))
        return text;
    return QString(text).replace(QLatin1Char('.'), separator);
}

// "1.2 ms" for a non-negative finite magnitude.
QString magnitudeText(double magnitude)
{
    for (const TimeUnit &unit : kTimeUnits) {
        const double scaled = magnitude / unit.seconds;
        const QString number = significantText(scaled, unit.fractional);
        // Compare the rounded text, not `scaled`, so that 999.96 us becomes "1 ms", not "1000 us".
        if (number.toDouble() < unit.limit)
            return localized(number) + QLatin1Char(' ') + QString::fromUtf8(unit.suffix);
    }
    Q_UNREACHABLE();
}

bool isZeroText(const QString &magnitude)
{
    return magnitude.startsWith(QLatin1String("0 "));
}

constexpr std::int64_t kAgeSecondsLimit = 1200;
constexpr std::int64_t kAgeMinutesLimit = 36000;
constexpr std::int64_t kAgeHoursLimit = 345600;
constexpr std::int64_t kAgeDaysLimit = 999;
constexpr std::int64_t kSecondsPerMinuteInt = 60;
constexpr std::int64_t kSecondsPerHourInt = 3600;
constexpr std::int64_t kSecondsPerDayInt = 86400;
constexpr std::int64_t kDaysPerYear = 365;

constexpr int kRefIdHexDigits = 8;
constexpr int kReachOctalDigits = 3;
constexpr int kReachBits = 8;
constexpr char kFirstPrintableAscii = 0x20;
constexpr char kLastPrintableAscii = 0x7e;

// The ASCII tag of a stratum 0/1 reference ID ("GPS", "RATE"); empty if it is not one.
QString referenceIdTag(std::uint32_t referenceId)
{
    QString tag;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const char c = static_cast<char>((referenceId >> shift) & 0xff);
        if (c == '\0')
            break;
        if (c < kFirstPrintableAscii || c > kLastPrintableAscii)
            return {};
        tag += QLatin1Char(c);
    }
    return tag;
}

} // namespace

QString formatSignedSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    const QString magnitude = magnitudeText(std::fabs(seconds));
    // A value that rounds to zero gets chronyc's "+0", never "-0".
    const bool negative = seconds < 0 && !isZeroText(magnitude);
    return (negative ? QLatin1Char('-') : QLatin1Char('+')) + magnitude;
}

QString formatSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    const QString magnitude = magnitudeText(std::fabs(seconds));
    // Should a negative value turn up anyway, hiding its sign would hide an engine bug.
    return seconds < 0 && !isZeroText(magnitude) ? QLatin1Char('-') + magnitude : magnitude;
}

QString formatPollInterval(int log2Seconds)
{
    if (log2Seconds >= 0 && log2Seconds < 63)
        return DisplayFormat::tr("%1 s").arg(std::int64_t{1} << log2Seconds);
    return formatSeconds(std::ldexp(1.0, log2Seconds));
}

QString formatReach(std::uint8_t reach)
{
    return QStringLiteral("%1").arg(reach, kReachOctalDigits, 8, QLatin1Char('0'));
}

QString formatReachBits(std::uint8_t reach)
{
    return QStringLiteral("%1").arg(reach, kReachBits, 2, QLatin1Char('0'));
}

std::optional<std::int64_t> ageSeconds(std::optional<RealTime> event, RealTime now)
{
    if (!event)
        return std::nullopt;
    return std::chrono::floor<std::chrono::seconds>(now - *event).count();
}

QString formatAge(std::optional<std::int64_t> seconds)
{
    if (!seconds)
        return QStringLiteral("-");
    const std::int64_t s = std::max<std::int64_t>(0, *seconds);
    if (s < kAgeSecondsLimit)
        return QString::number(s);
    if (s < kAgeMinutesLimit)
        return DisplayFormat::tr("%1m").arg(s / kSecondsPerMinuteInt);
    if (s < kAgeHoursLimit)
        return DisplayFormat::tr("%1h").arg(s / kSecondsPerHourInt);
    const std::int64_t days = s / kSecondsPerDayInt;
    if (days > kAgeDaysLimit)
        return DisplayFormat::tr("%1y").arg(days / kDaysPerYear);
    return DisplayFormat::tr("%1d").arg(days);
}

QString formatRefId(std::uint32_t referenceId, int stratum, const QString &name)
{
    const QString hex = QStringLiteral("%1").arg(referenceId, kRefIdHexDigits, 16, QLatin1Char('0')).toUpper();
    QString label = name;
    // Stratum 0 carries kiss codes, 1 a clock tag, 16 (unsynchronised) chrony's state codes.
    if (label.isEmpty() && (stratum <= 1 || stratum >= kNtpMaxStratum))
        label = referenceIdTag(referenceId);
    return label.isEmpty() ? hex : QStringLiteral("%1 (%2)").arg(hex, label);
}

QString formatLeap(LeapIndicator leap)
{
    switch (leap) {
    case LeapIndicator::None:
        return DisplayFormat::tr("Normal");
    case LeapIndicator::InsertSecond:
        return DisplayFormat::tr("Insert second");
    case LeapIndicator::DeleteSecond:
        return DisplayFormat::tr("Delete second");
    case LeapIndicator::Unsynchronised:
        return DisplayFormat::tr("Not synchronised");
    }
    return DisplayFormat::tr("Unknown");
}

QChar sourceModeSymbol(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Server:
        return QLatin1Char('^');
    case SourceKind::Peer:
        return QLatin1Char('=');
    case SourceKind::RefClock:
        return QLatin1Char('#');
    }
    return QLatin1Char(' ');
}

QChar sourceStateSymbol(SourceState state)
{
    switch (state) {
    case SourceState::Unusable:
        return QLatin1Char('?');
    case SourceState::Selected:
        return QLatin1Char('*');
    case SourceState::Combined:
        return QLatin1Char('+');
    case SourceState::NotCombined:
        return QLatin1Char('-');
    case SourceState::Falseticker:
        return QLatin1Char('x');
    case SourceState::TooVariable:
        return QLatin1Char('~');
    }
    return QLatin1Char(' ');
}

QString sourceStateText(SourceState state)
{
    switch (state) {
    case SourceState::Unusable:
        return DisplayFormat::tr("Not usable");
    case SourceState::Selected:
        return DisplayFormat::tr("Selected");
    case SourceState::Combined:
        return DisplayFormat::tr("Combined");
    case SourceState::NotCombined:
        return DisplayFormat::tr("Not combined");
    case SourceState::Falseticker:
        return DisplayFormat::tr("Falseticker");
    case SourceState::TooVariable:
        return DisplayFormat::tr("Too variable");
    }
    return DisplayFormat::tr("Unknown");
}

QString sourceKindText(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Server:
        return DisplayFormat::tr("Server");
    case SourceKind::Peer:
        return DisplayFormat::tr("Peer");
    case SourceKind::RefClock:
        return DisplayFormat::tr("Reference clock");
    }
    return DisplayFormat::tr("Unknown");
}

QString formatCount(std::uint64_t count)
{
    return QLocale().toString(static_cast<qulonglong>(count));
}

QString formatDecimal(double value, int decimals)
{
    QLocale locale;
    locale.setNumberOptions(locale.numberOptions() | QLocale::OmitGroupSeparator);
    return locale.toString(value, 'f', decimals);
}

QString formatSignedDecimal(double value, int decimals)
{
    const QString text = formatDecimal(value, decimals);
    return value >= 0 ? QStringLiteral("+") + text : text;
}

QString selectionText(const SourceSnapshot &source)
{
    switch (source.selectionLetter) {
    case '*':
        return DisplayFormat::tr("Selected");
    case '+':
        return DisplayFormat::tr("Combined with the selected source");
    case 'N':
        return DisplayFormat::tr("Never selected: noselect option");
    case 's':
        return DisplayFormat::tr("Not synchronised itself (leap 3 or stratum 16)");
    case 'M':
        return DisplayFormat::tr("Too few samples yet");
    case 'd':
        return DisplayFormat::tr("Root distance over maxdistance");
    case '~':
        return DisplayFormat::tr("Jitter over maxjitter");
    case 'w':
        return DisplayFormat::tr("Waiting for samples of other sources");
    case 'T':
        return DisplayFormat::tr("Disagrees with the trusted sources");
    case 'x':
        return DisplayFormat::tr("Falseticker: outside the interval most sources agree on");
    case 'W':
        return DisplayFormat::tr("Waiting: fewer agreeing sources than minsources, or no required one");
    case 'P':
        return DisplayFormat::tr("Not preferred: a prefer source agrees");
    case 'U':
        return DisplayFormat::tr("Waiting for a new sample of the best source");
    case 'D':
        return DisplayFormat::tr("Not combined: too far from the selected source");
    case '?':
        return source.reach == 0 ? DisplayFormat::tr("Not reachable: no reply to the last 8 polls")
                                 : DisplayFormat::tr("Synchronised to us (a loop)");
    default:
        break;
    }
    return sourceStateText(source.state);
}

SyncState syncState(const ReferenceSnapshot &reference, const std::vector<SourceSnapshot> &sources)
{
    if (!reference.synchronised || reference.leap == LeapIndicator::Unsynchronised)
        return SyncState::NotSynchronised;
    const bool selected = std::any_of(sources.begin(), sources.end(),
                                      [](const SourceSnapshot &s) { return s.state == SourceState::Selected; });
    if (selected)
        return SyncState::Synchronised;
    // `local stratum N` serves our own clock with no source at all.
    if (reference.referenceName == kLocalReferenceName)
        return SyncState::LocalClock;
    return SyncState::NoSourceSelected;
}

QString formatUtcDateTime(RealTime time)
{
    const auto msecs = std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch());
    return QDateTime::fromMSecsSinceEpoch(msecs.count(), QTimeZone::utc())
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatUtcTime(RealTime time)
{
    return DisplayFormat::tr("%1 UTC").arg(formatUtcDateTime(time));
}

} // namespace s1
