// ConfigurationEditor: reading the main file with its includes and a revision, checking a
// replacement as a reload reads it, and every outcome of writing one (applied with a .bak,
// invalid, conflict, write failed), plus undo and the byte-identical round trip of every
// configuration the project ships as test data.
#include "config/ConfigurationEditor.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace s1;
using Outcome = ConfigurationApplyResult::Outcome;

namespace {

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return "<missing>";
    return file.readAll();
}

std::string revisionOf(const QString &path)
{
    const QByteArray bytes = readBytes(path);
    return configurationRevision(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

} // namespace

class TestConfigurationEditor : public QObject
{
    Q_OBJECT
private slots:
    void revisionIsADigestOfTheBytes();
    void readsMainFileAndIncludes();
    void readsAbsentFile();
    void checkReportsPositionsAndWarnings();
    void appliesAndKeepsBackup();
    void appliesWhereNoFileWasYet();
    void invalidWritesNothing();
    void conflictWritesNothing();
    void conflictAfterAnotherEdit();
    void tooLongIsInvalid();
    void backupBlockedIsWriteFailed();
    void readOnlyDirectoryIsWriteFailed();
    void keepsPermissions();
    void undoRestoresPrevious();
    void undoRefusesWhenChangedMeanwhile();
    void failedReloadPutsThePreviousFileBack();
    void roundTripIsByteIdentical_data();
    void roundTripIsByteIdentical();
};

void TestConfigurationEditor::revisionIsADigestOfTheBytes()
{
    QCOMPARE(configurationRevision(""), std::string("md5:d41d8cd98f00b204e9800998ecf8427e"));
    QVERIFY(configurationRevision("server a\n") != configurationRevision("server a\r\n"));
    QCOMPARE(std::string(kAbsentRevision), std::string("absent"));
}

void TestConfigurationEditor::readsMainFileAndIncludes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString main = dir.filePath("chrony.conf");
    QVERIFY(QDir(dir.path()).mkdir("conf.d"));
    writeBytes(dir.filePath("conf.d/a.conf"), "allow 10.0.0.0/8\n");
    writeBytes(dir.filePath("extra.conf"), "local stratum 3\n");
    const QByteArray text = "server a iburst\r\ninclude " + dir.filePath("extra.conf").toUtf8() + "\nconfdir "
                            + dir.filePath("conf.d").toUtf8() + "\n";
    writeBytes(main, text);

    ConfigurationText read;
    std::string error;
    QVERIFY2(ConfigurationEditor(main.toStdString()).read(read, error), error.c_str());
    QCOMPARE(read.main.path, main.toStdString());
    QCOMPARE(QByteArray::fromStdString(read.main.text), text);
    QCOMPARE(read.revision, revisionOf(main));
    QVERIFY(!read.builtIn);
    QCOMPARE(read.includes.size(), std::size_t(2));
    QCOMPARE(read.includes[0].path, dir.filePath("extra.conf").toStdString());
    QCOMPARE(read.includes[0].text, std::string("local stratum 3\n"));
    QCOMPARE(read.includes[1].path, dir.filePath("conf.d/a.conf").toStdString());
    QCOMPARE(read.includes[1].text, std::string("allow 10.0.0.0/8\n"));
}

void TestConfigurationEditor::readsAbsentFile()
{
    QTemporaryDir dir;
    ConfigurationText read;
    std::string error;
    QVERIFY(ConfigurationEditor(dir.filePath("none.conf").toStdString()).read(read, error));
    QCOMPARE(read.revision, std::string(kAbsentRevision));
    QVERIFY(read.main.text.empty());
    QVERIFY(read.includes.empty());
}

