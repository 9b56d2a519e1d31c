// The chronyd-style log file writer: append mode, banner placement and repetition, reopening for
// logrotate, and failures that are reported instead of thrown (unwritable or missing logdir, a
// FIFO in the log's place).
#include "logging/LogFileWriter.h"

#include <QtTest>

#include <fstream>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace s1;
namespace fs = std::filesystem;

#define COMPARE_TEXT(actual, expected) QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected))

namespace {

const std::string kHeader = "   Date (UTC) Time     IP Address   St   Offset";
// Built here rather than with formatChronyLogBanner, so a wrong banner cannot go unnoticed.
const std::string kBanner =
    std::string(kHeader.size(), '=') + "\n" + kHeader + "\n" + std::string(kHeader.size(), '=') + "\n";

std::string readFile(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

void writeFile(const fs::path &path, const std::string &content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
}

LogFileSettings settingsFor(const fs::path &directory, int bannerInterval = 32)
{
    return LogFileSettings{directory, "tracking", kHeader, bannerInterval};
}

std::string lineNumber(int n)
{
    return "line " + std::to_string(n);
}

// Writes lines 1..count and returns what the file should then hold, given a banner every
// `interval` lines (0: only in front of the first).
std::string writeNumberedLines(LogFileWriter &writer, int count, int interval)
{
    std::string expected;
    for (int n = 1; n <= count; ++n) {
        if (n == 1 || (interval > 0 && (n - 1) % interval == 0))
            expected += kBanner;
        expected += lineNumber(n) + "\n";
        if (!writer.write(lineNumber(n)))
            qWarning("write failed: %s", writer.lastError().c_str());
    }
    return expected;
}

} // namespace

class TestLogFileWriter : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void writesBannerThenLines();
    void linesAreOnDiskAfterEachWrite();
    void appendKeepsExistingContent();
    void bannerRepeatsEveryNLines_data();
    void bannerRepeatsEveryNLines();
    void reopenAfterRotationStartsNewFileWithBanner();
    void closeThenWriteOpensAgain();
    void moveKeepsTheOpenFile();
    void missingLogdirIsReportedAndRecovers();
    void logdirThatIsAFileIsReported();
    void readOnlyLogdirIsReported();
    void fifoWithoutReaderDoesNotBlock();
    void fifoWithReaderIsRefused();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    fs::path m_logdir;
};

void TestLogFileWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_logdir = fs::path(m_dir->path().toStdString());
}

void TestLogFileWriter::writesBannerThenLines()
{
    LogFileWriter writer(settingsFor(m_logdir));
    QCOMPARE(writer.filePath(), m_logdir / "tracking.log");
    QVERIFY(!writer.isOpen());
    QVERIFY(writer.open());
    QVERIFY(writer.isOpen());
    // Like chronyd, the banner goes out with the first line, not on open.
    QVERIFY(fs::exists(writer.filePath()));
    COMPARE_TEXT(readFile(writer.filePath()), "");
    QVERIFY(writer.write("first"));
    QVERIFY(writer.write("second"));
    QCOMPARE(writer.linesSinceOpen(), std::uint64_t(2));
    COMPARE_TEXT(readFile(writer.filePath()), kBanner + "first\nsecond\n");
    COMPARE_TEXT(writer.lastError(), "");
    // chronyd's permissions, before the umask.
    const auto permissions = fs::status(writer.filePath()).permissions();
    const auto notGranted = fs::perms::group_write | fs::perms::others_write | fs::perms::owner_exec;
    QCOMPARE(permissions & notGranted, fs::perms::none);
}

void TestLogFileWriter::linesAreOnDiskAfterEachWrite()
{
    LogFileWriter writer(settingsFor(m_logdir));
    // No explicit open(): the first write opens the file.
    for (int n = 1; n <= 3; ++n) {
        QVERIFY(writer.write(lineNumber(n)));
        // Read through another descriptor while the writer stays open: nothing is buffered.
        const std::string content = readFile(writer.filePath());
        QVERIFY(content.ends_with(lineNumber(n) + "\n"));
    }
}

