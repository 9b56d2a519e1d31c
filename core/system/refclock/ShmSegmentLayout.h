// The NTP shared-memory refclock segment ("SHM", ntpd driver 28) as gpsd, ntpd and chrony lay
// it out: the one place its layout is written down. Offsets are the LP64 Linux ones (x86_64,
// arm64). Nothing in the segment says which ABI the writer used, and an i386 or armhf writer
// with a 32-bit time_t lays it out in 80 bytes, so this reader is for LP64 hosts only: the
// static_asserts stop a build where the layout would silently differ.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>

namespace s1 {

// Key of unit N is kShmKeyBase + N; 0x4E545030 is "NTP0" in ASCII.
constexpr key_t kShmKeyBase = 0x4E545030;

// `mode`: 0 has no sequence counter (the reader can only trust `valid`); 1 brackets each
// write with two `count` increments so that a reader can detect a write it overlapped.
constexpr int kShmModeNoCount = 0;
constexpr int kShmModeCounted = 1;

// Ranges of the fractional fields.
constexpr std::int32_t kShmMicrosPerSecond = 1'000'000;
constexpr std::uint32_t kShmNanosPerSecond = 1'000'000'000;
constexpr std::uint32_t kShmNanosPerMicro = 1'000;

// Entries in the reserved tail. gpsd master keeps the high 32 bits of the two seconds fields
// (for 32-bit time_t writers) in the first two; with a 64-bit time_t they are zero and
// readers ignore them.
constexpr std::size_t kShmReservedInts = 8;

struct ShmTimeSegment
{
    std::int32_t mode;
    std::int32_t count;
    std::int64_t clockTimeStampSec; // reference (true) time, Unix seconds
    std::int32_t clockTimeStampUSec;
    std::int64_t receiveTimeStampSec; // system-clock time at which the reference was observed
    std::int32_t receiveTimeStampUSec;
    std::int32_t leap;      // NTP leap indicator 0..3
    std::int32_t precision; // log2 s
    std::int32_t nsamples;  // unused by readers
    std::int32_t valid;     // 1: a sample the reader has not taken yet
    std::uint32_t clockTimeStampNSec;
    std::uint32_t receiveTimeStampNSec;
    std::int32_t reserved[kShmReservedInts];
};

// The measured LP64 layout (REFCLOCK_FACTS.md §1.2).
static_assert(sizeof(void *) == 8 && sizeof(time_t) == 8, "the SHM layout here is the LP64 one");
static_assert(offsetof(ShmTimeSegment, mode) == 0);
static_assert(offsetof(ShmTimeSegment, count) == 4);
static_assert(offsetof(ShmTimeSegment, clockTimeStampSec) == 8);
static_assert(offsetof(ShmTimeSegment, clockTimeStampUSec) == 16);
static_assert(offsetof(ShmTimeSegment, receiveTimeStampSec) == 24);
static_assert(offsetof(ShmTimeSegment, receiveTimeStampUSec) == 32);
static_assert(offsetof(ShmTimeSegment, leap) == 36);
static_assert(offsetof(ShmTimeSegment, precision) == 40);
static_assert(offsetof(ShmTimeSegment, nsamples) == 44);
static_assert(offsetof(ShmTimeSegment, valid) == 48);
static_assert(offsetof(ShmTimeSegment, clockTimeStampNSec) == 52);
static_assert(offsetof(ShmTimeSegment, receiveTimeStampNSec) == 56);
static_assert(offsetof(ShmTimeSegment, reserved) == 60);
static_assert(sizeof(ShmTimeSegment) == 96);
static_assert(alignof(ShmTimeSegment) == 8);

} // namespace s1
