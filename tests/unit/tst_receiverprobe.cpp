// ReceiverProbe against real receiver captures (tests/data/gps) sent down a simulated serial
// line: the receiver transmits the capture at its speed, and a UART model reads the line at the
// speed the probe asks for, bit by bit, so a wrong speed yields the noise a real port gives
// (framing errors arrive as NUL bytes, as Linux delivers them without IGNPAR). Covers the
// right speed, wrong speeds skipped, a device that is not a GPS, silence, and what the probe
// reports about the receiver.
#include "gps/ReceiverProbe.h"

#include "GpsCaptureFile.h"

#include <QtTest>

#include <QFile>

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <vector>

using namespace s1;

namespace {

constexpr std::int64_t kStartNs = 1'700'000'000LL * kNanosPerSecond; // 2023-11-14
constexpr double kStep = 0.05;                                       // s between reads, as a tty delivers them
constexpr int kUartBitsPerByte = 10;                                 // start, 8 data, stop
constexpr int kStopBit = 9;
constexpr int kSamplesPerBit = 16; // a UART hunts for the start edge at 16x
constexpr double kBitCentre = 0.5;
constexpr double kRunLimit = 60.0; // s, far above any probe's schedule
constexpr unsigned kNoiseSeed = 12345;

std::vector<std::uint8_t> loadCapture(const QString &name)
{
    const QByteArray data = test::gpsCapture(name);
    return {data.begin(), data.end()};
}

// What a UART at `readBaud` receives from a line driven at `sendBaud` with `sent`.
std::vector<std::uint8_t> uartReceive(const std::vector<std::uint8_t> &sent, int sendBaud, int readBaud)
{
    if (sendBaud == readBaud)
        return sent;
    const auto totalBits = static_cast<std::int64_t>(sent.size()) * kUartBitsPerByte;
    auto level = [&](double t) {
        const auto bit = static_cast<std::int64_t>(std::floor(t * sendBaud));
        if (bit < 0 || bit >= totalBits)
            return true; // idle
        const int k = static_cast<int>(bit % kUartBitsPerByte);
        if (k == 0)
            return false;
        if (k == kStopBit)
            return true;
        return ((sent[static_cast<std::size_t>(bit / kUartBitsPerByte)] >> (k - 1)) & 1) != 0;
    };
    const double readBit = 1.0 / readBaud;
    const double end = static_cast<double>(totalBits) / sendBaud;
    std::vector<std::uint8_t> out;
    double t = 0;
    while (t < end) { // t advances by at least a sixteenth of a bit each pass
        if (level(t)) {
            t += readBit / kSamplesPerBit;
            continue;
        }
        std::uint8_t byte = 0;
        for (int k = 0; k < 8; ++k) {
            if (level(t + (k + 1 + kBitCentre) * readBit))
                byte |= static_cast<std::uint8_t>(1u << k);
        }
        const bool framed = level(t + (kStopBit + kBitCentre) * readBit);
        out.push_back(framed ? byte : 0);
        t += (kStopBit + kBitCentre) * readBit;
    }
    return out;
}

// A receiver sending `data` over and over at `baud`, without pauses.
class Transmitter
{
public:
    Transmitter(std::vector<std::uint8_t> data, int baud)
        : m_data(std::move(data))
        , m_baud(baud)
    { }
    std::vector<std::uint8_t> send(double seconds)
    {
        std::vector<std::uint8_t> out;
        if (m_data.empty())
            return out;
        m_credit += seconds * m_baud / kUartBitsPerByte;
        while (m_credit >= 1.0) {
            out.push_back(m_data[m_pos]);
            m_pos = (m_pos + 1) % m_data.size();
            m_credit -= 1.0;
        }
        return out;
    }
    int baud() const { return m_baud; }

private:
    std::vector<std::uint8_t> m_data;
    int m_baud;
    std::size_t m_pos = 0;
    double m_credit = 0;
};

struct Run
{
    double elapsed = 0; // s until the probe decided
    int speedSwitches = 0;
};

RealTime at(double seconds)
{
    return realTimeFromNanos(kStartNs) + fromSeconds(seconds);
}

// Runs the probe on the line until it decides (or, with `extra`, that long after).
Run runProbe(ReceiverProbe &probe, Transmitter *tx, double extra = 0)
{
    Run run;
    probe.start(at(0));
    std::optional<double> decidedAt;
    const int steps = static_cast<int>(kRunLimit / kStep);
    for (int i = 1; i <= steps; ++i) {
        const double t = i * kStep;
        if (tx) {
            const auto bytes = uartReceive(tx->send(kStep), tx->baud(), probe.baudRate());
            if (probe.feed(bytes, at(t)))
                ++run.speedSwitches;
        }
        if (probe.poll(at(t)))
            ++run.speedSwitches;
        if (!decidedAt && probe.outcome() != ReceiverProbe::Outcome::Probing)
            decidedAt = t;
        if (decidedAt && t >= *decidedAt + extra)
            break;
    }
    run.elapsed = decidedAt.value_or(kRunLimit);
    return run;
}

std::vector<std::uint8_t> noise(std::size_t size)
{
    std::mt19937 rng(kNoiseSeed);
    std::uniform_int_distribution<int> byte(0, 255);
    std::vector<std::uint8_t> out(size);
    for (auto &b : out)
        b = static_cast<std::uint8_t>(byte(rng));
    return out;
}

} // namespace

