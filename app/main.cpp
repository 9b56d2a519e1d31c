// `stratumone`: the window by default, the headless daemon with --service. Both run the same
// engine in a worker thread; they differ only in what watches it. The window can also show a
// running service instead (--attach, or by default when one answers): then it runs no engine
// and gets its snapshots over the control socket.
#include "InProcessEngine.h"
#include "LaunchOptions.h"
#include "ServiceMain.h"
#include "ServiceProbe.h"
#include "ServiceViewer.h"
#include "SimulationFeed.h"
#include "UnixSignalWatcher.h"
#include "WindowStart.h"
#include "logging/LogCategories.h"

#include "json/ControlProtocol.h"

#include "AppTranslations.h"
#include "MainWindow.h"
#include "dashboard/ScreenSaverInhibitor.h"
#include "host/SimulationHost.h"

#include <QApplication>
#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimer>

#include <memory>

#include <unistd.h>

namespace {

// --screenshot: grab the window after the delay and quit (works with QT_QPA_PLATFORM=offscreen).
void scheduleScreenshot(QApplication &app, const s1::LaunchOptions &options, s1::MainWindow &window)
{
    if (options.screenshotPath.empty())
        return;
    constexpr double kMillisPerSecond = 1000;
    QTimer::singleShot(static_cast<int>(options.screenshotDelay * kMillisPerSecond), &window,
                       [&app, &options, &window] {
                           const bool saved = window.grab().save(QString::fromStdString(options.screenshotPath));
                           if (!saved)
                               qCWarning(lcService) << "could not save" << options.screenshotPath.c_str();
                           app.exit(saved ? 0 : 1);
                       });
}

// The file the GPS wizard edits: the one named with -f, else the one the service reads.
QString configurationPathFor(const s1::LaunchOptions &options)
{
    return QString::fromStdString(options.configPath.empty() ? std::string(s1::kDefaultConfigPath)
                                                             : options.configPath);
}

// `Feed` is an InProcessEngine or a SimulationFeed: the window's feed, which also says when the
// engine started (logged here).
template <typename Feed>
int runWindowWith(QApplication &app, const s1::LaunchOptions &options, Feed &feed)
{
    s1::MainWindow window;
    window.setConfigurationPath(configurationPathFor(options));
    s1::UnixSignalWatcher signalWatcher;
    signalWatcher.install();
    QObject::connect(&signalWatcher, &s1::UnixSignalWatcher::terminationRequested, &app, &QCoreApplication::quit);
    QObject::connect(&feed, &Feed::started, &window, [&options](bool ok, const QString &error, quint16 port) {
        s1::logEngineStarted(ok, error, port, !options.noClockControl);
    });
    window.setFeed(&feed);
    feed.start();
    s1::showWindow(options, window, s1::makeDesktopScreenSaverInhibitor());
    scheduleScreenshot(app, options, window);
    const int code = app.exec();
    feed.stop();
    return code;
}

// The window on a running service: no engine here, snapshots from the control socket.
int runAttached(QApplication &app, const s1::LaunchOptions &options, const std::string &socketPath)
{
    s1::MainWindow window;
    window.setConfigurationPath(configurationPathFor(options));
    s1::UnixSignalWatcher signalWatcher;
    signalWatcher.install();
    QObject::connect(&signalWatcher, &s1::UnixSignalWatcher::terminationRequested, &app, &QCoreApplication::quit);
    s1::ServiceViewer viewer(&window, QString::fromStdString(socketPath));
    viewer.start();
    s1::showWindow(options, window, s1::makeDesktopScreenSaverInhibitor());
    scheduleScreenshot(app, options, window);
    return app.exec();
}

// Started with no say in the matter, the window shows the running service if there is one, as
// chronyc talks to the running chronyd: a second engine beside it would poll the same servers
// and find the NTP port taken. A socket closed to us counts: the window then says how to get in.
bool serviceToShow(const s1::LaunchOptions &options)
{
    if (s1::windowSourceChosen(options))
        return false;
    const s1::ProbeResult probe = s1::probeService(s1::control::kDefaultSocketPath);
    switch (probe.outcome) {
    case s1::ProbeOutcome::Answers:
        qCInfo(lcService) << "a service answers on" << s1::control::kDefaultSocketPath
                          << "- showing it (--in-process: run an engine in the window instead)";
        return true;
    case s1::ProbeOutcome::Denied:
        qCInfo(lcService).noquote() << "a service's socket is there but closed to us:" << probe.detail.c_str()
                                    << "- showing it anyway (--in-process: run an engine in the window instead)";
        return true;
    case s1::ProbeOutcome::Absent:
        break;
    }
    qCDebug(lcService).noquote() << "no service to attach to:" << probe.detail.c_str();
    return false;
}

int runWindow(QApplication &app, const s1::LaunchOptions &options, const s1::EngineConfig &config)
{
    s1::HostOptions host = s1::hostOptionsFor(options);
    // A window is a viewer: it may run beside the service, and must never fight it for the clock.
    host.clockControl = false;
    // Only the service drops root (ServiceRunner): say so rather than ignore the directive.
    if (config.user != s1::kDefaultUser && ::geteuid() == 0)
        qCWarning(lcService).noquote() << "`user" << config.user.c_str()
                                       << "` is for the service: this window and its engine run as root";
    s1::InProcessEngine engine(options, config, host);
    return runWindowWith(app, options, engine);
}

int runSimulation(QApplication &app, const s1::LaunchOptions &options)
{
    s1::SimulationHost simulation(s1::sim::demoScenario(), options.seed != 0 ? options.seed : 1);
    s1::LaunchOptions simulated = options;
    simulated.noClockControl = true; // a simulated clock is all there is
    s1::SimulationFeed feed(simulation);
    return runWindowWith(app, simulated, feed);
}

// Modes that must not need a display: the daemon, and the ones that only print and exit.
bool wantsHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--service" || arg == "--check-config" || arg.startsWith("--check-config=") || arg == "-p"
            || arg == "-h" || arg == "--help" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    // The daemon must not need a display: pick the application class before parsing.
    std::unique_ptr<QCoreApplication> app;
    if (wantsHeadless(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stratumone"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stratum One"));
    QCoreApplication::setApplicationVersion(QStringLiteral(S1_VERSION));

