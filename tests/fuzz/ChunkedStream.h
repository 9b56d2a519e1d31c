// Splits a byte stream into reads of 1..256 bytes, the sizes drawn from a small generator
// seeded by one input byte, so that one stream is tried in many chunkings (a read may end
// anywhere inside a sentence or a frame) and seed corpora can be plain captures behind a
// two-byte prefix.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>

namespace s1::fuzz {

class ChunkedStream
{
public:
    ChunkedStream(std::span<const std::uint8_t> stream, std::uint8_t seed)
        : m_rest(stream)
        , m_state(seed)
    { }

    bool empty() const { return m_rest.empty(); }

    std::span<const std::uint8_t> next()
    {
        m_state = m_state * 1'103'515'245u + 12'345u; // the C standard's example generator
        const std::size_t size = std::min<std::size_t>(1 + ((m_state >> 16) & 0xff), m_rest.size());
        const std::span<const std::uint8_t> chunk = m_rest.first(size);
        m_rest = m_rest.subspan(size);
        return chunk;
    }

    // Milliseconds to the next read: mostly back-to-back, now and then a pause long enough to
    // end a burst.
    int gapMilliseconds() const { return (m_state & 0x0f00) == 0 ? 1500 : static_cast<int>((m_state >> 8) & 0x3f); }

private:
    std::span<const std::uint8_t> m_rest;
    std::uint32_t m_state;
};

} // namespace s1::fuzz
