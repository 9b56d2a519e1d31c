// SHM segment contents (the NTP SHM driver's segment, as gpsd and others write it): the
// reader on a segment whose every field is the fuzzer's, with a writer that rewrites it at each
// of the reader's barriers (a racing writer in another process), and every sample the reader
// accepts on into the engine.
#include "FuzzTarget.h"
#include "RefClockEngine.h"

#include "refclock/ShmRefClock.h"
#include "refclock/ShmSegmentApi.h"
#include "refclock/ShmSegmentLayout.h"

#include <cerrno>

using namespace s1;

namespace {

constexpr int kSegmentId = 7;
constexpr std::size_t kMaxReads = 32;

class FuzzSegmentApi final : public ShmSegmentApi
{
public:
    explicit FuzzSegmentApi(fuzz::FuzzInput &input)
        : m_input(input)
    { }

    ShmTimeSegment segment{};

    int get(key_t, std::size_t, int) override { return kSegmentId; }
    int attach(int id, void *&address) override
    {
        if (id != kSegmentId)
            return -EINVAL;
        address = &segment;
        return 0;
    }
    int detach(void *) override { return 0; }
    // The writer moves between the reader's steps when the input says so.
    void barrier() override
    {
        if ((m_input.byte() & 1) != 0)
            segment = m_input.object<ShmTimeSegment>();
    }

private:
    fuzz::FuzzInput &m_input;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::FuzzInput input(data, size);
    FuzzSegmentApi api(input);
    ShmRefClock reader(api, 0);
    fuzz::RefClockEngine host("refclock SHM 0 refid GPS poll 0\n");
    RealTime now = realTimeFromNanos(fuzz::kRefClockStartNanos);
    for (std::size_t i = 0; i < kMaxReads && !input.empty(); ++i) {
        api.segment = input.object<ShmTimeSegment>();
        now += std::chrono::milliseconds(250);
        if (const std::optional<RefClockSample> sample = reader.read())
            host.engine().handleRefClockSample(0, *sample, now);
        host.advance(now);
    }
    host.engine().snapshot(now);
    return 0;
}
