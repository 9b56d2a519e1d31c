#include "chronyc/ChronycStatusFormat.h"

#include "ntp/ReferenceId.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <utility>

namespace s1 {

namespace {

// A chronyc print_report() format, taken apart: literal text (printed only outside CSV mode)
// and fields, each with its human-readable and its CSV rendering.
struct Piece
{
    std::string text;
    bool isField = false;
    std::string csv;
};

Piece literal(std::string_view text)
{
    return {std::string(text), false, {}};
}

Piece field(std::string text, std::string csv)
{
    return {std::move(text), true, std::move(csv)};
}

Piece field(const std::string &both)
{
    return field(both, both);
}

std::string render(const std::vector<Piece> &pieces, bool csv)
{
    std::string out;
    bool first = true;
    for (const Piece &piece : pieces) {
        if (!csv) {
            out += piece.text;
            continue;
        }
        if (!piece.isField)
            continue;
        if (!first)
            out += ',';
        out += piece.csv;
        first = false;
    }
    if (csv)
        out += '\n';
    return out;
}

std::string padLeft(std::string text, std::size_t width)
{
    if (text.size() < width)
        text.insert(0, width - text.size(), ' ');
    return text;
}

std::string padRight(std::string text, std::size_t width)
{
    if (text.size() < width)
        text.append(width - text.size(), ' ');
    return text;
}

// chronyc's "%I": an interval with unit in text, plain seconds (0xFFFFFFFF for none) in CSV.
Piece intervalField(std::optional<std::chrono::seconds> interval)
{
    return field(chronyc::formatInterval(interval), std::to_string(chronyc::intervalWireValue(interval)));
}

// chronyc's "%+S": signed seconds with unit in text, "%.9f" in CSV.
constexpr int kCsvSecondsDecimals = 9;

Piece signedSecondsField(double seconds)
{
    return field(chronyc::formatSignedNanoseconds(seconds), chronyc::formatFixed(seconds, kCsvSecondsDecimals));
}

// "%.Nf" / "%+.Nf": the same digits in CSV, without the sign flag.
Piece fixedField(double value, int decimals, bool showSign = false)
{
    return field(chronyc::formatFixed(value, decimals, showSign), chronyc::formatFixed(value, decimals));
}

Piece leapField(LeapIndicator leap)
{
    return field(chronyc::leapText(leap));
}

// "%1L": one character in text; CSV drops the width, so the full word.
Piece shortLeapField(LeapIndicator leap)
{
    using Leap = LeapIndicator;
    std::string letter = "?";
    switch (leap) {
    case Leap::None:
        letter = "N";
        break;
    case Leap::InsertSecond:
        letter = "+";
        break;
    case Leap::DeleteSecond:
        letter = "-";
        break;
    case Leap::Unsynchronised:
        letter = "?";
        break;
    }
    return field(letter, chronyc::leapText(leap));
}

Piece charField(char c)
{
    return field(std::string(1, c));
}

std::string yesNo(bool value)
{
    return value ? "Yes" : "No";
}

// "%.Nb": the N lowest bits of `value`, most significant first.
std::string binary(unsigned value, int bits)
{
    std::string out;
    for (int i = bits - 1; i >= 0; --i)
        out += (value >> i) & 1U ? '1' : '0';
    return out;
}

const char *modeText(NtpDataReport::Mode mode)
{
    switch (mode) {
    case NtpDataReport::Mode::SymmetricActive:
        return "Symmetric active";
    case NtpDataReport::Mode::SymmetricPassive:
        return "Symmetric passive";
    case NtpDataReport::Mode::Server:
        return "Server";
    }
    return "Invalid";
}

const char *timestampingText(TimestampSource source)
{
    switch (source) {
    case TimestampSource::Daemon:
        return "Daemon";
    case TimestampSource::Kernel:
        return "Kernel";
    case TimestampSource::Hardware:
        return "Hardware";
    }
    return "Invalid";
}

// UTI_Log2ToDouble: 2^l, with chrony's clamping of absurd exponents.
double log2ToDouble(int l)
{
    constexpr int kMaxExponent = 63;
    if (l >= 0)
        return std::ldexp(1.0, std::min(l, kMaxExponent));
    return std::ldexp(1.0, std::max(l, -kMaxExponent));
}

// chronyc 4.3's legend, as every release up to 4.8 prints it (its doubled comma included); only
// chrony's development branch has added "r - stratum" and dropped the comma.
constexpr std::string_view kSelectDataLegend =
    "  . State: N - noselect, s - unsynchronised, M - missing samples,\n"
    " /         d/D - large distance, ~ - jittery, w/W - waits for others,\n"
    "|          S - stale, O - orphan, T - not trusted, P - not preferred,\n"
    "|          U - waits for update,, x - falseticker, + - combined, * - best.\n"
    "|   Effective options   ---------.  (N - noselect, P - prefer\n"
    "|   Configured options  ----.     \\  T - trust, R - require)\n"
    "|   Auth. enabled (Y/N) -.   \\     \\     Offset interval --.\n"
    "|                        |    |     |                       |\n";
constexpr std::string_view kSelectDataHeader =
    "S Name/IP Address        Auth COpts EOpts Last Score     Interval  Leap";
constexpr std::size_t kSelectDataNameWidth = 25;
constexpr int kScoreDecimals = 1;
constexpr std::size_t kScoreWidth = 5;

// The five option characters of COpts/EOpts, each its own CSV field.
void appendOptions(std::vector<Piece> &pieces, const SelectDataOptions &options)
{
    pieces.push_back(charField(options.noselect ? 'N' : '-'));
    pieces.push_back(charField(options.prefer ? 'P' : '-'));
    pieces.push_back(charField(options.trust ? 'T' : '-'));
    pieces.push_back(charField(options.require ? 'R' : '-'));
    pieces.push_back(charField('-'));
}

std::vector<Piece> selectDataPieces(const SelectDataRow &row, NameStyle names)
{
    std::vector<Piece> p;
    p.push_back(charField(row.state));
    p.push_back(literal(" "));
    p.push_back(field(padRight(chronyc::displayName(row.name, names), kSelectDataNameWidth), row.name));
    p.push_back(literal(" "));
    p.push_back(charField(row.authenticated ? 'Y' : 'N'));
    p.push_back(literal(" "));
    appendOptions(p, row.configured);
    p.push_back(literal(" "));
    appendOptions(p, row.effective);
    p.push_back(literal(" "));
    p.push_back(intervalField(row.lastSampleAge));
    p.push_back(literal(" "));
    p.push_back(field(padLeft(chronyc::formatFixed(row.score, kScoreDecimals), kScoreWidth),
                      chronyc::formatFixed(row.score, kScoreDecimals)));
    p.push_back(literal(" "));
    p.push_back(signedSecondsField(row.lowLimit));
    p.push_back(literal(" "));
    p.push_back(signedSecondsField(row.highLimit));
    p.push_back(literal("  "));
    p.push_back(shortLeapField(row.leap));
    p.push_back(literal("\n"));
    return p;
}

constexpr int kRootDecimals = 6; // ntpdata's root delay/dispersion: microseconds
constexpr int kSecondsDecimals = 9;
constexpr int kPollSecondsDecimals = 0;
constexpr int kAsymmetryDecimals = 2;
constexpr int kFirstTestsShift = 7;  // tests 1-3
constexpr int kSecondTestsShift = 4; // tests 5-7
constexpr int kTestGroupBits = 3;
constexpr int kLastTestGroupBits = 4; // tests A-D

std::vector<Piece> ntpDataPieces(const NtpDataReport &r)
{
    using chronyc::refIdHex;
    const unsigned tests = r.tests;
    std::vector<Piece> p{
        literal("Remote address  : "),
        field(r.remoteAddress),
        literal(" ("),
        field(refIdHex(r.remoteRefId)),
        literal(")\n"),
        literal("Remote port     : "),
        field(std::to_string(r.remotePort)),
        literal("\n"),
        literal("Local address   : "),
        field(r.localAddress),
        literal(" ("),
        field(refIdHex(r.localRefId)),
        literal(")\n"),
        literal("Leap status     : "),
        leapField(r.leap),
        literal("\n"),
        literal("Version         : "),
        field(std::to_string(r.version)),
        literal("\n"),
        literal("Mode            : "),
        field(modeText(r.mode)),
        literal("\n"),
        literal("Stratum         : "),
        field(std::to_string(r.stratum)),
        literal("\n"),
        literal("Poll interval   : "),
        field(std::to_string(r.poll)),
        literal(" ("),
        field(chronyc::formatFixed(log2ToDouble(r.poll), kPollSecondsDecimals)),
        literal(" seconds)\n"),
        literal("Precision       : "),
        field(std::to_string(r.precision)),
        literal(" ("),
        field(chronyc::formatFixed(log2ToDouble(r.precision), kSecondsDecimals)),
        literal(" seconds)\n"),
        literal("Root delay      : "),
        fixedField(r.rootDelay, kRootDecimals),
        literal(" seconds\n"),
        literal("Root dispersion : "),
        fixedField(r.rootDispersion, kRootDecimals),
        literal(" seconds\n"),
        literal("Reference ID    : "),
        field(refIdHex(r.referenceId)),
        literal(" ("),
        field(r.stratum <= 1 ? printableReferenceId(r.referenceId) : std::string()),
        literal(")\n"),
        literal("Reference time  : "),
        field(chronyc::formatUtcTime(r.referenceTime), chronyc::formatEpochTime(r.referenceTime)),
        literal("\n"),
        literal("Offset          : "),
        fixedField(r.offset, kSecondsDecimals, true),
        literal(" seconds\n"),
        literal("Peer delay      : "),
        fixedField(r.peerDelay, kSecondsDecimals),
        literal(" seconds\n"),
        literal("Peer dispersion : "),
        fixedField(r.peerDispersion, kSecondsDecimals),
        literal(" seconds\n"),
        literal("Response time   : "),
        fixedField(r.responseTime, kSecondsDecimals),
        literal(" seconds\n"),
        literal("Jitter asymmetry: "),
        fixedField(r.jitterAsymmetry, kAsymmetryDecimals, true),
        literal("\n"),
        literal("NTP tests       : "),
        field(binary(tests >> kFirstTestsShift, kTestGroupBits)),
        literal(" "),
        field(binary(tests >> kSecondTestsShift, kTestGroupBits)),
        literal(" "),
        field(binary(tests, kLastTestGroupBits)),
        literal("\n"),
        literal("Interleaved     : "),
        field(yesNo(r.interleaved)),
        literal("\n"),
        literal("Authenticated   : "),
        field(yesNo(r.authenticated)),
        literal("\n"),
        literal("TX timestamping : "),
        field(timestampingText(r.txTimestamping)),
        literal("\n"),
        literal("RX timestamping : "),
        field(timestampingText(r.rxTimestamping)),
        literal("\n"),
        literal("Total TX        : "),
        field(std::to_string(r.totalTx)),
        literal("\n"),
        literal("Total RX        : "),
        field(std::to_string(r.totalRx)),
        literal("\n"),
        literal("Total valid RX  : "),
        field(std::to_string(r.totalValidRx)),
        literal("\n"),
        literal("Total good RX   : "),
        field(std::to_string(r.totalGoodRx)),
        literal("\n"),
        literal("Total kernel TX : "),
        field(std::to_string(r.totalKernelTx)),
        literal("\n"),
        literal("Total kernel RX : "),
        field(std::to_string(r.totalKernelRx)),
        literal("\n"),
        literal("Total HW TX     : "),
        field(std::to_string(r.totalHwTx)),
        literal("\n"),
        literal("Total HW RX     : "),
        field(std::to_string(r.totalHwRx)),
        literal("\n"),
    };
    return p;
}

std::vector<Piece> activityPieces(const ActivityReport &r)
{
    return {
        field(std::to_string(r.online)),       literal(" sources online\n"),
        field(std::to_string(r.offline)),      literal(" sources offline\n"),
        field(std::to_string(r.burstOnline)),  literal(" sources doing burst (return to online)\n"),
        field(std::to_string(r.burstOffline)), literal(" sources doing burst (return to offline)\n"),
        field(std::to_string(r.unresolved)),   literal(" sources with unknown address\n"),
    };
}

std::vector<Piece> serverStatsPieces(const ServerStatsReport &r)
{
    const std::array<std::pair<std::string_view, std::uint64_t>, 17> lines{{
        {"NTP packets received       : ", r.ntpPacketsReceived},
        {"NTP packets dropped        : ", r.ntpPacketsDropped},
        {"Command packets received   : ", r.commandPacketsReceived},
        {"Command packets dropped    : ", r.commandPacketsDropped},
        {"Client log records dropped : ", r.clientLogRecordsDropped},
        {"NTS-KE connections accepted: ", r.ntsKeConnectionsAccepted},
        {"NTS-KE connections dropped : ", r.ntsKeConnectionsDropped},
        {"Authenticated NTP packets  : ", r.authenticatedNtpPackets},
        {"Interleaved NTP packets    : ", r.interleavedNtpPackets},
        {"NTP timestamps held        : ", r.ntpTimestampsHeld},
        {"NTP timestamp span         : ", r.ntpTimestampSpan},
        {"NTP daemon RX timestamps   : ", r.ntpDaemonRxTimestamps},
        {"NTP daemon TX timestamps   : ", r.ntpDaemonTxTimestamps},
        {"NTP kernel RX timestamps   : ", r.ntpKernelRxTimestamps},
        {"NTP kernel TX timestamps   : ", r.ntpKernelTxTimestamps},
        {"NTP hardware RX timestamps : ", r.ntpHardwareRxTimestamps},
        {"NTP hardware TX timestamps : ", r.ntpHardwareTxTimestamps},
    }};
    std::vector<Piece> pieces;
    for (const auto &[label, value] : lines) {
        pieces.push_back(literal(label));
        pieces.push_back(field(std::to_string(value)));
        pieces.push_back(literal("\n"));
    }
    return pieces;
}

constexpr std::string_view kClientsHeader =
    "Hostname                      NTP   Drop Int IntL Last     Cmd   Drop Int  Last";
constexpr std::size_t kClientNameWidth = 25;
constexpr std::size_t kClientPacketsWidth = 6;
constexpr std::size_t kClientDropsWidth = 5;
constexpr std::size_t kClientIntervalWidth = 2;
// What chronyd sends for an interval it does not know, and what "-c" prints for it.
constexpr int kUnknownClientInterval = 127;

// chronyc's "%C": a log2 interval, "%2d" or " -" when unknown; CSV prints the number itself.
Piece clientIntervalField(std::optional<int> log2Interval)
{
    const int wire = log2Interval.value_or(kUnknownClientInterval);
    const std::string number = std::to_string(wire);
    return field(wire >= kUnknownClientInterval ? padLeft("-", kClientIntervalWidth)
                                                : padLeft(number, kClientIntervalWidth),
                 number);
}

Piece countField(std::uint32_t count, std::size_t width)
{
    return field(padLeft(std::to_string(count), width), std::to_string(count));
}

std::vector<Piece> clientPieces(const ClientReportRow &r)
{
    return {
        field(padRight(r.name, kClientNameWidth), r.name),
        literal("  "),
        countField(r.ntpPackets, kClientPacketsWidth),
        literal("  "),
        countField(r.ntpDropped, kClientDropsWidth),
        literal("  "),
        clientIntervalField(r.ntpIntervalLog2),
        literal("  "),
        clientIntervalField(r.ntpLimitedIntervalLog2),
        literal("  "),
        intervalField(r.lastNtpAge),
        literal("  "),
        countField(r.commandPackets, kClientPacketsWidth),
        literal("  "),
        countField(r.commandDropped, kClientDropsWidth),
        literal("  "),
        clientIntervalField(r.commandIntervalLog2),
        literal("  "),
        intervalField(r.lastCommandAge),
        literal("\n"),
    };
}

} // namespace

namespace {

constexpr std::string_view kAuthDataHeader =
    "Name/IP address             Mode KeyID Type KLen Last Atmp  NAK Cook CLen";
constexpr std::size_t kAuthDataNameWidth = 27;
constexpr std::size_t kAuthDataModeWidth = 4;
constexpr std::size_t kAuthDataKeyIdWidth = 5;
constexpr std::size_t kAuthDataColumnWidth = 4;

std::vector<Piece> authDataPieces(const AuthDataRow &r, NameStyle names)
{
    const auto number = [](auto value, std::size_t width) {
        return field(padLeft(std::to_string(value), width), std::to_string(value));
    };
    return {
        field(padRight(chronyc::displayName(r.name, names), kAuthDataNameWidth), r.name),
        literal(" "),
        field(padLeft(r.mode, kAuthDataModeWidth), r.mode),
        literal(" "),
        number(r.keyId, kAuthDataKeyIdWidth),
        literal(" "),
        number(r.keyType, kAuthDataColumnWidth),
        literal(" "),
        number(r.keyLength, kAuthDataColumnWidth),
        literal(" "),
        intervalField(r.lastKeyEstablishment),
        literal(" "),
        number(r.attempts, kAuthDataColumnWidth),
        literal(" "),
        number(r.naks, kAuthDataColumnWidth),
        literal(" "),
        number(r.cookies, kAuthDataColumnWidth),
        literal(" "),
        number(r.cookieLength, kAuthDataColumnWidth),
        literal("\n"),
    };
}

} // namespace

std::string formatAuthData(const std::vector<AuthDataRow> &rows, NameStyle names)
{
    std::string out = std::string(kAuthDataHeader) + '\n' + std::string(kAuthDataHeader.size(), '=') + '\n';
    for (const AuthDataRow &row : rows)
        out += render(authDataPieces(row, names), false);
    return out;
}

std::string formatAuthDataCsv(const std::vector<AuthDataRow> &rows)
{
    std::string out;
    for (const AuthDataRow &row : rows)
        out += render(authDataPieces(row, NameStyle::Verbatim), true);
    return out;
}

std::string formatClients(const std::vector<ClientReportRow> &rows)
{
    std::string out = std::string(kClientsHeader) + '\n' + std::string(kClientsHeader.size(), '=') + '\n';
    for (const ClientReportRow &row : rows)
        out += render(clientPieces(row), false);
    return out;
}

std::string formatClientsCsv(const std::vector<ClientReportRow> &rows)
{
    std::string out;
    for (const ClientReportRow &row : rows)
        out += render(clientPieces(row), true);
    return out;
}

std::string formatActivity(const ActivityReport &report)
{
    return "200 OK\n" + render(activityPieces(report), false);
}

std::string formatActivityCsv(const ActivityReport &report)
{
    return render(activityPieces(report), true);
}

std::string formatServerStats(const ServerStatsReport &report)
{
    return render(serverStatsPieces(report), false);
}

std::string formatServerStatsCsv(const ServerStatsReport &report)
{
    return render(serverStatsPieces(report), true);
}

std::string formatSelectData(const std::vector<SelectDataRow> &rows, bool verbose, NameStyle names)
{
    std::string out = verbose ? std::string(kSelectDataLegend) : std::string();
    out += std::string(kSelectDataHeader) + '\n' + std::string(kSelectDataHeader.size(), '=') + '\n';
    for (const SelectDataRow &row : rows)
        out += render(selectDataPieces(row, names), false);
    return out;
}

std::string formatSelectDataCsv(const std::vector<SelectDataRow> &rows)
{
    std::string out;
    for (const SelectDataRow &row : rows)
        out += render(selectDataPieces(row, NameStyle::Verbatim), true);
    return out;
}

std::string formatNtpData(const std::vector<NtpDataReport> &reports, bool oneAddress)
{
    std::string out;
    for (const NtpDataReport &report : reports) {
        if (!oneAddress)
            out += '\n';
        out += render(ntpDataPieces(report), false);
    }
    return out;
}

std::string formatNtpDataCsv(const std::vector<NtpDataReport> &reports)
{
    std::string out;
    for (const NtpDataReport &report : reports)
        out += render(ntpDataPieces(report), true);
    return out;
}

} // namespace s1
