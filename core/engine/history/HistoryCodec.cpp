#include "history/HistoryCodec.h"

#include <bit>
#include <cstring>

namespace s1 {

namespace {

constexpr std::string_view kMagic = "S1HISTORY\n";
constexpr std::size_t kMaxNameLength = 1024;

std::uint64_t fnv1a(std::string_view bytes)
{
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

class Writer
{
public:
    void raw(std::string_view bytes) { m_out.append(bytes); }
    template <typename T>
    void integer(T value)
    {
        auto bits = static_cast<std::uint64_t>(value);
        for (std::size_t i = 0; i < sizeof(T); ++i, bits >>= 8)
            m_out.push_back(static_cast<char>(bits & 0xff));
    }
    void real(double value) { integer(std::bit_cast<std::uint64_t>(value)); }
    std::string &bytes() { return m_out; }

private:
    std::string m_out;
};

class Reader
{
public:
    explicit Reader(std::string_view bytes)
        : m_in(bytes)
    { }
    bool raw(std::size_t n, std::string_view &out)
    {
        if (m_in.size() - m_pos < n)
            return false;
        out = m_in.substr(m_pos, n);
        m_pos += n;
        return true;
    }
    template <typename T>
    bool integer(T &value)
    {
        std::string_view b;
        if (!raw(sizeof(T), b))
            return false;
        std::uint64_t bits = 0;
        for (std::size_t i = sizeof(T); i-- > 0;)
            bits = (bits << 8) | static_cast<unsigned char>(b[i]);
        value = static_cast<T>(bits);
        return true;
    }
    bool real(double &value)
    {
        std::uint64_t bits = 0;
        if (!integer(bits))
            return false;
        value = std::bit_cast<double>(bits);
        return true;
    }
    std::size_t remaining() const { return m_in.size() - m_pos; }

private:
    std::string_view m_in;
    std::size_t m_pos = 0;
};

constexpr std::size_t kPointBytes = 16;
constexpr std::size_t kMinuteBytes = 36;

} // namespace

std::string encodeHistory(const HistoryStore &store)
{
    Writer w;
    w.raw(kMagic);
    w.integer(kHistoryFormatVersion);
    w.integer(static_cast<std::uint32_t>(store.all().size()));
    for (const auto &[name, series] : store.all()) {
        w.integer(static_cast<std::uint16_t>(name.size()));
        w.raw(name);
        w.integer(series.fullResolutionSince());
        w.integer(static_cast<std::uint32_t>(series.pointCount()));
        for (const HistoryPoint &p : series.points()) {
            w.integer(p.time);
            w.real(p.value);
        }
        w.integer(static_cast<std::uint32_t>(series.minuteCount()));
        for (const HistoryBucket &m : series.minutes()) {
            w.integer(m.start);
            w.integer(m.count);
            w.real(m.min);
            w.real(m.max);
            w.real(m.sum);
        }
    }
    w.integer(fnv1a(w.bytes()));
    return std::move(w.bytes());
}

std::optional<HistoryStore> decodeHistory(std::string_view bytes, std::string &error)
{
    if (bytes.size() < kMagic.size() + 8 + 8 || bytes.substr(0, kMagic.size()) != kMagic) {
        error = "not a Stratum One history file";
        return std::nullopt;
    }
    const std::string_view body = bytes.substr(0, bytes.size() - 8);
    Reader trailer(bytes.substr(bytes.size() - 8));
    std::uint64_t checksum = 0;
    trailer.integer(checksum);
    Reader r(body);
    std::string_view magic;
    std::uint32_t version = 0;
    std::uint32_t count = 0;
    r.raw(kMagic.size(), magic);
    r.integer(version);
    if (version != kHistoryFormatVersion) {
        error =
            "history file version " + std::to_string(version) + ", expected " + std::to_string(kHistoryFormatVersion);
        return std::nullopt;
    }
    if (fnv1a(body) != checksum) {
        error = "history file is truncated or damaged (checksum mismatch)";
        return std::nullopt;
    }
    r.integer(count);
    if (count > HistoryStore::kMaxSeries) {
        error = "history file lists " + std::to_string(count) + " series, more than "
                + std::to_string(HistoryStore::kMaxSeries);
        return std::nullopt;
    }
    HistoryStore store;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto fail = [&](const std::string &what) {
            error = "history file, series " + std::to_string(i + 1) + ": " + what;
            return std::nullopt;
        };
        std::uint16_t nameLength = 0;
        std::string_view name;
        std::int64_t fullSince = 0;
        std::uint32_t points = 0;
        if (!r.integer(nameLength) || nameLength == 0 || nameLength > kMaxNameLength || !r.raw(nameLength, name))
            return fail("bad name");
        if (!r.integer(fullSince) || !r.integer(points) || points > HistorySeries::kFullResolutionCapacity
            || r.remaining() < std::size_t{points} * kPointBytes)
            return fail("bad point count");
        std::vector<HistoryPoint> pointList(points);
        for (HistoryPoint &p : pointList) {
            r.integer(p.time);
            r.real(p.value);
        }
        std::uint32_t minutes = 0;
        if (!r.integer(minutes) || minutes > HistorySeries::kMinuteCapacity
            || r.remaining() < std::size_t{minutes} * kMinuteBytes)
            return fail("bad minute count");
        std::vector<HistoryBucket> minuteList(minutes);
        for (HistoryBucket &m : minuteList) {
            r.integer(m.start);
            r.integer(m.count);
            r.real(m.min);
            r.real(m.max);
            r.real(m.sum);
        }
        HistorySeries series;
        if (!HistorySeries::restore(pointList, minuteList, fullSince, series))
            return fail("values out of order or not finite");
        store.put(std::string(name), std::move(series));
    }
    if (r.remaining() != 0) {
        error = "history file has " + std::to_string(r.remaining()) + " unexpected bytes at the end";
        return std::nullopt;
    }
    return store;
}

} // namespace s1
