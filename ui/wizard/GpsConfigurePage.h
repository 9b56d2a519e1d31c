// Wizard page 3 (optional): configures the receiver found on page 2 so it sends what the
// engine needs at a speed that carries it, holds a stationary model, gives a 1 Hz pulse only
// when locked, and keeps this over a power cycle. Shows first what it would send (each
// message's bytes and a one-line meaning), then, after Apply, each setting's verdict from
// reading it back: verified, refused (NAK), not confirmed, no answer. Next without Apply leaves
// the receiver as it is.
#pragma once

#include "gps/config/ReceiverConfigPlan.h"
#include "gps/config/ReceiverConfigurator.h"

#include <QWizardPage>

#include <array>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace s1 {

struct GpsWizardState;
class SerialReceiverConfigurator;

class GpsConfigurePage : public QWizardPage
{
    Q_OBJECT
public:
    // The speeds offered; the engine's sentences at 1 Hz need more than 9600 baud on a
    // multi-constellation receiver (GSV alone), so the default is kDefaultSpeed.
    static constexpr std::array<int, 5> kSpeeds{9600, 19200, 38400, 57600, 115200};
    static constexpr int kDefaultSpeed = 38400;

    explicit GpsConfigurePage(GpsWizardState *state, QWidget *parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    bool validatePage() override;

    // Sends the plan and verifies it; false when the port cannot be opened (shown on the page).
    bool apply();
    void setTiming(ReceiverConfigurator::Timing timing) { m_timing = timing; }
    ReceiverFamily family() const;
    int wantedSpeed() const;
    const std::vector<ConfigStep> &plan() const { return m_plan; }
    const SerialReceiverConfigurator &runner() const { return *m_runner; }

    static QString settingTitle(ConfigSetting setting);
    // The step's target in words ("RMC GGA GSA GSV on; GLL VTG ZDA off", "38400 baud").
    static QString summaryText(const ConfigStep &step);
    static QString resultText(StepResult result, int baudRate);
    // What went wrong in a step, in words; empty when nothing did.
    static QString problemText(const ConfigStep &step, const StepOutcome &outcome, int baudRate);

signals:
    void applied();

private:
    void replan();
    void showPlan();
    void showProgress();
    void showFinished();
    void showFailure(const QString &message);
    void setResult(const QString &text, const QColor &color);

    GpsWizardState *m_state;
    SerialReceiverConfigurator *m_runner;
    ReceiverConfigurator::Timing m_timing;
    QLabel *m_identity;
    QComboBox *m_family;
    QComboBox *m_speed;
    QTreeWidget *m_steps;
    QPushButton *m_apply;
    QLabel *m_result;
    std::vector<ConfigStep> m_plan;
    int m_startBaud = 0;
    bool m_usb = false;
};

} // namespace s1
