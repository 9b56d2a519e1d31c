// The window's one-tap `stratumctl calibrate REFID`: reads the configuration through the feed,
// writes the proposed `offset` and `delay` into that refclock's line (applyOffsetCalibration, the
// same edit the command makes) and applies it through the feed, which checks, writes (with a
// .bak) and reloads, as the configuration page's Apply does. The same code serves the window's
// own engine and a service it is attached to.
#pragma once

#include "config/ConfigurationEdit.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <string>

namespace s1 {

class SnapshotFeed;

class CalibrationApplier : public QObject
{
    Q_OBJECT

public:
    explicit CalibrationApplier(QObject *parent = nullptr);

    void setFeed(SnapshotFeed *feed);
    // Why a calibration cannot be applied through this feed now (no configuration file, a
    // read-only one, another apply running); empty when it can.
    QString unavailableReason() const;
    bool isBusy() const { return m_step != Step::Idle; }

    // Starts writing `offset` and `delay` (s) into the refclock whose refid is `refId`; the
    // outcome comes once with finished(). False, with nothing started, when unavailable.
    bool apply(const QString &refId, double offset, double delay);

signals:
    // `message`: what was written and that the engine reloaded, or why nothing was.
    void finished(bool ok, const QString &message);

private:
    enum class Step { Idle, ReadingText, Applying };

    void textReady(const s1::ConfigurationText &text);
    void textFailed(const QString &message);
    void applied(const s1::ConfigurationApplyResult &result);
    void finish(bool ok, const QString &message);

    QPointer<SnapshotFeed> m_feed;
    Step m_step = Step::Idle;
    std::string m_refId;
    double m_offset = 0;
    double m_delay = 0;
};

} // namespace s1
