#include "gps/SerialLinkLoad.h"

#include "gps/NmeaSentence.h"
#include "gps/config/SerialLinkAdvice.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace s1 {

namespace {

std::int64_t secondOf(RealTime t)
{
    return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

} // namespace

std::string SerialLinkLoad::talkerKey(const NmeaSentence &sentence)
{
    return sentence.isProprietary() ? sentence.address() : sentence.formatter();
}

bool SerialLinkLoad::isBufferWarning(std::string_view text)
{
    // u-blox says "txbuf alloc" (TXT type 00, or UBX-INF-ERROR) when its transmit buffer is
    // full; other firmware words it as an overflow or a full buffer.
    const std::string t = lowered(text);
    const bool buffer = t.find("txbuf") != std::string::npos || t.find("buffer") != std::string::npos
                        || t.find("buf ") != std::string::npos;
    const bool trouble = t.find("txbuf") != std::string::npos || t.find("overflow") != std::string::npos
                         || t.find("overrun") != std::string::npos || t.find("full") != std::string::npos
                         || t.find("alloc") != std::string::npos;
    return buffer && trouble;
}

bool SerialLinkLoad::isUsbDevice(std::string_view path)
{
    return path.find("ttyACM") != std::string_view::npos;
}

SerialLinkLoad::Second &SerialLinkLoad::second(RealTime t)
{
    const std::int64_t index = secondOf(t);
    if (!m_firstSecond)
        m_firstSecond = index;
    // Reads come in raw clock order; a late one joins the newest second rather than reorder.
    if (m_seconds.empty() || m_seconds.back().index < index) {
        m_seconds.push_back(Second{index, 0, {}, 0, 0, 0});
        prune(t);
    }
    return m_seconds.back();
}

void SerialLinkLoad::prune(RealTime t)
{
    const std::int64_t oldest = secondOf(t) - kWindowSeconds;
    while (!m_seconds.empty() && m_seconds.front().index < oldest)
        m_seconds.pop_front();
    const RealTime burstLimit = t - std::chrono::seconds(kWindowSeconds);
    while (m_bursts.size() > 1 && m_bursts.front().end < burstLimit)
        m_bursts.pop_front();
}

void SerialLinkLoad::addRead(std::size_t bytes, RealTime readTime)
{
    if (bytes == 0)
        return;
    second(readTime).bytes += bytes;
    const double airtime = m_baud > 0 ? double(bytes) * kBitsPerByte / m_baud : 0.0;
    const RealTime firstByte = readTime - fromSeconds(airtime);
    if (m_bursts.empty() || toSeconds(firstByte - m_bursts.back().end) > kBurstGap)
        m_bursts.push_back(Burst{firstByte, readTime, 0});
    m_bursts.back().end = readTime;
    m_bursts.back().bytes += bytes;
}

void SerialLinkLoad::addMessage(const std::string &type, std::size_t bytes, RealTime readTime)
{
    auto &types = second(readTime).types;
    if (types.size() >= kMaxTypes && !types.contains(type))
        types[kOtherType] += bytes;
    else
        types[type] += bytes;
}

void SerialLinkLoad::countTruncated(RealTime readTime)
{
    ++second(readTime).truncated;
}

void SerialLinkLoad::countDamaged(RealTime readTime)
{
    ++second(readTime).damaged;
}

void SerialLinkLoad::noteReceiverText(std::string_view text, RealTime readTime)
{
    if (!isBufferWarning(text))
        return;
    ++second(readTime).warnings;
    constexpr std::size_t kMaxWarningText = 80;
    m_lastWarning = std::string(text.substr(0, kMaxWarningText));
}

GpsLinkLoad SerialLinkLoad::snapshot(RealTime now) const
{
    GpsLinkLoad out;
    out.baudRate = m_baud;
    out.usb = m_usb;
    const std::int64_t current = secondOf(now);
    // Rates from whole seconds only: the current one is still filling.
    const std::int64_t from = std::max(current - kWindowSeconds, m_firstSecond.value_or(current));
    const std::int64_t span = std::max<std::int64_t>(current - from, 0);
    std::uint64_t bytes = 0;
    std::map<std::string, std::uint64_t> types;
    for (const Second &s : m_seconds) {
        // The signs count at once, the current second included.
        if (s.index >= current - kWindowSeconds && s.index <= current) {
            out.truncatedSentences += s.truncated;
            out.damagedMessages += s.damaged;
            out.receiverWarnings += s.warnings;
        }
        if (s.index < from || s.index >= current)
            continue;
        bytes += s.bytes;
        for (const auto &[type, n] : s.types)
            types[type] += n;
    }
    if (out.receiverWarnings > 0)
        out.lastReceiverWarning = m_lastWarning;
    out.windowSeconds = double(span);
    if (span > 0) {
        out.bytesPerSecond = double(bytes) / double(span);
        for (const auto &[type, n] : types)
            out.talkers.push_back({type, double(n) / double(span)});
        std::stable_sort(out.talkers.begin(), out.talkers.end(), [](const GpsTalkerLoad &a, const GpsTalkerLoad &b) {
            return a.bytesPerSecond > b.bytesPerSecond;
        });
    }
    // On USB the line is not the limit: no capacity, no load, only the receiver's warnings.
    const double capacity = m_usb ? 0.0 : double(m_baud) / kBitsPerByte; // bytes/s
    if (capacity > 0)
        out.load = out.bytesPerSecond / capacity;

    // Bursts within the window: their spacing is the epoch interval; the longest one's airtime
    // must fit in it. A burst that went on for longer than an interval is the line never idle:
    // the load says it.
    const RealTime windowStart = now - std::chrono::seconds(kWindowSeconds);
    std::vector<double> spacings;
    std::optional<RealTime> previousStart;
    for (const Burst &b : m_bursts) {
        if (b.end < windowStart)
            continue;
        if (previousStart)
            spacings.push_back(toSeconds(b.start - *previousStart));
        previousStart = b.start;
    }
    if (!spacings.empty()) {
        std::nth_element(spacings.begin(), spacings.begin() + std::ptrdiff_t(spacings.size() / 2), spacings.end());
        out.epochInterval = spacings[spacings.size() / 2];
    }
    const double interval = out.epochInterval.value_or(kDefaultEpochInterval);
    for (const Burst &b : m_bursts) {
        if (b.end < windowStart || capacity <= 0)
            continue;
        if (toSeconds(b.end - b.start) <= interval)
            out.longestBurst = std::max(out.longestBurst, double(b.bytes) / capacity);
    }

    const bool measured = capacity > 0 && span > 0;
    const bool tooBusy = measured && (out.load > kMaxLoad || out.longestBurst > kMaxBurstFraction * interval);
    const bool cutWhileBusy =
        measured && out.load > kBusyLoad && out.truncatedSentences + out.damagedMessages >= kOverflowSigns;
    out.overloaded = tooBusy || cutWhileBusy || out.receiverWarnings > 0;
    if (out.overloaded)
        out.advice = serialLinkAdvice(out);
    if (out.talkers.size() > kMaxTalkers)
        out.talkers.resize(kMaxTalkers);
    return out;
}

} // namespace s1
