#include "gps/GpsStreamDecoder.h"

#include "gps/Rtcm3Frame.h"

#include <algorithm>
#include <cmath>

namespace s1 {

// The line load finds bursts and airtime as the decoder does.
static_assert(SerialLinkLoad::kBurstGap == GpsStreamDecoder::kBurstGap);
static_assert(SerialLinkLoad::kBitsPerByte == GpsStreamDecoder::kBitsPerByte);

namespace {

constexpr std::uint8_t kCr = '\r';
constexpr std::uint8_t kLf = '\n';
constexpr std::uint8_t kFirstPrintable = 0x20;
constexpr std::uint8_t kLastPrintable = 0x7e;

bool isNmeaStart(std::uint8_t b)
{
    return b == '$' || b == '!';
}
bool isLineEnd(std::uint8_t b)
{
    return b == kCr || b == kLf;
}
bool couldStartItem(std::uint8_t b)
{
    return isNmeaStart(b) || b == UbxFrame::kSync1 || b == Rtcm3Frame::kPreamble || isLineEnd(b);
}

// Two valid epochs are the same receiver epoch when UBX says so (every NAV message of one
// epoch carries its iTOW) or, for NMEA, when their times agree.
bool sameEpoch(const GpsValidEpoch &a, const GpsValidEpoch &b)
{
    if (a.iTowMs && b.iTowMs)
        return *a.iTowMs == *b.iTowMs;
    return std::fabs(toSeconds(a.epochUtc - b.epochUtc)) < GpsStreamDecoder::kSameEpochTolerance;
}

} // namespace

GpsStreamDecoder::GpsStreamDecoder()
{
    m_buffer.reserve(2 * kFeedSlice);
}

void GpsStreamDecoder::setBaudRate(int baud)
{
    m_baud = std::max(baud, 0);
    m_state.setBaudRate(m_baud);
    m_load.setBaudRate(m_baud);
}

void GpsStreamDecoder::feed(std::span<const std::uint8_t> bytes, RealTime readTime)
{
    if (bytes.empty())
        return;
    m_load.addRead(bytes.size(), readTime);
    const double transfer = m_baud > 0 ? double(bytes.size()) * kBitsPerByte / m_baud : 0.0;
    const RealTime firstByte = readTime - fromSeconds(transfer);
    if (!m_lastReadTime || toSeconds(firstByte - *m_lastReadTime) > kBurstGap) {
        finishEpoch(); // a new burst is a new epoch
        m_bursts.push_back({m_streamEnd, firstByte, m_lastReadTime.has_value()});
    }
    m_lastReadTime = readTime;

    // Bounded: each pass appends at most kFeedSlice bytes and process() leaves at most one
    // incomplete item (<= one UBX frame) in the buffer.
    while (!bytes.empty()) {
        const std::size_t n = std::min(bytes.size(), kFeedSlice);
        m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
        m_streamEnd += n;
        bytes = bytes.subspan(n);
        process(readTime);
    }
    // Burst marks before the buffered data are no longer needed, except the one it belongs to.
    while (m_bursts.size() > 1 && m_bursts[1].position <= m_bufferPosition)
        m_bursts.pop_front();
}

void GpsStreamDecoder::process(RealTime readTime)
{
    // Every successful consumeOne() removes at least one byte.
    while (!m_buffer.empty() && consumeOne(readTime)) { }
}

void GpsStreamDecoder::poll(RealTime now)
{
    if (m_lastReadTime && toSeconds(now - *m_lastReadTime) >= kBurstGap)
        finishEpoch();
}

std::optional<RealTime> GpsStreamDecoder::nextDeadline() const
{
    if (!m_candidate || !m_lastReadTime)
        return std::nullopt;
    return *m_lastReadTime + fromSeconds(kBurstGap);
}

void GpsStreamDecoder::drop(std::size_t bytes, bool garbage)
{
    bytes = std::min(bytes, m_buffer.size());
    if (garbage) {
        // Bytes inside a frame that failed its checksum were counted as that checksum error.
        const std::uint64_t end = m_bufferPosition + bytes;
        const std::uint64_t counted = end > m_quietUntil ? end - std::max(m_quietUntil, m_bufferPosition) : 0;
        m_state.countGarbage(counted);
    }
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(bytes));
    m_bufferPosition += bytes;
}

