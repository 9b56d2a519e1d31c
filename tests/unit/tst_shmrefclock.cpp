// ShmRefClock: the reader side of the NTP SHM count/valid protocol against a fake segment (the
// fake plays the writer at the reader's barriers, so torn reads are deterministic), and against
// a real private SysV segment written the way gpsd writes it (mode 1: valid = 0, count++,
// fields, count++, valid = 1). The real segments use high unit numbers and are removed with
// IPC_RMID afterwards.
#include "refclock/ShmRefClock.h"
#include "refclock/ShmSegmentApi.h"
#include "refclock/ShmSegmentLayout.h"

#include <QtTest>

#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <thread>

using namespace s1;

namespace {

constexpr std::int64_t kSecond = 1'750'000'000; // 2025-06-15
constexpr std::int64_t kNanosPerMicro = 1'000;
constexpr int kGpsdPrecision = -20; // gpsd's preset, ~1 us
constexpr int kFakeSegmentId = 42;
constexpr std::size_t kSegmentBytes = 96; // LP64 sizeof(struct shmTime), from the facts
// Byte offsets of the LP64 layout, written out from REFCLOCK_FACTS.md §1.2 independently of
// ShmTimeSegment, so the real-segment tests also check the struct.
constexpr std::size_t kOffMode = 0, kOffCount = 4, kOffClockSec = 8, kOffClockUsec = 16, kOffRecvSec = 24,
                      kOffRecvUsec = 32, kOffLeap = 36, kOffPrecision = 40, kOffNsamples = 44, kOffValid = 48,
                      kOffClockNsec = 52, kOffRecvNsec = 56;

// A time as whole seconds and nanoseconds, as a writer splits it.
struct Stamp
{
    std::int64_t sec;
    std::uint32_t nsec;
};

RealTime toRealTime(Stamp s)
{
    return realTimeFromNanos(s.sec * kNanosPerSecond + s.nsec);
}

// Fills a segment's sample fields as a correct writer does: µs = ns truncated.
void putSample(ShmTimeSegment &seg, Stamp clock, Stamp receive, int leap = 0, int precision = kGpsdPrecision)
{
    seg.clockTimeStampSec = clock.sec;
    seg.clockTimeStampUSec = static_cast<std::int32_t>(clock.nsec / kNanosPerMicro);
    seg.clockTimeStampNSec = clock.nsec;
    seg.receiveTimeStampSec = receive.sec;
    seg.receiveTimeStampUSec = static_cast<std::int32_t>(receive.nsec / kNanosPerMicro);
    seg.receiveTimeStampNSec = receive.nsec;
    seg.leap = leap;
    seg.precision = precision;
}

// A whole mode-1 write in one go (what a writer does between two reader steps).
void writeMode1(ShmTimeSegment &seg, Stamp clock, Stamp receive, int leap = 0)
{
    seg.valid = 0;
    ++seg.count;
    putSample(seg, clock, receive, leap);
    ++seg.count;
    seg.valid = 1;
}

class FakeShmApi : public ShmSegmentApi
{
public:
    ShmTimeSegment segment{};
    int getResult = kFakeSegmentId;     // or -errno
    int attachResult = 0;               // or -errno
    std::function<void(int)> onBarrier; // the writer's moves, by barrier number

    // What the reader asked for.
    key_t key = 0;
    std::size_t size = 0;
    int flags = 0;
    int getCalls = 0;
    int detachCalls = 0;
    int barriers = 0;

    int get(key_t k, std::size_t s, int f) override
    {
        ++getCalls;
        key = k;
        size = s;
        flags = f;
        return getResult;
    }
    int attach(int id, void *&address) override
    {
        if (attachResult < 0)
            return attachResult;
        if (id != kFakeSegmentId)
            return -EINVAL;
        address = &segment;
        return 0;
    }
    int detach(void *address) override
    {
        ++detachCalls;
        return address == &segment ? 0 : -EINVAL;
    }
    void barrier() override
    {
        if (onBarrier)
            onBarrier(barriers);
        ++barriers;
    }
};

// Word access to a real segment at the facts' byte offsets, with the ordering a writer in
// another process gets from its barriers.
class RawSegment
{
public:
    explicit RawSegment(void *base)
        : m_base(static_cast<std::uint8_t *>(base))
    { }

