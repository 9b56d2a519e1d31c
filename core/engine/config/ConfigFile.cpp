#include "config/ConfigFile.h"

#include "file/FileDescriptor.h"

#include "file/AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace s1 {

namespace {

constexpr mode_t kNewFileMode = 0644;     // chrony.conf holds no secrets; keys live in keyfile
constexpr std::size_t kReadChunk = 65536; // bytes

std::string systemError(const std::string &what, int errorNumber)
{
    return what + ": " + std::strerror(errorNumber);
}

} // namespace

bool readTextFile(const std::string &path, const std::string &what, std::string &text, std::string &error)
{
    FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!file.valid()) {
        error = systemError("cannot open " + what, errno);
        return false;
    }
    text.clear();
    std::vector<char> buffer(kReadChunk);
    while (true) {
        const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error = systemError("cannot read " + what, errno);
            return false;
        }
        if (got == 0)
            return true;
        text.append(buffer.data(), static_cast<std::size_t>(got));
    }
}

bool loadConfigFile(const std::string &path, ConfigDocument &document, std::string &error)
{
    std::string text;
    if (!readTextFile(path, "configuration file", text, error))
        return false;
    document = ConfigDocument::fromText(text);
    return true;
}

bool saveConfigFile(const ConfigDocument &document, const std::string &path, std::string &error)
{
    return saveTextFile(document.toText(), path, error);
}

bool saveTextFile(const std::string &text, const std::string &path, std::string &error,
                  const std::string &attributesFrom)
{
    AtomicFileAttributes attributes;
    attributes.mode = kNewFileMode;
    attributes.keepExisting = true;
    attributes.copyFrom = attributesFrom;
    attributes.followSymlink = true;
    AtomicWriteError failure;
    if (writeFileAtomically(path, text, attributes, failure))
        return true;
    error = failure.text();
    return false;
}

} // namespace s1
