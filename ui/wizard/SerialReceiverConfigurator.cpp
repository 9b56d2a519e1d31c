#include "wizard/SerialReceiverConfigurator.h"

#include "wizard/SerialReceiverProbe.h"

#include <algorithm>
#include <chrono>

namespace s1 {

SerialReceiverConfigurator::SerialReceiverConfigurator(QObject *parent)
    : QObject(parent)
    , m_port(this)
    , m_deadline(this)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &SerialReceiverConfigurator::onDeadline);
    connect(&m_port, &QSerialPort::readyRead, this, &SerialReceiverConfigurator::onReadyRead);
    connect(&m_port, &QSerialPort::errorOccurred, this, &SerialReceiverConfigurator::onError);
}

SerialReceiverConfigurator::~SerialReceiverConfigurator() = default;

bool SerialReceiverConfigurator::start(const QString &portPath, int baudRate, std::vector<ConfigStep> steps,
                                       ReceiverConfigurator::Timing timing)
{
    stop();
    m_openError.clear();
    m_portPath = portPath;
    m_port.setPortName(portPath);
    m_port.setBaudRate(baudRate);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    if (!m_port.open(QIODevice::ReadWrite)) {
        m_openError = SerialReceiverProbe::describeOpenError(m_port.error(), portPath, m_port.errorString());
        m_port.clearError();
        return false;
    }
    m_configurator = std::make_unique<ReceiverConfigurator>(std::move(steps), baudRate, timing);
    m_lastStep = 0;
    m_configurator->start(probeClockNow());
    follow(false);
    return true;
}

void SerialReceiverConfigurator::stop()
{
    m_deadline.stop();
    if (m_port.isOpen())
        m_port.close();
}

void SerialReceiverConfigurator::onReadyRead()
{
    const QByteArray bytes = m_port.readAll();
    if (bytes.isEmpty() || !m_configurator)
        return;
    const bool switched = m_configurator->feed(
        std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()), static_cast<std::size_t>(bytes.size())),
        probeClockNow());
    follow(switched);
}

void SerialReceiverConfigurator::onDeadline()
{
    if (m_configurator)
        follow(m_configurator->poll(probeClockNow()));
}

void SerialReceiverConfigurator::follow(bool speedChanged)
{
    if (!m_port.isOpen())
        return;
    if (speedChanged) {
        // What was written went out at the old speed (the configurator waited for it); what is
        // buffered was read at the old speed.
        m_port.setBaudRate(m_configurator->baudRate());
        m_port.clear(QSerialPort::Input);
    }
    const std::vector<std::uint8_t> out = m_configurator->takeOutput();
    if (!out.empty())
        m_port.write(reinterpret_cast<const char *>(out.data()), static_cast<qint64>(out.size()));
    if (m_configurator->currentStep() != m_lastStep || speedChanged || !out.empty()) {
        m_lastStep = m_configurator->currentStep();
        emit progressed();
    }
    if (m_configurator->isFinished()) {
        m_port.flush();
        stop();
        emit finished();
        return;
    }
    const auto deadline = m_configurator->nextDeadline();
    if (!deadline) {
        m_deadline.stop();
        return;
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - probeClockNow());
    m_deadline.start(static_cast<int>(std::max<qint64>(0, wait.count() + kTimerSlackMs)));
}

void SerialReceiverConfigurator::onError(QSerialPort::SerialPortError error)
{
    if (error == QSerialPort::NoError || error == QSerialPort::TimeoutError || !m_port.isOpen())
        return;
    if (error == QSerialPort::ResourceError || error == QSerialPort::ReadError || error == QSerialPort::WriteError) {
        const QString message = tr("%1 went away (%2).").arg(m_portPath, m_port.errorString());
        m_port.clearError();
        stop();
        emit portLost(message);
        return;
    }
    m_port.clearError();
}

} // namespace s1
