// The NMEA, UBX and RTCM 3 stream decoder in any chunking (ChunkedStream.h) at any of the
// usual speeds, with the deadlines a host keeps, then the GPS status it reports in JSON and as
// the `gps` report.
#include "ChunkedStream.h"
#include "FuzzTarget.h"

#include "chronyc/GpsReportFormat.h"
#include "gps/GpsStreamDecoder.h"
#include "json/GpsStatusJson.h"

#include <array>

using namespace s1;

namespace {
constexpr std::array kBauds{4800, 9600, 38400, 115200};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::FuzzInput input(data, size);
    const std::uint8_t seed = input.byte();
    const std::uint8_t baud = input.byte();
    fuzz::ChunkedStream stream(input.rest(), seed);

    GpsStreamDecoder decoder;
    decoder.setBaudRate(kBauds[baud % kBauds.size()]);
    std::size_t observed = 0;
    decoder.setMessageObserver([&observed](std::string_view type, std::span<const std::uint8_t> raw) {
        observed += type.size() + raw.size();
    });
    RealTime now = realTimeFromNanos(1'760'000'000LL * 1'000'000'000LL);
    if ((baud & 0x80) != 0)
        decoder.setRolloverPivot(now);
    while (!stream.empty()) {
        const std::span<const std::uint8_t> chunk = stream.next();
        now += std::chrono::milliseconds(stream.gapMilliseconds());
        if (const auto deadline = decoder.nextDeadline(); deadline && *deadline <= now)
            decoder.poll(now);
        decoder.feed(chunk, now);
    }
    now += std::chrono::seconds(2);
    decoder.poll(now);
    decoder.takeTimeFixes();
    const GpsStatus status = decoder.state().status(now);
    formatGpsReport(status);
    gpsStatusFromJson(gpsStatusToJson(status));
    return 0;
}
