// A serial port as a ByteSource: the tty opened non-blocking and set raw, 8N1, at the
// configured speed with termios.
#pragma once

#include "refclock/ByteSource.h"

namespace s1 {

class TtyByteSource final : public ByteSource
{
public:
    TtyByteSource() = default;
    ~TtyByteSource() override;
    TtyByteSource(const TtyByteSource &) = delete;
    TtyByteSource &operator=(const TtyByteSource &) = delete;

    bool open(const std::string &path, int baudRate, std::string &error) override;
    void close() override;
    bool isOpen() const override { return m_fd >= 0; }
    int fd() const override { return m_fd; }
    std::optional<std::size_t> read(std::span<std::uint8_t> buffer, std::string &error) override;
    std::optional<std::uint64_t> overrunCount() const override;

private:
    int m_fd = -1;
};

} // namespace s1
