// PhcDevice against a model of a Linux PTP hardware clock character device (FakePhcKernel):
// the driver's real PTP_* ioctl requests and linux/ptp_clock.h structs are interpreted as
// drivers/ptp/ptp_chardev.c does (sample limits, reserved fields, the interleaved and
// triple layouts, whole-record event reads); only the system call is faked. The model's
// system clock and PHC are perfect clocks a fixed offset apart, with chosen read delays, so
// every expected value is exact.
#include "refclock/DeviceApi.h"
#include "refclock/PhcDevice.h"
#include "refclock/PhcReading.h"

#include <QtTest>

#include <linux/ptp_clock.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <poll.h>
#include <vector>

using namespace s1;

namespace {

constexpr std::int64_t kStartNs = 1'700'000'000LL * kNanosPerSecond; // 2023-11-14
// The PHC runs on TAI, 37 s ahead, plus a little (ns).
constexpr std::int64_t kPhcOffsetNs = 37 * kNanosPerSecond + 123'456;
constexpr int kFakeFd = 9;
const std::string kPath = "/dev/ptp0";
constexpr int kChannels = 2;
constexpr int kPins = 4;

ptp_clock_time clockTime(std::int64_t ns)
{
    ptp_clock_time t{};
    t.sec = ns / kNanosPerSecond;
    t.nsec = static_cast<std::uint32_t>(ns % kNanosPerSecond);
    return t;
}

// How one PHC read went: the system-clock window around it and where in it the PHC was read.
struct ReadTiming
{
    std::int64_t windowNs;
    std::int64_t phcAtNs; // from the window's start
};

class FakePhcKernel : public DeviceApi
{
public:
    // Model state, public so that tests can preset and inspect it.
    int openError = 0;
    bool vanished = false;
    int preciseError = 0;  // errno PTP_SYS_OFFSET_PRECISE fails with; 0: supported
    int extendedError = 0; // errno PTP_SYS_OFFSET_EXTENDED fails with; 0: supported
    int basicError = 0;    // errno PTP_SYS_OFFSET fails with; 0: supported
    std::int64_t systemNow = kStartNs;
    // Timing of the successive PHC reads inside one call, repeated if the call asks for more.
    std::vector<ReadTiming> timings{{500, 250}};
    // Gap between one read's closing system stamp and the next read's opening one (ns).
    std::int64_t gapNs = 50;
    // Event records queued on the fd, and the most bytes one read() hands out (the real
    // kernel gives whole records; a smaller limit models a split one).
    std::deque<unsigned char> eventBytes;
    std::size_t readLimit = SIZE_MAX;

    // What the driver did.
    int openFlags = 0;
    int closes = 0;
    std::vector<unsigned long> requests;
    std::vector<unsigned> samplesAsked;
    std::vector<ptp_pin_desc> pinRequests;
    std::vector<ptp_extts_request> exttsRequests;
    std::vector<std::size_t> readSizes;
    // The (system before, PHC, system after) of every read the last call made.
    std::vector<std::array<std::int64_t, 3>> lastReads;

    void queueEvent(unsigned channel, std::int64_t phcNs, std::uint32_t nsecOverride = 0)
    {
        ptp_extts_event event{};
        event.t = clockTime(phcNs);
        if (nsecOverride)
            event.t.nsec = nsecOverride;
        event.index = channel;
        unsigned char bytes[sizeof event];
        std::memcpy(bytes, &event, sizeof event);
        eventBytes.insert(eventBytes.end(), bytes, bytes + sizeof event);
    }

    int open(const std::string &path, int flags) override
    {
        openFlags = flags;
        if (openError)
            return -openError;
        return path == kPath ? kFakeFd : -ENOENT;
    }

    int close(int fd) override
    {
        if (fd != kFakeFd)
            return -EBADF;
        ++closes;
        return 0;
    }

