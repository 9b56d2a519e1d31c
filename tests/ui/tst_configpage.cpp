// The Configuration page against a feed that serves a text and answers applies as a service
// would (it validates with the real reader): edits in the sections change exactly the lines they
// concern, the review shows that diff, Apply sends the text with its revision and shows the
// outcome, the reader's messages appear where the edit was made, a conflict or failure keeps
// every edit, an unavailable feed leaves the page read-only, and every test configuration comes
// back byte for byte. Also renders the page at 800x480 for docs (S1_SCREENSHOT_DIR).
#include "MainWindow.h"
#include "SnapshotFeed.h"
#include "SourcesView.h"
#include "WidgetTestSupport.h"
#include "config/ConfigHighlighter.h"
#include "config/ConfigLineDiff.h"
#include "config/ConfigReader.h"
#include "config/ConfigReviewDialog.h"
#include "config/ConfigurationDialog.h"
#include "config/ConfigurationPage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>

using namespace s1;

namespace {

const QSize kTouchScreen(800, 480);
// A row may shrink to this and still be hit by a finger (7 mm on the 7" panel).
constexpr int kMinTargetPx = 36;

const std::string kText = "# Test configuration\n"
                          "server a.example iburst\n"
                          "\n"
                          "! the second server\n"
                          "server b.example\n"
                          "allow 192.0.2.0/24\n"
                          "driftfile /var/lib/stratumone/drift\n";

// Answers like a service: the revision it served must be the one handed back, and the text must
// read without errors.
class FakeFeed : public SnapshotFeed
{
public:
    using SnapshotFeed::SnapshotFeed;

    void start() override { }
    void requestReload() override { }
    void requestMakeStep() override { }
    QString configurationEditUnavailableReason() const override { return unavailable; }
    void requestConfigurationText() override { emit configurationTextReady(served); }
    void applyConfiguration(const std::string &text, const std::string &revision) override
    {
        texts.push_back(text);
        revisions.push_back(revision);
        ConfigurationApplyResult result;
        if (forced) {
            result.outcome = *forced;
            result.message = "forced";
        } else if (revision != served.revision) {
            result.outcome = ConfigurationApplyResult::Outcome::Conflict;
        } else {
            ConfigReadOptions options;
            options.followIncludes = false;
            const ConfigReadResult read = readConfigText(text, served.main.path, options);
            for (const ConfigDiagnostic &d : read.diagnostics)
                result.problems.push_back({d.severity == ConfigDiagnostic::Severity::Error
                                               ? ConfigurationProblem::Severity::Error
                                               : ConfigurationProblem::Severity::Warning,
                                           d.file, d.line, d.column, d.message});
            if (!read.ok()) {
                result.outcome = ConfigurationApplyResult::Outcome::Invalid;
            } else {
                result.outcome = ConfigurationApplyResult::Outcome::Applied;
                result.message = "written and reloaded";
                served.main.text = text;
                served.revision = "rev" + std::to_string(texts.size() + 1);
            }
        }
        result.revision = served.revision;
        emit configurationApplied(result);
    }

