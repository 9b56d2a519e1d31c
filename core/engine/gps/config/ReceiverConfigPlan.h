// What to send a GPS receiver to set it up as a time source, and how to check each setting
// took: the plan the wizard shows as a dry run and ReceiverConfigurator carries out.
//
// One step per setting (sentences, dynamic model, time pulse, speed, save), each a few
// commands and the polls whose answers prove the setting: an ACK only says the receiver
// parsed a message, not that it kept the value (some firmware ACKs a CFG-MSG for a message it
// does not have, some a PMTK314 whose fields it ignores), so a setting counts as verified only
// when a poll reads it back. What has no poll (CFG-CFG before generation 9, PMTK285) is shown
// as acknowledged only.
//
// The family decides the messages: u-blox before generation 9 (CFG-PRT, CFG-MSG, CFG-NAV5,
// CFG-TP5, CFG-CFG), u-blox 9 and later (CFG-VALSET/VALGET keys in RAM, then CFG-CFG and a
// VALGET of the flash layer), MediaTek/Quectel (PMTK251, PMTK314/414, PMTK255, PMTK285).
#pragma once

#include "gps/NmeaSentence.h"
#include "gps/ReceiverProbe.h"
#include "gps/UbxFrame.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

enum class ReceiverFamily {
    Unknown,     // nothing we know how to configure
    UbloxLegacy, // u-blox 5..8 (protocol versions below 27): CFG-MSG and friends
    Ublox9,      // u-blox M9/F9/X20 (protocol 27 and later): CFG-VALSET/VALGET
    MediaTek,    // MediaTek MT33xx and the Quectel L70/L76/L80 on it: PMTK
};
const char *toString(ReceiverFamily family);

// The family from what the probe heard: MON-VER/TXT identity (PROTVER, MOD, HW), UBX frames,
// PUBX or PMTK sentences, the names MediaTek and Quectel firmware give. A u-blox that does not
// state its generation is taken as UbloxLegacy: generation 9 still accepts those messages.
// Plain NMEA names no maker: Unknown (the wizard lets the user choose).
ReceiverFamily identifyReceiverFamily(const ReceiverFindings &findings);

enum class ConfigSetting { Sentences, DynamicModel, TimePulse, Speed, Save };
const char *toString(ConfigSetting setting);

struct ReceiverSettings
{
    int currentBaud = 9600;
    int baudRate = 0;     // wanted speed; 0 or currentBaud: left as it is
    bool usbPort = false; // on USB (ttyACM): no speed, and the USB port's rates
    bool sentences = true;
    bool stationary = true;
    bool timePulse = true;
    bool save = true;
};

// The sentences the engine reads (time, fix, satellites); the others are switched off.
inline const std::vector<std::string> kNeededSentences{"RMC", "GGA", "GSA", "GSV"};
inline const std::vector<std::string> kUnneededSentences{"GLL", "VTG", "ZDA"};
// The time pulse the plan sets: 1 Hz, 100 ms, rising at the UTC second, only when locked.
constexpr std::uint32_t kPulsePeriodUs = 1'000'000;
constexpr std::uint32_t kPulseLengthUs = 100'000;

// Everything the receiver may say back, framed.
struct ReceiverAnswer
{
    std::optional<UbxFrame> ubx;
    std::optional<NmeaSentence> nmea;
};

// What a poll's answer said about a setting: matches, and if not, what it reads.
struct PollCheck
{
    bool matches = false;
    std::string item;     // "GLL", "baud rate", ...
    std::string wanted;   // the value asked for
    std::string readBack; // the value read
};

struct ConfigCommand
{
    std::vector<std::uint8_t> bytes;
    std::string meaning; // one line, protocol words: "UBX-CFG-MSG NMEA GLL rate 0"
    // Recognises the command's acknowledgement: true ACK, false NAK, nothing when `answer`
    // is something else. Empty: the command has no acknowledgement to wait for.
    std::function<std::optional<bool>(const ReceiverAnswer &)> ack;
};

struct ConfigPoll
{
    std::vector<std::uint8_t> bytes;
    std::string meaning;
    // The checks of the answer to this poll; nothing when `answer` is not it.
    std::function<std::optional<std::vector<PollCheck>>(const ReceiverAnswer &)> check;
};

struct ConfigStep
{
    ConfigSetting setting = ConfigSetting::Sentences;
    std::string summary; // "38400 baud", "RMC GGA GSA GSV on; GLL VTG ZDA off"
    std::vector<ConfigCommand> commands;
    std::vector<ConfigPoll> polls; // empty: the setting cannot be read back
    int newBaud = 0;               // after the commands, our side switches to this speed
};

// The plan for `family`; empty for Unknown. Order: sentences first (less traffic for the
// answers), then model, pulse, speed, and save last so it keeps the new speed too.
std::vector<ConfigStep> planReceiverConfig(ReceiverFamily family, const ReceiverSettings &settings);

// "B5 62 06 01 03 00 F0 01 00 FB 11" for binary, the sentence without CR LF for text.
std::string displayBytes(const std::vector<std::uint8_t> &bytes);

} // namespace s1
