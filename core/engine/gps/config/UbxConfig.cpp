#include "gps/config/UbxConfig.h"

#include <array>
#include <map>

namespace s1::ubxcfg {

namespace {

constexpr std::size_t kPrtSize = 20;
constexpr std::size_t kMsgAnswerSize = 8;
constexpr std::size_t kNav5Size = 36;
constexpr std::size_t kTp5Size = 32;
constexpr std::size_t kValHeaderSize = 4;
constexpr std::uint8_t kValGetAnswerVersion = 1;
constexpr std::size_t kPorts = 6;

void put(std::vector<std::uint8_t> &out, std::size_t at, std::uint64_t value, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i)
        out[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

void append(std::vector<std::uint8_t> &out, std::uint64_t value, std::size_t size)
{
    out.resize(out.size() + size);
    put(out, out.size() - size, value, size);
}

std::uint64_t get(const std::vector<std::uint8_t> &in, std::size_t at, std::size_t size)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < size; ++i)
        v |= std::uint64_t{in[at + i]} << (8 * i);
    return v;
}

std::uint32_t get32(const std::vector<std::uint8_t> &in, std::size_t at)
{
    return static_cast<std::uint32_t>(get(in, at, 4));
}

std::vector<std::uint8_t> frame(std::uint8_t id, const std::vector<std::uint8_t> &payload)
{
    return UbxFrame::encode(kClassCfg, id, payload);
}

struct NmeaIds
{
    std::uint8_t msgId;
    std::uint32_t i2cKey; // CFG-MSGOUT key for I2C; UART1, UART2, USB, SPI follow it
};

// CFG-MSG IDs and the CFG-MSGOUT keys' base of the standard sentences we switch.
const std::map<std::string, NmeaIds> &nmeaIds()
{
    static const std::map<std::string, NmeaIds> ids{
        {"GGA", {0x00, 0x209100BA}}, {"GLL", {0x01, 0x209100C9}}, {"GSA", {0x02, 0x209100BF}},
        {"GSV", {0x03, 0x209100C4}}, {"RMC", {0x04, 0x209100AB}}, {"VTG", {0x05, 0x209100B0}},
        {"ZDA", {0x08, 0x209100D8}},
    };
    return ids;
}

} // namespace

std::size_t keyValueSize(std::uint32_t key)
{
    switch ((key >> 28) & 0x7) {
    case 1: // one bit, stored in a byte
    case 2:
        return 1;
    case 3:
        return 2;
    case 4:
        return 4;
    case 5:
        return 8;
    default:
        return 0;
    }
}

std::optional<std::uint32_t> nmeaOutputKey(const std::string &sentence, UbxPort port)
{
    const auto it = nmeaIds().find(sentence);
    if (it == nmeaIds().end())
        return std::nullopt;
    return it->second.i2cKey + static_cast<std::uint32_t>(port);
}

std::optional<std::uint8_t> nmeaMessageId(const std::string &sentence)
{
    const auto it = nmeaIds().find(sentence);
    if (it == nmeaIds().end())
        return std::nullopt;
    return it->second.msgId;
}

std::vector<std::uint8_t> encodePoll(std::uint8_t cls, std::uint8_t id, std::vector<std::uint8_t> payload)
{
    return UbxFrame::encode(cls, id, payload);
}

std::vector<std::uint8_t> encodePrt(const PortConfig &c)
{
    std::vector<std::uint8_t> p(kPrtSize, 0);
    p[0] = static_cast<std::uint8_t>(c.port);
    put(p, 4, c.mode, 4);
    put(p, 8, c.baudRate, 4);
    put(p, 12, c.inProtoMask, 2);
    put(p, 14, c.outProtoMask, 2);
    return frame(kIdPrt, p);
}

std::vector<std::uint8_t> encodePrtPoll(UbxPort port)
{
    return frame(kIdPrt, {static_cast<std::uint8_t>(port)});
}

std::vector<std::uint8_t> encodeMsgRate(std::uint8_t cls, std::uint8_t id, std::uint8_t rate)
{
    return frame(kIdMsg, {cls, id, rate});
}

std::vector<std::uint8_t> encodeMsgPoll(std::uint8_t cls, std::uint8_t id)
{
    return frame(kIdMsg, {cls, id});
}

std::vector<std::uint8_t> encodeNav5DynModel(std::uint8_t dynModel)
{
    std::vector<std::uint8_t> p(kNav5Size, 0);
    put(p, 0, kNav5MaskDyn, 2);
    p[2] = dynModel;
    return frame(kIdNav5, p);
}

std::vector<std::uint8_t> encodeNav5Answer(std::uint8_t dynModel)
{
    std::vector<std::uint8_t> p(kNav5Size, 0);
    put(p, 0, 0xFFFF, 2);
    p[2] = dynModel;
    p[3] = 3; // fixMode auto
    return frame(kIdNav5, p);
}

std::vector<std::uint8_t> encodeTp5(const TimePulseConfig &c)
{
    std::vector<std::uint8_t> p(kTp5Size, 0);
    p[0] = c.tpIdx;
    put(p, 8, c.periodUs, 4);
    put(p, 12, c.periodLockedUs, 4);
    put(p, 16, c.lengthUs, 4);
    put(p, 20, c.lengthLockedUs, 4);
    put(p, 28, c.flags, 4);
    return frame(kIdTp5, p);
}

std::vector<std::uint8_t> encodeTp5Poll(std::uint8_t tpIdx)
{
    return frame(kIdTp5, {tpIdx});
}

