// MediaTek (and the Quectel L70/L80/L76 built on it) PMTK commands the wizard sends, and the
// answers it reads: PMTK001 (cmd,flag: 0 invalid, 1 unsupported, 2 valid but failed,
// 3 done) acknowledges a command; PMTK414 asks for the sentence output rates, answered by
// PMTK514 in PMTK314's field order. Commands are NMEA sentences with the XOR checksum.
#pragma once

#include "gps/NmeaSentence.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1::pmtk {

// PMTK314's fields: GLL, RMC, VTG, GGA, GSA, GSV, GRS, GST, eight reserved, then ZDA (17) and
// MCHN (18). A value is "once every N fixes", 0 off.
constexpr std::size_t kOutputFields = 19;
constexpr std::size_t kFieldGll = 0;
constexpr std::size_t kFieldRmc = 1;
constexpr std::size_t kFieldVtg = 2;
constexpr std::size_t kFieldGga = 3;
constexpr std::size_t kFieldGsa = 4;
constexpr std::size_t kFieldGsv = 5;
constexpr std::size_t kFieldZda = 17;
using OutputRates = std::array<int, kOutputFields>;

// PMTK285's modes: when the receiver sends its pulse.
constexpr int kPpsAfter3dFix = 2;

enum class AckFlag { Invalid = 0, Unsupported = 1, Failed = 2, Done = 3 };

struct Ack
{
    int command = 0;
    AckFlag flag = AckFlag::Invalid;
};

// "$<body>*CS\r\n" with the XOR checksum of the body.
std::string sentence(const std::string &body);
std::vector<std::uint8_t> bytes(const std::string &body);

std::vector<std::uint8_t> encodeSetBaud(int baud);                      // PMTK251
std::vector<std::uint8_t> encodeSetOutput(const OutputRates &rates);    // PMTK314
std::vector<std::uint8_t> encodeQueryOutput();                          // PMTK414
std::vector<std::uint8_t> encodeSyncPpsNmea(bool on);                   // PMTK255
std::vector<std::uint8_t> encodePpsConfig(int mode, int pulseWidthMs);  // PMTK285
std::vector<std::uint8_t> encodeAck(int command, AckFlag flag);         // PMTK001 (receiver model)
std::vector<std::uint8_t> encodeOutputAnswer(const OutputRates &rates); // PMTK514 (receiver model)

std::optional<Ack> decodeAck(const NmeaSentence &s);
// PMTK514 and PMTK314 share their fields. Fewer fields than kOutputFields (older firmware
// stops after GST or ZDA) leave the rest at -1: not reported.
std::optional<OutputRates> decodeOutputRates(const NmeaSentence &s, const char *formatter = "MTK514");
// PMTK251's speed, PMTK255's switch, PMTK285's mode and width (receiver model).
std::optional<int> decodeSetBaud(const NmeaSentence &s);

} // namespace s1::pmtk
