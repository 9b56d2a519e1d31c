// The values behind one line of each of chronyd's statistics logs (`log tracking measurements
// statistics refclocks`), as plain data the engine fills in and logging/ChronyLogFormat prints.
//
// Units and signs are those of the printed columns, so that the formatter only formats: seconds
// as double, ppm where chrony prints ppm, plain ratios (s/s) where chrony prints ratios, instants
// as RealTime, reference IDs as the 32-bit value of the NTP packet field (first character in the
// most significant byte). Where chrony's sign differs from RFC 5905 or from chronyc's reports, the
// field comment says so; converting is the engine's job.
#pragma once

#include "net/IpAddress.h"
#include "ntp/NtpTypes.h"
#include "time/TimestampSource.h"
#include "time/Timestamps.h"

#include <cstdint>

namespace s1 {

// tracking.log: one line per update of the system clock (and one when synchronisation is lost).
struct TrackingLogRecord
{
    RealTime time{}; // when the update was made; printed to the second, UTC
    // The reference being tracked. A server prints its address; when the address is null the
    // reference ID's printable characters are printed instead (reference clocks: "PPS", "GPS").
    // chronyd prints 0.0.0.0 while unsynchronised and 127.127.1.1 for the local reference, so the
    // engine sets those addresses explicitly.
    IpAddress referenceAddress;
    std::uint32_t referenceId = 0;
    int stratum = 0;
    double frequencyPpm = 0;                            // ppm, positive: the local clock runs fast of UTC
    double skewPpm = 0;                                 // ppm, error bound of frequencyPpm
    double offset = 0;                                  // s, estimated local offset at the update, + = clock fast
    LeapIndicator leap = LeapIndicator::Unsynchronised; // the leap column: 'N' '+' '-' '?'
    int combinedSources = 0;                            // number of sources combined for this update
    double offsetSd = 0;                                // s, standard deviation of the combined offset
    // s, offset correction still pending from the previous update, + = the clock is slow.
    double remainingCorrection = 0;
    double rootDelay = 0;      // s
    double rootDispersion = 0; // s
    // s, maximum error of the clock in the interval since the previous update (offset, pending
    // correction, root delay and the dispersion accumulated since).
    double maxError = 0;
};

// measurements.log: one line per NTP response processed for a source.
struct MeasurementLogRecord
{
    RealTime time{};                          // sample time; printed to the second, UTC
    IpAddress address;                        // the server or peer (null prints "[UNSPEC]", as chronyd)
    LeapIndicator leap = LeapIndicator::None; // the leap indicator of the received packet
    int stratum = 0;                          // of the received packet

    // The "123 567 ABCD" columns, each printed 1 for passed and 0 for failed.
    bool test1 = true; // not a duplicate packet
    bool test2 = true; // not a bogus packet (origin timestamp matches)
    bool test3 = true; // timestamps valid
    bool test5 = true; // authentication passed (or not used)
    bool test6 = true; // server synchronised (leap, stratum)
    bool test7 = true; // root distance below maxdistance
    bool testA = true; // delay within maxdelay
    bool testB = true; // delay within maxdelayratio of the minimum
    bool testC = true; // delay within maxdelaydevratio
    bool testD = true; // no synchronisation loop

    int localPoll = 0;    // log2 s, our polling interval ("LP")
    int remotePoll = 0;   // log2 s, the poll field of the packet ("RP")
    double pollScore = 0; // chronyd's score for changing the polling interval
    // s, theta of RFC 5905: positive when the local clock is slow of the source. Note the
    // opposite sign of chronyc's `sources` offsets.
    double offset = 0;
    double peerDelay = 0;          // s, delta
    double peerDispersion = 0;     // s, epsilon
    double rootDelay = 0;          // s, of the packet
    double rootDispersion = 0;     // s, of the packet
    std::uint32_t referenceId = 0; // of the packet, printed as 8 hex digits
    int ntpMode = 0;               // of the packet: 1 active, 2 passive, 4 server, 5 broadcast
    bool interleaved = false;      // 'I' interleaved, 'B' basic mode
    TimestampSource transmitSource = TimestampSource::Daemon; // our transmit timestamp: 'D' 'K' 'H'
    TimestampSource receiveSource = TimestampSource::Daemon;  // our receive timestamp
};

// statistics.log: one line per regression run over a source's samples.
struct StatisticsLogRecord
{
    RealTime time{}; // time of the last sample; printed to the second, UTC
    // The source: address of a server or peer; null for a reference clock, which prints the
    // reference ID's printable characters instead.
    IpAddress address;
    std::uint32_t referenceId = 0;
    double stdDev = 0; // s, standard deviation of the samples
    // s, regression offset at `time`, same sign as MeasurementLogRecord::offset (the samples
    // the regression runs over).
    double estimatedOffset = 0;
    double offsetSd = 0; // s, its standard deviation
    // Slope of those sample offsets over time: a ratio (s/s), NOT ppm. chrony prints e.g.
    // 1.874e-06 here.
    double residualFrequency = 0;
    double skew = 0;      // s/s, error bound of residualFrequency
    double stress = 0;    // |frequency change| / previous skew
    int samples = 0;      // "Ns": samples in the register
    int bestStart = 0;    // "Bs": samples dropped from the start by the regression
    int runs = 0;         // "Nr": runs of residuals with the same sign
    double asymmetry = 0; // estimated or configured delay asymmetry, -0.5 .. +0.5
};

// refclocks.log: one line per raw sample from a reference clock driver and one per filtered
// sample handed to source selection.
struct RefclockLogRecord
{
    RealTime time{};               // sample time; printed to the microsecond, UTC
    std::uint32_t referenceId = 0; // the refclock's refid, printed as text ("PPS0", "GPS")
    // A filtered sample prints '-' in the DP, P and raw offset columns; driverPoll, pulse and
    // rawOffset are then ignored.
    bool filtered = false;
    int driverPoll = 0; // "DP": number of the driver poll within the poll interval
    LeapIndicator leap = LeapIndicator::None;
    bool pulse = false;   // "P": the sample is a PPS pulse
    double rawOffset = 0; // s, local clock error as measured by the driver
    // s, the error after chronyd's corrections (clock slew, configured offset); + = the local
    // clock is slow.
    double cookedOffset = 0;
    double dispersion = 0; // s, assumed dispersion of the sample
};

} // namespace s1
