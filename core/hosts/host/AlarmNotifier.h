// Tells the world about the engine's alarms, from the snapshots it publishes: one line in the
// service log (s1.alarm) per alarm raised and per alarm cleared, and, with `alarmcommand PATH`,
// that program run with the alarm as arguments and environment. The engine only keeps the
// alarms; running programs is the host's, and never blocks: the program runs asynchronously in
// the notifier's thread, its failure (cannot start, non-zero exit, killed after
// kCommandTimeout) is logged, and runs are rate-limited.
//
// The program is called as
//   PATH raised|cleared KIND SEVERITY SUBJECT TEXT
// (KIND e.g. "pps-lost", SEVERITY "info"/"warning"/"critical", SUBJECT possibly empty) with
// S1_ALARM_EVENT, S1_ALARM_ID, S1_ALARM_KIND, S1_ALARM_SEVERITY, S1_ALARM_SUBJECT,
// S1_ALARM_TEXT, S1_ALARM_FIX, S1_ALARM_RAISED and S1_ALARM_CLEARED (UTC, ISO 8601; empty
// while active) in its environment.
#pragma once

#include "alarm/Alarm.h"
#include "report/EngineSnapshot.h"

#include <QObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <deque>
#include <vector>

class QProcess;

namespace s1 {

class AlarmNotifier : public QObject
{
    Q_OBJECT
public:
    // At most kCommandBurst runs within any kCommandWindow: a flapping alarm or a burst of them
    // (every source lost at once) must not fork a process storm. Dropped runs are logged.
    static constexpr int kCommandBurst = 10;
    static constexpr std::chrono::seconds kCommandWindow{60};
    // A program still running after this long is killed (and that is logged), and no more than
    // kMaxRunning run at once.
    static constexpr std::chrono::seconds kCommandTimeout{30};
    static constexpr int kMaxRunning = 4;

    struct Change
    {
        bool raised = false; // else cleared
        Alarm alarm;
    };

    explicit AlarmNotifier(QObject *parent = nullptr);
    ~AlarmNotifier() override;

    // `alarmcommand`'s program; empty: log only.
    void setCommand(const QString &program) { m_command = program; }
    // What changed between two snapshots' alarm lists: alarms new in `after` (raised, and also
    // cleared when they came and went between the two), and alarms cleared since `before`.
    static std::vector<Change> changes(const std::vector<Alarm> &before, const std::vector<Alarm> &after);

public slots:
    // Logs and runs the command for what changed since the previous snapshot. A new engine (a
    // reload) starts a new list: its alarms differ in raise time from the old engine's, so
    // they are new, and the old ones go without a "cleared" (nothing cleared them).
    void record(const s1::EngineSnapshot &snapshot);

signals:
    // Each program run that ended, for tests: exit code, or -1 when it failed to start or crashed.
    void commandFinished(int exitCode);

private:
    void log(const Change &change) const;
    void run(const Change &change);

    QString m_command;
    std::vector<Alarm> m_previous;
    std::deque<std::chrono::steady_clock::time_point> m_recentRuns; // within kCommandWindow
    int m_running = 0;
};

} // namespace s1
