// The GPS receiver probe (the wizard's "find my receiver"): any bytes at each speed of its
// list, in any chunking, with the speed switches and deadlines a host follows.
#include "ChunkedStream.h"
#include "FuzzTarget.h"

#include "gps/ReceiverProbe.h"

#include <cstdlib>

using namespace s1;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::FuzzInput input(data, size);
    const std::uint8_t seed = input.byte();
    const std::uint8_t order = input.byte();
    fuzz::ChunkedStream stream(input.rest(), seed);

    // The default order, or a short one of the input's choosing (non-positive speeds dropped).
    std::vector<int> bauds;
    if ((order & 1) != 0)
        bauds = {9600, static_cast<int>(order) * 100 - 12'800, 115200};
    ReceiverProbe probe(bauds);
    RealTime now = realTimeFromNanos(1'760'000'000LL * 1'000'000'000LL);
    probe.start(now);
    // After a speed is found the probe goes on decoding at it.
    while (
        !stream.empty()
        && (probe.outcome() == ReceiverProbe::Outcome::Probing || probe.outcome() == ReceiverProbe::Outcome::Found)) {
        const std::span<const std::uint8_t> chunk = stream.next();
        now += std::chrono::milliseconds(stream.gapMilliseconds());
        if (const auto deadline = probe.nextDeadline(); deadline && *deadline <= now)
            probe.poll(now);
        probe.feed(chunk, now);
        if (probe.baudRate() <= 0)
            std::abort();
    }
    probe.findings(now);
    return 0;
}
