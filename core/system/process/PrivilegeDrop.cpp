#include "process/PrivilegeDrop.h"

#include "config/EngineConfig.h"

#include <algorithm>
#include <cstring>

namespace s1 {

namespace {

constexpr uid_t kRootUid = 0;

PrivilegeDropResult failed(std::string message)
{
    PrivilegeDropResult result;
    result.outcome = PrivilegeDropResult::Outcome::Failed;
    result.message = std::move(message);
    return result;
}

std::string callFailed(const char *call, const UserAccount &account, int error)
{
    return std::string("cannot run as user '") + account.name + "': " + call + " failed: " + std::strerror(error);
}

std::string join(const std::vector<std::string> &items)
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text;
}

std::string capabilityList(const std::vector<Capability> &caps)
{
    std::vector<std::string> names;
    for (Capability c : caps)
        names.push_back(capabilityName(c));
    return names.empty() ? "no capabilities" : join(names);
}

// Not root: the capabilities beyond those kept go, the user stays.
PrivilegeDropResult dropCapabilities(CredentialsApi &api, PrivilegeDropResult result, const std::string &user,
                                     bool clockControl)
{
    const std::string uid = std::to_string(api.effectiveUid());
    // `user root` is chronyd's default, there when nothing was asked for.
    result.message = "not started as root: running as uid " + uid
                     + (user == kDefaultUser ? std::string() : ", `user " + user + "` is not needed");
    const std::vector<std::string> held = api.permittedCapabilities();
    std::vector<Capability> keep;
    for (Capability c : capabilitiesToKeep(clockControl))
        if (std::find(held.begin(), held.end(), capabilityName(c)) != held.end())
            keep.push_back(c);
    std::vector<std::string> given;
    for (const std::string &name : held)
        if (std::none_of(keep.begin(), keep.end(), [&](Capability c) { return name == capabilityName(c); }))
            given.push_back(name);
    if (given.empty())
        return result;
    if (const int e = api.setCapabilities(keep))
        return failed("cannot give up " + join(given) + " (uid " + uid + "): capset failed: " + std::strerror(e));
    result.outcome = PrivilegeDropResult::Outcome::CapabilitiesDropped;
    result.capabilities = keep;
    result.message += "; gave up " + join(given) + ", running with " + capabilityList(keep);
    return result;
}

} // namespace

const char *capabilityName(Capability capability)
{
    switch (capability) {
    case Capability::SysTime:
        return "CAP_SYS_TIME";
    case Capability::NetBindService:
        return "CAP_NET_BIND_SERVICE";
    }
    return "?";
}

std::vector<Capability> capabilitiesToKeep(bool clockControl)
{
    std::vector<Capability> keep;
    if (clockControl)
        keep.push_back(Capability::SysTime);
    keep.push_back(Capability::NetBindService);
    return keep;
}

PrivilegeDropResult dropPrivileges(CredentialsApi &api, const std::string &user, bool clockControl)
{
    // As chronyd: a user that does not exist is an error even when there is nothing to drop,
    // so that a mistyped name is found before the service is ever started as root.
    std::string error;
    const std::optional<UserAccount> account = api.findUser(user, error);
    if (!account)
        return failed("user " + user + ": " + error);

    PrivilegeDropResult result;
    result.account = *account;
    if (api.effectiveUid() != kRootUid)
        return dropCapabilities(api, std::move(result), user, clockControl);
    if (account->uid == kRootUid && account->gid == 0) {
        result.message = "running as root (user " + user + ")";
        return result;
    }

    // Groups and group ID first: after setuid there are no rights left to change them.
    result.groups = api.groupsOf(*account);
    if (const int e = api.setGroups(result.groups))
        return failed(callFailed("setgroups", *account, e));
    if (const int e = api.setGid(account->gid))
        return failed(callFailed("setgid", *account, e));
    if (const int e = api.keepCapabilitiesAcrossSetUid(true))
        return failed(callFailed("prctl(PR_SET_KEEPCAPS)", *account, e));
    if (const int e = api.setUid(account->uid))
        return failed(callFailed("setuid", *account, e));
    result.capabilities = capabilitiesToKeep(clockControl);
    if (const int e = api.setCapabilities(result.capabilities))
        return failed(callFailed("capset", *account, e));
    // The flag would let a later setuid keep them too: there is none, but leave nothing behind.
    if (const int e = api.keepCapabilitiesAcrossSetUid(false))
        return failed(callFailed("prctl(PR_SET_KEEPCAPS)", *account, e));
    if (api.effectiveUid() != account->uid)
        return failed("cannot run as user '" + user + "': still uid " + std::to_string(api.effectiveUid()));

    result.outcome = PrivilegeDropResult::Outcome::Dropped;
    result.message = "running as user " + user + " (uid " + std::to_string(account->uid) + ", gid "
                     + std::to_string(account->gid) + ") with " + capabilityList(result.capabilities);
    return result;
}

} // namespace s1
