// The configuration document and writer: parse -> write gives back the same bytes, an edit
// rewrites only the line it touches, the editing API's refusals, and atomic saving.
#include "config/ConfigDocument.h"
#include "config/ConfigFile.h"
#include "config/ConfigReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace s1;

namespace {

const std::string kFile = "test.conf";

std::string text(const char *bytes)
{
    return std::string(bytes);
}

ConfigDocument documentOf(std::string_view bytes)
{
    return ConfigDocument::fromText(bytes);
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

QStringList dataFiles()
{
    const QDir dir(QStringLiteral(S1_TEST_DATA_DIR "/config"));
    QStringList paths;
    for (const QString &name : dir.entryList({QStringLiteral("*.conf")}, QDir::Files, QDir::Name))
        paths << dir.filePath(name);
    return paths;
}

// The lines of a text, terminators included, for comparing which lines an edit changed.
QList<QByteArray> linesOf(const std::string &bytes)
{
    QList<QByteArray> lines;
    qsizetype start = 0;
    const QByteArray all = QByteArray::fromStdString(bytes);
    while (start < all.size()) {
        const qsizetype newline = all.indexOf('\n', start);
        const qsizetype end = newline < 0 ? all.size() : newline + 1;
        lines << all.mid(start, end - start);
        start = end;
    }
    return lines;
}

// Asserts that `after` differs from `before` in line `changed` only (same number of lines).
bool onlyLineChanged(const std::string &before, const std::string &after, qsizetype changed)
{
    const QList<QByteArray> a = linesOf(before);
    const QList<QByteArray> b = linesOf(after);
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i)
        if ((a[i] == b[i]) != (i != changed))
            return false;
    return true;
}

ConfigReadResult readDocument(const ConfigDocument &document)
{
    ConfigReadOptions options;
    options.followIncludes = false;
    return readConfigDocument(document, kFile, options);
}

QString permissionsOf(const QString &path)
{
    struct stat info
    { };
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {};
    return QString::number(info.st_mode & 07777, 8);
}

} // namespace

class TestConfigWriter : public QObject
{
    Q_OBJECT

private slots:
    // Round trip
    void roundTripDataFiles_data();
    void roundTripDataFiles();
    void roundTripEdgeCases_data();
    void roundTripEdgeCases();
    void linesKeepTextTerminatorAndWords();
    void documentReadsAsText();

    // Editing
    void setOptionReplacesValueOnly();
    void setOptionAppendsMissingOption();
    void setOptionFlag();
    void setOptionMatchesNamesCaseInsensitively();
    void setOptionOnRefclockAndOtherDirectives();
    void setOptionCompletesMissingValue();
    void setOptionRefusals_data();
    void setOptionRefusals();
    void removeOption();
    void optionQueries();
    void addDirective();
    void addDirectiveToUnterminatedAndCrlfFiles();
    void insertSetAndRemoveLines();
    void editsOnLargeFileChangeOneLine();
    void gpsWizardScenario();

    // Files
    void loadConfigFile();
    void saveCreatesFile();
    void saveReplacesFileKeepingPermissions();
    void saveFollowsSymlink();
    void saveFailsCleanly();
};

// ---- round trip

void TestConfigWriter::roundTripDataFiles_data()
{
    QTest::addColumn<QString>("path");
    const QStringList paths = dataFiles();
    QVERIFY(paths.size() >= 9);
    for (const QString &path : paths)
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

void TestConfigWriter::roundTripDataFiles()
{
    QFETCH(QString, path);
    const QByteArray bytes = readBytes(path);
    QVERIFY(!bytes.isEmpty());
    const std::string original = bytes.toStdString();
    QCOMPARE(documentOf(original).toText(), original);

    // The same file with CRLF line endings and without its last line break.
    std::string crlf;
    for (char c : original)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    QCOMPARE(documentOf(crlf).toText(), crlf);
    const std::string unterminated = original.substr(0, original.size() - 1);
    QCOMPARE(documentOf(unterminated).toText(), unterminated);
}

void TestConfigWriter::roundTripEdgeCases_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("one newline") << QByteArray("\n");
    QTest::newRow("blank lines") << QByteArray("\n\n\n");
    QTest::newRow("white space only") << QByteArray("  \t \n\t\n   ");
    QTest::newRow("no final newline") << QByteArray("server a\nserver b");
    QTest::newRow("crlf") << QByteArray("server a iburst\r\n# note\r\n\r\n");
    QTest::newRow("mixed endings") << QByteArray("server a\r\nserver b\nserver c\r\n");
    QTest::newRow("crlf, no final newline") << QByteArray("server a\r\nserver b");
    QTest::newRow("lone cr") << QByteArray("server a\r iburst\n\r");
    QTest::newRow("trailing cr at end") << QByteArray("server a\r");
    QTest::newRow("tabs and runs of spaces") << QByteArray("\tserver\t a.example.net   iburst  \t\n");
    QTest::newRow("all comment kinds") << QByteArray("# a\n! b\n; c\n% d\n  #indented\n");
    QTest::newRow("nul and high bytes") << QByteArray("server caf\xc3\xa9\n# \0 nul\n", 21);
}

