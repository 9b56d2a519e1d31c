// The server's request path through the engine: access rules, rate limiting, the client log,
// the responder and the snapshot that reports them, for a sequence of datagrams from many
// clients (EngineHarness.h).
#include "EngineHarness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    s1::fuzz::runEngine(data, size, false);
    return 0;
}
