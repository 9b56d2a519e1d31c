// Where a serial refclock driver gets its bytes: a tty in the system (TtyByteSource), a fake
// in tests. Non-blocking: the driver reads when fd() is readable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace s1 {

class ByteSource
{
public:
    virtual ~ByteSource() = default;

    // Opens `path` at `baudRate` (8N1, no flow control); false with `error` saying why.
    virtual bool open(const std::string &path, int baudRate, std::string &error) = 0;
    virtual void close() = 0;
    virtual bool isOpen() const = 0;
    // The fd to watch; -1 when closed or when the source has none (fakes).
    virtual int fd() const = 0;
    // Reads what is available into `buffer`: the count (0: nothing now), or nothing when the
    // device is gone or failing, with `error` saying why.
    virtual std::optional<std::size_t> read(std::span<std::uint8_t> buffer, std::string &error) = 0;
    // The device's count of lost bytes (UART overruns) since it was opened; nothing when it
    // keeps none (pseudo-terminals, many USB adapters).
    virtual std::optional<std::uint64_t> overrunCount() const { return std::nullopt; }
};

} // namespace s1