void TestConfigWriter::roundTripEdgeCases()
{
    QFETCH(QByteArray, bytes);
    const std::string original = bytes.toStdString();
    const ConfigDocument document = documentOf(original);
    QCOMPARE(document.toText(), original);
}

void TestConfigWriter::linesKeepTextTerminatorAndWords()
{
    const ConfigDocument document = documentOf("  server\ta.example.net  iburst \r\n# comment\n\nlast");
    QCOMPARE(document.lineCount(), std::size_t(4));

    const ConfigLine &server = document.line(0);
    QCOMPARE(server.text(), text("  server\ta.example.net  iburst "));
    QCOMPARE(server.terminator(), text("\r\n"));
    QVERIFY(server.isDirective());
    QCOMPARE(std::string(server.directiveName()), text("server"));
    QCOMPARE(server.wordCount(), std::size_t(3));
    QCOMPARE(std::string(server.word(1).text), text("a.example.net"));
    QCOMPARE(server.word(1).column, 10);
    QCOMPARE(server.word(2).column, 25);

    QVERIFY(!document.line(1).isDirective());
    QVERIFY(document.line(1).directiveName().empty());
    QVERIFY(!document.line(2).isDirective());
    QCOMPARE(document.line(3).terminator(), std::string());
    QVERIFY(document.line(3).isDirective());
}

void TestConfigWriter::documentReadsAsText()
{
    const std::string bytes = "server a.example.net iburst\r\nallow 10/8\nbogus";
    const ConfigReadResult fromDocument = readDocument(documentOf(bytes));
    const ConfigReadResult fromText = readConfigText(bytes, kFile);
    QVERIFY(fromDocument.config == fromText.config);
    QVERIFY(fromDocument.diagnostics == fromText.diagnostics);
    QCOMPARE(fromDocument.diagnostics.at(0).toString(), text("test.conf:3:1: error: unknown directive 'bogus'"));
}

// ---- editing

void TestConfigWriter::setOptionReplacesValueOnly()
{
    const std::string before = "# sources\n"
                               "server  a.example.net   minpoll 6\tiburst   \n"
                               "server b.example.net minpoll 6\n";
    ConfigDocument document = documentOf(before);
    QVERIFY(document.setOption(1, "minpoll", "4"));
    const std::string after = document.toText();
    QCOMPARE(after, text("# sources\n"
                         "server  a.example.net   minpoll 4\tiburst   \n"
                         "server b.example.net minpoll 6\n"));
    QVERIFY(onlyLineChanged(before, after, 1));
    QCOMPARE(readDocument(document).config.sources.at(0).minPoll, 4);
    QCOMPARE(readDocument(document).config.sources.at(1).minPoll, 6);

    // The last occurrence is the effective one, and the one changed.
    ConfigDocument twice = documentOf("server a minpoll 3 minpoll 5\n");
    QVERIFY(twice.setOption(0, "minpoll", "7"));
    QCOMPARE(twice.toText(), text("server a minpoll 3 minpoll 7\n"));
}

void TestConfigWriter::setOptionAppendsMissingOption()
{
    // After the last word, before trailing white space, keeping the line ending.
    ConfigDocument document = documentOf("pool 2.debian.pool.ntp.org iburst  \r\nrtcsync\r\n");
    QVERIFY(document.setOption(0, "maxsources", "2"));
    QCOMPARE(document.toText(), text("pool 2.debian.pool.ntp.org iburst maxsources 2  \r\nrtcsync\r\n"));
    QCOMPARE(readDocument(document).config.sources.at(0).maxSources, 2);

    ConfigDocument bare = documentOf("server a");
    QVERIFY(bare.setOption(0, "maxpoll", "8"));
    QCOMPARE(bare.toText(), text("server a maxpoll 8"));
}

