// The Prometheus text of a snapshot (metrics/PrometheusFormat): chrony_exporter's names and
// labels, chronyc's signs with every time in seconds, the format's escaping and layout, and what
// is not known left out rather than written as zero. The expected values were worked out from
// the snapshot by hand, not by the code under test.
#include "MetricsSnapshot.h"
#include "metrics/PrometheusFormat.h"

#include <QRegularExpression>
#include <QtTest>

#include <map>
#include <set>

using namespace s1;
using namespace s1test;
using namespace std::chrono_literals;

namespace {

MetricsInput inputFor(const EngineSnapshot &snapshot)
{
    MetricsInput in;
    in.snapshot = &snapshot;
    in.snapshotAge = 0.5;
    in.commands = {42, 1};
    in.ppsRefClocks = {"PPS"};
    in.serialReceiver = true;
    in.version = "0.1.0";
    return in;
}

// "name{labels} value" lines by everything before the value.
std::map<QString, QString> samples(const std::string &text)
{
    std::map<QString, QString> out;
    for (const QString &line : QString::fromStdString(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype space = line.lastIndexOf(QLatin1Char(' '));
        out[line.left(space)] = line.mid(space + 1);
    }
    return out;
}

double valueOf(const std::map<QString, QString> &s, const QString &series)
{
    const auto it = s.find(series);
    if (it == s.end()) {
        qWarning().noquote() << "missing series" << series;
        return std::nan("");
    }
    return it->second.toDouble();
}

bool has(const std::map<QString, QString> &s, const QString &prefix)
{
    return std::any_of(s.begin(), s.end(), [&](const auto &entry) {
        return entry.first == prefix || entry.first.startsWith(prefix + QLatin1Char('{'));
    });
}

const QString kServer = QStringLiteral("{source_address=\"192.0.2.1\",source_name=\"ntp1.example.net\"}");
const QString kPps = QStringLiteral("{source_address=\"80.80.83.0\",source_name=\"PPS\"}");
const QString kPeer = QStringLiteral("{source_address=\"2001:db8::1\",source_name=\"odd\\\"name\\\\with\\nbreak\"}");

} // namespace

class TestPrometheusFormat : public QObject
{
    Q_OBJECT
private slots:
    void tracking();
    void sources();
    void sourceStats();
    void serverStats();
    void gpsPpsAndAlarms();
    void layoutIsTheTextFormat();
    void unknownValuesAreLeftOut();
    void staleOrMissingSnapshotSaysDown();
    void escaping();
    void numbers();
    void metricNames();
};

void TestPrometheusFormat::tracking()
{
    const EngineSnapshot snapshot = representative();
    const auto s = samples(prometheusText(inputFor(snapshot)));
    QCOMPARE(valueOf(s, "chrony_up"), 1.0);
    QCOMPARE(valueOf(s, "stratumone_build_info{version=\"0.1.0\"}"), 1.0);
    QCOMPARE(valueOf(s, "chrony_tracking_info{tracking_address=\"192.0.2.1\",tracking_name=\"ntp1.example.net\","
                        "tracking_refid=\"C0000201\"}"),
             1.0);
    QCOMPARE(valueOf(s, "chrony_tracking_stratum"), 2.0);
    QCOMPARE(valueOf(s, "chrony_tracking_remote_reference"), 1.0);
    QCOMPARE(valueOf(s, "stratumone_tracking_synchronised"), 1.0);
    QCOMPARE(valueOf(s, "chrony_tracking_reference_timestamp_seconds"), 1744182724.0);
    QCOMPARE(valueOf(s, "chrony_tracking_last_offset_seconds"), -1.5e-6);
    QCOMPARE(valueOf(s, "chrony_tracking_rms_offset_seconds"), 4e-6);
    // chronyd's current correction: our time is 2 us fast, so 2 us must be taken off.
    QCOMPARE(valueOf(s, "chrony_tracking_system_time_seconds"), -2e-6);
    QCOMPARE(valueOf(s, "chrony_tracking_frequency_ppms"), -12.25);
    QCOMPARE(valueOf(s, "chrony_tracking_residual_frequency_ppms"), 0.01);
    QCOMPARE(valueOf(s, "chrony_tracking_skew_ppms"), 0.05);
    QCOMPARE(valueOf(s, "chrony_tracking_root_delay_seconds"), 2.5e-4);
    QCOMPARE(valueOf(s, "chrony_tracking_root_dispersion_seconds"), 3e-5);
    QCOMPARE(valueOf(s, "chrony_tracking_update_interval_seconds"), 64.5);

    // Synchronised to the PPS: no address, the refid as the name.
    EngineSnapshot onPps = snapshot;
    onPps.reference.referenceId = 0x50505300;
    onPps.reference.referenceName = "PPS";
    onPps.reference.stratum = 1;
    const auto p = samples(prometheusText(inputFor(onPps)));
    QCOMPARE(
        valueOf(p, "chrony_tracking_info{tracking_address=\"\",tracking_name=\"PPS\",tracking_refid=\"50505300\"}"),
        1.0);
    QCOMPARE(valueOf(p, "chrony_tracking_remote_reference"), 1.0);
}

void TestPrometheusFormat::sources()
{
    const EngineSnapshot snapshot = representative();
    const auto s = samples(prometheusText(inputFor(snapshot)));
    QCOMPARE(valueOf(s, "chrony_sources_state_info{source_address=\"192.0.2.1\",source_name=\"ntp1.example.net\","
                        "source_state=\"sync\",source_mode=\"client\"}"),
             1.0);
    QCOMPARE(valueOf(s, "chrony_sources_state_info{source_address=\"80.80.83.0\",source_name=\"PPS\","
                        "source_state=\"candidate\",source_mode=\"reference clock\"}"),
             1.0);
    QCOMPARE(valueOf(s, "chrony_sources_state_info{source_address=\"2001:db8::1\",source_name=\"odd\\\"name\\\\with\\"
                        "nbreak\",source_state=\"unreach\",source_mode=\"peer\"}"),
             1.0);
    QCOMPARE(valueOf(s, "chrony_sources_stratum" + kServer), 1.0);
    QCOMPARE(valueOf(s, "chrony_sources_stratum" + kPps), 0.0); // chronyd's stratum of a refclock
    QCOMPARE(valueOf(s, "chrony_sources_polling_interval_seconds" + kServer), 64.0);
    QCOMPARE(valueOf(s, "chrony_sources_polling_interval_seconds" + kPeer), 0.25);
    QCOMPARE(valueOf(s, "chrony_sources_reachability_ratio" + kServer), 1.0);
    QCOMPARE(valueOf(s, "chrony_sources_reachability_ratio" + kPeer), 0.875);
    QCOMPARE(valueOf(s, "chrony_sources_reachability_success" + kServer), 1.0);
    QCOMPARE(valueOf(s, "chrony_sources_reachability_success" + kPeer), 0.0);
    QCOMPARE(valueOf(s, "chrony_sources_last_sample_age_seconds" + kServer), 37.5);
    // chronyc's sign: the server is 12 us ahead, so the local clock is 12 us behind.
    QCOMPARE(valueOf(s, "chrony_sources_last_sample_offset_seconds" + kServer), -12e-6);
    QCOMPARE(valueOf(s, "chrony_sources_last_sample_offset_seconds" + kPps), 1.4e-7);
    QCOMPARE(valueOf(s, "chrony_sources_last_sample_error_margin_seconds" + kServer), 24e-6);
    // Never heard: no stratum, no sample; the unresolved pool member is not listed at all.
    QVERIFY(!s.contains("chrony_sources_stratum" + kPeer));
    QVERIFY(!s.contains("chrony_sources_last_sample_age_seconds" + kPeer));
    QVERIFY(!s.contains("chrony_sources_last_sample_offset_seconds" + kPeer));
    const QString text = QString::fromStdString(prometheusText(inputFor(snapshot)));
    QVERIFY(!text.contains("pool.example.net"));
    QCOMPARE(valueOf(s, "stratumone_sources_unresolved"), 1.0);
}

void TestPrometheusFormat::sourceStats()
{
    const EngineSnapshot snapshot = representative();
    const auto s = samples(prometheusText(inputFor(snapshot)));
    QCOMPARE(valueOf(s, "chrony_sourcestats_samples" + kServer), 12.0);
    QCOMPARE(valueOf(s, "chrony_sourcestats_runs" + kServer), 7.0);
    QCOMPARE(valueOf(s, "chrony_sourcestats_span_seconds" + kServer), 704.5);
    QCOMPARE(valueOf(s, "chrony_sourcestats_frequency_ppms" + kServer), -0.058);
    QCOMPARE(valueOf(s, "chrony_sourcestats_frequency_skew_ppms" + kServer), 0.123);
    QCOMPARE(valueOf(s, "chrony_sourcestats_offset" + kServer), 2.5e-7); // chronyc's sign
    QCOMPARE(valueOf(s, "chrony_sourcestats_stddev" + kServer), 9.9e-7);
    QCOMPARE(valueOf(s, "chrony_sourcestats_offset" + kPps), -1e-9);
    QVERIFY(!s.contains("chrony_sourcestats_samples" + kPeer)); // no samples, no regression
}

void TestPrometheusFormat::serverStats()
{
    const EngineSnapshot snapshot = representative();
    const auto s = samples(prometheusText(inputFor(snapshot)));
    // chronyd's counts: the requests from allowed clients (990 answered, 3 rate limited), of them
    // the rate limited; the 7 denied are in our own counter only.
    QCOMPARE(valueOf(s, "chrony_serverstats_ntp_packets_received_total"), 993.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_ntp_packets_dropped_total"), 3.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_command_packets_received_total"), 42.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_command_packets_dropped_total"), 1.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_client_log_records_dropped_total"), 5.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_ntp_kernel_rx_timestamps_total"), 990.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_ntp_daemon_tx_timestamps_total"), 990.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_ntp_timestamps_held"), 0.0);
    QCOMPARE(valueOf(s, "chrony_serverstats_nts_ke_connections_accepted_total"), 0.0);
    QCOMPARE(valueOf(s, "stratumone_ntp_requests_dropped_total{reason=\"denied\"}"), 7.0);
    QCOMPARE(valueOf(s, "stratumone_ntp_requests_dropped_total{reason=\"rate_limited\"}"), 3.0);
    QCOMPARE(valueOf(s, "stratumone_ntp_requests_dropped_total{reason=\"malformed\"}"), 0.0);
    QCOMPARE(valueOf(s, "stratumone_ntp_replies_sent_total"), 990.0);
    QCOMPARE(valueOf(s, "stratumone_ntp_kiss_of_death_sent_total"), 2.0);
}