    std::int32_t &i32(std::size_t offset) const { return *reinterpret_cast<std::int32_t *>(m_base + offset); }
    std::int64_t &i64(std::size_t offset) const { return *reinterpret_cast<std::int64_t *>(m_base + offset); }
    std::uint32_t &u32(std::size_t offset) const { return *reinterpret_cast<std::uint32_t *>(m_base + offset); }
    std::int32_t load(std::size_t offset) const
    {
        return std::atomic_ref<std::int32_t>(i32(offset)).load(std::memory_order_seq_cst);
    }
    void store(std::size_t offset, std::int32_t value) const
    {
        std::atomic_ref<std::int32_t>(i32(offset)).store(value, std::memory_order_seq_cst);
    }

    // gpsd's ntp_write(): valid = 0, count++, the fields, count++, valid = 1, with barriers.
    void gpsdWrite(Stamp clock, Stamp receive, int leap, int precision) const
    {
        store(kOffValid, 0);
        store(kOffCount, load(kOffCount) + 1);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        i64(kOffClockSec) = clock.sec;
        i32(kOffClockUsec) = static_cast<std::int32_t>(clock.nsec / kNanosPerMicro);
        u32(kOffClockNsec) = clock.nsec;
        i64(kOffRecvSec) = receive.sec;
        i32(kOffRecvUsec) = static_cast<std::int32_t>(receive.nsec / kNanosPerMicro);
        u32(kOffRecvNsec) = receive.nsec;
        i32(kOffLeap) = leap;
        i32(kOffPrecision) = precision;
        std::atomic_thread_fence(std::memory_order_seq_cst);
        store(kOffCount, load(kOffCount) + 1);
        std::atomic_thread_fence(std::memory_order_seq_cst);
        store(kOffValid, 1);
    }

    // gpsd's preset when it allocates a segment.
    void gpsdPreset() const
    {
        std::memset(m_base, 0, kSegmentBytes);
        i32(kOffMode) = kShmModeCounted;
        i32(kOffLeap) = static_cast<int>(LeapIndicator::Unsynchronised);
        i32(kOffPrecision) = kGpsdPrecision;
        i32(kOffNsamples) = 3;
    }

private:
    std::uint8_t *m_base;
};

// A private SysV segment at a high unit, removed at the end whatever happens.
class PrivateUnit
{
public:
    // 70..89: far from gpsd's 0..7 and different for concurrent runs of this test.
    static constexpr int kFirstUnit = 70;
    static constexpr int kUnitSpread = 20;

    PrivateUnit()
        : unit(kFirstUnit + static_cast<int>(::getpid() % kUnitSpread))
        , key(*ShmRefClock::keyForUnit(unit))
    { }
    ~PrivateUnit() { remove(); }

    // A segment left by a crashed run of this test (ours, unattached) is removed; anything
    // else with the key is not ours to touch.
    bool claim()
    {
        const int id = ::shmget(key, 0, 0);
        if (id < 0)
            return errno == ENOENT;
        shmid_ds ds{};
        if (::shmctl(id, IPC_STAT, &ds) != 0 || ds.shm_perm.uid != ::geteuid() || ds.shm_nattch != 0)
            return false;
        return ::shmctl(id, IPC_RMID, nullptr) == 0;
    }
    void remove() const
    {
        const int id = ::shmget(key, 0, 0);
        if (id >= 0)
            ::shmctl(id, IPC_RMID, nullptr);
    }

    const int unit;
    const key_t key;
};

} // namespace

class TestShmRefClock : public QObject
{
    Q_OBJECT

private slots:
    void keys();
    void createsLikeChronyd();
    void attachErrors();
    void mode0Sample();
    void mode1Sample();
    void tornReadIsSkippedAndRetried();
    void countChangeWithoutValidDrop();
    void validZeroIsNotASample();
    void nanosecondsOnlyWhenConsistent_data();
    void nanosecondsOnlyWhenConsistent();
    void leapFromSegment_data();
    void leapFromSegment();
    void precisionFromSegment_data();
    void precisionFromSegment();
    void malformedSamples_data();
    void malformedSamples();
    void attachesOnDemandAndRetries();
    void detachesOnDestruction();
    void realSegmentWrittenLikeGpsd();
    void realSegmentUnderConcurrentWriter();
};