void TestConfigWriter::setOptionFlag()
{
    ConfigDocument document = documentOf("server a\nserver b iburst\n");
    QVERIFY(document.setOption(0, "iburst"));
    QVERIFY(document.setOption(1, "iburst")); // already there: nothing to do
    QCOMPARE(document.toText(), text("server a iburst\nserver b iburst\n"));
}

void TestConfigWriter::setOptionMatchesNamesCaseInsensitively()
{
    // The option keeps its spelling in the file; a new one is written in chrony's lower case.
    ConfigDocument document = documentOf("SERVER a MinPoll 6\n");
    QVERIFY(document.setOption(0, "MINPOLL", "5"));
    QVERIFY(document.setOption(0, "MaxPoll", "9"));
    QCOMPARE(document.toText(), text("SERVER a MinPoll 5 maxpoll 9\n"));
}

void TestConfigWriter::setOptionOnRefclockAndOtherDirectives()
{
    ConfigDocument document = documentOf("refclock PPS /dev/pps0 lock NMEA\n"
                                         "local stratum 10\n"
                                         "hwtimestamp eth0\n"
                                         "ratelimit interval 3\n"
                                         "driftfile /var/lib/chrony/drift\n");
    QVERIFY(document.setOption(0, "refid", "PPS"));
    QVERIFY(document.setOption(0, "lock", "GPS"));
    QVERIFY(document.setOption(1, "stratum", "1"));
    QVERIFY(document.setOption(1, "orphan"));
    QVERIFY(document.setOption(2, "rxfilter", "ntp"));
    QVERIFY(document.setOption(3, "burst", "16"));
    QVERIFY(document.setOption(4, "interval", "600"));
    QCOMPARE(document.toText(), text("refclock PPS /dev/pps0 lock GPS refid PPS\n"
                                     "local stratum 1 orphan\n"
                                     "hwtimestamp eth0 rxfilter ntp\n"
                                     "ratelimit interval 3 burst 16\n"
                                     "driftfile /var/lib/chrony/drift interval 600\n"));
    const ConfigReadResult result = readDocument(document);
    QVERIFY(result.ok());
    QCOMPARE(result.config.refClocks.at(0).lockRefId, text("GPS"));
    QCOMPARE(result.config.local.stratum, 1);
    QCOMPARE(result.config.server.rateLimit.burst, 16);
    QCOMPARE(result.config.clock.driftFileInterval, 600);
}

void TestConfigWriter::setOptionCompletesMissingValue()
{
    // A line the reader rejects ("missing value for 'minpoll'") is repaired by giving the value.
    ConfigDocument document = documentOf("server a minpoll\n");
    QVERIFY(!readDocument(document).ok());
    QVERIFY(document.setOption(0, "minpoll", "4"));
    QCOMPARE(document.toText(), text("server a minpoll 4\n"));
    QVERIFY(readDocument(document).ok());

    // Options after an unknown word cannot be located: a new one is appended, and the reader
    // still reports the unknown word.
    ConfigDocument unknown = documentOf("server a bogus 3 minpoll 6\n");
    QVERIFY(unknown.setOption(0, "minpoll", "4"));
    QCOMPARE(unknown.toText(), text("server a bogus 3 minpoll 6 minpoll 4\n"));
}