class TestReceiverProbe : public QObject
{
    Q_OBJECT
private slots:
    void uartModelPassesMatchingSpeedAndGarblesOthers();
    void findsTheSpeedAtOnce_data();
    void findsTheSpeedAtOnce();
    void skipsWrongSpeeds_data();
    void skipsWrongSpeeds();
    void notAGpsIsGarbage();
    void silenceIsNoData();
    void keepsDecodingAfterLock();
    void restartForgetsThePreviousRun();
    void invalidSpeedListFallsBackToDefault();
    void deadlineFollowsTheTurn();
};

void TestReceiverProbe::uartModelPassesMatchingSpeedAndGarblesOthers()
{
    const std::vector<std::uint8_t> text{'$', 'G', 'P', 'R', 'M', 'C'};
    // Slightly different speeds (within a UART's tolerance) still read right.
    QCOMPARE(uartReceive(text, 9600, 9700), text);
    QVERIFY(uartReceive(text, 9600, 4800) != text);
    QVERIFY(uartReceive(text, 9600, 38400) != text);
    QVERIFY(!uartReceive(text, 9600, 38400).empty());
}

void TestReceiverProbe::findsTheSpeedAtOnce_data()
{
    QTest::addColumn<QString>("capture");
    QTest::addColumn<bool>("nmea");
    QTest::addColumn<bool>("ubx");
    QTest::addColumn<QString>("talker");   // one talker that must be listed; empty: none
    QTest::addColumn<QString>("receiver"); // part of the identity; empty: the capture has none
    QTest::addColumn<int>("system");       // a constellation that must be listed

    QTest::newRow("u-blox 8, NMEA") << "ublox-8.log" << true << false << "GN"
                                    << "" << int(GnssSystem::Glonass);
    QTest::newRow("u-blox M9N") << "ublox-neo-m9n-nmea.log" << true << false << "GN"
                                << "" << int(GnssSystem::Gps);
    QTest::newRow("Quectel L70") << "quectel-L70.log" << true << false << "GP"
                                 << "L70" << int(GnssSystem::Gps);
    QTest::newRow("Garmin 15x") << "garmin15x.log" << true << false << "GP"
                                << "" << int(GnssSystem::Gps);
    QTest::newRow("BeiDou") << "beidou-bd.log" << true << false << "BD"
                            << "" << int(GnssSystem::BeiDou);
    QTest::newRow("u-blox M8T, UBX") << "u-blox-m8t-time.log" << false << true << ""
                                     << "" << int(GnssSystem::Gps);
}

