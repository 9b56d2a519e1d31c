#include "host/NmeaSerialRefClock.h"

#include "host/HostClock.h"
#include "logging/LogCategories.h"

#include <QLoggingCategory>

#include <linux/serial.h>
#include <sys/ioctl.h>

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
{
    m_decoder.setBaudRate(config.baudRate);
    m_decoder.setMessageObserver([this](std::string_view, std::span<const std::uint8_t>) {
        ++m_goodMessages;
        m_bytesSinceGood = 0;
    });
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
    if (!m_port.open(QIODevice::ReadOnly)) {
        setFault("cannot open " + m_config.parameter + ": " + m_port.errorString().toStdString());
        m_reopenTimer.start();
        return;
    }
    if (m_reopens++ > 0)
        qCInfo(lcGps).noquote() << QString::fromStdString(m_config.parameter) << "is back";
    m_bytesSinceGood = 0;
    m_overrunBaseline.reset();
    m_fault.clear();
    m_silenceTimer.start();
    updateStatus();
}

void NmeaSerialRefClock::onReadyRead()
{
    const QByteArray bytes = m_port.readAll();
    if (bytes.isEmpty())
        return;
    const RealTime readTime = readRealTimeClock();
    countOverruns();
    m_silenceTimer.start();
    m_bytesSinceGood += static_cast<std::uint64_t>(bytes.size());
    m_decoder.feed(std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                             static_cast<std::size_t>(bytes.size())),
                   readTime);
    for (const GpsTimeFix &fix : m_decoder.takeTimeFixes()) {
        RefClockSample sample;
        sample.referenceTime = fix.epochUtc;
        sample.receiveTime = fix.burstStart;
        sample.precision = kSerialPrecision;
        m_sink(m_index, sample);
    }
    if (m_bytesSinceGood > kGarbageBeforeBaudWarning)
        setFault("bytes but no valid NMEA or UBX at " + std::to_string(m_config.baudRate)
                 + " baud: wrong baud rate?");
    else if (!m_fault.empty() && m_bytesSinceGood == 0)
        m_fault.clear();
    updateStatus();
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