void TestConfigWriter::setOptionRefusals_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("option");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("unknown option") << QByteArray("server a") << QByteArray("bogus") << QByteArray("1");
    QTest::newRow("option of another directive") << QByteArray("server a") << QByteArray("refid") << QByteArray("GPS");
    QTest::newRow("directive without options") << QByteArray("makestep 1 3") << QByteArray("limit") << QByteArray("3");
    QTest::newRow("unknown directive") << QByteArray("frobnicate a") << QByteArray("minpoll") << QByteArray("3");
    QTest::newRow("comment") << QByteArray("# server a") << QByteArray("minpoll") << QByteArray("3");
    QTest::newRow("blank") << QByteArray("   ") << QByteArray("minpoll") << QByteArray("3");
    QTest::newRow("value with space") << QByteArray("server a") << QByteArray("minpoll") << QByteArray("3 4");
    QTest::newRow("value with newline") << QByteArray("server a") << QByteArray("minpoll") << QByteArray("3\n");
    QTest::newRow("missing value") << QByteArray("server a") << QByteArray("minpoll") << QByteArray();
    QTest::newRow("flag given a value") << QByteArray("server a") << QByteArray("iburst") << QByteArray("yes");
    QTest::newRow("no host yet") << QByteArray("server") << QByteArray("iburst") << QByteArray();
    QTest::newRow("refclock without parameter") << QByteArray("refclock PPS") << QByteArray("poll") << QByteArray("3");
    QTest::newRow("empty option name") << QByteArray("server a") << QByteArray() << QByteArray();
}

void TestConfigWriter::setOptionRefusals()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, option);
    QFETCH(QByteArray, value);
    const std::string before = line.toStdString() + "\n";
    ConfigDocument document = documentOf(before);
    QVERIFY(!document.setOption(0, option.toStdString(), value.toStdString()));
    QCOMPARE(document.toText(), before);
    QVERIFY(!document.setOption(1, "minpoll", "3")); // no such line
}

void TestConfigWriter::removeOption()
{
    const std::string before = "server a\n"
                               "server b iburst  minpoll 4 prefer minpoll 5\t# not a comment\n"
                               "server c\n";
    ConfigDocument document = documentOf(before);
    QVERIFY(document.removeOption(1, "MINPOLL")); // every occurrence, with its value
    QCOMPARE(document.toText(), text("server a\nserver b iburst prefer\t# not a comment\nserver c\n"));
    QVERIFY(onlyLineChanged(before, document.toText(), 1));
    QVERIFY(document.removeOption(1, "iburst"));
    QCOMPARE(document.line(1).text(), text("server b prefer\t# not a comment"));
    QVERIFY(!document.removeOption(1, "iburst")); // gone
    QVERIFY(!document.removeOption(0, "bogus"));
    QVERIFY(!document.removeOption(9, "iburst"));

    // A value missing at the end of the line goes with its option.
    ConfigDocument dangling = documentOf("server a iburst minpoll");
    QVERIFY(dangling.removeOption(0, "minpoll"));
    QCOMPARE(dangling.toText(), text("server a iburst"));
}

void TestConfigWriter::optionQueries()
{
    const ConfigDocument document = documentOf("server a minpoll 4 iburst minpoll 5\n"
                                               "# server b\n"
                                               "Server c maxpoll\n"
                                               "pool p\n");
    QCOMPARE(document.optionValue(0, "minpoll"), std::optional<std::string_view>("5"));
    QVERIFY(!document.optionValue(0, "maxpoll"));
    QVERIFY(!document.optionValue(0, "iburst"));  // a flag has no value
    QVERIFY(!document.optionValue(2, "maxpoll")); // written without its value
    QVERIFY(document.hasOption(0, "IBURST"));
    QVERIFY(document.hasOption(2, "maxpoll"));
    QVERIFY(!document.hasOption(1, "minpoll"));
    QVERIFY(document.findDirectives("server") == std::vector<std::size_t>({0, 2}));
    QVERIFY(document.findDirectives("POOL") == std::vector<std::size_t>{3});
    QVERIFY(document.findDirectives("refclock").empty());
}

void TestConfigWriter::addDirective()
{
    ConfigDocument document = documentOf("# GPS\nserver a\n");
    QCOMPARE(document.addDirective("refclock PPS /dev/pps0 lock NMEA"), std::optional<std::size_t>(2));
    QCOMPARE(document.toText(), text("# GPS\nserver a\nrefclock PPS /dev/pps0 lock NMEA\n"));
    QVERIFY(!document.addDirective("server b\nserver c"));
    QCOMPARE(document.lineCount(), std::size_t(3));

    ConfigDocument empty;
    QCOMPARE(empty.addDirective("pool 2.debian.pool.ntp.org iburst"), std::optional<std::size_t>(0));
    QCOMPARE(empty.toText(), text("pool 2.debian.pool.ntp.org iburst\n"));
}