void TestReceiverProbe::findsTheSpeedAtOnce()
{
    QFETCH(QString, capture);
    QFETCH(bool, nmea);
    QFETCH(bool, ubx);
    QFETCH(QString, talker);
    QFETCH(QString, receiver);
    QFETCH(int, system);

    const auto data = loadCapture(capture);
    QVERIFY(!data.empty());
    Transmitter tx(data, 9600);
    ReceiverProbe probe;
    const Run run = runProbe(probe, &tx, ReceiverProbe::kListenTime);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Found);
    QCOMPARE(probe.baudRate(), 9600);
    QCOMPARE(run.speedSwitches, 0);
    QCOMPARE(probe.attempts().size(), std::size_t(1));
    // Locked within one speed's turn, not by running out of speeds.
    QVERIFY2(run.elapsed < ReceiverProbe::kListenTime, qPrintable(QString::number(run.elapsed)));

    const ReceiverFindings f = probe.findings(at(run.elapsed + ReceiverProbe::kListenTime));
    QCOMPARE(f.baudRate, 9600);
    QCOMPARE(f.nmea, nmea);
    QCOMPARE(f.ubx, ubx);
    if (!talker.isEmpty())
        QVERIFY2(f.talkers.count(talker.toStdString()) == 1, qPrintable(capture));
    else
        QVERIFY(f.talkers.empty());
    if (!receiver.isEmpty())
        QVERIFY2(QString::fromStdString(f.receiver).contains(receiver), f.receiver.c_str());
    QVERIFY2(f.constellations.count(GnssSystem(system)) == 1, qPrintable(capture));
    QVERIFY(f.messages >= ReceiverProbe::kMessagesToLock);
}

void TestReceiverProbe::skipsWrongSpeeds_data()
{
    QTest::addColumn<QString>("capture");
    QTest::addColumn<int>("baud");
    QTest::newRow("NMEA at 4800") << "garmin15x.log" << 4800;
    QTest::newRow("NMEA at 115200") << "ublox-8.log" << 115200;
    QTest::newRow("NMEA at 19200 (last)") << "mt3339.log" << 19200;
    QTest::newRow("UBX at 38400") << "ublox-neo-m8t.log" << 38400;
}

void TestReceiverProbe::skipsWrongSpeeds()
{
    QFETCH(QString, capture);
    QFETCH(int, baud);
    Transmitter tx(loadCapture(capture), baud);
    ReceiverProbe probe;
    const Run run = runProbe(probe, &tx);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Found);
    QCOMPARE(probe.baudRate(), baud);
    const auto &order = probe.baudOrder();
    const auto position = std::size_t(std::find(order.begin(), order.end(), baud) - order.begin());
    QCOMPARE(probe.attempts().size(), position + 1);
    QCOMPARE(run.speedSwitches, int(position));
    // Every wrong speed got bytes (noise) and not one valid message.
    for (std::size_t i = 0; i < position; ++i) {
        const ProbeAttempt &a = probe.attempts()[i];
        QVERIFY2(a.bytes > 0, qPrintable(QString::number(a.baudRate)));
        QCOMPARE(a.messages, std::uint64_t(0));
    }
    QVERIFY(run.elapsed <= (double(position) + 1) * ReceiverProbe::kListenTime + kStep);
}

void TestReceiverProbe::notAGpsIsGarbage()
{
    const std::size_t seconds = 10;
    Transmitter tx(noise(9600 / kUartBitsPerByte * seconds), 9600);
    ReceiverProbe probe;
    const Run run = runProbe(probe, &tx);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Garbage);
    QCOMPARE(probe.attempts().size(), ReceiverProbe::kDefaultBaudOrder.size());
    for (const ProbeAttempt &a : probe.attempts()) {
        QVERIFY(a.bytes > 0);
        QCOMPARE(a.messages, std::uint64_t(0));
    }
    QVERIFY(run.elapsed <= ReceiverProbe::kDefaultBaudOrder.size() * ReceiverProbe::kListenTime + kStep);
    QVERIFY(!probe.isRunning());
    QVERIFY(!probe.nextDeadline());
    // A decided probe ignores what comes later.
    const std::vector<std::uint8_t> sentence{'$', 'G', 'P'};
    QVERIFY(!probe.feed(sentence, at(run.elapsed + 1)));
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Garbage);
}

