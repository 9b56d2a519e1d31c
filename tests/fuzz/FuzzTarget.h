// What every fuzz target here shares: libFuzzer's entry point, and a reader that splits one
// input into the pieces a target needs (chunk sizes, a choice, the rest as bytes).
//
// The same entry point runs in two builds: scripts/fuzz.sh links it with libFuzzer (clang,
// -fsanitize=fuzzer,address,undefined), and the normal test suite links it with FuzzReplay.cpp,
// which runs it over the target's corpus, so that every input that once crashed stays a test.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace s1::fuzz {

// Takes from the front of the input; once it is used up every read gives zero / empty.
class FuzzInput
{
public:
    FuzzInput(const std::uint8_t *data, std::size_t size)
        : m_rest(data, size)
    { }

    bool empty() const { return m_rest.empty(); }
    std::size_t remaining() const { return m_rest.size(); }

    std::uint8_t byte()
    {
        if (m_rest.empty())
            return 0;
        const std::uint8_t b = m_rest.front();
        m_rest = m_rest.subspan(1);
        return b;
    }

    std::uint16_t u16()
    {
        const auto high = static_cast<std::uint16_t>(byte() << 8);
        return static_cast<std::uint16_t>(high | byte());
    }

    // Up to `count` bytes (fewer at the end).
    std::span<const std::uint8_t> bytes(std::size_t count)
    {
        const std::size_t n = std::min(count, m_rest.size());
        const std::span<const std::uint8_t> taken = m_rest.first(n);
        m_rest = m_rest.subspan(n);
        return taken;
    }

    std::span<const std::uint8_t> rest() { return bytes(m_rest.size()); }

    // Copies up to sizeof(T) bytes over a zeroed T (plain structs only).
    template <typename T>
    T object()
    {
        T value{};
        const std::span<const std::uint8_t> raw = bytes(sizeof(T));
        std::memcpy(&value, raw.data(), raw.size());
        return value;
    }

private:
    std::span<const std::uint8_t> m_rest;
};

inline std::string_view asText(std::span<const std::uint8_t> bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

} // namespace s1::fuzz
