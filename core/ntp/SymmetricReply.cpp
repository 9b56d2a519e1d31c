#include "ntp/SymmetricReply.h"

namespace s1 {

std::vector<std::uint8_t> symmetricPassiveReply(const NtpHeader &request, RealTime receiveTime,
                                                const ServedReference &reference)
{
    const bool synchronised = reference.stratum < kNtpMaxStratum
        && reference.leap != LeapIndicator::Unsynchronised;
    NtpHeader out;
    out.leap = synchronised ? reference.leap : LeapIndicator::Unsynchronised;
    out.version = request.version;
    out.mode = NtpMode::SymmetricPassive;
    // Unsynchronised: leap 3 and stratum 0 with reference ID 0 (no kiss code), as a server says it.
    out.stratum = synchronised ? static_cast<std::uint8_t>(reference.stratum) : 0;
    out.poll = request.poll;
    out.precision = static_cast<std::int8_t>(reference.precision);
    out.rootDelay = NtpShort::fromSeconds(reference.rootDelay);
    out.rootDispersion = NtpShort::fromSeconds(reference.rootDispersion);
    out.referenceId = synchronised ? reference.referenceId : 0;
    out.referenceTime = synchronised ? NtpTimestamp::fromRealTime(reference.referenceTime) : NtpTimestamp();
    out.originTime = request.transmitTime;
    out.receiveTime = NtpTimestamp::fromRealTime(receiveTime);
    out.transmitTime = out.receiveTime;
    const auto header = serializeNtpHeader(out);
    return {header.begin(), header.end()};
}

} // namespace s1
