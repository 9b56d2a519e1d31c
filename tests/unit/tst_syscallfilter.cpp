// -F LEVEL: the levels' meaning and lists (pure), and the installed filter for real in forked
// children, which then make an allowed call, a forbidden one, a thread and a fork: a level-1
// filter kills at a call it does not list, a negative level sends SIGSYS instead, level 2
// forbids forks and programs and allows the rest. The parent is never filtered.
#include "process/SyscallFilter.h"
#include "process/SyscallFilterPolicy.h"

#include <QtTest>

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <set>
#include <thread>

using namespace s1;

namespace {

// The exit codes of a filtered child.
constexpr int kChildDone = 0;
constexpr int kChildCaughtSigsys = 42;
constexpr int kChildFilterFailed = 43;
constexpr int kChildCallFailed = 44;

void exitOnSigsys(int)
{
    _exit(kChildCaughtSigsys);
}

// How a child ended: its exit code, or the signal that killed it.
struct ChildEnd
{
    bool exited = false;
    int code = -1;
    int signal = 0;
};

// Forks; the child installs `level`'s filter, runs `body` and exits with what it returns.
ChildEnd runFiltered(int level, bool clockControl, const std::function<int()> &body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        // A forbidden call dumps core like any SIGSYS: not in the test's directory.
        const rlimit noCore{0, 0};
        ::setrlimit(RLIMIT_CORE, &noCore);
        ::signal(SIGSYS, exitOnSigsys);
        std::string error;
        const auto policy = SyscallFilterPolicy::fromLevel(level, error);
        if (!policy || !SyscallFilter::install(*policy, clockControl, error))
            _exit(kChildFilterFailed);
        _exit(body());
    }
    ChildEnd end;
    int status = 0;
    if (pid < 0 || ::waitpid(pid, &status, 0) != pid)
        return end;
    end.exited = WIFEXITED(status);
    end.code = end.exited ? WEXITSTATUS(status) : -1;
    end.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return end;
}

// Calls the service makes, a thread included: all must work under the filter.
int ordinaryWork()
{
    int fds[2];
    if (::pipe2(fds, 0) != 0)
        return kChildCallFailed;
    const char byte = 'x';
    char back = 0;
    bool threadRan = false;
    std::thread thread([&] { threadRan = ::write(fds[1], &byte, 1) == 1; });
    thread.join();
    if (!threadRan || ::read(fds[0], &back, 1) != 1 || back != byte)
        return kChildCallFailed;
    ::close(fds[0]);
    ::close(fds[1]);
    return kChildDone;
}

// chdir: nothing in the service calls it, so level 1 does not list it.
int unlistedCall()
{
    return ::chdir("/") == 0 ? kChildDone : kChildCallFailed;
}

// Reads the kernel clock's state (modes 0: nothing changes).
int readKernelClock()
{
    timex tx{};
    return ::adjtimex(&tx) >= 0 ? kChildDone : kChildCallFailed;
}

int forkAChild()
{
    const pid_t pid = ::fork();
    if (pid == 0)
        _exit(kChildDone);
    return pid > 0 && ::waitpid(pid, nullptr, 0) == pid ? kChildDone : kChildCallFailed;
}

int runAProgram()
{
    char *const argv[] = {const_cast<char *>("/bin/true"), nullptr};
    ::execv("/bin/true", argv);
    return kChildCallFailed;
}

// The argument checks: what the service does passes...
int permittedArguments()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    int pending = 0;
    const bool ok = fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0
                    && ::setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &on, sizeof on) == 0
                    && ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0
                    && ::ioctl(fd, FIONREAD, &pending) == 0;
    ::close(fd);
    return ok ? kChildDone : kChildCallFailed;
}

// ... and each of these kills.
int packetSocket()
{
    return ::socket(AF_PACKET, SOCK_RAW, 0) >= 0 ? kChildDone : kChildCallFailed;
}

int netfilterOption()
{
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    constexpr int kIptSoSetReplace = 64; // linux/netfilter_ipv4/ip_tables.h
    char table[64] = {};
    return ::setsockopt(fd, IPPROTO_IP, kIptSoSetReplace, table, sizeof table) == 0 ? kChildDone : kChildCallFailed;
}

int descriptorOwner()
{
    return ::fcntl(0, F_SETOWN, ::getpid()) == 0 ? kChildDone : kChildCallFailed;
}

