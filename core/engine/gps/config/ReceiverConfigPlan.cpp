#include "gps/config/ReceiverConfigPlan.h"

#include "gps/UbxMessages.h"
#include "gps/config/PmtkCommands.h"
#include "gps/config/UbxConfig.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

namespace s1 {

namespace {

using ubxcfg::KeyValue;
using ubxcfg::UbxPort;

// The first u-blox protocol version of generation 9 (ZED-F9P: PROTVER=27.10).
constexpr int kFirstGen9ProtocolVersion = 27;
constexpr std::uint8_t kRateOn = 1; // once per navigation epoch
constexpr std::uint8_t kRateOff = 0;
constexpr std::uint8_t kTimePulse1 = 0;
constexpr int kPpsPulseWidthMs = 100;

bool contains(const std::string &text, const char *part)
{
    return text.find(part) != std::string::npos;
}

// "PROTVER=27.10" or "PROTVER 14.00": the major version.
std::optional<int> protocolVersion(const std::string &text)
{
    const auto at = text.find("PROTVER");
    if (at == std::string::npos)
        return std::nullopt;
    std::size_t i = at + 7;
    while (i < text.size() && (text[i] == '=' || text[i] == ' '))
        ++i;
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), v);
    if (ec != std::errc() || end == text.data() + i)
        return std::nullopt;
    return v;
}

std::function<std::optional<bool>(const ReceiverAnswer &)> ubxAck(std::uint8_t cls, std::uint8_t id)
{
    return [cls, id](const ReceiverAnswer &a) -> std::optional<bool> {
        if (!a.ubx)
            return std::nullopt;
        const auto ack = decodeAck(*a.ubx);
        if (!ack || ack->messageClass != cls || ack->messageId != id)
            return std::nullopt;
        return ack->acknowledged;
    };
}

std::function<std::optional<bool>(const ReceiverAnswer &)> pmtkAck(int command)
{
    return [command](const ReceiverAnswer &a) -> std::optional<bool> {
        if (!a.nmea)
            return std::nullopt;
        const auto ack = pmtk::decodeAck(*a.nmea);
        if (!ack || ack->command != command)
            return std::nullopt;
        return ack->flag == pmtk::AckFlag::Done;
    };
}

PollCheck compare(const std::string &item, std::uint64_t wanted, std::uint64_t read)
{
    return {wanted == read, item, std::to_string(wanted), std::to_string(read)};
}

std::string hex(std::uint32_t v)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%X", v);
    return buf;
}

// --- u-blox before generation 9 ------------------------------------------------------------

ConfigStep legacySentences(UbxPort port)
{
    ConfigStep step{ConfigSetting::Sentences, {}, {}, {}, 0};
    auto add = [&](const std::string &name, std::uint8_t rate) {
        const std::uint8_t id = *ubxcfg::nmeaMessageId(name);
        step.commands.push_back({ubxcfg::encodeMsgRate(ubxcfg::kClassNmea, id, rate),
                                 "UBX-CFG-MSG NMEA " + name + " rate " + std::to_string(rate),
                                 ubxAck(ubxcfg::kClassCfg, ubxcfg::kIdMsg)});
        const auto portIndex = static_cast<std::size_t>(port);
        step.polls.push_back(
            {ubxcfg::encodeMsgPoll(ubxcfg::kClassNmea, id), "UBX-CFG-MSG poll NMEA " + name,
             [name, id, rate, portIndex](const ReceiverAnswer &a) -> std::optional<std::vector<PollCheck>> {
                 if (!a.ubx)
                     return std::nullopt;
                 const auto m = ubxcfg::decodeMsg(*a.ubx);
                 if (!m || m->messageClass != ubxcfg::kClassNmea || m->messageId != id || portIndex >= m->rates.size())
                     return std::nullopt;
                 return std::vector<PollCheck>{compare(name, rate, m->rates[portIndex])};
             }});
    };
    for (const std::string &s : kNeededSentences)
        add(s, kRateOn);
    for (const std::string &s : kUnneededSentences)
        add(s, kRateOff);
    return step;
}

