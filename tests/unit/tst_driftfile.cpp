// Drift file reading and atomic writing: chrony's "FREQ_PPM SKEW_PPM" line, rejection of
// damaged files, exact formatting, and that a failed write leaves the old file as it was and
// no temporary file behind.
#include "clock/DriftFile.h"

#include <QtTest>

#include <cmath>
#include <csignal>

#include <fcntl.h>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace s1;

namespace {

constexpr uid_t kNobody = 65534;
constexpr mode_t kReadOnlyDirectoryMode = 0555;
constexpr mode_t kDirectoryMode = 0700;
constexpr mode_t kExpectedFileMode = 0644;

QByteArray contents(const std::filesystem::path &path)
{
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly))
        return "<unreadable>";
    return file.readAll();
}

void writeRaw(const std::filesystem::path &path, const QByteArray &bytes)
{
    QFile file(QString::fromStdString(path.string()));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

// Everything in `directory`, hidden files included: temporary files must not linger.
QStringList entries(const std::filesystem::path &directory)
{
    return QDir(QString::fromStdString(directory.string()))
        .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// Makes this thread's file accesses those of an unprivileged user: root ignores directory
// permissions otherwise. The fs capabilities come back with the old fsuid.
class UnprivilegedFiles
{
public:
    UnprivilegedFiles()
        : m_active(::geteuid() == 0)
    {
        if (m_active)
            m_previous = static_cast<uid_t>(::setfsuid(kNobody));
    }
    ~UnprivilegedFiles()
    {
        if (m_active)
            ::setfsuid(m_previous);
    }
    UnprivilegedFiles(const UnprivilegedFiles &) = delete;
    UnprivilegedFiles &operator=(const UnprivilegedFiles &) = delete;

private:
    bool m_active;
    uid_t m_previous = 0;
};

// Limits the size of files this process writes, so that a write fails part-way (as on a full
// disk) even for root; SIGXFSZ is ignored so that write() returns EFBIG instead.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        m_previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        ::getrlimit(RLIMIT_FSIZE, &m_previous);
        rlimit limited = m_previous;
        limited.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_previous);
        std::signal(SIGXFSZ, m_previousHandler);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

private:
    rlimit m_previous{};
    void (*m_previousHandler)(int) = nullptr;
};

} // namespace

class TestDriftFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void missingFileIsNotAnError();
    void corruptFileIsRejected_data();
    void corruptFileIsRejected();
    void unreadableFileIsAnError();
    void acceptedFormats_data();
    void acceptedFormats();
    void roundTripFormatsExactly_data();
    void roundTripFormatsExactly();
    void invalidStateIsNotWritten_data();
    void invalidStateIsNotWritten();
    void noStrayTemporaryFilesAfterSuccess();
    void failedWriteKeepsOldContent();
    void unwritableDirectoryKeepsOldContent();
    void missingDirectoryIsAnError();
    void failedRenameCleansUp();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::filesystem::path m_directory;
    std::filesystem::path m_path;
};

void TestDriftFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_directory = m_dir->path().toStdString();
    m_path = m_directory / "drift";
}

void TestDriftFile::missingFileIsNotAnError()
{
    std::string error = "stale";
    QVERIFY(!readDriftFile(m_path, error));
    QVERIFY2(error.empty(), error.c_str());
}

void TestDriftFile::corruptFileIsRejected_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArray("hello world\n");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02 \xff\n", 6);
    QTest::newRow("half line") << QByteArray("-12.345");
    QTest::newRow("one field") << QByteArray("-12.345678\n");
    QTest::newRow("no newline") << QByteArray("-12.345678 0.123456");
    QTest::newRow("three fields") << QByteArray("-12.345678 0.123456 7\n");
    QTest::newRow("two lines") << QByteArray("1.0 0.5\n2.0 0.5\n");
    QTest::newRow("trailing junk") << QByteArray("1.0 0.5x\n");
    QTest::newRow("comma decimal") << QByteArray("1,5 0,5\n");
    QTest::newRow("NaN frequency") << QByteArray("nan 0.1\n");
    QTest::newRow("NaN skew") << QByteArray("-12.3 NaN\n");
    QTest::newRow("infinite") << QByteArray("inf 0.1\n");
    QTest::newRow("frequency too large") << QByteArray("12345.6 0.1\n");
    QTest::newRow("frequency too small") << QByteArray("-10000.5 0.1\n");
    QTest::newRow("skew negative") << QByteArray("1.0 -0.5\n");
    QTest::newRow("skew too large") << QByteArray("1.0 20000\n");
    QTest::newRow("double sign") << QByteArray("+-1.0 0.5\n");
    QTest::newRow("too long") << QByteArray(300, ' ') + "1.0 0.5\n";
}