void TestConfigWriter::addDirectiveToUnterminatedAndCrlfFiles()
{
    // The last line gets the line break it lacked; the file's own line ending is used.
    ConfigDocument unterminated = documentOf("server a\nserver b");
    unterminated.addDirective("server c");
    QCOMPARE(unterminated.toText(), text("server a\nserver b\nserver c\n"));

    ConfigDocument crlf = documentOf("server a\r\nserver b");
    crlf.addDirective("server c");
    QCOMPARE(crlf.toText(), text("server a\r\nserver b\r\nserver c\r\n"));
}

void TestConfigWriter::insertSetAndRemoveLines()
{
    ConfigDocument document = documentOf("server a\r\nserver c\r\n");
    QVERIFY(document.insertLine(1, "server b"));
    QVERIFY(document.insertLine(0, "# first"));
    QCOMPARE(document.toText(), text("# first\r\nserver a\r\nserver b\r\nserver c\r\n"));
    QVERIFY(!document.insertLine(9, "x"));
    QVERIFY(!document.insertLine(0, "a\rb"));

    QVERIFY(document.setLineText(1, "server A iburst"));
    QCOMPARE(document.line(1).wordCount(), std::size_t(3));
    QCOMPARE(document.line(1).terminator(), text("\r\n"));
    QVERIFY(!document.setLineText(1, "two\nlines"));
    QVERIFY(!document.setLineText(7, "x"));

    QVERIFY(document.removeLine(0));
    QVERIFY(!document.removeLine(3));
    QCOMPARE(document.toText(), text("server A iburst\r\nserver b\r\nserver c\r\n"));

    // Removing an unterminated last line keeps the file without a final line break.
    ConfigDocument unterminated = documentOf("server a\nserver b");
    QVERIFY(unterminated.removeLine(1));
    QCOMPARE(unterminated.toText(), text("server a"));
    QVERIFY(unterminated.removeLine(0));
    QCOMPARE(unterminated.toText(), std::string());
}

void TestConfigWriter::editsOnLargeFileChangeOneLine()
{
    const std::string original =
        readBytes(QStringLiteral(S1_TEST_DATA_DIR "/config/stratum1-gps-server.conf")).toStdString();
    ConfigDocument document = documentOf(original);

    const std::vector<std::size_t> refclocks = document.findDirectives("refclock");
    QCOMPARE(refclocks.size(), std::size_t(7));
    const std::size_t phc = refclocks[5];
    QVERIFY(document.setOption(phc, "poll", "3"));
    QVERIFY(onlyLineChanged(original, document.toText(), static_cast<qsizetype>(phc)));

    const std::string afterPoll = document.toText();
    const std::size_t pool = document.findDirectives("pool").at(0);
    QVERIFY(document.removeOption(pool, "noselect"));
    QVERIFY(onlyLineChanged(afterPoll, document.toText(), static_cast<qsizetype>(pool)));

    const ConfigReadResult result = readDocument(document);
    QCOMPARE(result.config.refClocks.at(5).poll, 3);
    QVERIFY(!result.config.sources.at(3).noselect);

    // Undoing the edits gives the original bytes back.
    QVERIFY(document.setOption(phc, "poll", "2"));
    QVERIFY(document.setLineText(pool, "pool 2.debian.pool.ntp.org iburst maxsources 3 noselect ipv4"));
    QCOMPARE(document.toText(), original);
}

void TestConfigWriter::gpsWizardScenario()
{
    // What the GPS wizard does to Debian's default file: add NMEA + PPS reference clocks, serve
    // the LAN, and tighten makestep; every other line stays as it was.
    const std::string original =
        readBytes(QStringLiteral(S1_TEST_DATA_DIR "/config/debian-default-chrony.conf")).toStdString();
    ConfigDocument document = documentOf(original);
    const std::size_t makestep = document.findDirectives("makestep").at(0);
    QVERIFY(document.setLineText(makestep, "makestep 0.1 3"));
    QVERIFY(document.addDirective(""));
    QVERIFY(document.addDirective("# Added by the GPS wizard."));
    QVERIFY(document.addDirective("refclock NMEA /dev/ttyAMA0:9600 refid NMEA noselect offset 0.1"));
    const auto pps = document.addDirective("refclock PPS /dev/pps0 lock NMEA refid PPS");
    QVERIFY(pps);
    QVERIFY(document.setOption(*pps, "prefer"));
    QVERIFY(document.addDirective("allow 192.168.0.0/16"));

    const std::string edited = document.toText();
    QVERIFY(edited.starts_with(original.substr(0, original.find("makestep 1 3"))));
    const QList<QByteArray> before = linesOf(original);
    const QList<QByteArray> after = linesOf(edited);
    QCOMPARE(after.size(), before.size() + 5);
    for (qsizetype i = 0; i < before.size(); ++i)
        QVERIFY((before[i] == after[i]) == (i != static_cast<qsizetype>(makestep)));

    const ConfigReadResult result = readDocument(document);
    QVERIFY(result.ok());
    QCOMPARE(result.config.refClocks.size(), std::size_t(2));
    QCOMPARE(result.config.refClocks[0].driver, RefClockDriver::Nmea);
    QCOMPARE(result.config.refClocks[0].baudRate, 9600);
    QVERIFY(result.config.refClocks[1].prefer);
    QCOMPARE(result.config.clock.makeStep.threshold, 0.1);
    QCOMPARE(result.config.ntpAccess.size(), std::size_t(1));
}