ConfigStep legacyDynamicModel()
{
    ConfigStep step{ConfigSetting::DynamicModel, "stationary", {}, {}, 0};
    step.commands.push_back({ubxcfg::encodeNav5DynModel(ubxcfg::kDynModelStationary),
                             "UBX-CFG-NAV5 dynModel 2 (stationary)", ubxAck(ubxcfg::kClassCfg, ubxcfg::kIdNav5)});
    step.polls.push_back({ubxcfg::encodePoll(ubxcfg::kClassCfg, ubxcfg::kIdNav5), "UBX-CFG-NAV5 poll",
                          [](const ReceiverAnswer &a) -> std::optional<std::vector<PollCheck>> {
                              if (!a.ubx)
                                  return std::nullopt;
                              const auto model = ubxcfg::decodeNav5DynModel(*a.ubx);
                              if (!model)
                                  return std::nullopt;
                              return std::vector<PollCheck>{compare("dynModel", ubxcfg::kDynModelStationary, *model)};
                          }});
    return step;
}

ubxcfg::TimePulseConfig wantedTimePulse()
{
    using namespace ubxcfg;
    // No pulse until locked (length 0): a PPS from a receiver without time would mislead.
    return {kTimePulse1,
            kPulsePeriodUs,
            kPulsePeriodUs,
            0,
            kPulseLengthUs,
            kTpActive | kTpLockGnssFreq | kTpLockedOtherSet | kTpIsLength | kTpAlignToTow | kTpPolarityRising};
}

ConfigStep legacyTimePulse()
{
    const ubxcfg::TimePulseConfig tp = wantedTimePulse();
    ConfigStep step{ConfigSetting::TimePulse, "1 Hz, 100 ms, UTC", {}, {}, 0};
    step.commands.push_back({ubxcfg::encodeTp5(tp),
                             "UBX-CFG-TP5 TIMEPULSE 1 Hz, 100 ms when locked, flags " + hex(tp.flags),
                             ubxAck(ubxcfg::kClassCfg, ubxcfg::kIdTp5)});
    step.polls.push_back({ubxcfg::encodeTp5Poll(kTimePulse1), "UBX-CFG-TP5 poll TIMEPULSE",
                          [tp](const ReceiverAnswer &a) -> std::optional<std::vector<PollCheck>> {
                              if (!a.ubx)
                                  return std::nullopt;
                              const auto got = ubxcfg::decodeTp5(*a.ubx);
                              if (!got || got->tpIdx != tp.tpIdx)
                                  return std::nullopt;
                              return std::vector<PollCheck>{
                                  compare("period locked (us)", tp.periodLockedUs, got->periodLockedUs),
                                  compare("pulse length locked (us)", tp.lengthLockedUs, got->lengthLockedUs),
                                  compare("pulse length unlocked (us)", tp.lengthUs, got->lengthUs),
                                  {got->flags == tp.flags, "flags", hex(tp.flags), hex(got->flags)}};
                          }});
    return step;
}

std::optional<std::vector<PollCheck>> prtBaudCheck(const ReceiverAnswer &a, int baud)
{
    if (!a.ubx)
        return std::nullopt;
    const auto prt = ubxcfg::decodePrt(*a.ubx);
    if (!prt || prt->port != UbxPort::Uart1)
        return std::nullopt;
    return std::vector<PollCheck>{compare("baud rate", static_cast<std::uint64_t>(baud), prt->baudRate)};
}