    ConfigurationText served{{"/etc/stratumone/stratumone.conf", kText}, "rev1", false, {}};
    QString unavailable;
    std::optional<ConfigurationApplyResult::Outcome> forced;
    std::vector<std::string> texts;
    std::vector<std::string> revisions;
};

// The lines two texts differ in, as "-N text" / "+N text".
QStringList changes(const std::string &before, const std::string &after)
{
    QStringList out;
    for (const DiffLine &line : diffLines(before, after)) {
        if (line.kind == DiffLine::Kind::Removed)
            out << QStringLiteral("-%1 %2").arg(line.oldLine).arg(QString::fromStdString(line.text));
        else if (line.kind == DiffLine::Kind::Added)
            out << QStringLiteral("+%1 %2").arg(line.newLine).arg(QString::fromStdString(line.text));
    }
    return out;
}

void selectSource(ConfigurationPage &page, const QString &text)
{
    auto *list = page.findChild<QListWidget *>(QStringLiteral("sourceList"));
    const auto items = list->findItems(text, Qt::MatchStartsWith);
    QVERIFY(!items.isEmpty());
    list->setCurrentItem(items.first());
}

void typeInto(QWidget &page, const char *name, const QString &text)
{
    auto *edit = page.findChild<QLineEdit *>(QLatin1String(name));
    QVERIFY2(edit, name);
    QVERIFY2(edit->isEnabled(), name);
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

void saveShot(QWidget &widget, const QString &name)
{
    // Layouts settle (rows shown or hidden) before the picture.
    QTest::qWait(50);
    QVERIFY(widget.grab().save(s1::test::screenshotPath(name)));
}

} // namespace

class TestConfigPage : public QObject
{
    Q_OBJECT

private slots:
    void editOptionReviewApply();
    void invalidValueShowsTheReadersMessage();
    void textTabShowsErrorsAtTheirLines();
    void conflictKeepsTheEdits();
    void failuresKeepTheEdits();
    void unavailableFeedIsReadOnly();
    void sectionsEditTheirDirectives();
    void metricsAddressField();
    void sourceDetailAppliesCalibration();
    void roundTripsEveryTestConfiguration();
    void fitsTheTouchScreen_data();
    void fitsTheTouchScreen();
    void reviewCountsLinesAsRead();
    void highlighterUsesCharacterPositions();
    void accessEditKeepsSpacing();
    void includedFilesAreShown();
    void sourceKindChanges();
    void closingAsksAboutUnappliedEdits();
    void closingTheMainWindowAsksToo();
    void screenshots();
    void screenshotsDesktop();
};

void TestConfigPage::editOptionReviewApply()
{
    FakeFeed feed;
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    QCOMPARE(page.text(), kText);
    QVERIFY(!page.isModified());

    selectSource(page, QStringLiteral("server b.example"));
    typeInto(page, "source_minpoll", QStringLiteral("4"));
    page.findChild<QCheckBox *>(QStringLiteral("source_iburst"))->click();
    QCOMPARE(changes(kText, page.text()), QStringList({QStringLiteral("-5 server b.example"),
                                                       QStringLiteral("+5 server b.example minpoll 4 iburst")}));
    QCOMPARE(page.errorCount(), 0);

    ConfigReviewDialog *review = page.openReview();
    QCOMPARE(review->changedLines(), 1);
    QVERIFY2(review->summaryText().startsWith(QStringLiteral("1 line changed (")), qPrintable(review->summaryText()));
    QVERIFY(review->diffText().contains(QStringLiteral("- server b.example\n+ server b.example minpoll 4 iburst")));
    QVERIFY(review->applyButton()->isEnabled());
    review->applyButton()->click();

    QCOMPARE(feed.texts.size(), std::size_t{1});
    QCOMPARE(feed.texts.front(), page.text());
    QCOMPARE(feed.revisions.front(), std::string("rev1"));
    QVERIFY2(page.bannerText().startsWith(QStringLiteral("Applied")), qPrintable(page.bannerText()));
    QVERIFY(!page.isModified());
    QCOMPARE(page.revision(), std::string("rev2"));
}

void TestConfigPage::invalidValueShowsTheReadersMessage()
{
    FakeFeed feed;
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    selectSource(page, QStringLiteral("server a.example"));
    typeInto(page, "source_maxpoll", QStringLiteral("99"));
    QCOMPARE(page.text().find("server a.example iburst maxpoll 99\n") != std::string::npos, true);

    // The reader's own message for that line, word for word.
    ConfigReadOptions options;
    options.followIncludes = false;
    const ConfigReadResult read = readConfigText(page.text(), "x", options);
    QVERIFY(!read.ok());
    const QString message = QString::fromStdString(read.diagnostics.front().message);
    QCOMPARE(read.diagnostics.front().line, 2);
    auto *problems = page.findChild<QLabel *>(QStringLiteral("sourceProblems"));
    QVERIFY(problems->isVisibleTo(&page));
    QVERIFY2(problems->text().contains(message), qPrintable(problems->text() + " / " + message));
    QVERIFY(
        page.findChild<QLineEdit *>(QStringLiteral("source_maxpoll"))->styleSheet().contains(QStringLiteral("border")));

    ConfigReviewDialog *review = page.openReview();
    QVERIFY(!review->applyButton()->isEnabled());
    review->close();
    QVERIFY(!page.applyEdits());
    QVERIFY(feed.texts.empty());
    QVERIFY(page.bannerText().contains(QStringLiteral("errors")));

    // Fixing it makes it acceptable again.
    typeInto(page, "source_maxpoll", QString());
    QCOMPARE(page.text(), kText);
    QCOMPARE(page.errorCount(), 0);
}

void TestConfigPage::textTabShowsErrorsAtTheirLines()
{
    FakeFeed feed;
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    page.sections()->setCurrentIndex(ConfigurationPage::TextSection);
    auto *text = page.findChild<QPlainTextEdit *>(QStringLiteral("configText"));
    QCOMPARE(text->toPlainText().toStdString(), kText);

    QTextCursor cursor(text->document()->findBlockByNumber(5)); // "allow 192.0.2.0/24"
    cursor.movePosition(QTextCursor::EndOfBlock);
    text->setTextCursor(cursor);
    QTest::keyClicks(text, QStringLiteral("/99"));
    QCOMPARE(changes(kText, page.text()),
             QStringList({QStringLiteral("-6 allow 192.0.2.0/24"), QStringLiteral("+6 allow 192.0.2.0/24/99")}));
    QVERIFY(page.errorCount() > 0);
    auto *problems = page.findChild<QListWidget *>(QStringLiteral("configProblems"));
    QVERIFY(problems->isVisibleTo(&page));
    QVERIFY2(problems->item(0)->text().startsWith(QStringLiteral("Line 6")), qPrintable(problems->item(0)->text()));
    QCOMPARE(problems->item(0)->data(Qt::UserRole).toInt(), 6);

    // A tap on the problem puts the cursor on its line.
    text->moveCursor(QTextCursor::Start);
    emit problems->itemClicked(problems->item(0));
    QCOMPARE(text->textCursor().blockNumber(), 5);

    // The Access section shows the same message and the edited line.
    page.sections()->setCurrentIndex(ConfigurationPage::AccessSection);
    auto *accessProblems = page.findChild<QLabel *>(QStringLiteral("accessProblems"));
    QVERIFY(accessProblems->text().startsWith(QStringLiteral("Line 6")));
    QCOMPARE(page.findChild<QListWidget *>(QStringLiteral("accessList"))->item(0)->text(),
             QStringLiteral("allow 192.0.2.0/24/99"));
}

void TestConfigPage::conflictKeepsTheEdits()
{
    FakeFeed feed;
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    selectSource(page, QStringLiteral("server b.example"));
    typeInto(page, "source_minpoll", QStringLiteral("4"));
    const std::string edited = page.text();

    // Someone else changes the file meanwhile.
    const std::string onDisk = kText + "local stratum 10\n";
    feed.served.main.text = onDisk;
    feed.served.revision = "other";
    QVERIFY(page.applyEdits());
    QCOMPARE(feed.revisions.back(), std::string("rev1"));
    QVERIFY2(page.bannerText().contains(QStringLiteral("changed on disk")), qPrintable(page.bannerText()));
    QCOMPARE(page.text(), edited);
    QVERIFY(page.isModified());

    // Reloading keeps the edits and reviews them against the file as it is now.
    page.findChild<QPushButton *>(QStringLiteral("configReloadButton"))->click();
    QCOMPARE(page.text(), edited);
    QCOMPARE(page.loadedText(), onDisk);
    QCOMPARE(page.revision(), std::string("other"));
    ConfigReviewDialog *review = page.openReview();
    QVERIFY(review->diffText().contains(QStringLiteral("- local stratum 10")));
    review->accept();
    QCOMPARE(feed.revisions.back(), std::string("other"));
    QVERIFY(page.bannerText().startsWith(QStringLiteral("Applied")));
    QCOMPARE(feed.served.main.text, edited);
}

void TestConfigPage::failuresKeepTheEdits()
{
    using Outcome = ConfigurationApplyResult::Outcome;
    for (const Outcome outcome : {Outcome::WriteFailed, Outcome::Invalid, Outcome::ReloadFailed}) {
        FakeFeed feed;
        ConfigurationPage page;
        page.setFeed(&feed);
        page.requestText();
        selectSource(page, QStringLiteral("server a.example"));
        typeInto(page, "source_maxpoll", QStringLiteral("9"));
        const std::string edited = page.text();
        feed.forced = outcome;
        QVERIFY(page.applyEdits());
        QCOMPARE(page.text(), edited);
        QVERIFY(!page.bannerText().startsWith(QStringLiteral("Applied")));
        // Written (the reload failed): the file is the edited text now; otherwise still modified.
        QCOMPARE(page.isModified(), outcome != Outcome::ReloadFailed);
    }
}

void TestConfigPage::unavailableFeedIsReadOnly()
{
    FakeFeed feed;
    feed.unavailable = QStringLiteral("the simulation has no configuration file");
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    QVERIFY(page.isReadOnly());
    QVERIFY(page.bannerText().contains(feed.unavailable));
    QVERIFY(!page.findChild<QLineEdit *>(QStringLiteral("source_minpoll"))->isEnabled());
    QVERIFY(!page.findChild<QCheckBox *>(QStringLiteral("source_iburst"))->isEnabled());
    QVERIFY(!page.findChild<QLineEdit *>(QStringLiteral("driftfile_1"))->isEnabled());
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("addSourceButton"))->isEnabled());
    QVERIFY(page.findChild<QPlainTextEdit *>(QStringLiteral("configText"))->isReadOnly());
    QVERIFY(!page.applyEdits());
    ConfigReviewDialog *review = page.openReview();
    QVERIFY(!review->applyButton()->isEnabled());
    QVERIFY(feed.texts.empty());
    QCOMPARE(page.text(), kText);

    // The window offers the page once the feed has shown it can serve the text; a feed without
    // any file (the default answers) gets no button.
    MainWindow window;
    window.setFeed(&feed);
    QVERIFY(window.findChild<QAction *>(QStringLiteral("configurationAction"))->isVisible());
    struct NoText : FakeFeed
    {
        void requestConfigurationText() override { emit configurationTextFailed(unavailable); }
    } none;
    none.unavailable = feed.unavailable;
    MainWindow other;
    other.setFeed(&none);
    QVERIFY(!other.findChild<QAction *>(QStringLiteral("configurationAction"))->isVisible());
}

