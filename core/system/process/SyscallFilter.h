// Installs a SyscallFilterPolicy with libseccomp: for every thread of the process (TSYNC) and
// for the threads they start, for good. Built without libseccomp, it says so instead.
#pragma once

#include "process/SyscallFilterPolicy.h"

#include <string>

namespace s1 {

class SyscallFilter
{
public:
    // Whether this build can filter system calls (libseccomp was found when it was built).
    static bool available();
    // What to tell someone who asked for -F in a build without it.
    static std::string unavailableReason();

    // Installs `policy` (nothing at level 0). False with `error` in words when the kernel or
    // libseccomp refused; then nothing was installed.
    static bool install(const SyscallFilterPolicy &policy, bool clockControl, std::string &error);
};

} // namespace s1
