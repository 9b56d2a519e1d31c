#include "refclock/ShmRefClock.h"

#include <sys/ipc.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace s1 {

namespace {

// The protocol's two shared words are written by another process: access them atomically so
// that the compiler neither caches nor tears them. The rest of the segment is copied plainly;
// the count check is what makes that copy trustworthy.
std::int32_t loadShared(std::int32_t &word)
{
    return std::atomic_ref<std::int32_t>(word).load(std::memory_order_acquire);
}

void storeShared(std::int32_t &word, std::int32_t value)
{
    std::atomic_ref<std::int32_t>(word).store(value, std::memory_order_release);
}

std::string hexKey(key_t key)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(key));
    return text;
}

std::string attachErrorText(int error, key_t key)
{
    switch (error) {
    case EACCES:
        return "permission denied: the segment exists with an owner or mode that keeps us out "
               "(units 0 and 1 are root-only by the ntpd/gpsd convention; run as root, or use a "
               "unit created with perm=0666)";
    case EINVAL:
        return "a segment with this key exists but is smaller than " + std::to_string(sizeof(ShmTimeSegment))
               + " bytes (a 32-bit writer or another program?); remove it with ipcrm -M " + hexKey(key);
    case ENOSPC:
        return "the system's shared-memory segment limit is reached (kernel.shmmni)";
    default:
        return std::strerror(error);
    }
}

bool secondsInRange(std::int64_t seconds)
{
    return seconds > 0 && seconds <= ShmRefClock::kMaxUnixSeconds;
}

bool microsInRange(std::int32_t micros)
{
    return micros >= 0 && micros < kShmMicrosPerSecond;
}

// Writers fill both fractional fields; the ns one is believed only if truncating it gives the
// µs one (what chrony checks), so a writer that leaves it stale or zero falls back to µs.
bool nanosAgree(std::uint32_t nanos, std::int32_t micros)
{
    return nanos < kShmNanosPerSecond && nanos / kShmNanosPerMicro == static_cast<std::uint32_t>(micros);
}

RealTime stamp(std::int64_t seconds, std::int64_t nanos)
{
    return realTimeFromNanos(seconds * kNanosPerSecond + nanos);
}

} // namespace

std::optional<key_t> ShmRefClock::keyForUnit(int unit)
{
    const std::int64_t key = static_cast<std::int64_t>(kShmKeyBase) + unit;
    if (unit < 0 || key > std::numeric_limits<key_t>::max())
        return std::nullopt;
    return static_cast<key_t>(key);
}

ShmRefClock::ShmRefClock(ShmSegmentApi &api, int unit, int permissions)
    : m_api(api)
    , m_unit(unit)
    , m_permissions(permissions)
{ }

ShmRefClock::~ShmRefClock()
{
    detach();
}

std::string ShmRefClock::describe() const
{
    const auto key = keyForUnit(m_unit);
    return "SHM unit " + std::to_string(m_unit) + (key ? " (key " + hexKey(*key) + ")" : std::string());
}

bool ShmRefClock::attach()
{
    if (m_segment)
        return true;
    const auto key = keyForUnit(m_unit);
    if (!key) {
        m_status.error = describe() + ": no such unit (the key 0x4e545030 + unit must fit in a key_t)";
        return false;
    }
    if ((m_permissions & ~kPermissionMask) != 0) {
        char text[16];
        std::snprintf(text, sizeof text, "0%o", static_cast<unsigned>(m_permissions));
        m_status.error = describe() + ": permissions " + text + " are not file mode bits (0000-0777)";
        return false;
    }
    const int id = m_api.get(*key, sizeof(ShmTimeSegment), IPC_CREAT | m_permissions);
    if (id < 0) {
        m_status.error = describe() + ": cannot create or open the segment: " + attachErrorText(-id, *key);
        return false;
    }
    void *address = nullptr;
    const int rc = m_api.attach(id, address);
    if (rc < 0 || !address) {
        m_status.error = describe() + ": cannot attach the segment: " + attachErrorText(rc < 0 ? -rc : EFAULT, *key);
        return false;
    }
    m_segment = static_cast<ShmTimeSegment *>(address);
    m_status.attached = true;
    m_status.error.clear();
    return true;
}

