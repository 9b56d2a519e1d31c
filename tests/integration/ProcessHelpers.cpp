#include "ProcessHelpers.h"

#include "ntp/NtpPacket.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTcpServer>
#include <QThread>
#include <QUdpSocket>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

namespace s1test {

namespace {
// How long an unpacked chronyd may take to log its start.
constexpr std::chrono::seconds kChronydStartTimeout{10};
} // namespace

QString currentUser()
{
    const passwd *pw = getpwuid(geteuid());
    return pw ? QString::fromLocal8Bit(pw->pw_name) : QStringLiteral("root");
}

bool startChronydServer(QProcess &server, const QString &chronyd, const QString &conf, QByteArray &log)
{
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(chronyd, {"-x", "-d", "-u", currentUser(), "-F", "0", "-f", conf});
    const bool settled = waitFor(
        [&] {
            log += server.readAll();
            return log.contains("chronyd version") || server.state() == QProcess::NotRunning;
        },
        kChronydStartTimeout);
    return settled && server.state() == QProcess::Running;
}

QString ourBinary(const QString &name)
{
    return QStringLiteral(S1_BINARY_DIR "/app/") + name;
}

QString peersDir()
{
    const QString dir = qEnvironmentVariable("S1_PEERS_DIR");
    return QFileInfo(dir).isDir() ? dir : QString();
}

QString chronydPath()
{
    const QString path = peersDir() + QStringLiteral("/root/usr/sbin/chronyd");
    return !peersDir().isEmpty() && QFileInfo(path).isExecutable() ? path : QString();
}

QString promtoolPath()
{
    const QString path = peersDir() + QStringLiteral("/root/usr/bin/promtool");
    return !peersDir().isEmpty() && QFileInfo(path).isExecutable() ? path : QString();
}

QString logrotatePath()
{
    const QString path = peersDir() + QStringLiteral("/bin/logrotate");
    return !peersDir().isEmpty() && QFileInfo(path).isExecutable() ? path : QString();
}

QStringList ntpdigCommand()
{
    const QString script = peersDir() + QStringLiteral("/root/usr/bin/ntpdig");
    if (peersDir().isEmpty() || !QFileInfo::exists(script))
        return {};
    // Debian's ntpdig runs under the system Python, whose version its compiled helper matches.
    return {QStringLiteral("/usr/bin/python3"), script};
}

QProcessEnvironment ntpdigEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONPATH"), peersDir() + QStringLiteral("/root/usr/lib/python3/dist-packages"));
    return env;
}

bool peersRequired()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

bool builtWithAddressSanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

std::optional<int> ntpReplyStratum(quint16 port, std::chrono::milliseconds timeout)
{
    QUdpSocket socket;
    if (!socket.bind(QHostAddress::LocalHost, 0))
        return std::nullopt;
    s1::NtpHeader h;
    h.mode = s1::NtpMode::Client;
    h.transmitTime = s1::NtpTimestamp::fromRaw(0x1234567890abcdefULL);
    const auto raw = s1::serializeNtpHeader(h);
    socket.writeDatagram(reinterpret_cast<const char *>(raw.data()), static_cast<qint64>(raw.size()),
                         QHostAddress::LocalHost, port);
    if (!socket.waitForReadyRead(static_cast<int>(timeout.count())))
        return std::nullopt;
    QByteArray datagram(static_cast<int>(socket.pendingDatagramSize()), '\0');
    socket.readDatagram(datagram.data(), datagram.size());
    const auto parsed = s1::parseNtpPacket(std::span(reinterpret_cast<const std::uint8_t *>(datagram.constData()),
                                                     static_cast<std::size_t>(datagram.size())));
    if (!parsed.ok() || parsed.packet.header.mode != s1::NtpMode::Server)
        return std::nullopt;
    return parsed.packet.header.stratum;
}

QMap<QString, QString> procStatus(const QString &path)
{
    QMap<QString, QString> fields;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fields;
    for (const QString &line : QString::fromLatin1(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const qsizetype colon = line.indexOf(QLatin1Char(':'));
        if (colon > 0)
            fields.insert(line.left(colon), line.mid(colon + 1).simplified());
    }
    return fields;
}

QString nmeaChecksummed(const QString &body)
{
    std::uint8_t sum = 0;
    for (const char c : body.toLatin1())
        sum ^= static_cast<std::uint8_t>(c);
    return QStringLiteral("$%1*%2\r\n")
        .arg(body, QString::number(sum, 16).toUpper().rightJustified(2, QLatin1Char('0')));
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::LocalHost, 0);
    return probe.localPort();
}

quint16 freeTcpPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QString &text)
{
    QString path = dir.filePath(name); // not const: returned by move
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(text.toUtf8());
    return path;
}

bool waitFor(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    constexpr int kStepMs = 20;
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeout.count())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, kStepMs);
        QThread::msleep(kStepMs);
    }
    return true;
}

bool stopProcess(QProcess &process, int signalNumber, std::chrono::milliseconds timeout)
{
    if (process.state() == QProcess::NotRunning)
        return true;
    ::kill(static_cast<pid_t>(process.processId()), signalNumber);
    if (process.waitForFinished(static_cast<int>(timeout.count())))
        return true;
    process.kill();
    process.waitForFinished();
    return false;
}

RunResult runProgram(const QString &program, const QStringList &arguments, std::chrono::milliseconds timeout)
{
    RunResult result;
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    result.finished = process.waitForFinished(static_cast<int>(timeout.count()));
    if (!result.finished) {
        process.kill();
        process.waitForFinished();
    }
    result.elapsedMs = timer.elapsed();
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString lineStartingWith(const QString &text, const QString &prefix)
{
    for (const QString &line : text.split(QLatin1Char('\n')))
        if (line.startsWith(prefix))
            return line;
    return {};
}

} // namespace s1test
