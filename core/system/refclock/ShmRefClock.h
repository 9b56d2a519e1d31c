// The reader side of the NTP shared-memory refclock (SHM unit N): what gpsd, ntpd's shm
// writers and others feed to ntpd and chronyd. One instance owns one attached segment; the
// host polls read() at the refclock's driver poll interval.
//
// Creation follows chronyd: shmget(key, 96, IPC_CREAT | perm) with the configured perm,
// default 0600 for every unit, and attach to whatever segment already has the key whatever its
// owner or mode. ntpd and gpsd instead create units 0 and 1 with 0600 and units 2 and up with
// 0666, so that an unprivileged gpsd can feed units >= 2. Consequences we do not paper over:
// - units 0 and 1 created by a root gpsd are root-only; attaching them needs root (EACCES
//   otherwise, reported in status().error);
// - a segment we create with 0600 keeps out a gpsd running as another user: configure
//   `perm=0666` (chrony's option) for units it should write, or let gpsd create it first.
// The segment is never removed (nobody calls IPC_RMID): either side may restart.
//
// Reading follows the count/valid protocol (REFCLOCK_FACTS.md §1.4): remember `count`, copy the
// segment, compare `count` again. A sample is consumed (valid cleared) only when the copy is
// consistent; a mode-1 read that overlapped a write is counted as torn and left for the next
// poll, as chrony does, because the writer re-sets `valid` when it finishes. Samples that are
// consistent but malformed are consumed and counted invalid, so each is reported once.
#pragma once

#include "config/RefClockConfig.h"
#include "refclock/RefClockSample.h"
#include "refclock/ShmSegmentApi.h"
#include "refclock/ShmSegmentLayout.h"

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

// For the GPS status view and the logs.
struct ShmReaderStatus
{
    bool attached = false;
    // Why the segment is not attached; empty when it is.
    std::string error;
    // Why the last sample counted in invalidSamples was rejected.
    std::string lastInvalid;
    std::uint64_t samplesRead = 0;
    std::uint64_t tornReads = 0;
    std::uint64_t invalidSamples = 0;

    friend bool operator==(const ShmReaderStatus &, const ShmReaderStatus &) = default;
};

class ShmRefClock
{
public:
    // Segment precision fields (log2 s) we believe: 1 ns to 1 s. Anything else falls back to
    // the refclock's configured precision (RefClockSample::precision = 0).
    static constexpr int kMinPrecisionLog2 = -30;
    static constexpr int kMaxPrecisionLog2 = 0;
    // Reference and receive seconds we accept: after 1970 and before 2255, where RealTime's
    // int64 nanoseconds (good to 2262) cannot overflow.
    static constexpr std::int64_t kMaxUnixSeconds = 9'000'000'000;
    // The permission bits shmget accepts.
    static constexpr int kPermissionMask = 0777;

    // The segment key of `unit`, or nullopt when the unit is negative or the key would not
    // fit in a key_t.
    static std::optional<key_t> keyForUnit(int unit);

    // `api` must outlive the reader. Nothing is attached until attach() or the first read().
    ShmRefClock(ShmSegmentApi &api, int unit, int permissions = kDefaultShmPermissions);
    // Detaches (the segment itself stays).
    ~ShmRefClock();
    ShmRefClock(const ShmRefClock &) = delete;
    ShmRefClock &operator=(const ShmRefClock &) = delete;

    // Creates the segment if missing and attaches it. False with status().error naming the
    // unit, key and cause.
    bool attach();
    void detach();

    // The new sample, if the writer left one since the last read. Attaches first when not
    // attached (so fixing permissions or removing a stale segment needs no restart).
    std::optional<RefClockSample> read();

    const ShmReaderStatus &status() const { return m_status; }
    int unit() const { return m_unit; }

private:
    std::optional<RefClockSample> decode(const ShmTimeSegment &copy);
    void rejectSample(std::string reason);
    std::string describe() const;

    ShmSegmentApi &m_api;
    int m_unit;
    int m_permissions;
    ShmTimeSegment *m_segment = nullptr;
    ShmReaderStatus m_status;
};

} // namespace s1
