#include "sim/SimConfigReceiver.h"

#include "gps/GpsStreamDecoder.h"
#include "gps/UbxMessages.h"

#include <cstdio>
#include <cstdlib>

namespace s1::sim {

namespace {

using namespace ubxcfg;

// Legacy CFG-MSG answers for every NMEA message ID the wizard may ask about.
constexpr std::array<std::uint8_t, 7> kNmeaIds{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08};
constexpr std::uint8_t kZdaId = 0x08;
constexpr std::uint8_t kDynPortable = 0;

std::string ubxName(const UbxFrame &f)
{
    if (f.messageClass != kClassCfg)
        return {};
    switch (f.messageId) {
    case kIdPrt:
        return "CFG-PRT";
    case kIdMsg:
        return "CFG-MSG";
    case kIdCfg:
        return "CFG-CFG";
    case kIdNav5:
        return "CFG-NAV5";
    case kIdTp5:
        return "CFG-TP5";
    case kIdValSet:
        return "CFG-VALSET";
    case kIdValGet:
        return "CFG-VALGET";
    default:
        return {};
    }
}

void append(std::vector<std::uint8_t> &out, const std::vector<std::uint8_t> &bytes)
{
    out.insert(out.end(), bytes.begin(), bytes.end());
}

std::string timeField(int secondOfDay)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d%02d%02d.00", secondOfDay / 3600 % 24, secondOfDay / 60 % 60, secondOfDay % 60);
    return buf;
}

} // namespace

SimConfigReceiver::SimConfigReceiver(ReceiverFamily family, int baudRate)
    : m_family(family)
    , m_baud(baudRate)
{
    // Factory output: the six classic sentences on, ZDA off.
    for (const std::uint8_t id : kNmeaIds) {
        const std::uint8_t rate = id == kZdaId ? 0 : 1;
        m_msgRates[id] = {rate, rate, rate, rate, rate, 0};
    }
    for (const auto *list : {&kNeededSentences, &kUnneededSentences}) {
        for (const std::string &s : *list) {
            for (const UbxPort port : {UbxPort::Uart1, UbxPort::Usb})
                m_ram[*nmeaOutputKey(s, port)] = s == "ZDA" ? 0 : 1;
        }
    }
    m_ram[key::kUart1Baudrate] = static_cast<std::uint64_t>(baudRate);
    m_ram[key::kNavDynModel] = kDynPortable;
    m_dynModel = kDynPortable;
    m_mtkRates = {1, 1, 1, 1, 1, 1};
    m_savedMtkRates = m_mtkRates;
    m_savedMsgRates = m_msgRates;
    m_flash = m_ram;
    resetDecoder();
}

SimConfigReceiver::~SimConfigReceiver() = default;

void SimConfigReceiver::resetDecoder()
{
    m_decoder = std::make_unique<GpsStreamDecoder>();
    m_decoder->setBaudRate(m_baud);
    m_decoder->setMessageObserver([this](std::string_view type, std::span<const std::uint8_t> raw) {
        ReceiverAnswer a;
        if (type.starts_with("UBX")) {
            UbxFrame f;
            std::size_t consumed = 0;
            if (UbxFrame::parse(raw, f, consumed) == UbxFrame::Result::Frame)
                a.ubx = std::move(f);
        } else {
            a.nmea = NmeaSentence::parse(std::string_view(reinterpret_cast<const char *>(raw.data()), raw.size()));
        }
        if (a.ubx || a.nmea)
            m_inbox.push_back(std::move(a));
    });
}

std::vector<std::uint8_t> SimConfigReceiver::receive(std::span<const std::uint8_t> bytes)
{
    std::vector<std::uint8_t> out;
    m_clock += std::chrono::seconds(1);
    m_decoder->feed(bytes, m_clock);
    std::vector<ReceiverAnswer> inbox = std::exchange(m_inbox, {});
    for (const ReceiverAnswer &a : inbox) {
        if (a.ubx && m_family != ReceiverFamily::MediaTek)
            onUbx(*a.ubx, out);
        else if (a.nmea && m_family == ReceiverFamily::MediaTek)
            onNmea(*a.nmea, out);
        if (m_pendingBaud) {
            // The rest of what came in was sent at the old speed: lost.
            m_baud = std::exchange(m_pendingBaud, 0);
            resetDecoder();
            break;
        }
    }
    if (m_faults.silent)
        return {};
    return out;
}

bool SimConfigReceiver::acknowledge(const std::string &name, const UbxFrame &f, std::vector<std::uint8_t> &out) const
{
    const bool nak = m_faults.nak.contains(name);
    append(out, encodeAck(!nak, f.messageClass, f.messageId));
    return !nak && !m_faults.ignore.contains(name);
}

