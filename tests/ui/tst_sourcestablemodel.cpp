// DisplayFormat's chronyc-like text and SourcesTableModel's in-place row updates.
#include "DisplayFormat.h"
#include "SourcesTableModel.h"
#include "ntp/NtpPacket.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using namespace s1;

namespace {

constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000; // 2024-05-01 12:34:56 UTC
const RealTime kNow = realTimeFromNanos(kSnapshotNanos);

SourceSnapshot makeSource(std::uint32_t id, const std::string &name, SourceState state = SourceState::Combined)
{
    SourceSnapshot source;
    source.id = id;
    source.name = name;
    source.address = SocketAddress{IpAddress::v4(0xC0000200 + id), 123};
    source.state = state;
    source.stratum = 2;
    source.poll = 6;
    source.reach = 0377;
    source.lastRx = kNow - std::chrono::seconds(31);
    source.lastSample = SourceSample{*source.lastRx, -13e-6, 1.2e-3, 20e-6, 2};
    source.requestsSent = 10;
    source.repliesAccepted = 9;
    source.repliesRejected = 1;
    return source;
}

std::vector<SourceSnapshot> makeSources(std::initializer_list<std::uint32_t> ids)
{
    std::vector<SourceSnapshot> sources;
    for (const std::uint32_t id : ids)
        sources.push_back(makeSource(id, "ntp" + std::to_string(id) + ".example.net"));
    return sources;
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestSourcesTableModel : public QObject
{
    Q_OBJECT

private slots:
    // DisplayFormat
    void signedSeconds_data();
    void signedSeconds();
    void unsignedSeconds_data();
    void unsignedSeconds();
    void pollInterval();
    void reach();
    void age_data();
    void age();
    void ageOfEvent();
    void refId_data();
    void refId();
    void leap();
    void symbols();
    void utcTime();

    // SourcesTableModel
    void passesModelTester();
    void firstSnapshotInsertsRows();
    void changedSourceUpdatesItsRowInPlace();
    void unchangedSnapshotEmitsNothing();
    void passingTimeRefreshesOnlyAges();
    void vanishedSourcesAreRemovedBottomUp();
    void persistentIndexFollowsItsSource();
    void addAndRemoveInOneSnapshot();
    void displayColumns();
    void rawAndSortRoles();
    void missingSampleShowsDashes();
    void alignmentAndToolTips();
    void stateColours();
    void statusText();
    void headers();
};

void TestSourcesTableModel::signedSeconds_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << 0.0 << "+0 ns";
    QTest::newRow("negative below 1 ns rounds to +0") << -0.4e-9 << "+0 ns";
    QTest::newRow("ns") << 600e-9 << "+600 ns";
    QTest::newRow("ns rounding up to us") << 999.6e-9 << "+1 \u00b5s";
    QTest::newRow("us") << -13e-6 << "-13 \u00b5s";
    QTest::newRow("us four digits") << 999.94e-6 << "+999.9 \u00b5s";
    QTest::newRow("us rounding up to ms") << 999.96e-6 << "+1 ms";
    QTest::newRow("ms") << 1.2e-3 << "+1.2 ms";
    QTest::newRow("ms four significant") << -1.23456e-3 << "-1.235 ms";
    QTest::newRow("s") << -2.5 << "-2.5 s";
    QTest::newRow("s whole") << 12345.0 << "+12345 s";
    QTest::newRow("minutes") << 123456.0 << "+2058 m";
    QTest::newRow("hours") << 400.0 * 86400 << "+9600 h";
    QTest::newRow("years") << 1e10 << "+317 y";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "-";
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << "-";
}

void TestSourcesTableModel::signedSeconds()
{
    QFETCH(double, seconds);
    QFETCH(QString, expected);
    QCOMPARE(formatSignedSeconds(seconds), expected);
}

void TestSourcesTableModel::unsignedSeconds_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << 0.0 << "0 ns";
    QTest::newRow("ns") << 250e-9 << "250 ns";
    QTest::newRow("us") << 20e-6 << "20 \u00b5s";
    QTest::newRow("ms") << 1.2e-3 << "1.2 ms";
    QTest::newRow("tens of ms") << 20e-3 << "20 ms";
    QTest::newRow("hundreds of ms") << 0.1 << "100 ms";
    QTest::newRow("s") << 1.0 << "1 s";
    QTest::newRow("negative keeps its sign") << -1e-3 << "-1 ms";
}

