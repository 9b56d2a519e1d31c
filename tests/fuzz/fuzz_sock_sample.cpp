// SOCK datagrams (chrony's refclock_sock.c layout): any bytes through decodeSockSample, and
// every sample it accepts on into the engine as a time-of-day sample or a pulse, as
// SockRefClockDriver hands them over. One input is a sequence of datagrams, each preceded by
// its length byte.
#include "FuzzTarget.h"
#include "RefClockEngine.h"

#include "refclock/SockSample.h"

#include <variant>

using namespace s1;

namespace {
constexpr std::size_t kMaxDatagrams = 64;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::FuzzInput input(data, size);
    fuzz::RefClockEngine host("refclock SOCK /run/fuzz.sock refid GPS poll 0\n"
                              "refclock SOCK /run/fuzz-pps.sock refid PPS poll 0 lock GPS\n");
    std::uint32_t sequence = 0;
    RealTime now = realTimeFromNanos(fuzz::kRefClockStartNanos);
    for (std::size_t i = 0; i < kMaxDatagrams && !input.empty(); ++i) {
        const std::span<const std::uint8_t> datagram = input.bytes(input.byte());
        const auto decoded = decodeSockSample(datagram);
        const auto *sample = std::get_if<SockSample>(&decoded);
        if (!sample)
            continue;
        // The host's clock moves on regardless of what the writer's stamps say.
        now += std::chrono::milliseconds(250);
        if (sample->pulse)
            host.engine().handleRefClockPulse(1, toRefClockPulse(*sample, ++sequence), now);
        else
            host.engine().handleRefClockSample(0, toRefClockSample(*sample), now);
        host.advance(now);
        host.engine().snapshot(now);
    }
    return 0;
}
