// The serial line's load (SerialLinkLoad through GpsStreamDecoder): rates from known sentence
// mixes at 9600 and 115200 baud, the receiver's buffer warnings as real receivers word them,
// sentences cut short, the advice (what to turn off, which speed), real captures replayed at
// their own epoch rate, and a receiver that sends more than 9600 baud carries, through the
// engine's alarms and `stratumctl gps`'s report, until it is reconfigured.
#include "GpsCaptureFile.h"
#include "NmeaText.h"
#include "alarms/AlarmMonitor.h"
#include "chronyc/GpsReportFormat.h"
#include "config/EngineConfig.h"
#include "engine/Engine.h"
#include "gps/GpsStreamDecoder.h"
#include "gps/SerialLinkLoad.h"
#include "gps/UbxFrame.h"
#include "gps/config/SerialLinkAdvice.h"
#include "json/GpsStatusJson.h"

#include <QtTest>

#include <deque>
#include <string>
#include <vector>

using namespace s1;
using s1::test::nmea;

namespace {

const RealTime kStart = realTimeFromNanos(1'700'000'000LL * kNanosPerSecond);

RealTime at(double seconds)
{
    return kStart + fromSeconds(seconds);
}

std::span<const std::uint8_t> bytesOf(const std::string &s)
{
    return {reinterpret_cast<const std::uint8_t *>(s.data()), s.size()};
}

// One epoch of a multi-GNSS receiver with the factory sentence set: RMC, GGA, GSA per system,
// GSV for four systems, GLL and VTG.
std::vector<std::string> factoryEpoch(int second, bool withView = true, bool withExtras = true)
{
    char time[16];
    std::snprintf(time, sizeof time, "%02d%02d%02d.00", 12, second / 60 % 60, second % 60);
    const std::string t(time);
    std::vector<std::string> out{
        nmea("GNRMC," + t + ",A,4807.03800,N,01131.00000,E,0.012,,010625,,,D,V"),
        nmea("GNGGA," + t + ",4807.03800,N,01131.00000,E,2,12,0.62,545.4,M,46.9,M,,"),
    };
    for (int system = 1; system <= 4; ++system)
        out.push_back(nmea("GNGSA,A,3,02,05,13,15,18,20,,,,,,,1.20,0.62,1.03," + std::to_string(system)));
    if (withView) {
        for (const std::string talker : {"GP", "GL", "GA", "GB"})
            for (int n = 1; n <= 3; ++n)
                out.push_back(nmea(talker + "GSV,3," + std::to_string(n)
                                   + ",12,02,60,090,45,05,45,180,42,13,30,270,38,15,22,045,33,1"));
    }
    if (withExtras) {
        out.push_back(nmea("GNGLL,4807.03800,N,01131.00000,E," + t + ",A,D"));
        out.push_back(nmea("GNVTG,,T,,M,0.012,N,0.022,K,D"));
    }
    return out;
}

std::size_t sizeOf(const std::vector<std::string> &sentences)
{
    std::size_t n = 0;
    for (const std::string &s : sentences)
        n += s.size();
    return n;
}

// Feeds `seconds` epochs, each as one burst read at second k (first byte at k + 0.01 s).
void feedBursts(GpsStreamDecoder &decoder, int baud, int seconds, bool withView = true, bool withExtras = true)
{
    for (int k = 0; k < seconds; ++k) {
        std::string burst;
        for (const std::string &s : factoryEpoch(k, withView, withExtras))
            burst += s;
        const double airtime = double(burst.size()) * SerialLinkLoad::kBitsPerByte / baud;
        decoder.feed(bytesOf(burst), at(k + 0.01 + airtime));
    }
}

const GpsTalkerLoad *talker(const GpsLinkLoad &load, const std::string &type)
{
    for (const GpsTalkerLoad &t : load.talkers)
        if (t.type == type)
            return &t;
    return nullptr;
}

// A receiver at the other end of a UART: every second it queues its epoch in a transmit
// buffer of kTxBuffer bytes, which the line drains at baud / 10 bytes per second in reads of
// kChunk bytes. A message that does not fit is dropped and the receiver queues u-blox's
// warning instead, as an M8/F9 does.
class LinkedReceiver
{
public:
    static constexpr std::size_t kTxBuffer = 4096;
    static constexpr std::size_t kChunk = 32;
    // Room kept for the receiver's own warning.
    static constexpr std::size_t kWarningReserve = 64;

    explicit LinkedReceiver(int baud)
        : m_baud(baud)
    {
        decoder.setBaudRate(baud);
    }

    void second(int s, const std::vector<std::string> &epoch)
    {
        bool dropped = false;
        for (const std::string &m : epoch) {
            if (m_queue.size() + m.size() > kTxBuffer - kWarningReserve) {
                dropped = true;
                continue;
            }
            m_queue.insert(m_queue.end(), m.begin(), m.end());
        }
        const std::string warning = "$GNTXT,01,01,00,txbuf alloc*61\r\n"; // as a ZED-F9P sends it
        if (dropped && m_queue.size() + warning.size() <= kTxBuffer)
            m_queue.insert(m_queue.end(), warning.begin(), warning.end());
        m_time = std::max(m_time, double(s));
        while (!m_queue.empty() && m_time < s + 1) {
            const std::size_t n = std::min(kChunk, m_queue.size());
            const std::vector<std::uint8_t> chunk(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(n));
            m_queue.erase(m_queue.begin(), m_queue.begin() + std::ptrdiff_t(n));
            m_time += double(n) * SerialLinkLoad::kBitsPerByte / m_baud;
            decoder.feed(chunk, at(m_time));
        }
    }

    GpsStreamDecoder decoder;

private:
    int m_baud;
    std::deque<std::uint8_t> m_queue;
    double m_time = 0;
};

} // namespace

class TestSerialLinkLoad : public QObject
{
    Q_OBJECT

private slots:
    void loadAt9600();
    void loadAt115200();
    void burstAgainstTheEpoch();
    void receiverWarnings();
    void truncatedSentences();
    void cutSentencesOnABusyLine();
    void noWarningsInTheCaptures();
    void adviceNamesTheBiggestUnneededFirst();
    void speedAdvice();
    void statusCarriesTheLoad();
    void usbPortHasNoSpeedLimit();
    void capturesReplayed_data();
    void capturesReplayed();
    void alarmFollowsTheVerdict();
    void overloadedReceiverRaisesAndClearsTheAlarm();
};

void TestSerialLinkLoad::loadAt9600()
{
    // Without GSV: RMC, GGA, 4 GSA, GLL, VTG once a second.
    const std::size_t perSecond = sizeOf(factoryEpoch(0, false, true));
    GpsStreamDecoder decoder;
    decoder.setBaudRate(9600);
    feedBursts(decoder, 9600, 10, false, true);
    const GpsLinkLoad load = decoder.linkLoad().snapshot(at(10));
    QCOMPARE(load.baudRate, 9600);
    QCOMPARE(load.windowSeconds, 10.0);
    QCOMPARE(load.bytesPerSecond, double(perSecond));
    QCOMPARE(load.load, double(perSecond) / 960.0);
    QVERIFY(!load.overloaded);
    QVERIFY(load.advice.empty());
    // By formatter, line ends included: the four GSA are one "GSA".
    QVERIFY(talker(load, "GSA"));
    const std::vector<std::string> epoch = factoryEpoch(0, false, false);
    QCOMPARE(talker(load, "GSA")->bytesPerSecond,
             double(sizeOf(std::vector<std::string>(epoch.begin() + 2, epoch.end()))));
    QCOMPARE(load.talkers.front().type, std::string("GSA"));
    double sum = 0;
    for (const GpsTalkerLoad &t : load.talkers)
        sum += t.bytesPerSecond;
    QCOMPARE(sum, double(perSecond));
    // The burst: its airtime at 9600 baud, once a second.
    QVERIFY(load.epochInterval);
    QCOMPARE(*load.epochInterval, 1.0);
    QCOMPARE(load.longestBurst, double(perSecond) / 960.0);
}

void TestSerialLinkLoad::loadAt115200()
{
    const std::size_t perSecond = sizeOf(factoryEpoch(0));
    QVERIFY(perSecond > 960); // more than 9600 baud carries
    GpsStreamDecoder decoder;
    decoder.setBaudRate(115200);
    feedBursts(decoder, 115200, 20);
    const GpsLinkLoad load = decoder.linkLoad().snapshot(at(20));
    QCOMPARE(load.bytesPerSecond, double(perSecond));
    QCOMPARE(load.load, double(perSecond) / 11520.0);
    QVERIFY(load.load < 0.15);
    QVERIFY(!load.overloaded);
    QCOMPARE(load.talkers.front().type, std::string("GSV"));
    // Half a second later the current second does not count yet: the rate stays.
    QCOMPARE(decoder.linkLoad().snapshot(at(20.5)).bytesPerSecond, double(perSecond));
    // The window slides: 30 s of silence later only the last 30 s of bytes count, over 60 s.
    const GpsLinkLoad later = decoder.linkLoad().snapshot(at(20 + SerialLinkLoad::kWindowSeconds));
    QCOMPARE(later.windowSeconds, double(SerialLinkLoad::kWindowSeconds));
    QCOMPARE(later.bytesPerSecond, 0.0);
}

void TestSerialLinkLoad::burstAgainstTheEpoch()
{
    // 5 Hz at 38400 baud: each burst takes 40 % of its 0.2 s interval, leaving more than the
    // decoder's burst gap of silence; the interval is measured from the bursts' starts.
    const int baud = 38400;
    const std::string sentence = nmea("GNGSV,3,1,12,02,60,090,45,05,45,180,42,13,30,270,38,15,22,045,33,1");
    std::string burst;
    while (double(burst.size() + sentence.size()) < 0.4 * 0.2 * baud / 10)
        burst += sentence;
    GpsStreamDecoder decoder;
    decoder.setBaudRate(baud);
    for (int k = 0; k < 50; ++k) {
        const double airtime = double(burst.size()) * 10 / baud;
        decoder.feed(bytesOf(burst), at(k * 0.2 + airtime));
    }
    const GpsLinkLoad load = decoder.linkLoad().snapshot(at(10));
    QVERIFY(load.epochInterval);
    QVERIFY(std::abs(*load.epochInterval - 0.2) < 1e-6);
    QVERIFY(std::abs(load.longestBurst - double(burst.size()) * 10 / baud) < 1e-9);
    QVERIFY(load.longestBurst < 0.4 * 0.2);
    QVERIFY(!load.overloaded);
    // The same bursts at 9600 baud would take 1.6 times their interval: overloaded.
    GpsStreamDecoder slow;
    slow.setBaudRate(9600);
    for (int k = 0; k < 10; ++k)
        slow.feed(bytesOf(burst), at(k + double(burst.size()) * 10 / 9600));
    QVERIFY(slow.linkLoad().snapshot(at(10)).overloaded == (double(burst.size()) * 10 / 9600 > 0.8));
}

void TestSerialLinkLoad::receiverWarnings()
{
    // How u-blox words a full transmit buffer: TXT type 00 (error) "txbuf alloc", seen from a
    // ZED-F9P and M8 receivers, and the same text as UBX-INF-ERROR.
    QVERIFY(SerialLinkLoad::isBufferWarning("txbuf alloc"));
    QVERIFY(SerialLinkLoad::isBufferWarning("TX BUFFER OVERFLOW"));
    QVERIFY(SerialLinkLoad::isBufferWarning("buffer full"));
    // u-blox's identity and status notices, and the TXT texts of the captures, are not warnings.
    for (const char *text : {"u-blox ag - www.u-blox.com", "HW UBX-G70xx   00070000 FF7FFFFFo", "ROM CORE 1.00 (59842)",
                             "PROTVER=18.00", "ANTSTATUS=OK", "DEFAULT PVT CONFIGURATION", "MOD=NEO-M8T"})
        QVERIFY2(!SerialLinkLoad::isBufferWarning(text), text);

    GpsStreamDecoder decoder;
    decoder.setBaudRate(9600);
    feedBursts(decoder, 9600, 5, false, false);
    QVERIFY(!decoder.linkLoad().snapshot(at(5)).overloaded);
    const std::string txt = "$GNTXT,01,01,00,txbuf alloc*61\r\n";
    QCOMPARE(txt, nmea("GNTXT,01,01,00,txbuf alloc")); // the real sentence, checksum and all
    decoder.feed(bytesOf(txt), at(5.2));
    GpsLinkLoad load = decoder.linkLoad().snapshot(at(5.5));
    QCOMPARE(load.receiverWarnings, std::uint64_t(1));
    QCOMPARE(load.lastReceiverWarning, std::string("txbuf alloc"));
    QVERIFY(load.overloaded); // the receiver dropped messages, whatever the figures say
    QVERIFY(!load.advice.empty());
    // UBX-INF-ERROR with the same text.
    const std::string text = "txbuf alloc";
    const auto inf = UbxFrame::encode(0x04, 0x00, bytesOf(text));
    decoder.feed(inf, at(6.2));
    load = decoder.linkLoad().snapshot(at(6.5));
    QCOMPARE(load.receiverWarnings, std::uint64_t(2));
    // A minute later the warnings have left the window.
    QCOMPARE(decoder.linkLoad().snapshot(at(6.5 + SerialLinkLoad::kWindowSeconds + 1)).receiverWarnings,
             std::uint64_t(0));
}

void TestSerialLinkLoad::truncatedSentences()
{
    GpsStreamDecoder decoder;
    decoder.setBaudRate(9600);
    // A GSV cut by the start of the next sentence, as a receiver that drops the rest of a
    // message sends it; and a bad checksum.
    const std::string cut =
        "$GPGSV,3,1,12,02,60,090,45,05,4" + nmea("GPGGA,120000.00,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
    decoder.feed(bytesOf(cut), at(1.1));
    decoder.feed(bytesOf("$GPGLL,4807.038,N,01131.000,E,120000.00,A,A*00\r\n"), at(1.2));
    // Noise is not a cut sentence (that is a wrong speed, not overflow).
    decoder.feed(bytesOf(std::string("$GPGSV,3,1\x01\x02junk\r\n")), at(1.3));
    const GpsLinkLoad load = decoder.linkLoad().snapshot(at(1.5));
    QCOMPARE(load.truncatedSentences, std::uint64_t(1));
    QCOMPARE(load.damagedMessages, std::uint64_t(1));
    // A quiet line with one cut sentence is not overloaded.
    QVERIFY(!load.overloaded);
}

void TestSerialLinkLoad::cutSentencesOnABusyLine()
{
    // At 19200 baud the factory set of a four-GNSS receiver is busy (over 50 %) but within the
    // headroom. A sentence cut by the next one once or twice is a spike; the third in a minute
    // is overflow.
    GpsStreamDecoder decoder;
    decoder.setBaudRate(19200);
    feedBursts(decoder, 19200, 10);
    GpsLinkLoad load = decoder.linkLoad().snapshot(at(10));
    QVERIFY(load.load > SerialLinkLoad::kBusyLoad && load.load < SerialLinkLoad::kMaxLoad);
    QVERIFY(!load.overloaded);
    const std::string cut = "$GPGSV,3,1,12,02,60,090,45,05,4";
    for (std::uint64_t n = 1; n <= SerialLinkLoad::kOverflowSigns; ++n) {
        decoder.feed(bytesOf(cut + nmea("GNVTG,,T,,M,0.012,N,0.022,K,D")), at(10 + double(n) / 10));
        load = decoder.linkLoad().snapshot(at(10.5));
        QCOMPARE(load.truncatedSentences, n);
        QCOMPARE(load.overloaded, n >= SerialLinkLoad::kOverflowSigns);
    }
}

void TestSerialLinkLoad::noWarningsInTheCaptures()
{
    // Every capture, NMEA and UBX (with its INF-NOTICE and TXT identity texts), fed whole: no
    // text is mistaken for a buffer warning.
    const QStringList captures = QDir(QStringLiteral(S1_TEST_DATA_DIR "/gps")).entryList({QStringLiteral("*.log")});
    QVERIFY(captures.size() >= 18);
    for (const QString &capture : captures) {
        const QByteArray data = test::gpsCapture(capture);
        GpsStreamDecoder decoder;
        decoder.setBaudRate(115200);
        decoder.feed({reinterpret_cast<const std::uint8_t *>(data.constData()), std::size_t(data.size())}, at(1));
        QVERIFY2(decoder.linkLoad().snapshot(at(2)).receiverWarnings == 0, qPrintable(capture));
    }
}

void TestSerialLinkLoad::adviceNamesTheBiggestUnneededFirst()
{
    // The factory set of a multi-GNSS receiver at 9600 baud, as measured: GSV is the biggest
    // talker and turning off GLL and VTG (not needed at all) is not enough.
    GpsLinkLoad load;
    load.baudRate = 9600;
    load.windowSeconds = 60;
    load.talkers = {{"GSV", 520}, {"GSA", 120}, {"GGA", 75}, {"RMC", 72}, {"GLL", 50}, {"VTG", 35}};
    for (const GpsTalkerLoad &t : load.talkers)
        load.bytesPerSecond += t.bytesPerSecond;
    load.load = load.bytesPerSecond / 960;
    load.epochInterval = 1.0;
    load.longestBurst = load.load;
    QCOMPARE(messageNeed("GSV"), MessageNeed::SatelliteView);
    QCOMPARE(messageNeed("RMC"), MessageNeed::Time);
    QCOMPARE(messageNeed("GLL"), MessageNeed::NotNeeded);
    QCOMPARE(messageNeed("UBX-NAV-PVT"), MessageNeed::Time);
    QCOMPARE(messageNeed("UBX-RXM-RAWX"), MessageNeed::NotNeeded);
    QCOMPARE(messageNeed("TXT"), MessageNeed::Never);
    const SerialLinkFix fix = serialLinkFix(load);
    QVERIFY(!fix.turnOff.empty());
    QCOMPARE(fix.turnOff.front(), std::string("GSV"));
    QCOMPARE(fix.turnOff, std::vector<std::string>{"GSV"}); // GSV alone brings it to 37 %
    QVERIFY(!fix.atLeast);
    QCOMPARE(fix.baudRate, std::optional<int>(19200));
    const std::string advice = serialLinkAdvice(load);
    QVERIFY2(advice.starts_with("Turn off GSV (520 B/s)"), advice.c_str());
    QVERIFY2(advice.find("19200 baud") != std::string::npos, advice.c_str());
    QVERIFY2(advice.find("Configure the receiver") != std::string::npos, advice.c_str());
    QVERIFY2(advice.find("stratumctl gps") != std::string::npos, advice.c_str());

    // When the messages the engine does not need at all are enough, they go first and the
    // satellite view stays.
    GpsLinkLoad light = load;
    light.talkers = {{"UBX-RXM-RAWX", 400}, {"GSV", 300}, {"GGA", 75}, {"RMC", 72}};
    light.bytesPerSecond = 847;
    light.load = light.bytesPerSecond / 960;
    light.longestBurst = light.load;
    QCOMPARE(serialLinkFix(light).turnOff, std::vector<std::string>{"UBX-RXM-RAWX"});
}

void TestSerialLinkLoad::speedAdvice()
{
    // The smallest standard speed that carries the load and the burst within the headroom.
    const auto speedFor = [](int baud, double bytesPerSecond, double burst = 0) {
        GpsLinkLoad load;
        load.baudRate = baud;
        load.windowSeconds = 60;
        load.bytesPerSecond = bytesPerSecond;
        load.load = bytesPerSecond * 10 / baud;
        load.longestBurst = burst;
        load.epochInterval = 1.0;
        return serialLinkFix(load).baudRate;
    };
    QCOMPARE(speedFor(9600, 900), std::optional<int>(19200));      // 11250 baud needed
    QCOMPARE(speedFor(9600, 1600), std::optional<int>(38400));     // 20000
    QCOMPARE(speedFor(9600, 3000), std::optional<int>(38400));     // 37500
    QCOMPARE(speedFor(9600, 3100), std::optional<int>(57600));     // 38750
    QCOMPARE(speedFor(38400, 9000), std::optional<int>(115200));   // 112500
    QCOMPARE(speedFor(115200, 18000), std::optional<int>(230400)); // 225000
    QCOMPARE(speedFor(230400, 30000), std::nullopt);               // nothing standard carries it
    // A burst that does not fit its second needs more than the average says.
    QCOMPARE(speedFor(9600, 500, 0.9), std::optional<int>(19200));
    // A saturated line: the receiver wants more than was measured, so "or more".
    GpsLinkLoad saturated;
    saturated.baudRate = 9600;
    saturated.windowSeconds = 60;
    saturated.bytesPerSecond = 955;
    saturated.load = 955.0 / 960;
    saturated.receiverWarnings = 3;
    saturated.lastReceiverWarning = "txbuf alloc";
    const SerialLinkFix fix = serialLinkFix(saturated);
    QVERIFY(fix.atLeast);
    QCOMPARE(fix.baudRate, std::optional<int>(19200));
    QVERIFY(serialLinkAdvice(saturated).find("19200 baud or more") != std::string::npos);
    // No standard speed and nothing to turn off: say so.
    GpsLinkLoad hopeless = saturated;
    hopeless.baudRate = 230400;
    hopeless.bytesPerSecond = 23000;
    hopeless.load = 23000.0 / 23040;
    QVERIFY(serialLinkAdvice(hopeless).starts_with("No standard speed"));
}

void TestSerialLinkLoad::statusCarriesTheLoad()
{
    LinkedReceiver receiver(9600);
    for (int s = 0; s < 30; ++s)
        receiver.second(s, factoryEpoch(s));
    const GpsStatus status = receiver.decoder.status(at(30));
    QVERIFY(status.link);
    QVERIFY(status.link->overloaded);
    QVERIFY(status.link->load > 0.95);
    // JSON round trip (stratumctl, the window attached to a service).
    const auto back = gpsStatusFromJson(gpsStatusToJson(status));
    QVERIFY(back);
    QVERIFY(*back == status);
    // No link: the field is left out, as before.
    GpsStatus plain = status;
    plain.link.reset();
    QVERIFY(!gpsStatusToJson(plain).contains("link"));
    // `stratumctl gps`.
    const std::string report = formatGpsReport(status);
    QVERIFY2(report.find("Serial link     : 100 % of 9600 baud (") != std::string::npos, report.c_str());
    QVERIFY2(report.find("OVERLOADED") != std::string::npos, report.c_str());
    QVERIFY2(report.find("Top talkers     : GSV ") != std::string::npos, report.c_str());
    QVERIFY2(report.find("receiver warnings (\"txbuf alloc\")") != std::string::npos, report.c_str());
    QVERIFY2(report.find("Link advice     : Turn off GSV") != std::string::npos, report.c_str());
}

void TestSerialLinkLoad::usbPortHasNoSpeedLimit()
{
    // A receiver on its own USB port (ttyACM) sends the factory set at 1.4 kB/s although the
    // configuration says 9600 baud: USB does not care, and that is not an overload.
    QVERIFY(SerialLinkLoad::isUsbDevice("/dev/ttyACM0"));
    QVERIFY(SerialLinkLoad::isUsbDevice("/dev/serial/by-id/usb-u-blox_AG_-_www.u-blox.com_u-blox_GNSS_receiver-if00"
                                        "/../../ttyACM1"));
    QVERIFY(!SerialLinkLoad::isUsbDevice("/dev/ttyUSB0")); // a USB-serial adapter: a real UART
    QVERIFY(!SerialLinkLoad::isUsbDevice("/dev/ttyAMA0"));
    GpsStreamDecoder decoder;
    decoder.setBaudRate(9600);
    decoder.setUsbLink(true);
    feedBursts(decoder, 1'000'000, 20);
    GpsLinkLoad load = decoder.status(at(20)).link.value();
    QVERIFY(load.usb);
    QCOMPARE(load.bytesPerSecond, double(sizeOf(factoryEpoch(0))));
    QCOMPARE(load.load, 0.0);
    QVERIFY(!load.overloaded);
    QVERIFY2(formatGpsReport(decoder.status(at(20))).find("Serial link     : USB (") != std::string::npos,
             formatGpsReport(decoder.status(at(20))).c_str());
    // u-blox's warning still counts: its buffers are shared with a UART that backs up.
    decoder.feed(bytesOf(nmea("GNTXT,01,01,00,txbuf alloc")), at(20.5));
    load = decoder.status(at(21)).link.value();
    QVERIFY(load.overloaded);
    QVERIFY2(load.advice.find("UART1") != std::string::npos, load.advice.c_str());
    QVERIFY2(load.advice.find("turn off GLL") != std::string::npos, load.advice.c_str());
    QVERIFY2(load.advice.find("baud or more") == std::string::npos, load.advice.c_str());
    AlarmMonitor m;
    for (int t = 21; t <= 40; ++t) {
        AlarmInputs in;
        in.now = at(t);
        in.gps = decoder.status(at(t));
        m.update(in);
    }
    bool raised = false;
    for (const Alarm &a : m.alarms())
        if (a.kind == AlarmKind::SerialLinkOverloaded && a.active()) {
            raised = true;
            QVERIFY2(a.text.find("USB port") != std::string::npos, a.text.c_str());
            QVERIFY2(a.text.find("baud") == std::string::npos, a.text.c_str());
        }
    QVERIFY(raised);
}

void TestSerialLinkLoad::capturesReplayed_data()
{
    QTest::addColumn<QString>("capture");
    QTest::addColumn<int>("baud");
    QTest::newRow("ublox-neo-m9n-nmea") << "ublox-neo-m9n-nmea.log" << 38400;
    QTest::newRow("sirfstarv-nmea") << "sirfstarv-nmea.log" << 9600;
    QTest::newRow("mt3339") << "mt3339.log" << 9600;
}

void TestSerialLinkLoad::capturesReplayed()
{
    // A capture replayed at one epoch per second (a new epoch at each RMC): the measured rate
    // is the capture's bytes over its seconds.
    QFETCH(QString, capture);
    QFETCH(int, baud);
    const QByteArray data = test::gpsCapture(capture);
    QVERIFY(!data.isEmpty());
    std::vector<std::string> epochs;
    const QList<QByteArray> lines = data.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        std::string line = lines[i].toStdString();
        if (i + 1 < lines.size())
            line += '\n';
        if (line.empty())
            continue;
        if (epochs.empty() || (line.size() > 6 && line.substr(3, 4) == "RMC,"))
            epochs.emplace_back();
        epochs.back() += line;
    }
    QVERIFY(epochs.size() > 10);
    GpsStreamDecoder decoder;
    decoder.setBaudRate(baud);
    for (std::size_t k = 0; k < epochs.size(); ++k)
        decoder.feed(bytesOf(epochs[k]), at(double(k) + 0.05 + double(epochs[k].size()) * 10 / baud));
    const GpsLinkLoad load = decoder.status(at(double(epochs.size()))).link.value();
    // The window's seconds (the last minute of a longer capture).
    const std::size_t counted = std::min<std::size_t>(epochs.size(), SerialLinkLoad::kWindowSeconds);
    QCOMPARE(load.windowSeconds, double(counted));
    const double expected = double(data.size()) / double(epochs.size());
    QVERIFY2(std::abs(load.bytesPerSecond - expected) / expected < 0.03,
             qPrintable(QStringLiteral("%1 B/s measured, %2 expected").arg(load.bytesPerSecond).arg(expected)));
    QVERIFY(std::abs(load.load - load.bytesPerSecond * 10 / baud) < 1e-9);
    QVERIFY(load.epochInterval && std::abs(*load.epochInterval - 1.0) < 1e-6);
    QVERIFY(!load.overloaded);
    QCOMPARE(load.receiverWarnings, std::uint64_t(0));
    if (capture.startsWith("ublox-neo-m9n")) {
        // Four GNSS' GSV: by far the biggest talker; at 9600 baud this receiver would not fit.
        QCOMPARE(load.talkers.front().type, std::string("GSV"));
        QVERIFY(load.bytesPerSecond > 960);
        GpsLinkLoad at9600 = load;
        at9600.baudRate = 9600;
        at9600.load = load.bytesPerSecond / 960;
        at9600.longestBurst = load.longestBurst * 38400 / 9600;
        const SerialLinkFix fix = serialLinkFix(at9600);
        QCOMPARE(fix.turnOff.front(), std::string("GSV"));
        QCOMPARE(fix.baudRate, std::optional<int>(19200));
    }
}

void TestSerialLinkLoad::alarmFollowsTheVerdict()
{
    // The monitor alone: raised when the verdict held kLinkOverloadRaiseDelay, cleared when it
    // was gone kLinkOverloadClearDelay; the serial errors alarm's fix then names the same advice.
    GpsLinkLoad link;
    link.baudRate = 9600;
    link.windowSeconds = 60;
    link.bytesPerSecond = 950;
    link.load = 950.0 / 960;
    link.receiverWarnings = 4;
    link.lastReceiverWarning = "txbuf alloc";
    link.overloaded = true;
    link.advice = "Turn off GSV (500 B/s).";
    const auto inputs = [&](double t, bool overloaded, std::uint64_t checksumErrors = 0) {
        AlarmInputs in;
        in.now = at(t);
        in.synchronised = true;
        GpsStatus gps;
        gps.fixMode = GpsFixMode::Fix3D;
        gps.epochTimeValid = true;
        gps.lastMessageAge = 0.2;
        gps.checksumErrors = checksumErrors;
        gps.link = link;
        gps.link->overloaded = overloaded;
        in.gps = gps;
        return in;
    };
    const auto active = [](const AlarmMonitor &m, AlarmKind kind) -> std::optional<Alarm> {
        for (const Alarm &a : m.alarms())
            if (a.kind == kind && a.active())
                return a;
        return std::nullopt;
    };
    const double raiseDelay = toSeconds(AlarmMonitor::kLinkOverloadRaiseDelay);
    const double clearDelay = toSeconds(AlarmMonitor::kLinkOverloadClearDelay);
    AlarmMonitor m;
    for (int t = 0; t < raiseDelay; ++t) {
        m.update(inputs(t, true));
        QVERIFY(!active(m, AlarmKind::SerialLinkOverloaded));
    }
    m.update(inputs(raiseDelay, true, 2));
    const auto a = active(m, AlarmKind::SerialLinkOverloaded);
    QVERIFY(a);
    QCOMPARE(a->raised, at(raiseDelay));
    QCOMPARE(a->subject, std::string("GPS"));
    QCOMPARE(a->severity, AlarmSeverity::Warning);
    QVERIFY2(a->text.find("950 bytes/s at 9600 baud is 99 %") != std::string::npos, a->text.c_str());
    QVERIFY2(a->text.find("4 times in the last minute (\"txbuf alloc\")") != std::string::npos, a->text.c_str());
    QCOMPARE(a->fix, link.advice);
    const auto errors = active(m, AlarmKind::SerialErrors);
    QVERIFY(errors);
    QVERIFY2(errors->fix.find("Turn off GSV (500 B/s).") != std::string::npos, errors->fix.c_str());
    // The verdict goes: cleared after the delay, not before.
    const double gone = raiseDelay + 5;
    for (double t = raiseDelay + 1; t < gone + clearDelay; ++t) {
        m.update(inputs(t, t < gone));
        QVERIFY(active(m, AlarmKind::SerialLinkOverloaded));
    }
    m.update(inputs(gone + clearDelay, false));
    QVERIFY(!active(m, AlarmKind::SerialLinkOverloaded));
    bool clearedAtTheDelay = false;
    for (const Alarm &alarm : m.alarms())
        clearedAtTheDelay =
            clearedAtTheDelay
            || (alarm.kind == AlarmKind::SerialLinkOverloaded && alarm.cleared == at(gone + clearDelay));
    QVERIFY(clearedAtTheDelay);
    // No link figures (a status from SOCK/SHM or the simulator): no such alarm.
    AlarmMonitor none;
    for (int t = 0; t <= 20; ++t) {
        AlarmInputs in = inputs(t, true);
        in.gps->link.reset();
        none.update(in);
    }
    QVERIFY(!active(none, AlarmKind::SerialLinkOverloaded));
}

void TestSerialLinkLoad::overloadedReceiverRaisesAndClearsTheAlarm()
{
    // The factory sentence set of a four-GNSS receiver (about 1.4 kB/s) at 9600 baud: the line
    // runs full, the receiver drops messages and says "txbuf alloc". After two minutes it is
    // reconfigured (GSV, GLL and VTG off, about 0.4 kB/s) and the alarm clears once the window
    // no longer shows the overload.
    const std::size_t demand = sizeOf(factoryEpoch(0));
    QVERIFY(demand > 1300);
    constexpr int kReconfigured = 120;
    constexpr int kEnd = 240;
    LinkedReceiver receiver(9600);
    EngineConfig config;
    config.ntpPort = 0;
    Engine engine(config, EngineOptions{}, kStart);
    std::optional<RealTime> firstOverloaded;
    std::optional<RealTime> lastOverloaded;
    std::optional<RealTime> raised;
    std::optional<RealTime> cleared;
    std::string text;
    std::string fix;
    for (int s = 0; s < kEnd; ++s) {
        receiver.second(s, factoryEpoch(s, s < kReconfigured, s < kReconfigured));
        // As the hosts do: the driver's status handed to the engine each second.
        const RealTime now = at(s + 1);
        const GpsStatus gps = receiver.decoder.status(now);
        QVERIFY(gps.link);
        if (gps.link->overloaded) {
            firstOverloaded = firstOverloaded.value_or(now);
            lastOverloaded = now;
        }
        engine.handleGpsStatus(gps, now);
        for (const Alarm &a : engine.snapshot(now).alarms) {
            if (a.kind != AlarmKind::SerialLinkOverloaded)
                continue;
            QCOMPARE(a.subject, std::string("GPS"));
            raised = a.raised;
            if (a.active() && s + 1 == kReconfigured) {
                text = a.text;
                fix = a.fix;
            }
            cleared = a.cleared;
        }
    }
    // Overloaded from the first whole second on; raised after the delay.
    QCOMPARE(firstOverloaded, std::optional<RealTime>(at(1)));
    QVERIFY(raised);
    QCOMPARE(*raised, at(1) + AlarmMonitor::kLinkOverloadRaiseDelay);
    QVERIFY2(text.find("9600 baud") != std::string::npos, text.c_str());
    QVERIFY2(text.find("txbuf alloc") != std::string::npos, text.c_str());
    QVERIFY2(fix.starts_with("Turn off GSV"), fix.c_str());
    QVERIFY2(fix.find("19200 baud or more") != std::string::npos, fix.c_str());
    // The verdict holds while the last warning and the busy seconds are in the window, then
    // the alarm clears after its delay.
    QVERIFY(lastOverloaded);
    QVERIFY(*lastOverloaded > at(kReconfigured));
    QVERIFY(*lastOverloaded <= at(kReconfigured + SerialLinkLoad::kWindowSeconds + 10));
    QVERIFY(cleared);
    QCOMPARE(*cleared, *lastOverloaded + std::chrono::seconds(1) + AlarmMonitor::kLinkOverloadClearDelay);
    // What is left is well within the line.
    const GpsLinkLoad after = receiver.decoder.status(at(kEnd)).link.value();
    QVERIFY(!after.overloaded);
    QVERIFY(after.load < 0.5);
}

QTEST_GUILESS_MAIN(TestSerialLinkLoad)
#include "tst_seriallinkload.moc"