void TestSourcesTableModel::unsignedSeconds()
{
    QFETCH(double, seconds);
    QFETCH(QString, expected);
    QCOMPARE(formatSeconds(seconds), expected);
}

void TestSourcesTableModel::pollInterval()
{
    QCOMPARE(formatPollInterval(0), QStringLiteral("1 s"));
    QCOMPARE(formatPollInterval(6), QStringLiteral("64 s"));
    QCOMPARE(formatPollInterval(10), QStringLiteral("1024 s"));
    QCOMPARE(formatPollInterval(-3), QStringLiteral("125 ms"));
}

void TestSourcesTableModel::reach()
{
    QCOMPARE(formatReach(0377), QStringLiteral("377"));
    QCOMPARE(formatReach(0), QStringLiteral("000"));
    QCOMPARE(formatReach(017), QStringLiteral("017"));
    QCOMPARE(formatReach(1), QStringLiteral("001"));
    QCOMPARE(formatReachBits(0376), QStringLiteral("11111110"));
    QCOMPARE(formatReachBits(1), QStringLiteral("00000001"));
}

void TestSourcesTableModel::age_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0") << qint64(0) << "0";
    QTest::newRow("31") << qint64(31) << "31";
    QTest::newRow("last in seconds") << qint64(1199) << "1199";
    QTest::newRow("first in minutes") << qint64(1200) << "20m";
    QTest::newRow("last in minutes") << qint64(35999) << "599m";
    QTest::newRow("first in hours") << qint64(36000) << "10h";
    QTest::newRow("last in hours") << qint64(345599) << "95h";
    QTest::newRow("first in days") << qint64(345600) << "4d";
    QTest::newRow("last in days") << qint64(999) * 86400 << "999d";
    QTest::newRow("years") << qint64(1000) * 86400 << "2y";
    QTest::newRow("negative") << qint64(-5) << "0";
}

void TestSourcesTableModel::age()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, expected);
    QCOMPARE(formatAge(seconds), expected);
}