void TestConfigPage::sourceDetailAppliesCalibration()
{
    FakeFeed feed;
    feed.served.main.text = kText + "refclock SHM 0 refid NMEA offset 0.1\n";
    MainWindow window;
    window.setFeed(&feed);
    window.resize(kTouchScreen);
    window.show();

    EngineSnapshot snapshot;
    snapshot.time = std::chrono::system_clock::now();
    SourceSnapshot nmea;
    nmea.id = 7;
    nmea.name = "NMEA";
    nmea.kind = SourceKind::RefClock;
    nmea.state = SourceState::NotCombined;
    OffsetCalibration c;
    c.reference = "PPS";
    c.samples = 600;
    c.span = 600;
    c.window = 600;
    c.currentOffset = 0.1;
    c.proposedOffset = 0.150666;
    c.proposedDelay = 0.0123;
    c.ready = true;
    nmea.calibration = c;
    snapshot.sources.push_back(nmea);
    emit feed.snapshotReady(snapshot);

    auto *view = window.findChild<SourcesView *>();
    QVERIFY(view);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(0, 1)).center());
    auto *detail = window.findChild<QDialog *>(QStringLiteral("sourceDetail"));
    QVERIFY(detail && detail->isVisible());
    auto *apply = detail->findChild<QPushButton *>(QStringLiteral("applyCalibration"));
    QVERIFY(apply && apply->isEnabled());
    apply->click();

    // The refclock's line got the proposal, the rest of the file is as it was, the feed applied
    // it with the revision it served, and the window says so.
    QCOMPARE(feed.texts.size(), std::size_t(1));
    QCOMPARE(feed.revisions.back(), std::string("rev1"));
    QCOMPARE(changes(kText + "refclock SHM 0 refid NMEA offset 0.1\n", feed.texts.back()),
             QStringList({QStringLiteral("-8 refclock SHM 0 refid NMEA offset 0.1"),
                          QStringLiteral("+8 refclock SHM 0 refid NMEA offset 0.150666 delay 0.012300")}));
    auto *result = window.findChild<QLabel *>(QStringLiteral("actionResult"));
    QVERIFY2(result->text().contains(QStringLiteral("NMEA calibrated")), qPrintable(result->text()));
    QVERIFY(apply->isEnabled()); // ready for another

    // A refusal is said, and nothing else happens.
    feed.forced = ConfigurationApplyResult::Outcome::WriteFailed;
    apply->click();
    QCOMPARE(feed.texts.size(), std::size_t(2));
    QVERIFY2(result->text().contains(QStringLiteral("not applied")), qPrintable(result->text()));
    if (QMessageBox *failure = s1::test::openBox(window, "actionFailure"))
        failure->accept();

    // A feed that cannot edit: the button says why and does nothing.
    feed.forced.reset();
    feed.unavailable = QStringLiteral("read-only here");
    detail->reject();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(0, 1)).center());
    detail = window.findChild<QDialog *>(QStringLiteral("sourceDetail"));
    QVERIFY(detail);
    apply = detail->findChild<QPushButton *>(QStringLiteral("applyCalibration"));
    QVERIFY(!apply->isEnabled());
    QCOMPARE(apply->toolTip(), QStringLiteral("read-only here"));
}

