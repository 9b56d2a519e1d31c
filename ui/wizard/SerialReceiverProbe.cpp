#include "wizard/SerialReceiverProbe.h"

#include <QFileInfo>

#include <algorithm>
#include <chrono>
#include <span>

namespace s1 {

RealTime probeClockNow()
{
    const auto sinceBoot = std::chrono::steady_clock::now().time_since_epoch();
    return RealTime(std::chrono::duration_cast<Nanoseconds>(sinceBoot));
}

SerialReceiverProbe::SerialReceiverProbe(QObject *parent)
    : QObject(parent)
    , m_port(this)
    , m_deadline(this)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &SerialReceiverProbe::onDeadline);
    connect(&m_port, &QSerialPort::readyRead, this, &SerialReceiverProbe::onReadyRead);
    connect(&m_port, &QSerialPort::errorOccurred, this, &SerialReceiverProbe::onError);
}

SerialReceiverProbe::~SerialReceiverProbe() = default;

QString SerialReceiverProbe::describeOpenError(QSerialPort::SerialPortError error, const QString &portPath,
                                               const QString &systemMessage)
{
    switch (error) {
    case QSerialPort::PermissionError: {
        const QString group = QFileInfo(portPath).group();
        if (group.isEmpty() || group == QLatin1String("root"))
            return tr("Permission denied: %1. Run the wizard as root, or give your user access to the port.")
                .arg(portPath);
        return tr("Permission denied: %1 belongs to the group \"%2\". Add your user to it "
                  "(sudo adduser $USER %2), log out and in again, then retry.")
            .arg(portPath, group);
    }
    case QSerialPort::DeviceNotFoundError:
        return tr("No such port: %1. Check the name, or that the receiver is plugged in.").arg(portPath);
    default:
        return tr("Cannot open %1: %2").arg(portPath, systemMessage);
    }
}

bool SerialReceiverProbe::start(const QString &portPath)
{
    stop();
    m_openError.clear();
    m_portPath = portPath;
    m_port.setPortName(portPath);
    m_port.setBaudRate(m_probe.baudOrder().front());
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    if (!m_port.open(QIODevice::ReadOnly)) {
        m_openError = describeOpenError(m_port.error(), portPath, m_port.errorString());
        m_port.clearError();
        return false;
    }
    m_probe.start(probeClockNow());
    follow(true);
    emit changed();
    return true;
}

void SerialReceiverProbe::stop()
{
    m_deadline.stop();
    if (m_port.isOpen())
        m_port.close();
}

ReceiverFindings SerialReceiverProbe::findings() const
{
    return m_probe.findings(probeClockNow());
}

void SerialReceiverProbe::onReadyRead()
{
    const QByteArray bytes = m_port.readAll();
    if (bytes.isEmpty())
        return;
    const bool switched = m_probe.feed(
        std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size())),
        probeClockNow());
    follow(switched);
    emit changed();
}

void SerialReceiverProbe::onDeadline()
{
    follow(m_probe.poll(probeClockNow()));
    emit changed();
}

void SerialReceiverProbe::follow(bool speedChanged)
{
    if (speedChanged && m_port.isOpen()) {
        m_port.setBaudRate(m_probe.baudRate());
        // Whatever is buffered was read at the old speed.
        m_port.clear(QSerialPort::Input);
    }
    if (m_probe.outcome() == ReceiverProbe::Outcome::NoData || m_probe.outcome() == ReceiverProbe::Outcome::Garbage) {
        stop();
        return;
    }
    const auto deadline = m_probe.nextDeadline();
    if (!deadline) {
        m_deadline.stop();
        return;
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - probeClockNow());
    m_deadline.start(static_cast<int>(std::max<qint64>(0, wait.count() + kTimerSlackMs)));
}

void SerialReceiverProbe::onError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError || !m_port.isOpen())
        return;
    if (error == QSerialPort::ResourceError || error == QSerialPort::ReadError) {
        const QString message = tr("%1 went away (%2).").arg(m_portPath, m_port.errorString());
        m_port.clearError();
        stop();
        emit portLost(message);
        return;
    }
    m_port.clearError();
}

} // namespace s1
