#include "wizard/GpsRefClockPlan.h"

#include "config/ConfigValues.h"

#include <algorithm>
#include <filesystem>

namespace s1 {

namespace {

constexpr std::string_view kRefClock = "refclock";
constexpr std::string_view kNmeaDriver = "NMEA";
constexpr std::string_view kPpsDriver = "PPS";
constexpr std::size_t kDriverWord = 1;
constexpr std::size_t kParameterWord = 2;

} // namespace

bool fitsOnRefClockLine(const QString &path)
{
    return std::none_of(path.begin(), path.end(), [](QChar c) { return c.isSpace(); });
}

bool sameDevice(const std::string &a, const std::string &b)
{
    if (a == b)
        return true;
    std::error_code error;
    const bool same = std::filesystem::equivalent(a, b, error);
    return !error && same;
}

GpsRefClockPlan::GpsRefClockPlan(GpsRefClockChoice choice)
    : m_choice(std::move(choice))
{ }

std::string GpsRefClockPlan::nmeaLine() const
{
    std::string line = "refclock NMEA " + m_choice.port + ":" + std::to_string(m_choice.baudRate) + " refid "
                       + kNmeaRefId + " offset " + formatNumber(kNmeaOffset) + " delay " + formatNumber(kNmeaDelay);
    // With a PPS the serial time only numbers the pulses; selecting it as well would let its
    // millisecond jitter compete with the PPS's microseconds.
    if (!m_choice.ppsDevice.empty())
        line += " noselect";
    return line;
}

std::string GpsRefClockPlan::ppsLine() const
{
    return "refclock PPS " + m_choice.ppsDevice + " lock " + kNmeaRefId + " refid " + kPpsRefId + " prefer";
}

std::vector<std::string> GpsRefClockPlan::lines() const
{
    std::vector<std::string> out{nmeaLine()};
    if (!m_choice.ppsDevice.empty())
        out.push_back(ppsLine());
    return out;
}

std::vector<std::size_t> GpsRefClockPlan::linesFor(const ConfigDocument &document, std::string_view driver,
                                                   const std::string &device)
{
    std::vector<std::size_t> out;
    for (const std::size_t index : document.findDirectives(kRefClock)) {
        const ConfigLine &line = document.line(index);
        // chronyd compares driver names case-sensitively.
        if (line.wordCount() <= kParameterWord || line.word(kDriverWord).text != driver)
            continue;
        const std::string_view parameter = line.word(kParameterWord).text;
        const std::string path(parameter.substr(0, parameter.find(':')));
        if (sameDevice(path, device))
            out.push_back(index);
    }
    return out;
}

std::vector<std::size_t> GpsRefClockPlan::replacedLines(const ConfigDocument &document) const
{
    std::vector<std::size_t> out = linesFor(document, kNmeaDriver, m_choice.port);
    if (!m_choice.ppsDevice.empty()) {
        const auto pps = linesFor(document, kPpsDriver, m_choice.ppsDevice);
        out.insert(out.end(), pps.begin(), pps.end());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool GpsRefClockPlan::replace(ConfigDocument &document, const std::vector<std::size_t> &existing,
                              const std::string &text)
{
    if (existing.empty())
        return false;
    document.setLineText(existing.front(), text);
    // From the back, so the indexes still to remove stay valid.
    for (auto it = existing.rbegin(); it + 1 != existing.rend(); ++it)
        document.removeLine(*it);
    return true;
}

void GpsRefClockPlan::applyTo(ConfigDocument &document) const
{
    std::vector<std::string> toAppend;
    if (!replace(document, linesFor(document, kNmeaDriver, m_choice.port), nmeaLine()))
        toAppend.push_back(nmeaLine());
    // Looked up after the NMEA edit, which may have removed lines.
    if (!m_choice.ppsDevice.empty()
        && !replace(document, linesFor(document, kPpsDriver, m_choice.ppsDevice), ppsLine()))
        toAppend.push_back(ppsLine());
    if (toAppend.empty())
        return;
    document.addDirective(kAppendedComment);
    for (const std::string &line : toAppend)
        document.addDirective(line);
}

} // namespace s1
