// The strip at the top of the main window while an alarm is active: the most urgent alarm's
// title and text on its severity's colour, and how many more there are. The whole strip is one
// touch target: a tap opens the alarm list (clicked()). Hidden while no alarm is active; grey,
// with no live colour, while the snapshots are stale.
#pragma once

#include "alarm/Alarm.h"

#include <QFrame>

#include <vector>

class QLabel;

namespace s1 {

class AlarmBanner : public QFrame
{
    Q_OBJECT

public:
    explicit AlarmBanner(QWidget *parent = nullptr);

    void setAlarms(const std::vector<Alarm> &alarms);
    void setStale(bool stale);
    int activeCount() const { return m_activeCount; }
    QString text() const;

signals:
    void clicked();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateColours();

    QLabel *m_message;
    QLabel *m_more;
    int m_activeCount = 0;
    AlarmSeverity m_severity = AlarmSeverity::Info;
    bool m_stale = false;
};

} // namespace s1