void ShmRefClock::detach()
{
    if (!m_segment)
        return;
    m_api.detach(m_segment);
    m_segment = nullptr;
    m_status.attached = false;
}

std::optional<RefClockSample> ShmRefClock::read()
{
    if (!attach())
        return std::nullopt;

    const std::int32_t countBefore = loadShared(m_segment->count);
    m_api.barrier();
    ShmTimeSegment copy;
    std::memcpy(&copy, m_segment, sizeof copy);
    m_api.barrier();
    const std::int32_t countAfter = loadShared(m_segment->count);

    if (copy.valid == 0)
        return std::nullopt; // nothing new since the last read
    if (copy.mode != kShmModeNoCount && copy.mode != kShmModeCounted) {
        storeShared(m_segment->valid, 0);
        rejectSample("mode " + std::to_string(copy.mode) + " is neither 0 nor 1");
        return std::nullopt;
    }
    if (copy.mode == kShmModeCounted && (countAfter != countBefore || copy.count != countBefore)) {
        // The writer was busy during the copy. It sets `valid` again when it is done, so the
        // sample it is writing is read at the next poll.
        ++m_status.tornReads;
        return std::nullopt;
    }
    // A write that starts between the count check and this store loses its sample to us: the
    // protocol cannot tell (ntpd and chrony share that window), and at 1 Hz it is one sample.
    storeShared(m_segment->valid, 0);
    return decode(copy);
}

std::optional<RefClockSample> ShmRefClock::decode(const ShmTimeSegment &copy)
{
    if (!secondsInRange(copy.clockTimeStampSec) || !secondsInRange(copy.receiveTimeStampSec)) {
        rejectSample("seconds out of range (clock " + std::to_string(copy.clockTimeStampSec) + ", receive "
                     + std::to_string(copy.receiveTimeStampSec) + ")");
        return std::nullopt;
    }
    if (!microsInRange(copy.clockTimeStampUSec) || !microsInRange(copy.receiveTimeStampUSec)) {
        rejectSample("microseconds out of range (clock " + std::to_string(copy.clockTimeStampUSec) + ", receive "
                     + std::to_string(copy.receiveTimeStampUSec) + ")");
        return std::nullopt;
    }
    if (copy.leap < static_cast<int>(LeapIndicator::None)
        || copy.leap > static_cast<int>(LeapIndicator::Unsynchronised)) {
        rejectSample("leap indicator " + std::to_string(copy.leap) + " is not 0-3");
        return std::nullopt;
    }

    // Both stamps at the same resolution, as chrony does: an offset of a ns stamp against a
    // µs one would carry a bias of up to 1 µs.
    const bool useNanos = nanosAgree(copy.clockTimeStampNSec, copy.clockTimeStampUSec)
                          && nanosAgree(copy.receiveTimeStampNSec, copy.receiveTimeStampUSec);
    const std::int64_t clockNanos =
        useNanos ? std::int64_t(copy.clockTimeStampNSec) : std::int64_t(copy.clockTimeStampUSec) * kShmNanosPerMicro;
    const std::int64_t receiveNanos = useNanos ? std::int64_t(copy.receiveTimeStampNSec)
                                               : std::int64_t(copy.receiveTimeStampUSec) * kShmNanosPerMicro;

    RefClockSample sample;
    sample.referenceTime = stamp(copy.clockTimeStampSec, clockNanos);
    sample.receiveTime = stamp(copy.receiveTimeStampSec, receiveNanos);
    // Passed on as written, including 3 (not synchronised, gpsd's preset before its first
    // fix): the engine decides what an unsynchronised sample is worth (chrony drops it).
    sample.leap = static_cast<LeapIndicator>(copy.leap);
    if (copy.precision >= kMinPrecisionLog2 && copy.precision <= kMaxPrecisionLog2)
        sample.precision = std::ldexp(1.0, copy.precision);
    ++m_status.samplesRead;
    return sample;
}

void ShmRefClock::rejectSample(std::string reason)
{
    ++m_status.invalidSamples;
    m_status.lastInvalid = describe() + ": " + std::move(reason);
}

} // namespace s1