// ---- files

void TestConfigWriter::loadConfigFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server a\r\n# c\r\nrtcsync");
    ConfigDocument document;
    std::string error;
    QVERIFY(s1::loadConfigFile(path.toStdString(), document, error));
    QCOMPARE(document.toText(), text("server a\r\n# c\r\nrtcsync"));

    QVERIFY(!s1::loadConfigFile(dir.filePath("absent.conf").toStdString(), document, error));
    QCOMPARE(error, text("cannot open configuration file: No such file or directory"));
}

void TestConfigWriter::saveCreatesFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("new.conf");
    const std::string bytes = "# new\npool 2.debian.pool.ntp.org iburst";
    std::string error;
    QVERIFY2(saveConfigFile(documentOf(bytes), path.toStdString(), error), error.c_str());
    QCOMPARE(readBytes(path).toStdString(), bytes);
    QCOMPARE(permissionsOf(path), QStringLiteral("644"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"new.conf"}); // no temporary left
}

void TestConfigWriter::saveReplacesFileKeepingPermissions()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
    struct stat before
    { };
    QVERIFY(::stat(QFile::encodeName(path).constData(), &before) == 0);

    ConfigDocument document;
    std::string error;
    QVERIFY(s1::loadConfigFile(path.toStdString(), document, error));
    QVERIFY(document.setOption(0, "iburst"));
    QVERIFY2(saveConfigFile(document, path.toStdString(), error), error.c_str());

    QCOMPARE(readBytes(path), QByteArray("server old iburst\n"));
    QCOMPARE(permissionsOf(path), QStringLiteral("640"));
    struct stat after
    { };
    QVERIFY(::stat(QFile::encodeName(path).constData(), &after) == 0);
    QVERIFY(after.st_ino != before.st_ino); // a new file renamed over the old one, not rewritten in place
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"chrony.conf"});
}

void TestConfigWriter::saveFollowsSymlink()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir("real"));
    const QString target = dir.filePath("real/chrony.conf");
    const QString link = dir.filePath("chrony.conf");
    writeBytes(target, "server old\n");
    QVERIFY(QFile::link(target, link));

    std::string error;
    QVERIFY2(saveConfigFile(documentOf("server new\n"), link.toStdString(), error), error.c_str());
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readBytes(target), QByteArray("server new\n"));
}

void TestConfigWriter::saveFailsCleanly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("missing-dir/chrony.conf");
    std::string error;
    QVERIFY(!saveConfigFile(documentOf("server a\n"), path.toStdString(), error));
    QVERIFY2(error.starts_with("cannot create a temporary file next to " + path.toStdString()), error.c_str());
    QVERIFY2(error.ends_with("No such file or directory"), error.c_str());

    // A directory in the way of the rename: the old directory stays, no temporary is left.
    const QString blocked = dir.filePath("blocked.conf");
    QVERIFY(QDir(dir.path()).mkdir("blocked.conf"));
    QVERIFY(QDir(blocked).mkdir("inside"));
    QVERIFY(!saveConfigFile(documentOf("server a\n"), blocked.toStdString(), error));
    QVERIFY2(error.starts_with("cannot replace " + blocked.toStdString()), error.c_str());
    QVERIFY(QFileInfo(blocked).isDir());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_APPLESS_MAIN(TestConfigWriter)
#include "tst_configwriter.moc"
