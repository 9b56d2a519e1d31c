#include "LaunchOptions.h"

#include "auth/KeyFiles.h"
#include "config/ConfigFile.h"
#include "config/ConfigReader.h"
#include "logging/LogCategories.h"
#include "process/SyscallFilter.h"
#include "json/ControlProtocol.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cstdio>
#include <cstdlib>

namespace s1 {

namespace {

// What a fresh installation without a configuration file uses: Debian's chrony default.
constexpr const char *kBuiltInConfig = "pool 2.debian.pool.ntp.org iburst\n";

// Every option either program knows; addOptions() decides which of them a program accepts.
struct OptionSet
{
    QCommandLineOption service{QStringLiteral("service"),
                               QStringLiteral("Run headless as a daemon (foreground, for systemd).")};
    QCommandLineOption config{{QStringLiteral("f"), QStringLiteral("config")},
                              QStringLiteral("Read the chrony.conf-syntax configuration <file>."),
                              QStringLiteral("file")};
    QCommandLineOption noClock{
        {QStringLiteral("x"), QStringLiteral("no-clock-control")},
        QStringLiteral("Never adjust the system clock; keep a virtual clock (like chronyd -x).")};
    QCommandLineOption restoreDumps{
        QStringLiteral("r"),
        QStringLiteral("Reload each source's measurement history from its file in the configuration's dumpdir at "
                       "start, so that a restart keeps its regression (like chronyd -r).")};
    QCommandLineOption bind{QStringLiteral("bind"),
                            QStringLiteral("Serve NTP only on <address> (repeatable; default: all)."),
                            QStringLiteral("address")};
    QCommandLineOption report{QStringLiteral("report-interval"),
                              QStringLiteral("Print a JSON snapshot line every <seconds> on stdout."),
                              QStringLiteral("seconds")};
    QCommandLineOption duration{QStringLiteral("duration"), QStringLiteral("Exit after <seconds>."),
                                QStringLiteral("seconds")};
    QCommandLineOption seed{QStringLiteral("seed"),
                            QStringLiteral("Seed the engine's random choices with <n> (reproducible runs)."),
                            QStringLiteral("n")};
    QCommandLineOption simulate{
        QStringLiteral("simulate"),
        QStringLiteral("Show a simulated engine (servers, a falseticker, a wandering clock) in real time: "
                       "try the app without hardware or network.")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save the window to <png> after --screenshot-delay seconds and quit."),
                                  QStringLiteral("png")};
    QCommandLineOption screenshotDelay{QStringLiteral("screenshot-delay"),
                                       QStringLiteral("Seconds to wait before --screenshot (default 5)."),
                                       QStringLiteral("seconds")};
    QCommandLineOption controlSocket{
        QStringLiteral("control-socket"),
        QStringLiteral("Service: listen for stratumctl on the Unix socket <path> (default: the "
                       "configuration's `bindcmdaddress /path`, else %1).")
            .arg(QLatin1String(control::kDefaultSocketPath)),
        QStringLiteral("path")};
    QCommandLineOption controlGroup{QStringLiteral("control-group"),
                                    QStringLiteral("Service: give the control socket (mode 0660) to group <name>; its "
                                                   "members may use every stratumctl command."),
                                    QStringLiteral("name")};
    QCommandLineOption user{
        QStringLiteral("u"),
        QStringLiteral("Service: once its sockets are open, run as <user> with only the capabilities "
                       "it needs (overrides the configuration's `user`, like chronyd -u)."),
        QStringLiteral("user")};
    QCommandLineOption syscallFilter{
        QStringLiteral("F"),
        QStringLiteral("Service: once it runs, filter its system calls (seccomp, like chronyd -F): 0 off (default), "
                       "1 only the calls it makes, 2 all but a few dangerous ones (exec, fork, ptrace, modules, "
                       "mounts); a forbidden call kills it, or sends SIGSYS at -1/-2. Not with `alarmcommand`."),
        QStringLiteral("level")};
    QCommandLineOption checkConfig{
        QStringLiteral("check-config"),
        QStringLiteral("Check the configuration <file>, print every error and warning as "
                       "file:line:col, then \"<file>: OK\"; exit 0 if it has no errors, else 1."),
        QStringLiteral("file")};
    QCommandLineOption printConfig{
        QStringLiteral("p"), QStringLiteral("Print the configuration's directives (-f or the default file, included "
                                            "files after a \"# FILE\" line each, comments dropped, words separated by "
                                            "one space) and exit, like chronyd -p.")};
    QCommandLineOption debug{
        QStringLiteral("d"),
        QStringLiteral("Debug logging (the service always runs in the foreground and logs to stderr).")};
    QCommandLineOption attach{QStringLiteral("attach"),
                              QStringLiteral("Window: show the running service at the Unix socket [SOCKET] (default: "
                                             "--control-socket, else %1) instead of running an engine; "
                                             "reconnects when the service restarts.")
                                  .arg(QLatin1String(control::kDefaultSocketPath))};
    QCommandLineOption inProcess{QStringLiteral("in-process"),
                                 QStringLiteral("Window: run an engine of its own even when a service is running.")};
    QCommandLineOption kiosk{QStringLiteral("kiosk"),
                             QStringLiteral("Window: full screen with the dashboard alone (for a wall or a 800x480 "
                                            "touchscreen), the screen saver inhibited through the desktop's "
                                            "org.freedesktop.ScreenSaver (the log says when nothing can). Esc or "
                                            "holding a finger on the screen for 3 s shows the whole window.")};
};

void describeProgram(QCommandLineParser &parser, LaunchProgram program)
{
    if (program == LaunchProgram::Application)
        parser.setApplicationDescription(
            QStringLiteral("Stratum One: NTP server and time-keeping manager.\n"
                           "Without --service it opens a window. Started without -f, --bind, --seed, --simulate\n"
                           "or --in-process while a service answers on %1, the window attaches\n"
                           "to that service (as chronyc talks to the running chronyd); otherwise it runs an engine\n"
                           "of its own. --attach [SOCKET] always shows a service.")
                .arg(QLatin1String(control::kDefaultSocketPath)));
    else
        parser.setApplicationDescription(
            QStringLiteral("Stratum One engine in a plain poll() loop, without a Qt event loop, for simulators."));
}

// The options `program` accepts, in the order --help lists them.
void addOptions(QCommandLineParser &parser, const OptionSet &opt, LaunchProgram program)
{
    parser.addHelpOption();
    parser.addVersionOption();
    if (program == LaunchProgram::Application) {
        parser.addPositionalArgument(QStringLiteral("SOCKET"),
                                     QStringLiteral("With --attach: the service's control socket."),
                                     QStringLiteral("[SOCKET]"));
        for (const QCommandLineOption *option :
             {&opt.attach, &opt.inProcess, &opt.kiosk, &opt.service, &opt.controlSocket, &opt.controlGroup, &opt.user,
              &opt.syscallFilter, &opt.checkConfig, &opt.printConfig, &opt.debug, &opt.screenshot, &opt.screenshotDelay,
              &opt.simulate})
            parser.addOption(*option);
    }
    parser.addOption(opt.config);
    parser.addOption(opt.noClock);
    parser.addOption(opt.restoreDumps);
    parser.addOption(opt.bind);
    if (program == LaunchProgram::CoreHost) {
        parser.addOption(opt.report);
        parser.addOption(opt.duration);
    }
    parser.addOption(opt.seed);
}

// --attach takes an optional value, which QCommandLineParser cannot express: --attach=PATH
// becomes --attach PATH, and PATH the one positional argument.
QStringList splitAttachValue(const QStringList &arguments, LaunchProgram program)
{
    const QLatin1String attachWithValue("--attach=");
    QStringList args;
    for (const QString &argument : arguments) {
        if (program == LaunchProgram::Application && argument.startsWith(attachWithValue)) {
            args << QStringLiteral("--attach") << argument.mid(attachWithValue.size());
            continue;
        }
        args << argument;
    }
    return args;
}

// Prints a usage error; false, for the readers below to return.
bool usageError(const QString &message)
{
    std::fprintf(stderr, "%s\n", qPrintable(message));
    return false;
}

// The readers take one group of options into `o`; false after printing what is wrong.

bool readBindAddresses(const QCommandLineParser &parser, const OptionSet &opt, LaunchOptions &o)
{
    for (const QString &text : parser.values(opt.bind)) {
        const auto ip = IpAddress::parse(text.toStdString());
        if (!ip)
            return usageError(QStringLiteral("--bind: not an IP address: %1").arg(text));
        o.bindAddresses.push_back(*ip);
    }
    return true;
}

// A number of seconds, when the option is given; `valid` says which values it accepts.
template <typename Valid>
bool readSeconds(const QCommandLineParser &parser, const QCommandLineOption &option, double &seconds, Valid valid,
                 const char *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    seconds = parser.value(option).toDouble(&ok);
    return ok && valid(seconds) ? true : usageError(QString::fromLatin1(error));
}

bool readCoreHostOptions(const QCommandLineParser &parser, const OptionSet &opt, LaunchOptions &o)
{
    const auto positive = [](double seconds) { return seconds > 0; };
    return readSeconds(parser, opt.report, o.reportInterval, positive,
                       "--report-interval needs a positive number of seconds")
           && readSeconds(parser, opt.duration, o.duration, positive, "--duration needs a positive number of seconds");
}

// -F LEVEL: a valid level, for the service, in a build that can filter (never accepted and ignored).
bool readSyscallFilterLevel(const QCommandLineParser &parser, const OptionSet &opt, LaunchOptions &o)
{
    if (!parser.isSet(opt.syscallFilter))
        return true;
    std::string error;
    const auto policy = SyscallFilterPolicy::fromText(parser.value(opt.syscallFilter).toStdString(), error);
    if (!policy)
        return usageError(QString::fromStdString(error));
    if (!o.service)
        return usageError(QStringLiteral("-F is for --service; the window does not filter its system calls"));
    if (policy->enabled() && !SyscallFilter::available())
        return usageError(QString::fromStdString(SyscallFilter::unavailableReason()));
    o.syscallFilterLevel = policy->level();
    return true;
}

// The service's control socket, and the configuration check and print that exit at once.
bool readServiceOptions(const QCommandLineParser &parser, const OptionSet &opt, LaunchOptions &o)
{
    o.service = parser.isSet(opt.service);
    o.controlSocket = parser.value(opt.controlSocket).toStdString();
    o.controlGroup = parser.value(opt.controlGroup).toStdString();
    o.user = parser.value(opt.user).toStdString();
    o.checkConfigPath = parser.value(opt.checkConfig).toStdString();
    o.printConfig = parser.isSet(opt.printConfig);
    o.debug = parser.isSet(opt.debug);
    if (parser.isSet(opt.controlSocket) && !o.controlSocket.starts_with('/'))
        return usageError(QStringLiteral("--control-socket needs an absolute path"));
    if (parser.isSet(opt.checkConfig) && o.checkConfigPath.empty())
        return usageError(QStringLiteral("--check-config needs a file"));
    // The window never drops root: only the service does what -u asks.
    if (parser.isSet(opt.user) && (o.user.empty() || !o.service))
        return usageError(o.user.empty() ? QStringLiteral("-u needs a user name")
                                         : QStringLiteral("-u is for --service; the window runs as whoever starts it"));
    return readSyscallFilterLevel(parser, opt, o);
}

// --attach [SOCKET]: the socket, and no option that only an engine of the window's own uses.
bool readAttachOptions(const QCommandLineParser &parser, const OptionSet &opt, const QStringList &positional,
                       LaunchOptions &o)
{
    o.attach = true;
    o.attachSocket = positional.isEmpty() ? o.controlSocket : positional.first().toStdString();
    if (o.attachSocket.empty())
        o.attachSocket = control::kDefaultSocketPath;
    if (!o.attachSocket.starts_with('/'))
        return usageError(QStringLiteral("--attach needs an absolute socket path"));
    // The service owns the engine: options for an engine of the window's own make no sense.
    // (-x does: the window never steers the clock, so it is harmless.)
    for (const QCommandLineOption *engineOption :
         {&opt.service, &opt.config, &opt.bind, &opt.seed, &opt.simulate, &opt.inProcess}) {
        if (parser.isSet(*engineOption))
            return usageError(QStringLiteral("--attach shows a running service; it cannot be combined with --%1")
                                  .arg(engineOption->names().constLast()));
    }
    return true;
}

// What the window shows and the screenshot it may take.
bool readWindowOptions(const QCommandLineParser &parser, const OptionSet &opt, const QStringList &positional,
                       LaunchOptions &o)
{
    o.screenshotPath = parser.value(opt.screenshot).toStdString();
    o.simulate = parser.isSet(opt.simulate);
    o.inProcess = parser.isSet(opt.inProcess);
    o.kiosk = parser.isSet(opt.kiosk);
    // The service has no window to show a dashboard in.
    if (o.kiosk && o.service)
        return usageError(QStringLiteral("--kiosk is for the window; --service has none"));
    if (parser.isSet(opt.attach) && !readAttachOptions(parser, opt, positional, o))
        return false;
    return readSeconds(
        parser, opt.screenshotDelay, o.screenshotDelay, [](double seconds) { return seconds >= 0; },
        "--screenshot-delay needs a number of seconds");
}

bool readSeed(const QCommandLineParser &parser, const OptionSet &opt, LaunchOptions &o)
{
    if (!parser.isSet(opt.seed))
        return true;
    bool ok = false;
    o.seed = parser.value(opt.seed).toULongLong(&ok);
    return ok ? true : usageError(QStringLiteral("--seed needs a non-negative integer"));
}

bool readOptions(const QCommandLineParser &parser, const OptionSet &opt, LaunchProgram program, LaunchOptions &o)
{
    o.noClockControl = parser.isSet(opt.noClock);
    o.restoreDumps = parser.isSet(opt.restoreDumps);
    o.configPath = parser.value(opt.config).toStdString();
    if (!readBindAddresses(parser, opt, o))
        return false;
    if (program == LaunchProgram::CoreHost && !readCoreHostOptions(parser, opt, o))
        return false;
    if (program == LaunchProgram::Application
        && !(readServiceOptions(parser, opt, o) && readWindowOptions(parser, opt, parser.positionalArguments(), o)))
        return false;
    return readSeed(parser, opt, o);
}

} // namespace

LaunchParse parseLaunchOptions(const QStringList &arguments, LaunchProgram program)
{
    const OptionSet opt;
    QCommandLineParser parser;
    describeProgram(parser, program);
    addOptions(parser, opt, program);

    LaunchParse result;
    if (!parser.parse(splitAttachValue(arguments, program))) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.errorText()));
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fprintf(stdout, "%s", qPrintable(parser.helpText()));
        return result;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::fprintf(stdout, "%s %s\n", qPrintable(QFileInfo(arguments.value(0)).fileName()), S1_VERSION);
        return result;
    }
    const bool attaching = program == LaunchProgram::Application && parser.isSet(opt.attach);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > (attaching ? 1 : 0)) {
        std::fprintf(stderr, "unexpected argument: %s\n", qPrintable(positional.value(attaching ? 1 : 0)));
        result.exitCode = 2;
        return result;
    }

    LaunchOptions o;
    if (!readOptions(parser, opt, program, o)) {
        result.exitCode = 2;
        return result;
    }
    result.options = o;
    return result;
}

