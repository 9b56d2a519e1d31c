// The client's reply processing: replies from the polled server, their origin timestamp made
// to match the request (unless the input says otherwise), through the source's tests, filters,
// statistics and the selection (EngineHarness.h).
#include "EngineHarness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    s1::fuzz::runEngine(data, size, true);
    return 0;
}
