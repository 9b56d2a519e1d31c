// A PTP hardware clock (/dev/ptpN, linux/ptp_clock.h) as a reference clock: its time read
// against the system clock, and optionally its external timestamps (a GNSS PPS wired to a NIC
// pin, chrony's `extpps`).
//
// readOffset() uses the best reading the kernel driver offers: a hardware cross-timestamp
// (PTP_SYS_OFFSET_PRECISE: PCIe PTM or ART, exact), else PHC reads sandwiched between system
// clock reads (PTP_SYS_OFFSET_EXTENDED, whose system stamps the driver takes right around
// the PHC access), else the generic interleaved reads (PTP_SYS_OFFSET). A method the kernel
// or driver does not have (EOPNOTSUPP, ENOTTY) is dropped for good and the next one tried, so
// the search costs one refused call per method per open; any other failure is reported
// without changing method.
//
// External timestamps arrive in PHC time; phcToSystem() (PhcReading.h) moves them to the
// system clock with the latest reading. All I/O goes through DeviceApi. Not thread-safe.
#pragma once

#include "refclock/DeviceApi.h"
#include "refclock/PhcReading.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

enum class PhcReadMethod { Precise, Extended, Basic };

// "precise", "extended" or "basic".
const char *phcReadMethodName(PhcReadMethod method);

enum class PhcEdge { Rising, Falling };

class PhcDevice
{
public:
    // The kernel's PTP_MAX_SAMPLES: most reads one PTP_SYS_OFFSET(_EXTENDED) call takes.
    static constexpr int kMaxSamples = 25;

    struct Options
    {
        // chrony's `nocrossts`: skip hardware cross-timestamps even where the driver has them.
        bool noCrossTimestamps = false;
        // chrony's `extpps`: open for writing, which enabling external timestamps needs.
        bool externalTimestamps = false;
    };

    // `api` must outlive the device.
    PhcDevice(DeviceApi &api, std::string path);
    PhcDevice(DeviceApi &api, std::string path, Options options);
    // Disables external timestamps and closes.
    ~PhcDevice();
    PhcDevice(const PhcDevice &) = delete;
    PhcDevice &operator=(const PhcDevice &) = delete;

    // Opens the device and checks that it is a PHC (PTP_CLOCK_GETCAPS); false with
    // lastError() otherwise.
    bool open();
    void close();
    bool isOpen() const { return m_fd >= 0; }
    // The device's fd, readable when external timestamps are queued (for poll()/notifiers);
    // -1 when closed.
    int fd() const { return m_fd; }

    // The PHC against the system clock from `samples` reads (clamped to 1..kMaxSamples; a
    // cross-timestamp is a single exact read). nullopt on failure, see lastError().
    std::optional<PhcReading> readOffset(int samples = kMaxSamples);
    // The method readOffset() uses now: the first not yet refused.
    PhcReadMethod method() const { return m_method; }

    // Routes `pin` (if given; PHCs with fixed inputs have no pins to route) to external
    // timestamp channel `channel` and enables timestamping of `edge` on it. Events of other
    // channels are dropped by readEvents().
    bool enableExternalTimestamps(std::optional<unsigned> pin, unsigned channel, PhcEdge edge);
    void disableExternalTimestamps();
    bool externalTimestampsEnabled() const { return m_extts.has_value(); }
    // The events of the enabled channel queued since the last call, oldest first. Never
    // blocks: it polls before each read.
    std::vector<PhcExternalEvent> readEvents();

    // Capabilities read at open().
    int externalTimestampChannels() const { return m_channels; }
    int pins() const { return m_pins; }
    bool hasCrossTimestamps() const { return m_crossTimestamps; }

    const std::string &path() const { return m_path; }
    const std::string &lastError() const { return m_lastError; }
    std::uint64_t errorCount() const { return m_errorCount; }
    // Events of the enabled channel delivered since open().
    std::uint64_t eventCount() const { return m_eventCount; }

private:
    struct Attempt
    {
        int error = 0; // errno of a failed call
        std::optional<PhcReading> reading;
    };
    struct ExternalTimestamps
    {
        unsigned channel = 0;
    };

    Attempt readPrecise();
    Attempt readExtended(int samples);
    Attempt readBasic(int samples);
    void fail(const std::string &message);
    // A failed ioctl: recorded; a vanished device is closed.
    void failCall(const std::string &what, const char *call, int error);
    // Takes the whole records out of m_pendingBytes.
    void takeRecords(std::vector<PhcExternalEvent> &events);

    DeviceApi &m_api;
    std::string m_path;
    Options m_options;
    int m_fd = -1;
    int m_channels = 0;
    int m_pins = 0;
    bool m_crossTimestamps = false;
    PhcReadMethod m_method = PhcReadMethod::Precise;
    std::optional<ExternalTimestamps> m_extts;
    // Bytes of an event record split across reads.
    std::vector<unsigned char> m_pendingBytes;
    std::string m_lastError;
    std::uint64_t m_errorCount = 0;
    std::uint64_t m_eventCount = 0;
};

} // namespace s1
