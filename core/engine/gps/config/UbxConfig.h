// u-blox UBX configuration messages: the encoders for what the wizard sets (CFG-PRT speed,
// CFG-MSG output rates before generation 9, CFG-VALSET keys from generation 9, CFG-NAV5
// dynamic model, CFG-TP5 time pulse, CFG-CFG save) and the decoders for the receiver's
// answers to their polls. All payload fields are little-endian; the frames carry
// UbxFrame's Fletcher checksum.
#pragma once

#include "gps/UbxFrame.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1::ubxcfg {

constexpr std::uint8_t kClassCfg = 0x06;
constexpr std::uint8_t kIdPrt = 0x00;
constexpr std::uint8_t kIdMsg = 0x01;
constexpr std::uint8_t kIdCfg = 0x09;
constexpr std::uint8_t kIdNav5 = 0x24;
constexpr std::uint8_t kIdTp5 = 0x31;
constexpr std::uint8_t kIdValSet = 0x8A;
constexpr std::uint8_t kIdValGet = 0x8B;
constexpr std::uint8_t kClassMon = 0x0A;
constexpr std::uint8_t kIdMonVer = 0x04;
// The class of the standard NMEA sentences in CFG-MSG.
constexpr std::uint8_t kClassNmea = 0xF0;

// The receiver's I/O ports as CFG-PRT and CFG-MSG number them.
enum class UbxPort : std::uint8_t { I2c = 0, Uart1 = 1, Uart2 = 2, Usb = 3, Spi = 4 };

// CFG-PRT for a UART (20 bytes).
struct PortConfig
{
    UbxPort port = UbxPort::Uart1;
    std::uint32_t mode = 0; // character framing
    std::uint32_t baudRate = 0;
    std::uint16_t inProtoMask = 0;
    std::uint16_t outProtoMask = 0;
    bool operator==(const PortConfig &) const = default;
};
// 8 data bits, no parity, 1 stop bit in CFG-PRT's mode field.
constexpr std::uint32_t kMode8N1 = 0x000008D0;
constexpr std::uint16_t kProtoUbx = 0x0001;
constexpr std::uint16_t kProtoNmea = 0x0002;
constexpr std::uint16_t kProtoRtcm = 0x0004;

// CFG-NAV5's dynamic platform model for a receiver that does not move.
constexpr std::uint8_t kDynModelStationary = 2;
constexpr std::uint16_t kNav5MaskDyn = 0x0001;

// CFG-TP5 (32 bytes, version 0) for TIMEPULSE.
struct TimePulseConfig
{
    std::uint8_t tpIdx = 0;
    std::uint32_t periodUs = 0;       // while not locked to GNSS time
    std::uint32_t periodLockedUs = 0; // once locked
    std::uint32_t lengthUs = 0;
    std::uint32_t lengthLockedUs = 0;
    std::uint32_t flags = 0;
    bool operator==(const TimePulseConfig &) const = default;
};
// CFG-TP5 flags.
constexpr std::uint32_t kTpActive = 0x01;
constexpr std::uint32_t kTpLockGnssFreq = 0x02;
constexpr std::uint32_t kTpLockedOtherSet = 0x04;
constexpr std::uint32_t kTpIsFreq = 0x08;
constexpr std::uint32_t kTpIsLength = 0x10;
constexpr std::uint32_t kTpAlignToTow = 0x20;
constexpr std::uint32_t kTpPolarityRising = 0x40;
constexpr std::uint32_t kTpGridGps = 0x80; // clear: aligned to UTC seconds

// CFG-CFG: everything (the sections of the classic mask), to BBR, flash, EEPROM and SPI flash.
constexpr std::uint32_t kSaveAllSections = 0x0000FFFF;
constexpr std::uint8_t kDevicesAll = 0x17;

// CFG-VALSET / VALGET layers.
constexpr std::uint8_t kLayerSetRam = 0x01; // VALSET: a bit mask
enum class ValGetLayer : std::uint8_t { Ram = 0, Bbr = 1, Flash = 2, Default = 7 };

