#include "host/HistoryKeeper.h"

#include "history/HistoryFile.h"
#include "logging/LogCategories.h"

#include <QLoggingCategory>

namespace s1 {

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
    m_file = directory.empty() ? std::filesystem::path() : directory / kHistoryFileName;
    if (m_file.empty())
        return;
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