ConfigStep legacySpeed(int baud)
{
    ConfigStep step{ConfigSetting::Speed, std::to_string(baud) + " baud", {}, {}, baud};
    // UBX stays on in both directions: the answers to our polls are UBX.
    const ubxcfg::PortConfig prt{UbxPort::Uart1, ubxcfg::kMode8N1, static_cast<std::uint32_t>(baud),
                                 ubxcfg::kProtoUbx | ubxcfg::kProtoNmea | ubxcfg::kProtoRtcm,
                                 ubxcfg::kProtoUbx | ubxcfg::kProtoNmea};
    // No ACK is waited for: the receiver may send it at either speed.
    step.commands.push_back({ubxcfg::encodePrt(prt),
                             "UBX-CFG-PRT UART1 " + std::to_string(baud) + " 8N1, in UBX+NMEA+RTCM, out UBX+NMEA",
                             {}});
    step.polls.push_back({ubxcfg::encodePrtPoll(UbxPort::Uart1), "UBX-CFG-PRT poll UART1",
                          [baud](const ReceiverAnswer &a) { return prtBaudCheck(a, baud); }});
    return step;
}

ConfigStep ubxSave(const std::string &summary)
{
    ConfigStep step{ConfigSetting::Save, summary, {}, {}, 0};
    step.commands.push_back(
        {ubxcfg::encodeCfgSave(), "UBX-CFG-CFG save all to BBR and flash", ubxAck(ubxcfg::kClassCfg, ubxcfg::kIdCfg)});
    return step;
}

// --- u-blox generation 9 -------------------------------------------------------------------

std::map<std::uint32_t, std::string> keyNames(UbxPort port)
{
    std::map<std::uint32_t, std::string> names{
        {ubxcfg::key::kUart1Baudrate, "CFG-UART1-BAUDRATE"},
        {ubxcfg::key::kNavDynModel, "CFG-NAVSPG-DYNMODEL"},
        {ubxcfg::key::kTpPulseDef, "CFG-TP-PULSE_DEF"},
        {ubxcfg::key::kTpPulseLengthDef, "CFG-TP-PULSE_LENGTH_DEF"},
        {ubxcfg::key::kTpPeriodTp1, "CFG-TP-PERIOD_TP1"},
        {ubxcfg::key::kTpPeriodLockTp1, "CFG-TP-PERIOD_LOCK_TP1"},
        {ubxcfg::key::kTpLenTp1, "CFG-TP-LEN_TP1"},
        {ubxcfg::key::kTpLenLockTp1, "CFG-TP-LEN_LOCK_TP1"},
        {ubxcfg::key::kTpTp1Ena, "CFG-TP-TP1_ENA"},
        {ubxcfg::key::kTpUseLockedTp1, "CFG-TP-USE_LOCKED_TP1"},
        {ubxcfg::key::kTpAlignToTowTp1, "CFG-TP-ALIGN_TO_TOW_TP1"},
        {ubxcfg::key::kTpPolTp1, "CFG-TP-POL_TP1"},
        {ubxcfg::key::kTpTimeGridTp1, "CFG-TP-TIMEGRID_TP1"},
    };
    for (const auto *list : {&kNeededSentences, &kUnneededSentences})
        for (const std::string &s : *list)
            names[*ubxcfg::nmeaOutputKey(s, port)] = "NMEA " + s;
    return names;
}

std::function<std::optional<std::vector<PollCheck>>(const ReceiverAnswer &)>
valGetCheck(ubxcfg::ValGetLayer layer, std::vector<KeyValue> wanted, std::map<std::uint32_t, std::string> names)
{
    return [layer, wanted = std::move(wanted),
            names = std::move(names)](const ReceiverAnswer &a) -> std::optional<std::vector<PollCheck>> {
        if (!a.ubx)
            return std::nullopt;
        const auto got = ubxcfg::decodeValGet(*a.ubx);
        if (!got || got->layer != layer)
            return std::nullopt;
        std::vector<PollCheck> checks;
        for (const KeyValue &w : wanted) {
            const auto it = names.find(w.key);
            const std::string name = it != names.end() ? it->second : hex(w.key);
            const auto found = std::find_if(got->values.begin(), got->values.end(),
                                            [&](const KeyValue &kv) { return kv.key == w.key; });
            if (found == got->values.end())
                checks.push_back({false, name, std::to_string(w.value), "-"});
            else
                checks.push_back(compare(name, w.value, found->value));
        }
        return checks;
    };
}

