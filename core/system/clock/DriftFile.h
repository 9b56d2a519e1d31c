// The drift file: the clock's frequency correction and its uncertainty, kept across restarts
// so that the clock does not have to be trained again. chrony's format, one line
// "FREQ_PPM SKEW_PPM\n" (e.g. "-12.345678 0.123456"), so that chrony and Stratum One can read
// each other's files (chrony pads the fields with spaces; both are read).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace s1 {

struct DriftState
{
    // chrony's sign: positive, the clock runs fast (chrony sets the kernel frequency to the
    // negative); a clock 100 ppm fast is written "100 ...", as chronyd writes it.
    double frequencyPpm = 0;
    double skewPpm = 0; // uncertainty of frequencyPpm, >= 0
};

// No real oscillator is 1 % off (chrony's maxdrift defaults to 500 ppm): larger values mean
// the file is damaged, not that the clock is that bad.
constexpr double kMaxDriftFilePpm = 1e4;

// nullopt with an empty `error` when the file does not exist (first start); nullopt with a
// message when it cannot be read or is not one complete "FREQ_PPM SKEW_PPM" line of finite
// numbers within kMaxDriftFilePpm (skew not negative).
std::optional<DriftState> readDriftFile(const std::filesystem::path &path, std::string &error);

// Replaces the file atomically and durably: the new content goes to a temporary file in the
// same directory, which is synced and renamed over `path`, and the directory is synced so the
// rename survives a crash. A reader sees the old file or the new one, never a partial one. On
// failure returns false with a message; the temporary file is removed and the old content is
// left as it was, except when only the final directory sync failed (then the message says
// the new content is in place but may not survive a crash). Values readDriftFile would reject
// are not written.
bool writeDriftFile(const std::filesystem::path &path, const DriftState &state, std::string &error);

} // namespace s1
