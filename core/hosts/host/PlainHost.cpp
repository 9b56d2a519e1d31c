#include "host/PlainHost.h"

#include "host/WakeupTimer.h"
#include "json/SnapshotJson.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <QJsonDocument>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace s1 {

namespace {

// The longest poll() wait: bounds how late a stop signal is seen when it arrives between the
// flag check and poll() (there is no ppoll() under clknetsim). Deadlines are met by the
// WakeupTimer; poll()'s millisecond timeout serves them only when no timerfd could be made.
constexpr int kMaxPollWaitMs = 1'000;

int millisecondsUntil(RealTime deadline, RealTime now)
{
    const double ms = std::ceil(toSeconds(deadline - now) * 1e3);
    return static_cast<int>(std::clamp(ms, 0.0, static_cast<double>(kMaxPollWaitMs)));
}

} // namespace

PlainHost::PlainHost(EngineConfig config, HostOptions options, PlainHostOptions plainOptions)
    : m_runtime(std::move(config),
                [&options] {
                    options.receiveMode = UdpSocket::Receive::Single;
                    return std::move(options);
                }())
    , m_options(plainOptions)
{
    m_runtime.setResolver([this](const ResolveRequest &request) { resolve(request); });
    m_runtime.setEventSink([this](const EngineEvent &event) { say(event.message); });
}

void PlainHost::say(const std::string &message) const
{
    if (!m_options.diagnostics)
        return;
    std::fprintf(m_options.diagnostics, "stratumone-core-host: %s\n", message.c_str());
    std::fflush(m_options.diagnostics);
}

void PlainHost::resolve(const ResolveRequest &request)
{
    // Blocking, which is acceptable here: the plain host serves simulations and tests, and
    // resolution happens once per source at start.
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo *result = nullptr;
    std::vector<IpAddress> addresses;
    if (getaddrinfo(request.host.c_str(), nullptr, &hints, &result) == 0) {
        for (addrinfo *ai = result; ai; ai = ai->ai_next) {
            const auto address = SocketAddress::fromSockaddr(ai->ai_addr, ai->ai_addrlen);
            if (address && std::find(addresses.begin(), addresses.end(), address->ip) == addresses.end())
                addresses.push_back(address->ip);
        }
        freeaddrinfo(result);
    } else {
        say("could not resolve " + request.host);
    }
    m_runtime.resolved(request.token, addresses);
}

void PlainHost::report()
{
    if (!m_options.report)
        return;
    m_runtime.reportGpsStatus();
    const QByteArray line = QJsonDocument(snapshotToJson(m_runtime.snapshot())).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), m_options.report);
    std::fputc('\n', m_options.report);
    std::fflush(m_options.report);
}

int PlainHost::run()
{
    std::string error;
    if (!m_runtime.start(error)) {
        say(error);
        return 1;
    }
    for (const std::string &warning : m_runtime.warnings())
        say(warning);
    if (!m_runtime.serverError().empty())
        say(m_runtime.serverError());
    if (!m_runtime.clockWarning().empty())
        say("warning: " + m_runtime.clockWarning());
    else if (m_runtime.controlsClock())
        say("steering the system clock");

    // The runtime's fds (sockets, refclock drivers) and the wake-up timer last, nothing else;
    // rebuilt when a refclock driver was reopened.
    WakeupTimer timer;
    std::vector<int> runtimeFds;
    std::vector<pollfd> fds;
    std::uint64_t generation = 0;
    const auto watch = [&] {
        runtimeFds = m_runtime.fds();
        generation = m_runtime.fdGeneration();
        fds.clear();
        for (int fd : runtimeFds)
            fds.push_back({fd, POLLIN, 0});
        if (timer.isOpen())
            fds.push_back({timer.fd(), POLLIN, 0});
    };
    watch();

    const RealTime started = m_runtime.readClock();
    const auto interval = fromSeconds(m_options.reportInterval);
    std::optional<RealTime> nextReport;
    // The first line after one interval, not before the first poll(): under clknetsim every
    // clock reading before the first wait is fuzzed (its precision probe), so one more reading
    // there would change the whole run.
    if (m_options.reportInterval > 0)
        nextReport = started + interval;
    std::optional<RealTime> end;
    if (m_options.duration > 0)
        end = started + fromSeconds(m_options.duration);

    const auto stopping = [this] { return m_options.stopRequested && *m_options.stopRequested; };
    for (;;) {
        if (stopping())
            break;
        RealTime now = m_runtime.readClock();
        if (nextReport && now >= *nextReport) {
            report();
            nextReport = *nextReport + interval;
            if (*nextReport <= now)
                nextReport = now + interval;
        }
        if (end && now >= *end)
            break;
        std::optional<RealTime> wake = m_runtime.nextWakeup();
        for (const auto &t : {nextReport, end})
            if (t && (!wake || *t < *wake))
                wake = t;
        // Something already due still goes through the timer (armed for a nanosecond), not a
        // zero timeout: under clknetsim only a wait on a timer ends the fuzzing of clock
        // readings that serves precision probes, and the engine's first request is due at once.
        int timeout = kMaxPollWaitMs;
        if (wake && timer.isOpen())
            timer.armIn(*wake - now);
        else if (wake)
            timeout = millisecondsUntil(*wake, now);
        else
            timer.disarm();
        const int n = ::poll(fds.data(), fds.size(), timeout);
        if (n < 0 && errno != EINTR) {
            say(std::string("poll: ") + std::strerror(errno));
            return 1;
        }
        if (n > 0 && timer.isOpen() && (fds.back().revents & POLLIN))
            timer.acknowledge();
        if (stopping())
            break;
        for (std::size_t i = 0; n > 0 && i < runtimeFds.size(); ++i)
            // POLLERR too: a socket's error queue (transmit timestamps, ICMP errors) is read
            // by readable(), and left unread it would make every poll return at once.
            if (fds[i].revents & (POLLIN | POLLERR))
                m_runtime.readable(fds[i].fd);
        now = m_runtime.readClock();
        const auto due = m_runtime.nextWakeup();
        if (due && *due <= now)
            m_runtime.timeout();
        if (m_runtime.fdGeneration() != generation)
            watch();
    }
    m_runtime.shutdown();
    report();
    return 0;
}

} // namespace s1
