// A Unix socket file with nobody listening on it, as a crashed service or receiver leaves it:
// what the code under test must recognise as stale and replace.
#pragma once

#include <string>

#include <sys/socket.h>

namespace s1::test {

// Binds a socket of `type` (SOCK_STREAM, SOCK_DGRAM) to `path` and closes it, leaving the
// file. False when the bind failed.
bool makeStaleSocket(const std::string &path, int type = SOCK_STREAM);

} // namespace s1::test
