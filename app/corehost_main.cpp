// `stratumone-core-host`: the engine in a plain poll() loop (see host/PlainHost.h).
#include "LaunchOptions.h"
#include "UnixSignalWatcher.h"

#include "host/PlainHost.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

int main(int argc, char **argv)
{
    // No QCoreApplication: nothing here may depend on a Qt event loop.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const s1::LaunchParse parse = s1::parseLaunchOptions(arguments, s1::LaunchProgram::CoreHost);
    if (!parse.options)
        return parse.exitCode;
    const auto config = s1::loadConfiguration(*parse.options);
    if (!config)
        return 1;

    s1::PlainHostOptions plain;
    plain.reportInterval = parse.options->reportInterval;
    plain.report = stdout;
    plain.duration = parse.options->duration;
    plain.stopRequested = s1::installStopFlag();
    s1::PlainHost host(*config, s1::hostOptionsFor(*parse.options), plain);
    return host.run();
}
