// Wizard page 2: opens the chosen port and finds the speed the receiver talks at
// (SerialReceiverProbe), then shows what it is: protocol, constellations, model, and the fix
// and satellites as they come. Says plainly what is wrong when the port cannot be opened,
// nothing arrives, or what arrives is not GPS data.
#pragma once

#include "gps/ReceiverProbe.h"

#include <QWizardPage>

class QFormLayout;
class QLabel;
class QPushButton;

namespace s1 {

struct GpsWizardState;
class SerialReceiverProbe;

class GpsDetectPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit GpsDetectPage(GpsWizardState *state, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // Probes the port again from the first speed.
    void retry();
    const SerialReceiverProbe &serialProbe() const { return *m_probe; }

    // The words shown for a probe's state; `attempts` lists the speeds tried.
    static QString outcomeText(ReceiverProbe::Outcome outcome, const ReceiverFindings &findings,
                               const std::vector<ProbeAttempt> &attempts, std::size_t speeds);
    static QString protocolText(const ReceiverFindings &findings);
    static QString constellationText(const ReceiverFindings &findings);

private:
    void showProbe();
    void showFindings(const ReceiverFindings &findings, bool found);
    void showFailure(const QString &message);
    void setStatus(const QString &text, bool failed);
    QLabel *addValue(QFormLayout *form, const QString &name, const char *objectName);

    GpsWizardState *m_state;
    SerialReceiverProbe *m_probe;
    QLabel *m_status;
    QPushButton *m_retry;
    QLabel *m_speed;
    QLabel *m_protocol;
    QLabel *m_constellations;
    QLabel *m_receiver;
    QLabel *m_fix;
    QLabel *m_satellites;
    QLabel *m_time;
};

} // namespace s1
