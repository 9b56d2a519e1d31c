// `stratumone-service`: the headless daemon alone, without the window's libraries, so that a
// server's resident memory is the engine's and Qt Core's. `stratumone --service` runs it (the
// same arguments); started directly it also needs --service, so that both spell the same thing.
#include "LaunchOptions.h"
#include "ServiceMain.h"

#include "AppTranslations.h"

#include <QCoreApplication>
#include <QLocale>

#include <cstdio>

namespace {

// Qt's own poll()-based event loop instead of glib's, in this thread and in every thread Qt
// starts (each reads the variable when it makes its dispatcher): the service needs nothing of
// glib's main context, and running it left about 0.2 MB more of glib's and Qt's code resident
// (tests/bench/README.md). Qt Core still loads glib; only its event loop stays unused. The
// alarm command inherits the variable, which only a Qt program would notice.
void useQtsOwnEventLoop()
{
    qputenv("QT_NO_GLIB", "1");
}

} // namespace

int main(int argc, char **argv)
{
    useQtsOwnEventLoop(); // before QCoreApplication makes the main thread's dispatcher
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stratumone"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stratum One"));
    QCoreApplication::setApplicationVersion(QStringLiteral(S1_VERSION));
    s1::installTranslations(&app, QLocale());

    const s1::LaunchParse parse = s1::parseLaunchOptions(QCoreApplication::arguments(), s1::LaunchProgram::Application);
    if (!parse.options)
        return parse.exitCode;
    s1::setDebugLogging(parse.options->debug);
    if (!parse.options->service || parse.options->attach || !parse.options->checkConfigPath.empty()
        || parse.options->printConfig) {
        std::fprintf(stderr, "stratumone-service runs the service only: start it as `stratumone --service [options]`; "
                             "everything else is `stratumone`'s\n");
        return 2;
    }
    const auto config = s1::loadConfiguration(*parse.options);
    if (!config)
        return 1;
    return s1::runService(app, *parse.options, *config);
}
