// stratumctl's reverse lookups (chronyc without -n): numeric addresses in a report become names,
// looked up in parallel within a bounded time; what is not an address, has no name or is not
// answered in time stays numeric; and names longer than chronyc's column are cut and marked.
#include "chronyc/ChronycFormat.h"
#include "chronyc/ReverseNames.h"

#include <QtTest>

#include <chrono>
#include <thread>

using namespace s1;
using namespace std::chrono_literals;

namespace {

const std::string kLongName = "ntp1.a-rather-long-subdomain.example.net"; // 40 characters

std::optional<std::string> fakeLookup(const IpAddress &address)
{
    const std::string text = address.toString();
    if (text == "192.0.2.1")
        return kLongName;
    if (text == "192.0.2.4")
        return std::string("ntp.example.org");
    if (text == "2001:db8::1")
        return std::string("v6.example.org");
    if (text == "192.0.2.3") {
        // A name server that does not answer in time.
        std::this_thread::sleep_for(5s);
        return std::string("too-late.example.org");
    }
    return std::nullopt; // no PTR record
}

} // namespace

class TestReverseNames : public QObject
{
    Q_OBJECT
private slots:
    void addressesBecomeNamesWithinTheTimeout();
    void longNamesAreCutToTheColumn();
    void systemLookupOfLoopback();
};

void TestReverseNames::addressesBecomeNamesWithinTheTimeout()
{
    const std::vector<std::string> names{"192.0.2.1",   "PPS",       "192.0.2.2", "192.0.2.3",
                                         "2001:db8::1", "192.0.2.4", "192.0.2.1", "pool.example.net"};
    QElapsedTimer timer;
    timer.start();
    const std::vector<std::string> resolved = reverseResolveNames(names, 300ms, fakeLookup);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    const std::vector<std::string> expected{
        kLongName, "PPS", "192.0.2.2", "192.0.2.3", "v6.example.org", "ntp.example.org", kLongName, "pool.example.net"};
    QCOMPARE(resolved, expected);
}

void TestReverseNames::longNamesAreCutToTheColumn()
{
    // chronyc's sources: a looked-up name longer than 25 characters keeps 24 and gets '>' as its
    // 25th.
    SourceReportRow row;
    row.mode = SourceKind::Server;
    row.name = reverseResolveNames({"192.0.2.1"}, 1s, fakeLookup).at(0);
    const std::string text = formatSources({row}, false, NameStyle::Resolved);
    const std::string line = text.substr(text.rfind('\n', text.size() - 2) + 1);
    QVERIFY2(line.starts_with("^? ntp1.a-rather-long-subdo>  "), line.c_str());
    // -n / -N print whatever they have in full.
    QVERIFY(formatSources({row}, false, NameStyle::Verbatim).find(kLongName) != std::string::npos);
    QCOMPARE(chronyc::displayName(kLongName, NameStyle::Resolved), std::string("ntp1.a-rather-long-subdo>"));
    QCOMPARE(chronyc::displayName("localhost", NameStyle::Resolved), std::string("localhost"));
}

void TestReverseNames::systemLookupOfLoopback()
{
    // Whatever this machine calls 127.0.0.1 (/etc/hosts), the lookup finds a name, not the
    // address itself.
    const auto name = systemReverseLookup(IpAddress::v4(0x7F000001));
    if (!name)
        QSKIP("no name for 127.0.0.1 on this machine");
    QVERIFY(!name->empty());
    QVERIFY(*name != "127.0.0.1");
}

QTEST_GUILESS_MAIN(TestReverseNames)
#include "tst_reversenames.moc"