void TestConfigPage::metricsAddressField()
{
    FakeFeed feed;
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    page.sections()->setCurrentIndex(ConfigurationPage::LoggingSection);
    auto *problems = page.findChild<QLabel *>(QStringLiteral("loggingProblems"));
    QVERIFY(problems);

    // An address without a port is the reader's error, shown in the section.
    typeInto(page, "metricsaddress_1", QStringLiteral("127.0.0.1"));
    QVERIFY(page.errorCount() > 0);
    QVERIFY(problems->isVisibleTo(&page));
    QVERIFY2(problems->text().contains(QStringLiteral("metricsaddress")), qPrintable(problems->text()));

    typeInto(page, "metricsaddress_2", QStringLiteral("9123"));
    QCOMPARE(page.errorCount(), 0);
    QVERIFY(!problems->isVisibleTo(&page));
    QVERIFY2(page.text().find("\nmetricsaddress 127.0.0.1 9123\n") != std::string::npos, page.text().c_str());

    // Emptied: the line goes, the endpoint is off again.
    typeInto(page, "metricsaddress_1", QString());
    typeInto(page, "metricsaddress_2", QString());
    QVERIFY(page.text().find("metricsaddress") == std::string::npos);
    QCOMPARE(page.errorCount(), 0);
}

void TestConfigPage::sectionsEditTheirDirectives()
{
    FakeFeed feed;
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();

    auto click = [&](const char *name) {
        auto *box = page.findChild<QCheckBox *>(QLatin1String(name));
        QVERIFY2(box && box->isEnabled(), name);
        box->click();
    };
    click("local_present");
    typeInto(page, "local_stratum", QStringLiteral("8"));
    typeInto(page, "makestep_1", QStringLiteral("1"));
    typeInto(page, "makestep_2", QStringLiteral("3"));
    typeInto(page, "driftfile_1", QStringLiteral("/var/lib/s1/drift"));
    click("log_tracking");
    click("log_statistics");
    click("log_tracking");
    QCOMPARE(changes(kText, page.text()),
             QStringList({QStringLiteral("-7 driftfile /var/lib/stratumone/drift"),
                          QStringLiteral("+7 driftfile /var/lib/s1/drift"), QStringLiteral("+8 local stratum 8"),
                          QStringLiteral("+9 makestep 1 3"), QStringLiteral("+10 log statistics")}));
    QCOMPARE(page.errorCount(), 0);

    // Emptying a directive's fields removes its line; a new source starts bare, with the
    // reader's message until it has an address.
    typeInto(page, "makestep_1", QString());
    typeInto(page, "makestep_2", QString());
    QVERIFY(page.text().find("makestep") == std::string::npos);
    auto *list = page.findChild<QListWidget *>(QStringLiteral("sourceList"));
    const int before = list->count();
    page.findChild<QPushButton *>(QStringLiteral("addSourceButton"))->menu()->actions().at(0)->trigger();
    QCOMPARE(list->count(), before + 1);
    QVERIFY(page.errorCount() > 0);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("sourceProblems"))->isVisibleTo(&page));
    typeInto(page, "sourceAddress", QStringLiteral("c.example"));
    QCOMPARE(page.errorCount(), 0);
    QCOMPARE(list->currentItem()->text(), QStringLiteral("server c.example"));
    page.findChild<QPushButton *>(QStringLiteral("removeSourceButton"))->click();
    QCOMPARE(list->count(), before);
}

