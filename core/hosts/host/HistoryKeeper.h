// Keeps the engine's history for whoever owns the engine thread (the service's ServiceRunner):
// each snapshot becomes points in a HistoryStore (HistoryRecorder), which outlives reloads
// (a reload restarts the engine thread, not the history). With a state directory (`dumpdir`)
// the store is read from its file at start, saved every kSaveInterval and at shutdown; a file
// that cannot be read is reported and set aside (FILE.damaged), and a failed save keeps the running history.
#pragma once

#include "history/HistoryRecorder.h"
#include "history/HistoryStore.h"
#include "report/EngineSnapshot.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <filesystem>

namespace s1 {

class HistoryKeeper : public QObject
{
    Q_OBJECT
public:
    // Often enough that a crash loses little, rarely enough that writing the file (a few
    // tens of MB when full) costs nothing noticeable.
    static constexpr std::chrono::minutes kSaveInterval{10};
    // A history file that cannot be read is renamed to this name + suffix.
    static constexpr const char *kDamagedSuffix = ".damaged";

    explicit HistoryKeeper(QObject *parent = nullptr);

    // The file in `directory` (kHistoryFileName); empty: the history lives in memory only.
    // Loads it now (only into an empty store) and starts saving periodically.
    void setStateDirectory(const std::filesystem::path &directory);
    // Writes the file now, if there is one and something was recorded since the last save;
    // false (logged) when it could not be written.
    bool save();
    // For tests: another save period.
    void setSaveInterval(std::chrono::milliseconds interval) { m_saveTimer.setInterval(interval); }

    const HistoryStore &store() const { return m_store; }
    const std::filesystem::path &file() const { return m_file; }

public slots:
    void record(const s1::EngineSnapshot &snapshot);

private:
    HistoryStore m_store;
    HistoryRecorder m_recorder;
    std::filesystem::path m_file;
    QTimer m_saveTimer;
    bool m_unsaved = false;
};

} // namespace s1