    int ioctl(int fd, unsigned long request, void *arg) override
    {
        requests.push_back(request);
        if (fd != kFakeFd)
            return -EBADF;
        if (vanished)
            return -ENODEV;
        switch (request) {
        case PTP_CLOCK_GETCAPS: {
            ptp_clock_caps caps{};
            caps.n_ext_ts = kChannels;
            caps.n_pins = kPins;
            caps.cross_timestamping = preciseError ? 0 : 1;
            *static_cast<ptp_clock_caps *>(arg) = caps;
            return 0;
        }
        case PTP_SYS_OFFSET_PRECISE:
            return precise(*static_cast<ptp_sys_offset_precise *>(arg));
        case PTP_SYS_OFFSET_EXTENDED:
            return extended(*static_cast<ptp_sys_offset_extended *>(arg));
        case PTP_SYS_OFFSET:
            return basic(*static_cast<ptp_sys_offset *>(arg));
        case PTP_PIN_SETFUNC:
            if (!(openFlags & O_RDWR))
                return -EBADF;
            pinRequests.push_back(*static_cast<const ptp_pin_desc *>(arg));
            return 0;
        case PTP_EXTTS_REQUEST:
            if (!(openFlags & O_RDWR))
                return -EBADF;
            exttsRequests.push_back(*static_cast<const ptp_extts_request *>(arg));
            return 0;
        default:
            return -ENOTTY;
        }
    }

    long read(int fd, void *buffer, std::size_t size) override
    {
        readSizes.push_back(size);
        if (fd != kFakeFd)
            return -EBADF;
        if (size % sizeof(ptp_extts_event) != 0)
            return -EINVAL; // as ptp_read()
        if (eventBytes.empty())
            return -EAGAIN;
        const std::size_t n = std::min({size, readLimit, eventBytes.size()});
        auto *out = static_cast<unsigned char *>(buffer);
        std::copy_n(eventBytes.begin(), n, out);
        eventBytes.erase(eventBytes.begin(), eventBytes.begin() + static_cast<std::ptrdiff_t>(n));
        return static_cast<long>(n);
    }

    int poll(int fd, short events, int timeoutMs) override
    {
        if (fd != kFakeFd || timeoutMs != 0) // the driver must never wait
            return -EINVAL;
        return (events & POLLIN) && !eventBytes.empty() ? POLLIN : 0;
    }

private:
    // One PHC read: returns (before, phc, after) and advances the system clock past it.
    std::array<std::int64_t, 3> readOnce(std::size_t i)
    {
        const ReadTiming &timing = timings[i % timings.size()];
        const std::int64_t before = systemNow;
        const std::array<std::int64_t, 3> read{before, before + timing.phcAtNs + kPhcOffsetNs,
                                               before + timing.windowNs};
        systemNow = read[2] + gapNs;
        lastReads.push_back(read);
        return read;
    }

    int precise(ptp_sys_offset_precise &data)
    {
        if (preciseError)
            return -preciseError;
        lastReads.clear();
        data = {};
        data.device = clockTime(systemNow + kPhcOffsetNs);
        data.sys_realtime = clockTime(systemNow);
        data.sys_monoraw = clockTime(systemNow - kStartNs);
        lastReads.push_back({systemNow, systemNow + kPhcOffsetNs, systemNow});
        systemNow += gapNs;
        return 0;
    }

    int extended(ptp_sys_offset_extended &data)
    {
        if (extendedError)
            return -extendedError;
        samplesAsked.push_back(data.n_samples);
        if (data.n_samples > PTP_MAX_SAMPLES || data.rsv[0] || data.rsv[1] || data.rsv[2])
            return -EINVAL;
        lastReads.clear();
        for (std::size_t i = 0; i < data.n_samples; ++i) {
            const auto read = readOnce(i);
            for (std::size_t k = 0; k < 3; ++k)
                data.ts[i][k] = clockTime(read[k]);
        }
        return 0;
    }

    int basic(ptp_sys_offset &data)
    {
        if (basicError)
            return -basicError;
        samplesAsked.push_back(data.n_samples);
        if (data.n_samples > PTP_MAX_SAMPLES)
            return -EINVAL;
        lastReads.clear();
        // Interleaved: each read's closing system stamp opens the next read.
        for (std::size_t i = 0; i < data.n_samples; ++i) {
            const auto read = readOnce(i);
            systemNow = read[2];
            data.ts[2 * i] = clockTime(read[0]);
            data.ts[2 * i + 1] = clockTime(read[1]);
            data.ts[2 * i + 2] = clockTime(read[2]);
        }
        return 0;
    }
};

PhcDevice::Options externalTimestampOptions()
{
    PhcDevice::Options options;
    options.externalTimestamps = true;
    return options;
}

} // namespace

