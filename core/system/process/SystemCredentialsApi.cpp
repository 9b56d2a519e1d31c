#include "process/SystemCredentialsApi.h"

#include <grp.h>
#include <pwd.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>

namespace s1 {

namespace {

// getpwnam_r's buffer when sysconf cannot say (bytes); grown on ERANGE.
constexpr long kDefaultPasswdBuffer = 1024;
constexpr std::size_t kMaxPasswdBuffer = 1 << 20;
// Groups asked for at first; getgrouplist says how many there are when it is too few.
constexpr int kInitialGroupCount = 32;

cap_value_t capabilityValue(Capability capability)
{
    switch (capability) {
    case Capability::SysTime:
        return CAP_SYS_TIME;
    case Capability::NetBindService:
        return CAP_NET_BIND_SERVICE;
    }
    return CAP_SYS_TIME;
}

struct CapFree
{
    void operator()(cap_t caps) const { cap_free(caps); }
};

int errnoOr(int result)
{
    return result == 0 ? 0 : (errno != 0 ? errno : EPERM);
}

} // namespace

uid_t SystemCredentialsApi::effectiveUid() const
{
    return ::geteuid();
}

std::vector<std::string> SystemCredentialsApi::permittedCapabilities() const
{
    std::vector<std::string> names;
    const std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree> caps(cap_get_proc());
    if (!caps)
        return names;
    for (cap_value_t value = 0; value <= CAP_LAST_CAP; ++value) {
        cap_flag_value_t set = CAP_CLEAR;
        if (cap_get_flag(caps.get(), value, CAP_PERMITTED, &set) != 0 || set != CAP_SET)
            continue;
        char *name = cap_to_name(value);
        std::string text = name ? name : "CAP_" + std::to_string(value);
        cap_free(name);
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
        names.push_back(std::move(text));
    }
    return names;
}

std::optional<UserAccount> SystemCredentialsApi::findUser(const std::string &name, std::string &error) const
{
    const long suggested = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::size_t size = static_cast<std::size_t>(suggested > 0 ? suggested : kDefaultPasswdBuffer);
    for (;;) {
        std::vector<char> buffer(size);
        passwd entry{};
        passwd *found = nullptr;
        const int rc = ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
        if (rc == ERANGE && size < kMaxPasswdBuffer) {
            size *= 2;
            continue;
        }
        if (rc != 0) {
            error = "cannot look up user '" + name + "': " + std::strerror(rc);
            return std::nullopt;
        }
        if (!found) {
            error = "there is no user '" + name + "'";
            return std::nullopt;
        }
        return UserAccount{name, entry.pw_uid, entry.pw_gid};
    }
}

std::vector<gid_t> SystemCredentialsApi::groupsOf(const UserAccount &account) const
{
    int count = kInitialGroupCount;
    std::vector<gid_t> groups(static_cast<std::size_t>(count));
    if (::getgrouplist(account.name.c_str(), account.gid, groups.data(), &count) < 0) {
        groups.resize(static_cast<std::size_t>(count));
        if (::getgrouplist(account.name.c_str(), account.gid, groups.data(), &count) < 0)
            return {account.gid};
    }
    groups.resize(static_cast<std::size_t>(count));
    return groups;
}

int SystemCredentialsApi::setGroups(const std::vector<gid_t> &groups)
{
    return errnoOr(::setgroups(groups.size(), groups.data()));
}

int SystemCredentialsApi::setGid(gid_t gid)
{
    return errnoOr(::setresgid(gid, gid, gid));
}

int SystemCredentialsApi::keepCapabilitiesAcrossSetUid(bool keep)
{
    return errnoOr(::prctl(PR_SET_KEEPCAPS, keep ? 1UL : 0UL, 0UL, 0UL, 0UL));
}

int SystemCredentialsApi::setUid(uid_t uid)
{
    return errnoOr(::setresuid(uid, uid, uid));
}

int SystemCredentialsApi::setCapabilities(const std::vector<Capability> &keep)
{
    const std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree> caps(cap_init());
    if (!caps)
        return errnoOr(-1);
    std::vector<cap_value_t> values;
    for (Capability c : keep)
        values.push_back(capabilityValue(c));
    if (!values.empty()) {
        const int n = static_cast<int>(values.size());
        if (cap_set_flag(caps.get(), CAP_PERMITTED, n, values.data(), CAP_SET) != 0
            || cap_set_flag(caps.get(), CAP_EFFECTIVE, n, values.data(), CAP_SET) != 0)
            return errnoOr(-1);
    }
    if (cap_set_proc(caps.get()) != 0)
        return errnoOr(-1);
    // Ambient capabilities would survive an exec (alarmcommand, say): none.
    return errnoOr(cap_reset_ambient());
}

} // namespace s1
