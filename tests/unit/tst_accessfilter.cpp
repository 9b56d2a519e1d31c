// The NTP access filter: chrony's allow/deny semantics, driven both by hand-built rules and by
// rules read from chrony.conf text.
#include "config/ConfigReader.h"
#include "net/AccessFilter.h"

#include <QtTest>

using namespace s1;

namespace {

IpAddress ip(const char *text)
{
    const auto parsed = IpAddress::parse(text);
    if (!parsed)
        qFatal("bad test address %s", text);
    return *parsed;
}

// A filter from chrony.conf allow/deny lines; the reader must accept them.
AccessFilter filterFrom(const char *text)
{
    const ConfigReadResult result = readConfigText(text, "filter.conf");
    if (!result.ok())
        qFatal("bad test config: %s", result.diagnostics.front().toString().c_str());
    return AccessFilter(result.config.ntpAccess);
}

AccessRule rule(bool allow, bool all, const char *address = nullptr, int prefix = 0)
{
    AccessRule r;
    r.allow = allow;
    r.all = all;
    if (address)
        r.subnet = Subnet{ip(address), prefix};
    return r;
}

} // namespace

class TestAccessFilter : public QObject
{
    Q_OBJECT

private slots:
    void denyByDefault();
    void allowEverything();
    void denyEverythingAfterAllow();
    void moreSpecificDenyInsideAllow();
    void moreSpecificAllowInsideDeny();
    void longestPrefixWinsWhateverTheOrder();
    void allOverridesInnerRules();
    void allowAllOverridesHostDeny();
    void plainDenyKeepsMoreSpecificAllow();
    void laterRuleForSameSubnetReplaces();
    void allOnlyClearsInsideItsSubnet();
    void familiesAreSeparate();
    void ipv6Rules();
    void ipv4MappedClientsAreJudgedAsIpv4();
    void nullAddressIsDenied();
    void handBuiltRuleIsNormalised();
    void addAfterConstruction();
    void chronyManualExample();
    void nonNibblePrefixes();
};

void TestAccessFilter::denyByDefault()
{
    const AccessFilter filter;
    QVERIFY(!filter.allows(ip("127.0.0.1")));
    QVERIFY(!filter.allows(ip("192.0.2.1")));
    QVERIFY(!filter.allows(ip("::1")));
    QVERIFY(!filter.allows(ip("2001:db8::1")));
    QVERIFY(!AccessFilter(std::vector<AccessRule>{}).allows(ip("10.0.0.1")));
}