bool GpsStreamDecoder::consumeOne(RealTime readTime)
{
    const std::uint8_t first = m_buffer.front();
    if (isNmeaStart(first))
        return consumeNmea(readTime);
    if (first == UbxFrame::kSync1)
        return consumeUbx(readTime);
    if (first == Rtcm3Frame::kPreamble)
        return consumeRtcm3(readTime);
    if (isLineEnd(first)) {
        drop(1, false);
        return true;
    }
    // Noise: skip to the next byte that could start something.
    const auto next = std::find_if(m_buffer.begin() + 1, m_buffer.end(), couldStartItem);
    drop(static_cast<std::size_t>(next - m_buffer.begin()), true);
    return true;
}

bool GpsStreamDecoder::consumeNmea(RealTime readTime)
{
    const std::size_t limit = std::min(m_buffer.size(), NmeaSentence::kMaxLength + 1);
    std::size_t end = 1;
    while (end < limit) {
        const std::uint8_t b = m_buffer[end];
        if (isLineEnd(b) || isNmeaStart(b) || b < kFirstPrintable || b > kLastPrintable)
            break;
        ++end;
    }
    if (end == m_buffer.size())
        return false; // the rest of the line has not arrived yet
    if (end >= limit || !isLineEnd(m_buffer[end])) {
        // Too long, or cut short by a new sentence, a UBX frame or noise. The first two are
        // what a receiver whose transmit buffer overflowed sends; noise is a wrong speed.
        if (end >= limit || isNmeaStart(m_buffer[end]) || m_buffer[end] == UbxFrame::kSync1)
            m_load.countTruncated(readTime);
        drop(end, true);
        return true;
    }
    const std::string_view line(reinterpret_cast<const char *>(m_buffer.data()), end);
    NmeaSentence::Error error = NmeaSentence::Error::None;
    const auto sentence = NmeaSentence::parse(line, &error);
    if (!sentence) {
        if (error == NmeaSentence::Error::ChecksumMismatch) {
            m_state.countChecksumError();
            m_load.countDamaged(readTime);
        }
        drop(end, error != NmeaSentence::Error::ChecksumMismatch);
        return true;
    }
    const std::uint64_t position = m_bufferPosition;
    if (const auto epoch = m_state.applyNmea(*sentence, readTime))
        offerEpoch(*epoch, position);
    // The line end belongs to the sentence: CR LF, or a lone CR or LF. An LF that has not
    // arrived yet counts in the total only (the per-type figures may miss that byte).
    const bool crLf = m_buffer[end] == kCr && end + 1 < m_buffer.size() && m_buffer[end + 1] == kLf;
    m_load.addMessage(SerialLinkLoad::talkerKey(*sentence), end + (crLf ? 2 : 1), readTime);
    if (sentence->formatter() == "TXT" && !sentence->isProprietary()) {
        // The text is field 4; u-blox's buffer warning is one field, but others may hold commas.
        std::string text;
        for (std::size_t i = 4; i <= sentence->fieldCount(); ++i)
            text += (i == 4 ? "" : ",") + std::string(sentence->field(i));
        m_load.noteReceiverText(text, readTime);
    }
    if (m_observer)
        m_observer(sentence->address(), std::span<const std::uint8_t>(m_buffer.data(), end));
    drop(end, false);
    return true;
}

bool GpsStreamDecoder::consumeUbx(RealTime readTime)
{
    std::size_t consumed = 0;
    switch (UbxFrame::parse(m_buffer, m_frame, consumed)) {
    case UbxFrame::Result::NeedMore:
        return false;
    case UbxFrame::Result::Invalid:
        // A B5 that is not a frame: resync after it.
        drop(1, true);
        return true;
    case UbxFrame::Result::BadChecksum:
        badChecksum(consumed);
        return true;
    case UbxFrame::Result::Frame:
        break;
    }
    const std::uint64_t position = m_bufferPosition;
    if (const auto epoch = m_state.applyUbx(m_frame, readTime))
        offerEpoch(*epoch, position);
    const std::string name = ubxMessageName(m_frame);
    m_load.addMessage(name, consumed, readTime);
    if (m_frame.messageClass == ubx::kClassInf)
        m_load.noteReceiverText(
            std::string_view(reinterpret_cast<const char *>(m_frame.payload.data()), m_frame.payload.size()), readTime);
    if (m_observer)
        m_observer(name, std::span<const std::uint8_t>(m_buffer.data(), consumed));
    drop(consumed, false);
    if (m_frame.is(ubx::kClassNav, ubx::kIdNavEoe))
        finishEpoch(); // the receiver says the epoch is complete
    return true;
}

