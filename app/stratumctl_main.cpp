// `stratumctl`: the command-line companion. chronyc's reports and commands, answered by the
// running service over its control socket (StratumctlCommands), and `query`, which probes any
// NTP server the way our client measures it.
#include "StratumctlCommands.h"
#include "StratumctlConfig.h"

#include "clock/HostClock.h"
#include "config/EngineConfig.h"
#include "net/UdpSocket.h"
#include "sources/NtpSource.h"
#include "text/NumberText.h"
#include "json/ControlProtocol.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <poll.h>
#include <unistd.h>

#include <cinttypes>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

namespace {

constexpr int kQueryTimeoutMs = 2000;

void usage(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: stratumctl [-n|-N] [-c] [--json] [-s PATH | -h ADDRESS [-p PORT]] COMMAND [ARGUMENTS]\n"
                 "\n"
                 "Reports from the running service (chronyc's layouts):\n"
                 "  tracking           the reference and the state of the clock\n"
                 "  sources [-v]       the time sources\n"
                 "  sourcestats [-v]   the sources' drift and offset statistics\n"
                 "  selectdata [-v]    how source selection sees each source (-v: and why, in words)\n"
                 "  ntpdata [ADDRESS]  the last NTP exchange with each server (or one)\n"
                 "  authdata           how each NTP server is authenticated (key ID, type, length)\n"
                 "  activity           how many sources are online\n"
                 "  serverstats        the NTP server's and the control socket's counters\n"
                 "  clients            the NTP clients served\n"
                 "  history [SERIES [--since 1h|ISO-TIME] [--until ISO-TIME] [--buckets N]]\n"
                 "                     the recorded series, or one as min/mean/max per interval\n"
                 "  alarms [--json]    the engine's alarms: the active ones, then the recently\n"
                 "                     cleared, each with what is wrong and what to do\n"
                 "Commands:\n"
                 "  reload             re-read the configuration file; on errors the service keeps\n"
                 "                     running the previous one (same as SIGHUP)\n"
                 "  makestep           step the clock now (not supported with the virtual clock yet)\n"
                 "  snapshot           the whole engine snapshot as JSON\n"
                 "  why [SOURCE]       why each source (or one) is or is not selected, with the\n"
                 "                     number that decided it and what to do about it\n"
                 "  calibrate REFID [--dry-run]\n"
                 "                     write the offset and delay measured for an NMEA/SOCK/SHM\n"
                 "                     refclock against a selected PPS or NTP source into its\n"
                 "                     line (as config apply: checked, .bak, reloaded)\n"
                 "  config [--json]    print the configuration file as the service reads it\n"
                 "                     (--json: with its revision and included files)\n"
                 "  config apply FILE  replace it by FILE (- for standard input): checked as a\n"
                 "                     reload reads it, written with the old one as FILE.bak and\n"
                 "                     reloaded; errors as file:line:col, nothing written\n"
                 "chronyc's runtime commands (need the local socket; last until restart or reload):\n"
                 "  add server|pool|peer NAME [OPTIONS]  a source, options as in the configuration\n"
                 "  delete ADDRESS|NAME                  remove a source\n"
                 "  allow|deny [all] [SUBNET]            change who the NTP server answers\n"
                 "  burst GOOD/MAX [SUBNET]              a burst of requests to the sources\n"
                 "  online|offline [SUBNET]              start or stop polling sources\n"
                 "  minpoll|maxpoll|maxdelay|maxdelayratio|maxdelaydevratio|polltarget ADDRESS VALUE\n"
                 "                                       change one source's option\n"
                 "  reselect                             select a source again now\n"
                 "  refresh                              look the sources' names up again\n"
                 "  local [stratum N ...] | local off    serve the local clock, or stop\n"
                 "  dump                                 save each source's measurements to dumpdir\n"
                 "  cyclelogs                            close and reopen the log files (logrotate)\n"
                 "  waitsync [TRIES [CORRECTION [SKEW [INTERVAL]]]]\n"
                 "                                       wait until synchronised (exit 0) or not (1)\n"
                 "  clients [-k] [-p N] [-r]             -p: at least N packets, -r: reset counters\n"
                 "Without the service:\n"
                 "  query ADDRESS [PORT]  send one NTP client request and print offset, delay and\n"
                 "                     the server's state\n"
                 "\n"
                 "Options:\n"
                 "  -n                 numeric addresses (without it, as chronyc, addresses are\n"
                 "                     looked up for 2 s at most and names cut to the column)\n"
                 "  -N                 the names the sources were configured with\n"
                 "  -c                 chronyc's CSV output (implies -n)\n"
                 "  --json             print the service's JSON result as it is\n"
                 "  -s, --socket PATH  the service's control socket (default %s);\n"
                 "                     chronyc's -h PATH works too\n"
                 "  -h ADDRESS         the service's remote control port over TCP instead (an IP\n"
                 "                     address; queries only, the service needs bindcmdaddress\n"
                 "                     and cmdallow)\n"
                 "  -p PORT            the remote control port (default %u)\n"
                 "  -m                 each argument is one command (chronyc's -m)\n"
                 "  -a                 accepted and ignored, as chronyc does\n"
                 "  -4, -6             -h takes only an IPv4 / IPv6 address\n"
                 "  -h, --help         this text\n"
                 "Without a command and with standard input not a terminal, commands are read from\n"
                 "it, one a line, as chronyc does.\n",
                 s1::control::kDefaultSocketPath, static_cast<unsigned>(s1::kDefaultCommandPort));
}