    s1::installTranslations(app.get(), QLocale());

    const s1::LaunchParse parse = s1::parseLaunchOptions(QCoreApplication::arguments(), s1::LaunchProgram::Application);
    if (!parse.options)
        return parse.exitCode;
    s1::setDebugLogging(parse.options->debug);
    if (!parse.options->checkConfigPath.empty())
        return s1::checkConfiguration(parse.options->checkConfigPath);
    if (parse.options->printConfig)
        return s1::printConfiguration(*parse.options);
    if (parse.options->attach)
        return runAttached(static_cast<QApplication &>(*app), *parse.options, parse.options->attachSocket);
    if (parse.options->simulate && !parse.options->service)
        return runSimulation(static_cast<QApplication &>(*app), *parse.options);
    if (!parse.options->service && serviceToShow(*parse.options))
        return runAttached(static_cast<QApplication &>(*app), *parse.options, s1::control::kDefaultSocketPath);
    if (parse.options->service) {
        // Without the window's libraries the service's resident memory is less than half.
        const std::string why = s1::execLeanService(argv);
        qCWarning(lcService).noquote() << "running the service in this process, with the window's libraries mapped:"
                                       << why.c_str();
    }
    const auto config = s1::loadConfiguration(*parse.options);
    if (!config)
        return 1;
    if (parse.options->service)
        return s1::runService(*app, *parse.options, *config);
    return runWindow(static_cast<QApplication &>(*app), *parse.options, *config);
}
