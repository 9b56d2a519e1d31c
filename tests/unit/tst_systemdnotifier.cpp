// What the service tells systemd, through a fake sender: the messages' exact text (READY=1,
// STATUS=, RELOADING=1 with MONOTONIC_USEC, STOPPING=1, WATCHDOG=1), a status sent only when it
// changes, the watchdog at half of WATCHDOG_USEC, and the status words from snapshots.
#include "SystemdNotifier.h"
#include "SystemdReporter.h"
#include "WidgetTestSupport.h"

#include <QtTest>

#include <memory>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct Sent
{
    std::vector<std::string> messages;
};

s1::SystemdNotifier fakeNotifier(const std::shared_ptr<Sent> &sent,
                                 std::optional<std::chrono::microseconds> watchdog = std::nullopt)
{
    return s1::SystemdNotifier([sent](const std::string &state) { sent->messages.push_back(state); }, watchdog);
}

} // namespace

class TestSystemdNotifier : public QObject
{
    Q_OBJECT
private slots:
    void messages();
    void statusOnlyWhenChanged();
    void watchdogAtHalfTheTimeout();
    void statusWordsFromSnapshots();
};

void TestSystemdNotifier::messages()
{
    auto sent = std::make_shared<Sent>();
    s1::SystemdNotifier notifier = fakeNotifier(sent);
    notifier.ready("Unsynchronised");
    notifier.reloading(1'234'567us);
    notifier.ready("Line one\nline two");
    notifier.stopping();
    const std::vector<std::string> expected{
        "READY=1\nSTATUS=Unsynchronised",
        "RELOADING=1\nMONOTONIC_USEC=1234567\nSTATUS=Reloading the configuration",
        "READY=1\nSTATUS=Line one line two", // a newline would start another assignment
        "STOPPING=1\nSTATUS=Stopping",
    };
    QCOMPARE(sent->messages, expected);
}

void TestSystemdNotifier::statusOnlyWhenChanged()
{
    auto sent = std::make_shared<Sent>();
    s1::SystemdNotifier notifier = fakeNotifier(sent);
    notifier.ready("Unsynchronised");
    notifier.status("Unsynchronised");
    notifier.status("Synchronised to PPS, stratum 1");
    notifier.status("Synchronised to PPS, stratum 1");
    const std::vector<std::string> expected{"READY=1\nSTATUS=Unsynchronised", "STATUS=Synchronised to PPS, stratum 1"};
    QCOMPARE(sent->messages, expected);
}

void TestSystemdNotifier::watchdogAtHalfTheTimeout()
{
    auto sent = std::make_shared<Sent>();
    QVERIFY(!fakeNotifier(sent).watchdogInterval().has_value());
    const s1::SystemdNotifier watched = fakeNotifier(sent, 30s);
    QCOMPARE(watched.watchdogInterval().value(), std::chrono::microseconds(15s));
    // The ping outlives the notifier's copy in another thread's hands.
    const std::function<void()> ping = watched.watchdogPing();
    ping();
    QCOMPARE(sent->messages, std::vector<std::string>{"WATCHDOG=1"});
}

void TestSystemdNotifier::statusWordsFromSnapshots()
{
    auto sent = std::make_shared<Sent>();
    s1::SystemdReporter reporter(fakeNotifier(sent));
    reporter.ready();
    QCOMPARE(sent->messages.back(), std::string("READY=1\nSTATUS=Waiting for the engine"));

    s1::EngineSnapshot snapshot = s1::test::snapshotSynchronisedToOneServer();
    reporter.snapshot(snapshot);
    // No rate yet: one snapshot gives no counter difference.
    QCOMPARE(sent->messages.back(), std::string("STATUS=Synchronised to ntp1.example.net, stratum 2"));

    snapshot.ntpPort = 0;
    reporter.snapshot(snapshot);
    QCOMPARE(sent->messages.back(), std::string("STATUS=Synchronised to ntp1.example.net, stratum 2, not serving"));

    s1::EngineSnapshot unsynchronised;
    unsynchronised.ntpPort = 123;
    reporter.snapshot(unsynchronised);
    QCOMPARE(sent->messages.back(), std::string("STATUS=Unsynchronised"));
}

QTEST_GUILESS_MAIN(TestSystemdNotifier)
#include "tst_systemdnotifier.moc"