class TestPhcDevice : public QObject
{
    Q_OBJECT

private slots:
    void openChecksTheClock();
    void preciseIsExact();
    void extendedPicksNarrowestWindow();
    void basicPicksNarrowestWindow();
    void samplesClamped();
    void fallbackOrderRemembered();
    void otherErrorsDoNotFallBack();
    void nothingSupported();
    void noCrossTimestamps();
    void invalidTimestampsSkipped();
    void deviceVanishes();
    void externalTimestampSetup_data();
    void externalTimestampSetup();
    void externalTimestampRefusals();
    void eventsOfOtherChannelsDropped();
    void partialRecordsReassembled();
    void invalidEventDropped();
    void phcToSystemByOffset();
    void narrowestReadingSkipsBackwardsWindows();
};

void TestPhcDevice::openChecksTheClock()
{
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath);
    QVERIFY2(device.open(), device.lastError().c_str());
    QCOMPARE(kernel.openFlags & O_ACCMODE, O_RDONLY);
    QVERIFY(kernel.openFlags & O_NONBLOCK);
    QCOMPARE(kernel.requests.front(), static_cast<unsigned long>(PTP_CLOCK_GETCAPS));
    QCOMPARE(device.externalTimestampChannels(), kChannels);
    QCOMPARE(device.pins(), kPins);
    QVERIFY(device.hasCrossTimestamps());

    PhcDevice missing(kernel, "/dev/ptp7");
    QVERIFY(!missing.open());
    QVERIFY2(QString::fromStdString(missing.lastError()).contains("no such device"), missing.lastError().c_str());

    FakePhcKernel denied;
    denied.openError = EACCES;
    PhcDevice deniedDevice(denied, kPath);
    QVERIFY(!deniedDevice.open());
    QVERIFY(QString::fromStdString(deniedDevice.lastError()).contains("permission denied"));
}

void TestPhcDevice::preciseIsExact()
{
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.requests.clear();
    const std::int64_t system = kernel.systemNow;
    const auto reading = device.readOffset();
    QVERIFY2(reading.has_value(), device.lastError().c_str());
    QCOMPARE(nanosSinceEpoch(reading->systemTime), system);
    QCOMPARE(nanosSinceEpoch(reading->phcTime), system + kPhcOffsetNs);
    QCOMPARE(reading->window, 0.0);
    QVERIFY(device.method() == PhcReadMethod::Precise);
    const std::vector<unsigned long> expected{PTP_SYS_OFFSET_PRECISE};
    QCOMPARE(kernel.requests, expected);
}

void TestPhcDevice::extendedPicksNarrowestWindow()
{
    FakePhcKernel kernel;
    kernel.preciseError = EOPNOTSUPP;
    // The third read is the narrowest, and its PHC read sits off-centre.
    kernel.timings = {{900, 450}, {700, 100}, {300, 40}, {301, 150}, {800, 700}};
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    const auto reading = device.readOffset(5);
    QVERIFY2(reading.has_value(), device.lastError().c_str());
    QVERIFY(device.method() == PhcReadMethod::Extended);
    QCOMPARE(kernel.samplesAsked.back(), 5u);
    QCOMPARE(kernel.lastReads.size(), 5u);

    const auto &narrowest = kernel.lastReads[2];
    QCOMPARE(nanosSinceEpoch(reading->phcTime), narrowest[1]);
    QCOMPARE(nanosSinceEpoch(reading->systemTime), narrowest[0] + 150); // the midpoint
    QCOMPARE(reading->window, 300e-9);
    // Read 40 ns into a 300 ns window: the midpoint is 110 ns off, within half the window.
    const double offset = toSeconds(reading->phcTime - reading->systemTime);
    QCOMPARE(std::llround((offset - toSeconds(Nanoseconds(kPhcOffsetNs))) * 1e9), 40LL - 150LL);
}

