#include "logging/ChronyLogFormat.h"

#include "ntp/ReferenceId.h"
#include "text/NumberText.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cinttypes>
#include <cstdio>

namespace s1 {

namespace {

// --- Column headers, exactly as chronyd's LOG_FileOpen calls spell them.

constexpr std::string_view kTrackingHeader =
    "   Date (UTC) Time     IP Address   St   Freq ppm   Skew ppm     Offset L Co  Offset sd"
    " Rem. corr. Root delay Root disp. Max. error";
constexpr std::string_view kMeasurementsHeader =
    "   Date (UTC) Time     IP Address   L St 123 567 ABCD  LP RP Score    Offset  Peer del."
    " Peer disp.  Root del. Root disp. Refid     MTxRx";
constexpr std::string_view kStatisticsHeader =
    "   Date (UTC) Time     IP Address    Std dev'n Est offset  Offset sd  Diff freq   Est skew"
    "  Stress  Ns  Bs  Nr  Asym";
constexpr std::string_view kRefclocksHeader =
    "   Date (UTC) Time         Refid  DP L P  Raw offset   Cooked offset      Disp.";

// chronyd builds the '=' rule in a 256-byte buffer.
constexpr std::size_t kMaxBannerRule = 255;
constexpr char kBannerRuleChar = '=';

// --- Column widths and precisions shared by several formats.
constexpr int kAddressWidth = 15;      // %-15s
constexpr int kRefclockRefIdWidth = 5; // %-5s
constexpr int kSmallIntWidth = 2;      // %2d: stratum, sources, polls
constexpr int kCountWidth = 3;         // %3d: sample counts, driver poll
constexpr int kPpmWidth = 10;          // %10.3f
constexpr int kPpmDecimals = 3;
constexpr int kSciWidth = 10; // %10.3e: most seconds columns
constexpr int kSciDigits = 3;
constexpr int kFineSciWidth = 13; // %13.6e: refclock offsets
constexpr int kFineSciDigits = 6;
constexpr int kStressWidth = 7; // %7.1e
constexpr int kStressDigits = 1;
constexpr int kScoreWidth = 4; // %4.2f: measurement poll score
constexpr int kScoreDecimals = 2;
constexpr int kAsymmetryWidth = 5; // %5.2f
constexpr int kAsymmetryDecimals = 2;

constexpr int kDigitWidth = 1; // %1d: NTP mode
constexpr std::int64_t kNanosPerMicro = 1'000;

// Appends printf-style fields to one line, one call per conversion of chronyd's format.
class LineBuilder
{
public:
    LineBuilder &text(std::string_view literal)
    {
        m_line.append(literal);
        return *this;
    }
    LineBuilder &space() { return text(" "); }
    // %-Ns
    LineBuilder &left(std::string_view value, int width)
    {
        m_line.append(value);
        return pad(value.size(), width);
    }
    // %Ns
    LineBuilder &right(std::string_view value, int width)
    {
        pad(value.size(), width);
        m_line.append(value);
        return *this;
    }
    // %Nd
    LineBuilder &integer(long long value, int width) { return right(std::to_string(value), width); }
    // %1d of a pass/fail or yes/no flag
    LineBuilder &flag(bool value) { return text(value ? "1" : "0"); }
    // %1c
    LineBuilder &character(char value) { return text(std::string_view(&value, 1)); }
    // %W.Pe
    LineBuilder &scientific(double value, int width, int digits) { return right(scientificText(value, digits), width); }
    // %W.Pf
    LineBuilder &fixed(double value, int width, int decimals) { return right(fixedText(value, decimals), width); }
    // %08X
    LineBuilder &hex32(std::uint32_t value)
    {
        std::array<char, 16> buffer{};
        std::snprintf(buffer.data(), buffer.size(), "%08" PRIX32, value);
        return text(buffer.data());
    }

    std::string take() { return std::move(m_line); }

private:
    LineBuilder &pad(std::size_t used, int width)
    {
        const auto target = static_cast<std::size_t>(std::max(width, 0));
        if (used < target)
            m_line.append(target - used, ' ');
        return *this;
    }