void TestPrometheusFormat::gpsPpsAndAlarms()
{
    const EngineSnapshot snapshot = representative();
    const auto s = samples(prometheusText(inputFor(snapshot)));
    QCOMPARE(valueOf(s, "stratumone_gps_fix_mode"), 3.0);
    QCOMPARE(valueOf(s, "stratumone_gps_time_valid"), 1.0);
    QCOMPARE(valueOf(s, "stratumone_gps_satellites_seen"), 3.0);
    QCOMPARE(valueOf(s, "stratumone_gps_satellites_used"), 2.0);
    QCOMPARE(valueOf(s, "stratumone_gps_dop{kind=\"hdop\"}"), 0.9);
    QVERIFY(!s.contains("stratumone_gps_dop{kind=\"pdop\"}"));
    QCOMPARE(valueOf(s, "stratumone_gps_last_message_age_seconds"), 0.4);
    QCOMPARE(valueOf(s, "stratumone_gps_messages_total{message=\"UBX-NAV-PVT\"}"), 118.0);
    QCOMPARE(valueOf(s, "stratumone_gps_checksum_errors_total"), 2.0);
    QCOMPARE(valueOf(s, "stratumone_gps_garbage_bytes_total"), 17.0);
    QCOMPARE(valueOf(s, "stratumone_gps_serial_overruns_total"), 1.0);
    QCOMPARE(valueOf(s, "stratumone_gps_serial_overloaded"), 0.0);
    QCOMPARE(valueOf(s, "stratumone_gps_serial_baud_rate"), 9600.0);
    QCOMPARE(valueOf(s, "stratumone_gps_serial_bytes_per_second"), 816.0);
    QCOMPARE(valueOf(s, "stratumone_gps_serial_load_ratio"), 0.85);
    QCOMPARE(valueOf(s, "stratumone_gps_serial_longest_burst_seconds"), 0.62);
    QCOMPARE(valueOf(s, "stratumone_pps_pulses_total"), 600.0);
    QCOMPARE(valueOf(s, "stratumone_pps_jitter_seconds"), 3.5e-8);
    QCOMPARE(valueOf(s, "stratumone_pps_offset_seconds{source_name=\"PPS\"}"), 1.4e-7);

    QCOMPARE(valueOf(s, "stratumone_alarms_active{severity=\"critical\"}"), 2.0);
    QCOMPARE(valueOf(s, "stratumone_alarms_active{severity=\"warning\"}"), 0.0); // the cleared one
    QCOMPARE(valueOf(s, "stratumone_alarms_active{severity=\"info\"}"), 0.0);
    QCOMPARE(valueOf(s, "stratumone_alarm_active{kind=\"pps-lost\",severity=\"critical\",subject=\"PPS\"}"), 1.0);
    QCOMPARE(valueOf(s, "stratumone_config_warnings"), 1.0);
}