bool windowSourceChosen(const LaunchOptions &options)
{
    return options.attach || options.inProcess || options.simulate || !options.configPath.empty()
           || !options.bindAddresses.empty() || options.seed != 0;
}

ConfigReadResult readConfiguration(const LaunchOptions &options, std::string *usedPath)
{
    const bool builtIn = options.configPath.empty() && !QFileInfo::exists(QString::fromUtf8(kDefaultConfigPath));
    const std::string path = builtIn                      ? std::string()
                             : options.configPath.empty() ? kDefaultConfigPath
                                                          : options.configPath;
    if (usedPath)
        *usedPath = path;
    if (builtIn)
        return readConfigText(kBuiltInConfig, "(built-in configuration)");
    return readConfigFile(path);
}

std::optional<EngineConfig> loadConfiguration(const LaunchOptions &options)
{
    const ConfigReadResult read = readConfiguration(options);
    for (const ConfigDiagnostic &d : read.diagnostics)
        std::fprintf(stderr, "%s\n", d.toString().c_str());
    if (!read.ok())
        return std::nullopt;
    return read.config;
}

HostOptions hostOptionsFor(const LaunchOptions &options)
{
    HostOptions host;
    if (!options.bindAddresses.empty())
        host.serverAddresses = options.bindAddresses;
    host.seed = options.seed;
    // The window turns it off again: only the service and the plain host steer the clock.
    host.clockControl = !options.noClockControl;
    host.restoreDumps = options.restoreDumps;
    // The external-step drill's seam (HostOptions::testClockShiftFile); the environment, so
    // that no option of the product's command line exists only for tests.
    if (const char *shiftFile = std::getenv("S1_TEST_CLOCK_SHIFT_FILE"))
        host.testClockShiftFile = shiftFile;
    return host;
}

