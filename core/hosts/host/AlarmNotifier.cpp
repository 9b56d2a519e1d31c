#include "host/AlarmNotifier.h"

#include "logging/LogCategories.h"

#include <QDateTime>
#include <QProcess>
#include <QTimer>

#include <algorithm>

namespace s1 {

namespace {

constexpr std::int64_t kNanosPerMilli = 1'000'000;

bool sameAlarm(const Alarm &a, const Alarm &b)
{
    return a.id == b.id && a.raised == b.raised;
}

QString isoTime(RealTime t)
{
    return QDateTime::fromMSecsSinceEpoch(nanosSinceEpoch(t) / kNanosPerMilli, Qt::UTC).toString(Qt::ISODate);
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

AlarmNotifier::AlarmNotifier(QObject *parent)
    : QObject(parent)
{ }

AlarmNotifier::~AlarmNotifier() = default;

std::vector<AlarmNotifier::Change> AlarmNotifier::changes(const std::vector<Alarm> &before,
                                                          const std::vector<Alarm> &after)
{
    std::vector<Change> list;
    for (const Alarm &a : after) {
        const auto old = std::find_if(before.begin(), before.end(), [&](const Alarm &b) { return sameAlarm(a, b); });
        if (old == before.end()) {
            Alarm raised = a;
            raised.cleared.reset();
            list.push_back({true, std::move(raised)});
            if (!a.active())
                list.push_back({false, a});
        } else if (old->active() && !a.active()) {
            list.push_back({false, a});
        }
    }
    // Raised in the order they were raised, each clear after its raise.
    std::stable_sort(list.begin(), list.end(), [](const Change &x, const Change &y) {
        const RealTime tx = x.raised ? x.alarm.raised : *x.alarm.cleared;
        const RealTime ty = y.raised ? y.alarm.raised : *y.alarm.cleared;
        return tx < ty;
    });
    return list;
}

void AlarmNotifier::record(const EngineSnapshot &snapshot)
{
    for (const Change &change : changes(m_previous, snapshot.alarms)) {
        log(change);
        if (!m_command.isEmpty())
            run(change);
    }
    m_previous = snapshot.alarms;
}

void AlarmNotifier::log(const Change &change) const
{
    const Alarm &a = change.alarm;
    const QString line = QStringLiteral("%1 %2 %3%4: %5")
                             .arg(change.raised ? QStringLiteral("raised") : QStringLiteral("cleared"),
                                  QLatin1String(toString(a.severity)), QLatin1String(toString(a.kind)),
                                  a.subject.empty() ? QString() : QStringLiteral(" (%1)").arg(q(a.subject)), q(a.text));
    if (!change.raised)
        qCInfo(lcAlarm).noquote() << line;
    else if (a.severity == AlarmSeverity::Critical)
        qCCritical(lcAlarm).noquote() << line;
    else if (a.severity == AlarmSeverity::Warning)
        qCWarning(lcAlarm).noquote() << line;
    else
        qCInfo(lcAlarm).noquote() << line;
}

void AlarmNotifier::run(const Change &change)
{
    const auto now = std::chrono::steady_clock::now();
    while (!m_recentRuns.empty() && now - m_recentRuns.front() >= kCommandWindow)
        m_recentRuns.pop_front();
    const Alarm &a = change.alarm;
    const QString what = QStringLiteral("%1 %2").arg(
        change.raised ? QStringLiteral("raised") : QStringLiteral("cleared"), QLatin1String(toString(a.kind)));
    if (static_cast<int>(m_recentRuns.size()) >= kCommandBurst || m_running >= kMaxRunning) {
        qCWarning(lcAlarm).noquote() << "alarmcommand not run for" << what << "(more than" << kCommandBurst
                                     << "runs a minute or" << kMaxRunning << "still running)";
        return;
    }
    m_recentRuns.push_back(now);

    auto *process = new QProcess(this);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("S1_ALARM_EVENT"), change.raised ? QStringLiteral("raised") : QStringLiteral("cleared"));
    env.insert(QStringLiteral("S1_ALARM_ID"), QString::number(a.id));
    env.insert(QStringLiteral("S1_ALARM_KIND"), QLatin1String(toString(a.kind)));
    env.insert(QStringLiteral("S1_ALARM_SEVERITY"), QLatin1String(toString(a.severity)));
    env.insert(QStringLiteral("S1_ALARM_SUBJECT"), q(a.subject));
    env.insert(QStringLiteral("S1_ALARM_TEXT"), q(a.text));
    env.insert(QStringLiteral("S1_ALARM_FIX"), q(a.fix));
    env.insert(QStringLiteral("S1_ALARM_RAISED"), isoTime(a.raised));
    env.insert(QStringLiteral("S1_ALARM_CLEARED"), a.cleared ? isoTime(*a.cleared) : QString());
    process->setProcessEnvironment(env);
    process->setProgram(m_command);
    process->setArguments({change.raised ? QStringLiteral("raised") : QStringLiteral("cleared"),
                           QLatin1String(toString(a.kind)), QLatin1String(toString(a.severity)), q(a.subject),
                           q(a.text)});
    // Its output is not ours to show; the log says whether it worked.
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setStandardErrorFile(QProcess::nullDevice());
    ++m_running;
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, [process, what] {
        qCWarning(lcAlarm).noquote() << "alarmcommand" << process->program() << "for" << what << "still running after"
                                     << kCommandTimeout.count() << "s: killed";
        process->kill();
    });
    const auto finish = [this, process](int exitCode) {
        --m_running;
        emit commandFinished(exitCode);
        process->deleteLater();
    };
    connect(process, &QProcess::finished, this, [process, what, finish](int exitCode, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || exitCode != 0)
            qCWarning(lcAlarm).noquote() << "alarmcommand" << process->program() << "for" << what
                                         << (status == QProcess::NormalExit
                                                 ? QStringLiteral("exited with status %1").arg(exitCode)
                                                 : QStringLiteral("crashed"));
        finish(status == QProcess::NormalExit ? exitCode : -1);
    });
    connect(process, &QProcess::errorOccurred, this, [process, what, finish](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // the others end in finished()
        qCWarning(lcAlarm).noquote() << "alarmcommand" << process->program() << "for" << what
                                     << "could not be started:" << process->errorString();
        finish(-1);
    });
    timeout->start(kCommandTimeout);
    process->start();
}

} // namespace s1