void TestPrometheusFormat::layoutIsTheTextFormat()
{
    const EngineSnapshot snapshot = representative();
    const std::string text = prometheusText(inputFor(snapshot));
    QVERIFY(!text.empty() && text.back() == '\n');
    const QStringList lines = QString::fromStdString(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // Every family: HELP, then TYPE, then its samples together; never a family twice.
    const QRegularExpression sampleLine(
        QStringLiteral(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? )"
                       R"(([-+]?[0-9.eE+-]+|NaN|[+-]Inf)$)"));
    std::set<QString> families;
    QString current;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.startsWith(QLatin1String("# HELP "))) {
            current = line.section(QLatin1Char(' '), 2, 2);
            QVERIFY2(families.insert(current).second, qPrintable(current));
            QVERIFY(i + 1 < lines.size());
            const QString type = lines[i + 1];
            QVERIFY2(type == "# TYPE " + current + " gauge" || type == "# TYPE " + current + " counter",
                     qPrintable(type));
            QVERIFY2(!type.endsWith("counter") || current.endsWith("_total"), qPrintable(current));
            ++i;
            continue;
        }
        const QRegularExpressionMatch m = sampleLine.match(line);
        QVERIFY2(m.hasMatch(), qPrintable(line));
        QCOMPARE(m.captured(1), current);
    }
    QVERIFY(families.size() > 40);
}