void TestLogFileWriter::appendKeepsExistingContent()
{
    const fs::path path = m_logdir / "tracking.log";
    writeFile(path, "old line from a previous run\n");
    {
        LogFileWriter writer(settingsFor(m_logdir));
        QVERIFY(writer.open());
        QVERIFY(writer.write("new 1"));
    }
    // A restart appends again, with its own banner, as chronyd does.
    LogFileWriter writer(settingsFor(m_logdir));
    QVERIFY(writer.write("new 2"));
    COMPARE_TEXT(readFile(path), "old line from a previous run\n" + kBanner + "new 1\n" + kBanner + "new 2\n");
}

void TestLogFileWriter::bannerRepeatsEveryNLines_data()
{
    QTest::addColumn<int>("interval");
    QTest::addColumn<int>("lines");

    QTest::newRow("chronyd default 32") << 32 << 70;
    QTest::newRow("every 3") << 3 << 10;
    QTest::newRow("every line") << 1 << 4;
    QTest::newRow("0: only the first") << 0 << 40;
    QTest::newRow("negative: only the first") << -5 << 7;
}

void TestLogFileWriter::bannerRepeatsEveryNLines()
{
    QFETCH(int, interval);
    QFETCH(int, lines);
    LogFileWriter writer(settingsFor(m_logdir, interval));
    const std::string expected = writeNumberedLines(writer, lines, interval);
    COMPARE_TEXT(readFile(writer.filePath()), expected);
    if (interval == 3) {
        // Spelled out once: banners in front of lines 1, 4, 7 and 10.
        std::string spelled;
        for (int n = 1; n <= 10; ++n)
            spelled += (n % 3 == 1 ? kBanner : std::string()) + lineNumber(n) + "\n";
        COMPARE_TEXT(readFile(writer.filePath()), spelled);
    }
}

void TestLogFileWriter::reopenAfterRotationStartsNewFileWithBanner()
{
    LogFileWriter writer(settingsFor(m_logdir, 3));
    const fs::path path = writer.filePath();
    const fs::path rotated = m_logdir / "tracking.log.1";
    QVERIFY(writer.write("before 1"));
    QVERIFY(writer.write("before 2"));

    // logrotate renames the file; until told, chronyd (and we) keep writing to it.
    fs::rename(path, rotated);
    QVERIFY(writer.write("after rename"));
    QVERIFY(!fs::exists(path));

    // postrotate: reopen creates a fresh file, whose first line gets a banner again.
    QVERIFY(writer.reopen());
    QVERIFY(fs::exists(path));
    QCOMPARE(writer.linesSinceOpen(), std::uint64_t(0));
    QVERIFY(writer.write("new 1"));
    QVERIFY(writer.write("new 2"));
    QVERIFY(writer.write("new 3"));
    QVERIFY(writer.write("new 4"));

    COMPARE_TEXT(readFile(rotated), kBanner + "before 1\nbefore 2\nafter rename\n");
    COMPARE_TEXT(readFile(path), kBanner + "new 1\nnew 2\nnew 3\n" + kBanner + "new 4\n");
}

void TestLogFileWriter::closeThenWriteOpensAgain()
{
    LogFileWriter writer(settingsFor(m_logdir));
    QVERIFY(writer.write("one"));
    writer.close();
    QVERIFY(!writer.isOpen());
    writer.close(); // harmless twice
    QVERIFY(writer.write("two"));
    QVERIFY(writer.isOpen());
    COMPARE_TEXT(readFile(writer.filePath()), kBanner + "one\n" + kBanner + "two\n");
}

void TestLogFileWriter::moveKeepsTheOpenFile()
{
    LogFileWriter first(settingsFor(m_logdir));
    QVERIFY(first.write("one"));
    LogFileWriter second(std::move(first));
    QVERIFY(second.isOpen());
    QVERIFY(second.write("two")); // same file, no second banner

    LogFileWriter third(LogFileSettings{m_logdir, "other", kHeader, 32});
    third = std::move(second);
    QVERIFY(third.write("three"));
    QCOMPARE(third.filePath(), m_logdir / "tracking.log");
    COMPARE_TEXT(readFile(m_logdir / "tracking.log"), kBanner + "one\ntwo\nthree\n");
    QVERIFY(!fs::exists(m_logdir / "other.log"));
}

