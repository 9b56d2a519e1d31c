// The symmetric keys the host read from the keyfile, by ID: what the engine signs requests and
// replies with and checks MACs against.
#pragma once

#include "auth/SymmetricKey.h"

#include <cstdint>
#include <map>

namespace s1 {

class KeyTable
{
public:
    // Adds `key`, replacing a key of the same ID (the last key of an ID wins, as chronyd 4.3
    // does with a duplicate); false when it replaced one.
    bool add(SymmetricKey key);
    const SymmetricKey *find(std::uint32_t id) const;
    std::size_t size() const { return m_keys.size(); }
    bool empty() const { return m_keys.empty(); }

    friend bool operator==(const KeyTable &, const KeyTable &) = default;

private:
    std::map<std::uint32_t, SymmetricKey> m_keys;
};

} // namespace s1
