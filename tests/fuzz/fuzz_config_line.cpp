// The configuration reader on one line: the first line of the input (what the editor's line
// field, the wizard and a runtime `add server` hand over), read on its own and checked
// through a document edit that puts it into an existing file.
#include "FuzzTarget.h"

#include "config/ConfigDocument.h"
#include "config/ConfigReader.h"

#include <cstdlib>

using namespace s1;

namespace {
constexpr std::string_view kExisting = "# existing file\nserver 192.0.2.1 iburst\nallow 192.0.2.0/24\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view line = fuzz::asText({data, size});
    line = line.substr(0, line.find_first_of("\r\n"));
    ConfigReadOptions options;
    options.followIncludes = false;
    readConfigText(line, "line.conf", options);

    ConfigDocument document = ConfigDocument::fromText(kExisting);
    if (!document.insertLine(1, line))
        std::abort(); // no line break in it
    if (!document.setLineText(2, line))
        std::abort();
    const std::optional<std::size_t> added = document.addDirective(line);
    const ConfigReadResult read = readConfigDocument(document, "edited.conf", options);
    if (added && *added >= document.lineCount())
        std::abort();
    // Option edits on the line, as the editor's fields make them.
    document.setOption(1, "minpoll", "4");
    document.removeOption(1, "iburst");
    document.optionValue(1, "maxpoll");
    readConfigDocument(document, "edited.conf", options);
    (void)read;
    return 0;
}