void TestConfigurationEditor::checkReportsPositionsAndWarnings()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("chrony.conf").toStdString();
    std::vector<ConfigurationProblem> problems;
    // An include relative to nothing but the path given: a missing included file is an error at
    // the include line, as a reload reports it.
    const std::string text =
        "server a iburst\nserver b minpoll x\nnoclientlog\ninclude " + dir.filePath("gone.conf").toStdString() + "\n";
    QVERIFY(!ConfigurationEditor(path).check(text, problems));
    QVERIFY(problems.size() >= 2);
    QCOMPARE(problems[0].file, path);
    QCOMPARE(problems[0].line, 2);
    QCOMPARE(problems[0].column, 18);
    QCOMPARE(problems[0].severity, ConfigurationProblem::Severity::Error);
    QVERIFY2(formatProblem(problems[0]).starts_with(path + ":2:18: error: "), formatProblem(problems[0]).c_str());
    bool includeReported = false;
    for (const ConfigurationProblem &p : problems)
        includeReported = includeReported || p.message.find("gone.conf") != std::string::npos || p.line == 4;
    QVERIFY(includeReported);

    // Warnings alone do not make it invalid, and are kept.
    QVERIFY(ConfigurationEditor(path).check("server a\nrtcsync\n", problems));
}

void TestConfigurationEditor::appliesAndKeepsBackup()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    const ConfigurationEditor editor(path.toStdString());
    const ConfigurationApplyResult result = editor.apply("server new iburst\n", revisionOf(path));
    QCOMPARE(result.outcome, Outcome::Applied);
    QVERIFY(result.ok());
    QCOMPARE(readBytes(path), QByteArray("server new iburst\n"));
    QCOMPARE(readBytes(path + ".bak"), QByteArray("server old\n"));
    QCOMPARE(result.revision, revisionOf(path));
    QVERIFY2(result.message.find(".bak") != std::string::npos, result.message.c_str());
    // No temporary files left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList({"chrony.conf", "chrony.conf.bak"}));
}

void TestConfigurationEditor::appliesWhereNoFileWasYet()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("new.conf");
    const ConfigurationApplyResult result =
        ConfigurationEditor(path.toStdString()).apply("server a\n", std::string(kAbsentRevision));
    QCOMPARE(result.outcome, Outcome::Applied);
    QCOMPARE(readBytes(path), QByteArray("server a\n"));
    QVERIFY(!QFileInfo::exists(path + ".bak"));
}

void TestConfigurationEditor::invalidWritesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    const ConfigurationApplyResult result =
        ConfigurationEditor(path.toStdString()).apply("server new\nmakestep 1\nbogus 1\n", revisionOf(path));
    QCOMPARE(result.outcome, Outcome::Invalid);
    QVERIFY(!result.problems.empty());
    bool found = false;
    for (const ConfigurationProblem &p : result.problems)
        found = found || (p.line == 2 || p.line == 3);
    QVERIFY(found);
    QCOMPARE(readBytes(path), QByteArray("server old\n"));
    QVERIFY(!QFileInfo::exists(path + ".bak"));
}

void TestConfigurationEditor::conflictWritesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    const ConfigurationEditor editor(path.toStdString());
    ConfigurationText read;
    std::string error;
    QVERIFY(editor.read(read, error));
    // Someone else edits the file between the read and the apply.
    writeBytes(path, "server other\n");
    const ConfigurationApplyResult result = editor.apply("server mine\n", read.revision);
    QCOMPARE(result.outcome, Outcome::Conflict);
    QCOMPARE(readBytes(path), QByteArray("server other\n"));
    QVERIFY(!QFileInfo::exists(path + ".bak"));
    QCOMPARE(result.revision, revisionOf(path));
    QVERIFY2(result.message.find("changed") != std::string::npos, result.message.c_str());

    // A file that appeared since an "absent" read is a conflict too.
    const ConfigurationApplyResult appeared = editor.apply("server mine\n", std::string(kAbsentRevision));
    QCOMPARE(appeared.outcome, Outcome::Conflict);
}

