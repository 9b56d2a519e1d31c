#include "gps/ReceiverProbe.h"

#include "gps/GpsState.h"

#include <algorithm>
#include <string_view>

namespace s1 {

namespace {

constexpr std::string_view kUbxPrefix = "UBX-";
constexpr std::string_view kRtcm3Prefix = "RTCM3-";
constexpr std::size_t kTalkerLength = 2;

// The constellation a talker stands for; GP counts as GPS here (what it mostly is), GN
// (combined) says nothing.
std::optional<GnssSystem> talkerSystem(std::string_view talker)
{
    return talker == "GP" ? std::optional<GnssSystem>(GnssSystem::Gps) : systemOfTalker(talker);
}

} // namespace

ReceiverProbe::ReceiverProbe(std::vector<int> baudOrder)
    : m_baudOrder(std::move(baudOrder))
{
    std::erase_if(m_baudOrder, [](int baud) { return baud <= 0; });
    if (m_baudOrder.empty())
        m_baudOrder.assign(kDefaultBaudOrder.begin(), kDefaultBaudOrder.end());
}

void ReceiverProbe::start(RealTime now)
{
    m_started = true;
    m_outcome = Outcome::Probing;
    m_attempts.clear();
    beginAttempt(0, now);
}

void ReceiverProbe::beginAttempt(std::size_t index, RealTime now)
{
    m_index = index;
    m_attemptStart = now;
    m_attempts.push_back({m_baudOrder[index], 0, 0});
    m_nmea = false;
    m_ubx = false;
    m_talkers.clear();
    m_vendorPrefixes.clear();
    m_decoder = std::make_unique<GpsStreamDecoder>();
    m_decoder->setBaudRate(m_baudOrder[index]);
    m_decoder->setMessageObserver([this](std::string_view type, std::span<const std::uint8_t>) { onMessage(type); });
}

int ReceiverProbe::baudRate() const
{
    return m_baudOrder[m_index];
}

bool ReceiverProbe::feed(std::span<const std::uint8_t> bytes, RealTime readTime)
{
    if (!m_started || bytes.empty())
        return false;
    if (m_outcome != Outcome::Probing && m_outcome != Outcome::Found)
        return false;
    ProbeAttempt &attempt = m_attempts.back();
    attempt.bytes += bytes.size();
    m_decoder->feed(bytes, readTime);
    if (m_outcome != Outcome::Probing)
        return false;
    if (attempt.messages >= kMessagesToLock) {
        m_outcome = Outcome::Found;
        return false;
    }
    // The decoder's count, after framing: a large UBX frame still arriving, an RTCM 3 frame or
    // a message with a bad checksum is not noise (the same count the serial driver uses).
    if (attempt.messages == 0 && m_decoder->state().garbageBytes() >= kGarbageToSkip) {
        nextSpeed(readTime);
        return m_outcome == Outcome::Probing;
    }
    return false;
}

bool ReceiverProbe::poll(RealTime now)
{
    if (!isRunning() || toSeconds(now - m_attemptStart) < kListenTime)
        return false;
    nextSpeed(now);
    return m_outcome == Outcome::Probing;
}

void ReceiverProbe::nextSpeed(RealTime now)
{
    if (m_index + 1 < m_baudOrder.size()) {
        beginAttempt(m_index + 1, now);
        return;
    }
    const bool anyBytes =
        std::any_of(m_attempts.begin(), m_attempts.end(), [](const ProbeAttempt &a) { return a.bytes > 0; });
    m_outcome = anyBytes ? Outcome::Garbage : Outcome::NoData;
}

std::optional<RealTime> ReceiverProbe::nextDeadline() const
{
    if (!isRunning())
        return std::nullopt;
    return m_attemptStart + fromSeconds(kListenTime);
}

void ReceiverProbe::onMessage(std::string_view type)
{
    ++m_attempts.back().messages;
    if (type.starts_with(kUbxPrefix)) {
        m_ubx = true;
        return;
    }
    if (type.starts_with(kRtcm3Prefix))
        return; // a valid frame at this speed, but says nothing about NMEA
    m_nmea = true;
    // Proprietary sentences ("PUBX", "PMTK001") have no talker; their prefix names the vendor.
    if (type.starts_with('P')) {
        if (type.size() >= kVendorPrefixLength && m_vendorPrefixes.size() < kMaxVendorPrefixes)
            m_vendorPrefixes.insert(std::string(type.substr(0, kVendorPrefixLength)));
    } else if (type.size() > kTalkerLength) {
        m_talkers.insert(std::string(type.substr(0, kTalkerLength)));
    }
}

ReceiverFindings ReceiverProbe::findings(RealTime now) const
{
    ReceiverFindings f;
    if (!m_decoder)
        return f;
    const GpsStatus status = m_decoder->state().status(now);
    f.baudRate = baudRate();
    f.nmea = m_nmea;
    f.ubx = m_ubx;
    f.talkers = m_talkers;
    f.vendorPrefixes = m_vendorPrefixes;
    for (const std::string &talker : m_talkers) {
        if (const auto system = talkerSystem(talker))
            f.constellations.insert(*system);
    }
    for (const GpsSatellite &s : status.satellites)
        f.constellations.insert(s.system);
    f.receiver = status.receiver;
    f.fixMode = status.fixMode;
    f.satellitesVisible = static_cast<int>(status.satellites.size());
    f.satellitesUsed = status.satellitesUsed();
    f.epochTime = status.epochTime;
    f.epochTimeValid = status.epochTimeValid;
    f.messages = m_attempts.empty() ? 0 : m_attempts.back().messages;
    f.garbageBytes = status.garbageBytes;
    return f;
}

const char *toString(ReceiverProbe::Outcome outcome)
{
    switch (outcome) {
    case ReceiverProbe::Outcome::Probing:
        return "probing";
    case ReceiverProbe::Outcome::Found:
        return "found";
    case ReceiverProbe::Outcome::NoData:
        return "no data";
    case ReceiverProbe::Outcome::Garbage:
        return "garbage";
    }
    return "?";
}

} // namespace s1