    std::string m_line;
};

std::string addressText(const IpAddress &address)
{
    // IpAddress prints like chronyd's UTI_IPToString: dotted quad, inet_ntop for IPv6 and
    // "[UNSPEC]" for no address.
    return address.toString();
}

} // namespace

// --- Building blocks

namespace chronylog {

std::string logTime(RealTime time)
{
    using namespace std::chrono;
    const auto wholeSeconds = floor<seconds>(time);
    const auto day = floor<days>(wholeSeconds);
    const year_month_day date{day};
    const hh_mm_ss timeOfDay{wholeSeconds - day};
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(timeOfDay.hours().count()), static_cast<int>(timeOfDay.minutes().count()),
                  static_cast<int>(timeOfDay.seconds().count()));
    return buffer.data();
}

std::string logTimeMicros(RealTime time)
{
    using namespace std::chrono;
    // chronyd prints (int)tv_nsec / 1000: the fraction of the floored second, truncated.
    const auto fraction = time - floor<seconds>(time);
    const auto micros = static_cast<int>(fraction.count() / kNanosPerMicro);
    std::array<char, 16> buffer{};
    std::snprintf(buffer.data(), buffer.size(), ".%06d", micros);
    return logTime(time) + buffer.data();
}

std::string sourceText(const IpAddress &address, std::uint32_t refId)
{
    return address.isNull() ? printableReferenceId(refId) : addressText(address);
}

char leapChar(LeapIndicator leap)
{
    switch (leap) {
    case LeapIndicator::None:
        return 'N';
    case LeapIndicator::InsertSecond:
        return '+';
    case LeapIndicator::DeleteSecond:
        return '-';
    case LeapIndicator::Unsynchronised:
        return '?';
    }
    return '?';
}

char timestampSourceChar(TimestampSource source)
{
    switch (source) {
    case TimestampSource::Daemon:
        return 'D';
    case TimestampSource::Kernel:
        return 'K';
    case TimestampSource::Hardware:
        return 'H';
    }
    return '?';
}

} // namespace chronylog

// --- Names, headers, banners

std::string_view chronyLogName(ChronyLog log)
{
    switch (log) {
    case ChronyLog::Tracking:
        return "tracking";
    case ChronyLog::Measurements:
        return "measurements";
    case ChronyLog::Statistics:
        return "statistics";
    case ChronyLog::Refclocks:
        return "refclocks";
    }
    return {};
}

std::string_view chronyLogHeader(ChronyLog log)
{
    switch (log) {
    case ChronyLog::Tracking:
        return kTrackingHeader;
    case ChronyLog::Measurements:
        return kMeasurementsHeader;
    case ChronyLog::Statistics:
        return kStatisticsHeader;
    case ChronyLog::Refclocks:
        return kRefclocksHeader;
    }
    return {};
}

std::string formatChronyLogBanner(std::string_view header)
{
    const std::string rule(std::min(header.size(), kMaxBannerRule), kBannerRuleChar);
    std::string banner;
    banner.reserve(2 * rule.size() + header.size() + 3);
    banner.append(rule).append("\n").append(header).append("\n").append(rule).append("\n");
    return banner;
}

std::string formatChronyLogBanner(ChronyLog log)
{
    return formatChronyLogBanner(chronyLogHeader(log));
}

// --- Data lines

// tracking.log (reference.c, write_log):
//   "%s %-15s %2d %10.3f %10.3f %10.3e %1c %2d %10.3e %10.3e %10.3e %10.3e %10.3e"
//   date and time, reference address or refid text, stratum, frequency (ppm), skew (ppm),
//   offset, leap, combined sources, offset sd, remaining correction, root delay,
//   root dispersion, max. error.
std::string formatChronyLogLine(const TrackingLogRecord &record)
{
    LineBuilder line;
    line.text(chronylog::logTime(record.time))
        .space()
        .left(chronylog::sourceText(record.referenceAddress, record.referenceId), kAddressWidth)
        .space()
        .integer(record.stratum, kSmallIntWidth)
        .space()
        .fixed(record.frequencyPpm, kPpmWidth, kPpmDecimals)
        .space()
        .fixed(record.skewPpm, kPpmWidth, kPpmDecimals)
        .space()
        .scientific(record.offset, kSciWidth, kSciDigits)
        .space()
        .character(chronylog::leapChar(record.leap))
        .space()
        .integer(record.combinedSources, kSmallIntWidth)
        .space()
        .scientific(record.offsetSd, kSciWidth, kSciDigits)
        .space()
        .scientific(record.remainingCorrection, kSciWidth, kSciDigits)
        .space()
        .scientific(record.rootDelay, kSciWidth, kSciDigits)
        .space()
        .scientific(record.rootDispersion, kSciWidth, kSciDigits)
        .space()
        .scientific(record.maxError, kSciWidth, kSciDigits);
    return line.take();
}