void TestConfigPage::roundTripsEveryTestConfiguration()
{
    const QDir dir(QStringLiteral(S1_TEST_DATA_DIR "/config"));
    const QStringList files = dir.entryList({QStringLiteral("*.conf")}, QDir::Files);
    QVERIFY(files.size() >= 9);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const std::string original = file.readAll().toStdString();
        FakeFeed feed;
        feed.served = {{dir.filePath(name).toStdString(), original}, "rev1", false, {}};
        ConfigurationPage page;
        page.setFeed(&feed);
        page.requestText();
        // Through every section and the text tab, without an edit.
        for (int section = 0; section < page.sections()->count(); ++section)
            page.sections()->setCurrentIndex(section);
        page.sections()->setCurrentIndex(0);
        QVERIFY2(page.text() == original, qPrintable(name));
        QVERIFY2(!page.isModified(), qPrintable(name));

        // One option of one NTP source changed: one line changed.
        auto *list = page.findChild<QListWidget *>(QStringLiteral("sourceList"));
        const auto servers = list->findItems(QStringLiteral("server "), Qt::MatchStartsWith)
                             + list->findItems(QStringLiteral("pool "), Qt::MatchStartsWith);
        if (servers.isEmpty())
            continue;
        list->setCurrentItem(servers.first());
        const int line = servers.first()->data(Qt::UserRole).toInt() + 1;
        typeInto(page, "source_maxpoll", QStringLiteral("9"));
        const QStringList changed = changes(original, page.text());
        QCOMPARE(changed.size(), 2);
        QVERIFY2(changed.at(0).startsWith(QStringLiteral("-%1 ").arg(line)), qPrintable(name));
        QVERIFY2(changed.at(1).startsWith(QStringLiteral("+%1 ").arg(line)), qPrintable(name));
    }
}

void TestConfigPage::fitsTheTouchScreen_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("800x480") << kTouchScreen;
    QTest::newRow("800x416") << QSize(800, 416); // a Raspberry Pi desktop: panel and title bar off
}

// Every section at the small sizes: the section tabs and the buttons beside them without scroll
// arrows, every visible field and button a finger's size and inside the window.
void TestConfigPage::fitsTheTouchScreen()
{
    QFETCH(QSize, size);
    FakeFeed feed;
    feed.served.main.text = kText + "refclock PPS /dev/pps0 lock NMEA refid PPS prefer\nlocal stratum 10\n";
    MainWindow window;
    window.setFeed(&feed);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(QStringLiteral("configurationAction"))->trigger();
    QDialog *dialog = window.configurationDialog();
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    ConfigurationPage *page = window.configurationPage();
    QCOMPARE(dialog->size(), size);
    for (int section = 0; section < page->sections()->count(); ++section) {
        page->sections()->setCurrentIndex(section);
        QTest::qWait(20);
        const QString where = page->sections()->tabText(section);
        for (QToolButton *arrow : page->sections()->tabBar()->findChildren<QToolButton *>())
            QVERIFY2(!arrow->isVisible(), qPrintable(where + ": section tabs behind scroll arrows"));
        const QRect inside = page->rect();
        for (QWidget *widget : page->findChildren<QWidget *>()) {
            if (!widget->isVisible() || !(qobject_cast<QLineEdit *>(widget) || qobject_cast<QAbstractButton *>(widget)))
                continue;
            if (qobject_cast<QToolButton *>(widget))
                continue; // the tab bar's own arrows, checked above
            // A field in a scroll area may be scrolled out of view; the others must be on the page.
            const QRect rect(widget->mapTo(page, QPoint(0, 0)), widget->size());
            QVERIFY2(
                widget->height() >= kMinTargetPx,
                qPrintable(
                    QStringLiteral("%1: %2 only %3 px tall").arg(where, widget->objectName()).arg(widget->height())));
            QVERIFY2(rect.right() <= inside.right() + 1,
                     qPrintable(QStringLiteral("%1: %2 sticks out on the right").arg(where, widget->objectName())));
        }
    }
}

void TestConfigPage::reviewCountsLinesAsRead()
{
    // One line modified is one line changed, not a removal and an addition; lines only added or
    // only removed are counted as such.
    const std::string before = "a 1\nb 2\nc 3\nd 4\n";
    DiffSummary summary = summarizeDiff(diffLines(before, "a 1\nb 5\nc 3\nd 4\n"));
    QCOMPARE(summary.changed, 1);
    QCOMPARE(summary.total(), 1);
    summary = summarizeDiff(diffLines(before, "a 9\nb 2\nnew\nc 3\n"));
    QCOMPARE(summary.changed, 1);
    QCOMPARE(summary.added, 1);
    QCOMPARE(summary.removed, 1);
    summary = summarizeDiff(diffLines(before, "b 7\nb 8\nc 3\nd 4\n")); // two lines for two
    QCOMPARE(summary.changed, 2);
    QCOMPARE(summary.total(), 2);

    ConfigReviewDialog review(before, "a 9\nb 2\nnew\nc 3\n", 0, QString(), nullptr);
    QCOMPARE(review.changedLines(), 3);
    QVERIFY2(review.summaryText().startsWith(QStringLiteral("1 line changed, 1 line added, 1 line removed (")),
             qPrintable(review.summaryText()));
}

