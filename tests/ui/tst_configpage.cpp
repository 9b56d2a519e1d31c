// The Configuration page against a feed that serves a text and answers applies as a service
// would (it validates with the real reader): edits in the sections change exactly the lines they
// concern, the review shows that diff, Apply sends the text with its revision and shows the
// outcome, the reader's messages appear where the edit was made, a conflict or failure keeps
// every edit, an unavailable feed leaves the page read-only, and every test configuration comes
// back byte for byte. Also renders the page at 800x480 for docs (S1_SCREENSHOT_DIR).
#include "MainWindow.h"
#include "SnapshotFeed.h"
#include "WidgetTestSupport.h"
#include "config/ConfigLineDiff.h"
#include "config/ConfigReader.h"
#include "config/ConfigReviewDialog.h"
#include "config/ConfigurationPage.h"

#include <QAction>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
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
    void roundTripsEveryTestConfiguration();
    void fitsTheTouchScreen_data();
    void fitsTheTouchScreen();
    void screenshots();
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
    QCOMPARE(review->changedLines(), 2);
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

QTEST_MAIN(TestConfigPage)
#include "tst_configpage.moc"
