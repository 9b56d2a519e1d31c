// What crosses the boundary between the sans-I/O engine and a host. Hosts own sockets, clocks,
// timers and name resolution; they translate those events into these values and back.
#pragma once

#include "logging/LogRecords.h"
#include "net/IpAddress.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace s1 {

// Which of the host's sockets a packet came in on or must leave by. Server sockets are bound to
// the NTP port; client sockets to ephemeral ports, one per address family, shared by sources.
enum class SocketRole : std::uint8_t { Server, Client };

struct ReceivedPacket
{
    SocketRole role = SocketRole::Server;
    int hostSocket = -1; // opaque to the engine; echoed in replies
    SocketAddress remote;
    IpAddress local; // the address it was sent to; null when the host cannot tell
    std::span<const std::uint8_t> data;
    bool truncated = false; // the datagram was larger than the host's buffer
    RealTime receiveTime;   // raw clock; from the kernel when kernelTimestamp
    bool kernelTimestamp = false;
    // The receive time is the network card's stamp, converted through its PHC (hwtimestamp).
    bool hardwareTimestamp = false;
};

struct OutgoingPacket
{
    SocketRole role = SocketRole::Server;
    int hostSocket = -1; // for replies: the socket the request came in on
    SocketAddress remote;
    std::vector<std::uint8_t> data;
    // The host overwrites the transmit timestamp with Engine::transmitTimestamp(now) right
    // before handing the packet to the kernel.
    bool stampTransmit = false;
    // Nonzero: the packet ends in a MAC of this key, made again after the stamp
    // (Engine::finishOutgoing).
    std::uint32_t macKeyId = 0;
    // The host reports when the packet left with Engine::handleTransmitted: always its own
    // reading (the one finishOutgoing stamped with) right after the send, then the kernel's
    // transmit timestamp when it gets one.
    bool reportTransmit = false;
};

// A packet that left, as the host reports it (OutgoingPacket::reportTransmit). The engine
// recognises the packet by its contents, so a stamp that comes later from the kernel's error
// queue, with the packet's bytes and nothing else, fits the same call.
struct TransmittedPacket
{
    SocketRole role = SocketRole::Server;
    SocketAddress remote;
    std::span<const std::uint8_t> data; // the NTP packet as sent
    RealTime sendTime;                  // host clock; the kernel's when kernelTimestamp
    bool kernelTimestamp = false;
    bool hardwareTimestamp = false; // the card's stamp (hwtimestamp), kernelTimestamp too
};

// A line for one of chrony's log files, handed to the host, which owns the files.
using EngineLogRecord = std::variant<TrackingLogRecord, MeasurementLogRecord, StatisticsLogRecord, RefclockLogRecord>;

// Something a person running the service wants to read in the journal: the host logs it in
// the category it names.
struct EngineEvent
{
    enum class Category : std::uint8_t { Ntp, Clock, RefClock };
    Category category = Category::Clock;
    std::string message;

    friend bool operator==(const EngineEvent &, const EngineEvent &) = default;
};

struct ResolveRequest
{
    std::uint64_t token = 0;
    std::string host;
};

} // namespace s1
