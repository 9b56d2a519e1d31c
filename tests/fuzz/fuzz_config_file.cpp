// The configuration reader on a whole file: readConfigText (include, confdir and sourcedir
// checked but not followed, so that a run reads nothing from the machine), the document's
// byte-exact round trip the editor relies on, and an engine started from every configuration
// the reader accepts.
#include "FuzzTarget.h"

#include "config/ConfigDocument.h"
#include "config/ConfigReader.h"
#include "engine/Engine.h"

#include <cstdlib>

using namespace s1;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text = fuzz::asText({data, size});
    ConfigReadOptions options;
    options.followIncludes = false;
    const ConfigReadResult read = readConfigText(text, "fuzz.conf", options);

    // Writing an unmodified document gives back the same bytes.
    const ConfigDocument document = ConfigDocument::fromText(text);
    if (document.toText() != text)
        std::abort();
    const ConfigReadResult fromDocument = readConfigDocument(document, "fuzz.conf", options);
    if (fromDocument.ok() != read.ok() || fromDocument.diagnostics.size() != read.diagnostics.size())
        std::abort();

    if (read.ok()) {
        const RealTime start = realTimeFromNanos(1'760'000'000LL * 1'000'000'000LL);
        Engine engine(read.config, EngineOptions{}, start);
        engine.handleTimeout(start);
        engine.takeOutgoing();
        engine.takeResolveRequests();
        engine.snapshot(start);
    }
    return 0;
}