// measurements.log (ntp_core.c, end of receive processing):
//   "%s %-15s %1c %2d %1d%1d%1d %1d%1d%1d %1d%1d%1d%d  %2d %2d %4.2f %10.3e %10.3e %10.3e %10.3e
//    %10.3e %08X %1d%1c %1c %1c"
//   date and time, address, leap, stratum, tests 1-3, tests 5-7, tests A-D, local poll,
//   remote poll, score, offset, peer delay, peer dispersion, root delay, root dispersion,
//   refid (hex), NTP mode + 'I'/'B', transmit and receive timestamp sources.
std::string formatChronyLogLine(const MeasurementLogRecord &record)
{
    LineBuilder line;
    line.text(chronylog::logTime(record.time))
        .space()
        .left(addressText(record.address), kAddressWidth)
        .space()
        .character(chronylog::leapChar(record.leap))
        .space()
        .integer(record.stratum, kSmallIntWidth)
        .space()
        .flag(record.test1)
        .flag(record.test2)
        .flag(record.test3)
        .space()
        .flag(record.test5)
        .flag(record.test6)
        .flag(record.test7)
        .space()
        .flag(record.testA)
        .flag(record.testB)
        .flag(record.testC)
        .flag(record.testD)
        .text("  ")
        .integer(record.localPoll, kSmallIntWidth)
        .space()
        .integer(record.remotePoll, kSmallIntWidth)
        .space()
        .fixed(record.pollScore, kScoreWidth, kScoreDecimals)
        .space()
        .scientific(record.offset, kSciWidth, kSciDigits)
        .space()
        .scientific(record.peerDelay, kSciWidth, kSciDigits)
        .space()
        .scientific(record.peerDispersion, kSciWidth, kSciDigits)
        .space()
        .scientific(record.rootDelay, kSciWidth, kSciDigits)
        .space()
        .scientific(record.rootDispersion, kSciWidth, kSciDigits)
        .space()
        .hex32(record.referenceId)
        .space()
        .integer(record.ntpMode, kDigitWidth)
        .character(record.interleaved ? 'I' : 'B')
        .space()
        .character(chronylog::timestampSourceChar(record.transmitSource))
        .space()
        .character(chronylog::timestampSourceChar(record.receiveSource));
    return line.take();
}

// statistics.log (sourcestats.c, SST_DoNewRegression):
//   "%s %-15s %10.3e %10.3e %10.3e %10.3e %10.3e %7.1e %3d %3d %3d %5.2f"
//   date and time, address or refid text, std dev, estimated offset, offset sd,
//   residual frequency, skew, stress, samples, best start, runs, asymmetry.
std::string formatChronyLogLine(const StatisticsLogRecord &record)
{
    LineBuilder line;
    line.text(chronylog::logTime(record.time))
        .space()
        .left(chronylog::sourceText(record.address, record.referenceId), kAddressWidth)
        .space()
        .scientific(record.stdDev, kSciWidth, kSciDigits)
        .space()
        .scientific(record.estimatedOffset, kSciWidth, kSciDigits)
        .space()
        .scientific(record.offsetSd, kSciWidth, kSciDigits)
        .space()
        .scientific(record.residualFrequency, kSciWidth, kSciDigits)
        .space()
        .scientific(record.skew, kSciWidth, kSciDigits)
        .space()
        .scientific(record.stress, kStressWidth, kStressDigits)
        .space()
        .integer(record.samples, kCountWidth)
        .space()
        .integer(record.bestStart, kCountWidth)
        .space()
        .integer(record.runs, kCountWidth)
        .space()
        .fixed(record.asymmetry, kAsymmetryWidth, kAsymmetryDecimals);
    return line.take();
}

// refclocks.log (refclock.c, log_sample), raw driver samples:
//   "%s.%06d %-5s %3d %1c %1d %13.6e %13.6e %10.3e"
//   date and time with microseconds, refid text, driver poll, leap, pulse, raw offset,
//   cooked offset, dispersion.
// and filtered samples, with fixed dashes in the columns that have no value:
//   "%s.%06d %-5s   - %1c -       -       %13.6e %10.3e"
std::string formatChronyLogLine(const RefclockLogRecord &record)
{
    LineBuilder line;
    line.text(chronylog::logTimeMicros(record.time))
        .space()
        .left(printableReferenceId(record.referenceId), kRefclockRefIdWidth)
        .space();
    if (record.filtered) {
        line.text("  - ").character(chronylog::leapChar(record.leap)).text(" -       -       ");
    } else {
        line.integer(record.driverPoll, kCountWidth)
            .space()
            .character(chronylog::leapChar(record.leap))
            .space()
            .flag(record.pulse)
            .space()
            .scientific(record.rawOffset, kFineSciWidth, kFineSciDigits)
            .space();
    }
    line.scientific(record.cookedOffset, kFineSciWidth, kFineSciDigits)
        .space()
        .scientific(record.dispersion, kSciWidth, kSciDigits);
    return line.take();
}

} // namespace s1