void TestDriftFile::corruptFileIsRejected()
{
    QFETCH(QByteArray, bytes);
    writeRaw(m_path, bytes);
    std::string error;
    QVERIFY(!readDriftFile(m_path, error));
    QVERIFY2(error.find("corrupt") != std::string::npos, error.c_str());
    QVERIFY2(error.find(m_path.string()) != std::string::npos, error.c_str());
}

void TestDriftFile::unreadableFileIsAnError()
{
    std::filesystem::create_directory(m_path);
    std::string error;
    QVERIFY(!readDriftFile(m_path, error));
    QVERIFY2(error.find("cannot read") != std::string::npos, error.c_str());
}

void TestDriftFile::acceptedFormats_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<double>("frequency");
    QTest::addColumn<double>("skew");

    QTest::newRow("ours") << QByteArray("-12.345678 0.123456\n") << -12.345678 << 0.123456;
    // chrony writes "%20.6f %20.6f\n".
    QTest::newRow("chrony padded") << QByteArray("          -12.345678             0.123456\n") << -12.345678
                                   << 0.123456;
    QTest::newRow("plus sign") << QByteArray("+1.5 0\n") << 1.5 << 0.0;
    QTest::newRow("exponent") << QByteArray("1e1 2e-1\n") << 10.0 << 0.2;
    QTest::newRow("CRLF") << QByteArray("1.0 0.5\r\n") << 1.0 << 0.5;
    QTest::newRow("tab, trailing blank line") << QByteArray("1.0\t0.5\n\n") << 1.0 << 0.5;
    QTest::newRow("limits") << QByteArray("-10000 10000\n") << -10000.0 << 10000.0;
}

void TestDriftFile::acceptedFormats()
{
    QFETCH(QByteArray, bytes);
    QFETCH(double, frequency);
    QFETCH(double, skew);
    writeRaw(m_path, bytes);
    std::string error;
    const std::optional<DriftState> state = readDriftFile(m_path, error);
    QVERIFY2(state.has_value(), error.c_str());
    QVERIFY(error.empty());
    QCOMPARE(state->frequencyPpm, frequency);
    QCOMPARE(state->skewPpm, skew);
}

void TestDriftFile::roundTripFormatsExactly_data()
{
    QTest::addColumn<double>("frequency");
    QTest::addColumn<double>("skew");
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<double>("readFrequency");
    QTest::addColumn<double>("readSkew");

    QTest::newRow("example") << -12.345678 << 0.123456 << QByteArray("-12.345678 0.123456\n") << -12.345678 << 0.123456;
    QTest::newRow("zero") << 0.0 << 0.0 << QByteArray("0.000000 0.000000\n") << 0.0 << 0.0;
    QTest::newRow("rounded to 6 decimals")
        << 1.23456789 << 0.1234564 << QByteArray("1.234568 0.123456\n") << 1.234568 << 0.123456;
    QTest::newRow("large") << -9999.999999 << 10000.0 << QByteArray("-9999.999999 10000.000000\n") << -9999.999999
                           << 10000.0;
}

void TestDriftFile::roundTripFormatsExactly()
{
    QFETCH(double, frequency);
    QFETCH(double, skew);
    QFETCH(QByteArray, line);
    QFETCH(double, readFrequency);
    QFETCH(double, readSkew);

    std::string error;
    QVERIFY2(writeDriftFile(m_path, {frequency, skew}, error), error.c_str());
    QVERIFY(error.empty());
    QCOMPARE(contents(m_path), line);
    struct stat info
    { };
    QCOMPARE(::stat(m_path.c_str(), &info), 0);
    QCOMPARE(info.st_mode & 0777, kExpectedFileMode);

    const std::optional<DriftState> state = readDriftFile(m_path, error);
    QVERIFY2(state.has_value(), error.c_str());
    QCOMPARE(state->frequencyPpm, readFrequency);
    QCOMPARE(state->skewPpm, readSkew);
}

void TestDriftFile::invalidStateIsNotWritten_data()
{
    QTest::addColumn<double>("frequency");
    QTest::addColumn<double>("skew");

    QTest::newRow("NaN") << std::nan("") << 0.1;
    QTest::newRow("infinite skew") << 1.0 << HUGE_VAL;
    QTest::newRow("frequency beyond limit") << 2e4 << 0.1;
    QTest::newRow("negative skew") << 1.0 << -0.1;
}

