// The control socket in the file system. Access control is the file's permissions: the socket
// is mode 0660, owned by the service's user and by a group of the administrator's choice, so
// only that user, that group and root can connect (connecting needs write permission).
//
// Binding goes through a temporary name in the same directory that is renamed over the final
// path once its mode and group are set: a client never sees the socket with other permissions,
// and a stale socket left by a crash is replaced atomically.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace s1 {

constexpr mode_t kControlSocketMode = 0660;
// A directory we create: group members must traverse it to reach the socket.
constexpr mode_t kControlDirectoryMode = 0755;
constexpr mode_t kControlGroupDirectoryMode = 0750;

// The group's id; nullopt with "no such group: NAME" (or the lookup's error).
std::optional<gid_t> lookupGroup(const std::string &name, std::string &error);

// Creates the parent directory if missing (with its own parents), refuses a path taken by a
// live server or by something that is not a socket, binds and listens. Returns the listening
// descriptor (close-on-exec), or -1 with `error` naming the path and the cause.
int bindControlSocket(const std::string &path, std::optional<gid_t> group, std::string &error);

// Identity of the socket file we created, to remove it only if it is still ours.
struct SocketFileId
{
    dev_t device = 0;
    ino_t inode = 0;
};
std::optional<SocketFileId> socketFileId(const std::string &path);
void removeSocketFileIfOurs(const std::string &path, const SocketFileId &id);

} // namespace s1
