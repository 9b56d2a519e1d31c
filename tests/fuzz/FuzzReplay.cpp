// The normal build's stand-in for libFuzzer's main: runs the target's entry point once over
// each file given, or each file in each directory given (a corpus), and fails loudly when a
// file cannot be read. A crash, a sanitizer report (in the sanitizer build) or an exception is
// the test's failure; ctest runs this for every target over tests/fuzz/corpus/<target>.
#include "FuzzTarget.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace {

bool runFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return false;
    }
    const std::vector<char> text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::vector<std::uint8_t> data(text.size());
    std::transform(text.begin(), text.end(), data.begin(), [](char c) { return static_cast<std::uint8_t>(c); });
    LLVMFuzzerTestOneInput(data.data(), data.size());
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path arg(argv[i]);
        std::vector<std::filesystem::path> paths;
        if (std::filesystem::is_directory(arg)) {
            for (const auto &entry : std::filesystem::recursive_directory_iterator(arg))
                if (entry.is_regular_file())
                    paths.push_back(entry.path());
            // A fixed order, so that a failure names the same file every run.
            std::sort(paths.begin(), paths.end());
        } else {
            paths.push_back(arg);
        }
        for (const auto &path : paths) {
            if (!runFile(path))
                return 1;
            ++files;
        }
    }
    if (files == 0) {
        std::fprintf(stderr, "no input: give corpus directories or files\n");
        return 1;
    }
    std::printf("%d inputs ran without a crash\n", files);
    return 0;
}
