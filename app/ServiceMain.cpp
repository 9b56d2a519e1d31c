#include "ServiceMain.h"

#include "ServiceRunner.h"
#include "UnixSignalWatcher.h"
#include "logging/LogCategories.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <array>
#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace s1 {

namespace {

constexpr const char *kLeanServiceName = "stratumone-service";
constexpr std::size_t kMaxPathBytes = 4096;

} // namespace

int runService(QCoreApplication &app, const LaunchOptions &options, const EngineConfig &config)
{
    ServiceRunner service(options, config);
    UnixSignalWatcher signalWatcher;
    signalWatcher.install();
    int exitCode = 0;
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&app](int signalNumber) {
        qCInfo(lcService) << "signal" << signalNumber << "received, stopping";
        app.quit();
    });
    QObject::connect(&signalWatcher, &UnixSignalWatcher::hangup, &service, [&service] {
        qCInfo(lcService) << "SIGHUP received, reloading the configuration";
        service.reload();
    });
    QObject::connect(&service, &ServiceRunner::fatal, &app, [&](int code) {
        exitCode = code;
        app.quit();
    });
    if (!service.start())
        return 1;
    const int loopCode = app.exec();
    service.stop();
    qCInfo(lcService) << "stopped";
    return exitCode != 0 ? exitCode : loopCode;
}

std::string execLeanService(char **argv)
{
    std::array<char, kMaxPathBytes> self{};
    const ssize_t length = ::readlink("/proc/self/exe", self.data(), self.size() - 1);
    if (length <= 0)
        return std::string("cannot read /proc/self/exe: ") + std::strerror(errno);
    const std::string exe(self.data(), static_cast<std::size_t>(length));
    // Beside this executable (the build tree), else where the package installs it
    // (/usr/bin/../libexec/stratumone).
    const std::string directory = exe.substr(0, exe.rfind('/') + 1);
    std::string path = directory + kLeanServiceName;
#ifdef S1_LIBEXEC_FROM_BIN
    if (::access(path.c_str(), X_OK) != 0)
        path = directory + S1_LIBEXEC_FROM_BIN + "/" + kLeanServiceName;
#endif
    if (::access(path.c_str(), X_OK) != 0)
        return path + ": " + std::strerror(errno);
    ::execv(path.c_str(), argv);
    return "cannot run " + path + ": " + std::strerror(errno);
}

} // namespace s1