int terminalInjection()
{
    char c = 'x';
    return ::ioctl(0, TIOCSTI, &c) == 0 ? kChildDone : kChildCallFailed;
}

bool listed(const std::vector<std::string> &calls, const char *name)
{
    return std::find(calls.begin(), calls.end(), name) != calls.end();
}

} // namespace

class TestSyscallFilter : public QObject
{
    Q_OBJECT
private slots:
    void levelsAreChronydsAndOthersAreErrors_data();
    void levelsAreChronydsAndOthersAreErrors();
    void levelOneListsTheServicesCallsAndClockCallsOnlyWithClockControl();
    void levelTwoForbidsProgramsAndForksOnly();
    void eachCallInOneGroupOnly();
    void levelOneAllowsTheServicesWork();
    void levelOneKillsAtAnUnlistedCall();
    void levelOneChecksArguments();
    void negativeLevelSendsSigsysInstead();
    void clockCallsForbiddenWithoutClockControl();
    void levelTwoForbidsForkAndExecAllowsTheRest();
};

void TestSyscallFilter::levelsAreChronydsAndOthersAreErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("level");
    QTest::newRow("0") << "0" << true << 0;
    QTest::newRow("1") << "1" << true << 1;
    QTest::newRow("2") << "2" << true << 2;
    QTest::newRow("-1") << "-1" << true << -1;
    QTest::newRow("-2") << "-2" << true << -2;
    QTest::newRow("3") << "3" << false << 0;
    QTest::newRow("-3") << "-3" << false << 0;
    QTest::newRow("word") << "strict" << false << 0;
    QTest::newRow("empty") << "" << false << 0;
    QTest::newRow("fraction") << "1.5" << false << 0;
    QTest::newRow("trailing") << "1x" << false << 0;
}

void TestSyscallFilter::levelsAreChronydsAndOthersAreErrors()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, level);
    std::string error;
    const auto policy = SyscallFilterPolicy::fromText(text.toStdString(), error);
    QCOMPARE(policy.has_value(), valid);
    if (!valid) {
        QVERIFY2(error.starts_with("-F"), error.c_str());
        return;
    }
    QCOMPARE(policy->level(), level);
    QCOMPARE(policy->enabled(), level != 0);
    QCOMPARE(policy->signalsInsteadOfKilling(), level < 0);
    QCOMPARE(policy->allowListOnly(), level == 1 || level == -1);
    if (level == 0)
        QVERIFY(policy->groups(true).empty());
}

void TestSyscallFilter::levelOneListsTheServicesCallsAndClockCallsOnlyWithClockControl()
{
    std::string error;
    const auto policy = SyscallFilterPolicy::fromLevel(1, error);
    QVERIFY(policy);
    QCOMPARE(policy->defaultAction(), SyscallAction::Forbid);
    const std::vector<std::string> steering = policy->calls(true, SyscallAction::Allow);
    const std::vector<std::string> virtualClock = policy->calls(false, SyscallAction::Allow);
    // What the strace of a full session showed, and what the code calls directly.
    for (const char *call :
         {"poll", "ppoll", "futex", "eventfd2", "recvmmsg", "sendmsg", "recvmsg", "openat", "rename", "fsync", "ioctl",
          "accept4", "timerfd_create", "inotify_init1", "shmat", "clock_gettime", "getrandom", "exit_group", "clone"}) {
        QVERIFY2(listed(steering, call), call);
        QVERIFY2(listed(virtualClock, call), call);
    }
    for (const char *call : {"clock_adjtime", "adjtimex", "clock_settime", "settimeofday"}) {
        QVERIFY2(listed(steering, call), call);
        QVERIFY2(!listed(virtualClock, call), call);
    }
    for (const char *call : {"execve", "fork", "vfork", "ptrace", "chdir", "mount"})
        QVERIFY2(!listed(steering, call), call);
    QCOMPARE(policy->calls(true, SyscallAction::FailNoSystem), std::vector<std::string>{"clone3"});
}