void TestPrometheusFormat::unknownValuesAreLeftOut()
{
    // Not synchronised: chronyd's placeholders (refid 0, stratum 0), and no figures.
    EngineSnapshot unsynchronised;
    unsynchronised.time = kNow;
    const auto u = samples(prometheusText(inputFor(unsynchronised)));
    QCOMPARE(valueOf(u, "chrony_tracking_info{tracking_address=\"\",tracking_name=\"\",tracking_refid=\"00000000\"}"),
             1.0);
    QCOMPARE(valueOf(u, "chrony_tracking_stratum"), 0.0);
    QCOMPARE(valueOf(u, "chrony_tracking_remote_reference"), 0.0);
    QCOMPARE(valueOf(u, "stratumone_tracking_synchronised"), 0.0);
    for (const char *name : {"chrony_tracking_last_offset_seconds", "chrony_tracking_rms_offset_seconds",
                             "chrony_tracking_frequency_ppms", "chrony_tracking_reference_timestamp_seconds",
                             "chrony_tracking_root_dispersion_seconds", "chrony_tracking_system_time_seconds"})
        QVERIFY2(!has(u, name), name);
    // No GPS, no PPS refclock: none of their metrics.
    QVERIFY(!has(u, "stratumone_gps_fix_mode"));
    QVERIFY(!has(u, "stratumone_pps_pulses_total"));
    QVERIFY(!has(u, "stratumone_pps_offset_seconds"));

    // `local stratum 10`: synchronised to itself, nothing measured.
    EngineSnapshot local;
    local.time = kNow;
    local.reference.synchronised = true;
    local.reference.stratum = 10;
    local.reference.referenceId = 0x7F7F0101;
    local.reference.referenceName = "LOCAL";
    local.reference.referenceTime = kNow;
    local.reference.rootDelay = 0;
    const auto l = samples(prometheusText(inputFor(local)));
    QCOMPARE(valueOf(l, "chrony_tracking_info{tracking_address=\"127.127.1.1\",tracking_name=\"LOCAL\","
                        "tracking_refid=\"7F7F0101\"}"),
             1.0);
    QCOMPARE(valueOf(l, "chrony_tracking_remote_reference"), 0.0);
    QCOMPARE(valueOf(l, "chrony_tracking_stratum"), 10.0);
    QVERIFY(!has(l, "chrony_tracking_last_offset_seconds"));
    QVERIFY(!has(l, "chrony_tracking_frequency_ppms"));

    // A receiver silent past the timeout: its counters, its silence, but no fix or satellites.
    EngineSnapshot silent = representative();
    silent.gps->lastMessageAge = kGpsStatusTimeout + 1;
    silent.gps->pps.pulseCount = 1;
    const auto g = samples(prometheusText(inputFor(silent)));
    QCOMPARE(valueOf(g, "stratumone_gps_last_message_age_seconds"), kGpsStatusTimeout + 1);
    QCOMPARE(valueOf(g, "stratumone_gps_checksum_errors_total"), 2.0);
    for (const char *name : {"stratumone_gps_fix_mode", "stratumone_gps_time_valid", "stratumone_gps_satellites_seen",
                             "stratumone_gps_satellites_used", "stratumone_gps_dop", "stratumone_pps_jitter_seconds"})
        QVERIFY2(!has(g, name), name);
    QCOMPARE(valueOf(g, "stratumone_pps_pulses_total"), 1.0);

    // A PPS alone (no receiver configured, none heard): the PPS, but no receiver counters.
    EngineSnapshot ppsOnly = representative();
    ppsOnly.gps = GpsStatus{};
    ppsOnly.gps->pps.pulseCount = 12;
    MetricsInput noReceiver = inputFor(ppsOnly);
    noReceiver.serialReceiver = false;
    const auto p = samples(prometheusText(noReceiver));
    QCOMPARE(valueOf(p, "stratumone_pps_pulses_total"), 12.0);
    QVERIFY(!has(p, "stratumone_gps_checksum_errors_total"));
    QVERIFY(!has(p, "stratumone_gps_serial_overruns_total"));
    QVERIFY(!has(p, "stratumone_gps_serial_overloaded"));
    QVERIFY(!has(p, "stratumone_gps_last_message_age_seconds"));
    // A configured receiver that has sent nothing yet: its counters are real zeros.
    noReceiver.serialReceiver = true;
    QCOMPARE(valueOf(samples(prometheusText(noReceiver)), "stratumone_gps_checksum_errors_total"), 0.0);

    // On its own USB port the line has no speed: only whether the receiver says it is overloaded.
    EngineSnapshot usb = representative();
    usb.gps->link->usb = true;
    usb.gps->link->overloaded = true;
    const auto onUsb = samples(prometheusText(inputFor(usb)));
    QCOMPARE(valueOf(onUsb, "stratumone_gps_serial_overloaded"), 1.0);
    QVERIFY(!has(onUsb, "stratumone_gps_serial_load_ratio"));
    QVERIFY(!has(onUsb, "stratumone_gps_serial_baud_rate"));
}