void TestPhcDevice::basicPicksNarrowestWindow()
{
    FakePhcKernel kernel;
    kernel.preciseError = EOPNOTSUPP;
    kernel.extendedError = ENOTTY; // a kernel older than the extended call
    kernel.timings = {{1200, 600}, {400, 390}, {1000, 10}, {900, 500}};
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    const auto reading = device.readOffset(8);
    QVERIFY2(reading.has_value(), device.lastError().c_str());
    QVERIFY(device.method() == PhcReadMethod::Basic);
    QCOMPARE(kernel.samplesAsked.back(), 8u);
    QCOMPARE(kernel.lastReads.size(), 8u);
    // Reads 1 and 5 share the narrowest window; the first one wins.
    const auto &narrowest = kernel.lastReads[1];
    QCOMPARE(narrowest[0], kernel.lastReads[0][2]); // interleaved: shared system stamps
    QCOMPARE(nanosSinceEpoch(reading->phcTime), narrowest[1]);
    QCOMPARE(nanosSinceEpoch(reading->systemTime), narrowest[0] + 200);
    QCOMPARE(reading->window, 400e-9);
}

void TestPhcDevice::samplesClamped()
{
    FakePhcKernel kernel;
    PhcDevice::Options options;
    options.noCrossTimestamps = true;
    PhcDevice device(kernel, kPath, options);
    QVERIFY(device.open());
    QVERIFY(device.readOffset(1000).has_value());
    QCOMPARE(kernel.samplesAsked.back(), unsigned(PTP_MAX_SAMPLES));
    QVERIFY(device.readOffset(0).has_value());
    QCOMPARE(kernel.samplesAsked.back(), 1u);
    QVERIFY(device.readOffset(-5).has_value());
    QCOMPARE(kernel.samplesAsked.back(), 1u);
}

void TestPhcDevice::fallbackOrderRemembered()
{
    FakePhcKernel kernel;
    kernel.preciseError = EOPNOTSUPP;
    kernel.extendedError = EOPNOTSUPP;
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.requests.clear();

    QVERIFY(device.readOffset().has_value());
    std::vector<unsigned long> expected{PTP_SYS_OFFSET_PRECISE, PTP_SYS_OFFSET_EXTENDED, PTP_SYS_OFFSET};
    QCOMPARE(kernel.requests, expected);
    QVERIFY(device.method() == PhcReadMethod::Basic);
    QVERIFY(device.lastError().empty()); // refusals on the way are no errors

    // Refused methods are not asked again.
    kernel.requests.clear();
    QVERIFY(device.readOffset().has_value());
    QVERIFY(device.readOffset().has_value());
    expected = {PTP_SYS_OFFSET, PTP_SYS_OFFSET};
    QCOMPARE(kernel.requests, expected);

    // Only PRECISE refused: EXTENDED is used from then on.
    FakePhcKernel second;
    second.preciseError = ENOTTY;
    PhcDevice other(second, kPath);
    QVERIFY(other.open());
    second.requests.clear();
    QVERIFY(other.readOffset().has_value());
    QVERIFY(other.readOffset().has_value());
    expected = {PTP_SYS_OFFSET_PRECISE, PTP_SYS_OFFSET_EXTENDED, PTP_SYS_OFFSET_EXTENDED};
    QCOMPARE(second.requests, expected);
    QVERIFY(other.method() == PhcReadMethod::Extended);

    // A reopen starts the search again (the device may be a different clock now).
    other.close();
    QVERIFY(other.open());
    QVERIFY(other.method() == PhcReadMethod::Precise);
}

void TestPhcDevice::otherErrorsDoNotFallBack()
{
    FakePhcKernel kernel;
    kernel.preciseError = EBUSY;
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.requests.clear();
    QVERIFY(!device.readOffset().has_value());
    const std::vector<unsigned long> expected{PTP_SYS_OFFSET_PRECISE};
    QCOMPARE(kernel.requests, expected);
    QVERIFY(device.method() == PhcReadMethod::Precise);
    QVERIFY2(QString::fromStdString(device.lastError()).contains("PTP_SYS_OFFSET_PRECISE"), device.lastError().c_str());
    QCOMPARE(device.errorCount(), 1u);
    QVERIFY(device.isOpen());

    kernel.preciseError = 0; // a transient failure: the next read works
    QVERIFY(device.readOffset().has_value());
}

void TestPhcDevice::nothingSupported()
{
    FakePhcKernel kernel;
    kernel.preciseError = EOPNOTSUPP;
    kernel.extendedError = EOPNOTSUPP;
    kernel.basicError = EOPNOTSUPP;
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.requests.clear();
    QVERIFY(!device.readOffset().has_value());
    QCOMPARE(kernel.requests.size(), 3u);
    QVERIFY2(QString::fromStdString(device.lastError()).contains("(PTP_SYS_OFFSET:"), device.lastError().c_str());
    // Bounded: a second call asks only the last method again.
    kernel.requests.clear();
    QVERIFY(!device.readOffset().has_value());
    QCOMPARE(kernel.requests.size(), 1u);
}