void TestAccessFilter::allowEverything()
{
    const AccessFilter filter = filterFrom("allow");
    QVERIFY(filter.allows(ip("0.0.0.0")));
    QVERIFY(filter.allows(ip("10.0.0.1")));
    QVERIFY(filter.allows(ip("255.255.255.255")));
    QVERIFY(filter.allows(ip("::")));
    QVERIFY(filter.allows(ip("2001:db8::1")));
    QVERIFY(filter.allows(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
}

void TestAccessFilter::denyEverythingAfterAllow()
{
    const AccessFilter filter = filterFrom("allow\ndeny\n");
    QVERIFY(!filter.allows(ip("10.0.0.1")));
    QVERIFY(!filter.allows(ip("2001:db8::1")));
}

void TestAccessFilter::moreSpecificDenyInsideAllow()
{
    const AccessFilter filter = filterFrom("allow 192.168.1.0/24\ndeny 192.168.1.5\n");
    QVERIFY(!filter.allows(ip("192.168.1.5")));
    QVERIFY(filter.allows(ip("192.168.1.6")));
    QVERIFY(filter.allows(ip("192.168.1.0")));
    QVERIFY(filter.allows(ip("192.168.1.255")));
    QVERIFY(!filter.allows(ip("192.168.2.1")));
    QVERIFY(!filter.allows(ip("10.0.0.1")));
}

void TestAccessFilter::moreSpecificAllowInsideDeny()
{
    const AccessFilter filter = filterFrom("deny 10/8\nallow 10.1/16\n");
    QVERIFY(filter.allows(ip("10.1.2.3")));
    QVERIFY(!filter.allows(ip("10.2.0.1")));
    QVERIFY(!filter.allows(ip("11.1.2.3")));
}

void TestAccessFilter::longestPrefixWinsWhateverTheOrder()
{
    // A plain (non-`all`) wider rule does not override a narrower one set earlier.
    const AccessFilter filter = filterFrom("allow 10.1/16\ndeny 10/8\n");
    QVERIFY(filter.allows(ip("10.1.2.3")));
    QVERIFY(!filter.allows(ip("10.2.0.1")));
}

void TestAccessFilter::allOverridesInnerRules()
{
    const AccessFilter filter = filterFrom("allow 10.1/16\ndeny all 10/8\n");
    QVERIFY(!filter.allows(ip("10.1.2.3")));
    QVERIFY(!filter.allows(ip("10.2.0.1")));

    // Rules added after the `all` one count again.
    const AccessFilter reopened = filterFrom("allow 10.1/16\ndeny all 10/8\nallow 10.1.2/24\n");
    QVERIFY(reopened.allows(ip("10.1.2.3")));
    QVERIFY(!reopened.allows(ip("10.1.3.3")));
}

void TestAccessFilter::allowAllOverridesHostDeny()
{
    const AccessFilter filter = filterFrom("deny 1.2.3.4\nallow all\n");
    QVERIFY(filter.allows(ip("1.2.3.4")));
    QVERIFY(filter.allows(ip("1.2.3.5")));
    QVERIFY(filter.allows(ip("2001:db8::1")));

    const AccessFilter plain = filterFrom("deny 1.2.3.4\nallow\n");
    QVERIFY(!plain.allows(ip("1.2.3.4")));
    QVERIFY(plain.allows(ip("1.2.3.5")));
}

void TestAccessFilter::plainDenyKeepsMoreSpecificAllow()
{
    const AccessFilter plain = filterFrom("allow 1.2.3.0/24\ndeny\n");
    QVERIFY(plain.allows(ip("1.2.3.4")));
    QVERIFY(!plain.allows(ip("1.2.4.4")));

    const AccessFilter all = filterFrom("allow 1.2.3.0/24\ndeny all\n");
    QVERIFY(!all.allows(ip("1.2.3.4")));
}

void TestAccessFilter::laterRuleForSameSubnetReplaces()
{
    const AccessFilter filter = filterFrom("allow 10/8\ndeny 10.0.0.0/8\n");
    QVERIFY(!filter.allows(ip("10.9.9.9")));

    const AccessFilter back = filterFrom("deny 10/8\nallow 10/8\nallow 10.5/16\ndeny 10.5.0.0/16\n");
    QVERIFY(back.allows(ip("10.9.9.9")));
    QVERIFY(!back.allows(ip("10.5.9.9")));

    // A host address written in a subnet rule names the same subnet.
    const AccessFilter hostBits = filterFrom("allow 192.168.1.0/24\ndeny 192.168.1.99/24\n");
    QVERIFY(!hostBits.allows(ip("192.168.1.1")));
}

void TestAccessFilter::allOnlyClearsInsideItsSubnet()
{
    const AccessFilter filter = filterFrom("allow 10.1/16\nallow 172.16/12\ndeny all 10/8\n");
    QVERIFY(!filter.allows(ip("10.1.2.3")));
    QVERIFY(filter.allows(ip("172.20.0.1")));

    // An `all` rule clears only strictly narrower subnets, not wider ones that contain it.
    const AccessFilter wider = filterFrom("allow 10/8\ndeny all 10.1/16\n");
    QVERIFY(wider.allows(ip("10.2.0.1")));
    QVERIFY(!wider.allows(ip("10.1.0.1")));
}

void TestAccessFilter::familiesAreSeparate()
{
    const AccessFilter v4 = filterFrom("allow 0/0\n");
    QVERIFY(v4.allows(ip("8.8.8.8")));
    QVERIFY(!v4.allows(ip("2001:db8::1")));

    const AccessFilter v6 = filterFrom("allow ::/0\n");
    QVERIFY(!v6.allows(ip("8.8.8.8")));
    QVERIFY(v6.allows(ip("2001:db8::1")));

    // `deny all ::/0` resets IPv6 only.
    const AccessFilter mixed = filterFrom("allow 10/8\nallow 2001:db8::/32\ndeny all ::/0\n");
    QVERIFY(mixed.allows(ip("10.0.0.1")));
    QVERIFY(!mixed.allows(ip("2001:db8::1")));
}

void TestAccessFilter::ipv6Rules()
{
    const AccessFilter filter = filterFrom("allow 2001:db8::/32\n"
                                           "deny 2001:db8:bad::/48\n"
                                           "allow 2001:db8:bad::123\n"
                                           "allow fe80::/10\n");
    QVERIFY(filter.allows(ip("2001:db8::1")));
    QVERIFY(filter.allows(ip("2001:db8:ffff:ffff::1")));
    QVERIFY(!filter.allows(ip("2001:db8:bad::1")));
    QVERIFY(filter.allows(ip("2001:db8:bad::123")));
    QVERIFY(!filter.allows(ip("2001:db9::1")));
    QVERIFY(filter.allows(ip("febf::1")));
    QVERIFY(!filter.allows(ip("fec0::1")));
    QVERIFY(!filter.allows(ip("::1")));

    const AccessFilter reset = filterFrom("allow 2001:db8::/32\ndeny 2001:db8:bad::/48\nallow all 2001:db8::/32\n");
    QVERIFY(reset.allows(ip("2001:db8:bad::1")));
}

void TestAccessFilter::ipv4MappedClientsAreJudgedAsIpv4()
{
    const AccessFilter filter = filterFrom("allow 192.168.1.0/24\ndeny 192.168.1.5\n");
    QVERIFY(filter.allows(ip("::ffff:192.168.1.6")));
    QVERIFY(!filter.allows(ip("::ffff:192.168.1.5")));
    QVERIFY(!filter.allows(ip("::ffff:10.0.0.1")));

    // An IPv6 rule does not see mapped clients: they are IPv4 by the time they are checked.
    const AccessFilter v6Only = filterFrom("allow ::/0\n");
    QVERIFY(!v6Only.allows(ip("::ffff:192.168.1.6")));
    QVERIFY(v6Only.allows(ip("::192.168.1.6"))); // IPv4-compatible form is plain IPv6
}

void TestAccessFilter::nullAddressIsDenied()
{
    const AccessFilter filter = filterFrom("allow\n");
    QVERIFY(!filter.allows(IpAddress()));
}

void TestAccessFilter::handBuiltRuleIsNormalised()
{
    AccessFilter filter;
    filter.add(rule(true, false, "192.168.1.77", 24)); // host bits set
    QVERIFY(filter.allows(ip("192.168.1.1")));
    QVERIFY(!filter.allows(ip("192.168.2.1")));
    filter.add(rule(false, false, "192.168.1.0", 24)); // same subnet: replaces
    QVERIFY(!filter.allows(ip("192.168.1.1")));

    // A subnet without an address family covers nothing rather than everything.
    AccessFilter empty;
    AccessRule familyless;
    familyless.subnet = Subnet{};
    empty.add(familyless);
    QVERIFY(!empty.allows(ip("10.0.0.1")));
    QVERIFY(!empty.allows(ip("2001:db8::1")));
}

void TestAccessFilter::addAfterConstruction()
{
    AccessFilter filter({rule(true, false)});
    QVERIFY(filter.allows(ip("10.0.0.1")));
    filter.add(rule(false, false, "10.0.0.0", 8));
    QVERIFY(!filter.allows(ip("10.0.0.1")));
    QVERIFY(filter.allows(ip("11.0.0.1")));
    filter.add(rule(false, true));
    QVERIFY(!filter.allows(ip("11.0.0.1")));
    QVERIFY(!filter.allows(ip("2001:db8::1")));
}

void TestAccessFilter::chronyManualExample()
{
    // chrony.conf(5), allow: 1.2.3.4 is allowed, the rest of 1.2.3.x denied, the rest of
    // 1.2.x.x allowed.
    const AccessFilter filter = filterFrom("allow 1.2.3.4\ndeny 1.2.3\nallow 1.2\n");
    QVERIFY(filter.allows(ip("1.2.3.4")));
    QVERIFY(!filter.allows(ip("1.2.3.5")));
    QVERIFY(filter.allows(ip("1.2.4.5")));
    QVERIFY(!filter.allows(ip("1.3.0.1")));
}

void TestAccessFilter::nonNibblePrefixes()
{
    // Longest prefix decides for any prefix length (see AccessFilter.h on chronyd's tree).
    const AccessFilter filter = filterFrom("deny 10.0.0.0/10\nallow 10.0.0.0/9\n");
    QVERIFY(!filter.allows(ip("10.0.0.1")));
    QVERIFY(!filter.allows(ip("10.63.255.255")));
    QVERIFY(filter.allows(ip("10.64.0.1")));
    QVERIFY(filter.allows(ip("10.127.255.255")));
    QVERIFY(!filter.allows(ip("10.128.0.0")));

    const AccessFilter odd = filterFrom("allow 192.168.0.0/23\ndeny 192.168.1.128/25\n");
    QVERIFY(odd.allows(ip("192.168.0.200")));
    QVERIFY(odd.allows(ip("192.168.1.127")));
    QVERIFY(!odd.allows(ip("192.168.1.128")));
    QVERIFY(!odd.allows(ip("192.168.2.0")));
}

QTEST_APPLESS_MAIN(TestAccessFilter)
#include "tst_accessfilter.moc"
