#include "clock/HardwareClock.h"

#include <algorithm>
#include <cmath>

namespace s1 {

namespace {

// Ethernet's frame check sequence, after the data the kernel reports as the frame's length.
constexpr std::size_t kFrameCheckBytes = 4;
constexpr double kBitsPerByte = 8.0;
constexpr double kBitsPerMegabit = 1e6;

} // namespace

HardwareClock::HardwareClock(Settings settings)
    : m_settings(settings)
{
    m_settings.maxSamples = std::clamp(m_settings.maxSamples, kMinSamples, kMaxSamples);
    m_settings.minSamples = std::clamp(m_settings.minSamples, kMinSamples, m_settings.maxSamples);
}

bool HardwareClock::needsSample(RealTime now) const
{
    if (m_samples.empty())
        return true;
    return std::abs(toSeconds(now - m_samples.back().local)) >= m_settings.minSeparation;
}

void HardwareClock::reset()
{
    m_samples.clear();
    m_valid = false;
    ++m_resets;
}

void HardwareClock::addSample(RealTime hardwareTime, RealTime localTime, double error)
{
    error = std::max(error, m_settings.precision);
    if (!m_samples.empty()) {
        const Sample &newest = m_samples.back();
        const double hardwareDelta = toSeconds(hardwareTime - newest.hardware);
        const double localDelta = toSeconds(localTime - newest.local);
        if (hardwareDelta <= 0.0 || localDelta < m_settings.minSeparation / 2.0)
            reset();
    }
    m_samples.push_back({hardwareTime, localTime});
    while (m_samples.size() > static_cast<std::size_t>(m_settings.maxSamples))
        m_samples.pop_front();
    m_lastError = error;
    fit(error);
}

void HardwareClock::fit(double error)
{
    m_valid = false;
    if (m_samples.size() < static_cast<std::size_t>(m_settings.minSamples))
        return;
    // Differences from the newest reading, in seconds: small numbers, no precision lost.
    const Sample &newest = m_samples.back();
    const double n = static_cast<double>(m_samples.size());
    double sumX = 0.0;
    double sumY = 0.0;
    for (const Sample &s : m_samples) {
        sumX += toSeconds(s.local - newest.local);
        sumY += toSeconds(s.hardware - newest.hardware);
    }
    const double meanX = sumX / n;
    const double meanY = sumY / n;
    double sxx = 0.0;
    double sxy = 0.0;
    for (const Sample &s : m_samples) {
        const double x = toSeconds(s.local - newest.local) - meanX;
        const double y = toSeconds(s.hardware - newest.hardware) - meanY;
        sxx += x * x;
        sxy += x * y;
    }
    if (sxx <= 0.0)
        return;
    const double frequency = sxy / sxx;
    const double offset = meanY - frequency * meanX;
    // A line that misses the newest reading's error interval, or a rate no oscillator has:
    // a reading or the clock jumped, and what was kept no longer describes it.
    if (std::abs(offset) > error || std::abs(frequency - 1.0) > kMaxFrequencyOffset) {
        reset();
        return;
    }
    m_frequency = frequency;
    m_offset = offset;
    m_valid = true;
}

std::optional<RealTime> HardwareClock::localTime(RealTime hardwareTime) const
{
    if (!m_valid || m_samples.empty())
        return std::nullopt;
    const Sample &newest = m_samples.back();
    const double elapsed = toSeconds(hardwareTime - newest.hardware);
    return newest.local + fromSeconds((elapsed - m_offset) / m_frequency);
}

double frameDuration(std::size_t layer2Bytes, int linkSpeedMbps)
{
    if (linkSpeedMbps <= 0)
        return 0.0;
    return static_cast<double>(layer2Bytes + kFrameCheckBytes) * kBitsPerByte / (linkSpeedMbps * kBitsPerMegabit);
}

} // namespace s1