std::vector<std::uint8_t> encodeCfgSave()
{
    std::vector<std::uint8_t> p(13, 0);
    put(p, 4, kSaveAllSections, 4);
    p[12] = kDevicesAll;
    return frame(kIdCfg, p);
}

std::vector<std::uint8_t> encodeValSet(std::uint8_t layers, const std::vector<KeyValue> &values)
{
    std::vector<std::uint8_t> p{0, layers, 0, 0};
    for (const KeyValue &kv : values) {
        append(p, kv.key, 4);
        append(p, kv.value, keyValueSize(kv.key));
    }
    return frame(kIdValSet, p);
}

std::vector<std::uint8_t> encodeValGet(ValGetLayer layer, const std::vector<std::uint32_t> &keys)
{
    std::vector<std::uint8_t> p{0, static_cast<std::uint8_t>(layer), 0, 0};
    for (const std::uint32_t k : keys)
        append(p, k, 4);
    return frame(kIdValGet, p);
}

std::vector<std::uint8_t> encodeValGetAnswer(ValGetLayer layer, const std::vector<KeyValue> &values)
{
    std::vector<std::uint8_t> p{kValGetAnswerVersion, static_cast<std::uint8_t>(layer), 0, 0};
    for (const KeyValue &kv : values) {
        append(p, kv.key, 4);
        append(p, kv.value, keyValueSize(kv.key));
    }
    return frame(kIdValGet, p);
}

std::vector<std::uint8_t> encodeMsgAnswer(const MsgRates &rates)
{
    std::vector<std::uint8_t> p{rates.messageClass, rates.messageId};
    for (std::size_t i = 0; i < kPorts; ++i)
        p.push_back(i < rates.rates.size() ? rates.rates[i] : 0);
    return frame(kIdMsg, p);
}

std::vector<std::uint8_t> encodeAck(bool acknowledged, std::uint8_t cls, std::uint8_t id)
{
    return UbxFrame::encode(0x05, acknowledged ? 0x01 : 0x00, std::array<std::uint8_t, 2>{cls, id});
}

std::optional<PortConfig> decodePrt(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdPrt) || f.payload.size() != kPrtSize)
        return std::nullopt;
    PortConfig c;
    c.port = static_cast<UbxPort>(f.payload[0]);
    c.mode = get32(f.payload, 4);
    c.baudRate = get32(f.payload, 8);
    c.inProtoMask = static_cast<std::uint16_t>(get(f.payload, 12, 2));
    c.outProtoMask = static_cast<std::uint16_t>(get(f.payload, 14, 2));
    return c;
}

std::optional<MsgRates> decodeMsg(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdMsg) || f.payload.size() != kMsgAnswerSize)
        return std::nullopt;
    return MsgRates{f.payload[0], f.payload[1], {f.payload.begin() + 2, f.payload.end()}};
}

std::optional<std::uint8_t> decodeNav5DynModel(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdNav5) || f.payload.size() != kNav5Size)
        return std::nullopt;
    return f.payload[2];
}

std::optional<TimePulseConfig> decodeTp5(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdTp5) || f.payload.size() != kTp5Size)
        return std::nullopt;
    TimePulseConfig c;
    c.tpIdx = f.payload[0];
    c.periodUs = get32(f.payload, 8);
    c.periodLockedUs = get32(f.payload, 12);
    c.lengthUs = get32(f.payload, 16);
    c.lengthLockedUs = get32(f.payload, 20);
    c.flags = get32(f.payload, 28);
    return c;
}

namespace {

// Key/value pairs from `at` to the end; nothing when one is cut short or has an invalid size.
std::optional<std::vector<KeyValue>> keyValues(const std::vector<std::uint8_t> &p, std::size_t at)
{
    std::vector<KeyValue> out;
    while (at < p.size()) {
        if (p.size() - at < 4)
            return std::nullopt;
        const std::uint32_t key = get32(p, at);
        const std::size_t size = keyValueSize(key);
        at += 4;
        if (size == 0 || p.size() - at < size)
            return std::nullopt;
        out.push_back({key, get(p, at, size)});
        at += size;
    }
    return out;
}

} // namespace

std::optional<ValGetAnswer> decodeValGet(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdValGet) || f.payload.size() < kValHeaderSize || f.payload[0] != kValGetAnswerVersion)
        return std::nullopt;
    auto values = keyValues(f.payload, kValHeaderSize);
    if (!values)
        return std::nullopt;
    return ValGetAnswer{static_cast<ValGetLayer>(f.payload[1]), std::move(*values)};
}

std::optional<ValSetRequest> decodeValSet(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdValSet) || f.payload.size() < kValHeaderSize)
        return std::nullopt;
    auto values = keyValues(f.payload, kValHeaderSize);
    if (!values)
        return std::nullopt;
    return ValSetRequest{f.payload[1], std::move(*values)};
}

std::optional<ValGetRequest> decodeValGetRequest(const UbxFrame &f)
{
    if (!f.is(kClassCfg, kIdValGet) || f.payload.size() < kValHeaderSize || f.payload[0] != 0
        || (f.payload.size() - kValHeaderSize) % 4 != 0)
        return std::nullopt;
    ValGetRequest r{static_cast<ValGetLayer>(f.payload[1]), {}};
    for (std::size_t at = kValHeaderSize; at < f.payload.size(); at += 4)
        r.keys.push_back(get32(f.payload, at));
    return r;
}

} // namespace s1::ubxcfg