std::vector<std::uint32_t> keysOf(const std::vector<KeyValue> &values)
{
    std::vector<std::uint32_t> keys;
    for (const KeyValue &kv : values)
        keys.push_back(kv.key);
    return keys;
}

std::string keyList(const std::vector<KeyValue> &values, const std::map<std::uint32_t, std::string> &names)
{
    std::string out;
    for (const KeyValue &kv : values) {
        const auto it = names.find(kv.key);
        out +=
            (out.empty() ? "" : ", ") + (it != names.end() ? it->second : hex(kv.key)) + "=" + std::to_string(kv.value);
    }
    return out;
}

ConfigStep gen9Step(ConfigSetting setting, std::string summary, std::vector<KeyValue> values, UbxPort port,
                    int newBaud = 0)
{
    const auto names = keyNames(port);
    ConfigStep step{setting, std::move(summary), {}, {}, newBaud};
    // The speed takes effect at once: its ACK may come at either speed, so none is awaited.
    auto ack = newBaud ? std::function<std::optional<bool>(const ReceiverAnswer &)>{}
                       : ubxAck(ubxcfg::kClassCfg, ubxcfg::kIdValSet);
    step.commands.push_back({ubxcfg::encodeValSet(ubxcfg::kLayerSetRam, values),
                             "UBX-CFG-VALSET RAM " + keyList(values, names), std::move(ack)});
    step.polls.push_back({ubxcfg::encodeValGet(ubxcfg::ValGetLayer::Ram, keysOf(values)), "UBX-CFG-VALGET RAM",
                          valGetCheck(ubxcfg::ValGetLayer::Ram, values, names)});
    return step;
}

std::vector<KeyValue> gen9SentenceValues(UbxPort port)
{
    std::vector<KeyValue> values;
    for (const std::string &s : kNeededSentences)
        values.push_back({*ubxcfg::nmeaOutputKey(s, port), kRateOn});
    for (const std::string &s : kUnneededSentences)
        values.push_back({*ubxcfg::nmeaOutputKey(s, port), kRateOff});
    return values;
}

std::vector<KeyValue> gen9TimePulseValues()
{
    using namespace ubxcfg::key;
    return {{kTpPulseDef, 0},
            {kTpPulseLengthDef, 1},
            {kTpPeriodTp1, kPulsePeriodUs},
            {kTpPeriodLockTp1, kPulsePeriodUs},
            {kTpLenTp1, 0},
            {kTpLenLockTp1, kPulseLengthUs},
            {kTpTp1Ena, 1},
            {kTpUseLockedTp1, 1},
            {kTpAlignToTowTp1, 1},
            {kTpPolTp1, 1},
            {kTpTimeGridTp1, 0}};
}

// --- MediaTek ------------------------------------------------------------------------------

pmtk::OutputRates wantedMtkRates()
{
    pmtk::OutputRates rates{};
    rates[pmtk::kFieldRmc] = 1;
    rates[pmtk::kFieldGga] = 1;
    rates[pmtk::kFieldGsa] = 1;
    rates[pmtk::kFieldGsv] = 1;
    return rates;
}

ConfigStep mtkSentences()
{
    const pmtk::OutputRates rates = wantedMtkRates();
    ConfigStep step{ConfigSetting::Sentences, {}, {}, {}, 0};
    step.commands.push_back(
        {pmtk::encodeSetOutput(rates), "PMTK314 RMC GGA GSA GSV every fix, others off", pmtkAck(314)});
    step.polls.push_back({pmtk::encodeQueryOutput(), "PMTK414 query sentence output",
                          [rates](const ReceiverAnswer &a) -> std::optional<std::vector<PollCheck>> {
                              if (!a.nmea)
                                  return std::nullopt;
                              const auto got = pmtk::decodeOutputRates(*a.nmea);
                              if (!got)
                                  return std::nullopt;
                              static const std::vector<std::pair<std::size_t, const char *>> fields{
                                  {pmtk::kFieldGll, "GLL"}, {pmtk::kFieldRmc, "RMC"}, {pmtk::kFieldVtg, "VTG"},
                                  {pmtk::kFieldGga, "GGA"}, {pmtk::kFieldGsa, "GSA"}, {pmtk::kFieldGsv, "GSV"},
                                  {pmtk::kFieldZda, "ZDA"}};
                              std::vector<PollCheck> checks;
                              for (const auto &[index, name] : fields) {
                                  if ((*got)[index] < 0)
                                      continue; // older firmware does not report it
                                  checks.push_back(compare(name, static_cast<std::uint64_t>(rates[index]),
                                                           static_cast<std::uint64_t>((*got)[index])));
                              }
                              return checks;
                          }});
    return step;
}

