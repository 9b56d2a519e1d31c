// The process-credential calls a privilege drop makes, behind a seam: the real one changes this
// process for good, so tests drive the drop's logic with a fake and prove the real calls only in
// a service started as root (tests/integration/tst_privileges).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// The capabilities the service may keep after it stops being root (chronyd's set).
enum class Capability : std::uint8_t {
    SysTime,        // CAP_SYS_TIME: steering and stepping the system clock
    NetBindService, // CAP_NET_BIND_SERVICE: binding port 123 again when a reload restarts the engine
};

const char *capabilityName(Capability capability);

struct UserAccount
{
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0; // the primary group
};

class CredentialsApi
{
public:
    virtual ~CredentialsApi() = default;

    virtual uid_t effectiveUid() const = 0;
    // The names of the capabilities in the permitted set ("CAP_NET_ADMIN", as capabilityName
    // spells ours), in the kernel's order.
    virtual std::vector<std::string> permittedCapabilities() const = 0;
    // The account `name`; nullopt with `error` in words when there is none or the lookup failed.
    virtual std::optional<UserAccount> findUser(const std::string &name, std::string &error) const = 0;
    // The groups the account belongs to (/etc/group, as initgroups reads it), its primary group first.
    virtual std::vector<gid_t> groupsOf(const UserAccount &account) const = 0;

    // Each returns 0 or the errno of the failed call.
    virtual int setGroups(const std::vector<gid_t> &groups) = 0;
    virtual int setGid(gid_t gid) = 0;
    // Keeps the permitted capabilities across the coming setUid (prctl PR_SET_KEEPCAPS).
    virtual int keepCapabilitiesAcrossSetUid(bool keep) = 0;
    // All threads' user IDs (glibc applies setuid to every thread of the process).
    virtual int setUid(uid_t uid) = 0;
    // Permitted and effective sets become exactly `keep`; inheritable and ambient become empty.
    // Threads started afterwards from this thread inherit them.
    virtual int setCapabilities(const std::vector<Capability> &keep) = 0;
};

} // namespace s1
