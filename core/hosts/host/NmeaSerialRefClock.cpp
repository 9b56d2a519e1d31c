#include "host/NmeaSerialRefClock.h"

#include "clock/HostClock.h"
#include "logging/LogCategories.h"

#include <QLoggingCategory>

#include <linux/serial.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <span>

namespace s1 {

NmeaSerialRefClock::NmeaSerialRefClock(std::size_t index, const RefClockConfig &config, SampleSink sink,
                                       QObject *parent)
    : QObject(parent)
    , m_index(index)
    , m_config(config)
    , m_sink(std::move(sink))
    , m_port(this)
    , m_reopenTimer(this)
    , m_silenceTimer(this)
    , m_epochTimer(this)
{
    m_decoder.setBaudRate(config.baudRate);
    m_decoder.setMessageObserver([this](std::string_view, std::span<const std::uint8_t>) {
        ++m_goodMessages;
        m_garbageAtGood = m_decoder.state().garbageBytes();
        m_checksumErrorsAtGood = m_decoder.state().checksumErrors();
    });
    m_epochTimer.setSingleShot(true);
    connect(&m_epochTimer, &QTimer::timeout, this, &NmeaSerialRefClock::onEpochDeadline);
    m_reopenTimer.setSingleShot(true);
    m_reopenTimer.setInterval(kReopenIntervalMs);
    connect(&m_reopenTimer, &QTimer::timeout, this, &NmeaSerialRefClock::tryOpen);
    m_silenceTimer.setSingleShot(true);
    m_silenceTimer.setInterval(kSilenceTimeoutMs);
    connect(&m_silenceTimer, &QTimer::timeout, this, &NmeaSerialRefClock::onSilence);
    connect(&m_port, &QSerialPort::readyRead, this, &NmeaSerialRefClock::onReadyRead);
    connect(&m_port, &QSerialPort::errorOccurred, this, &NmeaSerialRefClock::onError);
}

NmeaSerialRefClock::~NmeaSerialRefClock() = default;

void NmeaSerialRefClock::start()
{
    tryOpen();
}

void NmeaSerialRefClock::tryOpen()
{
    if (m_port.isOpen())
        return;
    m_port.setPortName(QString::fromStdString(m_config.parameter));
    m_port.setBaudRate(m_config.baudRate);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    errno = 0;
    if (!m_port.open(QIODevice::ReadOnly)) {
        const int savedErrno = errno; // before anything else can change it
        const std::string reason = openFailureReason(m_port.error(), m_port.errorString(), savedErrno);
        setFault("cannot open " + m_config.parameter + ": " + reason);
        m_port.clearError();
        m_reopenTimer.start();
        return;
    }
    if (m_reopens++ > 0)
        qCInfo(lcGps).noquote() << QString::fromStdString(m_config.parameter) << "is back";
    m_garbageAtGood = m_decoder.state().garbageBytes();
    m_checksumErrorsAtGood = m_decoder.state().checksumErrors();
    m_overrunBaseline.reset();
    m_fault.clear();
    m_silenceTimer.start();
    updateStatus();
}

std::string NmeaSerialRefClock::openFailureReason(QSerialPort::SerialPortError error, const QString &errorString,
                                                  int savedErrno)
{
    // QSerialPort can fail with its error still NoError, which reads "No error" (reported on
    // a pseudo-terminal), or with a string that says nothing: the system's errno then is the
    // real reason, and without one we say that no reason was given rather than "No error".
    const bool saysNothing = error == QSerialPort::NoError || errorString.isEmpty()
        || errorString == QLatin1String("No error") || errorString == QLatin1String("Unknown error");
    if (!saysNothing)
        return errorString.toStdString();
    if (savedErrno != 0)
        return std::strerror(savedErrno);
    return "the serial port refused to open without saying why (QSerialPort error " + std::to_string(int(error)) + ")";
}

void NmeaSerialRefClock::onReadyRead()
{
    const QByteArray bytes = m_port.readAll();
    if (bytes.isEmpty())
        return;
    const RealTime readTime = readRealTimeClock();
    countOverruns();
    m_silenceTimer.start();
    const std::uint64_t goodBefore = m_goodMessages;
    m_decoder.feed(std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                             static_cast<std::size_t>(bytes.size())),
                   readTime);
    deliverFixes();
    scheduleEpochDeadline();
    const std::uint64_t garbage = m_decoder.state().garbageBytes() - m_garbageAtGood;
    const std::uint64_t badChecksums = m_decoder.state().checksumErrors() - m_checksumErrorsAtGood;
    if (garbage > kGarbageBeforeBaudWarning)
        setFault("bytes but no valid NMEA or UBX at " + std::to_string(m_config.baudRate)
                 + " baud: wrong baud rate?");
    else if (badChecksums >= kChecksumErrorsBeforeWarning)
        setFault(std::to_string(badChecksums) + " messages with a bad checksum and none good: damaged line?");
    else if (!m_fault.empty() && m_goodMessages > goodBefore)
        m_fault.clear();
    updateStatus();
}