void TestConfigurationEditor::conflictAfterAnotherEdit()
{
    // Two editors read the same revision; the second apply loses and writes nothing.
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    const std::string revision = revisionOf(path);
    const ConfigurationEditor editor(path.toStdString());
    QCOMPARE(editor.apply("server first\n", revision).outcome, Outcome::Applied);
    QCOMPARE(editor.apply("server second\n", revision).outcome, Outcome::Conflict);
    QCOMPARE(readBytes(path), QByteArray("server first\n"));
    QCOMPARE(readBytes(path + ".bak"), QByteArray("server old\n"));
}

void TestConfigurationEditor::tooLongIsInvalid()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    std::string text(kMaxConfigurationBytes + 1, '#');
    const ConfigurationApplyResult result = ConfigurationEditor(path.toStdString()).apply(text, revisionOf(path));
    QCOMPARE(result.outcome, Outcome::Invalid);
    QCOMPARE(result.problems.size(), std::size_t(1));
    QCOMPARE(result.problems[0].line, 0);
    QCOMPARE(readBytes(path), QByteArray("server old\n"));
}

void TestConfigurationEditor::backupBlockedIsWriteFailed()
{
    // The .bak cannot be written (a directory is in the way): nothing is written at all.
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    QVERIFY(QDir(dir.path()).mkpath("chrony.conf.bak/inside"));
    const ConfigurationApplyResult result =
        ConfigurationEditor(path.toStdString()).apply("server new\n", revisionOf(path));
    QCOMPARE(result.outcome, Outcome::WriteFailed);
    QVERIFY2(result.message.find("chrony.conf.bak") != std::string::npos, result.message.c_str());
    QCOMPARE(readBytes(path), QByteArray("server old\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"chrony.conf"});
}

void TestConfigurationEditor::readOnlyDirectoryIsWriteFailed()
{
    if (::geteuid() == 0)
        QSKIP("root writes into a read-only directory; backupBlockedIsWriteFailed covers the outcome");
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir("ro"));
    const QString path = dir.filePath("ro/chrony.conf");
    writeBytes(path, "server old\n");
    QVERIFY(::chmod(QFile::encodeName(dir.filePath("ro")).constData(), 0555) == 0);
    const ConfigurationApplyResult result =
        ConfigurationEditor(path.toStdString()).apply("server new\n", revisionOf(path));
    ::chmod(QFile::encodeName(dir.filePath("ro")).constData(), 0755);
    QCOMPARE(result.outcome, Outcome::WriteFailed);
    QCOMPARE(readBytes(path), QByteArray("server old\n"));
}

void TestConfigurationEditor::keepsPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    QVERIFY(::chmod(QFile::encodeName(path).constData(), 0640) == 0);
    QCOMPARE(ConfigurationEditor(path.toStdString()).apply("server new\n", revisionOf(path)).outcome, Outcome::Applied);
    struct stat info
    { };
    QVERIFY(::stat(QFile::encodeName(path).constData(), &info) == 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0640));
    QVERIFY(::stat(QFile::encodeName(path + ".bak").constData(), &info) == 0);
    QCOMPARE(info.st_mode & 07777, mode_t(0640));
}

void TestConfigurationEditor::undoRestoresPrevious()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\r\n");
    const std::string previous = revisionOf(path);
    const ConfigurationEditor editor(path.toStdString());
    const ConfigurationApplyResult result = editor.apply("server new\n", previous);
    QCOMPARE(result.outcome, Outcome::Applied);
    std::string error;
    QVERIFY2(editor.undo(result.revision, previous, error), error.c_str());
    QCOMPARE(readBytes(path), QByteArray("server old\r\n"));

    // A file created by apply goes again.
    const QString fresh = dir.filePath("fresh.conf");
    const ConfigurationEditor created(fresh.toStdString());
    const ConfigurationApplyResult made = created.apply("server a\n", std::string(kAbsentRevision));
    QCOMPARE(made.outcome, Outcome::Applied);
    QVERIFY2(created.undo(made.revision, std::string(kAbsentRevision), error), error.c_str());
    QVERIFY(!QFileInfo::exists(fresh));
}

