// The real credential calls (getpwnam_r, getgrouplist, setgroups, setgid, setuid, prctl, and
// libcap for the capability sets). The only code that changes who this process runs as.
#pragma once

#include "process/CredentialsApi.h"

namespace s1 {

class SystemCredentialsApi final : public CredentialsApi
{
public:
    uid_t effectiveUid() const override;
    std::vector<std::string> permittedCapabilities() const override;
    std::optional<UserAccount> findUser(const std::string &name, std::string &error) const override;
    std::vector<gid_t> groupsOf(const UserAccount &account) const override;
    int setGroups(const std::vector<gid_t> &groups) override;
    int setGid(gid_t gid) override;
    int keepCapabilitiesAcrossSetUid(bool keep) override;
    int setUid(uid_t uid) override;
    int setCapabilities(const std::vector<Capability> &keep) override;
};

} // namespace s1