int query(const std::string &host, std::uint16_t port)
{
    const auto ip = s1::IpAddress::parse(host);
    if (!ip) {
        std::fprintf(stderr, "stratumctl: not an IP address: %s\n", host.c_str());
        return 2;
    }
    std::string error;
    auto socket = s1::UdpSocket::open({ip->isV6() ? s1::IpAddress::v6({}) : s1::IpAddress::v4(0), 0}, error);
    if (!socket) {
        std::fprintf(stderr, "stratumctl: %s\n", error.c_str());
        return 1;
    }
    s1::SourceConfig config;
    config.host = host;
    config.port = port;
    const s1::SocketAddress remote{*ip, port};
    const int precision = s1::measureClockPrecision();
    s1::NtpSource source(1, config, host, remote, {}, s1::readRealTimeClock(), precision);
    std::random_device entropy;
    const std::uint64_t cookie = (std::uint64_t(entropy()) << 32) | entropy();
    const auto request = source.makeRequest(s1::readRealTimeClock(), cookie);
    const s1::RealTime sent = s1::readRealTimeClock();
    if (!socket->send(remote, request)) {
        std::fprintf(stderr, "stratumctl: cannot send to %s\n", remote.toString().c_str());
        return 1;
    }
    source.requestTransmitted(s1::NtpTimestamp::fromRaw(cookie), sent);

    s1::DatagramBatch batch(1);
    pollfd pfd{socket->fd(), POLLIN, 0};
    const s1::Nanoseconds deadline = s1::readMonotonicClock() + std::chrono::milliseconds(kQueryTimeoutMs);
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - s1::readMonotonicClock());
        if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) {
            std::fprintf(stderr, "stratumctl: no reply from %s\n", remote.toString().c_str());
            return 1;
        }
        if (socket->receive(batch, s1::UdpSocket::Receive::Single, s1::readRealTimeClock) == 0
            || batch[0].from != remote)
            continue;
        const auto parsed = s1::parseNtpPacket(batch[0].data);
        if (!parsed.ok())
            continue;
        const s1::ReplyVerdict verdict = source.handleReply(parsed.packet, batch[0].receiveTime).verdict;
        const s1::SourceSnapshot s = source.snapshot();
        std::printf("server %s stratum %d leap %d refid %08" PRIX32 "\n", remote.toString().c_str(), s.stratum,
                    static_cast<int>(s.leap), s.referenceId);
        if (verdict != s1::ReplyVerdict::Accepted || !s.lastSample) {
            std::printf("rejected: %s\n", s1::toString(verdict));
            return 1;
        }
        // Not printf's %f: QCoreApplication set the user's locale, and scripts read a decimal point.
        constexpr int kDecimals = 9;
        const std::string offset = s1::fixedText(s.lastSample->offset, kDecimals);
        std::printf("offset %s%s s delay %s s dispersion %s s\n", offset.front() == '-' ? "" : "+", offset.c_str(),
                    s1::fixedText(s.lastSample->delay, kDecimals).c_str(),
                    s1::fixedText(s.lastSample->dispersion, kDecimals).c_str());
        return 0;
    }
}

// Runs one command line: its first word is the command. chronyc's exit codes: 0 ok, 1 not.
int runCommandLine(const s1::StratumctlOptions &options, const QStringList &words)
{
    if (words.isEmpty())
        return 0;
    const QString &command = words.first();
    const QStringList rest = words.mid(1);
    if (command == QLatin1String("query")) {
        if (rest.size() != 1 && rest.size() != 2) {
            usage(stderr);
            return 2;
        }
        bool ok = true;
        const uint port = rest.size() == 2 ? rest[1].toUInt(&ok) : s1::kNtpDefaultPort;
        if (!ok || port == 0 || port > 65535) {
            std::fprintf(stderr, "stratumctl: bad port\n");
            return 2;
        }
        return query(rest[0].toStdString(), static_cast<std::uint16_t>(port));
    }
    if (s1::isControlCommand(command))
        return s1::runControlCommand(options, command, rest);
    if (s1::isRuntimeCommand(command))
        return s1::runRuntimeCommand(options, command, rest);
    if (command == QLatin1String("config"))
        return s1::runConfigCommand(options, rest);
    // chronyc's message for a command it does not know.
    std::fprintf(stderr, "Unrecognized command\n");
    return 1;
}

