#include "refclock/NmeaRefClockDriver.h"

#include <array>
#include <span>

namespace s1 {

NmeaRefClockDriver::NmeaRefClockDriver(const RefClockConfig &config, std::unique_ptr<ByteSource> source, Sinks sinks)
    : RefClockDriverInterface(std::move(sinks))
    , m_config(config)
    , m_source(std::move(source))
{
    m_decoder.setBaudRate(config.baudRate);
    m_decoder.setUsbLink(SerialLinkLoad::isUsbDevice(config.parameter));
    m_decoder.setMessageObserver([this](std::string_view, std::span<const std::uint8_t>) {
        ++m_goodMessages;
        m_garbageAtGood = m_decoder.state().garbageBytes();
        m_checksumErrorsAtGood = m_decoder.state().checksumErrors();
    });
}

bool NmeaRefClockDriver::open(RealTime now)
{
    if (m_source->isOpen())
        return true;
    std::string error;
    if (!m_source->open(m_config.parameter, m_config.baudRate, error)) {
        setFault("cannot open " + m_config.parameter + ": " + error);
        return false;
    }
    m_garbageAtGood = m_decoder.state().garbageBytes();
    m_checksumErrorsAtGood = m_decoder.state().checksumErrors();
    m_overrunBaseline.reset();
    m_fault.clear();
    m_lastByte = now;
    return true;
}

void NmeaRefClockDriver::readable(RealTime now)
{
    std::array<std::uint8_t, kReadChunk> buffer{};
    const std::uint64_t goodBefore = m_goodMessages;
    bool any = false;
    for (int round = 0; round < kMaxReadsPerWakeup && m_source->isOpen(); ++round) {
        std::string error;
        const auto n = m_source->read(buffer, error);
        if (!n) {
            // Unplugged or gone: close, say so, and let the host reopen it.
            setFault(m_config.parameter + " is gone or failing (" + error + ")");
            m_source->close();
            m_lastByte.reset();
            break;
        }
        if (*n == 0)
            break;
        any = true;
        m_decoder.feed(std::span<const std::uint8_t>(buffer.data(), *n), now);
    }
    if (!any)
        return;
    m_lastByte = now;
    countOverruns();
    deliverFixes();
    const std::uint64_t garbage = m_decoder.state().garbageBytes() - m_garbageAtGood;
    const std::uint64_t badChecksums = m_decoder.state().checksumErrors() - m_checksumErrorsAtGood;
    if (garbage > kGarbageBeforeBaudWarning)
        setFault("bytes but no valid NMEA or UBX at " + std::to_string(m_config.baudRate) + " baud: wrong baud rate?");
    else if (badChecksums >= kChecksumErrorsBeforeWarning)
        setFault(std::to_string(badChecksums) + " messages with a bad checksum and none good: damaged line?");
    else if (m_source->isOpen() && !m_fault.empty() && m_goodMessages > goodBefore)
        m_fault.clear();
}

void NmeaRefClockDriver::poll(RealTime now)
{
    m_decoder.poll(now);
    deliverFixes();
    if (m_source->isOpen() && m_lastByte && now - *m_lastByte >= kSilenceTimeout && m_fault.empty())
        setFault("no data from " + m_config.parameter + " for "
                 + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(kSilenceTimeout).count()) + " s");
}

std::optional<RealTime> NmeaRefClockDriver::deadline() const
{
    std::optional<RealTime> next = m_decoder.nextDeadline();
    if (m_source->isOpen() && m_lastByte && m_fault.empty()) {
        const RealTime silent = *m_lastByte + kSilenceTimeout;
        if (!next || silent < *next)
            next = silent;
    }
    return next;
}

void NmeaRefClockDriver::deliverFixes()
{
    for (const GpsTimeFix &fix : m_decoder.takeTimeFixes()) {
        RefClockSample s;
        s.referenceTime = fix.epochUtc;
        s.receiveTime = fix.burstStart;
        s.precision = kSerialPrecision;
        sample(s);
    }
}

void NmeaRefClockDriver::countOverruns()
{
    const auto total = m_source->overrunCount();
    if (!total)
        return;
    if (m_overrunBaseline && *total > *m_overrunBaseline)
        m_overruns += *total - *m_overrunBaseline;
    m_overrunBaseline = total;
}

RefClockDriverStatus NmeaRefClockDriver::status() const
{
    if (!m_fault.empty())
        return {m_fault, true};
    return {"reading " + m_config.parameter + " at " + std::to_string(m_config.baudRate) + " baud, "
                + std::to_string(m_goodMessages) + " messages",
            false};
}

std::optional<GpsStatus> NmeaRefClockDriver::gpsStatus(RealTime now) const
{
    GpsStatus status = m_decoder.status(now);
    status.baudRate = m_config.baudRate;
    status.serialOverruns += m_overruns;
    return status;
}

} // namespace s1
