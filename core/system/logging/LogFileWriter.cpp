#include "logging/LogFileWriter.h"

#include "logging/ChronyLogFormat.h"

#include <cerrno>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace s1 {

namespace {

constexpr std::string_view kLogSuffix = ".log";
// chronyd creates its logs rw-r--r-- (before the umask).
constexpr mode_t kLogFileMode = 0644;
// O_NONBLOCK is a no-op for regular files; it keeps open() from waiting for a reader when a FIFO
// sits in the log's place (which is then refused, see open()).
constexpr int kOpenFlags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;

// strerror() without its thread-safety problems.
std::string errnoText(int error)
{
    return std::generic_category().message(error);
}

std::filesystem::path logPath(const LogFileSettings &settings)
{
    return settings.directory / (settings.name + std::string(kLogSuffix));
}

} // namespace

LogFileWriter::LogFileWriter(LogFileSettings settings)
    : m_settings(std::move(settings))
    , m_path(logPath(m_settings))
    , m_banner(formatChronyLogBanner(m_settings.header))
{ }

LogFileWriter::~LogFileWriter()
{
    close();
}

LogFileWriter::LogFileWriter(LogFileWriter &&other) noexcept
    : m_settings(std::move(other.m_settings))
    , m_path(std::move(other.m_path))
    , m_banner(std::move(other.m_banner))
    , m_fd(std::exchange(other.m_fd, -1))
    , m_linesSinceOpen(std::exchange(other.m_linesSinceOpen, 0))
    , m_lastError(std::move(other.m_lastError))
{ }

LogFileWriter &LogFileWriter::operator=(LogFileWriter &&other) noexcept
{
    if (this != &other) {
        close();
        m_settings = std::move(other.m_settings);
        m_path = std::move(other.m_path);
        m_banner = std::move(other.m_banner);
        m_fd = std::exchange(other.m_fd, -1);
        m_linesSinceOpen = std::exchange(other.m_linesSinceOpen, 0);
        m_lastError = std::move(other.m_lastError);
    }
    return *this;
}

bool LogFileWriter::open()
{
    if (isOpen())
        return true;
    const int fd = ::open(m_path.c_str(), kOpenFlags, kLogFileMode);
    if (fd < 0) {
        fail("Could not open log file", errnoText(errno));
        return false;
    }
    // Only regular files: a FIFO or device could block the caller or, once its reader goes away,
    // kill the process with SIGPIPE.
    struct stat status
    { };
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        fail("Could not open log file", "not a regular file");
        return false;
    }
    m_fd = fd;
    m_linesSinceOpen = 0;
    return true;
}

bool LogFileWriter::reopen()
{
    close();
    return open();
}

void LogFileWriter::close()
{
    if (!isOpen())
        return;
    // Nothing is buffered here, so there is nothing to lose; a close() error cannot be acted on.
    ::close(m_fd);
    m_fd = -1;
    m_linesSinceOpen = 0;
}

bool LogFileWriter::write(std::string_view line)
{
    if (!open())
        return false;
    // Banner and line go out in one write, so that a reader tailing the file never sees a banner
    // without its line.
    std::string data;
    const bool withBanner = bannerDue();
    data.reserve((withBanner ? m_banner.size() : 0) + line.size() + 1);
    if (withBanner)
        data.append(m_banner);
    data.append(line).push_back('\n');
    if (!writeAll(data))
        return false;
    ++m_linesSinceOpen;
    return true;
}

bool LogFileWriter::bannerDue() const
{
    if (m_linesSinceOpen == 0)
        return true;
    if (m_settings.bannerInterval <= 0)
        return false;
    return m_linesSinceOpen % static_cast<std::uint64_t>(m_settings.bannerInterval) == 0;
}

bool LogFileWriter::writeAll(std::string_view data)
{
    // Short writes only happen when the disk fills up; the loop ends as soon as the kernel
    // refuses more, so it never spins.
    while (!data.empty()) {
        const ssize_t written = ::write(m_fd, data.data(), data.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0) {
            fail("Could not write to log file", errnoText(errno));
            return false;
        }
        if (written == 0) {
            fail("Could not write to log file", errnoText(EIO));
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

void LogFileWriter::fail(std::string_view what, std::string_view reason)
{
    m_lastError = std::string(what) + " " + m_path.string() + ": " + std::string(reason);
}

} // namespace s1
