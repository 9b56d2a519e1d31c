// The NTP packet codec and the server's answer to one datagram: parseNtpPacket on any bytes
// (header, extension fields, MACs, NTS fields), the header's serialisation round trip, and
// NtpResponder::handle from an IPv4 or IPv6 client on any port, truncated or not.
#include "FuzzTarget.h"

#include "net/AccessFilter.h"
#include "ntp/NtpPacket.h"
#include "ntp/NtpResponder.h"

#include <array>
#include <cstdlib>

using namespace s1;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::FuzzInput input(data, size);
    const std::uint8_t flags = input.byte();
    const std::uint16_t port = input.u16();
    const std::span<const std::uint8_t> packet = input.rest();

    const NtpParseResult parsed = parseNtpPacket(packet);
    if (parsed.ok()) {
        // What the codec reads it must write back unchanged.
        const auto raw = serializeNtpHeader(parsed.packet.header);
        const NtpParseResult again = parseNtpPacket(raw);
        if (!again.ok() || !(again.packet.header == parsed.packet.header))
            std::abort();
    }

    std::array<std::uint8_t, 16> v6{};
    v6[0] = 0x20;
    v6[1] = 0x01;
    v6[15] = flags;
    const IpAddress ip = (flags & 1) ? IpAddress::v6(v6) : IpAddress::v4(0xc0000200u | flags);
    ServedReference reference;
    reference.leap = LeapIndicator::None;
    reference.stratum = 1 + (flags >> 4);
    reference.referenceId = 0x47505300; // "GPS"
    reference.referenceTime = realTimeFromNanos(1'760'000'000LL * 1'000'000'000LL);
    reference.precision = -20;
    AccessRule everyone;
    everyone.allow = true;
    NtpResponder responder(AccessFilter({everyone}));
    const RealTime now = reference.referenceTime + std::chrono::seconds(1);
    const NtpResponse response = responder.handle(packet, (flags & 2) != 0, SocketAddress{ip, port}, now, reference);
    if (response.reply && response.reply->size() < kNtpHeaderLength)
        std::abort();
    return 0;
}
