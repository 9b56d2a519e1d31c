// NmeaSentence framing and the typed NMEA decoders, on sentences taken from the gpsd captures
// in tests/data/gps (the capture each comes from is named), plus hand-made broken ones.
#include "gps/NmeaMessages.h"
#include "gps/NmeaSentence.h"

#include <QtTest>

#include <chrono>
#include <string>

using namespace s1;

namespace {

NmeaSentence mustParse(std::string_view line)
{
    NmeaSentence::Error error = NmeaSentence::Error::None;
    const auto s = NmeaSentence::parse(line, &error);
    if (!s)
        qFatal("failed to parse %s: %s", std::string(line).c_str(), NmeaSentence::toString(error));
    return *s;
}

NmeaSentence::Error errorOf(std::string_view line)
{
    NmeaSentence::Error error = NmeaSentence::Error::None;
    const auto s = NmeaSentence::parse(line, &error);
    return s ? NmeaSentence::Error::None : error;
}

std::int64_t secondsOf(const GpsDate &d, const GpsTimeOfDay &t)
{
    return nanosSinceEpoch(*toRealTime(d, t)) / kNanosPerSecond;
}

} // namespace

class TestNmeaSentence : public QObject
{
    Q_OBJECT
private slots:
    void framing();
    void checksumErrors();
    void proprietaryWithoutChecksum();
    void lengthBound();
    void fields();
    void rmc();
    void rmcVoidAndEmpty();
    void rmcCenturyWindow();
    void zda();
    void gga();
    void gns();
    void gsa();
    void gsv();
    void gbsVtgTxt();
    void malformedFields();
};

void TestNmeaSentence::framing()
{
    // bu353s4.log
    const NmeaSentence s = mustParse("$GPRMC,064951.000,A,2307.1256,N,12016.4438,E,0.03,165.48,260406,3.05,W,A*2C\r\n");
    QCOMPARE(s.talker(), std::string("GP"));
    QCOMPARE(s.formatter(), std::string("RMC"));
    QCOMPARE(s.address(), std::string("GPRMC"));
    QVERIFY(!s.isProprietary());
    QVERIFY(s.hadChecksum());
    QCOMPARE(s.fieldCount(), std::size_t(12));
    // LF-only and no line end at all are the same sentence.
    QCOMPARE(mustParse("$GPRMC,064951.000,A,2307.1256,N,12016.4438,E,0.03,165.48,260406,3.05,W,A*2C\n").fieldCount(),
             std::size_t(12));
    // '!' sentences (AIS) are framed the same way.
    QVERIFY(mustParse("!AIVDM,1,1,,A,13aEOK?P00PD2wVMdLDRhgvL289?,0*26").isEncapsulated());
}

void TestNmeaSentence::checksumErrors()
{
    // Lower-case hex is accepted (gpsd suite: "$GPRMC,...,V*4a").
    QVERIFY(NmeaSentence::parse("$GPRMC,,V,,,,,,,,,,N*53"));
    QVERIFY(NmeaSentence::parse("$GNGSA,A,3,27,08,,,,,,,,,,,2.0,1.4,1.4,1*3e"));
    QCOMPARE(errorOf("$GPRMC,,V,,,,,,,,,,N*54"), NmeaSentence::Error::ChecksumMismatch);
    QCOMPARE(errorOf("$GPRMC,,V,,,,,,,,,,N*5"), NmeaSentence::Error::BadChecksumDigits);
    QCOMPARE(errorOf("$GPRMC,,V,,,,,,,,,,N*5G"), NmeaSentence::Error::BadChecksumDigits);
    // A standard sentence without a checksum is taken as truncated.
    QCOMPARE(errorOf("$GPRMC,,V,,,,,,,,,,N"), NmeaSentence::Error::MissingChecksum);
    // A flipped bit in a field is caught.
    QCOMPARE(errorOf("$GPRMC,,W,,,,,,,,,,N*53"), NmeaSentence::Error::ChecksumMismatch);
    QCOMPARE(errorOf("GPRMC,,V,,,,,,,,,,N*53"), NmeaSentence::Error::BadStart);
    QCOMPARE(errorOf(std::string_view("$GPRMC,\x01,V*53", 13)), NmeaSentence::Error::BadCharacter);
}

