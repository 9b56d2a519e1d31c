#include "LaunchOptions.h"

#include "config/ConfigReader.h"

#include <QCommandLineParser>
#include <QFileInfo>

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
            "Without --service it opens a window showing the engine it runs."));
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
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to <png> after --screenshot-delay seconds and quit."), QStringLiteral("png"));
    const QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay"),
                                             QStringLiteral("Seconds to wait before --screenshot (default 5)."), QStringLiteral("seconds"));
    if (program == LaunchProgram::Application) {
        parser.addOption(service);
        parser.addOption(screenshot);
        parser.addOption(screenshotDelay);
    }
    parser.addOption(config);
    parser.addOption(noClock);
    parser.addOption(bind);
    if (program == LaunchProgram::CoreHost) {
        parser.addOption(report);
        parser.addOption(duration);
    }
    parser.addOption(seed);

    LaunchParse result;
    if (!parser.parse(arguments)) {
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
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "unexpected argument: %s\n", qPrintable(parser.positionalArguments().first()));
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
        o.screenshotPath = parser.value(screenshot).toStdString();
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

std::optional<EngineConfig> loadConfiguration(const LaunchOptions &options)
{
    ConfigReadResult read;
    if (options.configPath.empty() && !QFileInfo::exists(QString::fromUtf8(kDefaultConfigPath)))
        read = readConfigText(kBuiltInConfig, "(built-in configuration)");
    else
        read = readConfigFile(options.configPath.empty() ? kDefaultConfigPath : options.configPath);
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
    return host;
}

} // namespace s1
