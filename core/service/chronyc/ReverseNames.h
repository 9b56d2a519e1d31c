// Reverse lookups for stratumctl's reports: chronyc without -n prints the names of the
// addresses it shows (getnameinfo), cut to its column. Lookups run in parallel, each in its own
// thread, and the caller waits a bounded time: a name server that does not answer delays the
// report by at most the timeout, and the addresses it did not name are printed numerically.
#pragma once

#include "net/IpAddress.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

// The name of one address, or nothing when it has none. May block; called from helper threads.
using NameLookup = std::function<std::optional<std::string>(const IpAddress &)>;

// getnameinfo(NI_NAMEREQD): the system's resolver, /etc/hosts included.
std::optional<std::string> systemReverseLookup(const IpAddress &address);

// How long stratumctl waits for all lookups of one report together.
constexpr std::chrono::milliseconds kReverseLookupTimeout{2000};
// More distinct addresses than this in one report are not looked up (one thread each).
constexpr std::size_t kMaxReverseLookups = 64;

// `names` with every numeric address replaced by its name where one came within `timeout`.
// Entries that are not addresses (refclocks, unresolved sources) stay as they are.
std::vector<std::string> reverseResolveNames(const std::vector<std::string> &names, std::chrono::milliseconds timeout,
                                             const NameLookup &lookup = systemReverseLookup);

} // namespace s1
