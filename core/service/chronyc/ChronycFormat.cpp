#include "chronyc/ChronycFormat.h"

#include "text/NumberText.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <initializer_list>
#include <limits>

namespace s1 {

namespace {

// --- chronyd's report float (32 bits: 7-bit exponent, 25-bit signed coefficient)

// chronyd encodes magnitudes below this, and NaN, as zero.
constexpr double kWireTiny = 1e-100;
// Saturation values: coefficient 2^24 - 1 (positive) or -2^24 (negative) at the largest
// exponent, scaled by 2^(63 - 25).
constexpr double kWireMax =
    static_cast<double>((std::int64_t{1} << 24) - 1) * static_cast<double>(std::int64_t{1} << 38);
constexpr double kWireMin = -static_cast<double>(std::int64_t{1} << 62);

// chronyc's interval value meaning "no sample yet".
constexpr std::uint32_t kNoInterval = std::numeric_limits<std::uint32_t>::max();

// --- print_seconds thresholds: plain seconds below 20 min, minutes below 10 h, hours below
// 4 days, then days while they fit in 3 digits, then years.
constexpr std::uint32_t kSecondsBelow = 1200;
constexpr std::uint32_t kMinutesBelow = 36000;
constexpr std::uint32_t kHoursBelow = 345600;
constexpr std::uint32_t kMaxDays = 999;
constexpr std::uint32_t kSecondsPerMinute = 60;
constexpr std::uint32_t kSecondsPerHour = 3600;
constexpr std::uint32_t kSecondsPerDay = 86400;
constexpr std::uint32_t kDaysPerYear = 365;

// --- print_nanoseconds / print_signed_nanoseconds: ns, us and ms while the rounded number fits
// 4 digits; then seconds with one decimal up to 999.9 s, whole seconds, and 5-digit minutes,
// hours, days and (365-day) years.
struct UnitRange
{
    double below;  // |seconds| below this use this unit
    double factor; // units per second (multiplied) or seconds per unit (divided)
    bool divide;   // chronyc divides by the factor for units longer than a second
    std::string_view unit;
    int decimals;
};

constexpr std::array<UnitRange, 9> kUnitRanges{{
    {9999.5e-9, 1e9, false, "ns", 0},
    {9999.5e-6, 1e6, false, "us", 0},
    {9999.5e-3, 1e3, false, "ms", 0},
    {999.5, 1, false, "s", 1},
    {99999.5, 1, false, "s", 0},
    {99999.5 * 60, 60, true, "m", 0},
    {99999.5 * 3600, 3600, true, "h", 0},
    {99999.5 * 3600 * 24, 86400, true, "d", 0},
    {std::numeric_limits<double>::infinity(), 86400.0 * 365, true, "y", 0},
}};

// Number plus unit: "9895us", " 12.5s". The signed form is one character wider for the sign.
constexpr int kUnsignedUnitFieldWidth = 6;
constexpr int kSignedUnitFieldWidth = 7;

// --- print_freq_ppm: 3 decimals in a 10-wide field, none once the value needs 6 integer digits.
constexpr double kPpmDecimalsBelow = 99999.5;
constexpr int kPpmFieldWidth = 10;
constexpr int kPpmDecimals = 3; // also tracking's ppm lines and every CSV ppm value

// --- `sources`
constexpr std::string_view kSourcesLegend =
    "\n"
    "  .-- Source mode  '^' = server, '=' = peer, '#' = local clock.\n"
    " / .- Source state '*' = current best, '+' = combined, '-' = not combined,\n"
    "| /             'x' = may be in error, '~' = too variable, '?' = unusable.\n"
    "||                                                 .- xxxx [ yyyy ] +/- zzzz\n"
    "||      Reachability register (octal) -.           |  xxxx = adjusted offset,\n"
    "||      Log2(Polling interval) --.      |          |  yyyy = measured offset,\n"
    "||                                \\     |          |  zzzz = estimated error.\n"
    "||                                 |    |           \\\n";
// chronyc pads the header with spaces to the full 79-column row width (so the '=' rule under
// it is 79 long, as wide as a row).
constexpr std::string_view kSourcesHeader =
    "MS Name/IP address         Stratum Poll Reach LastRx Last sample               ";
// Wide enough for a 25-character name cut to the resolved-name limit, plus two spaces.
constexpr int kSourcesNameWidth = 27;

// --- `sourcestats`
constexpr std::string_view kSourceStatsLegend =
    "                             .- Number of sample points in measurement set.\n"
    "                            /    .- Number of residual runs with same sign.\n"
    "                           |    /    .- Length of measurement set (time).\n"
    "                           |   |    /      .- Est. clock freq error (ppm).\n"
    "                           |   |   |      /           .- Est. error in freq.\n"
    "                           |   |   |     |           /         .- Est. offset.\n"
    "                           |   |   |     |          |          |   On the -.\n"
    "                           |   |   |     |          |          |   samples. \\\n"
    "                           |   |   |     |          |          |             |\n";
constexpr std::string_view kSourceStatsHeader =
    "Name/IP Address            NP  NR  Span  Frequency  Freq Skew  Offset  Std Dev";
// Exactly the resolved-name limit: a cut name fills the column.
constexpr int kSourceStatsNameWidth = 25;

// chronyc cuts reverse-DNS names longer than this to this length, '>' marking the cut.
constexpr std::size_t kResolvedNameMax = 25;

// --- `tracking`: "Reference ID    : ", labels padded to 16 columns before the colon.
constexpr int kTrackingLabelWidth = 16;
constexpr int kUpdateIntervalDecimals = 1;

// Plain seconds (tracking lines, every CSV time value) are printed to the nanosecond.
constexpr int kSecondsDecimals = 9;

constexpr std::array<const char *, 7> kWeekdayNames{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char *, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// printf into a std::string. Only used for integer and string conversions, which do not depend
// on the locale; doubles go through fixedText (text/NumberText.h).
[[gnu::format(printf, 1, 2)]] std::string printfString(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    va_list sizing;
    va_copy(sizing, args);
    const int length = std::vsnprintf(nullptr, 0, format, sizing);
    va_end(sizing);
    std::string out;
    if (length > 0) {
        out.resize(static_cast<std::size_t>(length));
        std::vsnprintf(out.data(), out.size() + 1, format, args);
    }
    va_end(args);
    return out;
}

std::string padLeft(std::string text, int width)
{
    const auto target = static_cast<std::size_t>(std::max(width, 0));
    if (text.size() < target)
        text.insert(0, target - text.size(), ' ');
    return text;
}

std::string padRight(std::string text, int width)
{
    const auto target = static_cast<std::size_t>(std::max(width, 0));
    if (text.size() < target)
        text.append(target - text.size(), ' ');
    return text;
}

// printf("%+.*f") in the "C" locale: fixedText with '+' in front of anything not negative.
std::string signedFixed(double value, int decimals)
{
    std::string text = fixedText(value, decimals);
    if (text.front() != '-')
        text.insert(text.begin(), '+');
    return text;
}

const UnitRange &unitRangeFor(double seconds)
{
    const double magnitude = std::fabs(seconds);
    for (const UnitRange &range : kUnitRanges) {
        if (magnitude < range.below)
            return range;
    }
    return kUnitRanges.back();
}

std::string withUnit(double seconds, bool showSign)
{
    const UnitRange &range = unitRangeFor(seconds);
    const double scaled = range.divide ? seconds / range.factor : seconds * range.factor;
    const int fieldWidth = showSign ? kSignedUnitFieldWidth : kUnsignedUnitFieldWidth;
    const int numberWidth = fieldWidth - static_cast<int>(range.unit.size());
    std::string number = showSign ? signedFixed(scaled, range.decimals) : fixedText(scaled, range.decimals);
    return padLeft(std::move(number), numberWidth).append(range.unit);
}

std::string ppm(double value, bool showSign)
{
    value = chronyc::wireValue(value);
    const int decimals = std::fabs(value) < kPpmDecimalsBelow ? kPpmDecimals : 0;
    return padLeft(showSign ? signedFixed(value, decimals) : fixedText(value, decimals), kPpmFieldWidth);
}

// Plain number for CSV: chronyc drops sign flags and widths there.
std::string csvFixed(double value, int decimals)
{
    return fixedText(chronyc::wireValue(value), decimals);
}

std::string underline(std::string_view header)
{
    return std::string(header) + '\n' + std::string(header.size(), '=') + '\n';
}

// chronyc -c: the fields of one report line, comma-separated, no quoting (names hold no commas).
std::string joinCsv(std::initializer_list<std::string> fields)
{
    std::string line;
    bool first = true;
    for (const std::string &field : fields) {
        if (!first)
            line += ',';
        line += field;
        first = false;
    }
    return line + '\n';
}

// chronyd's value for the system time line: the correction still to apply, positive when the
// clock is slow (wireValue turns the -0 of a zero offset back into +0).
double systemTimeCorrection(const TrackingReport &report)
{
    return chronyc::wireValue(-report.systemTimeOffset);
}

std::string trackingLine(std::string_view label, const std::string &value)
{
    return padRight(std::string(label), kTrackingLabelWidth) + ": " + value + '\n';
}

std::string secondsValue(double value)
{
    return fixedText(chronyc::wireValue(value), kSecondsDecimals) + " seconds";
}

std::string systemTimeValue(const TrackingReport &report)
{
    const double correction = systemTimeCorrection(report);
    return fixedText(std::fabs(correction), kSecondsDecimals) + " seconds " + (correction > 0.0 ? "slow" : "fast")
           + " of NTP time";
}

std::string frequencyValue(const TrackingReport &report)
{
    const double frequency = chronyc::wireValue(report.frequencyPpm);
    return fixedText(std::fabs(frequency), kPpmDecimals) + " ppm " + (frequency > 0.0 ? "fast" : "slow");
}

std::string sourceLine(const SourceReportRow &row, NameStyle names)
{
    return printfString("%c%c %-*s  %2d  %2d   %3o  %s  %s[%s] +/- %s\n", chronyc::modeMarker(row.mode),
                        chronyc::stateMarker(row.state), kSourcesNameWidth,
                        chronyc::displayName(row.name, names).c_str(), row.stratum, row.poll,
                        static_cast<unsigned>(row.reach), chronyc::formatInterval(row.lastRxAge).c_str(),
                        chronyc::formatSignedNanoseconds(row.adjustedOffset).c_str(),
                        chronyc::formatSignedNanoseconds(row.measuredOffset).c_str(),
                        chronyc::formatNanoseconds(row.errorBound).c_str());
}

std::string sourceStatsLine(const SourceStatsRow &row, NameStyle names)
{
    return printfString(
        "%-*s %3u %3u  %s %s %s  %s  %s\n", kSourceStatsNameWidth, chronyc::displayName(row.name, names).c_str(),
        static_cast<unsigned>(row.samples), static_cast<unsigned>(row.runs), chronyc::formatInterval(row.span).c_str(),
        chronyc::formatSignedFreqPpm(row.frequencyPpm).c_str(), chronyc::formatFreqPpm(row.frequencySkewPpm).c_str(),
        chronyc::formatSignedNanoseconds(row.offset).c_str(), chronyc::formatNanoseconds(row.stdDev).c_str());
}

} // namespace

namespace chronyc {

double wireValue(double x)
{
    if (!(std::fabs(x) >= kWireTiny)) // also NaN and both zeros
        return 0.0;
    return std::clamp(x, kWireMin, kWireMax);
}

std::uint32_t intervalWireValue(std::optional<std::chrono::seconds> interval)
{
    if (!interval)
        return kNoInterval;
    const auto seconds = interval->count();
    if (seconds <= 0)
        return 0;
    // Keep a real (if absurd) age distinguishable from "no sample".
    if (seconds >= static_cast<std::chrono::seconds::rep>(kNoInterval))
        return kNoInterval - 1;
    return static_cast<std::uint32_t>(seconds);
}

std::string formatInterval(std::optional<std::chrono::seconds> interval)
{
    const std::uint32_t s = intervalWireValue(interval);
    if (s == kNoInterval)
        return "   -";
    if (s < kSecondsBelow)
        return printfString("%4u", static_cast<unsigned>(s));
    if (s < kMinutesBelow)
        return printfString("%3um", static_cast<unsigned>(s / kSecondsPerMinute));
    if (s < kHoursBelow)
        return printfString("%3uh", static_cast<unsigned>(s / kSecondsPerHour));
    const std::uint32_t days = s / kSecondsPerDay;
    if (days > kMaxDays)
        return printfString("%3uy", static_cast<unsigned>(days / kDaysPerYear));
    return printfString("%3ud", static_cast<unsigned>(days));
}

std::string formatNanoseconds(double seconds)
{
    return withUnit(std::fabs(wireValue(seconds)), false);
}

std::string formatSignedNanoseconds(double seconds)
{
    return withUnit(wireValue(seconds), true);
}

std::string formatFreqPpm(double value)
{
    return ppm(value, false);
}

std::string formatSignedFreqPpm(double value)
{
    return ppm(value, true);
}

std::string formatFixed(double value, int decimals, bool showSign)
{
    value = wireValue(value);
    return showSign ? signedFixed(value, decimals) : fixedText(value, decimals);
}

std::string formatUtcTime(RealTime time)
{
    using namespace std::chrono;
    const auto second = floor<seconds>(time);
    const auto day = floor<days>(second);
    const year_month_day date{day};
    const hh_mm_ss clock{second - day};
    return printfString("%s %s %02u %02d:%02d:%02d %d", kWeekdayNames[weekday{day}.c_encoding()],
                        kMonthNames[static_cast<unsigned>(date.month()) - 1], static_cast<unsigned>(date.day()),
                        static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                        static_cast<int>(clock.seconds().count()), static_cast<int>(date.year()));
}

std::string formatEpochTime(RealTime time)
{
    const std::int64_t ns = nanosSinceEpoch(time);
    // timespec style: whole seconds rounded down, nanoseconds always 0..999999999.
    std::int64_t seconds = ns / kNanosPerSecond;
    std::int64_t fraction = ns % kNanosPerSecond;
    if (fraction < 0) {
        fraction += kNanosPerSecond;
        --seconds;
    }
    return printfString("%lld.%09lld", static_cast<long long>(seconds), static_cast<long long>(fraction));
}

std::string refIdHex(std::uint32_t refId)
{
    return printfString("%08X", static_cast<unsigned>(refId));
}

char modeMarker(SourceKind mode)
{
    switch (mode) {
    case SourceKind::Server:
        return '^';
    case SourceKind::Peer:
        return '=';
    case SourceKind::RefClock:
        return '#';
    }
    return ' ';
}

char stateMarker(SourceState state)
{
    using State = SourceState;
    switch (state) {
    case State::Selected:
        return '*';
    case State::Combined:
        return '+';
    case State::NotCombined:
        return '-';
    case State::Falseticker:
        return 'x';
    case State::TooVariable:
        return '~';
    case State::Unusable:
        return '?';
    }
    return ' ';
}

std::string leapText(LeapIndicator leap)
{
    using Leap = LeapIndicator;
    switch (leap) {
    case Leap::None:
        return "Normal";
    case Leap::InsertSecond:
        return "Insert second";
    case Leap::DeleteSecond:
        return "Delete second";
    case Leap::Unsynchronised:
        return "Not synchronised";
    }
    return "Invalid";
}

std::string displayName(std::string_view name, NameStyle style)
{
    if (style == NameStyle::Verbatim || name.size() <= kResolvedNameMax)
        return std::string(name);
    return std::string(name.substr(0, kResolvedNameMax - 1)) + '>';
}

} // namespace chronyc

std::string formatTracking(const TrackingReport &report)
{
    using namespace chronyc;
    std::string out;
    out += trackingLine("Reference ID", refIdHex(report.referenceId) + " (" + report.referenceName + ")");
    out += trackingLine("Stratum", std::to_string(report.stratum));
    out += trackingLine("Ref time (UTC)", formatUtcTime(report.referenceTime));
    out += trackingLine("System time", systemTimeValue(report));
    out += trackingLine("Last offset", signedFixed(wireValue(report.lastOffset), kSecondsDecimals) + " seconds");
    out += trackingLine("RMS offset", secondsValue(report.rmsOffset));
    out += trackingLine("Frequency", frequencyValue(report));
    out += trackingLine("Residual freq", signedFixed(wireValue(report.residualFrequencyPpm), kPpmDecimals) + " ppm");
    out += trackingLine("Skew", fixedText(wireValue(report.skewPpm), kPpmDecimals) + " ppm");
    out += trackingLine("Root delay", secondsValue(report.rootDelay));
    out += trackingLine("Root dispersion", secondsValue(report.rootDispersion));
    out += trackingLine("Update interval",
                        fixedText(wireValue(report.updateInterval), kUpdateIntervalDecimals) + " seconds");
    out += trackingLine("Leap status", leapText(report.leap));
    return out;
}

std::string formatSources(const std::vector<SourceReportRow> &rows, bool verbose, NameStyle names)
{
    std::string out = verbose ? std::string(kSourcesLegend) : std::string();
    out += underline(kSourcesHeader);
    for (const SourceReportRow &row : rows)
        out += sourceLine(row, names);
    return out;
}

std::string formatSourceStats(const std::vector<SourceStatsRow> &rows, bool verbose, NameStyle names)
{
    std::string out = verbose ? std::string(kSourceStatsLegend) : std::string();
    out += underline(kSourceStatsHeader);
    for (const SourceStatsRow &row : rows)
        out += sourceStatsLine(row, names);
    return out;
}

std::string formatTrackingCsv(const TrackingReport &report)
{
    using namespace chronyc;
    return joinCsv({
        refIdHex(report.referenceId),
        report.referenceName,
        std::to_string(report.stratum),
        formatEpochTime(report.referenceTime),
        fixedText(systemTimeCorrection(report), kSecondsDecimals),
        csvFixed(report.lastOffset, kSecondsDecimals),
        csvFixed(report.rmsOffset, kSecondsDecimals),
        csvFixed(report.frequencyPpm, kPpmDecimals),
        csvFixed(report.residualFrequencyPpm, kPpmDecimals),
        csvFixed(report.skewPpm, kPpmDecimals),
        csvFixed(report.rootDelay, kSecondsDecimals),
        csvFixed(report.rootDispersion, kSecondsDecimals),
        csvFixed(report.updateInterval, kUpdateIntervalDecimals),
        leapText(report.leap),
    });
}

std::string formatSourcesCsv(const std::vector<SourceReportRow> &rows)
{
    using namespace chronyc;
    std::string out;
    for (const SourceReportRow &row : rows) {
        out += joinCsv({
            std::string(1, modeMarker(row.mode)),
            std::string(1, stateMarker(row.state)),
            row.name,
            std::to_string(row.stratum),
            std::to_string(row.poll),
            printfString("%o", static_cast<unsigned>(row.reach)),
            std::to_string(intervalWireValue(row.lastRxAge)),
            csvFixed(row.adjustedOffset, kSecondsDecimals),
            csvFixed(row.measuredOffset, kSecondsDecimals),
            csvFixed(row.errorBound, kSecondsDecimals),
        });
    }
    return out;
}

std::string formatSourceStatsCsv(const std::vector<SourceStatsRow> &rows)
{
    using namespace chronyc;
    std::string out;
    for (const SourceStatsRow &row : rows) {
        out += joinCsv({
            row.name,
            std::to_string(row.samples),
            std::to_string(row.runs),
            std::to_string(intervalWireValue(row.span)),
            csvFixed(row.frequencyPpm, kPpmDecimals),
            csvFixed(row.frequencySkewPpm, kPpmDecimals),
            csvFixed(row.offset, kSecondsDecimals),
            csvFixed(row.stdDev, kSecondsDecimals),
        });
    }
    return out;
}

} // namespace s1
