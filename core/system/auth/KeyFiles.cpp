#include "auth/KeyFiles.h"

#include "auth/KeyFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace s1 {

KeyTable loadKeyFile(const std::string &path, std::vector<std::string> &warnings)
{
    if (path.empty())
        return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        warnings.push_back("keyfile " + path + " cannot be read: " + std::strerror(errno) + "; no keys");
        return {};
    }
    struct stat info
    { };
    if (::stat(path.c_str(), &info) == 0 && (info.st_mode & S_IROTH) != 0)
        warnings.push_back("keyfile " + path
                           + " is readable by every user: the keys are secrets, make it readable by root and the "
                             "service's user only (chmod 640)");
    std::ostringstream text;
    text << in.rdbuf();
    KeyFileResult result = parseKeyFile(text.str(), path);
    for (const ConfigDiagnostic &diagnostic : result.diagnostics)
        warnings.push_back(diagnostic.toString());
    return std::move(result.keys);
}

} // namespace s1
