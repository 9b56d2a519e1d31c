#include "auth/KeyTable.h"

namespace s1 {

bool KeyTable::add(SymmetricKey key)
{
    const std::uint32_t id = key.id;
    return m_keys.insert_or_assign(id, std::move(key)).second;
}

const SymmetricKey *KeyTable::find(std::uint32_t id) const
{
    const auto it = m_keys.find(id);
    return it == m_keys.end() ? nullptr : &it->second;
}

} // namespace s1
