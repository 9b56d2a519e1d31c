// The chrony.conf lines the GPS wizard writes for a receiver (and its PPS), and how they go
// into an existing configuration: a `refclock NMEA` or `refclock PPS` line for the same device
// is rewritten in place (extra ones removed) rather than duplicated; otherwise the lines are
// appended. Everything else, comments included, stays byte for byte (ConfigDocument).
#pragma once

#include "config/ConfigDocument.h"

#include <QString>

#include <cstddef>
#include <string>
#include <vector>

namespace s1 {

struct GpsRefClockChoice
{
    std::string port;      // serial device, e.g. /dev/ttyAMA0
    int baudRate = 0;      // as detected
    std::string ppsDevice; // e.g. /dev/pps0; empty: no PPS
};

class GpsRefClockPlan
{
public:
    // Serial time arrives late: the receiver computes the epoch and only then starts talking,
    // and the driver stamps the first byte of that burst. chrony's usual NMEA `offset` 0.1
    // covers that typical lateness (README); the PPS only needs it right to within 0.4 s.
    static constexpr double kNmeaOffset = 0.1; // s
    // Serial time jitters by milliseconds to tens of milliseconds. A `delay` this wide keeps
    // its root distance large, so a PPS or a good NTP server outweighs it in selection while
    // the intersection still tolerates the lateness varying.
    static constexpr double kNmeaDelay = 0.2; // s
    static constexpr const char *kNmeaRefId = "NMEA";
    static constexpr const char *kPpsRefId = "PPS";
    // Put above lines the wizard appends, so a reader of the file knows where they came from.
    static constexpr const char *kAppendedComment = "# GPS receiver, set up by the Stratum One GPS wizard";
    // What a file the wizard creates starts with, so that a new stratum 1 still has servers to
    // check its receiver against and answers the local networks, as chrony users set it up:
    // the pool the built-in configuration uses, `allow` for the private (RFC 1918), unique local
    // (fc00::/7) and link-local (fe80::/10) networks, a drift file (the service's
    // StateDirectory), makestep and rtcsync (both in effect with the service).
    static constexpr const char *kNewConfiguration =
        "# Stratum One configuration (chrony.conf syntax), created by the GPS wizard.\n"
        "pool 2.debian.pool.ntp.org iburst\n"
        "# Serve the local networks.\n"
        "allow 10.0.0.0/8\n"
        "allow 172.16.0.0/12\n"
        "allow 192.168.0.0/16\n"
        "allow fc00::/7\n"
        "allow fe80::/10\n"
        "driftfile /var/lib/stratumone/stratumone.drift\n"
        "makestep 1 3\n"
        "rtcsync\n";

    explicit GpsRefClockPlan(GpsRefClockChoice choice);

    const GpsRefClockChoice &choice() const { return m_choice; }
    // The directive lines, NMEA first.
    std::vector<std::string> lines() const;
    // Indexes of the lines of `document` this plan rewrites or removes (same device), in order.
    std::vector<std::size_t> replacedLines(const ConfigDocument &document) const;
    // Puts lines() into `document` as described above.
    void applyTo(ConfigDocument &document) const;

private:
    std::string nmeaLine() const;
    std::string ppsLine() const;
    // Lines of `document` that configure `driver` ("NMEA", "PPS") on `device`.
    static std::vector<std::size_t> linesFor(const ConfigDocument &document, std::string_view driver,
                                             const std::string &device);
    // Rewrites the first of `existing` to `text` and removes the others; false when empty.
    static bool replace(ConfigDocument &document, const std::vector<std::size_t> &existing, const std::string &text);

    GpsRefClockChoice m_choice;
};

// Whether two device paths name the same device: equal, or the same file once symbolic links
// are resolved (/dev/serial0 is a link to /dev/ttyAMA0 or /dev/ttyS0 on a Raspberry Pi).
bool sameDevice(const std::string &a, const std::string &b);

// Whether `path` can be written as the one word a refclock line gives its device: no white space
// of any kind.
bool fitsOnRefClockLine(const QString &path);

} // namespace s1
