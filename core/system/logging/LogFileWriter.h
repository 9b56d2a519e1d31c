// Appends lines to one of chronyd-style statistics logs, <logdir>/<name>.log, with chronyd's
// banner handling, so the files look exactly like chronyd's.
//
// Behaviour, as chronyd's LOG_FileWrite / LOG_CycleLogFiles:
//  - the file is opened for append (created 0644 minus umask), existing content is kept;
//  - the banner (see formatChronyLogBanner) goes in front of the first line written after each
//    open, and then in front of every `bannerInterval`-th line; banner lines do not count as
//    lines. An interval of 0 (or less) writes it only in front of that first line. NOTE: this
//    is where we differ from chronyd, which writes no banner at all with `logbanner 0`;
//  - each line is handed to the kernel with the write that adds it, nothing stays buffered here
//    (line-buffered, no fsync);
//  - reopen() closes and opens the path again: after logrotate renamed the file away, the next
//    lines go to a new file, which starts with a banner.
//
// Errors are returned (false plus lastError()), never thrown, and never fatal: a failed open is
// retried by the next write(). To keep the caller from blocking, only regular files are accepted
// (a FIFO in the log's place is refused, without waiting for a reader), each line is a single
// write(2) of a few hundred bytes, and nothing waits for the disk (no fsync).
//
// Not thread-safe: one writer per file, used by one thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace s1 {

// chronyd's `logbanner` default: the banner is repeated in front of every 32nd line.
constexpr int kDefaultLogBannerInterval = 32;

struct LogFileSettings
{
    std::filesystem::path directory;                // chronyd's `logdir`; not created here
    std::string name;                               // the file is <directory>/<name>.log
    std::string header;                             // the banner's column header line (chronyLogHeader)
    int bannerInterval = kDefaultLogBannerInterval; // chronyd's `logbanner`
};

class LogFileWriter
{
public:
    explicit LogFileWriter(LogFileSettings settings);
    ~LogFileWriter();

    LogFileWriter(const LogFileWriter &) = delete;
    LogFileWriter &operator=(const LogFileWriter &) = delete;
    LogFileWriter(LogFileWriter &&other) noexcept;
    LogFileWriter &operator=(LogFileWriter &&other) noexcept;

    // Opens the file for append if it is not open yet. false: see lastError().
    bool open();
    // Closes and opens the file again (logrotate's postrotate); the banner is written again in
    // front of the next line.
    bool reopen();
    void close();

    // Appends one line (given without its newline; it must not contain one), opening the file
    // first if needed. false: the line was not (completely) written, see lastError().
    bool write(std::string_view line);

    bool isOpen() const { return m_fd >= 0; }
    const std::filesystem::path &filePath() const { return m_path; }
    // The last failure, e.g. "Could not open log file /var/log/x/tracking.log: Permission
    // denied"; empty until something failed. Not cleared by later successes.
    const std::string &lastError() const { return m_lastError; }
    // Lines written since the file was (re)opened.
    std::uint64_t linesSinceOpen() const { return m_linesSinceOpen; }

private:
    bool bannerDue() const;
    bool writeAll(std::string_view data);
    void fail(std::string_view what, std::string_view reason);

    LogFileSettings m_settings;
    std::filesystem::path m_path;
    std::string m_banner;
    int m_fd = -1;
    std::uint64_t m_linesSinceOpen = 0;
    std::string m_lastError;
};

} // namespace s1
