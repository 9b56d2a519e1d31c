// Turns SIGTERM/SIGINT into a Qt signal (self-pipe + QSocketNotifier), so that the service and
// the GUI stop through the event loop instead of inside an async signal handler.
#pragma once

#include <QObject>

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

// Self-pipe for programs without a Qt loop: returns the read end, which becomes readable when
// SIGTERM or SIGINT arrives; -1 on failure.
int installStopPipe();

} // namespace s1
