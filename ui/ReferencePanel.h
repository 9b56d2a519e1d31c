// The time this server hands out: synchronisation state, stratum, reference, error bounds.
#pragma once

#include "report/EngineSnapshot.h"

#include <QWidget>

class QLabel;

namespace s1 {

class ReferencePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ReferencePanel(QWidget *parent = nullptr);

    // `synchronised`: what the window's header says (a source selected, leap not 3), not only
    // the engine's reference flag; `stale`: the last known state, drawn without colour.
    void showReference(const ReferenceSnapshot &reference, bool synchronised, bool stale);

private:
    QLabel *m_synchronised;
    QLabel *m_stratum;
    QLabel *m_referenceId;
    QLabel *m_leap;
    QLabel *m_rootDelay;
    QLabel *m_rootDispersion;
    QLabel *m_referenceTime;
    QLabel *m_precision;
};

} // namespace s1
