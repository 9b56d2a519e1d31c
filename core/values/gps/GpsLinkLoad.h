// How busy the serial line from a GPS receiver is: what the receiver sent over the last
// window, by message type, against what the line can carry at its baud rate, with the signs
// that it could not carry all of it. Made by the engine's SerialLinkLoad, shown by
// `stratumctl gps` and the window's GPS page, and read by the "serial link overloaded" alarm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// One message type's share: "GSV" (all talkers' GSV together, since one setting turns them
// off), "UBX-NAV-SAT", "RTCM3-1005", "PUBX".
struct GpsTalkerLoad
{
    std::string type;
    double bytesPerSecond = 0;
    bool operator==(const GpsTalkerLoad &) const = default;
};

struct GpsLinkLoad
{
    int baudRate = 0; // bit/s; the capacity is baudRate / 10 bytes per second (8N1)
    // A USB (CDC ACM) port: no UART speed limits it, so there is no load figure, and only the
    // receiver's own warnings say it cannot send everything.
    bool usb = false;
    double windowSeconds = 0;  // the span the rates cover: whole seconds, up to the window
    double bytesPerSecond = 0; // every byte received, framed or not
    double load = 0;           // bytesPerSecond against the capacity: 0.62 is 62 %
    // The longest burst of one epoch in the window, as the time the line needs for it at this
    // baud rate, and the receiver's epoch interval (1 s for 1 Hz) it must fit in.
    double longestBurst = 0;              // s
    std::optional<double> epochInterval;  // s; none before two bursts were seen
    std::vector<GpsTalkerLoad> talkers;   // biggest first, at most SerialLinkLoad::kMaxTalkers
    std::uint64_t truncatedSentences = 0; // cut short by the start of another, in the window
    std::uint64_t damagedMessages = 0;    // checksum errors in the window
    std::uint64_t receiverWarnings = 0;   // the receiver's own buffer warnings, in the window
    std::string lastReceiverWarning;      // its text: "txbuf alloc"
    bool overloaded = false;              // the line cannot carry what the receiver sends
    std::string advice;                   // what to turn off or which speed to set; empty when fine
    bool operator==(const GpsLinkLoad &) const = default;
};

} // namespace s1
