#include "UnixSignalWatcher.h"

#include <QSocketNotifier>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>

namespace s1 {

namespace {

int g_pipe[2] = {-1, -1};
volatile std::sig_atomic_t g_stopRequested = 0;

extern "C" void setStopFlag(int)
{
    g_stopRequested = 1;
}

extern "C" void forwardSignal(int signalNumber)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // Async-signal-safe; if the pipe is full a stop is already pending.
    [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}

bool makePipe()
{
    if (g_pipe[0] >= 0)
        return true;
    if (::pipe(g_pipe) != 0)
        return false;
    for (int fd : g_pipe) {
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    return true;
}

void installHandler(int signalNumber, void (*handler)(int), int flags)
{
    struct sigaction action
    { };
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    sigaction(signalNumber, &action, nullptr);
}

} // namespace

UnixSignalWatcher::UnixSignalWatcher(QObject *parent)
    : QObject(parent)
{ }

UnixSignalWatcher::~UnixSignalWatcher() = default;

bool UnixSignalWatcher::install()
{
    if (!makePipe())
        return false;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &UnixSignalWatcher::onReadable);
    for (int s : {SIGTERM, SIGINT, SIGHUP})
        installHandler(s, forwardSignal, SA_RESTART);
    return true;
}

void UnixSignalWatcher::onReadable()
{
    unsigned char byte = 0;
    while (::read(g_pipe[0], &byte, 1) == 1) {
        if (byte == SIGHUP)
            emit hangup();
        else
            emit terminationRequested(byte);
    }
}

const volatile std::sig_atomic_t *installStopFlag()
{
    for (int s : {SIGTERM, SIGINT})
        installHandler(s, setStopFlag, 0);
    return &g_stopRequested;
}

} // namespace s1
