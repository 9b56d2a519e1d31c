// Keeps the engine's history for whoever owns the engine thread (the service's ServiceRunner and
// the window's InProcessEngine, alike): each snapshot becomes points in a HistoryStore
// (HistoryRecorder), which outlives reloads (a reload restarts the engine thread, not the
// history). With a state directory (`dumpdir`) the store is read from its file at start, saved
// every kSaveInterval and when the owner stops; a file that cannot be read is reported and set
// aside (FILE.damaged), and a failed save keeps the running history. A directory this process
// cannot create or write is reported once and the history is kept in memory only (a viewer
// running as a user without access to the service's /var/lib/stratumone).
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
    // Creates the directory when missing (as chronyd does with its dumpdir), loads the file now
    // (only into an empty store: a reload into another directory keeps the running history,
    // which replaces that directory's file at the next save) and starts saving periodically.
    // A directory that cannot be created or written: logged, memory only (savingProblem()).
    void setStateDirectory(const std::filesystem::path &directory);
    // The owner's call at each engine start, the reloads' too, with the configuration's `dumpdir`:
    // the directory in use already changes nothing (the save period runs on); any other (or
    // the same one again after it could not be written, which a reload retries) is taken up
    // with setStateDirectory.
    void followStateDirectory(const std::filesystem::path &directory);
    // Why a state directory was given and the history is still not saved ("cannot write
    // DIR: Permission denied"); empty when it is saved or when there is no directory.
    const std::string &savingProblem() const { return m_savingProblem; }
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
    std::filesystem::path m_directory; // as last given, even when it could not be used
    std::filesystem::path m_file;
    std::string m_savingProblem;
    QTimer m_saveTimer;
    bool m_unsaved = false;
};

} // namespace s1