// Configuration keys (generation 9 interface description). The storage size is in the key's
// bits 28..30.
namespace key {
constexpr std::uint32_t kUart1Baudrate = 0x40520001;
constexpr std::uint32_t kNavDynModel = 0x20110021;
constexpr std::uint32_t kTpPulseDef = 0x20050023;       // 0: period, 1: frequency
constexpr std::uint32_t kTpPulseLengthDef = 0x20050030; // 0: ratio, 1: length
constexpr std::uint32_t kTpPeriodTp1 = 0x40050002;
constexpr std::uint32_t kTpPeriodLockTp1 = 0x40050003;
constexpr std::uint32_t kTpLenTp1 = 0x40050004;
constexpr std::uint32_t kTpLenLockTp1 = 0x40050005;
constexpr std::uint32_t kTpTp1Ena = 0x10050007;
constexpr std::uint32_t kTpUseLockedTp1 = 0x10050009;
constexpr std::uint32_t kTpAlignToTowTp1 = 0x1005000A;
constexpr std::uint32_t kTpPolTp1 = 0x1005000B;
constexpr std::uint32_t kTpTimeGridTp1 = 0x2005000C; // 0: UTC
} // namespace key

// One key and its value as VALSET sends and VALGET returns it.
struct KeyValue
{
    std::uint32_t key = 0;
    std::uint64_t value = 0;
    bool operator==(const KeyValue &) const = default;
};
// Bytes a key's value takes (1 for one-bit and one-byte keys, 2, 4 or 8); 0 for an invalid size.
std::size_t keyValueSize(std::uint32_t key);

// The output-rate key of a standard NMEA sentence ("GGA") on `port`; nothing for other
// sentences or ports without one.
std::optional<std::uint32_t> nmeaOutputKey(const std::string &sentence, UbxPort port);
// CFG-MSG's message ID of a standard NMEA sentence in class 0xF0.
std::optional<std::uint8_t> nmeaMessageId(const std::string &sentence);

std::vector<std::uint8_t> encodePoll(std::uint8_t cls, std::uint8_t id, std::vector<std::uint8_t> payload = {});
std::vector<std::uint8_t> encodePrt(const PortConfig &config);
std::vector<std::uint8_t> encodePrtPoll(UbxPort port);
// Rate (per navigation epoch) of a message on the port the message arrives at.
std::vector<std::uint8_t> encodeMsgRate(std::uint8_t cls, std::uint8_t id, std::uint8_t rate);
std::vector<std::uint8_t> encodeMsgPoll(std::uint8_t cls, std::uint8_t id);
// Sets only the dynamic model (the mask leaves every other NAV5 setting as it is).
std::vector<std::uint8_t> encodeNav5DynModel(std::uint8_t dynModel);
std::vector<std::uint8_t> encodeTp5(const TimePulseConfig &config);
std::vector<std::uint8_t> encodeTp5Poll(std::uint8_t tpIdx);
std::vector<std::uint8_t> encodeCfgSave();
std::vector<std::uint8_t> encodeValSet(std::uint8_t layers, const std::vector<KeyValue> &values);
std::vector<std::uint8_t> encodeValGet(ValGetLayer layer, const std::vector<std::uint32_t> &keys);

std::optional<PortConfig> decodePrt(const UbxFrame &f);
// CFG-MSG answer: the message and its rate on each of the six ports.
struct MsgRates
{
    std::uint8_t messageClass = 0;
    std::uint8_t messageId = 0;
    std::vector<std::uint8_t> rates; // by UbxPort number
};
std::optional<MsgRates> decodeMsg(const UbxFrame &f);
std::optional<std::uint8_t> decodeNav5DynModel(const UbxFrame &f);
std::optional<TimePulseConfig> decodeTp5(const UbxFrame &f);
struct ValGetAnswer
{
    ValGetLayer layer = ValGetLayer::Ram;
    std::vector<KeyValue> values;
};
std::optional<ValGetAnswer> decodeValGet(const UbxFrame &f);
// The VALSET request a receiver got (for the receiver model).
struct ValSetRequest
{
    std::uint8_t layers = 0;
    std::vector<KeyValue> values;
};
std::optional<ValSetRequest> decodeValSet(const UbxFrame &f);
// The VALGET poll a receiver got (for the receiver model).
struct ValGetRequest
{
    ValGetLayer layer = ValGetLayer::Ram;
    std::vector<std::uint32_t> keys;
};
std::optional<ValGetRequest> decodeValGetRequest(const UbxFrame &f);
// The VALGET answer to `request` with `values` (for the receiver model).
std::vector<std::uint8_t> encodeValGetAnswer(ValGetLayer layer, const std::vector<KeyValue> &values);
// The answers the receiver model gives to a poll.
std::vector<std::uint8_t> encodeMsgAnswer(const MsgRates &rates);
std::vector<std::uint8_t> encodeNav5Answer(std::uint8_t dynModel);
std::vector<std::uint8_t> encodeAck(bool acknowledged, std::uint8_t cls, std::uint8_t id);

} // namespace s1::ubxcfg
