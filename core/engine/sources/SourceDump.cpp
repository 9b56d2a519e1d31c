#include "sources/SourceDump.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace s1 {

namespace {

constexpr std::string_view kMagic = "stratumone-sourcedump";
// What a file holds at most besides its samples: the header lines and the end line.
constexpr int kFixedLines = 7;

// Shortest text that reads back to the same double, in the "C" locale whatever the process's.
std::string numberText(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string integerText(std::int64_t value)
{
    return std::to_string(value);
}

std::vector<std::string_view> splitFields(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ')
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ')
            ++i;
        if (i > start)
            fields.push_back(line.substr(start, i - start));
    }
    return fields;
}

template <typename T>
bool readNumber(std::string_view text, T &value)
{
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

bool readFinite(std::string_view text, double &value)
{
    return readNumber(text, value) && std::isfinite(value);
}

// The reader: lines one at a time, each failure naming its line.
class DumpReader
{
public:
    explicit DumpReader(std::string_view text)
        : m_text(text)
    { }

    // The next line split into fields, checked to start with `keyword` and to have `count`
    // fields after it.
    std::optional<std::vector<std::string_view>> record(std::string_view keyword, std::size_t count)
    {
        if (m_position >= m_text.size()) {
            ++m_line;
            fail("the file ends before its '" + std::string(keyword) + "' line");
            return std::nullopt;
        }
        const std::size_t newline = m_text.find('\n', m_position);
        if (newline == std::string_view::npos) {
            ++m_line;
            fail("the last line has no newline: the file is cut short");
            return std::nullopt;
        }
        const std::string_view line = m_text.substr(m_position, newline - m_position);
        m_position = newline + 1;
        ++m_line;
        std::vector<std::string_view> fields = splitFields(line);
        if (fields.empty() || fields.front() != keyword) {
            fail("expected '" + std::string(keyword) + "', found '" + std::string(line.substr(0, 40)) + "'");
            return std::nullopt;
        }
        if (fields.size() != count + 1) {
            fail("'" + std::string(keyword) + "' takes " + std::to_string(count) + " values, found "
                 + std::to_string(fields.size() - 1));
            return std::nullopt;
        }
        fields.erase(fields.begin());
        return fields;
    }

    bool atEnd() const { return m_position >= m_text.size(); }
    // Refuses what follows the last line read.
    void failAfter(const std::string &message)
    {
        ++m_line;
        fail(message);
    }
    void fail(const std::string &message)
    {
        if (m_error.empty())
            m_error = "line " + std::to_string(m_line) + ": " + message;
    }
    // For a value of the current line.
    bool badValue(std::string_view what, std::string_view text)
    {
        fail("bad " + std::string(what) + " '" + std::string(text.substr(0, 40)) + "'");
        return false;
    }
    const std::string &error() const { return m_error; }

private:
    std::string_view m_text;
    std::size_t m_position = 0;
    int m_line = 0;
    std::string m_error;
};

bool readIdentity(DumpReader &reader, SourceDumpIdentity &identity)
{
    const auto fields = reader.record(kMagic, 3);
    if (!fields) {
        reader.fail("not a Stratum One source dump");
        return false;
    }
    int version = 0;
    if (!readNumber((*fields)[0], version))
        return reader.badValue("version", (*fields)[0]);
    if (version != SourceDump::kVersion) {
        reader.fail("format version " + std::to_string(version) + ", this program reads version "
                    + std::to_string(SourceDump::kVersion));
        return false;
    }
    const std::string_view kind = (*fields)[1];
    const std::string_view name = (*fields)[2];
    if (kind == "ntp") {
        identity.kind = SourceDumpIdentity::Kind::Ntp;
        identity.address = std::string(name);
        return true;
    }
    if (kind == "refclock") {
        identity.kind = SourceDumpIdentity::Kind::RefClock;
        const auto result = std::from_chars(name.data(), name.data() + name.size(), identity.referenceId, 16);
        if (name.size() != 8 || result.ec != std::errc() || result.ptr != name.data() + name.size())
            return reader.badValue("reference ID", name);
        return true;
    }
    return reader.badValue("source kind", kind);
}

bool readSample(DumpReader &reader, DumpedSample &sample)
{
    const auto fields = reader.record("sample", 7);
    if (!fields)
        return false;
    std::int64_t ns = 0;
    if (!readNumber((*fields)[0], ns))
        return reader.badValue("sample time", (*fields)[0]);
    sample.time = RealTime(Nanoseconds(ns));
    double *const values[] = {&sample.offset,         &sample.originalOffset, &sample.peerDelay,
                              &sample.peerDispersion, &sample.rootDelay,      &sample.rootDispersion};
    for (std::size_t i = 0; i < std::size(values); ++i)
        if (!readFinite((*fields)[i + 1], *values[i]))
            return reader.badValue("sample value", (*fields)[i + 1]);
    if (sample.peerDelay < 0 || sample.peerDispersion < 0 || sample.rootDelay < 0 || sample.rootDispersion < 0) {
        reader.fail("a negative delay or dispersion");
        return false;
    }
    return true;
}

} // namespace

std::string SourceDumpIdentity::fileName() const
{
    if (kind == Kind::Ntp)
        return address + ".dat";
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08x", referenceId); // chronyd's spelling: lower case
    return "refid:" + std::string(hex) + ".dat";
}

std::string SourceDumpIdentity::text() const
{
    if (kind == Kind::Ntp)
        return address;
    char hex[9];
    std::snprintf(hex, sizeof hex, "%08X", referenceId);
    return "refclock " + std::string(hex);
}

std::string formatSourceDump(const SourceDump &dump)
{
    const SourceDumpIdentity &id = dump.source;
    std::string text;
    text.reserve(static_cast<std::size_t>(kFixedLines + 1 + static_cast<int>(dump.samples.size())) * 96);
    text += std::string(kMagic) + ' ' + std::to_string(SourceDump::kVersion) + ' ';
    text += id.kind == SourceDumpIdentity::Kind::Ntp ? "ntp " + id.address : id.text();
    text += "\ndumped " + integerText(dump.dumpedAt.time_since_epoch().count());
    text += "\nstratum " + std::to_string(dump.stratum);
    text += "\nleap " + std::to_string(static_cast<int>(dump.leap));
    text += "\nestimate " + numberText(dump.frequency) + ' ' + numberText(dump.skew) + ' ' + numberText(dump.stdDev)
            + ' ' + numberText(dump.asymmetry) + ' ' + std::to_string(dump.asymmetryRun);
    text += "\nsamples " + std::to_string(dump.samples.size()) + ' ' + std::to_string(dump.regressionSamples) + '\n';
    for (const DumpedSample &s : dump.samples) {
        text += "sample " + integerText(s.time.time_since_epoch().count());
        for (const double value :
             {s.offset, s.originalOffset, s.peerDelay, s.peerDispersion, s.rootDelay, s.rootDispersion})
            text += ' ' + numberText(value);
        text += '\n';
    }
    text += "end\n";
    return text;
}

SourceDumpParse parseSourceDump(std::string_view text)
{
    DumpReader reader(text);
    SourceDump dump;
    SourceDumpParse parsed;
    const auto finish = [&]() {
        parsed.error = reader.error();
        return parsed;
    };
    if (!readIdentity(reader, dump.source))
        return finish();

    const auto dumped = reader.record("dumped", 1);
    std::int64_t ns = 0;
    if (!dumped || !readNumber((*dumped)[0], ns)) {
        if (dumped)
            reader.badValue("time", (*dumped)[0]);
        return finish();
    }
    dump.dumpedAt = RealTime(Nanoseconds(ns));

    const auto stratum = reader.record("stratum", 1);
    if (!stratum || !readNumber((*stratum)[0], dump.stratum) || dump.stratum < 0 || dump.stratum > 16) {
        if (stratum)
            reader.badValue("stratum", (*stratum)[0]);
        return finish();
    }
    const auto leap = reader.record("leap", 1);
    int leapValue = 0;
    if (!leap || !readNumber((*leap)[0], leapValue) || leapValue < 0 || leapValue > 3) {
        if (leap)
            reader.badValue("leap indicator", (*leap)[0]);
        return finish();
    }
    dump.leap = static_cast<LeapIndicator>(leapValue);

    const auto estimate = reader.record("estimate", 5);
    if (!estimate)
        return finish();
    if (!readFinite((*estimate)[0], dump.frequency) || !readFinite((*estimate)[1], dump.skew)
        || !readFinite((*estimate)[2], dump.stdDev) || !readFinite((*estimate)[3], dump.asymmetry)
        || !readNumber((*estimate)[4], dump.asymmetryRun) || std::abs(dump.asymmetry) > 0.5 || dump.stdDev < 0) {
        reader.fail("bad estimate");
        return finish();
    }

    const auto counts = reader.record("samples", 2);
    int held = 0;
    if (!counts)
        return finish();
    if (!readNumber((*counts)[0], held) || held < 0 || held > SourceDump::kMaxSamples) {
        reader.badValue("sample count", (*counts)[0]);
        return finish();
    }
    if (!readNumber((*counts)[1], dump.regressionSamples) || dump.regressionSamples < 0
        || dump.regressionSamples > held) {
        reader.badValue("regression sample count", (*counts)[1]);
        return finish();
    }
    dump.samples.resize(static_cast<std::size_t>(held));
    for (std::size_t i = 0; i < dump.samples.size(); ++i) {
        if (!readSample(reader, dump.samples[i]))
            return finish();
        if (i > 0 && dump.samples[i].time <= dump.samples[i - 1].time) {
            reader.fail("samples out of order");
            return finish();
        }
    }
    if (!reader.record("end", 0))
        return finish();
    if (!reader.atEnd()) {
        reader.failAfter("text after the end line");
        return finish();
    }
    parsed.dump = std::move(dump);
    return parsed;
}

std::string checkSourceDump(const SourceDump &dump, const SourceDumpIdentity &expected, RealTime now)
{
    if (dump.source != expected)
        return "it holds the history of " + dump.source.text() + ", not of " + expected.text();
    if (dump.samples.empty())
        return {};
    const RealTime newest = dump.samples.back().time;
    if (newest > now + SourceDump::kFutureTolerance || dump.dumpedAt > now + SourceDump::kFutureTolerance)
        return "its samples are in the future (the clock went back since it was written)";
    if (now - newest > SourceDump::kMaxAge)
        return "its newest sample is older than " + std::to_string(SourceDump::kMaxAge.count() / 3'600'000'000'000)
               + " hours";
    return {};
}

} // namespace s1
