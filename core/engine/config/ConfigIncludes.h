// Internal to core/config: which files `include`, `confdir` and `sourcedir` name, found as
// chronyd finds them (conf.c parse_include and search_dirs).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace s1 {

constexpr std::size_t kMaxSearchDirectories = 10; // chronyd's MAX_CONF_DIRS
constexpr std::size_t kMaxIncludeDepth = 10;      // files open at once, the main one included (MAX_INCLUDE_LEVEL)
constexpr std::string_view kConfDirSuffix = ".conf";
constexpr std::string_view kSourceDirSuffix = ".sources";

struct IncludeMatches
{
    std::vector<std::string> paths;
    std::string error; // set when the search itself failed (an unreadable directory)
};

// The files an `include` pattern names, in byte order (chronyd's glob runs in the C locale). A
// pattern without wildcards names its file whether it exists or not (GLOB_NOMAGIC, as chronyd):
// reading it then reports a missing file. A wildcard pattern may match nothing, which is fine.
IncludeMatches expandIncludePattern(const std::string &pattern);

// The DIR/*SUFFIX files of `confdir`/`sourcedir` directories ordered by file name; of files with
// the same name in several directories only the one in the earliest directory is taken. Missing
// directories contribute nothing.
std::vector<std::string> searchDirectories(std::span<const std::string> directories, std::string_view suffix);

} // namespace s1