void TestShmRefClock::keys()
{
    QCOMPARE(ShmRefClock::keyForUnit(0), std::optional<key_t>(0x4E545030));
    QCOMPARE(ShmRefClock::keyForUnit(1), std::optional<key_t>(0x4E545031));
    QCOMPARE(ShmRefClock::keyForUnit(7), std::optional<key_t>(0x4E545037));
    QCOMPARE(ShmRefClock::keyForUnit(-1), std::nullopt);
    QCOMPARE(ShmRefClock::keyForUnit(INT_MAX), std::nullopt);
}

void TestShmRefClock::createsLikeChronyd()
{
    FakeShmApi api;
    {
        ShmRefClock clock(api, 0);
        QVERIFY(clock.attach());
        QCOMPARE(api.key, key_t(0x4E545030));
        QCOMPARE(api.size, kSegmentBytes);
        QCOMPARE(api.flags, IPC_CREAT | 0600);
        QVERIFY(clock.status().attached);
        QVERIFY(clock.status().error.empty());
    }
    ShmRefClock shared(api, 5, 0666);
    QVERIFY(shared.attach());
    QCOMPARE(api.key, key_t(0x4E545035));
    QCOMPARE(api.flags, IPC_CREAT | 0666);
}

void TestShmRefClock::attachErrors()
{
    FakeShmApi api;
    api.getResult = -EACCES;
    ShmRefClock rootOnly(api, 0);
    QVERIFY(!rootOnly.attach());
    QVERIFY(!rootOnly.status().attached);
    QVERIFY2(rootOnly.status().error.find("SHM unit 0 (key 0x4e545030)") != std::string::npos,
             rootOnly.status().error.c_str());
    QVERIFY2(rootOnly.status().error.find("root") != std::string::npos, rootOnly.status().error.c_str());

    api.getResult = -EINVAL;
    ShmRefClock stale(api, 2);
    QVERIFY(!stale.attach());
    QVERIFY2(stale.status().error.find("ipcrm -M 0x4e545032") != std::string::npos, stale.status().error.c_str());

    api.getResult = kFakeSegmentId;
    api.attachResult = -EACCES;
    ShmRefClock noAttach(api, 3);
    QVERIFY(!noAttach.attach());
    QVERIFY(noAttach.status().error.find("cannot attach") != std::string::npos);

    const int callsBefore = api.getCalls;
    ShmRefClock badPerm(api, 4, 01777);
    QVERIFY(!badPerm.attach());
    QVERIFY2(badPerm.status().error.find("01777") != std::string::npos, badPerm.status().error.c_str());
    QCOMPARE(api.getCalls, callsBefore); // never asked the kernel

    ShmRefClock badUnit(api, -1);
    QVERIFY(!badUnit.attach());
    QVERIFY(badUnit.read() == std::nullopt);
    QCOMPARE(api.getCalls, callsBefore);
}

void TestShmRefClock::mode0Sample()
{
    FakeShmApi api;
    const Stamp clock{kSecond, 250'123'456};
    const Stamp receive{kSecond, 789};
    api.segment.mode = kShmModeNoCount;
    putSample(api.segment, clock, receive);
    api.segment.valid = 1;

    ShmRefClock shm(api, 2);
    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(sample->referenceTime, toRealTime(clock));
    QCOMPARE(sample->receiveTime, toRealTime(receive));
    QCOMPARE(toSeconds(sample->referenceTime - sample->receiveTime), 0.250122667);
    QCOMPARE(sample->leap, LeapIndicator::None);
    QCOMPARE(api.segment.valid, 0); // consumed
    QCOMPARE(shm.status().samplesRead, std::uint64_t(1));
    QVERIFY(!shm.read()); // nothing new
    QCOMPARE(shm.status().samplesRead, std::uint64_t(1));
}