void TestPhcDevice::noCrossTimestamps()
{
    FakePhcKernel kernel; // PRECISE would work
    kernel.timings = {{600, 300}, {200, 100}};
    PhcDevice::Options options;
    options.noCrossTimestamps = true;
    PhcDevice device(kernel, kPath, options);
    QVERIFY(device.open());
    kernel.requests.clear();
    const auto reading = device.readOffset(4);
    QVERIFY(reading.has_value());
    QVERIFY(
        std::find(kernel.requests.begin(), kernel.requests.end(), static_cast<unsigned long>(PTP_SYS_OFFSET_PRECISE))
        == kernel.requests.end());
    QVERIFY(device.method() == PhcReadMethod::Extended);
    QCOMPARE(reading->window, 200e-9);
}

void TestPhcDevice::invalidTimestampsSkipped()
{
    // A sandwich whose system clock went backwards is no reading; if none is left the call
    // fails without changing method.
    FakePhcKernel kernel;
    kernel.preciseError = EOPNOTSUPP;
    kernel.timings = {{-100, 0}, {700, 350}};
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    auto reading = device.readOffset(2);
    QVERIFY(reading.has_value());
    QCOMPARE(reading->window, 700e-9);

    kernel.timings = {{-100, 0}};
    reading = device.readOffset(3);
    QVERIFY(!reading.has_value());
    QVERIFY2(QString::fromStdString(device.lastError()).contains("no valid reading"), device.lastError().c_str());
    QVERIFY(device.method() == PhcReadMethod::Extended);
}

void TestPhcDevice::deviceVanishes()
{
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    kernel.vanished = true;
    QVERIFY(!device.readOffset().has_value());
    QVERIFY2(QString::fromStdString(device.lastError()).contains("vanished"), device.lastError().c_str());
    QVERIFY(!device.isOpen());
    QCOMPARE(kernel.closes, 1);
    QVERIFY(device.method() == PhcReadMethod::Precise); // ENODEV is no reason to fall back
}

void TestPhcDevice::externalTimestampSetup_data()
{
    QTest::addColumn<bool>("rising");
    QTest::newRow("rising") << true;
    QTest::newRow("falling") << false;
}

void TestPhcDevice::externalTimestampSetup()
{
    QFETCH(bool, rising);
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath, externalTimestampOptions());
    QVERIFY(device.open());
    QCOMPARE(kernel.openFlags & O_ACCMODE, O_RDWR);
    kernel.requests.clear();

    QVERIFY2(device.enableExternalTimestamps(3u, 1, rising ? PhcEdge::Rising : PhcEdge::Falling),
             device.lastError().c_str());
    QVERIFY(device.externalTimestampsEnabled());
    const std::vector<unsigned long> order{PTP_PIN_SETFUNC, PTP_EXTTS_REQUEST};
    QCOMPARE(kernel.requests, order);

    QCOMPARE(kernel.pinRequests.size(), 1u);
    const ptp_pin_desc &pin = kernel.pinRequests.front();
    QCOMPARE(pin.index, 3u);
    QCOMPARE(pin.func, unsigned(PTP_PF_EXTTS));
    QCOMPARE(pin.chan, 1u);
    for (unsigned reserved : pin.rsv)
        QCOMPARE(reserved, 0u);

    QCOMPARE(kernel.exttsRequests.size(), 1u);
    const ptp_extts_request &request = kernel.exttsRequests.front();
    QCOMPARE(request.index, 1u);
    unsigned flags = PTP_ENABLE_FEATURE | (rising ? PTP_RISING_EDGE : PTP_FALLING_EDGE);
#ifdef PTP_STRICT_FLAGS
    flags |= PTP_STRICT_FLAGS;
