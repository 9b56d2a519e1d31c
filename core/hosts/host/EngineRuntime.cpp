#include "host/EngineRuntime.h"

#include "auth/KeyFiles.h"
#include "clock/DriftFile.h"
#include "clock/HostClock.h"
#include "clock/LeapSecondFiles.h"
#include "clock/SystemKernelClockApi.h"
#include "history/SourceDumpFiles.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace s1 {

namespace {

// "TAI - UTC 37 s from 2017-01-01": the table's newest entry, what a re-read usually adds.
std::string newestLeapSecond(const LeapSecondTable &table)
{
    if (table.entries().empty())
        return "no entries";
    const LeapSecondTable::Entry &newest = table.entries().back();
    const std::chrono::year_month_day date{
        std::chrono::floor<std::chrono::days>(std::chrono::sys_seconds(std::chrono::seconds(newest.utcSeconds)))};
    char text[64];
    std::snprintf(text, sizeof text, "TAI - UTC %d s from %04d-%02u-%02u", newest.taiOffset,
                  static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

} // namespace

EngineRuntime::EngineRuntime(EngineConfig config, HostOptions options)
    : m_config(std::move(config))
    , m_options(std::move(options))
    , m_batch(m_options.batchSize)
    , m_sendBatch(m_options.sendBatchSize)
{
    m_pendingReplies.reserve(m_sendBatch.capacity());
}

EngineRuntime::~EngineRuntime() = default;

bool EngineRuntime::start(std::string &error)
{
    const std::vector<IpAddress> addresses =
        m_options.serverAddresses.empty() ? ntpListenAddresses(m_config) : m_options.serverAddresses;
    if (m_config.ntpPort != 0 && !addresses.empty()) {
        std::string lastError;
        for (const IpAddress &address : addresses) {
            std::string socketError;
            auto socket = UdpSocket::open({address, m_config.ntpPort}, socketError);
            if (!socket) {
                lastError = socketError;
                m_warnings.push_back("NTP server not listening on " + address.toString() + ": " + socketError);
                continue;
            }
            // Best effort: a socket with the kernel's default buffer, or fragmentable replies,
            // still serves.
            if (m_options.serverReceiveBufferBytes > 0)
                (void)socket->setReceiveBuffer(m_options.serverReceiveBufferBytes);
            (void)socket->setDontFragment();
            m_sockets.push_back({std::move(socket), SocketRole::Server});
        }
        // Like chronyd, a server port that cannot be opened (taken, or privileged) leaves the
        // client running; the snapshot shows that nothing is served.
        if (m_sockets.empty())
            m_serverError = "cannot open NTP port " + std::to_string(m_config.ntpPort) + ": " + lastError;
    }
    for (const IpAddress &any : {IpAddress::v4(0), IpAddress::v6({})}) {
        std::string socketError;
        auto socket = UdpSocket::open({any, 0}, socketError);
        if (!socket) {
            m_warnings.push_back("no " + std::string(any.isV4() ? "IPv4" : "IPv6") + " client socket: " + socketError);
            continue;
        }
        m_sockets.push_back({std::move(socket), SocketRole::Client});
    }
    if (!clientSocketFor(IpAddress::v4(0)) && !clientSocketFor(IpAddress::v6({}))) {
        error = "cannot open a client socket";
        return false;
    }

    EngineOptions engineOptions;
    engineOptions.precision = measureClockPrecision();
    if (!m_config.clock.driftFile.empty()) {
        std::string driftError;
        if (const auto drift = readDriftFile(m_config.clock.driftFile, driftError)) {
            // chrony's file holds the clock's frequency error (positive: it runs fast, so the
            // kernel frequency is set to the negative), which is the engine's sign too.
            engineOptions.driftFrequencyPpm = drift->frequencyPpm;
            engineOptions.driftSkewPpm = drift->skewPpm;
        } else if (!driftError.empty())
            m_warnings.push_back(driftError);
    }
    if (m_options.clockControl)
        openClockDriver();
    engineOptions.clockDriver = m_clockDriver.get();
    startHardwareTimestamping();
    if (!m_options.testClockShiftFile.empty()) {
        if (m_clockDriver) {
            m_warnings.push_back("the test clock shift file is ignored: the clock is under control");
            m_options.testClockShiftFile.clear();
        } else {
            // Never silent: a service whose every clock reading is shifted serves a wrong time.
            m_warnings.push_back("S1_TEST_CLOCK_SHIFT_FILE is set: every clock reading is shifted by the seconds in "
                                 + m_options.testClockShiftFile + " (a test seam; never set it in production)");
            refreshTestClockShift();
        }
    }
    const RealTime now = readClock();
    m_leapTable = loadLeapSecondTable(m_config.clock, now, m_leapTableWarnings);
    m_warnings.insert(m_warnings.end(), m_leapTableWarnings.begin(), m_leapTableWarnings.end());
    m_lastLeapTableRead = now;
    engineOptions.leapSecondTable = m_leapTable;
    // Read again with every new engine, so a reload picks up a changed keyfile.
    engineOptions.keys = loadKeyFile(m_config.keyFile, m_warnings);
    engineOptions.previousAlarms = m_options.previousAlarms;
    engineOptions.seed = m_options.seed != 0 ? m_options.seed : static_cast<std::uint64_t>(nanosSinceEpoch(now));
    m_engine = std::make_unique<Engine>(m_config, engineOptions, now);
    m_refClocks = std::make_unique<RefClockDevices>(
        m_config.refClocks, m_options.refClockSeams,
        [this](std::size_t index, const RefClockSample &sample) {
            m_engine->handleRefClockSample(index, sample, readClock());
        },
        [this](std::size_t index, const RefClockPulse &pulse) {
            m_engine->handleRefClockPulse(index, pulse, readClock());
        });
    m_refClocks->start(now);
    if (m_options.restoreDumps)
        restoreDumps();
    openLogFiles();
    flush();
    reportRefClockFaults();
    return true;
}

std::vector<int> EngineRuntime::fds() const
{
    std::vector<int> out;
    out.reserve(m_sockets.size());
    for (const Socket &s : m_sockets)
        out.push_back(s.socket->fd());
    if (m_refClocks)
        for (const int fd : m_refClocks->fds())
            out.push_back(fd);
    return out;
}

std::uint64_t EngineRuntime::fdGeneration() const
{
    return m_refClocks ? m_refClocks->fdGeneration() : 0;
}

void EngineRuntime::readable(int fd)
{
    if (!m_engine)
        return;
    checkClockStep();
    const auto socket =
        std::find_if(m_sockets.begin(), m_sockets.end(), [fd](const Socket &s) { return s.socket->fd() == fd; });
    if (socket == m_sockets.end()) {
        if (m_refClocks) {
            m_refClocks->readable(fd, readClock());
            flush();
        }
        return;
    }
    const Socket &s = *socket;
    // A stamp queued late, or an ICMP error: an error queue left unread keeps the socket's
    // poll state on error, and the event loop would spin.
    reportTransmitStamps(s);
    // The engine names the socket to answer from by its position in m_sockets.
    const auto index = static_cast<int>(socket - m_sockets.begin());
    // Bounded: a flood cannot keep us here forever; the notifier fires again for the rest.
    constexpr int kMaxBatchesPerWakeup = 8;
    for (int round = 0; round < kMaxBatchesPerWakeup; ++round) {
        const std::size_t n = s.socket->receive(m_batch, m_options.receiveMode, readRealTimeClock);
        if (n == 0)
            break;
        const RealTime now = readClock();
        for (std::size_t i = 0; i < n; ++i) {
            const ReceivedDatagram &d = m_batch[i];
            ReceivedPacket packet;
            packet.role = s.role;
            packet.hostSocket = index;
            packet.remote = d.from;
            packet.local = d.local;
            packet.data = d.data;
            packet.truncated = d.truncated;
            packet.receiveTime = d.receiveTime + m_testClockShift;
            packet.kernelTimestamp = d.kernelTimestamp;
            if (const std::optional<RealTime> hardware = hardwareReceiveTime(d)) {
                packet.receiveTime = *hardware + m_testClockShift;
                packet.hardwareTimestamp = true;
            }
            m_engine->handlePacket(packet, now);
        }
        flush();
        if (n < m_batch.capacity())
            break;
    }
}

void EngineRuntime::timeout()
{
    if (!m_engine)
        return;
    checkClockStep();
    m_refClocks->timeout(readClock());
    if (m_nicTimestamping) {
        std::vector<std::string> log;
        m_nicTimestamping->timeout(readRealTimeClock(), log);
        logLines(std::move(log));
    }
    m_engine->handleTimeout(readClock());
    flush();
    reportRefClockFaults();
    maintainDriftFile(false);
    maintainLeapSecondTable();
}

void EngineRuntime::maintainLeapSecondTable()
{
    if (!m_engine || (m_config.clock.leapSecTimezone.empty() && m_config.clock.leapSecList.empty()))
        return;
    const RealTime now = readClock();
    if (now - m_lastLeapTableRead < m_options.leapTableCheckInterval && now >= m_lastLeapTableRead)
        return;
    m_lastLeapTableRead = now;
    std::vector<std::string> warnings;
    std::optional<LeapSecondTable> table = loadLeapSecondTable(m_config.clock, now, warnings);
    // A file that went missing or broke since does not take away a table that was good: the
    // warning says so, and the engine keeps what it has.
    const bool changed = table && table != m_leapTable;
    if (warnings != m_leapTableWarnings && m_eventSink)
        for (const std::string &warning : warnings)
            m_eventSink({EngineEvent::Category::Clock, warning});
    m_leapTableWarnings = std::move(warnings);
    if (!changed)
        return;
    m_leapTable = std::move(table);
    m_engine->setLeapSecondTable(m_leapTable);
    if (m_eventSink)
        m_eventSink({EngineEvent::Category::Clock, "leap second table read again: " + newestLeapSecond(*m_leapTable)});
}

RealTime EngineRuntime::readClock() const
{
    return readRealTimeClock() + m_testClockShift;
}

void EngineRuntime::refreshTestClockShift()
{
    if (m_options.testClockShiftFile.empty())
        return;
    std::FILE *file = std::fopen(m_options.testClockShiftFile.c_str(), "r");
    if (!file)
        return; // not written yet: no shift
    constexpr std::size_t kMaxShiftText = 64;
    char text[kMaxShiftText] = {};
    const std::size_t length = std::fread(text, 1, sizeof text - 1, file);
    std::fclose(file);
    // from_chars reads the "C" locale's number whatever the process locale (a service under
    // LANG=de_DE would otherwise stop at the decimal point).
    const char *begin = text;
    const char *end = text + length;
    while (begin < end && std::isspace(static_cast<unsigned char>(*begin)))
        ++begin;
    double seconds = 0;
    const auto [rest, error] = std::from_chars(begin, end, seconds);
    const bool read = error == std::errc() && std::isfinite(seconds);
    if (!read) {
        if (!m_testClockShiftBad && m_eventSink)
            m_eventSink({EngineEvent::Category::Clock,
                         "test clock shift file " + m_options.testClockShiftFile + " holds no number of seconds"});
        m_testClockShiftBad = true;
        return;
    }
    m_testClockShiftBad = false;
    m_testClockShift = fromSeconds(seconds);
}

void EngineRuntime::checkClockStep()
{
    refreshTestClockShift();
    std::optional<ExternalStepDetector::Reading> read = readClockStepReading();
    if (!read)
        return;
    ExternalStepDetector::Reading reading = *read;
    reading.realTime += m_testClockShift;
    const double ownSteps = m_clockDriver ? m_clockDriver->ownSteps() : 0.0;
    if (const auto step = m_stepDetector.check(reading, ownSteps, m_engine->clockLeapSecondNear(reading.realTime))) {
        m_engine->notifyExternalStep(*step, reading.realTime);
        flush();
    }
}

void EngineRuntime::openClockDriver()
{
    KernelClockApi *api = m_options.kernelClockApi;
    if (!api) {
        m_systemClockApi = std::make_unique<SystemKernelClockApi>();
        api = m_systemClockApi.get();
    }
    KernelClockDriver::Options options;
    options.maxSlewRatePpm = m_config.clock.maxSlewRate;
    // As chronyd on Linux: the kernel hears "synchronised" (and copies the time to the RTC
    // every 11 minutes) only with `rtcsync`.
    options.rtcSync = m_config.clock.rtcSync;
    auto driver = std::make_unique<KernelClockDriver>(*api, options);
    if (!driver->open()) {
        m_clockWarning = "cannot control the system clock (" + driver->lastError()
                         + "); keeping a virtual clock. Give the process CAP_SYS_TIME, or start it "
                           "with -x to keep the virtual clock on purpose";
        return;
    }
    m_clockDriver = std::move(driver);
}

double EngineRuntime::makeStep()
{
    if (!m_engine)
        return 0;
    checkClockStep();
    const double stepped = m_engine->makeStep(readClock());
    flush();
    return stepped;
}

CommandResult EngineRuntime::runCommand(const std::string &name, const std::string &arguments)
{
    if (!m_engine)
        return CommandResult::of(CommandStatus::Failed);
    checkClockStep();
    // Both take no arguments; chronyc ignores what follows them, and so do we.
    if (name == "dump")
        return dumpSources();
    if (name == "cyclelogs")
        return cycleLogs();
    const CommandResult result = m_engine->runCommand(name, arguments, readClock());
    flush();
    return result;
}

CommandResult EngineRuntime::dumpSources()
{
    if (!m_engine)
        return CommandResult::of(CommandStatus::Failed);
    CommandResult result = CommandResult::of(CommandStatus::Ok);
    if (m_config.dumpDir.empty()) {
        // chronyd answers 200 OK and writes nothing; we say why nothing was written.
        result.warnings.push_back("no dumpdir in the configuration: nothing dumped");
        return result;
    }
    const std::vector<std::string> problems =
        writeSourceDumpFiles(m_config.dumpDir, m_engine->dumpSources(readClock()));
    for (const std::string &problem : problems)
        std::fprintf(stderr, "stratumone: %s\n", problem.c_str());
    if (!problems.empty()) {
        result.status = CommandStatus::Failed;
        result.message = problems.front();
    }
    return result;
}

CommandResult EngineRuntime::cycleLogs()
{
    for (auto &[log, writer] : m_logs) {
        const bool reopened = writer.reopen();
        noteLogWrite(log, writer, reopened);
    }
    return CommandResult::of(CommandStatus::Ok);
}

void EngineRuntime::restoreDumps()
{
    const RealTime now = readClock();
    if (m_config.dumpDir.empty()) {
        m_warnings.push_back("-r given but no dumpdir in the configuration: no measurement history to reload");
        return;
    }
    std::vector<std::string> problems;
    std::vector<SourceDump> dumps = readSourceDumpFiles(m_config.dumpDir, problems);
    for (std::string &problem : problems)
        m_warnings.push_back(std::move(problem));
    m_engine->restoreSources(std::move(dumps), now);
}

void EngineRuntime::shutdown()
{
    maintainDriftFile(true);
    if (m_engine && !m_config.dumpDir.empty())
        dumpSources();
    if (m_clockDriver)
        m_clockDriver->shutdown();
}

void EngineRuntime::maintainDriftFile(bool force)
{
    if (!m_engine || m_config.clock.driftFile.empty())
        return;
    const RealTime now = readClock();
    const auto interval = std::chrono::seconds(m_config.clock.driftFileInterval);
    if (!force && m_lastDriftWrite && now - *m_lastDriftWrite < interval)
        return;
    if (!m_lastDriftWrite && !force) {
        // Not at start: the first write waits a full interval for an estimate worth keeping.
        m_lastDriftWrite = now;
        return;
    }
    m_lastDriftWrite = now;
    const ReferenceSnapshot reference = m_engine->snapshot(now).reference;
    // Nothing learned (unsynchronised, or serving `local` only): keep what the file says. The
    // file sets a steered clock's frequency at the next start, so a guess must not replace it.
    if (!reference.synchronised || reference.referenceId == Engine::kLocalReferenceId)
        return;
    std::string error;
    if (!writeDriftFile(m_config.clock.driftFile, DriftState{reference.frequencyPpm, reference.skewPpm}, error))
        std::fprintf(stderr, "stratumone: %s\n", error.c_str());
}

void EngineRuntime::resolved(std::uint64_t token, const std::vector<IpAddress> &addresses)
{
    if (!m_engine)
        return;
    m_engine->handleResolved(token, addresses, readClock());
    flush();
}

std::optional<RealTime> EngineRuntime::nextWakeup() const
{
    if (!m_engine)
        return std::nullopt;
    std::optional<RealTime> next = m_engine->nextWakeup();
    if (const auto devices = m_refClocks->nextWakeup(); devices && (!next || *devices < *next))
        next = devices;
    if (m_nicTimestamping)
        if (const auto phc = m_nicTimestamping->nextWakeup(); phc && (!next || *phc + m_testClockShift < *next))
            next = *phc + m_testClockShift;
    return next;
}

void EngineRuntime::reportRefClockFaults()
{
    if (!m_refClocks)
        return;
    for (std::string &report : m_refClocks->takeFaultReports())
        if (m_eventSink)
            m_eventSink({EngineEvent::Category::RefClock, std::move(report)});
}

void EngineRuntime::reportGpsStatus()
{
    if (!m_engine || !m_refClocks)
        return;
    // At the snapshot pace: a step is noticed within a second even while nothing else wakes
    // the host (long polls, no clients).
    checkClockStep();
    const RealTime reading = readClock();
    if (const std::optional<GpsStatus> gps = m_refClocks->gpsStatus(reading))
        m_engine->handleGpsStatus(*gps, reading);
}

EngineSnapshot EngineRuntime::snapshot() const
{
    const RealTime reading = readClock();
    EngineSnapshot s = m_engine ? m_engine->snapshot(reading) : EngineSnapshot{};
    s.hostTime = reading;
    s.ntpPort = serverPort();
    s.serverError = m_serverError;
    // Refclock sources follow the NTP sources in configuration order.
    std::size_t refclock = 0;
    for (SourceSnapshot &source : s.sources) {
        if (source.kind != SourceKind::RefClock)
            continue;
        source.driverStatus = m_refClocks ? m_refClocks->status(refclock) : std::string();
        source.driverFault = m_refClocks && m_refClocks->fault(refclock);
        ++refclock;
    }
    if (m_refClocks)
        s.gps = m_refClocks->gpsStatus(reading);
    return s;
}

std::uint16_t EngineRuntime::serverPort() const
{
    for (const Socket &s : m_sockets)
        if (s.role == SocketRole::Server)
            return s.socket->localPort();
    return 0;
}

UdpSocket *EngineRuntime::clientSocketFor(const IpAddress &ip) const
{
    for (const Socket &s : m_sockets)
        if (s.role == SocketRole::Client && s.socket->family() == ip.family())
            return s.socket.get();
    return nullptr;
}

void EngineRuntime::reportTransmitStamps(const Socket &socket)
{
    // As many as a batch of replies can have asked for; the rest wait for the next wake-up.
    for (const TransmitStamp &stamp : socket.socket->takeTransmitStamps(m_batch.capacity() * 2)) {
        // The card's stamp when it converts, else the kernel's software one; the engine checks
        // either against the daemon's reading it replaces.
        std::optional<RealTime> hardware;
        if (stamp.hardwareTime && m_nicTimestamping)
            hardware = m_nicTimestamping->convertTransmit(stamp.interfaceIndex, *stamp.hardwareTime,
                                                          stamp.software ? stamp.time : readRealTimeClock());
        if (!hardware && !stamp.software)
            continue;
        TransmittedPacket packet{socket.role, stamp.remote, stamp.data,
                                 hardware.value_or(stamp.time) + m_testClockShift, true};
        packet.hardwareTimestamp = hardware.has_value();
        m_engine->handleTransmitted(packet);
    }
}

void EngineRuntime::startHardwareTimestamping()
{
    if (m_config.hwTimestamps.empty())
        return;
    NicApi *nic = m_options.nicApi;
    if (!nic) {
        m_systemNicApi = std::make_unique<SystemNicApi>();
        nic = m_systemNicApi.get();
    }
    DeviceApi *devices = m_options.phcDevices;
    if (!devices) {
        m_systemPhcDevices = std::make_unique<SystemDeviceApi>();
        devices = m_systemPhcDevices.get();
    }
    // The PHC is tracked against the raw scale (the system clock without the driver's
    // corrections), so that slewing never bends the conversion.
    const KernelClockDriver *driver = m_clockDriver.get();
    m_nicTimestamping = std::make_unique<NicTimestamping>(
        m_config.hwTimestamps, *nic, *devices,
        [driver](RealTime host) { return driver ? driver->rawTime(host) : host; },
        [driver](RealTime raw) { return driver ? driver->clockTime(raw) : raw; });
    std::vector<std::string> log;
    m_nicTimestamping->start(log);
    logLines(std::move(log));
    if (!m_nicTimestamping->enabled())
        return;
    for (const Socket &s : m_sockets)
        if (!s.socket->enableHardwareTimestamps())
            logLines({"hardware timestamps: the NTP socket on port " + std::to_string(s.socket->localPort())
                      + " cannot ask for them; it keeps kernel software timestamps"});
}

std::optional<RealTime> EngineRuntime::hardwareReceiveTime(const ReceivedDatagram &d)
{
    if (!m_nicTimestamping || !d.hardwareTime)
        return std::nullopt;
    return m_nicTimestamping->convertReceive(d.interfaceIndex, *d.hardwareTime, d.layer2Length, d.data.size(),
                                             d.from.ip.isV6() && !d.from.ip.unmapped().isV4(), d.receiveTime);
}

void EngineRuntime::logLines(std::vector<std::string> lines)
{
    for (std::string &line : lines) {
        if (m_eventSink)
            m_eventSink({EngineEvent::Category::Ntp, std::move(line)});
        else
            m_warnings.push_back(std::move(line));
    }
}

void EngineRuntime::flush()
{
    m_engine->takeOutgoing(m_outgoing);
    UdpSocket *pendingSocket = nullptr;
    for (std::size_t i = 0; i < m_outgoing.size(); ++i) {
        OutgoingPacket &out = m_outgoing[i];
        UdpSocket *socket = nullptr;
        if (out.role == SocketRole::Server && out.hostSocket >= 0
            && static_cast<std::size_t>(out.hostSocket) < m_sockets.size())
            socket = m_sockets[static_cast<std::size_t>(out.hostSocket)].socket.get();
        else
            socket = clientSocketFor(out.remote.ip);
        if (!socket)
            continue;
        // Replies wait for their neighbours, in order: a packet for another socket or one sent
        // alone sends them first.
        const bool batched = m_options.receiveMode == UdpSocket::Receive::Batched && out.role == SocketRole::Server
                             && !out.reportTransmit;
        if (pendingSocket && (socket != pendingSocket || !batched)) {
            sendPendingReplies(*pendingSocket);
            pendingSocket = nullptr;
        }
        if (batched) {
            m_pendingReplies.push_back(i);
            pendingSocket = socket;
            if (m_pendingReplies.size() >= m_sendBatch.capacity()) {
                sendPendingReplies(*pendingSocket);
                pendingSocket = nullptr;
            }
            continue;
        }
        // The clock is read as the very last thing before the kernel takes the packet, the
        // same moment on both ends of an exchange (our T1, the server's T3).
        const RealTime sendTime = readClock();
        m_engine->finishOutgoing(out, sendTime);
        const bool kernelStamp =
            out.reportTransmit && m_options.kernelTransmitTimestamps && socket->transmitTimestamping();
        const bool sent = socket->send(out.remote, out.data, kernelStamp);
        if (sent && out.reportTransmit)
            m_engine->handleTransmitted({out.role, out.remote, out.data, sendTime, false});
        // A software transmit timestamp is queued while the send call runs (the driver takes
        // it as it hands the packet on): read at once, the engine has it before the next
        // request. After each send, not after the batch: clknetsim keeps only a socket's last
        // stamp, and a read that finds none there takes the next datagram instead.
        if (sent && kernelStamp)
            for (const Socket &s : m_sockets)
                if (s.socket.get() == socket)
                    reportTransmitStamps(s);
    }
    if (pendingSocket)
        sendPendingReplies(*pendingSocket);
    if (m_resolver)
        for (const ResolveRequest &request : m_engine->takeResolveRequests())
            m_resolver(request);
    writeLogRecords();
    for (const EngineEvent &event : m_engine->takeEvents())
        if (m_eventSink)
            m_eventSink(event);
}

void EngineRuntime::sendPendingReplies(UdpSocket &socket)
{
    // One reading for the batch, as late as possible: right before the one system call.
    const RealTime sendTime = readClock();
    for (const std::size_t i : m_pendingReplies) {
        OutgoingPacket &out = m_outgoing[i];
        m_engine->finishOutgoing(out, sendTime);
        (void)m_sendBatch.add(out.remote, out.data);
    }
    m_pendingReplies.clear();
    (void)m_sendBatch.send(socket.fd());
}

void EngineRuntime::openLogFiles()
{
    const LoggingConfig &logging = m_config.logging;
    if (logging.logDir.empty())
        return;
    std::error_code ec;
    std::filesystem::create_directories(logging.logDir, ec);
    const auto add = [&](bool enabled, ChronyLog log) {
        if (!enabled)
            return;
        LogFileSettings settings;
        settings.directory = logging.logDir;
        settings.name = std::string(chronyLogName(log));
        settings.header = std::string(chronyLogHeader(log));
        LogFileWriter writer(settings);
        if (!writer.open())
            m_warnings.push_back(writer.lastError());
        m_logs.emplace(log, std::move(writer));
    };
    add(logging.tracking, ChronyLog::Tracking);
    add(logging.measurements || logging.rawMeasurements, ChronyLog::Measurements);
    add(logging.statistics, ChronyLog::Statistics);
    add(logging.refclocks, ChronyLog::Refclocks);
}

void EngineRuntime::writeLogRecords()
{
    for (const EngineLogRecord &record : m_engine->takeLogRecords()) {
        const ChronyLog log = std::visit(
            [](const auto &r) {
                using R = std::decay_t<decltype(r)>;
                if constexpr (std::is_same_v<R, TrackingLogRecord>)
                    return ChronyLog::Tracking;
                else if constexpr (std::is_same_v<R, MeasurementLogRecord>)
                    return ChronyLog::Measurements;
                else if constexpr (std::is_same_v<R, StatisticsLogRecord>)
                    return ChronyLog::Statistics;
                else
                    return ChronyLog::Refclocks;
            },
            record);
        const auto writer = m_logs.find(log);
        if (writer == m_logs.end())
            continue;
        // A failed write is retried with the next line; the packet path never waits for a log.
        const bool written =
            writer->second.write(std::visit([](const auto &r) { return formatChronyLogLine(r); }, record));
        noteLogWrite(log, writer->second, written);
    }
}

void EngineRuntime::noteLogWrite(ChronyLog log, const LogFileWriter &writer, bool written)
{
    // Once when a log stops being written (a full disk, say) and once when it works again: a full
    // disk must not fill the journal too.
    if (!written && m_failingLogs.insert(log).second)
        std::fprintf(stderr, "stratumone: %s; its lines are dropped until it can be written again\n",
                     writer.lastError().c_str());
    else if (written && m_failingLogs.erase(log) > 0)
        std::fprintf(stderr, "stratumone: writing %s again\n", writer.filePath().c_str());
}

} // namespace s1
