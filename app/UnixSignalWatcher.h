// Turns SIGTERM/SIGINT into a Qt signal (self-pipe + QSocketNotifier), so that the service and
// the GUI stop through the event loop instead of inside an async signal handler.
#pragma once

#include <QObject>

#include <csignal>

class QSocketNotifier;

namespace s1 {

class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

    // Installs handlers for SIGTERM, SIGINT and SIGHUP; false if the pipe cannot be made.
    bool install();

signals:
    void terminationRequested(int signalNumber);
    void hangup();

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

// For programs with their own poll() loop: installs SIGTERM/SIGINT handlers that only set the
// returned flag. They are installed without SA_RESTART, so a blocked poll() returns EINTR and the
// loop sees the flag at once. No fd is opened (a simulator must see every fd the loop polls).
const volatile std::sig_atomic_t *installStopFlag();

} // namespace s1