ConfigStep mtkTimePulse()
{
    ConfigStep step{ConfigSetting::TimePulse, "1 Hz, 100 ms, after a 3D fix", {}, {}, 0};
    step.commands.push_back({pmtk::encodeSyncPpsNmea(true), "PMTK255 NMEA in step with the PPS", pmtkAck(255)});
    step.commands.push_back({pmtk::encodePpsConfig(pmtk::kPpsAfter3dFix, kPpsPulseWidthMs),
                             "PMTK285 PPS after a 3D fix, 100 ms", pmtkAck(285)});
    return step;
}

ConfigStep mtkSpeed(int baud)
{
    ConfigStep step{ConfigSetting::Speed, std::to_string(baud) + " baud", {}, {}, baud};
    step.commands.push_back({pmtk::encodeSetBaud(baud), "PMTK251 " + std::to_string(baud) + " baud", {}});
    // MediaTek has no query for the speed: an answer that arrives at the new speed proves it.
    step.polls.push_back({pmtk::encodeQueryOutput(), "PMTK414 query, at the new speed",
                          [baud](const ReceiverAnswer &a) -> std::optional<std::vector<PollCheck>> {
                              if (!a.nmea || !pmtk::decodeOutputRates(*a.nmea))
                                  return std::nullopt;
                              const std::string b = std::to_string(baud);
                              return std::vector<PollCheck>{{true, "baud rate", b, b}};
                          }});
    return step;
}

std::string sentenceSummary()
{
    std::string on;
    std::string off;
    for (const std::string &s : kNeededSentences)
        on += (on.empty() ? "" : " ") + s;
    for (const std::string &s : kUnneededSentences)
        off += (off.empty() ? "" : " ") + s;
    return on + " on; " + off + " off";
}

} // namespace

const char *toString(ReceiverFamily family)
{
    switch (family) {
    case ReceiverFamily::Unknown:
        return "unknown";
    case ReceiverFamily::UbloxLegacy:
        return "u-blox 5-8";
    case ReceiverFamily::Ublox9:
        return "u-blox 9+";
    case ReceiverFamily::MediaTek:
        return "MediaTek/Quectel";
    }
    return "?";
}

const char *toString(ConfigSetting setting)
{
    switch (setting) {
    case ConfigSetting::Sentences:
        return "sentences";
    case ConfigSetting::DynamicModel:
        return "dynamic model";
    case ConfigSetting::TimePulse:
        return "time pulse";
    case ConfigSetting::Speed:
        return "speed";
    case ConfigSetting::Save:
        return "save";
    }
    return "?";
}

ReceiverFamily identifyReceiverFamily(const ReceiverFindings &f)
{
    const std::string &id = f.receiver;
    if (f.vendorPrefixes.contains("PMTK") || contains(id, "MTK") || contains(id, "Quectel") || contains(id, "MT33"))
        return ReceiverFamily::MediaTek;
    const bool ublox = f.ubx || f.vendorPrefixes.contains("PUBX") || contains(id, "u-blox") || contains(id, "UBX")
                       || contains(id, "PROTVER") || contains(id, "MOD=");
    if (!ublox)
        return ReceiverFamily::Unknown;
    if (const auto version = protocolVersion(id))
        return *version >= kFirstGen9ProtocolVersion ? ReceiverFamily::Ublox9 : ReceiverFamily::UbloxLegacy;
    // Module names and hardware versions of generation 9 and later (M9, F9, X20/M10).
    for (const char *gen9 : {"F9", "M9", "X20", "M10", "00190000", "000A0000"}) {
        if (contains(id, gen9))
            return ReceiverFamily::Ublox9;
    }
    return ReceiverFamily::UbloxLegacy;
}

