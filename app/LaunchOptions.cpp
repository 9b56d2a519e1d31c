#include "LaunchOptions.h"

#include "config/ConfigFile.h"
#include "config/ConfigReader.h"
#include "json/ControlProtocol.h"
#include "logging/LogCategories.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QLoggingCategory>

#include <cstdio>

namespace s1 {

namespace {

// What a fresh installation without a configuration file uses: Debian's chrony default.
constexpr const char *kBuiltInConfig = "pool 2.debian.pool.ntp.org iburst\n";

} // namespace

LaunchParse parseLaunchOptions(const QStringList &arguments, LaunchProgram program)
{
    QCommandLineParser parser;
    if (program == LaunchProgram::Application)
        parser.setApplicationDescription(QStringLiteral(
            "Stratum One: NTP server and time-keeping manager.\n"
            "Without --service it opens a window. Started without -f, --bind, --seed, --simulate\n"
            "or --in-process while a service answers on %1, the window attaches\n"
            "to that service (as chronyc talks to the running chronyd); otherwise it runs an engine\n"
            "of its own. --attach [SOCKET] always shows a service.")
            .arg(QLatin1String(control::kDefaultSocketPath)));
    else
        parser.setApplicationDescription(QStringLiteral(
            "Stratum One engine in a plain poll() loop, without a Qt event loop, for simulators."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption service(QStringLiteral("service"), QStringLiteral("Run headless as a daemon (foreground, for systemd)."));
    const QCommandLineOption config({QStringLiteral("f"), QStringLiteral("config")},
                                    QStringLiteral("Read the chrony.conf-syntax configuration <file>."), QStringLiteral("file"));
    const QCommandLineOption noClock({QStringLiteral("x"), QStringLiteral("no-clock-control")},
                                     QStringLiteral("Never adjust the system clock; keep a virtual clock (like chronyd -x)."));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Serve NTP only on <address> (repeatable; default: all)."), QStringLiteral("address"));
    const QCommandLineOption report(QStringLiteral("report-interval"),
                                    QStringLiteral("Print a JSON snapshot line every <seconds> on stdout."), QStringLiteral("seconds"));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Exit after <seconds>."), QStringLiteral("seconds"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed the engine's random choices with <n> (reproducible runs)."), QStringLiteral("n"));
    const QCommandLineOption simulate(QStringLiteral("simulate"),
                                      QStringLiteral("Show a simulated engine (servers, a falseticker, a wandering clock) in real time: "
                                                     "try the app without hardware or network."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to <png> after --screenshot-delay seconds and quit."), QStringLiteral("png"));
    const QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
                                             QStringLiteral("Seconds to wait before --screenshot (default 5)."), QStringLiteral("seconds"));
    const QCommandLineOption controlSocket(QStringLiteral("control-socket"),
                                           QStringLiteral("Service: listen for stratumctl on the Unix socket <path> (default: the "
                                                          "configuration's `bindcmdaddress /path`, else %1).")
                                               .arg(QLatin1String(control::kDefaultSocketPath)),
                                           QStringLiteral("path"));
    const QCommandLineOption controlGroup(QStringLiteral("control-group"),
                                          QStringLiteral("Service: give the control socket (mode 0660) to group <name>; its "
                                                         "members may use every stratumctl command."),
                                          QStringLiteral("name"));
    const QCommandLineOption checkConfig(QStringLiteral("check-config"),
                                         QStringLiteral("Check the configuration <file>, print every error and warning as "
                                                        "file:line:col, then \"<file>: OK\"; exit 0 if it has no errors, else 1."),
                                         QStringLiteral("file"));
    const QCommandLineOption printConfig(QStringLiteral("p"),
                                         QStringLiteral("Print the configuration's directives (-f or the default file, included "
                                                        "files after a \"# FILE\" line each, comments dropped, words separated by "
                                                        "one space) and exit, like chronyd -p."));
    const QCommandLineOption debug(QStringLiteral("d"),
                                   QStringLiteral("Debug logging (the service always runs in the foreground and logs to stderr)."));
    const QCommandLineOption attach(QStringLiteral("attach"),
                                    QStringLiteral("Window: show the running service at the Unix socket [SOCKET] (default: "
                                                   "--control-socket, else %1) instead of running an engine; "
                                                   "reconnects when the service restarts.")
                                        .arg(QLatin1String(control::kDefaultSocketPath)));
    const QCommandLineOption inProcess(QStringLiteral("in-process"),
                                       QStringLiteral("Window: run an engine of its own even when a service is running."));
    if (program == LaunchProgram::Application) {
        parser.addPositionalArgument(QStringLiteral("SOCKET"), QStringLiteral("With --attach: the service's control socket."),
                                     QStringLiteral("[SOCKET]"));
        parser.addOption(attach);
        parser.addOption(inProcess);
        parser.addOption(service);
        parser.addOption(controlSocket);
        parser.addOption(controlGroup);
        parser.addOption(checkConfig);
        parser.addOption(printConfig);
        parser.addOption(debug);
        parser.addOption(screenshot);
        parser.addOption(screenshotDelay);
        parser.addOption(simulate);
    }
    parser.addOption(config);
    parser.addOption(noClock);
    parser.addOption(bind);
    if (program == LaunchProgram::CoreHost) {
        parser.addOption(report);
        parser.addOption(duration);
    }
    parser.addOption(seed);

    // --attach takes an optional value, which QCommandLineParser cannot express: --attach=PATH
    // becomes --attach PATH, and PATH the one positional argument.
    QStringList args;
    for (const QString &argument : arguments) {
        if (program == LaunchProgram::Application && argument.startsWith(QLatin1String("--attach="))) {
            args << QStringLiteral("--attach") << argument.mid(int(sizeof("--attach=")) - 1);
            continue;
        }
        args << argument;
    }

    LaunchParse result;
    if (!parser.parse(args)) {
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
    const bool attaching = program == LaunchProgram::Application && parser.isSet(attach);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > (attaching ? 1 : 0)) {
        std::fprintf(stderr, "unexpected argument: %s\n", qPrintable(positional.value(attaching ? 1 : 0)));
        result.exitCode = 2;
        return result;
    }

    LaunchOptions o;
    o.service = program == LaunchProgram::Application && parser.isSet(service);
    o.noClockControl = parser.isSet(noClock);
    o.configPath = parser.value(config).toStdString();
    for (const QString &text : parser.values(bind)) {
        const auto ip = IpAddress::parse(text.toStdString());
        if (!ip) {
            std::fprintf(stderr, "--bind: not an IP address: %s\n", qPrintable(text));
            result.exitCode = 2;
            return result;
        }
        o.bindAddresses.push_back(*ip);
    }
    bool ok = true;
    if (program == LaunchProgram::CoreHost) {
        if (parser.isSet(report) && ((o.reportInterval = parser.value(report).toDouble(&ok)), !ok || o.reportInterval <= 0)) {
            std::fprintf(stderr, "--report-interval needs a positive number of seconds\n");
            result.exitCode = 2;
            return result;
        }
        if (parser.isSet(duration) && ((o.duration = parser.value(duration).toDouble(&ok)), !ok || o.duration <= 0)) {
            std::fprintf(stderr, "--duration needs a positive number of seconds\n");
            result.exitCode = 2;
            return result;
        }
    }
    if (program == LaunchProgram::Application) {
        o.controlSocket = parser.value(controlSocket).toStdString();
        o.controlGroup = parser.value(controlGroup).toStdString();
        o.checkConfigPath = parser.value(checkConfig).toStdString();
        o.printConfig = parser.isSet(printConfig);
        o.debug = parser.isSet(debug);
        if (parser.isSet(controlSocket) && !o.controlSocket.starts_with('/')) {
            std::fprintf(stderr, "--control-socket needs an absolute path\n");
            result.exitCode = 2;
            return result;
        }
        if (parser.isSet(checkConfig) && o.checkConfigPath.empty()) {
            std::fprintf(stderr, "--check-config needs a file\n");
            result.exitCode = 2;
            return result;
        }
        o.screenshotPath = parser.value(screenshot).toStdString();
        o.simulate = parser.isSet(simulate);
        o.inProcess = parser.isSet(inProcess);
        o.attach = attaching;
        if (attaching) {
            o.attachSocket = positional.isEmpty() ? o.controlSocket : positional.first().toStdString();
            if (o.attachSocket.empty())
                o.attachSocket = control::kDefaultSocketPath;
            if (!o.attachSocket.starts_with('/')) {
                std::fprintf(stderr, "--attach needs an absolute socket path\n");
                result.exitCode = 2;
                return result;
            }
            // The service owns the engine: options for an engine of the window's own make no sense.
            // (-x does: the window never steers the clock, so it is harmless.)
            for (const QCommandLineOption *engineOption : {&service, &config, &bind, &seed, &simulate, &inProcess}) {
                if (parser.isSet(*engineOption)) {
                    std::fprintf(stderr, "--attach shows a running service; it cannot be combined with --%s\n",
                                 qPrintable(engineOption->names().constLast()));
                    result.exitCode = 2;
                    return result;
                }
            }
        }
        if (parser.isSet(screenshotDelay)
            && ((o.screenshotDelay = parser.value(screenshotDelay).toDouble(&ok)), !ok || o.screenshotDelay < 0)) {
            std::fprintf(stderr, "--screenshot-delay needs a number of seconds\n");
            result.exitCode = 2;
            return result;
        }
    }
    if (parser.isSet(seed) && ((o.seed = parser.value(seed).toULongLong(&ok)), !ok)) {
        std::fprintf(stderr, "--seed needs a non-negative integer\n");
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
    const std::string path = builtIn ? std::string() : options.configPath.empty() ? kDefaultConfigPath : options.configPath;
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
    return host;
}

int checkConfiguration(const std::string &path)
{
    const ConfigReadResult read = readConfigFile(path);
    for (const ConfigDiagnostic &d : read.diagnostics)
        std::fprintf(stderr, "%s\n", d.toString().c_str());
    if (!read.ok())
        return 1;
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