std::vector<std::uint8_t> SimConfigReceiver::rates(std::uint8_t msgId) const
{
    const auto it = m_msgRates.find(msgId);
    return it == m_msgRates.end() ? std::vector<std::uint8_t>{}
                                  : std::vector<std::uint8_t>(it->second.begin(), it->second.end());
}

std::uint64_t SimConfigReceiver::ramValue(std::uint32_t k) const
{
    const auto it = m_ram.find(k);
    return it == m_ram.end() ? 0 : it->second;
}

void SimConfigReceiver::onUbx(const UbxFrame &f, std::vector<std::uint8_t> &out)
{
    const std::string name = ubxName(f);
    if (name.empty())
        return;
    const bool legacy = m_family == ReceiverFamily::UbloxLegacy;
    const bool poll = (f.is(kClassCfg, kIdMsg) && f.payload.size() == 2)
                      || (f.is(kClassCfg, kIdPrt) && f.payload.size() == 1)
                      || (f.is(kClassCfg, kIdNav5) && f.payload.empty())
                      || (f.is(kClassCfg, kIdTp5) && f.payload.size() <= 1) || f.is(kClassCfg, kIdValGet);
    if (poll) {
        if (f.is(kClassCfg, kIdMsg)) {
            if (f.payload[0] != kClassNmea || !m_msgRates.contains(f.payload[1])) {
                append(out, encodeAck(false, f.messageClass, f.messageId));
                return;
            }
            append(out, encodeMsgAnswer({f.payload[0], f.payload[1], rates(f.payload[1])}));
        } else if (f.is(kClassCfg, kIdPrt)) {
            append(out, encodePrt({static_cast<UbxPort>(f.payload[0]), kMode8N1,
                                   static_cast<std::uint32_t>(legacy ? static_cast<std::uint64_t>(m_baud)
                                                                     : ramValue(key::kUart1Baudrate)),
                                   kProtoUbx | kProtoNmea, kProtoUbx | kProtoNmea}));
        } else if (f.is(kClassCfg, kIdNav5)) {
            append(out, encodeNav5Answer(legacy ? m_dynModel : static_cast<std::uint8_t>(ramValue(key::kNavDynModel))));
        } else if (f.is(kClassCfg, kIdTp5)) {
            append(out, encodeTp5(m_tp));
        } else if (const auto get = decodeValGetRequest(f); get && !legacy) {
            const auto &store = get->layer == ValGetLayer::Flash ? m_flash : m_ram;
            std::vector<KeyValue> values;
            for (const std::uint32_t k : get->keys) {
                if (const auto it = store.find(k); it != store.end())
                    values.push_back({k, it->second});
            }
            append(out, encodeValGetAnswer(get->layer, values));
        } else {
            append(out, encodeAck(false, f.messageClass, f.messageId));
        }
        return;
    }
    // Generation 9 still knows CFG-CFG; only it knows VALSET, and the legacy messages are not
    // modelled there.
    if ((legacy && name == "CFG-VALSET") || (!legacy && name != "CFG-VALSET" && name != "CFG-CFG")) {
        append(out, encodeAck(false, f.messageClass, f.messageId));
        return;
    }
    if (!acknowledge(name, f, out))
        return;
    if (name == "CFG-MSG" && f.payload.size() == 3) {
        if (auto it = m_msgRates.find(f.payload[1]); it != m_msgRates.end() && f.payload[0] == kClassNmea)
            it->second[static_cast<std::size_t>(UbxPort::Uart1)] = f.payload[2];
    } else if (name == "CFG-NAV5" && f.payload.size() == 36) {
        if (f.payload[0] & kNav5MaskDyn)
            m_dynModel = f.payload[2];
    } else if (name == "CFG-TP5") {
        if (const auto tp = decodeTp5(f))
            m_tp = *tp;
    } else if (name == "CFG-PRT") {
        if (const auto prt = decodePrt(f); prt && prt->port == UbxPort::Uart1)
            m_pendingBaud = static_cast<int>(prt->baudRate);
    } else if (name == "CFG-CFG") {
        ++m_saves;
        m_savedMsgRates = m_msgRates;
        m_flash = m_ram;
    } else if (const auto set = decodeValSet(f)) {
        for (const KeyValue &kv : set->values) {
            if (set->layers & kLayerSetRam)
                m_ram[kv.key] = kv.value;
            if (kv.key == key::kUart1Baudrate)
                m_pendingBaud = static_cast<int>(kv.value);
        }
    }
}