void TestNmeaSentence::proprietaryWithoutChecksum()
{
    // mtk-3301.log
    const NmeaSentence s = mustParse("$POLYN,TIME,RESTART_OCCURRED");
    QVERIFY(s.isProprietary());
    QVERIFY(!s.hadChecksum());
    QCOMPARE(s.formatter(), std::string("OLYN"));
    QCOMPARE(s.field(1), std::string_view("TIME"));
    // Proprietary sentences with a checksum are checked like the others (st-teseo-liv4f.log).
    QVERIFY(NmeaSentence::parse("$PSTMVER,GNSSLIB_9749c549631df_ARM*09"));
    QCOMPARE(errorOf("$PSTMVER,GNSSLIB_9749c549631df_ARM*08"), NmeaSentence::Error::ChecksumMismatch);
}

void TestNmeaSentence::lengthBound()
{
    // Longer than the standard's 82 is fine (MT3339 sends 84), up to kMaxLength.
    std::string body = "PMTKCHN";
    while (body.size() < NmeaSentence::kMaxLength - 4)
        body += ",1";
    body.resize(NmeaSentence::kMaxLength - 4);
    std::uint8_t sum = 0;
    for (char c : body)
        sum ^= static_cast<std::uint8_t>(c);
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02X", sum);
    const std::string line = "$" + body + "*" + hex;
    QCOMPARE(line.size(), NmeaSentence::kMaxLength);
    QVERIFY(NmeaSentence::parse(line));
    QCOMPARE(errorOf(line + "0"), NmeaSentence::Error::TooLong);
    QCOMPARE(errorOf("$GP*1"), NmeaSentence::Error::TooShort);
}

void TestNmeaSentence::fields()
{
    const NmeaSentence s = mustParse("$GPGSA,A,1,,,,,,,,,,,,,,,,*32"); // beidou-bd.log (with BDGSA)
    QCOMPARE(s.field(1), std::string_view("A"));
    QCOMPARE(s.field(3), std::string_view(""));
    QCOMPARE(s.field(0), std::string_view(""));   // the address is not a field
    QCOMPARE(s.field(400), std::string_view("")); // later-version fields read as empty
}

