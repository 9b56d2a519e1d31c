#include "clock/DriftFile.h"

#include "text/NumberText.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace s1 {

namespace {

// A valid file is one short line; anything much longer is not a drift file.
constexpr std::size_t kMaxDriftFileBytes = 256;
constexpr int kDecimals = 6; // chrony writes %.6f
// chrony's permissions for the drift file.
constexpr mode_t kDriftFileMode = 0644;

std::string describe(const std::filesystem::path &path, std::string_view what)
{
    return "drift file " + path.string() + ": " + std::string(what);
}

std::string describeErrno(const std::filesystem::path &path, std::string_view what, int error)
{
    return describe(path, std::string(what) + ": " + std::generic_category().message(error));
}

// Closes the descriptor when the scope ends, whatever the path out.
class FileDescriptor
{
public:
    explicit FileDescriptor(int fd)
        : m_fd(fd)
    { }
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }
    // Closes now, reporting the error a deferred write may only show here.
    int close()
    {
        const int result = ::close(m_fd);
        m_fd = -1;
        return result;
    }

private:
    int m_fd;
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::optional<double> parseNumber(std::string_view token)
{
    // chrony reads with sscanf("%lf"), which takes a leading '+'; from_chars does not.
    if (token.size() > 1 && token.front() == '+' && token[1] != '-' && token[1] != '+')
        token.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec != std::errc() || end != token.data() + token.size())
        return std::nullopt;
    return value;
}

// The reason `state` cannot be in a drift file, empty when it can.
std::string invalidReason(const DriftState &state)
{
    if (!std::isfinite(state.frequencyPpm) || !std::isfinite(state.skewPpm))
        return "not a finite number";
    if (std::abs(state.frequencyPpm) > kMaxDriftFilePpm)
        return "frequency beyond +-10000 ppm";
    if (state.skewPpm < 0 || state.skewPpm > kMaxDriftFilePpm)
        return "skew outside 0..10000 ppm";
    return {};
}

std::optional<DriftState> parse(std::string_view content, std::string &reason)
{
    if (content.empty()) {
        reason = "empty";
        return std::nullopt;
    }
    // A line without its newline may be a write cut short, whose numbers would parse to
    // wrong values ("-12.3" of "-12.345678"): only complete lines count.
    const std::size_t newline = content.find('\n');
    if (newline == std::string_view::npos) {
        reason = "incomplete line (no newline)";
        return std::nullopt;
    }
    for (char c : content.substr(newline + 1)) {
        if (!isBlank(c) && c != '\n') {
            reason = "more than one line";
            return std::nullopt;
        }
    }

    std::vector<std::string_view> fields;
    const std::string_view line = content.substr(0, newline);
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isBlank(line[i]))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && !isBlank(line[i]))
            ++i;
        if (i > start)
            fields.push_back(line.substr(start, i - start));
    }
    if (fields.size() != 2) {
        reason = "expected \"FREQ_PPM SKEW_PPM\"";
        return std::nullopt;
    }
    const std::optional<double> frequency = parseNumber(fields[0]);
    const std::optional<double> skew = parseNumber(fields[1]);
    if (!frequency || !skew) {
        reason = "expected \"FREQ_PPM SKEW_PPM\" numbers";
        return std::nullopt;
    }
    const DriftState state{*frequency, *skew};
    reason = invalidReason(state);
    if (!reason.empty())
        return std::nullopt;
    return state;
}

std::string format(const DriftState &state)
{
    // Not printf: the decimal point must not follow the locale (Qt sets LC_ALL).
    return fixedText(state.frequencyPpm, kDecimals) + ' ' + fixedText(state.skewPpm, kDecimals) + '\n';
}

bool writeAll(int fd, std::string_view data, int &error)
{
    while (!data.empty()) {
        const ssize_t written = ::write(fd, data.data(), data.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            error = errno;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

} // namespace

std::optional<DriftState> readDriftFile(const std::filesystem::path &path, std::string &error)
{
    error.clear();
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.get() < 0) {
        if (errno != ENOENT)
            error = describeErrno(path, "cannot open", errno);
        return std::nullopt;
    }

    std::string content;
    std::array<char, kMaxDriftFileBytes + 1> buffer{};
    while (content.size() <= kMaxDriftFileBytes) {
        const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
        if (got < 0) {
            if (errno == EINTR)
                continue;
            error = describeErrno(path, "cannot read", errno);
            return std::nullopt;
        }
        if (got == 0)
            break;
        content.append(buffer.data(), static_cast<std::size_t>(got));
    }
    if (content.size() > kMaxDriftFileBytes) {
        error = describe(path, "corrupt: too long");
        return std::nullopt;
    }

    std::string reason;
    std::optional<DriftState> state = parse(content, reason);
    if (!state)
        error = describe(path, "corrupt: " + reason);
    return state;
}

bool writeDriftFile(const std::filesystem::path &path, const DriftState &state, std::string &error)
{
    error.clear();
    if (const std::string reason = invalidReason(state); !reason.empty()) {
        error = describe(path, "not written: " + reason);
        return false;
    }
    if (!path.has_filename()) {
        error = describe(path, "not a file name");
        return false;
    }
    const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    // Hidden, and in the same directory: rename() is only atomic within one file system.
    std::string temporary = (directory / ("." + path.filename().string() + ".tmp.XXXXXX")).string();

    FileDescriptor file(::mkostemp(temporary.data(), O_CLOEXEC));
    if (file.get() < 0) {
        error = describeErrno(path, "cannot create a temporary file", errno);
        return false;
    }
    const auto fail = [&](std::string_view what, int code) {
        error = describeErrno(path, what, code);
        ::unlink(temporary.c_str());
        return false;
    };

    int code = 0;
    if (::fchmod(file.get(), kDriftFileMode) < 0)
        return fail("cannot set permissions", errno);
    if (!writeAll(file.get(), format(state), code))
        return fail("cannot write", code);
    // Data on disk before the rename makes it visible, or a crash could leave an empty file.
    if (::fsync(file.get()) < 0)
        return fail("cannot sync", errno);
    if (file.close() < 0)
        return fail("cannot close", errno);
    if (::rename(temporary.c_str(), path.c_str()) < 0)
        return fail("cannot replace", errno);

    // The rename is only durable once the directory entry is on disk.
    FileDescriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() < 0 || ::fsync(dir.get()) < 0) {
        error = describeErrno(path, "written, but the directory could not be synced", errno);
        return false;
    }
    return true;
}

} // namespace s1