void TestShmRefClock::mode1Sample()
{
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    api.segment.count = 6;
    const Stamp clock{kSecond + 1, 0};
    const Stamp receive{kSecond, 750'000'000};
    writeMode1(api.segment, clock, receive);

    ShmRefClock shm(api, 2);
    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(sample->referenceTime - sample->receiveTime, Nanoseconds(250'000'000));
    QCOMPARE(api.segment.valid, 0);
    QCOMPARE(api.segment.count, 8); // the reader never writes count
    QCOMPARE(shm.status().tornReads, std::uint64_t(0));

    // The next write is read too.
    writeMode1(api.segment, Stamp{kSecond + 2, 0}, Stamp{kSecond + 1, 750'000'000});
    const auto next = shm.read();
    QVERIFY(next);
    QCOMPARE(next->referenceTime, realTimeFromNanos((kSecond + 2) * kNanosPerSecond));
    QCOMPARE(shm.status().samplesRead, std::uint64_t(2));
}

void TestShmRefClock::tornReadIsSkippedAndRetried()
{
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    const Stamp oldClock{kSecond, 100'000'000};
    writeMode1(api.segment, oldClock, Stamp{kSecond, 0});
    const Stamp newClock{kSecond + 1, 100'000'000};
    const Stamp newReceive{kSecond + 1, 0};
    // The writer completes a new sample while the reader copies (after the first count read):
    // the copy may mix both samples, so it must be dropped.
    api.onBarrier = [&](int n) {
        if (n == 0)
            writeMode1(api.segment, newClock, newReceive);
    };

    ShmRefClock shm(api, 2);
    QVERIFY(!shm.read());
    QCOMPARE(shm.status().tornReads, std::uint64_t(1));
    QCOMPARE(shm.status().samplesRead, std::uint64_t(0));
    QCOMPARE(api.segment.valid, 1); // left for the next poll

    api.onBarrier = nullptr;
    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(sample->referenceTime, toRealTime(newClock));
    QCOMPARE(sample->receiveTime, toRealTime(newReceive));
    QCOMPARE(shm.status().tornReads, std::uint64_t(1));

    // A write finishing after the copy (second barrier) is detected the same way.
    api.barriers = 0;
    api.onBarrier = [&](int n) {
        if (n == 1)
            writeMode1(api.segment, Stamp{kSecond + 2, 0}, Stamp{kSecond + 2, 0});
    };
    writeMode1(api.segment, Stamp{kSecond + 3, 0}, Stamp{kSecond + 3, 0});
    QVERIFY(!shm.read());
    QCOMPARE(shm.status().tornReads, std::uint64_t(2));
}