void TestNmeaSentence::rmc()
{
    // bu353s4.log
    const auto r = decodeRmc(mustParse("$GPRMC,064951.000,A,2307.1256,N,12016.4438,E,0.03,165.48,260406,3.05,W,A*2C"));
    QVERIFY(r);
    QVERIFY(r->statusValid);
    QCOMPARE(*r->time, (GpsTimeOfDay{6, 49, 51 * kNanosPerSecond}));
    QCOMPARE(*r->date, (GpsDate{2006, 4, 26}));
    QVERIFY(std::fabs(*r->latitude - (23 + 7.1256 / 60)) < 1e-9);
    QVERIFY(std::fabs(*r->longitude - (120 + 16.4438 / 60)) < 1e-9);
    QCOMPARE(*r->speedKnots, 0.03);
    QCOMPARE(*r->modeIndicator, 'A');
    // Southern and western hemispheres, sub-second epoch (ublox-8.log style).
    const auto w = decodeRmc(mustParse("$GNRMC,000941.00,A,4404.13387,N,12118.85628,W,0.029,,100117,,,A*7D"));
    QVERIFY(*w->longitude < 0);
    QVERIFY(!w->courseDegrees);
    QCOMPARE(secondsOf(*w->date, *w->time), std::int64_t(1484006981)); // 2017-01-10T00:09:41Z
    // sirfstarv-nmea.log: off-the-second epoch .949 keeps its milliseconds.
    QCOMPARE(nmeaTime("235959.949")->nanosOfMinute, 59'949'000'000LL);
    QVERIFY(!decodeRmc(mustParse("$GPGGA,,,,,,0,00,,,M,0.0,M,,0000*48")));
}

void TestNmeaSentence::rmcVoidAndEmpty()
{
    const auto empty = decodeRmc(mustParse("$GPRMC,,V,,,,,,,,,,N*53"));
    QVERIFY(empty);
    QVERIFY(!empty->statusValid);
    QVERIFY(!empty->time && !empty->date && !empty->latitude && !empty->longitude);
    // beidou-bd.log: void, but with a time and a date.
    const auto v = decodeRmc(mustParse("$GNRMC,074150.799,V,,,,,,,250215,,,N*52"));
    QVERIFY(!v->statusValid);
    QCOMPARE(*v->date, (GpsDate{2015, 2, 25}));
    QCOMPARE(v->time->nanosOfMinute, 50'799'000'000LL);
}

void TestNmeaSentence::rmcCenturyWindow()
{
    QCOMPARE(expandTwoDigitYear(0), 2000);
    QCOMPARE(expandTwoDigitYear(68), 2068);
    QCOMPARE(expandTwoDigitYear(69), 1969);
    QCOMPARE(expandTwoDigitYear(99), 1999);
    // MTK's firmware default date 050180 = 1980-01-05.
    const auto r = decodeRmc(mustParse("$GPRMC,235959.000,V,,,,,,,050180,,,N*40"));
    QVERIFY(r);
    QCOMPARE(*r->date, (GpsDate{1980, 1, 5}));
    // An impossible date is no date.
    QVERIFY(!decodeRmc(mustParse("$GPRMC,120000.00,A,,,,,,,310299,,,A*66"))->date);
}

void TestNmeaSentence::zda()
{
    // gp-320fw-2019-04-06-overflow.log: empty zone fields.
    const auto z = decodeZda(mustParse("$GPZDA,235727.02,06,04,2019,,*6A"));
    QVERIFY(z);
    QCOMPARE(*z->date, (GpsDate{2019, 4, 6}));
    QCOMPARE(z->time->nanosOfMinute, 27'020'000'000LL);
    QVERIFY(!z->zoneHours);
    // Antaris 4 before a fix: every field empty.
    const auto e = decodeZda(mustParse("$GPZDA,,,,,,*48"));
    QVERIFY(e && !e->time && !e->date);
    // A two-digit year is not a ZDA year.
    QVERIFY(!decodeZda(mustParse("$GPZDA,235727.02,06,04,19,,*68"))->date);
}

void TestNmeaSentence::gga()
{
    // gp-320fw-2019-04-06-overflow.log
    const auto g = decodeGga(mustParse("$GPGGA,235724.02,4808.9978,N,01135.0800,E,1,04,01.4,00464.4,M,0046.2,M,,*5D"));
    QVERIFY(g);
    QCOMPARE(*g->quality, 1);
    QCOMPARE(*g->satellitesUsed, 4);
    QCOMPARE(*g->hdop, 1.4);
    QCOMPARE(*g->altitudeMsl, 464.4);
    QCOMPARE(*g->geoidSeparation, 46.2);
    QVERIFY(std::fabs(*g->latitude - 48.149963333) < 1e-9);
    // beidou-bd.log: no fix, empty position.
    const auto n = decodeGga(mustParse("$GNGGA,074150.799,,,,,0,00,,,M,0.0,M,,0000,*64"));
    QCOMPARE(*n->quality, 0);
    QVERIFY(!n->latitude && !n->altitudeMsl && !n->hdop);
}

void TestNmeaSentence::gns()
{
    // telit-pls83-w.log
    const auto g = decodeGns(mustParse("$GNGNS,043540.00,4333.190199,N,00127.618384,E,AAAAN,14,1.3,250.8,50.0,,,V*6D"));
    QVERIFY(g);
    QCOMPARE(g->modes, std::string("AAAAN"));
    QCOMPARE(*g->satellitesUsed, 14);
    QCOMPARE(*g->altitudeMsl, 250.8);
    QCOMPARE(*g->geoidSeparation, 50.0);
}

void TestNmeaSentence::gsa()
{
    // st-teseo-liv4f.log: NMEA 4.10 system ID 4 (BeiDou).
    const auto g = decodeGsa(mustParse("$GNGSA,A,3,44,34,25,11,08,19,23,38,,,,,2.0,1.4,1.4,4*3C"));
    QVERIFY(g);
    QCOMPARE(*g->selection, 'A');
    QCOMPARE(*g->fixType, 3);
    QCOMPARE(g->prns, (std::vector<int>{44, 34, 25, 11, 8, 19, 23, 38}));
    QCOMPARE(*g->pdop, 2.0);
    QCOMPARE(*g->vdop, 1.4);
    QCOMPARE(*g->systemId, 4);
    // gp-320: gaps between PRN slots, no system ID.
    const auto p = decodeGsa(mustParse("$GPGSA,A,3,20,,,,31,13,,04,,,,,02.6,01.4,02.1*06"));
    QCOMPARE(p->prns, (std::vector<int>{20, 31, 13, 4}));
    QVERIFY(!p->systemId);
    QCOMPARE(*p->hdop, 1.4);
}

void TestNmeaSentence::gsv()
{
    // st-teseo-liv4f.log: last sentence of a set, padding blocks, signal ID 1.
    const auto g = decodeGsv(mustParse("$GPGSV,3,3,10,15,05,057,32,02,,,,,,,,,,,,1*55"));
    QVERIFY(g);
    QCOMPARE(g->sentenceCount, 3);
    QCOMPARE(g->sentenceNumber, 3);
    QCOMPARE(*g->satellitesInView, 10);
    QCOMPARE(g->satellites.size(), std::size_t(2));
    QCOMPARE(g->satellites[0].prn, 15);
    QCOMPARE(*g->satellites[0].snr, 32);
    QCOMPARE(g->satellites[1].prn, 2);
    QVERIFY(!g->satellites[1].elevation && !g->satellites[1].snr);
    QCOMPARE(*g->signalId, 1);
    // beidou-bd.log: pre-4.10, no signal ID, untracked satellites.
    const auto b = decodeGsv(mustParse("$BDGSV,2,2,07,05,27,090,,13,19,016,,11,07,147,*5E"));
    QCOMPARE(b->satellites.size(), std::size_t(3));
    QVERIFY(!b->signalId);
    QCOMPARE(*b->satellites[2].azimuth, 147);
    QVERIFY(!b->satellites[2].snr);
    // A sentence number beyond the count is unusable.
    QVERIFY(!decodeGsv(mustParse("$GPGSV,1,2,00*7A")));
}

void TestNmeaSentence::gbsVtgTxt()
{
    // u-blox-m8t-time.log (gpsd's echo)
    const auto gbs = decodeGbs(mustParse("$GPGBS,180430.00,8.900,11.075,14.580,,,,*44"));
    QVERIFY(gbs);
    QCOMPARE(*gbs->latitudeError, 8.9);
    QCOMPARE(*gbs->altitudeError, 14.58);
    QVERIFY(!gbs->failedSatellite);
    // gp-320
    const auto vtg = decodeVtg(mustParse("$GPVTG,000.0,T,357.0,M,000.0,N,0000.1,K,A*13"));
    QVERIFY(vtg);
    QCOMPARE(*vtg->courseMagnetic, 357.0);
    QCOMPARE(*vtg->speedKmh, 0.1);
    QCOMPARE(*vtg->modeIndicator, 'A');
    const auto txt = decodeTxt(mustParse("$GPTXT,01,01,02,u-blox ag - www.u-blox.com*50"));
    QVERIFY(txt);
    QCOMPARE(*txt->type, 2);
    QCOMPARE(txt->text, std::string("u-blox ag - www.u-blox.com"));
}

void TestNmeaSentence::malformedFields()
{
    QVERIFY(!nmeaTime("2359"));
    QVERIFY(!nmeaTime("246000"));
    QVERIFY(!nmeaTime("120000,5"));
    QVERIFY(nmeaTime("235960")); // a leap second is representable
    QVERIFY(!nmeaCoordinate("4808.9978", "X"));
    QVERIFY(!nmeaCoordinate("4875.0000", "N")); // 75 minutes
    QVERIFY(!nmeaCoordinate("9100.0000", "N"));
    QVERIFY(!nmeaNumber("1.2.3"));
    QVERIFY(!nmeaInteger("-1x"));
    // The Telit's malformed year after the 2019 rollover ("2208-1").
    QVERIFY(!decodeRmc(mustParse("$GPRMC,120000.00,A,,,,,,,2208-1,,,A*72"))->date);
}

QTEST_GUILESS_MAIN(TestNmeaSentence)
#include "tst_nmeasentence.moc"
