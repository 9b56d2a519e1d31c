// What a tap on a source shows: the source as `chronyc ntpdata`, `sourcestats` and `selectdata`
// show it, and in words why it is or is not selected. A touchscreen cannot hover, so the reasons
// the table's tooltips give must be readable here. Offsets carry chronyc's sign (positive: the
// local clock is ahead of the source). The engine's reason, with the figure that decided it,
// and what to do about it come first, right under the name. Kept up to date while open; closes
// with a big button.
#pragma once

#include "report/EngineSnapshot.h"

#include <QDialog>

#include <cstdint>
#include <optional>

class QLabel;
class QPushButton;

namespace s1 {

class SourceDetailDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SourceDetailDialog(QWidget *parent = nullptr);

    // Shows `source` with ages measured at `now`; `stale`: the values are the last known ones.
    void showSource(const SourceSnapshot &source, RealTime now, bool stale);
    // The source is gone from the snapshot (a reload dropped it, or its name resolved).
    void showGone();
    std::uint32_t sourceId() const { return m_sourceId; }
    // Why Apply calibration cannot run now (the feed cannot edit the configuration, an apply is
    // running); empty: it can.
    void setCalibrationUnavailable(const QString &reason);

signals:
    // Apply calibration: write `offset` and `delay` (s) into the line of refclock `refId`.
    void calibrationRequested(const QString &refId, double offset, double delay);

private:
    struct Proposal
    {
        QString refId;
        double offset = 0; // s
        double delay = 0;  // s
    };
    void updateCalibrationButton();

    std::uint32_t m_sourceId = 0;
    std::optional<Proposal> m_proposal; // a ready calibration of the refclock shown
    QString m_calibrationUnavailable;
    QPushButton *m_applyCalibration;
    QLabel *m_title;
    // The engine's reason (SourceSnapshot::selectionReason) and its fix: the first thing read.
    QLabel *m_reason;
    QLabel *m_fix;
    QLabel *m_why;
    QLabel *m_kind;
    QLabel *m_address;
    QLabel *m_state;
    QLabel *m_stratum;
    QLabel *m_referenceId;
    QLabel *m_leap;
    QLabel *m_poll;
    QLabel *m_reach;
    QLabel *m_lastRx;
    QLabel *m_offset;
    QLabel *m_delay;
    QLabel *m_dispersion;
    QLabel *m_rootDelay;
    QLabel *m_rootDispersion;
    QLabel *m_packets;
    QLabel *m_samples;
    QLabel *m_span;
    QLabel *m_frequency;
    QLabel *m_statsOffset;
    QLabel *m_stdDev;
    QLabel *m_interval;
    QLabel *m_calibration; // NMEA/SOCK/SHM: the offset and delay measured against a better source
};

} // namespace s1
