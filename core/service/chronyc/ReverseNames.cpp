#include "chronyc/ReverseNames.h"

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>

namespace s1 {

namespace {

// Shared by the caller and the lookup threads; threads that outlive the wait keep it alive.
struct LookupState
{
    std::mutex mutex;
    std::condition_variable done;
    std::map<std::string, std::optional<std::string>> results; // by numeric text
    std::size_t outstanding = 0;
};

} // namespace

std::optional<std::string> systemReverseLookup(const IpAddress &address)
{
    sockaddr_storage storage{};
    const unsigned length = SocketAddress{address, 0}.toSockaddr(storage);
    if (length == 0)
        return std::nullopt;
    char host[NI_MAXHOST];
    if (getnameinfo(reinterpret_cast<const sockaddr *>(&storage), length, host, sizeof host, nullptr, 0, NI_NAMEREQD)
        != 0)
        return std::nullopt;
    return std::string(host);
}

std::vector<std::string> reverseResolveNames(const std::vector<std::string> &names, std::chrono::milliseconds timeout,
                                             const NameLookup &lookup)
{
    auto state = std::make_shared<LookupState>();
    std::map<std::string, IpAddress> addresses;
    for (const std::string &name : names) {
        if (addresses.size() >= kMaxReverseLookups)
            break;
        if (const auto ip = IpAddress::parse(name))
            addresses.emplace(name, *ip);
    }
    state->outstanding = addresses.size();
    for (const auto &[text, ip] : addresses) {
        // Detached: a lookup stuck in the resolver must not hold the report (or the exit) up.
        std::thread([state, lookup, text = text, ip = ip] {
            std::optional<std::string> name = lookup(ip);
            const std::lock_guard lock(state->mutex);
            state->results[text] = std::move(name);
            --state->outstanding;
            state->done.notify_all();
        }).detach();
    }
    std::map<std::string, std::optional<std::string>> results;
    {
        std::unique_lock lock(state->mutex);
        state->done.wait_for(lock, timeout, [&] { return state->outstanding == 0; });
        results = state->results;
    }
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const std::string &name : names) {
        const auto it = results.find(name);
        out.push_back(it != results.end() && it->second && !it->second->empty() ? *it->second : name);
    }
    return out;
}

} // namespace s1
