#include "ntp/Md5.h"

#include <nettle/md5.h>

namespace s1 {

struct Md5::State
{
    md5_ctx context;
};

Md5::Md5()
    : m_state(std::make_unique<State>())
{
    md5_init(&m_state->context);
}

Md5::~Md5() = default;

void Md5::add(std::span<const std::uint8_t> data)
{
    md5_update(&m_state->context, data.size(), data.data());
}

Md5::Digest Md5::finish()
{
    Digest digest{};
    md5_digest(&m_state->context, digest.size(), digest.data());
    return digest;
}

Md5::Digest Md5::hash(std::span<const std::uint8_t> data)
{
    Md5 md5;
    md5.add(data);
    return md5.finish();
}

} // namespace s1