void TestDriftFile::invalidStateIsNotWritten()
{
    QFETCH(double, frequency);
    QFETCH(double, skew);
    writeRaw(m_path, "1.000000 0.500000\n");
    std::string error;
    QVERIFY(!writeDriftFile(m_path, {frequency, skew}, error));
    QVERIFY(!error.empty());
    QCOMPARE(contents(m_path), QByteArray("1.000000 0.500000\n"));
    QCOMPARE(entries(m_directory), QStringList{"drift"});
}

void TestDriftFile::noStrayTemporaryFilesAfterSuccess()
{
    std::string error;
    QVERIFY2(writeDriftFile(m_path, {1.0, 0.5}, error), error.c_str());
    QVERIFY2(writeDriftFile(m_path, {-2.0, 0.25}, error), error.c_str());
    QCOMPARE(entries(m_directory), QStringList{"drift"});
    QCOMPARE(contents(m_path), QByteArray("-2.000000 0.250000\n"));

    // A relative path writes next to it, in the working directory.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(QString::fromStdString(m_directory.string())));
    const bool written = writeDriftFile("relative", {3.0, 0.125}, error);
    QDir::setCurrent(previous);
    QVERIFY2(written, error.c_str());
    QCOMPARE(entries(m_directory), (QStringList{"drift", "relative"}));
}

void TestDriftFile::failedWriteKeepsOldContent()
{
    std::string error;
    QVERIFY2(writeDriftFile(m_path, {1.0, 0.5}, error), error.c_str());
    bool written = true;
    {
        // Room for 4 bytes of the new file: the write fails half-way, as on a full disk.
        constexpr rlim_t kRoom = 4;
        FileSizeLimit limit(kRoom);
        written = writeDriftFile(m_path, {-123.456789, 0.654321}, error);
    }
    QVERIFY(!written);
    QVERIFY2(error.find("cannot write") != std::string::npos, error.c_str());
    QCOMPARE(contents(m_path), QByteArray("1.000000 0.500000\n"));
    QCOMPARE(entries(m_directory), QStringList{"drift"});
}

void TestDriftFile::unwritableDirectoryKeepsOldContent()
{
    std::string error;
    QVERIFY2(writeDriftFile(m_path, {1.0, 0.5}, error), error.c_str());
    QCOMPARE(::chmod(m_directory.c_str(), kReadOnlyDirectoryMode), 0);

    bool probeCreated = false;
    bool written = true;
    {
        UnprivilegedFiles unprivileged;
        const std::filesystem::path probe = m_directory / "probe";
        const int fd = ::open(probe.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
        probeCreated = fd >= 0;
        if (probeCreated) {
            ::close(fd);
            ::unlink(probe.c_str());
        } else {
            written = writeDriftFile(m_path, {-5.0, 0.25}, error);
        }
    }
    ::chmod(m_directory.c_str(), kDirectoryMode);
    if (probeCreated)
        QSKIP("cannot make a directory unwritable for this process");

    QVERIFY(!written);
    QVERIFY2(error.find("temporary file") != std::string::npos, error.c_str());
    QVERIFY2(error.find("Permission denied") != std::string::npos, error.c_str());
    QCOMPARE(contents(m_path), QByteArray("1.000000 0.500000\n"));
    QCOMPARE(entries(m_directory), QStringList{"drift"});
}

void TestDriftFile::missingDirectoryIsAnError()
{
    std::string error;
    QVERIFY(!writeDriftFile(m_directory / "missing" / "drift", {1.0, 0.5}, error));
    QVERIFY2(error.find("No such file") != std::string::npos, error.c_str());
    QVERIFY(entries(m_directory).isEmpty());
}

void TestDriftFile::failedRenameCleansUp()
{
    // The target is a directory that is not empty: rename() fails after the temporary file
    // was fully written and synced.
    std::filesystem::create_directory(m_path);
    writeRaw(m_path / "keep", "x");
    std::string error;
    QVERIFY(!writeDriftFile(m_path, {1.0, 0.5}, error));
    QVERIFY2(error.find("cannot replace") != std::string::npos, error.c_str());
    QCOMPARE(entries(m_directory), QStringList{"drift"});
    QCOMPARE(entries(m_path), QStringList{"keep"});
}

QTEST_APPLESS_MAIN(TestDriftFile)
#include "tst_driftfile.moc"