void TestReceiverProbe::silenceIsNoData()
{
    ReceiverProbe probe;
    const Run run = runProbe(probe, nullptr);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::NoData);
    QCOMPARE(probe.attempts().size(), ReceiverProbe::kDefaultBaudOrder.size());
    QCOMPARE(run.speedSwitches, int(ReceiverProbe::kDefaultBaudOrder.size()) - 1);
    for (const ProbeAttempt &a : probe.attempts())
        QCOMPARE(a.bytes, std::uint64_t(0));
    // Every speed got its whole turn, and no more.
    const double expected = ReceiverProbe::kDefaultBaudOrder.size() * ReceiverProbe::kListenTime;
    QVERIFY2(std::fabs(run.elapsed - expected) <= kStep, qPrintable(QString::number(run.elapsed)));
}

void TestReceiverProbe::keepsDecodingAfterLock()
{
    // The u-blox 8 capture has a 3D fix with GPS and GLONASS satellites in view.
    Transmitter tx(loadCapture(QStringLiteral("ublox-8.log")), 9600);
    ReceiverProbe probe;
    const Run early = runProbe(probe, &tx);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Found);
    const ReceiverFindings first = probe.findings(at(early.elapsed));

    const Run later = runProbe(probe, &tx, 3.0);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Found);
    const ReceiverFindings f = probe.findings(at(later.elapsed + 3.0));
    QVERIFY(f.messages > first.messages);
    QCOMPARE(f.fixMode, GpsFixMode::Fix3D);
    QVERIFY(f.satellitesVisible > 0);
    QVERIFY(f.satellitesUsed > 0);
    QVERIFY(f.satellitesUsed <= f.satellitesVisible);
    QVERIFY(f.epochTime.has_value());
    QVERIFY(f.constellations.count(GnssSystem::Gps) == 1);
    QVERIFY(f.constellations.count(GnssSystem::Glonass) == 1);
}

void TestReceiverProbe::restartForgetsThePreviousRun()
{
    ReceiverProbe probe;
    runProbe(probe, nullptr);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::NoData);
    Transmitter tx(loadCapture(QStringLiteral("mtk-3301.log")), 9600);
    runProbe(probe, &tx);
    QCOMPARE(probe.outcome(), ReceiverProbe::Outcome::Found);
    QCOMPARE(probe.attempts().size(), std::size_t(1));
}

void TestReceiverProbe::invalidSpeedListFallsBackToDefault()
{
    ReceiverProbe probe({0, -4800});
    QCOMPARE(probe.baudOrder().size(), ReceiverProbe::kDefaultBaudOrder.size());
    QCOMPARE(probe.baudRate(), ReceiverProbe::kDefaultBaudOrder.front());

    ReceiverProbe custom({4800, 0});
    QCOMPARE(custom.baudOrder(), std::vector<int>{4800});
    custom.start(at(0));
    QVERIFY(!custom.poll(at(ReceiverProbe::kListenTime)));
    QCOMPARE(custom.outcome(), ReceiverProbe::Outcome::NoData);
}

void TestReceiverProbe::deadlineFollowsTheTurn()
{
    ReceiverProbe probe;
    QVERIFY(!probe.nextDeadline()); // not started
    probe.start(at(0));
    QCOMPARE(*probe.nextDeadline(), at(ReceiverProbe::kListenTime));
    QVERIFY(!probe.poll(at(ReceiverProbe::kListenTime - kStep)));
    QCOMPARE(probe.baudRate(), ReceiverProbe::kDefaultBaudOrder[0]);
    QVERIFY(probe.poll(at(ReceiverProbe::kListenTime)));
    QCOMPARE(probe.baudRate(), ReceiverProbe::kDefaultBaudOrder[1]);
    QCOMPARE(*probe.nextDeadline(), at(2 * ReceiverProbe::kListenTime));
}

QTEST_GUILESS_MAIN(TestReceiverProbe)
#include "tst_receiverprobe.moc"