#endif
    QCOMPARE(request.flags, flags);
    QCOMPARE(request.rsv[0], 0u);
    QCOMPARE(request.rsv[1], 0u);

    // Closing switches the channel off again.
    device.close();
    QCOMPARE(kernel.exttsRequests.size(), 2u);
    QCOMPARE(kernel.exttsRequests.back().index, 1u);
    QCOMPARE(kernel.exttsRequests.back().flags, 0u);
    QCOMPARE(kernel.closes, 1);

    // Without a pin (fixed inputs) no routing is asked for.
    QVERIFY(device.open());
    kernel.requests.clear();
    QVERIFY(device.enableExternalTimestamps(std::nullopt, 0, PhcEdge::Rising));
    const std::vector<unsigned long> requestOnly{PTP_EXTTS_REQUEST};
    QCOMPARE(kernel.requests, requestOnly);
}

void TestPhcDevice::externalTimestampRefusals()
{
    FakePhcKernel kernel;
    PhcDevice readOnly(kernel, kPath);
    QVERIFY(readOnly.open());
    QVERIFY(!readOnly.enableExternalTimestamps(0u, 0, PhcEdge::Rising));
    QVERIFY2(QString::fromStdString(readOnly.lastError()).contains("extpps"), readOnly.lastError().c_str());
    readOnly.close();

    PhcDevice device(kernel, kPath, externalTimestampOptions());
    QVERIFY(device.open());
    QVERIFY(!device.enableExternalTimestamps(0u, kChannels, PhcEdge::Rising));
    QVERIFY2(QString::fromStdString(device.lastError()).contains("no external timestamp channel 2"),
             device.lastError().c_str());
    QVERIFY(!device.enableExternalTimestamps(unsigned(kPins), 0, PhcEdge::Rising));
    QVERIFY2(QString::fromStdString(device.lastError()).contains("no pin 4"), device.lastError().c_str());
    QVERIFY(kernel.pinRequests.empty());
    QVERIFY(kernel.exttsRequests.empty());
    QVERIFY(!device.externalTimestampsEnabled());
    QVERIFY(device.readEvents().empty());
}

void TestPhcDevice::eventsOfOtherChannelsDropped()
{
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath, externalTimestampOptions());
    QVERIFY(device.open());
    QVERIFY(device.enableExternalTimestamps(0u, 1, PhcEdge::Rising));

    constexpr int kSeconds = 40; // more than one read's worth
    for (int k = 0; k < kSeconds; ++k) {
        kernel.queueEvent(1, kStartNs + k * kNanosPerSecond + 17);
        kernel.queueEvent(0, kStartNs + k * kNanosPerSecond + 500'000'000);
    }
    const std::vector<PhcExternalEvent> events = device.readEvents();
    QCOMPARE(events.size(), std::size_t(kSeconds));
    for (int k = 0; k < kSeconds; ++k) {
        const PhcExternalEvent &event = events[static_cast<std::size_t>(k)];
        QCOMPARE(event.channel, 1u);
        QCOMPARE(nanosSinceEpoch(event.phcTime), kStartNs + k * kNanosPerSecond + 17);
    }
    QCOMPARE(device.eventCount(), std::uint64_t(kSeconds));
    QVERIFY(kernel.eventBytes.empty());
    for (std::size_t size : kernel.readSizes)
        QCOMPARE(size % sizeof(ptp_extts_event), 0u);
    // Nothing queued: no read at all, no error.
    const std::size_t reads = kernel.readSizes.size();
    QVERIFY(device.readEvents().empty());
    QCOMPARE(kernel.readSizes.size(), reads);
    QVERIFY(device.lastError().empty());
}