void TestLogFileWriter::missingLogdirIsReportedAndRecovers()
{
    const fs::path logdir = m_logdir / "not" / "yet";
    LogFileWriter writer(settingsFor(logdir));
    QVERIFY(!writer.open());
    QVERIFY(!writer.isOpen());
    QVERIFY(!writer.write("lost"));
    const QString error = QString::fromStdString(writer.lastError());
    QVERIFY2(error.contains(QString::fromStdString((logdir / "tracking.log").string())), qPrintable(error));
    QVERIFY2(error.contains("No such file or directory"), qPrintable(error));

    // Writes retry the open, so the log starts once the directory exists.
    fs::create_directories(logdir);
    QVERIFY(writer.write("kept"));
    COMPARE_TEXT(readFile(logdir / "tracking.log"), kBanner + "kept\n");
}

void TestLogFileWriter::logdirThatIsAFileIsReported()
{
    // Fails for root as well, unlike permissions.
    const fs::path notADirectory = m_logdir / "plainfile";
    writeFile(notADirectory, "x");
    LogFileWriter writer(settingsFor(notADirectory));
    QVERIFY(!writer.open());
    QVERIFY(!writer.write("lost"));
    QVERIFY(!writer.reopen());
    QVERIFY(!writer.isOpen());
    const QString error = QString::fromStdString(writer.lastError());
    QVERIFY2(error.startsWith("Could not open log file "), qPrintable(error));
    QVERIFY2(error.contains("Not a directory"), qPrintable(error));
    COMPARE_TEXT(readFile(notADirectory), "x");
}

void TestLogFileWriter::readOnlyLogdirIsReported()
{
    const fs::path logdir = m_logdir / "readonly";
    fs::create_directory(logdir);
    fs::permissions(logdir, fs::perms::owner_read | fs::perms::owner_exec);
    const bool bypassed = ::access(logdir.c_str(), W_OK) == 0; // root ignores permissions
    if (!bypassed) {
        LogFileWriter writer(settingsFor(logdir));
        QVERIFY(!writer.open());
        QVERIFY(!writer.write("lost"));
        const QString error = QString::fromStdString(writer.lastError());
        QVERIFY2(error.contains("Permission denied"), qPrintable(error));
        QVERIFY(!fs::exists(logdir / "tracking.log"));
    }
    fs::permissions(logdir, fs::perms::owner_all);
    if (bypassed)
        QSKIP("running with privileges that ignore directory permissions");
}

void TestLogFileWriter::fifoWithoutReaderDoesNotBlock()
{
    const fs::path path = m_logdir / "tracking.log";
    QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
    LogFileWriter writer(settingsFor(m_logdir));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!writer.open()); // a blocking open would wait here for a reader forever
    QVERIFY(!writer.write("lost"));
    QVERIFY(timer.elapsed() < 5000);
    QVERIFY(!writer.lastError().empty());
}

void TestLogFileWriter::fifoWithReaderIsRefused()
{
    // With a reader the open itself would succeed; a FIFO is refused anyway, since a full pipe
    // would block and a vanished reader would raise SIGPIPE.
    const fs::path path = m_logdir / "tracking.log";
    QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
    const int reader = ::open(path.c_str(), O_RDONLY | O_NONBLOCK);
    QVERIFY(reader >= 0);
    LogFileWriter writer(settingsFor(m_logdir));
    QVERIFY(!writer.open());
    QVERIFY(!writer.write("lost"));
    QVERIFY(!writer.isOpen());
    const QString error = QString::fromStdString(writer.lastError());
    QVERIFY2(error.endsWith("tracking.log: not a regular file"), qPrintable(error));
    char byte = 0;
    QCOMPARE(::read(reader, &byte, 1), ssize_t(0)); // nothing was written, writer closed
    ::close(reader);
}

QTEST_APPLESS_MAIN(TestLogFileWriter)
#include "tst_logfilewriter.moc"