int checkConfiguration(const std::string &path)
{
    const ConfigReadResult read = readConfigFile(path);
    for (const ConfigDiagnostic &d : read.diagnostics)
        std::fprintf(stderr, "%s\n", d.toString().c_str());
    if (!read.ok())
        return 1;
    // The keyfile too, as the engine will read it: its problems are warnings (the lines that
    // can be used are), never a reason to refuse the configuration.
    std::vector<std::string> keyWarnings;
    loadKeyFile(read.config.keyFile, keyWarnings);
    for (const std::string &warning : keyWarnings)
        std::fprintf(stderr, "%s\n", warning.c_str());
    std::fprintf(stdout, "%s: OK\n", path.c_str());
    return 0;
}

int printConfiguration(const LaunchOptions &options)
{
    std::string mainPath;
    const ConfigReadResult read = readConfiguration(options, &mainPath);
    for (const ConfigDiagnostic &d : read.diagnostics)
        std::fprintf(stderr, "%s\n", d.toString().c_str());
    if (!read.ok())
        return 1;
    if (mainPath.empty()) {
        std::fprintf(stdout, "# (built-in configuration)\n%s", kBuiltInConfig);
        return 0;
    }
    for (const std::string &file : read.files) {
        ConfigDocument document;
        std::string error;
        if (!loadConfigFile(file, document, error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        std::fprintf(stdout, "# %s\n", file.c_str());
        for (const ConfigLine &line : document.lines()) {
            if (!line.isDirective())
                continue;
            std::string text;
            for (const ConfigWord &word : line.words())
                text += (text.empty() ? "" : " ") + std::string(word.text);
            std::fprintf(stdout, "%s\n", text.c_str());
        }
    }
    return 0;
}

std::string controlSocketPath(const LaunchOptions &options, const EngineConfig &config, bool *explicitlySet)
{
    const bool fromOption = !options.controlSocket.empty();
    const bool fromConfig = config.command.socketPath != kDefaultCommandSocket;
    if (explicitlySet)
        *explicitlySet = fromOption || fromConfig;
    if (fromOption)
        return options.controlSocket;
    if (fromConfig)
        return config.command.socketPath; // empty: `bindcmdaddress /`, no socket
    return control::kDefaultSocketPath;
}

void setDebugLogging(bool enabled)
{
    QLoggingCategory::setFilterRules(enabled ? QStringLiteral("s1.*.debug=true") : QStringLiteral("s1.*.debug=false"));
}

void logEngineStarted(bool ok, const QString &error, quint16 port, bool mentionVirtualClock)
{
    if (!ok) {
        qCCritical(lcService).noquote() << "engine failed to start:" << error;
        return;
    }
    qCInfo(lcService).noquote() << (port ? QStringLiteral("serving NTP on UDP port %1").arg(port)
                                         : QStringLiteral("not serving NTP"));
    if (mentionVirtualClock)
        qCInfo(lcService) << "the window keeps a virtual clock; `stratumone --service` steers the system clock";
}

} // namespace s1