void TestShmRefClock::countChangeWithoutValidDrop()
{
    // A count bumped mid-read with `valid` still 1 in the copy (a writer that clears valid
    // late): the count check alone must reject it. Mode 0 has no count and cannot.
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    writeMode1(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    api.onBarrier = [&](int n) {
        if (n == 0) {
            ++api.segment.count;
            api.segment.clockTimeStampSec = kSecond + 1; // half a write
        }
    };
    ShmRefClock shm(api, 2);
    QVERIFY(!shm.read());
    QCOMPARE(shm.status().tornReads, std::uint64_t(1));

    FakeShmApi mode0;
    mode0.segment.mode = kShmModeNoCount;
    putSample(mode0.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    mode0.segment.valid = 1;
    mode0.onBarrier = [&](int n) {
        if (n == 0)
            ++mode0.segment.count;
    };
    ShmRefClock shm0(mode0, 2);
    QVERIFY(shm0.read());
    QCOMPARE(shm0.status().tornReads, std::uint64_t(0));
}

void TestShmRefClock::validZeroIsNotASample()
{
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    putSample(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    api.segment.valid = 0;
    ShmRefClock shm(api, 2);
    QVERIFY(!shm.read());
    QCOMPARE(shm.status(), (ShmReaderStatus{true, {}, {}, 0, 0, 0}));

    // A writer that has bumped count and not yet finished, seen at any reader step, is not a
    // sample either, and not an error.
    api.segment.valid = 1;
    api.barriers = 0;
    api.onBarrier = [&](int n) {
        if (n == 0) {
            api.segment.valid = 0;
            ++api.segment.count;
        }
    };
    QVERIFY(!shm.read());
    QCOMPARE(shm.status().invalidSamples, std::uint64_t(0));
    QCOMPARE(shm.status().samplesRead, std::uint64_t(0));
}

void TestShmRefClock::nanosecondsOnlyWhenConsistent_data()
{
    QTest::addColumn<std::uint32_t>("clockNsec");
    QTest::addColumn<std::uint32_t>("receiveNsec");
    QTest::addColumn<std::int64_t>("expectedClockNanos");
    QTest::addColumn<std::int64_t>("expectedReceiveNanos");
    // µs fields: clock 123456 µs, receive 654321 µs.
    QTest::newRow("both ns consistent") << 123'456'789u << 654'321'987u << std::int64_t(123'456'789)
                                        << std::int64_t(654'321'987);
    QTest::newRow("ns zero (µs-only writer)") << 0u << 0u << std::int64_t(123'456'000) << std::int64_t(654'321'000);
    QTest::newRow("one stamp's ns stale: both µs")
        << 123'456'789u << 999u << std::int64_t(123'456'000) << std::int64_t(654'321'000);
    QTest::newRow("ns rounded, not truncated")
        << 123'457'000u << 654'321'987u << std::int64_t(123'456'000) << std::int64_t(654'321'000);
    QTest::newRow("ns out of range") << 4'000'000'000u << 654'321'987u << std::int64_t(123'456'000)
                                     << std::int64_t(654'321'000);
}

void TestShmRefClock::nanosecondsOnlyWhenConsistent()
{
    QFETCH(std::uint32_t, clockNsec);
    QFETCH(std::uint32_t, receiveNsec);
    QFETCH(std::int64_t, expectedClockNanos);
    QFETCH(std::int64_t, expectedReceiveNanos);
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    writeMode1(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    api.segment.clockTimeStampUSec = 123'456;
    api.segment.receiveTimeStampUSec = 654'321;
    api.segment.clockTimeStampNSec = clockNsec;
    api.segment.receiveTimeStampNSec = receiveNsec;
    ShmRefClock shm(api, 2);
    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(nanosSinceEpoch(sample->referenceTime), kSecond * kNanosPerSecond + expectedClockNanos);
    QCOMPARE(nanosSinceEpoch(sample->receiveTime), kSecond * kNanosPerSecond + expectedReceiveNanos);
}

void TestShmRefClock::leapFromSegment_data()
{
    QTest::addColumn<int>("leap");
    QTest::newRow("none") << 0;
    QTest::newRow("insert") << 1;
    QTest::newRow("delete") << 2;
    QTest::newRow("not synchronised") << 3;
}

void TestShmRefClock::leapFromSegment()
{
    QFETCH(int, leap);
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    writeMode1(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0}, leap);
    ShmRefClock shm(api, 2);
    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(static_cast<int>(sample->leap), leap);
}

void TestShmRefClock::precisionFromSegment_data()
{
    QTest::addColumn<int>("log2");
    QTest::addColumn<double>("expected");
    QTest::newRow("gpsd PPS -20") << -20 << std::ldexp(1.0, -20);
    QTest::newRow("serial -1") << -1 << 0.5;
    QTest::newRow("-30, finest believed") << -30 << std::ldexp(1.0, -30);
    QTest::newRow("0, one second") << 0 << 1.0;
    QTest::newRow("positive: refclock's own") << 5 << 0.0;
    QTest::newRow("absurdly fine: refclock's own") << -40 << 0.0;
}

void TestShmRefClock::precisionFromSegment()
{
    QFETCH(int, log2);
    QFETCH(double, expected);
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    writeMode1(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    api.segment.precision = log2;
    ShmRefClock shm(api, 2);
    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(sample->precision, expected);
}

void TestShmRefClock::malformedSamples_data()
{
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("reason");
    QTest::newRow("mode 2") << 0 << "mode 2";
    QTest::newRow("leap 4") << 1 << "leap indicator 4";
    QTest::newRow("negative µs") << 2 << "microseconds out of range";
    QTest::newRow("µs = 1e6") << 3 << "microseconds out of range";
    QTest::newRow("zeroed receive seconds") << 4 << "seconds out of range";
    QTest::newRow("negative clock seconds") << 5 << "seconds out of range";
}

void TestShmRefClock::malformedSamples()
{
    QFETCH(int, field);
    QFETCH(QString, reason);
    FakeShmApi api;
    api.segment.mode = kShmModeCounted;
    writeMode1(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    ShmTimeSegment &seg = api.segment;
    switch (field) {
    case 0:
        seg.mode = 2;
        break;
    case 1:
        seg.leap = 4;
        break;
    case 2:
        seg.clockTimeStampUSec = -1;
        break;
    case 3:
        seg.receiveTimeStampUSec = 1'000'000;
        break;
    case 4:
        seg.receiveTimeStampSec = 0;
        break;
    case 5:
        seg.clockTimeStampSec = -kSecond;
        break;
    }
    ShmRefClock shm(api, 2);
    QVERIFY(!shm.read());
    QCOMPARE(shm.status().invalidSamples, std::uint64_t(1));
    QCOMPARE(shm.status().samplesRead, std::uint64_t(0));
    QVERIFY2(QString::fromStdString(shm.status().lastInvalid).contains(reason), shm.status().lastInvalid.c_str());
    QCOMPARE(seg.valid, 0); // consumed: reported once, not at every poll
    QVERIFY(!shm.read());
    QCOMPARE(shm.status().invalidSamples, std::uint64_t(1));
}

void TestShmRefClock::attachesOnDemandAndRetries()
{
    FakeShmApi api;
    api.getResult = -EACCES;
    api.segment.mode = kShmModeCounted;
    writeMode1(api.segment, Stamp{kSecond, 0}, Stamp{kSecond, 0});
    ShmRefClock shm(api, 0);
    QVERIFY(!shm.read());
    QVERIFY(!shm.status().attached);
    QVERIFY(!shm.status().error.empty());

    api.getResult = kFakeSegmentId; // e.g. the administrator fixed the permissions
    QVERIFY(shm.read());
    QVERIFY(shm.status().attached);
    QVERIFY(shm.status().error.empty());
    QCOMPARE(api.getCalls, 2);
    QVERIFY(!shm.read());
    QCOMPARE(api.getCalls, 2); // attached once, not at every poll
}

void TestShmRefClock::detachesOnDestruction()
{
    FakeShmApi api;
    {
        ShmRefClock shm(api, 2);
        QVERIFY(shm.attach());
        QVERIFY(shm.attach()); // idempotent
        QCOMPARE(api.getCalls, 1);
    }
    QCOMPARE(api.detachCalls, 1);
}

void TestShmRefClock::realSegmentWrittenLikeGpsd()
{
    PrivateUnit unit;
    if (!unit.claim())
        QSKIP("the private test segment key is in use by someone else");

    SystemShmSegmentApi api;
    ShmRefClock shm(api, unit.unit);
    QVERIFY2(shm.attach(), shm.status().error.c_str());

    // chronyd's creation: 96 bytes, mode 0600 by default.
    const int id = ::shmget(unit.key, 0, 0);
    QVERIFY(id >= 0);
    shmid_ds ds{};
    QCOMPARE(::shmctl(id, IPC_STAT, &ds), 0);
    QCOMPARE(static_cast<std::size_t>(ds.shm_segsz), kSegmentBytes);
    QCOMPARE(ds.shm_perm.mode & 0777, 0600u);

    // The writer side: attached as gpsd would (our own mapping of the same segment).
    void *mapped = ::shmat(id, nullptr, 0);
    QVERIFY(reinterpret_cast<std::intptr_t>(mapped) != -1); // shmat's (void *)-1
    const RawSegment writer(mapped);
    writer.gpsdPreset();
    QVERIFY(!shm.read()); // preset: valid = 0

    // Serial time: GPS says 12:00:01.000000000 when the system clock read 12:00:00.874999876.
    const Stamp clock{kSecond + 1, 0};
    const Stamp receive{kSecond, 874'999'876};
    writer.gpsdWrite(clock, receive, 0, -1);
    QCOMPARE(writer.load(kOffCount), 2);
    QCOMPARE(writer.load(kOffValid), 1);

    const auto sample = shm.read();
    QVERIFY(sample);
    QCOMPARE(sample->referenceTime, toRealTime(clock));
    QCOMPARE(sample->receiveTime, toRealTime(receive));
    QCOMPARE(sample->referenceTime - sample->receiveTime, Nanoseconds(125'000'124));
    QCOMPARE(sample->leap, LeapIndicator::None);
    QCOMPARE(sample->precision, 0.5);
    QCOMPARE(writer.load(kOffValid), 0); // the reader cleared valid in the shared segment
    QCOMPARE(writer.load(kOffCount), 2);
    QVERIFY(!shm.read());

    // A leap-second warning with a negative offset.
    const Stamp clock2{kSecond + 2, 0};
    const Stamp receive2{kSecond + 2, 3'000'000};
    writer.gpsdWrite(clock2, receive2, 1, kGpsdPrecision);
    const auto second = shm.read();
    QVERIFY(second);
    QCOMPARE(toSeconds(second->referenceTime - second->receiveTime), -0.003);
    QCOMPARE(second->leap, LeapIndicator::InsertSecond);
    QCOMPARE(second->precision, std::ldexp(1.0, kGpsdPrecision));
    QCOMPARE(shm.status().samplesRead, std::uint64_t(2));

    QCOMPARE(::shmdt(mapped), 0);
    shm.detach();
    unit.remove();
    QVERIFY(::shmget(unit.key, 0, 0) < 0);
}

void TestShmRefClock::realSegmentUnderConcurrentWriter()
{
    // A writer thread hammers the segment while the reader polls; every sample the reader
    // returns must be one the writer wrote whole (clock − receive is the fixed offset and the
    // nanoseconds belong to the same write), whatever the interleaving. Torn reads may or may
    // not happen on a given run; none may leak through.
    constexpr int kMaxWrites = 20'000'000;
    constexpr int kMaxReads = 20'000'000;
    constexpr std::uint64_t kWantedSamples = 2'000;
    constexpr std::int64_t kOffsetNanos = 250'000'000;
    constexpr std::int64_t kFractionStep = 7'919; // ns per write, a prime: fractions differ

    PrivateUnit unit;
    if (!unit.claim())
        QSKIP("the private test segment key is in use by someone else");
    SystemShmSegmentApi api;
    ShmRefClock shm(api, unit.unit);
    QVERIFY2(shm.attach(), shm.status().error.c_str());
    const int id = ::shmget(unit.key, 0, 0);
    void *mapped = ::shmat(id, nullptr, 0);
    QVERIFY(reinterpret_cast<std::intptr_t>(mapped) != -1); // shmat's (void *)-1
    const RawSegment writer(mapped);
    writer.gpsdPreset();

    std::atomic<bool> started{false};
    std::atomic<bool> stop{false};
    std::thread writerThread([&] {
        for (std::int64_t i = 0; i < kMaxWrites && !stop.load(std::memory_order_relaxed); ++i) {
            // Each write has its own second and fraction, so mixed halves cannot agree.
            const std::int64_t receiveNanos = (kSecond + i) * kNanosPerSecond + (i * kFractionStep) % kNanosPerSecond;
            const std::int64_t clockNanos = receiveNanos + kOffsetNanos;
            writer.gpsdWrite(Stamp{clockNanos / kNanosPerSecond, std::uint32_t(clockNanos % kNanosPerSecond)},
                             Stamp{receiveNanos / kNanosPerSecond, std::uint32_t(receiveNanos % kNanosPerSecond)}, 0,
                             kGpsdPrecision);
            started = true;
        }
    });

    int bad = 0;
    for (int i = 0; i < kMaxReads && !started; ++i)
        std::this_thread::yield();
    for (int i = 0; i < kMaxReads && shm.status().samplesRead < kWantedSamples; ++i) {
        if (const auto sample = shm.read()) {
            const std::int64_t index = nanosSinceEpoch(sample->receiveTime) / kNanosPerSecond - kSecond;
            const std::int64_t expectedFraction = (index * kFractionStep) % kNanosPerSecond;
            if (sample->referenceTime - sample->receiveTime != Nanoseconds(kOffsetNanos)
                || nanosSinceEpoch(sample->receiveTime) % kNanosPerSecond != expectedFraction)
                ++bad;
        }
    }
    stop = true;
    writerThread.join();
    qInfo("read %llu samples, %llu torn reads skipped", static_cast<unsigned long long>(shm.status().samplesRead),
          static_cast<unsigned long long>(shm.status().tornReads));
    QCOMPARE(bad, 0);
    QVERIFY(shm.status().samplesRead > 0);
    QCOMPARE(shm.status().invalidSamples, std::uint64_t(0));
    ::shmdt(mapped);
}

QTEST_GUILESS_MAIN(TestShmRefClock)
#include "tst_shmrefclock.moc"
