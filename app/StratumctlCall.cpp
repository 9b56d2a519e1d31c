#include "StratumctlCall.h"

#include <cstdio>

namespace s1 {

bool connectToService(ControlClient &client, const StratumctlOptions &options, std::string &error)
{
    return options.remoteHost.empty() ? client.connectTo(options.socketPath, error)
                                      : client.connectToHost(options.remoteHost, options.remotePort, error);
}

int printFailure(const QString &message, int code)
{
    std::fprintf(stderr, "stratumctl: %s\n", qPrintable(message));
    return code;
}

} // namespace s1
