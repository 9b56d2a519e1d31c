// Helpers for integration tests: our binaries, the real peers unpacked from Debian's packages,
// free loopback ports, and bounded waits on child processes.
#pragma once

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <chrono>
#include <functional>
#include <optional>

namespace s1test {

// Path of one of our executables in the build tree ("stratumone", "stratumctl", ...).
QString ourBinary(const QString &name);

// Root of the peers unpacked by scripts/fetch-peers.sh (S1_PEERS_DIR), or empty.
QString peersDir();
QString chronydPath();       // empty when not unpacked
QStringList ntpdigCommand(); // program + leading arguments; empty when not unpacked
QString promtoolPath();      // Prometheus's promtool (Debian's prometheus); empty when not unpacked
QString logrotatePath();     // Debian's logrotate (a wrapper finding its library); empty when not unpacked
QProcessEnvironment ntpdigEnvironment();

// Who an unpacked chronyd runs as: it drops root privileges to the user it was built for
// (_chrony), which an unpacked copy does not have, so it runs as whoever runs the test.
QString currentUser();
// Starts the unpacked `chronyd` in the foreground on `conf` (-x, -d, no system call filter, as
// currentUser()) and waits, bounded, until it logged its start. chronyd says nothing when its
// NTP socket is ready; it is once the process runs and logged its start, and clients retry
// anyway. False when it stopped instead; `log` holds what it printed.
bool startChronydServer(QProcess &server, const QString &chronyd, const QString &conf, QByteArray &log);

// Whether a missing peer must fail the test (in CI the test command fetches every peer) rather
// than skip it.
bool peersRequired();

// Whether this tree is built with AddressSanitizer (the sanitizer presets build the tests and the
// programs they start alike): a few measurements then take ASan's own costs into account.
bool builtWithAddressSanitizer();
// What AddressSanitizer holds back of the memory a program frees, to catch a use after the free:
// its default quarantine_size_mb on 64-bit Linux, in kB. Resident until the quarantine is full.
constexpr qint64 kAddressSanitizerQuarantineKb = 256 * 1024;

// The stratum of the server-mode reply to one client request sent to 127.0.0.1:`port`, or
// nothing when no valid reply came within `timeout`.
std::optional<int> ntpReplyStratum(quint16 port, std::chrono::milliseconds timeout);

// The "Key:\tvalue" lines of a /proc status file (/proc/PID/status), values simplified; empty
// when it cannot be read.
QMap<QString, QString> procStatus(const QString &path);

// `body` as an NMEA sentence: '$', the body, '*', its checksum and CR LF.
QString nmeaChecksummed(const QString &body);

// A UDP port on 127.0.0.1 that was free a moment ago.
quint16 freeUdpPort();
// A TCP port on 127.0.0.1 that was free a moment ago.
quint16 freeTcpPort();

// Writes `text` to `dir`/`name` and returns the path.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QString &text);

// Polls `condition` with the event loop running until it holds or `timeout` passes.
bool waitFor(const std::function<bool()> &condition, std::chrono::milliseconds timeout);

// Sends `signal` and waits (bounded) for the process to exit; kills it after `timeout`.
bool stopProcess(QProcess &process, int signal, std::chrono::milliseconds timeout);

// The first line of `text` that starts with `prefix`; empty when none does.
QString lineStartingWith(const QString &text, const QString &prefix);

// A short-lived program run to completion (killed after `timeout`), with what it printed.
struct RunResult
{
    bool finished = false; // exited by itself within the timeout
    int exitCode = -1;
    QString out;
    QString err;
    qint64 elapsedMs = 0;
};
RunResult runProgram(const QString &program, const QStringList &arguments, std::chrono::milliseconds timeout);

} // namespace s1test

// Skips (developer machine) or fails (CI) when a peer program is missing.
#define S1_REQUIRE_PEER(path, what)                                                                                    \
    do {                                                                                                               \
        if ((path).isEmpty()) {                                                                                        \
            if (s1test::peersRequired())                                                                               \
                QFAIL(qPrintable(QStringLiteral("%1 is missing: run scripts/fetch-peers.sh").arg(what)));              \
            QSKIP(qPrintable(QStringLiteral("%1 not unpacked: run scripts/fetch-peers.sh").arg(what)));                \
        }                                                                                                              \
    } while (false)