void TestConfigPage::highlighterUsesCharacterPositions()
{
    // A non-ASCII character before a word: the lexer's byte columns must not shift the colours
    // and the error underline by its extra bytes.
    const QString line = QStringLiteral("server zürich.example minpoll x");
    QTextDocument document(line);
    ConfigHighlighter highlighter(&document);
    const std::string bytes = line.toStdString();
    const int errorColumn = static_cast<int>(bytes.rfind(' ')) + 2; // 1-based, of "x"
    highlighter.setErrors({{1, errorColumn}});
    const QList<QTextLayout::FormatRange> formats = document.firstBlock().layout()->formats();
    bool underlined = false;
    bool optionColoured = false;
    for (const QTextLayout::FormatRange &range : formats) {
        const QString covered = line.mid(range.start, range.length);
        if (range.format.underlineStyle() == QTextCharFormat::WaveUnderline) {
            QCOMPARE(covered, QStringLiteral("x"));
            underlined = true;
        }
        if (covered == QStringLiteral("minpoll"))
            optionColoured = true;
    }
    QVERIFY(underlined);
    QVERIFY(optionColoured);
}

void TestConfigPage::accessEditKeepsSpacing()
{
    FakeFeed feed;
    feed.served.main.text = "allow   192.0.2.0/24\ndeny\t10.0.0.0/8\n";
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    page.sections()->setCurrentIndex(ConfigurationPage::AccessSection);
    auto *list = page.findChild<QListWidget *>(QStringLiteral("accessList"));
    QCOMPARE(list->count(), 2);
    list->setCurrentRow(0);
    // The subnet changed, the directive and its spacing did not.
    typeInto(page, "accessSubnet", QStringLiteral("192.0.2.0/25"));
    QCOMPARE(page.text(), std::string("allow   192.0.2.0/25\ndeny\t10.0.0.0/8\n"));
    // The rule changed: only the words that changed are rewritten.
    list->setCurrentRow(1);
    auto *kind = page.findChild<QComboBox *>(QStringLiteral("accessKind"));
    const int allowIndex = kind->findData(QStringLiteral("allow"));
    kind->setCurrentIndex(allowIndex);
    emit kind->activated(allowIndex);
    QCOMPARE(page.text(), std::string("allow   192.0.2.0/25\nallow\t10.0.0.0/8\n"));
    const int denyAllIndex = kind->findData(QStringLiteral("deny all"));
    kind->setCurrentIndex(denyAllIndex);
    emit kind->activated(denyAllIndex);
    QCOMPARE(page.text(), std::string("allow   192.0.2.0/25\ndeny\tall 10.0.0.0/8\n"));
    typeInto(page, "accessSubnet", QString());
    QCOMPARE(page.text(), std::string("allow   192.0.2.0/25\ndeny\tall\n"));
    QCOMPARE(page.errorCount(), 0);
}

void TestConfigPage::sourceKindChanges()
{
    FakeFeed feed;
    feed.served.main.text = kText + "refclock PPS /dev/pps0\n";
    ConfigurationPage page;
    page.setFeed(&feed);
    page.requestText();
    selectSource(page, QStringLiteral("server a.example"));
    auto *kind = page.findChild<QComboBox *>(QStringLiteral("sourceKindChoice"));
    QVERIFY(kind && kind->isEnabled());
    const int pool = kind->findData(QStringLiteral("pool"));
    kind->setCurrentIndex(pool);
    emit kind->activated(pool);
    // The word changes, the options and spacing stay; the list follows.
    QCOMPARE(changes(feed.served.main.text, page.text()),
             QStringList({QStringLiteral("-2 server a.example iburst"), QStringLiteral("+2 pool a.example iburst")}));
    auto *list = page.findChild<QListWidget *>(QStringLiteral("sourceList"));
    QCOMPARE(list->currentItem()->text(), QStringLiteral("pool a.example iburst"));
    QCOMPARE(page.errorCount(), 0);
    // A refclock's line has its own syntax: no kind to choose.
    selectSource(page, QStringLiteral("refclock"));
    QVERIFY(!kind->isVisibleTo(&page));
}

void TestConfigPage::includedFilesAreShown()
{
    FakeFeed feed;
    feed.served.main.text = kText + "include /etc/stratumone/extra.conf\n";
    feed.served.includes = {{"/etc/stratumone/extra.conf", "server c.example iburst\n"}};
    ConfigurationPage page;
    page.setFeed(&feed);
    page.resize(kTouchScreen);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.sections()->setCurrentIndex(ConfigurationPage::TextSection);
    auto *choice = page.findChild<QComboBox *>(QStringLiteral("configFileChoice"));
    QVERIFY(choice && choice->isVisible());
    QCOMPARE(choice->count(), 2);
    QVERIFY(choice->itemText(1).startsWith(QStringLiteral("/etc/stratumone/extra.conf")));
    choice->setCurrentIndex(1);
    auto *included = page.findChild<QPlainTextEdit *>(QStringLiteral("includedText"));
    QVERIFY(included->isVisible() && included->isReadOnly());
    QCOMPARE(included->toPlainText(), QStringLiteral("server c.example iburst\n"));
    QVERIFY(!page.findChild<QPlainTextEdit *>(QStringLiteral("configText"))->isVisible());
    // A problem's line takes the user back to the main file.
    page.showTextLine(2);
    QCOMPARE(choice->currentIndex(), 0);
    QVERIFY(page.findChild<QPlainTextEdit *>(QStringLiteral("configText"))->isVisible());

    // Without includes there is no choice to make.
    FakeFeed plain;
    ConfigurationPage other;
    other.setFeed(&plain);
    other.resize(kTouchScreen);
    other.show();
    QVERIFY(QTest::qWaitForWindowExposed(&other));
    other.sections()->setCurrentIndex(ConfigurationPage::TextSection);
    QVERIFY(!other.findChild<QComboBox *>(QStringLiteral("configFileChoice"))->isVisible());
}

