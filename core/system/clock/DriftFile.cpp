#include "clock/DriftFile.h"

#include "file/AtomicFile.h"
#include "file/FileDescriptor.h"

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
    AtomicFileAttributes attributes;
    attributes.mode = kDriftFileMode;
    AtomicWriteError failure;
    if (writeFileAtomically(path.string(), format(state), attributes, failure))
        return true;
    error = describe(path, failure.reason());
    return false;
}

} // namespace s1
