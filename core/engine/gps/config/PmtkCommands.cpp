#include "gps/config/PmtkCommands.h"

#include <charconv>
#include <cstdio>

namespace s1::pmtk {

namespace {

std::optional<int> number(std::string_view field)
{
    int v = 0;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), v);
    if (ec != std::errc() || end != field.data() + field.size() || field.empty())
        return std::nullopt;
    return v;
}

std::string rateList(const OutputRates &rates)
{
    std::string out;
    for (const int r : rates)
        out += "," + std::to_string(r < 0 ? 0 : r);
    return out;
}

} // namespace

std::string sentence(const std::string &body)
{
    std::uint8_t sum = 0;
    for (const char c : body)
        sum ^= static_cast<std::uint8_t>(c);
    char tail[8];
    std::snprintf(tail, sizeof tail, "*%02X\r\n", sum);
    return "$" + body + tail;
}

std::vector<std::uint8_t> bytes(const std::string &body)
{
    const std::string s = sentence(body);
    return {s.begin(), s.end()};
}

std::vector<std::uint8_t> encodeSetBaud(int baud)
{
    return bytes("PMTK251," + std::to_string(baud));
}

std::vector<std::uint8_t> encodeSetOutput(const OutputRates &rates)
{
    return bytes("PMTK314" + rateList(rates));
}

std::vector<std::uint8_t> encodeQueryOutput()
{
    return bytes("PMTK414");
}

std::vector<std::uint8_t> encodeSyncPpsNmea(bool on)
{
    return bytes(std::string("PMTK255,") + (on ? "1" : "0"));
}

std::vector<std::uint8_t> encodePpsConfig(int mode, int pulseWidthMs)
{
    return bytes("PMTK285," + std::to_string(mode) + "," + std::to_string(pulseWidthMs));
}

std::vector<std::uint8_t> encodeAck(int command, AckFlag flag)
{
    return bytes("PMTK001," + std::to_string(command) + "," + std::to_string(static_cast<int>(flag)));
}

std::vector<std::uint8_t> encodeOutputAnswer(const OutputRates &rates)
{
    return bytes("PMTK514" + rateList(rates));
}

std::optional<Ack> decodeAck(const NmeaSentence &s)
{
    if (!s.isProprietary() || s.formatter() != "MTK001")
        return std::nullopt;
    const auto command = number(s.field(1));
    const auto flag = number(s.field(2));
    if (!command || !flag || *flag < 0 || *flag > static_cast<int>(AckFlag::Done))
        return std::nullopt;
    return Ack{*command, static_cast<AckFlag>(*flag)};
}

std::optional<OutputRates> decodeOutputRates(const NmeaSentence &s, const char *formatter)
{
    if (!s.isProprietary() || s.formatter() != formatter || s.fieldCount() == 0)
        return std::nullopt;
    OutputRates rates;
    rates.fill(-1);
    for (std::size_t i = 0; i < kOutputFields && i < s.fieldCount(); ++i) {
        const auto v = number(s.field(i + 1));
        if (!v)
            return std::nullopt;
        rates[i] = *v;
    }
    return rates;
}

std::optional<int> decodeSetBaud(const NmeaSentence &s)
{
    if (!s.isProprietary() || s.formatter() != "MTK251")
        return std::nullopt;
    return number(s.field(1));
}

} // namespace s1::pmtk
