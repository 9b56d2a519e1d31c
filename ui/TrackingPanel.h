// What `chronyc tracking` shows: how well the local clock follows its reference.
#pragma once

#include "report/EngineSnapshot.h"

#include <QWidget>

class QLabel;

namespace s1 {

class TrackingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TrackingPanel(QWidget *parent = nullptr);

    void showTracking(const ReferenceSnapshot &reference);

    // chronyc's notation, shared with the tests: "0.000002105 s fast", "1.916 ppm slow".
    static QString formatSystemTime(double seconds);
    static QString formatFrequency(double ppm);

private:
    QLabel *m_reference;
    QLabel *m_stratum;
    QLabel *m_referenceTime;
    QLabel *m_systemTime;
    QLabel *m_lastOffset;
    QLabel *m_rmsOffset;
    QLabel *m_frequency;
    QLabel *m_residualFrequency;
    QLabel *m_skew;
    QLabel *m_rootDelay;
    QLabel *m_rootDispersion;
    QLabel *m_updateInterval;
    QLabel *m_leap;
};

} // namespace s1