bool GpsStreamDecoder::consumeRtcm3(RealTime readTime)
{
    int messageNumber = 0;
    std::size_t consumed = 0;
    switch (Rtcm3Frame::parse(m_buffer, messageNumber, consumed)) {
    case Rtcm3Frame::Result::NeedMore:
        return false;
    case Rtcm3Frame::Result::Invalid:
        drop(1, true);
        return true;
    case Rtcm3Frame::Result::BadChecksum:
        badChecksum(consumed);
        return true;
    case Rtcm3Frame::Result::Frame:
        break;
    }
    const std::string type = "RTCM3-" + std::to_string(messageNumber);
    m_state.applyRtcm3(type, readTime);
    m_load.addMessage(type, consumed, readTime);
    if (m_observer)
        m_observer(type, std::span<const std::uint8_t>(m_buffer.data(), consumed));
    drop(consumed, false);
    return true;
}

void GpsStreamDecoder::badChecksum(std::size_t claimedSize)
{
    // A frame whose header fits but whose checksum fails is a damaged message, not noise:
    // count it as a checksum error, then resync one byte on (its length may be the damaged
    // part) without counting the rest of what it claimed as garbage.
    m_state.countChecksumError();
    if (m_lastReadTime)
        m_load.countDamaged(*m_lastReadTime);
    m_quietUntil = std::max(m_quietUntil, m_bufferPosition + claimedSize);
    drop(1, false);
}

const GpsStreamDecoder::BurstMark *GpsStreamDecoder::burstOf(std::uint64_t position) const
{
    const BurstMark *found = nullptr;
    for (const BurstMark &mark : m_bursts) {
        if (mark.position > position)
            break;
        found = &mark;
    }
    return found;
}

void GpsStreamDecoder::offerEpoch(const GpsValidEpoch &epoch, std::uint64_t position)
{
    if (m_lastFix && sameEpoch(*m_lastFix, epoch))
        return; // this epoch already has its fix
    if (m_candidate && sameEpoch(m_candidate->epoch, epoch)) {
        // The better message of the epoch wins; the burst stays that of the first.
        if (epoch.message < m_candidate->epoch.message)
            m_candidate->epoch = epoch;
    } else {
        finishEpoch();
        // The burst is looked up now: its mark may be gone by the time the epoch ends.
        const BurstMark *burst = burstOf(position);
        m_candidate = Candidate{epoch, burst && burst->complete ? std::optional<RealTime>(burst->start) : std::nullopt};
    }
    if (m_candidate->epoch.message == GpsTimeMessage::Best)
        finishEpoch(); // nothing later in the epoch can beat it
}

void GpsStreamDecoder::finishEpoch()
{
    if (!m_candidate)
        return;
    const Candidate c = *m_candidate;
    m_candidate.reset();
    m_lastFix = c.epoch;
    if (!c.burstStart)
        return;
    if (m_fixes.size() >= kMaxPendingFixes)
        m_fixes.pop_front();
    m_fixes.push_back({c.epoch.epochUtc, *c.burstStart, c.epoch.fromUbx});
}

GpsStatus GpsStreamDecoder::status(RealTime now) const
{
    GpsStatus s = m_state.status(now);
    s.link = m_load.snapshot(now);
    return s;
}

std::vector<GpsTimeFix> GpsStreamDecoder::takeTimeFixes()
{
    std::vector<GpsTimeFix> out(m_fixes.begin(), m_fixes.end());
    m_fixes.clear();
    return out;
}

} // namespace s1