namespace {

QMessageBox *question(const ConfigurationDialog &dialog)
{
    QMessageBox *box = dialog.unappliedQuestion();
    return box && box->isVisible() ? box : nullptr;
}

void choose(QMessageBox *box, const char *button)
{
    QVERIFY(box);
    auto *chosen = box->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY2(chosen, button);
    chosen->click();
}

} // namespace

void TestConfigPage::closingAsksAboutUnappliedEdits()
{
    QWidget window;
    window.resize(kTouchScreen);
    window.show();
    FakeFeed feed;
    ConfigurationDialog dialog(&window);
    ConfigurationPage &page = *dialog.page();
    page.setFeed(&feed);
    dialog.open();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // Nothing changed: Close closes.
    dialog.reject();
    QVERIFY(!dialog.isVisible());
    QVERIFY(!question(dialog));

    dialog.open();
    selectSource(page, QStringLiteral("server b.example"));
    typeInto(page, "source_minpoll", QStringLiteral("4"));
    QVERIFY(page.isModified());
    // Cancel: still open, still edited.
    dialog.reject();
    QTRY_VERIFY(question(dialog));
    choose(question(dialog), "unappliedCancelButton");
    QVERIFY(dialog.isVisible());
    QVERIFY(page.isModified());
    // Escape asks as well.
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QTRY_VERIFY(question(dialog));
    // Discard: closed, back to the file as loaded.
    choose(question(dialog), "unappliedDiscardButton");
    QVERIFY(!dialog.isVisible());
    QVERIFY(!page.isModified());
    QCOMPARE(page.text(), kText);

    // Apply with an error in the text: refused, the window stays with the reason.
    dialog.open();
    selectSource(page, QStringLiteral("server b.example"));
    typeInto(page, "source_minpoll", QStringLiteral("-99"));
    QVERIFY(page.errorCount() > 0);
    dialog.reject();
    QTRY_VERIFY(question(dialog));
    choose(question(dialog), "unappliedApplyButton");
    QVERIFY(dialog.isVisible());
    QVERIFY(feed.texts.empty());
    QVERIFY2(page.bannerText().startsWith(QStringLiteral("Not applied")), qPrintable(page.bannerText()));

    // A conflict: sent, refused by the service, the window stays.
    typeInto(page, "source_minpoll", QStringLiteral("4"));
    feed.forced = ConfigurationApplyResult::Outcome::Conflict;
    dialog.reject();
    QTRY_VERIFY(question(dialog));
    choose(question(dialog), "unappliedApplyButton");
    QCOMPARE(feed.texts.size(), std::size_t{1});
    QVERIFY(dialog.isVisible());
    QVERIFY(page.isModified());

    // Applied: written, and the window closes.
    feed.forced.reset();
    dialog.reject();
    QTRY_VERIFY(question(dialog));
    choose(question(dialog), "unappliedApplyButton");
    QCOMPARE(feed.texts.size(), std::size_t{2});
    QVERIFY(!dialog.isVisible());
    QVERIFY(!page.isModified());
    QCOMPARE(feed.served.main.text, page.text());
}