void TestConfigurationEditor::undoRefusesWhenChangedMeanwhile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    const std::string previous = revisionOf(path);
    const ConfigurationEditor editor(path.toStdString());
    const ConfigurationApplyResult result = editor.apply("server new\n", previous);
    writeBytes(path, "server someone-else\n");
    std::string error;
    QVERIFY(!editor.undo(result.revision, previous, error));
    QVERIFY2(error.find("changed") != std::string::npos, error.c_str());
    QCOMPARE(readBytes(path), QByteArray("server someone-else\n"));
}

void TestConfigurationEditor::roundTripIsByteIdentical_data()
{
    QTest::addColumn<QString>("file");
    int count = 0;
    for (const char *folder : {"config", "seeds"}) {
        QDirIterator it(QStringLiteral(S1_TEST_DATA_DIR "/%1").arg(QLatin1String(folder)), {"*.conf"}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
            ++count;
        }
    }
    QVERIFY(count >= 5);
}

void TestConfigurationEditor::roundTripIsByteIdentical()
{
    // Read, apply unchanged, and the file is the same bytes; the same with CRLF line ends.
    QFETCH(QString, file);
    QTemporaryDir dir;
    for (const bool crlf : {false, true}) {
        QByteArray original = readBytes(file);
        if (crlf)
            original.replace("\n", "\r\n");
        const QString path = dir.filePath(crlf ? "crlf.conf" : "lf.conf");
        writeBytes(path, original);
        const ConfigurationEditor editor(path.toStdString());
        ConfigurationText read;
        std::string error;
        QVERIFY2(editor.read(read, error), error.c_str());
        QCOMPARE(QByteArray::fromStdString(read.main.text), original);
        const ConfigurationApplyResult result = editor.apply(read.main.text, read.revision);
        // Seeds with placeholders may not be valid configurations; then nothing is written.
        if (result.outcome == Outcome::Invalid) {
            QCOMPARE(readBytes(path), original);
            continue;
        }
        QCOMPARE(result.outcome, Outcome::Applied);
        QCOMPARE(readBytes(path), original);
        QCOMPARE(readBytes(path + ".bak"), original);
        QCOMPARE(result.revision, read.revision);
    }
}

// The answer both the service and the in-process window give when a written file then fails to
// reload: the old file is back, the answer says so and carries the revision on disk.
void TestConfigurationEditor::failedReloadPutsThePreviousFileBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("chrony.conf");
    writeBytes(path, "server old\n");
    const std::string previous = revisionOf(path);
    const ConfigurationEditor editor(path.toStdString());
    ConfigurationApplyResult result = editor.apply("server new\n", previous);
    QCOMPARE(result.outcome, Outcome::Applied);
    editor.revertFailedReload(result, previous, "port 123 in use");
    QCOMPARE(result.outcome, Outcome::ReloadFailed);
    QVERIFY2(result.message.starts_with("port 123 in use; the previous file was put back ("), result.message.c_str());
    QCOMPARE(readBytes(path), QByteArray("server old\n"));
    QCOMPARE(result.revision, previous);

    // Changed again behind our back: the new file stays, and the answer says why.
    ConfigurationApplyResult again = editor.apply("server newer\n", previous);
    QCOMPARE(again.outcome, Outcome::Applied);
    writeBytes(path, "server someone else\n");
    editor.revertFailedReload(again, previous, "failed");
    QCOMPARE(again.outcome, Outcome::ReloadFailed);
    QVERIFY2(again.message.find("the new file stays written") != std::string::npos, again.message.c_str());
    QCOMPARE(again.revision, revisionOf(path));
}

QTEST_APPLESS_MAIN(TestConfigurationEditor)
#include "tst_configurationeditor.moc"
