#include "ntp/Md5.h"

#include <bit>
#include <cmath>

namespace s1 {

namespace {

constexpr int kRounds = 64;
constexpr std::size_t kLengthOffset = 56; // where the 64-bit message length starts in the last block
constexpr std::uint8_t kPadStart = 0x80;
constexpr int kBitsPerByte = 8;

// Per-step left rotations, four per round (RFC 1321, section 3.4).
constexpr std::array<int, 16> kShifts{7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

// T[i] = floor(2^32 * |sin(i + 1)|), computed once: the definition itself rather than 64 opaque
// constants.
const std::array<std::uint32_t, kRounds> &sineTable()
{
    static const std::array<std::uint32_t, kRounds> table = [] {
        std::array<std::uint32_t, kRounds> t{};
        constexpr double kTwoPow32 = 4294967296.0;
        for (int i = 0; i < kRounds; ++i)
            t[static_cast<std::size_t>(i)] =
                static_cast<std::uint32_t>(std::floor(std::fabs(std::sin(i + 1.0)) * kTwoPow32));
        return t;
    }();
    return table;
}

std::uint32_t loadLittleEndian(const std::uint8_t *p)
{
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) | (std::uint32_t(p[3]) << 24);
}

} // namespace

void Md5::processBlock(const std::uint8_t *block)
{
    std::array<std::uint32_t, 16> m{};
    for (std::size_t i = 0; i < m.size(); ++i)
        m[i] = loadLittleEndian(block + 4 * i);

    const auto &t = sineTable();
    std::uint32_t a = m_state[0], b = m_state[1], c = m_state[2], d = m_state[3];
    for (int i = 0; i < kRounds; ++i) {
        std::uint32_t f = 0;
        int g = 0;
        switch (i / 16) {
        case 0:
            f = (b & c) | (~b & d);
            g = i;
            break;
        case 1:
            f = (d & b) | (~d & c);
            g = (5 * i + 1) % 16;
            break;
        case 2:
            f = b ^ c ^ d;
            g = (3 * i + 5) % 16;
            break;
        default:
            f = c ^ (b | ~d);
            g = (7 * i) % 16;
            break;
        }
        f += a + t[static_cast<std::size_t>(i)] + m[static_cast<std::size_t>(g)];
        a = d;
        d = c;
        c = b;
        const int shift = (i / 16) * 4 + i % 4; // the round (16 steps each) and the step within it
        b += std::rotl(f, kShifts[static_cast<std::size_t>(shift)]);
    }
    m_state[0] += a;
    m_state[1] += b;
    m_state[2] += c;
    m_state[3] += d;
}

void Md5::add(std::span<const std::uint8_t> data)
{
    m_totalBytes += data.size();
    for (const std::uint8_t byte : data) {
        m_buffer[m_buffered++] = byte;
        if (m_buffered == kBlockBytes) {
            processBlock(m_buffer.data());
            m_buffered = 0;
        }
    }
}

Md5::Digest Md5::finish()
{
    const std::uint64_t bitLength = m_totalBytes * kBitsPerByte;
    const std::uint8_t pad = kPadStart;
    add(std::span(&pad, 1));
    const std::uint8_t zero = 0;
    while (m_buffered != kLengthOffset)
        add(std::span(&zero, 1));
    std::array<std::uint8_t, 8> length{};
    for (std::size_t i = 0; i < length.size(); ++i)
        length[i] = static_cast<std::uint8_t>(bitLength >> (kBitsPerByte * i));
    add(length);

    Digest digest{};
    for (std::size_t i = 0; i < m_state.size(); ++i)
        for (std::size_t k = 0; k < 4; ++k)
            digest[4 * i + k] = static_cast<std::uint8_t>(m_state[i] >> (kBitsPerByte * k));
    return digest;
}

Md5::Digest Md5::hash(std::span<const std::uint8_t> data)
{
    Md5 md5;
    md5.add(data);
    return md5.finish();
}

} // namespace s1