void TestConfigPage::closingTheMainWindowAsksToo()
{
    FakeFeed feed;
    MainWindow window;
    window.setFeed(&feed);
    window.resize(kTouchScreen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(QStringLiteral("configurationAction"))->trigger();
    auto *dialog = qobject_cast<ConfigurationDialog *>(window.configurationDialog());
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    selectSource(*dialog->page(), QStringLiteral("server b.example"));
    typeInto(*dialog->page(), "source_minpoll", QStringLiteral("4"));
    // Quit with the edits still in the page: asked, and Cancel keeps the window.
    QVERIFY(!window.close());
    QTRY_VERIFY(question(*dialog));
    choose(question(*dialog), "unappliedCancelButton");
    QVERIFY(window.isVisible());
    // Discard: the window closes.
    QVERIFY(!window.close());
    QTRY_VERIFY(question(*dialog));
    choose(question(*dialog), "unappliedDiscardButton");
    QTRY_VERIFY(!window.isVisible());
}

void TestConfigPage::screenshots()
{
    FakeFeed feed;
    feed.served.main.text = kText
                            + "local stratum 10 orphan\nratelimit interval 1 burst 16\nmakestep 1 3\n"
                              "logdir /var/log/stratumone\nlog tracking statistics\n"
                              "refclock PPS /dev/pps0 lock NMEA refid PPS prefer\n";
    MainWindow window;
    window.setFeed(&feed);
    window.resize(kTouchScreen);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(QStringLiteral("configurationAction"))->trigger();
    QDialog &shown = *window.configurationDialog();
    QVERIFY(QTest::qWaitForWindowExposed(&shown));
    ConfigurationPage *page = window.configurationPage();
    QCOMPARE(page->text(), feed.served.main.text);

    selectSource(*page, QStringLiteral("server b.example"));
    typeInto(*page, "source_maxpoll", QStringLiteral("99"));
    saveShot(shown, QStringLiteral("config-sources-800x480.png"));
    typeInto(*page, "source_maxpoll", QStringLiteral("9"));
    selectSource(*page, QStringLiteral("refclock"));
    saveShot(shown, QStringLiteral("config-refclock-800x480.png"));
    const char *names[] = {"sources", "access", "server", "clock", "logging", "text"};
    for (int section = ConfigurationPage::AccessSection; section <= ConfigurationPage::LoggingSection; ++section) {
        page->sections()->setCurrentIndex(section);
        QTest::qWait(20);
        saveShot(shown, QStringLiteral("config-%1-800x480.png").arg(QLatin1String(names[section])));
    }
    page->sections()->setCurrentIndex(ConfigurationPage::TextSection);
    auto *text = page->findChild<QPlainTextEdit *>(QStringLiteral("configText"));
    QTextCursor cursor(text->document()->findBlockByNumber(1));
    cursor.movePosition(QTextCursor::EndOfBlock);
    text->setTextCursor(cursor);
    QTest::keyClicks(text, QStringLiteral(" minpoll x"));
    QTest::qWait(20);
    saveShot(shown, QStringLiteral("config-text-error-800x480.png"));
    QTest::keyClicks(text, QString());
    for (int i = 0; i < 10; ++i)
        QTest::keyClick(text, Qt::Key_Backspace);
    QCOMPARE(page->errorCount(), 0);
    ConfigReviewDialog *review = page->openReview();
    review->resize(kTouchScreen);
    QTest::qWait(20);
    saveShot(*review, QStringLiteral("config-review-800x480.png"));
    review->accept();
    QVERIFY(page->bannerText().startsWith(QStringLiteral("Applied")));
    page->sections()->setCurrentIndex(ConfigurationPage::SourcesSection);
    QTest::qWait(20);
    saveShot(shown, QStringLiteral("config-applied-800x480.png"));
}

void TestConfigPage::screenshotsDesktop()
{
    // The 800x416 desktop (panel and title bar take the rest of 480): the sections, an include,
    // and the question a close with edits not applied asks.
    const QSize desktop(800, 416);
    FakeFeed feed;
    feed.served.main.text = kText + "include /etc/stratumone/conf.d/extra.conf\nlocal stratum 10\nmakestep 1 3\n";
    feed.served.includes = {{"/etc/stratumone/conf.d/extra.conf", "# added by the GPS wizard\nrefclock PPS /dev/pps0 "
                                                                  "lock NMEA refid PPS prefer\nrefclock SHM 0 "
                                                                  "refid NMEA noselect\n"}};
    MainWindow window;
    window.setFeed(&feed);
    window.resize(desktop);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.findChild<QAction *>(QStringLiteral("configurationAction"))->trigger();
    auto *shown = qobject_cast<ConfigurationDialog *>(window.configurationDialog());
    QVERIFY(shown && QTest::qWaitForWindowExposed(shown));
    QCOMPARE(shown->size(), desktop);
    ConfigurationPage *page = shown->page();
    selectSource(*page, QStringLiteral("server a.example"));
    saveShot(*shown, QStringLiteral("config-sources-800x416.png"));
    page->sections()->setCurrentIndex(ConfigurationPage::AccessSection);
    saveShot(*shown, QStringLiteral("config-access-800x416.png"));
    page->sections()->setCurrentIndex(ConfigurationPage::TextSection);
    auto *choice = page->findChild<QComboBox *>(QStringLiteral("configFileChoice"));
    choice->setCurrentIndex(1);
    saveShot(*shown, QStringLiteral("config-include-800x416.png"));
    choice->setCurrentIndex(0);
    page->sections()->setCurrentIndex(ConfigurationPage::SourcesSection);
    typeInto(*page, "source_minpoll", QStringLiteral("4"));
    shown->reject();
    QTRY_VERIFY(question(*shown));
    QMessageBox *box = question(*shown);
    QTest::qWait(50);
    // The question over the page, as the screen shows it.
    QPixmap picture = shown->grab();
    {
        QPainter painter(&picture);
        const QPixmap over = box->grab();
        const QRect where(QPoint((picture.width() - over.width()) / 2, (picture.height() - over.height()) / 2),
                          over.size());
        painter.drawPixmap(where.topLeft(), over);
        painter.setPen(QColor(0x60, 0x60, 0x60)); // the frame a window manager would draw
        painter.drawRect(where.adjusted(0, 0, -1, -1));
    }
    QVERIFY(picture.save(s1::test::screenshotPath(QStringLiteral("config-unapplied-800x416.png"))));
    choose(box, "unappliedDiscardButton");
}

QTEST_MAIN(TestConfigPage)
#include "tst_configpage.moc"