void TestPrometheusFormat::staleOrMissingSnapshotSaysDown()
{
    MetricsInput none;
    none.version = "0.1.0";
    QCOMPARE(prometheusText(none), std::string("# HELP chrony_up Whether the engine's state is known: it published a "
                                               "snapshot in the last 5 seconds.\n"
                                               "# TYPE chrony_up gauge\n"
                                               "chrony_up 0\n"
                                               "# HELP stratumone_build_info The version of Stratum One serving "
                                               "(always 1).\n"
                                               "# TYPE stratumone_build_info gauge\n"
                                               "stratumone_build_info{version=\"0.1.0\"} 1\n"));

    const EngineSnapshot snapshot = representative();
    MetricsInput stale = inputFor(snapshot);
    stale.snapshotAge = kMetricsStaleAfter + 0.5;
    const auto s = samples(prometheusText(stale));
    QCOMPARE(valueOf(s, "chrony_up"), 0.0);
    QCOMPARE(s.size(), std::size_t(2)); // up and the build: nothing old passed off as current
    stale.snapshotAge = kMetricsStaleAfter;
    QCOMPARE(valueOf(samples(prometheusText(stale)), "chrony_up"), 1.0);
}

void TestPrometheusFormat::escaping()
{
    QCOMPARE(prometheusLabelValue("plain"), std::string("plain"));
    QCOMPARE(prometheusLabelValue("a\"b\\c\nd"), std::string("a\\\"b\\\\c\\nd"));
    QCOMPARE(prometheusHelpText("a\"b\\c\nd"), std::string("a\"b\\\\c\\nd")); // quotes stay in HELP
    QCOMPARE(prometheusLabelValue("Zürich"), std::string("Zürich"));
    // Not UTF-8: a lone continuation byte, a truncated sequence, an overlong '/' and a surrogate.
    QCOMPARE(prometheusLabelValue("a\x80z"), std::string("a\xEF\xBF\xBDz"));
    QCOMPARE(prometheusLabelValue("a\xC3"), std::string("a\xEF\xBF\xBD"));
    QCOMPARE(prometheusLabelValue("\xC0\xAF"), std::string("\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(prometheusLabelValue("\xED\xA0\x80"), std::string("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"));
    QCOMPARE(prometheusLabelValue("\xF0\x9F\x95\x90"), std::string("\xF0\x9F\x95\x90")); // U+1F550
}

void TestPrometheusFormat::numbers()
{
    QCOMPARE(prometheusNumber(0.0), std::string("0"));
    QCOMPARE(prometheusNumber(-0.0), std::string("0"));
    QCOMPARE(prometheusNumber(64), std::string("64"));
    QCOMPARE(prometheusNumber(-1.5e-6), std::string("-1.5e-06"));
    QCOMPARE(prometheusNumber(0.1), std::string("0.1"));
    QCOMPARE(prometheusNumber(1744182724.5), std::string("1744182724.5"));
    QCOMPARE(prometheusNumber(std::nan("")), std::string("NaN"));
    QCOMPARE(prometheusNumber(HUGE_VAL), std::string("+Inf"));
    QCOMPARE(prometheusNumber(-HUGE_VAL), std::string("-Inf"));
    // Shortest text that reads back exactly.
    const double third = 1.0 / 3.0;
    QCOMPARE(std::stod(prometheusNumber(third)), third);
}

void TestPrometheusFormat::metricNames()
{
    QCOMPARE(prometheusMetricNames("# HELP a x\n# TYPE a gauge\na 1\nb{l=\"v\"} 2\nb{l=\"w\"} 3\n"),
             std::vector<std::string>({"a", "b"}));
}

QTEST_GUILESS_MAIN(TestPrometheusFormat)
#include "tst_prometheusformat.moc"
