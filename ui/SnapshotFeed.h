// Where the window's state comes from: the in-process engine thread, the simulation, or a running
// service over the control socket. The window talks only to this interface: it shows what the
// feed publishes (snapshots, which carry the GPS status, and words on the connection) and hands
// it the user's two requests; the feed decides what they mean, and answers with actionFinished.
#pragma once

#include "config/ConfigurationEdit.h"
#include "report/EngineSnapshot.h"
#include "report/HistoryRange.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace s1 {

class SnapshotFeed : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts publishing; stop() ends it (and joins any thread) and is safe to call twice.
    virtual void start() = 0;
    virtual void stop() { }

    // Why this feed cannot reload its configuration or step the clock (the simulation has no
    // file and no clock of its own); empty: the request is available.
    virtual QString reloadUnavailableReason() const { return {}; }
    virtual QString makeStepUnavailableReason() const { return {}; }

    // chronyc's `reload` and `makestep`; each is answered once with actionFinished.
    virtual void requestReload() = 0;
    virtual void requestMakeStep() = 0;

    // Editing the configuration file behind the feed: why it cannot be edited here (the
    // simulation has no file; the in-process engine's file is not writable by this user);
    // empty: it can. requestConfigurationText is answered once with configurationTextReady or
    // configurationTextFailed; applyConfiguration (the whole new main file, and the revision
    // it was edited from) once with configurationApplied. The defaults say "unavailable".
    virtual QString configurationEditUnavailableReason() const { return tr("This feed has no configuration file"); }
    virtual void requestConfigurationText() { emit configurationTextFailed(configurationEditUnavailableReason()); }
    virtual void applyConfiguration(const std::string &text, const std::string &revision)
    {
        Q_UNUSED(text);
        Q_UNUSED(revision);
        ConfigurationApplyResult result;
        result.outcome = ConfigurationApplyResult::Outcome::WriteFailed;
        result.message = configurationEditUnavailableReason().toStdString();
        emit configurationApplied(result);
    }

    // The recorded history behind the feed (the service's, the window's own engine's, or the
    // simulation's since the window started): why there is none here; empty: requestHistory can answer.
    virtual QString historyUnavailableReason() const { return tr("This feed keeps no history"); }
    // One series over [from, to] in `buckets` min/mean/max buckets. Answered once, never from
    // within the call, with historyReady carrying the returned ticket (ok, or the error).
    virtual quint64 requestHistory(const HistoryRangeRequest &request)
    {
        HistoryRange range;
        range.request = request;
        range.error = historyUnavailableReason().toStdString();
        return answerHistoryLater(std::move(range));
    }

signals:
    void snapshotReady(const s1::EngineSnapshot &snapshot);
    // Where the snapshots come from and how that is going, e.g. "In-process engine, serving
    // NTP on UDP port 123" or "Service at PATH: connected".
    void connectionChanged(const QString &description);
    // The snapshots stopped (a service gone quiet or disconnected): the last one is out of date.
    void snapshotsStale();
    // The answer to requestReload or requestMakeStep, in words for the user.
    void actionFinished(bool ok, const QString &message);
    // The configuration file the engine behind the feed reads (the GPS wizard edits it).
    void configurationPathChanged(const QString &path);
    void configurationTextReady(const s1::ConfigurationText &text);
    void configurationTextFailed(const QString &message);
    void configurationApplied(const s1::ConfigurationApplyResult &result);
    void historyReady(quint64 ticket, const s1::HistoryRange &range);

protected:
    // Emits historyReady for `range` from the event loop; returns its ticket.
    quint64 answerHistoryLater(HistoryRange range)
    {
        const quint64 ticket = nextHistoryTicket();
        QTimer::singleShot(0, this, [this, ticket, range = std::move(range)] { emit historyReady(ticket, range); });
        return ticket;
    }
    quint64 nextHistoryTicket() { return ++m_historyTicket; }

private:
    quint64 m_historyTicket = 0;
};

} // namespace s1
