// `user NAME`: the drop's order and outcome against a fake kernel. The real calls are proven in
// tests/integration/tst_privileges, in a service started as root.
#include "process/PrivilegeDrop.h"

#include <QtTest>

#include <cerrno>
#include <map>

using namespace s1;

namespace {

constexpr uid_t kRoot = 0;
constexpr uid_t kServiceUid = 120;
constexpr gid_t kServiceGid = 130;
constexpr gid_t kDialout = 20;

class FakeCredentials final : public CredentialsApi
{
public:
    uid_t euid = kRoot;
    std::map<std::string, UserAccount> users{{"root", {"root", 0, 0}},
                                             {"_stratumone", {"_stratumone", kServiceUid, kServiceGid}}};
    std::string failingCall; // the call that returns EPERM
    bool keepCaps = false;
    // Every call, in order, with its argument.
    QStringList calls;
    std::vector<gid_t> groups;
    std::vector<Capability> capabilities{Capability::SysTime, Capability::NetBindService};
    // Held besides those two, by name (a unit's start-up capabilities).
    std::vector<std::string> otherCapabilities;

    uid_t effectiveUid() const override { return euid; }
    std::vector<std::string> permittedCapabilities() const override
    {
        std::vector<std::string> names = otherCapabilities;
        for (Capability c : capabilities)
            names.push_back(capabilityName(c));
        return names;
    }
    std::optional<UserAccount> findUser(const std::string &name, std::string &error) const override
    {
        const auto it = users.find(name);
        if (it == users.end()) {
            error = "there is no user '" + name + "'";
            return std::nullopt;
        }
        return it->second;
    }
    std::vector<gid_t> groupsOf(const UserAccount &account) const override { return {account.gid, kDialout}; }
    int setGroups(const std::vector<gid_t> &g) override
    {
        calls << QStringLiteral("setgroups %1").arg(g.size());
        if (fails("setgroups"))
            return EPERM;
        groups = g;
        return 0;
    }
    int setGid(gid_t gid) override
    {
        calls << QStringLiteral("setgid %1").arg(gid);
        return fails("setgid") ? EPERM : 0;
    }
    int keepCapabilitiesAcrossSetUid(bool keep) override
    {
        calls << QStringLiteral("keepcaps %1").arg(keep);
        if (fails("keepcaps"))
            return EPERM;
        keepCaps = keep;
        return 0;
    }
    int setUid(uid_t uid) override
    {
        calls << QStringLiteral("setuid %1").arg(uid);
        if (fails("setuid"))
            return EPERM;
        euid = uid;
        // The kernel's rule: without PR_SET_KEEPCAPS a change away from uid 0 clears them all.
        if (!keepCaps)
            capabilities.clear();
        return 0;
    }
    int setCapabilities(const std::vector<Capability> &keep) override
    {
        calls << QStringLiteral("capset %1").arg(keep.size());
        if (fails("capset"))
            return EPERM;
        capabilities = keep;
        otherCapabilities.clear();
        return 0;
    }

private:
    bool fails(const char *call) const { return failingCall == call; }
};

} // namespace

class TestPrivilegeDrop : public QObject
{
    Q_OBJECT
private slots:
    void dropsToTheUserWithItsGroupsInOrder();
    void keepsClockCapabilityOnlyWhenSteeringTheClock();
    void nothingToDropWhenNotRootOrUserIsRoot();
    void unknownUserIsAnErrorEvenWithoutRoot();
    void notRootGivesUpTheCapabilitiesItDoesNotKeep();
    void notRootKeepsOnlyWhatItHeld();
    void aFailedCallStopsTheDrop_data();
    void aFailedCallStopsTheDrop();
};

void TestPrivilegeDrop::dropsToTheUserWithItsGroupsInOrder()
{
    FakeCredentials api;
    const PrivilegeDropResult r = dropPrivileges(api, "_stratumone", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::Dropped);
    // Groups before the uid (no right to change them afterwards); caps kept across setuid, then
    // narrowed, then the keep flag cleared.
    QCOMPARE(api.calls, QStringList({"setgroups 2", QStringLiteral("setgid %1").arg(kServiceGid), "keepcaps 1",
                                     QStringLiteral("setuid %1").arg(kServiceUid), "capset 2", "keepcaps 0"}));
    QCOMPARE(api.groups, std::vector<gid_t>({kServiceGid, kDialout}));
    QCOMPARE(api.euid, kServiceUid);
    QCOMPARE(r.account.uid, kServiceUid);
    QCOMPARE(r.message, std::string("running as user _stratumone (uid 120, gid 130) with CAP_SYS_TIME, "
                                    "CAP_NET_BIND_SERVICE"));
}

void TestPrivilegeDrop::keepsClockCapabilityOnlyWhenSteeringTheClock()
{
    FakeCredentials api;
    const PrivilegeDropResult r = dropPrivileges(api, "_stratumone", false);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::Dropped);
    QCOMPARE(api.capabilities, std::vector<Capability>({Capability::NetBindService}));
    QVERIFY(QString::fromStdString(r.message).endsWith("with CAP_NET_BIND_SERVICE"));
    QCOMPARE(capabilitiesToKeep(true), std::vector<Capability>({Capability::SysTime, Capability::NetBindService}));
}

