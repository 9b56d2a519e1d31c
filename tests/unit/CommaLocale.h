// For tests of text that programs read back (chronyc's reports, chrony's logs, the drift file):
// switches LC_NUMERIC to a locale whose decimal point is a comma for the life of the object,
// which is what LANG=de_DE.UTF-8 does to a Qt program (QCoreApplication calls
// setlocale(LC_ALL, "")). An installed German or French locale is used if there is one;
// otherwise a locale with only LC_NUMERIC is compiled with localedef into a temporary directory
// and found through LOCPATH, so the test also runs where no locales are installed.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace s1::test {

class CommaLocale
{
public:
    CommaLocale()
    {
        const char *previous = std::setlocale(LC_NUMERIC, nullptr);
        m_saved = previous ? previous : "C";
        for (const char *candidate : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"}) {
            if (std::setlocale(LC_NUMERIC, candidate)) {
                m_name = candidate;
                m_active = true;
                break;
            }
        }
        if (!m_active)
            m_active = compileOwn();
        // A locale that took but has a decimal point is no test of anything.
        if (m_active && std::string(std::localeconv()->decimal_point) != ",") {
            restore();
            m_active = false;
            m_error = "the comma locale has no decimal comma";
        }
    }
    ~CommaLocale() { restore(); }
    CommaLocale(const CommaLocale &) = delete;
    CommaLocale &operator=(const CommaLocale &) = delete;

    bool active() const { return m_active; }
    // The locale's name, for a child process's LC_ALL (LOCPATH, when needed, is set while the
    // object lives, and children inherit it).
    const std::string &name() const { return m_name; }
    // Why there is no comma locale (for QSKIP).
    const std::string &error() const { return m_error; }

private:
    static constexpr const char *kOwnName = "s1_comma";
    static constexpr int kLocaledefTimeoutMs = 30000;

    bool compileOwn()
    {
        const QString localedef = QStandardPaths::findExecutable(QStringLiteral("localedef"));
        if (localedef.isEmpty() || !m_dir.isValid()) {
            m_error = "no locale with a decimal comma is installed and there is no localedef";
            return false;
        }
        const QString source = m_dir.filePath(QStringLiteral("comma.src"));
        if (std::FILE *f = std::fopen(source.toLocal8Bit().constData(), "w")) {
            std::fputs("LC_NUMERIC\n"
                       "decimal_point \",\"\n"
                       "thousands_sep \".\"\n"
                       "grouping 3;3\n"
                       "END LC_NUMERIC\n",
                       f);
            std::fclose(f);
        }
        QProcess process;
        // -c: write the locale although the categories other than LC_NUMERIC are missing.
        process.start(localedef, {QStringLiteral("-c"), QStringLiteral("-i"), source, QStringLiteral("-f"),
                                  QStringLiteral("ANSI_X3.4-1968"), m_dir.filePath(QString::fromLatin1(kOwnName))});
        process.waitForFinished(kLocaledefTimeoutMs);
        const char *oldPath = std::getenv("LOCPATH");
        m_savedLocPath = oldPath ? std::optional<std::string>(oldPath) : std::nullopt;
        m_locPathChanged = true;
        ::setenv("LOCPATH", m_dir.path().toLocal8Bit().constData(), 1);
        if (std::setlocale(LC_NUMERIC, kOwnName)) {
            m_name = kOwnName;
            return true;
        }
        restoreLocPath();
        m_error = "localedef could not make a locale with a decimal comma";
        return false;
    }

    void restoreLocPath()
    {
        if (!m_locPathChanged)
            return;
        m_locPathChanged = false;
        if (m_savedLocPath)
            ::setenv("LOCPATH", m_savedLocPath->c_str(), 1);
        else
            ::unsetenv("LOCPATH");
        m_savedLocPath.reset();
    }

    void restore()
    {
        std::setlocale(LC_NUMERIC, m_saved.c_str());
        restoreLocPath();
    }

    QTemporaryDir m_dir;
    std::string m_saved;
    std::optional<std::string> m_savedLocPath;
    bool m_locPathChanged = false;
    std::string m_name;
    bool m_active = false;
    std::string m_error;
};

} // namespace s1::test
