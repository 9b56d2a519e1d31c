// One sample of chrony's SOCK refclock protocol: the datagram gpsd (and other writers) send to a
// Unix socket, decoded strictly, and its conversion to what the engine takes.
//
// Sign conventions, as chronyd 4.3 interprets them (checked live, REFCLOCK_FACTS.md §2.4):
// - pulse = 0: `offset` = true time − system time, so the reference time is systemTime +
//   offset (a +0.25 s offset was logged by chronyd as raw offset +0.25, like an SHM sample
//   whose clock stamp is 0.25 s after its receive stamp);
// - pulse != 0: `offset` is the system clock's reading within the second at the pulse, i.e.
//   system − true modulo 1 s: chronyd logged +0.000123 as raw offset −0.000123. See
//   toRefClockPulse().
#pragma once

#include "ntp/NtpPacket.h"
#include "refclock/RefClockSample.h"
#include "time/Timestamps.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>

namespace s1 {

// "SOCK" in ASCII, the last field of every datagram.
constexpr std::int32_t kSockMagic = 0x534F434B;

// `struct sock_sample` on LP64 Linux, in host byte order (the socket never leaves the host).
// The one place its layout is written down.
struct SockSampleWire
{
    std::int64_t tvSec; // struct timeval: system time of the measurement
    std::int64_t tvUsec;
    double offset; // s
    std::int32_t pulse;
    std::int32_t leap;
    std::int32_t pad;
    std::int32_t magic;
};
static_assert(offsetof(SockSampleWire, tvSec) == 0);
static_assert(offsetof(SockSampleWire, tvUsec) == 8);
static_assert(offsetof(SockSampleWire, offset) == 16);
static_assert(offsetof(SockSampleWire, pulse) == 24);
static_assert(offsetof(SockSampleWire, leap) == 28);
static_assert(offsetof(SockSampleWire, pad) == 32);
static_assert(offsetof(SockSampleWire, magic) == 36);
static_assert(sizeof(SockSampleWire) == 40);

struct SockSample
{
    RealTime systemTime;
    double offset = 0.0; // s; meaning depends on `pulse`, see the file comment
    bool pulse = false;
    LeapIndicator leap = LeapIndicator::None;

    friend bool operator==(const SockSample &, const SockSample &) = default;
};

// The tv stamp's resolution (µs), used as the sample's precision.
constexpr double kSockTimevalResolution = 1e-6; // s
// Largest |offset| we accept: chrony rejects "insane" offsets; ours is 2^32 s, more than any
// clock a system can boot with (1970 against today is under 1.8e9 s) and small enough that
// systemTime + offset stays far inside RealTime.
constexpr double kSockMaxOffset = 4294967296.0; // s
// tv seconds we accept: after 1970, before 2255 (RealTime's int64 ns reach 2262).
constexpr std::int64_t kSockMaxUnixSeconds = 9'000'000'000;

// The decoded sample, or why the datagram is not one (size, magic, leap, tv, offset).
std::variant<SockSample, std::string> decodeSockSample(std::span<const std::uint8_t> datagram);

// A time-of-day (pulse = 0) sample: referenceTime = systemTime + offset, receiveTime =
// systemTime, the sample's leap, µs precision. Only meaningful for non-pulse samples.
RefClockSample toRefClockSample(const SockSample &sample);

// A pulse sample as a pulse edge. chrony hands (tv, offset) to RCL_AddPulse as (pulse time,
// system clock's position within the second), exactly what its PPS driver passes for a
// kernel-timestamped edge (edge time, its nanoseconds). So the edge is the instant nearest
// systemTime whose fraction of a second is `offset` (mod 1 s): a second boundary of true time
// seen at that system-clock reading. The socket carries no sequence number, so the caller
// numbers the pulses it receives (a lost datagram leaves no gap).
RefClockPulse toRefClockPulse(const SockSample &sample, std::uint32_t sequence);

} // namespace s1
