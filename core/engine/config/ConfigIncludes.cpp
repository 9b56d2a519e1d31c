#include "config/ConfigIncludes.h"

#include <glob.h>

#include <algorithm>
#include <map>

namespace s1 {

namespace {

constexpr std::string_view kGlobWildcards = "*?[";

struct GlobGuard
{
    glob_t data{};
    ~GlobGuard() { globfree(&data); }
};

std::string_view baseName(std::string_view path)
{
    const std::size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

IncludeMatches expandIncludePattern(const std::string &pattern)
{
    if (pattern.find_first_of(kGlobWildcards) == std::string::npos)
        return {{pattern}, {}};

    GlobGuard found;
    // Sorted below rather than by glob(), whose order follows the process locale.
    const int status = glob(pattern.c_str(), GLOB_NOSORT, nullptr, &found.data);
    if (status == GLOB_NOMATCH)
        return {};
    if (status != 0)
        return {{}, status == GLOB_NOSPACE ? "out of memory" : "cannot read a directory"};
    std::vector<std::string> paths(found.data.gl_pathv, found.data.gl_pathv + found.data.gl_pathc);
    std::sort(paths.begin(), paths.end());
    return {std::move(paths), {}};
}

std::vector<std::string> searchDirectories(std::span<const std::string> directories, std::string_view suffix)
{
    std::map<std::string, std::string, std::less<>> byName; // file name -> path, in byte order
    for (const std::string &directory : directories) {
        GlobGuard found;
        const std::string pattern = directory + "/*" + std::string(suffix);
        if (glob(pattern.c_str(), GLOB_NOSORT, nullptr, &found.data) != 0)
            continue; // no such directory, or nothing in it
        for (std::size_t i = 0; i < found.data.gl_pathc; ++i) {
            const std::string path = found.data.gl_pathv[i];
            byName.try_emplace(std::string(baseName(path)), path); // the earliest directory wins
        }
    }
    std::vector<std::string> paths;
    paths.reserve(byName.size());
    for (auto &entry : byName)
        paths.push_back(std::move(entry.second));
    return paths;
}

} // namespace s1
