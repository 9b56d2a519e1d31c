// Wizard page 1: which serial port the receiver is on. Lists the ports the system knows (with
// their description and maker, so a USB receiver is recognisable), the usual aliases such as
// /dev/serial0 that the port list leaves out, and takes any path typed in (a pseudo-terminal,
// a udev name).
#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QListWidget;

namespace s1 {

struct GpsWizardState;

class GpsPortPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit GpsPortPage(GpsWizardState *state, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // Re-reads the system's serial ports.
    void refresh();
    // The path the user chose (typed or picked), trimmed.
    QString portPath() const;

private:
    void onItemSelected();

    GpsWizardState *m_state;
    QListWidget *m_list;
    QLineEdit *m_path;
    QLabel *m_hint;
};

} // namespace s1