QStringList wordsOf(const QString &line)
{
    return line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
}

// chronyc reads a command line at most this long from standard input.
constexpr int kMaxLineBytes = 2048;
// A bound on the lines read from standard input.
constexpr int kMaxStdinCommands = 100'000;

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    s1::StratumctlOptions options;
    options.socketPath = s1::control::kDefaultSocketPath;
    std::uint16_t remotePort = s1::kDefaultCommandPort;
    bool multi = false;
    int family = 0; // -4 / -6

    // Global options come before the command, as with chronyc.
    qsizetype i = 1;
    for (; i < args.size() && args[i].startsWith(QLatin1Char('-')); ++i) {
        const QString &arg = args[i];
        if (arg == QLatin1String("-h") && i + 1 < args.size() && !args[i + 1].startsWith(QLatin1Char('-'))
            && !s1::isControlCommand(args[i + 1]) && !s1::isRuntimeCommand(args[i + 1])
            && args[i + 1] != QLatin1String("query") && args[i + 1] != QLatin1String("config")) {
            // chronyc's -h: a socket path (starting with '/') or a host's address.
            const QString &host = args[++i];
            if (host.startsWith(QLatin1Char('/'))) {
                options.socketPath = host.toStdString();
                options.remoteHost.clear();
            } else {
                options.remoteHost = host.toStdString();
            }
            continue;
        }
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            usage(stdout);
            return 0;
        }
        if (arg == QLatin1String("-a")) {
            // chronyc's -a (authenticate): nothing to do, the socket's permissions decide.
        } else if (arg == QLatin1String("-m")) {
            multi = true;
        } else if (arg == QLatin1String("-4") || arg == QLatin1String("-6")) {
            family = arg == QLatin1String("-4") ? 4 : 6;
        } else if (arg == QLatin1String("-n")) {
            options.numeric = true;
        } else if (arg == QLatin1String("-N")) {
            options.configuredNames = true;
        } else if (arg == QLatin1String("-c")) {
            options.csv = true;
        } else if (arg == QLatin1String("--json")) {
            options.json = true;
        } else if (arg == QLatin1String("-p")) {
            bool ok = false;
            const uint port = ++i < args.size() ? args[i].toUInt(&ok) : 0;
            if (!ok || port == 0 || port > std::numeric_limits<std::uint16_t>::max()) {
                std::fprintf(stderr, "stratumctl: -p needs a port number from 1 to 65535\n");
                return 2;
            }
            remotePort = static_cast<std::uint16_t>(port);
        } else if (arg == QLatin1String("-s") || arg == QLatin1String("--socket")) {
            if (++i >= args.size()) {
                std::fprintf(stderr, "stratumctl: %s needs a path\n", qPrintable(arg));
                return 2;
            }
            options.socketPath = args[i].toStdString();
        } else if (arg.startsWith(QLatin1String("--socket="))) {
            options.socketPath = arg.mid(int(sizeof("--socket=") - 1)).toStdString();
        } else {
            std::fprintf(stderr, "stratumctl: unknown option %s\n", qPrintable(arg));
            usage(stderr);
            return 2;
        }
    }
    options.remotePort = remotePort;
    if (family != 0 && !options.remoteHost.empty()) {
        const auto ip = s1::IpAddress::parse(options.remoteHost);
        if (ip && ip->isV4() != (family == 4)) {
            std::fprintf(stderr, "stratumctl: -%d: %s is not an IPv%d address\n", family, options.remoteHost.c_str(),
                         family);
            return 2;
        }
    }
    if (i < args.size()) {
        if (!multi)
            return runCommandLine(options, args.mid(i));
        // chronyc -m: each argument a command, stopping at the first that fails.
        int code = 0;
        for (; i < args.size() && code == 0; ++i)
            code = runCommandLine(options, wordsOf(args[i]));
        return code;
    }
    if (::isatty(STDIN_FILENO)) {
        usage(stderr);
        return 2;
    }
    // chronyc without a command: one command a line from standard input; the exit code is
    // the last command's.
    int code = 0;
    char line[kMaxLineBytes];
    for (int n = 0; n < kMaxStdinCommands && std::fgets(line, sizeof line, stdin); ++n) {
        const QStringList words = wordsOf(QString::fromLocal8Bit(line));
        if (words.isEmpty())
            continue;
        if (words.first() == QLatin1String("quit") || words.first() == QLatin1String("exit"))
            break;
        code = runCommandLine(options, words);
        std::fflush(stdout);
    }
    return code;
}