void NmeaSerialRefClock::deliverFixes()
{
    for (const GpsTimeFix &fix : m_decoder.takeTimeFixes()) {
        RefClockSample sample;
        sample.referenceTime = fix.epochUtc;
        sample.receiveTime = fix.burstStart;
        sample.precision = kSerialPrecision;
        m_sink(m_index, sample);
    }
}

void NmeaSerialRefClock::scheduleEpochDeadline()
{
    const auto deadline = m_decoder.nextDeadline();
    if (!deadline) {
        m_epochTimer.stop();
        return;
    }
    constexpr double kMsPerSecond = 1000.0;
    const double wait = toSeconds(*deadline - readRealTimeClock());
    m_epochTimer.start(std::max(0, static_cast<int>(std::ceil(wait * kMsPerSecond))));
}

void NmeaSerialRefClock::onEpochDeadline()
{
    m_decoder.poll(readRealTimeClock());
    deliverFixes();
    scheduleEpochDeadline();
}

void NmeaSerialRefClock::countOverruns()
{
    // Qt 6 no longer reports overruns; the kernel's UART counters do (pseudo-terminals and
    // USB adapters without them refuse the ioctl, and then there is nothing to count).
    serial_icounter_struct counters{};
    if (::ioctl(static_cast<int>(m_port.handle()), TIOCGICOUNT, &counters) != 0)
        return;
    const auto total = static_cast<std::uint64_t>(counters.overrun) + static_cast<std::uint64_t>(counters.buf_overrun);
    if (m_overrunBaseline && total > *m_overrunBaseline)
        m_overruns += total - *m_overrunBaseline;
    m_overrunBaseline = total;
}

void NmeaSerialRefClock::onError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError)
        return;
    if (error == QSerialPort::ResourceError || error == QSerialPort::ReadError
        || error == QSerialPort::PermissionError || error == QSerialPort::DeviceNotFoundError) {
        // Unplugged or gone: close, say so once, and keep trying to come back.
        const bool wasOpen = m_port.isOpen();
        setFault(m_config.parameter + " is gone or failing (" + m_port.errorString().toStdString() + ")");
        if (wasOpen) {
            qCWarning(lcGps).noquote() << QString::fromStdString(m_fault);
            m_port.close();
        }
        m_silenceTimer.stop();
        m_port.clearError();
        m_reopenTimer.start();
        return;
    }
    m_port.clearError();
}

void NmeaSerialRefClock::onSilence()
{
    if (m_port.isOpen())
        setFault("no data from " + m_config.parameter + " for " + std::to_string(kSilenceTimeoutMs / 1000) + " s");
}

void NmeaSerialRefClock::setFault(std::string fault)
{
    if (fault != m_fault)
        qCInfo(lcGps).noquote() << QString::fromStdString(fault);
    m_fault = std::move(fault);
    updateStatus();
}

void NmeaSerialRefClock::updateStatus()
{
    if (!m_fault.empty()) {
        m_status = m_fault;
        return;
    }
    m_status = "reading " + m_config.parameter + " at " + std::to_string(m_config.baudRate) + " baud, "
        + std::to_string(m_goodMessages) + " messages";
}

GpsStatus NmeaSerialRefClock::gpsStatus() const
{
    GpsStatus status = m_decoder.state().status(readRealTimeClock());
    status.baudRate = m_config.baudRate;
    status.serialOverruns += m_overruns;
    return status;
}

} // namespace s1