void TestPhcDevice::partialRecordsReassembled()
{
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath, externalTimestampOptions());
    QVERIFY(device.open());
    QVERIFY(device.enableExternalTimestamps(std::nullopt, 0, PhcEdge::Rising));

    kernel.queueEvent(0, kStartNs + 1 * kNanosPerSecond + 11);
    kernel.queueEvent(0, kStartNs + 2 * kNanosPerSecond + 22);
    kernel.queueEvent(0, kStartNs + 3 * kNanosPerSecond + 33);
    kernel.readLimit = 20; // records split across reads: 20 + 12, ...
    const std::vector<PhcExternalEvent> events = device.readEvents();
    QCOMPARE(events.size(), 3u);
    QCOMPARE(nanosSinceEpoch(events[0].phcTime), kStartNs + 1 * kNanosPerSecond + 11);
    QCOMPARE(nanosSinceEpoch(events[1].phcTime), kStartNs + 2 * kNanosPerSecond + 22);
    QCOMPARE(nanosSinceEpoch(events[2].phcTime), kStartNs + 3 * kNanosPerSecond + 33);

    // A record whose tail is still in the kernel waits for the next call.
    kernel.queueEvent(0, kStartNs + 4 * kNanosPerSecond + 44);
    const auto tail = std::vector<unsigned char>(kernel.eventBytes.begin() + 20, kernel.eventBytes.end());
    kernel.eventBytes.erase(kernel.eventBytes.begin() + 20, kernel.eventBytes.end());
    QVERIFY(device.readEvents().empty());
    kernel.eventBytes.insert(kernel.eventBytes.end(), tail.begin(), tail.end());
    const auto later = device.readEvents();
    QCOMPARE(later.size(), 1u);
    QCOMPARE(nanosSinceEpoch(later[0].phcTime), kStartNs + 4 * kNanosPerSecond + 44);
    QVERIFY(device.lastError().empty());
}

void TestPhcDevice::invalidEventDropped()
{
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath, externalTimestampOptions());
    QVERIFY(device.open());
    QVERIFY(device.enableExternalTimestamps(std::nullopt, 0, PhcEdge::Falling));
    kernel.queueEvent(0, kStartNs, 1'500'000'000); // nsec out of range
    kernel.queueEvent(0, kStartNs + kNanosPerSecond);
    const auto events = device.readEvents();
    QCOMPARE(events.size(), 1u);
    QCOMPARE(nanosSinceEpoch(events[0].phcTime), kStartNs + kNanosPerSecond);
    QVERIFY(QString::fromStdString(device.lastError()).contains("invalid timestamp"));
}

void TestPhcDevice::phcToSystemByOffset()
{
    // With the model's offset and a reading from the device, an event maps back exactly.
    FakePhcKernel kernel;
    PhcDevice device(kernel, kPath);
    QVERIFY(device.open());
    const auto reading = device.readOffset();
    QVERIFY(reading.has_value());
    const std::int64_t eventSystemNs = kernel.systemNow - 700'000'000; // 0.7 s earlier
    const RealTime event = realTimeFromNanos(eventSystemNs + kPhcOffsetNs);
    QCOMPARE(nanosSinceEpoch(phcToSystem(event, *reading)), eventSystemNs);

    // A PHC running 100 ppm fast: 1 PHC second after the reading is 1/(1+1e-4) s of system.
    const PhcReading fixed{realTimeFromNanos(1000 * kNanosPerSecond + 500'000'000),
                           realTimeFromNanos(990 * kNanosPerSecond), 0.0};
    const RealTime second = fixed.phcTime + Nanoseconds(kNanosPerSecond);
    QCOMPARE(nanosSinceEpoch(phcToSystem(second, fixed)), 991 * kNanosPerSecond);
    QCOMPARE(nanosSinceEpoch(phcToSystem(second, fixed, 1e-4)),
             991 * kNanosPerSecond - 99'990); // 1e9 * 1e-4 / (1 + 1e-4), rounded
    // Nonsense frequency offsets are ignored rather than producing garbage.
    QCOMPARE(nanosSinceEpoch(phcToSystem(second, fixed, std::nan(""))), 991 * kNanosPerSecond);
    QCOMPARE(nanosSinceEpoch(phcToSystem(second, fixed, -1.0)), 991 * kNanosPerSecond);
}

void TestPhcDevice::narrowestReadingSkipsBackwardsWindows()
{
    QVERIFY(!narrowestReading({}).has_value());
    const std::vector<PhcSandwich> sandwiches{
        {realTimeFromNanos(1000), realTimeFromNanos(5000), realTimeFromNanos(900)},
        {realTimeFromNanos(2000), realTimeFromNanos(6001), realTimeFromNanos(2011)},
    };
    const auto reading = narrowestReading(sandwiches);
    QVERIFY(reading.has_value());
    QCOMPARE(nanosSinceEpoch(reading->phcTime), 6001);
    QCOMPARE(nanosSinceEpoch(reading->systemTime), 2005); // 11 ns window: midpoint rounds down
    QCOMPARE(reading->window, 11e-9);
}

QTEST_GUILESS_MAIN(TestPhcDevice)
#include "tst_phcdevice.moc"
