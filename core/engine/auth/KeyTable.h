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
    // Adds `key`; false (and the table unchanged) when its ID is already there: the first key
    // of an ID wins.
    bool add(SymmetricKey key);
    const SymmetricKey *find(std::uint32_t id) const;
    std::size_t size() const { return m_keys.size(); }
    bool empty() const { return m_keys.empty(); }

    friend bool operator==(const KeyTable &, const KeyTable &) = default;

private:
    std::map<std::uint32_t, SymmetricKey> m_keys;
};

} // namespace s1
