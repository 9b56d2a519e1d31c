// The serial-port side of the wizard's receiver detection: opens the port, hands what it reads
// to a ReceiverProbe, switches the speed when the probe says so and wakes it at its deadlines.
// All decisions are the probe's; this class only moves bytes and reports open failures in
// words a user can act on.
#pragma once

#include "gps/ReceiverProbe.h"

#include <QObject>
#include <QSerialPort>
#include <QString>
#include <QTimer>

namespace s1 {

class SerialReceiverProbe : public QObject
{
    Q_OBJECT
public:
    explicit SerialReceiverProbe(QObject *parent = nullptr);
    ~SerialReceiverProbe() override;

    // Opens `portPath` and starts probing; false (and openError() says why) when it cannot be opened.
    bool start(const QString &portPath);
    // Closes the port; the last findings stay readable.
    void stop();

    bool isOpen() const { return m_port.isOpen(); }
    const ReceiverProbe &probe() const { return m_probe; }
    ReceiverFindings findings() const;
    const QString &openError() const { return m_openError; }

    // What to tell the user when a port cannot be opened. For a permission error, names the
    // group that owns the device (dialout on Debian) and how to join it.
    static QString describeOpenError(QSerialPort::SerialPortError error, const QString &portPath,
                                     const QString &systemMessage);

signals:
    // New bytes were decoded, the speed changed or the probe decided.
    void changed();
    // The port failed after it was opened (unplugged); `message` says so.
    void portLost(const QString &message);

private:
    void onReadyRead();
    void onDeadline();
    void onError(QSerialPort::SerialPortError error);
    // Follows the probe's speed and deadline after it has seen bytes or time.
    void follow(bool speedChanged);

    // A timer may fire a little early, and poll() must see the deadline passed.
    static constexpr int kTimerSlackMs = 1;

    QString m_portPath;
    QSerialPort m_port;
    QTimer m_deadline;
    ReceiverProbe m_probe;
    QString m_openError;
};

// The probe measures only intervals, so it runs on the monotonic clock: a wall-clock step
// while the wizard runs (the very thing a time server may cause) cannot stretch a speed's turn.
RealTime probeClockNow();

} // namespace s1