void TestPrivilegeDrop::nothingToDropWhenNotRootOrUserIsRoot()
{
    FakeCredentials notRoot;
    notRoot.euid = 1000;
    PrivilegeDropResult r = dropPrivileges(notRoot, "_stratumone", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::NotNeeded);
    QVERIFY(notRoot.calls.isEmpty());
    QCOMPARE(r.message, std::string("not started as root: running as uid 1000, `user _stratumone` is not needed"));

    FakeCredentials root;
    r = dropPrivileges(root, "root", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::NotNeeded);
    QVERIFY(root.calls.isEmpty());
    QCOMPARE(root.euid, kRoot);
}

void TestPrivilegeDrop::unknownUserIsAnErrorEvenWithoutRoot()
{
    FakeCredentials api;
    api.euid = 1000;
    const PrivilegeDropResult r = dropPrivileges(api, "_chrony", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::Failed);
    QCOMPARE(r.message, std::string("user _chrony: there is no user '_chrony'"));
    QVERIFY(api.calls.isEmpty());
}

void TestPrivilegeDrop::notRootGivesUpTheCapabilitiesItDoesNotKeep()
{
    // The packaged unit's user, started with what PrivilegedDevices needs; with -x it does not
    // steer the clock, so CAP_SYS_TIME goes too.
    FakeCredentials api;
    api.euid = kServiceUid;
    api.otherCapabilities = {"CAP_DAC_OVERRIDE", "CAP_NET_ADMIN"};
    PrivilegeDropResult r = dropPrivileges(api, "_stratumone", false);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::CapabilitiesDropped);
    QCOMPARE(api.calls, QStringList({"capset 1"}));
    QCOMPARE(api.capabilities, std::vector<Capability>({Capability::NetBindService}));
    QVERIFY(api.otherCapabilities.empty());
    QCOMPARE(api.euid, kServiceUid);
    QCOMPARE(r.capabilities, std::vector<Capability>({Capability::NetBindService}));
    QCOMPARE(r.message, std::string("not started as root: running as uid 120, `user _stratumone` is not needed; "
                                    "gave up CAP_DAC_OVERRIDE, CAP_NET_ADMIN, CAP_SYS_TIME, running with "
                                    "CAP_NET_BIND_SERVICE"));

    // Nothing more to give up: no call the second time.
    api.calls.clear();
    r = dropPrivileges(api, "_stratumone", false);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::NotNeeded);
    QVERIFY(api.calls.isEmpty());

    FakeCredentials failing;
    failing.euid = kServiceUid;
    failing.otherCapabilities = {"CAP_NET_ADMIN"};
    failing.failingCall = "capset";
    r = dropPrivileges(failing, "_stratumone", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::Failed);
    QCOMPARE(r.message, std::string("cannot give up CAP_NET_ADMIN (uid 120): capset failed: ") + strerror(EPERM));
}

void TestPrivilegeDrop::notRootKeepsOnlyWhatItHeld()
{
    // capset cannot add a capability that is not permitted: the kept set is what it held of ours.
    FakeCredentials api;
    api.euid = kServiceUid;
    api.capabilities = {Capability::NetBindService};
    api.otherCapabilities = {"CAP_NET_ADMIN"};
    const PrivilegeDropResult r = dropPrivileges(api, "_stratumone", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::CapabilitiesDropped);
    QCOMPARE(api.capabilities, std::vector<Capability>({Capability::NetBindService}));
    QVERIFY(QString::fromStdString(r.message).endsWith("gave up CAP_NET_ADMIN, running with CAP_NET_BIND_SERVICE"));
}

void TestPrivilegeDrop::aFailedCallStopsTheDrop_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("callsMade");
    QTest::newRow("setgroups") << "setgroups" << 1;
    QTest::newRow("setgid") << "setgid" << 2;
    QTest::newRow("keepcaps") << "keepcaps" << 3;
    QTest::newRow("setuid") << "setuid" << 4;
    QTest::newRow("capset") << "capset" << 5;
}

void TestPrivilegeDrop::aFailedCallStopsTheDrop()
{
    QFETCH(QString, call);
    QFETCH(int, callsMade);
    FakeCredentials api;
    api.failingCall = call.toStdString();
    const PrivilegeDropResult r = dropPrivileges(api, "_stratumone", true);
    QCOMPARE(r.outcome, PrivilegeDropResult::Outcome::Failed);
    QCOMPARE(api.calls.size(), callsMade);
    QVERIFY2(QString::fromStdString(r.message).startsWith("cannot run as user '_stratumone': "), r.message.c_str());
    QVERIFY2(QString::fromStdString(r.message).contains(strerror(EPERM)), r.message.c_str());
}

QTEST_GUILESS_MAIN(TestPrivilegeDrop)
#include "tst_privilegedrop.moc"
