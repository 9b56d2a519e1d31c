// An engine serving on the virtual clock, fed a sequence of datagrams decoded from a fuzz
// input: the server's request path (any client, any bytes) and the client's reply processing
// (replies from the polled server whose origin timestamp is made to match the engine's request,
// so that the fuzzer gets past the cookie check to the sample filters and the selection).
#pragma once

#include "FuzzTarget.h"

#include "config/ConfigReader.h"
#include "engine/Engine.h"
#include "ntp/NtpPacket.h"

#include <array>
#include <chrono>
#include <cstdlib>
#include <vector>

namespace s1::fuzz {

inline constexpr std::int64_t kStartNanos = 1'760'000'000LL * 1'000'000'000LL;
inline constexpr std::uint16_t kNtpPort = 123;
inline constexpr std::size_t kOriginOffset = 24;   // origin timestamp in the header
inline constexpr std::size_t kTransmitOffset = 40; // transmit timestamp (the request's cookie)
inline constexpr std::size_t kMaxPackets = 64;     // datagrams per input, to keep a run short

// `server` and `allow`: the engine polls 192.0.2.1 and answers everyone; `local` keeps it
// serving while the source is unsynchronised.
inline constexpr std::string_view kEngineConfig = "server 192.0.2.1 iburst minpoll 0 maxpoll 2\n"
                                                  "allow all\n"
                                                  "local stratum 8\n"
                                                  "ratelimit interval 1 burst 4\n";

inline void runEngine(const std::uint8_t *data, std::size_t size, bool replies)
{
    static const EngineConfig config = [] {
        ConfigReadResult read = readConfigText(kEngineConfig, "fuzz.conf");
        if (!read.ok())
            std::abort();
        return read.config;
    }();
    const IpAddress server = IpAddress::v4(0xc0000201u);

    FuzzInput input(data, size);
    RealTime now = realTimeFromNanos(kStartNanos);
    EngineOptions options;
    options.seed = 7;
    Engine engine(config, options, now);
    std::array<std::uint8_t, 8> cookie{};

    const auto drain = [&] {
        for (OutgoingPacket &out : engine.takeOutgoing()) {
            if (out.role == SocketRole::Client && out.data.size() >= kTransmitOffset + cookie.size())
                std::copy_n(out.data.begin() + kTransmitOffset, cookie.size(), cookie.begin());
            if (out.reportTransmit)
                engine.handleTransmitted({out.role, out.remote, out.data, now, false});
        }
        engine.takeResolveRequests();
        engine.takeLogRecords();
        engine.takeEvents();
    };
    engine.handleTimeout(now);
    drain();

    for (std::size_t i = 0; i < kMaxPackets && !input.empty(); ++i) {
        const std::uint8_t flags = input.byte();
        const std::uint8_t length = input.byte();
        std::vector<std::uint8_t> packet;
        const std::span<const std::uint8_t> taken = input.bytes(length);
        packet.assign(taken.begin(), taken.end());
        // Up to ~2 s between datagrams, in 1/8 s steps; timers run as a host would run them.
        now += std::chrono::milliseconds(125) * (flags >> 4);
        if (const auto wakeup = engine.nextWakeup(); wakeup && *wakeup <= now) {
            engine.handleTimeout(now);
            drain();
        }

        ReceivedPacket received;
        received.hostSocket = 3;
        received.truncated = (flags & 1) != 0;
        received.receiveTime = now - std::chrono::microseconds(flags & 0x0e);
        received.kernelTimestamp = (flags & 2) != 0;
        if (replies) {
            received.role = SocketRole::Client;
            received.remote = SocketAddress{server, kNtpPort};
            if ((flags & 4) == 0 && packet.size() >= kOriginOffset + cookie.size())
                std::copy(cookie.begin(), cookie.end(), packet.begin() + kOriginOffset);
        } else {
            received.role = SocketRole::Server;
            std::array<std::uint8_t, 16> v6{0x20, 0x01, 0x0d, 0xb8};
            v6[15] = flags;
            received.remote = SocketAddress{(flags & 4) ? IpAddress::v6(v6) : IpAddress::v4(0xc6336400u | flags),
                                            static_cast<std::uint16_t>(1024 + flags)};
        }
        received.data = packet;
        engine.handlePacket(received, now);
        drain();
    }
    engine.snapshot(now);
}

} // namespace s1::fuzz
