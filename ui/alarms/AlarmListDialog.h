// The alarm list the banner opens: active alarms first, then the recently cleared, one row a
// finger can pick; the picked one's detail below it: what is wrong, what to do about it, when it
// was raised and cleared. Kept up to date while open (setAlarms with each snapshot), keeping the
// selection on the same alarm.
#pragma once

#include "alarm/Alarm.h"

#include <QDialog>

#include <vector>

class QLabel;
class QListWidget;

namespace s1 {

class AlarmListDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AlarmListDialog(QWidget *parent = nullptr);

    void setAlarms(const std::vector<Alarm> &alarms);
    const std::vector<Alarm> &alarms() const { return m_alarms; }
    // The detail shown, as plain text (for tests).
    QString detailText() const;

private:
    void showDetail(int row);

    std::vector<Alarm> m_alarms;
    QLabel *m_summary;
    QListWidget *m_list;
    QLabel *m_detail;
};

} // namespace s1
