#include "process/SyscallFilter.h"

#ifdef S1_HAVE_LIBSECCOMP
#include <seccomp.h>

#include <sched.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>
#endif

namespace s1 {

bool SyscallFilter::available()
{
#ifdef S1_HAVE_LIBSECCOMP
    return true;
#else
    return false;
#endif
}

std::string SyscallFilter::unavailableReason()
{
    return "-F: this build has no system call filter (libseccomp was not found when it was built; "
           "Debian: libseccomp-dev)";
}

#ifdef S1_HAVE_LIBSECCOMP

namespace {

struct ContextDeleter
{
    void operator()(void *context) const { seccomp_release(context); }
};
using Context = std::unique_ptr<void, ContextDeleter>;

std::uint32_t seccompAction(const SyscallFilterPolicy &policy, SyscallAction action)
{
    switch (action) {
    case SyscallAction::Allow:
        return SCMP_ACT_ALLOW;
    case SyscallAction::Forbid:
        return policy.signalsInsteadOfKilling() ? SCMP_ACT_TRAP : SCMP_ACT_KILL_PROCESS;
    case SyscallAction::FailNoSystem:
        return SCMP_ACT_ERRNO(ENOSYS);
    }
    return SCMP_ACT_KILL_PROCESS;
}

// libseccomp returns -errno.
std::string failure(const char *what, const std::string &name, int result)
{
    return std::string("system call filter: ") + what + (name.empty() ? "" : " " + name) + ": "
           + std::strerror(-result);
}

int addRule(void *context, std::uint32_t action, int call, const SyscallArguments &arguments)
{
    std::vector<scmp_arg_cmp> compare;
    for (const SyscallArgument &a : arguments)
        compare.push_back(SCMP_CMP(a.index, SCMP_CMP_MASKED_EQ, a.mask, a.value));
    return seccomp_rule_add_array(context, action, call, static_cast<unsigned>(compare.size()), compare.data());
}

int addRule(void *context, std::uint32_t action, int call, SyscallCondition condition)
{
    const scmp_datum_t threadFlag = CLONE_THREAD;
    switch (condition) {
    case SyscallCondition::Always:
        return seccomp_rule_add(context, action, call, 0);
    case SyscallCondition::ThreadsOnly:
        return seccomp_rule_add(context, action, call, 1, SCMP_A0(SCMP_CMP_MASKED_EQ, threadFlag, threadFlag));
    case SyscallCondition::NotAThread:
        return seccomp_rule_add(context, action, call, 1, SCMP_A0(SCMP_CMP_MASKED_EQ, threadFlag, 0));
    }
    return -EINVAL;
}

} // namespace

bool SyscallFilter::install(const SyscallFilterPolicy &policy, bool clockControl, std::string &error)
{
    if (!policy.enabled())
        return true;
    const Context context(seccomp_init(seccompAction(policy, policy.defaultAction())));
    if (!context) {
        error = "system call filter: seccomp_init failed";
        return false;
    }
    // Every thread already running gets the filter too, not only the one installing it.
    if (const int r = seccomp_attr_set(context.get(), SCMP_FLTATR_CTL_TSYNC, 1); r < 0) {
        error = failure("cannot filter every thread", {}, r);
        return false;
    }
    for (const SyscallGroup &group : policy.groups(clockControl)) {
        const std::uint32_t action = seccompAction(policy, group.action);
        for (const char *name : group.calls) {
            const int call = seccomp_syscall_resolve_name(name);
            // A name this architecture lacks (open, poll, fork on arm64): nothing to allow or forbid.
            if (call == __NR_SCMP_ERROR)
                continue;
            int r = 0;
            if (group.permitted.empty())
                r = addRule(context.get(), action, call, group.condition);
            for (auto it = group.permitted.begin(); r >= 0 && it != group.permitted.end(); ++it)
                r = addRule(context.get(), action, call, *it);
            if (r < 0) {
                error = failure("cannot add a rule for", name, r);
                return false;
            }
        }
    }
    if (const int r = seccomp_load(context.get()); r < 0) {
        error = failure("the kernel refused the filter", {}, r);
        return false;
    }
    return true;
}

#else

bool SyscallFilter::install(const SyscallFilterPolicy &policy, bool, std::string &error)
{
    if (!policy.enabled())
        return true;
    error = unavailableReason();
    return false;
}

#endif

} // namespace s1
