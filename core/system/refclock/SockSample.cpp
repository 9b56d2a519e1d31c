#include "refclock/SockSample.h"

#include <cmath>
#include <cstring>

namespace s1 {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kNanosPerMicro = 1'000;

} // namespace

std::variant<SockSample, std::string> decodeSockSample(std::span<const std::uint8_t> datagram)
{
    if (datagram.size() != sizeof(SockSampleWire))
        return "datagram of " + std::to_string(datagram.size()) + " bytes, a sample is "
               + std::to_string(sizeof(SockSampleWire));
    SockSampleWire wire;
    std::memcpy(&wire, datagram.data(), sizeof wire);
    if (wire.magic != kSockMagic)
        return "bad magic " + std::to_string(wire.magic) + " (want 0x534f434b, \"SOCK\")";
    // chrony drops 3 too: a sender that is not synchronised sends nothing useful.
    if (wire.leap < static_cast<int>(LeapIndicator::None) || wire.leap > static_cast<int>(LeapIndicator::DeleteSecond))
        return "leap " + std::to_string(wire.leap) + " is not 0, 1 or 2";
    if (wire.tvSec <= 0 || wire.tvSec > kSockMaxUnixSeconds)
        return "system time seconds " + std::to_string(wire.tvSec) + " out of range";
    if (wire.tvUsec < 0 || wire.tvUsec >= kMicrosPerSecond)
        return "system time microseconds " + std::to_string(wire.tvUsec) + " out of range";
    if (!std::isfinite(wire.offset) || std::fabs(wire.offset) >= kSockMaxOffset)
        return "offset " + std::to_string(wire.offset) + " s is not a sane value";

    SockSample sample;
    sample.systemTime = realTimeFromNanos(wire.tvSec * kNanosPerSecond + wire.tvUsec * kNanosPerMicro);
    sample.offset = wire.offset;
    sample.pulse = wire.pulse != 0;
    sample.leap = static_cast<LeapIndicator>(wire.leap);
    return sample;
}

RefClockSample toRefClockSample(const SockSample &sample)
{
    RefClockSample out;
    out.receiveTime = sample.systemTime;
    out.referenceTime = sample.systemTime + fromSeconds(sample.offset);
    out.leap = sample.leap;
    out.precision = kSockTimevalResolution;
    return out;
}

RefClockPulse toRefClockPulse(const SockSample &sample, std::uint32_t sequence)
{
    // The edge's true time is a whole second N; the system clock read N + offset then. Pick
    // the N that puts the edge nearest the sample's system time.
    const Nanoseconds phase = fromSeconds(sample.offset);
    const auto wholeSecond = std::chrono::round<std::chrono::seconds>(sample.systemTime - phase);
    RefClockPulse out;
    out.receiveTime = RealTime(wholeSecond) + phase;
    out.sequence = sequence;
    return out;
}

} // namespace s1