void TestSyscallFilter::levelTwoForbidsProgramsAndForksOnly()
{
    std::string error;
    const auto policy = SyscallFilterPolicy::fromLevel(-2, error);
    QVERIFY(policy);
    QCOMPARE(policy->defaultAction(), SyscallAction::Allow);
    const std::vector<std::string> forbidden = policy->calls(false, SyscallAction::Forbid);
    for (const char *call : {"execve", "execveat", "fork", "vfork", "clone", "ptrace", "init_module", "mount"})
        QVERIFY2(listed(forbidden, call), call);
    QVERIFY(policy->calls(false, SyscallAction::Allow).empty());
    // clone is forbidden only as a fork: threads go on.
    for (const SyscallGroup &group : policy->groups(false)) {
        if (std::find(group.calls.begin(), group.calls.end(), std::string_view("clone")) != group.calls.end())
            QCOMPARE(group.condition, SyscallCondition::NotAThread);
    }
    QVERIFY(policy->groups(true).size() == policy->groups(false).size());
}

void TestSyscallFilter::eachCallInOneGroupOnly()
{
    for (const auto *list : {&SyscallFilterPolicy::allowList(), &SyscallFilterPolicy::denyList()}) {
        std::set<std::string> seen;
        for (const SyscallGroup &group : *list) {
            QVERIFY(group.name && *group.name);
            QVERIFY(group.why && *group.why);
            for (const char *call : group.calls)
                QVERIFY2(seen.insert(call).second, call);
        }
    }
}

void TestSyscallFilter::levelOneAllowsTheServicesWork()
{
    if (!SyscallFilter::available())
        QSKIP("built without libseccomp");
    const ChildEnd end = runFiltered(1, false, ordinaryWork);
    QVERIFY2(end.exited, qPrintable(QStringLiteral("killed by signal %1").arg(end.signal)));
    QCOMPARE(end.code, kChildDone);
}

void TestSyscallFilter::levelOneKillsAtAnUnlistedCall()
{
    if (!SyscallFilter::available())
        QSKIP("built without libseccomp");
    // Killed outright: the SIGSYS handler the child set never runs.
    const ChildEnd end = runFiltered(1, true, unlistedCall);
    QVERIFY(!end.exited);
    QCOMPARE(end.signal, SIGSYS);
}

void TestSyscallFilter::levelOneChecksArguments()
{
    if (!SyscallFilter::available())
        QSKIP("built without libseccomp");
    ChildEnd end = runFiltered(1, false, permittedArguments);
    QVERIFY2(end.exited, qPrintable(QStringLiteral("killed by signal %1").arg(end.signal)));
    QCOMPARE(end.code, kChildDone);
    // Without the filter each call gets as far as the kernel (which may refuse it): the kill
    // below is the filter's.
    for (const auto &body : {packetSocket, netfilterOption, descriptorOwner, terminalInjection}) {
        end = runFiltered(1, false, body);
        QVERIFY(!end.exited);
        QCOMPARE(end.signal, SIGSYS);
        end = runFiltered(0, false, body);
        QVERIFY(end.exited);
    }
}

void TestSyscallFilter::negativeLevelSendsSigsysInstead()
{
    if (!SyscallFilter::available())
        QSKIP("built without libseccomp");
    ChildEnd end = runFiltered(-1, true, unlistedCall);
    QVERIFY(end.exited);
    QCOMPARE(end.code, kChildCaughtSigsys);
    end = runFiltered(-2, true, forkAChild);
    QVERIFY(end.exited);
    QCOMPARE(end.code, kChildCaughtSigsys);
}

void TestSyscallFilter::clockCallsForbiddenWithoutClockControl()
{
    if (!SyscallFilter::available())
        QSKIP("built without libseccomp");
    ChildEnd end = runFiltered(1, true, readKernelClock);
    QVERIFY(end.exited);
    QCOMPARE(end.code, kChildDone);
    end = runFiltered(1, false, readKernelClock); // -x: not even a reading
    QVERIFY(!end.exited);
    QCOMPARE(end.signal, SIGSYS);
}

void TestSyscallFilter::levelTwoForbidsForkAndExecAllowsTheRest()
{
    if (!SyscallFilter::available())
        QSKIP("built without libseccomp");
    ChildEnd end = runFiltered(2, false, [] {
        return ordinaryWork() == kChildDone && unlistedCall() == kChildDone ? kChildDone : kChildCallFailed;
    });
    QVERIFY(end.exited);
    QCOMPARE(end.code, kChildDone);
    for (const auto &body : {std::function<int()>(forkAChild), std::function<int()>(runAProgram)}) {
        end = runFiltered(2, false, body);
        QVERIFY(!end.exited);
        QCOMPARE(end.signal, SIGSYS);
    }
}

QTEST_GUILESS_MAIN(TestSyscallFilter)
#include "tst_syscallfilter.moc"
