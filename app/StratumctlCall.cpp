#include "StratumctlCall.h"

#include <cstdio>

namespace s1 {

int printFailure(const QString &message, int code)
{
    std::fprintf(stderr, "stratumctl: %s\n", qPrintable(message));
    return code;
}

} // namespace s1
