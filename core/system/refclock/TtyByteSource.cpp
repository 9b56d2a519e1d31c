#include "refclock/TtyByteSource.h"

#include <fcntl.h>
#include <linux/serial.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace s1 {

namespace {

std::optional<speed_t> speedFor(int baudRate)
{
    switch (baudRate) {
    case 1200:
        return B1200;
    case 2400:
        return B2400;
    case 4800:
        return B4800;
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 115200:
        return B115200;
    case 230400:
        return B230400;
    case 460800:
        return B460800;
    case 921600:
        return B921600;
    default:
        return std::nullopt;
    }
}

} // namespace

TtyByteSource::~TtyByteSource()
{
    close();
}

bool TtyByteSource::open(const std::string &path, int baudRate, std::string &error)
{
    close();
    const auto speed = speedFor(baudRate);
    if (!speed) {
        error = "unsupported serial speed " + std::to_string(baudRate) + " baud";
        return false;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        error = std::strerror(errno);
        return false;
    }
    termios tio{};
    if (::tcgetattr(fd, &tio) != 0) {
        error = std::strerror(errno); // e.g. "Inappropriate ioctl for device": no terminal
        ::close(fd);
        return false;
    }
    ::cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
    tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    // VMIN 1, not 0: with 0 an empty read returns 0 like a hang-up; with 1 and O_NONBLOCK it
    // fails with EAGAIN, and 0 means the line is gone.
    tio.c_cc[VMIN] = 1;
    tio.c_cc[VTIME] = 0;
    if (::cfsetispeed(&tio, *speed) != 0 || ::cfsetospeed(&tio, *speed) != 0 || ::tcsetattr(fd, TCSANOW, &tio) != 0) {
        error = std::strerror(errno);
        ::close(fd);
        return false;
    }
    m_fd = fd;
    return true;
}

void TtyByteSource::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

std::optional<std::size_t> TtyByteSource::read(std::span<std::uint8_t> buffer, std::string &error)
{
    if (m_fd < 0) {
        error = "not open";
        return std::nullopt;
    }
    const ssize_t n = ::read(m_fd, buffer.data(), buffer.size());
    if (n > 0)
        return static_cast<std::size_t>(n);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return std::size_t{0};
    // End of file on a readable tty: hung up (unplugged USB, closed pseudo-terminal master).
    error = n == 0 ? std::string("hung up") : std::string(std::strerror(errno));
    return std::nullopt;
}

std::optional<std::uint64_t> TtyByteSource::overrunCount() const
{
    // Qt 6 no longer reports overruns; the kernel's UART counters do (pseudo-terminals and
    // USB adapters without them refuse the ioctl, and then there is nothing to count).
    serial_icounter_struct counters{};
    if (m_fd < 0 || ::ioctl(m_fd, TIOCGICOUNT, &counters) != 0)
        return std::nullopt;
    return static_cast<std::uint64_t>(counters.overrun) + static_cast<std::uint64_t>(counters.buf_overrun);
}

} // namespace s1
