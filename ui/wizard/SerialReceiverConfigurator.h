// The serial-port side of the wizard's receiver configuration: opens the port read-write,
// writes what the sans-I/O ReceiverConfigurator has to send, hands it what the port reads,
// follows its speed switches and wakes it at its deadlines. The decisions and the verdicts are
// the configurator's.
#pragma once

#include "gps/config/ReceiverConfigurator.h"

#include <QObject>
#include <QSerialPort>
#include <QString>
#include <QTimer>

#include <memory>

namespace s1 {

class SerialReceiverConfigurator : public QObject
{
    Q_OBJECT
public:
    explicit SerialReceiverConfigurator(QObject *parent = nullptr);
    ~SerialReceiverConfigurator() override;

    // Opens `portPath` at `baudRate` and carries out `steps`; false (openError() says why)
    // when the port cannot be opened.
    bool start(const QString &portPath, int baudRate, std::vector<ConfigStep> steps,
               ReceiverConfigurator::Timing timing = {});
    void stop();

    bool isRunning() const { return m_configurator && !m_configurator->isFinished(); }
    const ReceiverConfigurator *configurator() const { return m_configurator.get(); }
    const QString &openError() const { return m_openError; }

signals:
    // A step started or ended.
    void progressed();
    // Every step has its verdict; the port is closed.
    void finished();
    // The port failed while configuring (unplugged); `message` says so.
    void portLost(const QString &message);

private:
    void onReadyRead();
    void onDeadline();
    void onError(QSerialPort::SerialPortError error);
    void follow(bool speedChanged);

    static constexpr int kTimerSlackMs = 1;

    QString m_portPath;
    QSerialPort m_port;
    QTimer m_deadline;
    std::unique_ptr<ReceiverConfigurator> m_configurator;
    std::size_t m_lastStep = 0;
    QString m_openError;
};

} // namespace s1
