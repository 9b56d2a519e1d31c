#include "StaleSocket.h"

#include <cstdio>

#include <sys/un.h>
#include <unistd.h>

namespace s1::test {

bool makeStaleSocket(const std::string &path, int type)
{
    const int fd = ::socket(AF_UNIX, type, 0);
    if (fd < 0)
        return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof(address.sun_path), "%s", path.c_str());
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return ok;
}

} // namespace s1::test