std::vector<ConfigStep> planReceiverConfig(ReceiverFamily family, const ReceiverSettings &s)
{
    std::vector<ConfigStep> steps;
    const UbxPort port = s.usbPort ? UbxPort::Usb : UbxPort::Uart1;
    const bool newSpeed = !s.usbPort && s.baudRate > 0 && s.baudRate != s.currentBaud;
    switch (family) {
    case ReceiverFamily::Unknown:
        break;
    case ReceiverFamily::UbloxLegacy:
        if (s.sentences)
            steps.push_back(legacySentences(port));
        if (s.stationary)
            steps.push_back(legacyDynamicModel());
        if (s.timePulse)
            steps.push_back(legacyTimePulse());
        if (newSpeed)
            steps.push_back(legacySpeed(s.baudRate));
        if (s.save)
            steps.push_back(ubxSave("BBR and flash"));
        break;
    case ReceiverFamily::Ublox9: {
        std::vector<KeyValue> all;
        auto add = [&](ConfigStep step, const std::vector<KeyValue> &values) {
            all.insert(all.end(), values.begin(), values.end());
            steps.push_back(std::move(step));
        };
        if (s.sentences)
            add(gen9Step(ConfigSetting::Sentences, {}, gen9SentenceValues(port), port), gen9SentenceValues(port));
        if (s.stationary) {
            const std::vector<KeyValue> v{{ubxcfg::key::kNavDynModel, ubxcfg::kDynModelStationary}};
            add(gen9Step(ConfigSetting::DynamicModel, "stationary", v, port), v);
        }
        if (s.timePulse)
            add(gen9Step(ConfigSetting::TimePulse, "1 Hz, 100 ms, UTC", gen9TimePulseValues(), port),
                gen9TimePulseValues());
        if (newSpeed) {
            const std::vector<KeyValue> v{{ubxcfg::key::kUart1Baudrate, static_cast<std::uint64_t>(s.baudRate)}};
            add(gen9Step(ConfigSetting::Speed, std::to_string(s.baudRate) + " baud", v, port, s.baudRate), v);
        }
        if (s.save) {
            ConfigStep save = ubxSave("flash, read back from the flash layer");
            if (!all.empty())
                save.polls.push_back({ubxcfg::encodeValGet(ubxcfg::ValGetLayer::Flash, keysOf(all)),
                                      "UBX-CFG-VALGET flash",
                                      valGetCheck(ubxcfg::ValGetLayer::Flash, all, keyNames(port))});
            steps.push_back(std::move(save));
        }
        break;
    }
    case ReceiverFamily::MediaTek:
        // MediaTek has no stationary model and no save command in this set: the receiver keeps
        // PMTK settings while it has power or its backup battery.
        if (s.sentences)
            steps.push_back(mtkSentences());
        if (s.timePulse)
            steps.push_back(mtkTimePulse());
        if (newSpeed)
            steps.push_back(mtkSpeed(s.baudRate));
        break;
    }
    for (ConfigStep &step : steps) {
        if (step.setting == ConfigSetting::Sentences)
            step.summary = sentenceSummary();
    }
    return steps;
}

std::string displayBytes(const std::vector<std::uint8_t> &bytes)
{
    if (!bytes.empty() && bytes.front() == '$') {
        std::string text(bytes.begin(), bytes.end());
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        return text;
    }
    std::string out;
    char buf[4];
    for (const std::uint8_t b : bytes) {
        std::snprintf(buf, sizeof buf, "%02X", b);
        out += (out.empty() ? "" : " ") + std::string(buf);
    }
    return out;
}

} // namespace s1
