// resources/grafana/stratumone-dashboard.json loads as a Grafana dashboard would read it: valid
// JSON with panels, a Prometheus data source variable every panel queries through, and every
// metric its expressions name is one our /metrics exports (the renderer's output for a snapshot
// with every kind of source, a GPS, a PPS and alarms).
#include "MetricsSnapshot.h"
#include "metrics/PrometheusFormat.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace s1;

namespace {

const QString kDataSource = QStringLiteral("${datasource}");

QSet<QString> exportedNames()
{
    const EngineSnapshot snapshot = s1test::representative();
    MetricsInput input;
    input.snapshot = &snapshot;
    input.ppsRefClocks = {"PPS"};
    input.serialReceiver = true;
    input.version = "test";
    QSet<QString> names;
    for (const std::string &name : prometheusMetricNames(prometheusText(input)))
        names.insert(QString::fromStdString(name));
    return names;
}

// Metric names in a PromQL expression: ours and chrony_exporter's prefixes.
QSet<QString> namesIn(const QString &expression)
{
    static const QRegularExpression metric(
        QStringLiteral(R"((?<![A-Za-z0-9_:$])((?:chrony|stratumone)_[A-Za-z0-9_]+))"));
    QSet<QString> names;
    for (const QRegularExpressionMatch &m : metric.globalMatch(expression))
        names.insert(m.captured(1));
    return names;
}

} // namespace

class TestGrafanaDashboard : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void hasPanelsOnAPrometheusVariable();
    void queriesOnlyExportedMetrics();

private:
    QJsonObject m_dashboard;
};

void TestGrafanaDashboard::initTestCase()
{
    QFile file(QStringLiteral(S1_SOURCE_DIR "/resources/grafana/stratumone-dashboard.json"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(QStringLiteral("%1 at offset %2").arg(error.errorString()).arg(error.offset)));
    QVERIFY(document.isObject());
    m_dashboard = document.object();
}

void TestGrafanaDashboard::hasPanelsOnAPrometheusVariable()
{
    QVERIFY(!m_dashboard.value(QStringLiteral("title")).toString().isEmpty());
    QVERIFY(m_dashboard.value(QStringLiteral("schemaVersion")).toInt() > 0);

    const QJsonArray variables = m_dashboard.value(QStringLiteral("templating")).toObject().value("list").toArray();
    bool dataSourceVariable = false;
    for (const QJsonValue &v : variables) {
        const QJsonObject variable = v.toObject();
        if (variable.value("type").toString() == "datasource" && variable.value("name").toString() == "datasource")
            dataSourceVariable = variable.value("query").toString() == "prometheus";
    }
    QVERIFY2(dataSourceVariable, "no Prometheus data source variable named 'datasource'");

    const QJsonArray panels = m_dashboard.value(QStringLiteral("panels")).toArray();
    int queried = 0;
    QSet<int> ids;
    for (const QJsonValue &p : panels) {
        const QJsonObject panel = p.toObject();
        const QString title = panel.value("title").toString();
        QVERIFY2(!title.isEmpty(), "a panel without a title");
        QVERIFY2(!ids.contains(panel.value("id").toInt()), qPrintable(title));
        ids.insert(panel.value("id").toInt());
        const QJsonObject grid = panel.value("gridPos").toObject();
        QVERIFY2(grid.value("w").toInt() > 0 && grid.value("h").toInt() > 0, qPrintable(title));
        if (panel.value("type").toString() == "row")
            continue;
        QCOMPARE(panel.value("datasource").toObject().value("uid").toString(), kDataSource);
        const QJsonArray targets = panel.value("targets").toArray();
        QVERIFY2(!targets.isEmpty(), qPrintable(title));
        for (const QJsonValue &t : targets) {
            QVERIFY2(!t.toObject().value("expr").toString().isEmpty(), qPrintable(title));
            QCOMPARE(t.toObject().value("datasource").toObject().value("uid").toString(), kDataSource);
        }
        ++queried;
    }
    QVERIFY(queried >= 15);
}

void TestGrafanaDashboard::queriesOnlyExportedMetrics()
{
    const QSet<QString> exported = exportedNames();
    QSet<QString> used;
    for (const QJsonValue &p : m_dashboard.value(QStringLiteral("panels")).toArray())
        for (const QJsonValue &t : p.toObject().value("targets").toArray())
            used += namesIn(t.toObject().value("expr").toString());
    for (const QJsonValue &v : m_dashboard.value(QStringLiteral("templating")).toObject().value("list").toArray())
        used += namesIn(v.toObject().value("definition").toString());

    QVERIFY(used.size() >= 15);
    for (const QString &name : used)
        QVERIFY2(exported.contains(name), qPrintable(name + QStringLiteral(" is not exported by /metrics")));
    // The fleet's, tracking's, sources', server's, GPS's and PPS's figures all appear.
    for (const char *name : {"chrony_up", "chrony_tracking_last_offset_seconds", "chrony_tracking_frequency_ppms",
                             "chrony_tracking_rms_offset_seconds", "chrony_sources_last_sample_offset_seconds",
                             "chrony_sourcestats_stddev", "chrony_serverstats_ntp_packets_received_total",
                             "stratumone_pps_jitter_seconds", "stratumone_gps_satellites_used"})
        QVERIFY2(used.contains(QLatin1String(name)), name);
}

QTEST_GUILESS_MAIN(TestGrafanaDashboard)
#include "tst_grafanadashboard.moc"
