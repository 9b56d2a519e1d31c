#include "host/HistoryKeeper.h"

#include "history/HistoryFile.h"
#include "logging/LogCategories.h"

#include <QLoggingCategory>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace s1 {

namespace {

// Why this process cannot keep its file in `directory`; empty when it can. Created when missing;
// writable as this process's effective user (the service's, after it dropped root).
std::string directoryProblem(const std::filesystem::path &directory)
{
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec)
        return "cannot create " + directory.string() + ": " + ec.message();
    if (!std::filesystem::is_directory(directory, ec))
        return "cannot use " + directory.string() + ": not a directory";
    // Writing the file means creating a temporary file beside it and renaming it over.
    if (::faccessat(AT_FDCWD, directory.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
        return "cannot write " + directory.string() + ": " + std::strerror(errno);
    return {};
}

} // namespace

HistoryKeeper::HistoryKeeper(QObject *parent)
    : QObject(parent)
    , m_saveTimer(this)
{
    m_saveTimer.setInterval(kSaveInterval);
    connect(&m_saveTimer, &QTimer::timeout, this, &HistoryKeeper::save);
}

void HistoryKeeper::setStateDirectory(const std::filesystem::path &directory)
{
    m_saveTimer.stop();
    m_savingProblem.clear();
    m_file.clear();
    m_directory = directory;
    if (directory.empty())
        return;
    m_savingProblem = directoryProblem(directory);
    if (!m_savingProblem.empty()) {
        qCWarning(lcService).noquote() << "history:" << QString::fromStdString(m_savingProblem)
                                       << "- the history is kept in memory only and lost when this process ends";
        return;
    }
    m_file = directory / kHistoryFileName;
    if (m_store.empty()) {
        std::string error;
        std::optional<HistoryStore> loaded = readHistoryFile(m_file, error);
        if (loaded) {
            m_store = std::move(*loaded);
            qCInfo(lcService).noquote() << "history: read" << m_store.all().size() << "series from"
                                        << QString::fromStdString(m_file.string());
        } else if (!error.empty()) {
            // Kept aside rather than overwritten by the next save: someone may want to look.
            std::filesystem::path aside = m_file;
            aside += kDamagedSuffix;
            std::error_code ignored;
            std::filesystem::rename(m_file, aside, ignored);
            qCWarning(lcService).noquote() << QString::fromStdString(error) << "(moved to"
                                           << QString::fromStdString(aside.string()) << "; starting a new history)";
        }
    }
    m_saveTimer.start();
}

void HistoryKeeper::followStateDirectory(const std::filesystem::path &directory)
{
    if (directory != m_directory || !m_savingProblem.empty())
        setStateDirectory(directory);
}

bool HistoryKeeper::save()
{
    if (m_file.empty() || !m_unsaved)
        return true;
    std::string error;
    if (!writeHistoryFile(m_file, m_store, error)) {
        qCWarning(lcService).noquote() << QString::fromStdString(error) << "(the history in memory is kept)";
        return false;
    }
    m_unsaved = false;
    return true;
}

void HistoryKeeper::record(const EngineSnapshot &snapshot)
{
    m_recorder.record(snapshot, m_store);
    m_unsaved = true;
}

} // namespace s1