bool SimConfigReceiver::acknowledgePmtk(const std::string &name, int command, std::vector<std::uint8_t> &out) const
{
    const bool nak = m_faults.nak.contains(name);
    append(out, pmtk::encodeAck(command, nak ? pmtk::AckFlag::Unsupported : pmtk::AckFlag::Done));
    return !nak && !m_faults.ignore.contains(name);
}

void SimConfigReceiver::onNmea(const NmeaSentence &s, std::vector<std::uint8_t> &out)
{
    if (!s.isProprietary() || !s.formatter().starts_with("MTK"))
        return;
    const std::string name = "P" + s.formatter();
    if (name == "PMTK414") {
        append(out, pmtk::encodeOutputAnswer(m_mtkRates));
    } else if (name == "PMTK251") {
        // No acknowledgement: the receiver just changes speed.
        const auto baud = pmtk::decodeSetBaud(s);
        if (baud && !m_faults.nak.contains(name) && !m_faults.ignore.contains(name))
            m_pendingBaud = *baud;
    } else if (name == "PMTK314") {
        const auto rates = pmtk::decodeOutputRates(s, "MTK314");
        if (acknowledgePmtk(name, 314, out) && rates)
            m_mtkRates = *rates;
    } else if (name == "PMTK255") {
        if (acknowledgePmtk(name, 255, out))
            m_ppsSync = s.field(1) == "1";
    } else if (name == "PMTK285") {
        if (acknowledgePmtk(name, 285, out))
            m_ppsMode = std::atoi(std::string(s.field(1)).c_str());
    } else {
        append(out, pmtk::encodeAck(std::atoi(name.c_str() + 4), pmtk::AckFlag::Invalid));
    }
}

int SimConfigReceiver::nmeaRate(const std::string &sentence) const
{
    if (m_family == ReceiverFamily::MediaTek) {
        static const std::map<std::string, std::size_t> fields{
            {"GLL", pmtk::kFieldGll}, {"RMC", pmtk::kFieldRmc}, {"VTG", pmtk::kFieldVtg}, {"GGA", pmtk::kFieldGga},
            {"GSA", pmtk::kFieldGsa}, {"GSV", pmtk::kFieldGsv}, {"ZDA", pmtk::kFieldZda}};
        const auto it = fields.find(sentence);
        return it == fields.end() ? -1 : m_mtkRates[it->second];
    }
    if (m_family == ReceiverFamily::Ublox9) {
        const auto k = nmeaOutputKey(sentence, UbxPort::Uart1);
        return k ? static_cast<int>(ramValue(*k)) : -1;
    }
    const auto id = nmeaMessageId(sentence);
    const auto it = id ? m_msgRates.find(*id) : m_msgRates.end();
    return it == m_msgRates.end() ? -1 : it->second[static_cast<std::size_t>(UbxPort::Uart1)];
}

int SimConfigReceiver::savedNmeaRate(const std::string &sentence) const
{
    if (m_family == ReceiverFamily::Ublox9) {
        const auto k = nmeaOutputKey(sentence, UbxPort::Uart1);
        const auto it = k ? m_flash.find(*k) : m_flash.end();
        return it == m_flash.end() ? -1 : static_cast<int>(it->second);
    }
    const auto id = nmeaMessageId(sentence);
    const auto it = id ? m_savedMsgRates.find(*id) : m_savedMsgRates.end();
    return it == m_savedMsgRates.end() ? -1 : it->second[static_cast<std::size_t>(UbxPort::Uart1)];
}

std::vector<std::uint8_t> SimConfigReceiver::epochOutput(int secondOfDay) const
{
    std::vector<std::uint8_t> out;
    if (m_faults.silent)
        return out;
    const std::string t = timeField(secondOfDay);
    auto on = [&](const char *s) { return nmeaRate(s) > 0; };
    if (on("RMC"))
        append(out, pmtk::bytes("GPRMC," + t + ",A,4916.450,N,12311.120,W,0.0,0.0,070126,,,A"));
    if (on("GGA"))
        append(out, pmtk::bytes("GPGGA," + t + ",4916.450,N,12311.120,W,1,08,0.9,545.4,M,46.9,M,,"));
    if (on("GLL"))
        append(out, pmtk::bytes("GPGLL,4916.450,N,12311.120,W," + t + ",A,A"));
    if (on("GSA"))
        append(out, pmtk::bytes("GPGSA,A,3,04,05,09,12,24,25,29,31,,,,,1.8,0.9,1.5"));
    if (on("VTG"))
        append(out, pmtk::bytes("GPVTG,0.0,T,,M,0.0,N,0.0,K,A"));
    return out;
}

} // namespace s1::sim
