// The typed configuration the engine runs from. The chrony.conf reader produces it; the engine
// never sees configuration text.
#pragma once

#include "net/IpAddress.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

constexpr std::uint16_t kNtpDefaultPort = 123;
constexpr int kDefaultMinPoll = 6;   // log2 s, chrony's default
constexpr int kDefaultMaxPoll = 10;  // log2 s
constexpr int kMinPollLimit = -6;    // log2 s, chrony's lowest accepted poll
constexpr int kMaxPollLimit = 24;    // log2 s
constexpr int kDefaultPoolMaxSources = 4;
constexpr int kDefaultLocalStratum = 10;

struct SourceConfig
{
    enum class Kind : std::uint8_t { Server, Pool, Peer };

    Kind kind = Kind::Server;
    std::string host;                 // name or address as written
    std::uint16_t port = kNtpDefaultPort;
    int minPoll = kDefaultMinPoll;
    int maxPoll = kDefaultMaxPoll;
    bool iburst = false;
    bool prefer = false;
    bool noselect = false;
    int version = 4;
    int maxSources = kDefaultPoolMaxSources; // pool only
    std::string origin;               // "file:line" the source came from, for messages

    friend bool operator==(const SourceConfig &, const SourceConfig &) = default;
};

// A subnet as chrony writes it: "192.168.1.0/24", "10/8", "2001:db8::/32", or a bare address.
struct Subnet
{
    IpAddress address;   // the network, host bits cleared
    int prefixLength = 0;

    // The network of `address` with `prefixLength` leading bits kept and the rest cleared; the
    // length is clamped to the family's bit length.
    static Subnet of(const IpAddress &address, int prefixLength);

    // True if `ip` has the subnet's family and its first prefixLength bits match. Families are
    // compared strictly: callers unmap IPv4-mapped IPv6 addresses first.
    bool contains(const IpAddress &ip) const;
    // "192.168.1.0/24", "2001:db8::/32".
    std::string toString() const;
    friend bool operator==(const Subnet &, const Subnet &) = default;
};

// One `allow`/`deny` line. Without a subnet it covers every address of both families. The
// `all` form also overrides every earlier, more specific rule inside its subnet.
struct AccessRule
{
    bool allow = true;
    bool all = false;
    std::optional<Subnet> subnet;

    friend bool operator==(const AccessRule &, const AccessRule &) = default;
};

struct LocalReferenceConfig
{
    bool enabled = false;
    int stratum = kDefaultLocalStratum;
    bool orphan = false;
    double distance = 1.0; // s

    friend bool operator==(const LocalReferenceConfig &, const LocalReferenceConfig &) = default;
};

struct EngineConfig
{
    std::vector<SourceConfig> sources;
    std::vector<AccessRule> ntpAccess;
    LocalReferenceConfig local;
    // 0 disables the NTP server (chrony's "port 0").
    std::uint16_t ntpPort = kNtpDefaultPort;

    friend bool operator==(const EngineConfig &, const EngineConfig &) = default;
};

} // namespace s1
