#include "ServiceProbe.h"

#include "transport/ControlClient.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace s1 {

ProbeResult probeService(const std::string &path, std::chrono::milliseconds timeout)
{
    ProbeResult result;
    ControlClient client;
    if (!client.connectTo(path, result.detail)) {
        // Connecting needs write permission on the socket and search permission on its
        // directories. A socket, or a socket directory, closed to us was set up for someone:
        // a service is likely behind it, and the window should say how to get in.
        // (AT_EACCESS: with the ids connect() uses.)
        if (::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) != 0 && errno == EACCES)
            result.outcome = ProbeOutcome::Denied;
        return result;
    }
    // Any response counts, an error too ("no snapshot from the engine yet"): something speaking
    // the protocol is there. `activity` has the smallest answer.
    if (client.call(control::Command::Activity, {}, timeout, result.detail))
        result.outcome = ProbeOutcome::Answers;
    return result;
}

} // namespace s1
