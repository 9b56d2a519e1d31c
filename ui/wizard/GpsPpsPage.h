// Wizard page 4 (optional): the receiver's PPS output. Lists the PPS devices the kernel has
// (/dev/pps*), "No PPS", and takes a typed path for one that appears only later (a pps-gpio
// overlay not loaded yet). Explains why it matters: PPS gives microseconds, NMEA milliseconds.
#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QListWidget;

namespace s1 {

struct GpsWizardState;

class GpsPpsPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit GpsPpsPage(GpsWizardState *state, QWidget *parent = nullptr);

    void initializePage() override;
    bool validatePage() override;

    // The chosen device; empty for "No PPS".
    QString ppsDevice() const;
    // /dev/pps* in `deviceDirectory`, sorted.
    static QStringList findPpsDevices(const QString &deviceDirectory);

private:
    void onItemSelected();
    void onPathEdited(const QString &text);

    GpsWizardState *m_state;
    QListWidget *m_list;
    QLineEdit *m_path;
    QLabel *m_hint;
    bool m_visited = false;
};

} // namespace s1
