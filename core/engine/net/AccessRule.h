#pragma once

#include "net/Subnet.h"

#include <optional>

namespace s1 {

// One `allow`/`deny` line. Without a subnet it covers every address of both families. The
// `all` form also overrides every earlier, more specific rule inside its subnet.
struct AccessRule
{
    bool allow = true;
    bool all = false;
    std::optional<Subnet> subnet;

    friend bool operator==(const AccessRule &, const AccessRule &) = default;
};

} // namespace s1