void TestSourcesTableModel::ageOfEvent()
{
    QCOMPARE(formatAge(std::nullopt), QStringLiteral("-"));
    QCOMPARE(ageSeconds(std::nullopt, kNow), std::nullopt);
    using Age = std::optional<std::int64_t>;
    QCOMPARE(ageSeconds(kNow - std::chrono::milliseconds(31'900), kNow), Age(31));
    // An event after the snapshot (clock stepped back) floors to -1; formatAge shows it as 0.
    QCOMPARE(ageSeconds(kNow + std::chrono::milliseconds(500), kNow), Age(-1));
}

void TestSourcesTableModel::refId_data()
{
    QTest::addColumn<quint32>("id");
    QTest::addColumn<int>("stratum");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("address refid, no name") << quint32(0xC0A8018C) << 2 << ""
                                            << "C0A8018C";
    QTest::newRow("with name") << quint32(0xC0A8018C) << 3 << "ntp1.example.net"
                               << "C0A8018C (ntp1.example.net)";
    QTest::newRow("clock tag") << quint32(0x47505300) << 1 << ""
                               << "47505300 (GPS)";
    QTest::newRow("kiss code") << quint32(kKissRate) << 0 << ""
                               << "52415445 (RATE)";
    QTest::newRow("unsynchronised zero") << quint32(0) << 16 << ""
                                         << "00000000";
    QTest::newRow("not printable") << quint32(0x01020304) << 1 << ""
                                   << "01020304";
    QTest::newRow("ascii-looking at stratum 2") << quint32(0x47505300) << 2 << ""
                                                << "47505300";
    QTest::newRow("local") << quint32(0x7F7F0101) << 10 << "LOCAL"
                           << "7F7F0101 (LOCAL)";
}

void TestSourcesTableModel::refId()
{
    QFETCH(quint32, id);
    QFETCH(int, stratum);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(formatRefId(id, stratum, name), expected);
}

void TestSourcesTableModel::leap()
{
    QCOMPARE(formatLeap(LeapIndicator::None), QStringLiteral("Normal"));
    QCOMPARE(formatLeap(LeapIndicator::InsertSecond), QStringLiteral("Insert second"));
    QCOMPARE(formatLeap(LeapIndicator::DeleteSecond), QStringLiteral("Delete second"));
    QCOMPARE(formatLeap(LeapIndicator::Unsynchronised), QStringLiteral("Not synchronised"));
}

void TestSourcesTableModel::symbols()
{
    QCOMPARE(sourceModeSymbol(SourceKind::Server), QChar('^'));
    QCOMPARE(sourceModeSymbol(SourceKind::Peer), QChar('='));
    QCOMPARE(sourceModeSymbol(SourceKind::RefClock), QChar('#'));
    QCOMPARE(sourceStateSymbol(SourceState::Selected), QChar('*'));
    QCOMPARE(sourceStateSymbol(SourceState::Combined), QChar('+'));
    QCOMPARE(sourceStateSymbol(SourceState::NotCombined), QChar('-'));
    QCOMPARE(sourceStateSymbol(SourceState::Falseticker), QChar('x'));
    QCOMPARE(sourceStateSymbol(SourceState::TooVariable), QChar('~'));
    QCOMPARE(sourceStateSymbol(SourceState::Unusable), QChar('?'));
}

void TestSourcesTableModel::utcTime()
{
    QCOMPARE(formatUtcTime(kNow + std::chrono::milliseconds(999)), QStringLiteral("2024-05-01 12:34:56 UTC"));
}

void TestSourcesTableModel::passesModelTester()
{
    SourcesTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSources(makeSources({1, 2, 3, 4}), kNow);
    model.setSources(makeSources({2, 4, 5}), kNow + std::chrono::seconds(1));
    auto changed = makeSources({5, 2});
    changed[0].state = SourceState::Selected;
    model.setSources(changed, kNow + std::chrono::seconds(2));
    model.setSources({}, kNow + std::chrono::seconds(3));
    QCOMPARE(model.rowCount(), 0);
}

void TestSourcesTableModel::firstSnapshotInsertsRows()
{
    SourcesTableModel model;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setSources(makeSources({7, 3, 9}), kNow);

    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(SourcesTableModel::ColumnCount));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 0);
    QCOMPARE(inserted[0][2].toInt(), 2);
    QCOMPARE(reset.size(), 0);
    // Rows keep the snapshot's order.
    QCOMPARE(model.rowOfSource(7), 0);
    QCOMPARE(model.rowOfSource(3), 1);
    QCOMPARE(model.rowOfSource(9), 2);
    QCOMPARE(model.rowOfSource(42), -1);
}

void TestSourcesTableModel::changedSourceUpdatesItsRowInPlace()
{
    SourcesTableModel model;
    auto sources = makeSources({1, 2, 3});
    model.setSources(sources, kNow);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

    sources[1].lastSample->offset = 600e-9;
    sources[1].state = SourceState::Selected;
    model.setSources(sources, kNow);

    QCOMPARE(changed.size(), 1);
    const auto topLeft = changed[0][0].value<QModelIndex>();
    const auto bottomRight = changed[0][1].value<QModelIndex>();
    QCOMPARE(topLeft, model.index(1, 0));
    QCOMPARE(bottomRight, model.index(1, SourcesTableModel::ColumnCount - 1));
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(layout.size(), 0);
    // chronyc's sign: the source 600 ns ahead is the local clock 600 ns behind.
    QCOMPARE(cell(model, 1, SourcesTableModel::OffsetColumn), QStringLiteral("-600 ns"));
    QCOMPARE(cell(model, 1, SourcesTableModel::StateColumn), QStringLiteral("^*"));
}

void TestSourcesTableModel::unchangedSnapshotEmitsNothing()
{
    SourcesTableModel model;
    const auto sources = makeSources({1, 2});
    model.setSources(sources, kNow);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Less than a second later every age still reads the same.
    model.setSources(sources, kNow + std::chrono::milliseconds(500));
    QCOMPARE(changed.size(), 0);
}

void TestSourcesTableModel::passingTimeRefreshesOnlyAges()
{
    SourcesTableModel model;
    auto sources = makeSources({1, 2});
    sources[1].lastRx.reset(); // never heard from: its age cannot change
    model.setSources(sources, kNow);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.setSources(sources, kNow + std::chrono::seconds(1));

    QCOMPARE(changed.size(), 1);
    const QModelIndex age = model.index(0, SourcesTableModel::LastRxColumn);
    QCOMPARE(changed[0][0].value<QModelIndex>(), age);
    QCOMPARE(changed[0][1].value<QModelIndex>(), age);
    QCOMPARE(cell(model, 0, SourcesTableModel::LastRxColumn), QStringLiteral("32"));
}

void TestSourcesTableModel::vanishedSourcesAreRemovedBottomUp()
{
    SourcesTableModel model;
    model.setSources(makeSources({1, 2, 3, 4, 5}), kNow);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    model.setSources(makeSources({1, 3}), kNow);

    // Rows 3..4 as one run, then row 1, so that earlier row numbers stay valid.
    QCOMPARE(removed.size(), 2);
    QCOMPARE(removed[0][1].toInt(), 3);
    QCOMPARE(removed[0][2].toInt(), 4);
    QCOMPARE(removed[1][1].toInt(), 1);
    QCOMPARE(removed[1][2].toInt(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfSource(1), 0);
    QCOMPARE(model.rowOfSource(3), 1);
}

void TestSourcesTableModel::persistentIndexFollowsItsSource()
{
    SourcesTableModel model;
    model.setSources(makeSources({1, 2, 3}), kNow);
    const QPersistentModelIndex third(model.index(2, SourcesTableModel::NameColumn));

    model.setSources(makeSources({2, 3}), kNow + std::chrono::seconds(1));

    QVERIFY(third.isValid());
    QCOMPARE(third.row(), 1);
    QCOMPARE(third.data(SourcesTableModel::SourceIdRole).toUInt(), 3u);
}

void TestSourcesTableModel::addAndRemoveInOneSnapshot()
{
    SourcesTableModel model;
    model.setSources(makeSources({1, 2, 3}), kNow);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.setSources(makeSources({2, 5, 3, 6}), kNow);

    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed[0][1].toInt(), 0);
    QCOMPARE(removed[0][2].toInt(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 2);
    QCOMPARE(inserted[0][2].toInt(), 3);
    // Known rows keep their place; new ones are appended in snapshot order.
    QCOMPARE(model.rowOfSource(2), 0);
    QCOMPARE(model.rowOfSource(3), 1);
    QCOMPARE(model.rowOfSource(5), 2);
    QCOMPARE(model.rowOfSource(6), 3);
}

void TestSourcesTableModel::displayColumns()
{
    SourcesTableModel model;
    auto sources = makeSources({1});
    sources[0].state = SourceState::Selected;
    sources[0].reach = 017;
    sources[0].poll = 10;
    sources[0].stratum = 1;
    model.setSources(sources, kNow);

    using M = SourcesTableModel;
    QCOMPARE(cell(model, 0, M::StateColumn), QStringLiteral("^*"));
    QCOMPARE(cell(model, 0, M::NameColumn), QStringLiteral("ntp1.example.net"));
    QCOMPARE(cell(model, 0, M::StratumColumn), QStringLiteral("1"));
    QCOMPARE(cell(model, 0, M::PollColumn), QStringLiteral("10"));
    QCOMPARE(cell(model, 0, M::ReachColumn), QStringLiteral("017"));
    QCOMPARE(cell(model, 0, M::LastRxColumn), QStringLiteral("31"));
    // chronyc's sign (local clock minus source): the source is 13 us behind.
    QCOMPARE(cell(model, 0, M::OffsetColumn), QStringLiteral("+13 \u00b5s"));
    QCOMPARE(cell(model, 0, M::DelayColumn), QStringLiteral("1.2 ms"));
    QCOMPARE(cell(model, 0, M::StatusColumn), QStringLiteral("Selected"));

    // Without a configured name the address stands in.
    sources[0].name.clear();
    sources[0].kind = SourceKind::Peer;
    model.setSources(sources, kNow);
    QCOMPARE(cell(model, 0, M::NameColumn), QStringLiteral("192.0.2.1:123"));
    QCOMPARE(cell(model, 0, M::StateColumn), QStringLiteral("=*"));
}

void TestSourcesTableModel::rawAndSortRoles()
{
    SourcesTableModel model;
    auto sources = makeSources({1});
    sources[0].state = SourceState::Falseticker;
    model.setSources(sources, kNow);

    using M = SourcesTableModel;
    const auto raw = [&](int column) { return model.index(0, column).data(M::RawValueRole); };
    QCOMPARE(raw(M::OffsetColumn).toDouble(), 13e-6); // chronyc's sign
    QCOMPARE(raw(M::DelayColumn).toDouble(), 1.2e-3);
    QCOMPARE(raw(M::LastRxColumn).toLongLong(), 31);
    QCOMPARE(raw(M::ReachColumn).toInt(), 0377);
    QCOMPARE(raw(M::PollColumn).toInt(), 6);
    QCOMPARE(raw(M::StratumColumn).toInt(), 2);
    QCOMPARE(raw(M::StateColumn).toInt(), int(SourceState::Falseticker));
    QCOMPARE(model.index(0, M::OffsetColumn).data(M::SortRole).toDouble(), 13e-6);

    // The state sorts from selected to unusable.
    auto ranked = makeSources({1, 2, 3});
    ranked[0].state = SourceState::Unusable;
    ranked[1].state = SourceState::Selected;
    ranked[2].state = SourceState::Falseticker;
    model.setSources(ranked, kNow);
    const auto rank = [&](int row) { return model.index(row, M::StateColumn).data(M::SortRole).toInt(); };
    QVERIFY(rank(1) < rank(2));
    QVERIFY(rank(2) < rank(0));
    QCOMPARE(model.index(2, M::DelayColumn).data(M::SourceIdRole).toUInt(), 3u);
}

void TestSourcesTableModel::missingSampleShowsDashes()
{
    SourcesTableModel model;
    auto sources = makeSources({1});
    sources[0].lastRx.reset();
    sources[0].lastSample.reset();
    sources[0].state = SourceState::Unusable;
    sources[0].reach = 0;
    model.setSources(sources, kNow);

    using M = SourcesTableModel;
    QCOMPARE(cell(model, 0, M::LastRxColumn), QStringLiteral("-"));
    QCOMPARE(cell(model, 0, M::OffsetColumn), QStringLiteral("-"));
    QCOMPARE(cell(model, 0, M::DelayColumn), QStringLiteral("-"));
    QVERIFY(!model.index(0, M::OffsetColumn).data(M::RawValueRole).isValid());
    QVERIFY(!model.index(0, M::LastRxColumn).data(M::RawValueRole).isValid());
    QCOMPARE(cell(model, 0, M::StatusColumn), QStringLiteral("No reply"));
}

void TestSourcesTableModel::alignmentAndToolTips()
{
    SourcesTableModel model;
    model.setSources(makeSources({1}), kNow);

    using M = SourcesTableModel;
    const auto alignment = [&](int column) {
        return model.index(0, column).data(Qt::TextAlignmentRole).value<Qt::Alignment>();
    };
    QVERIFY(alignment(M::OffsetColumn) & Qt::AlignRight);
    QVERIFY(alignment(M::DelayColumn) & Qt::AlignRight);
    QVERIFY(alignment(M::ReachColumn) & Qt::AlignRight);
    QVERIFY(alignment(M::NameColumn) & Qt::AlignLeft);
    QVERIFY(alignment(M::StateColumn) & Qt::AlignHCenter);

    QVERIFY(cell(model, 0, M::PollColumn, Qt::ToolTipRole).contains(QStringLiteral("64 s")));
    QVERIFY(cell(model, 0, M::ReachColumn, Qt::ToolTipRole).contains(QStringLiteral("11111111")));
    QVERIFY(cell(model, 0, M::NameColumn, Qt::ToolTipRole).contains(QStringLiteral("192.0.2.1:123")));
    QVERIFY(cell(model, 0, M::OffsetColumn, Qt::ToolTipRole).contains(QStringLiteral("20 \u00b5s")));
    QVERIFY(cell(model, 0, M::LastRxColumn, Qt::ToolTipRole).contains(QStringLiteral("31 s")));
}

void TestSourcesTableModel::stateColours()
{
    SourcesTableModel model;
    auto sources = makeSources({1, 2, 3});
    sources[0].state = SourceState::Selected;
    sources[1].state = SourceState::Falseticker;
    sources[2].state = SourceState::Unusable;
    model.setSources(sources, kNow);

    using M = SourcesTableModel;
    const auto colour = [&](int row, int column) {
        return model.index(row, column).data(Qt::ForegroundRole).value<QColor>();
    };
    const QColor selected = colour(0, M::StateColumn);
    QVERIFY(selected.isValid());
    QVERIFY(selected.green() > selected.red() && selected.green() > selected.blue());
    const QColor falseticker = colour(1, M::StateColumn);
    QVERIFY(falseticker.red() > falseticker.green() && falseticker.red() > falseticker.blue());
    // Unusable rows are greyed out across every column.
    const QColor grey = QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    QCOMPARE(colour(2, M::StateColumn), grey);
    QCOMPARE(colour(2, M::OffsetColumn), grey);
    // Numbers of a usable source keep the view's text colour.
    QVERIFY(!model.index(0, M::OffsetColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(0, M::StateColumn).data(Qt::FontRole).value<QFont>().bold());
}

void TestSourcesTableModel::statusText()
{
    SourcesTableModel model;
    auto sources = makeSources({1, 2, 3, 4});
    sources[0].kissCode = "RATE";
    sources[1].lastRejectReason = "bad origin timestamp";
    sources[2].address = {};
    sources[3].state = SourceState::TooVariable;
    model.setSources(sources, kNow);

    using M = SourcesTableModel;
    QCOMPARE(cell(model, 0, M::StatusColumn), QStringLiteral("KoD RATE"));
    QCOMPARE(cell(model, 1, M::StatusColumn), QStringLiteral("bad origin timestamp"));
    QCOMPARE(cell(model, 2, M::StatusColumn), QStringLiteral("Resolving name"));
    QCOMPARE(cell(model, 3, M::StatusColumn), QStringLiteral("Too variable"));
    QVERIFY(cell(model, 1, M::StatusColumn, Qt::ToolTipRole).contains(QStringLiteral("rejected")));
}

void TestSourcesTableModel::headers()
{
    SourcesTableModel model;
    using M = SourcesTableModel;
    const auto header = [&](int section, int role = Qt::DisplayRole) {
        return model.headerData(section, Qt::Horizontal, role).toString();
    };
    QCOMPARE(header(M::StateColumn), QStringLiteral("MS"));
    QCOMPARE(header(M::NameColumn), QStringLiteral("Name"));
    QCOMPARE(header(M::ReachColumn), QStringLiteral("Reach"));
    QCOMPARE(header(M::LastRxColumn), QStringLiteral("Last Rx"));
    // Which sign, said in the header: chronyc's, the local clock minus the source.
    QCOMPARE(header(M::OffsetColumn), QStringLiteral("Offset\nlocal\u2212src"));
    for (int section = 0; section < M::ColumnCount; ++section) {
        QVERIFY2(!header(section).isEmpty(), qPrintable(QString::number(section)));
        QVERIFY2(!header(section, Qt::ToolTipRole).isEmpty(), qPrintable(QString::number(section)));
    }
}

QTEST_MAIN(TestSourcesTableModel)
#include "tst_sourcestablemodel.moc"
