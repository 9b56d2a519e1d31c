#include "wizard/GpsConfigurePage.h"

#include "StatusColors.h"
#include "TextColor.h"
#include "TouchStyle.h"
#include "wizard/GpsWizardState.h"
#include "wizard/SerialReceiverConfigurator.h"

#include <QBoxLayout>
#include <QComboBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>

namespace s1 {

namespace {

constexpr int kResultColumn = 1;
// The step column takes what the result column leaves.
constexpr int kResultColumnWidthPx = 250;

QString fromStd(const std::string &s)
{
    return QString::fromStdString(s);
}

QColor resultColor(StepResult result, const QColor &normal)
{
    switch (result) {
    case StepResult::Verified:
        return StatusColors::kGood;
    case StepResult::AcknowledgedOnly:
        return StatusColors::kInUse;
    case StepResult::Nak:
    case StepResult::NoAnswer:
        return StatusColors::kBad;
    case StepResult::NotConfirmed:
    case StepResult::SpeedKept:
    case StepResult::Skipped:
        return StatusColors::kWarning;
    case StepResult::Pending:
    case StepResult::Running:
        break;
    }
    return normal;
}

bool isUsbPort(const QString &port)
{
    return port.contains(QLatin1String("ttyACM"));
}

} // namespace

GpsConfigurePage::GpsConfigurePage(GpsWizardState *state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_runner(new SerialReceiverConfigurator(this))
    , m_identity(new QLabel(this))
    , m_family(new QComboBox(this))
    , m_speed(new QComboBox(this))
    , m_steps(new QTreeWidget(this))
    , m_apply(new QPushButton(tr("Apply"), this))
    , m_result(new QLabel(this))
{
    setTitle(tr("Configure the receiver (optional)"));
    m_identity->setObjectName(QStringLiteral("familyLabel"));
    m_family->setObjectName(QStringLiteral("familyChoice"));
    m_family->addItem(tr("Not configurable"), int(ReceiverFamily::Unknown));
    m_family->addItem(tr("u-blox 5 to 8"), int(ReceiverFamily::UbloxLegacy));
    m_family->addItem(tr("u-blox 9 and later"), int(ReceiverFamily::Ublox9));
    m_family->addItem(tr("MediaTek / Quectel"), int(ReceiverFamily::MediaTek));
    m_speed->setObjectName(QStringLiteral("speedChoice"));
    for (const int speed : kSpeeds)
        m_speed->addItem(tr("%1 baud").arg(speed), speed);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_steps->setObjectName(QStringLiteral("planTree"));
    m_steps->setColumnCount(2);
    m_steps->setHeaderLabels({tr("Setting and messages sent"), tr("Result")});
    m_steps->setWordWrap(true);
    m_steps->setUniformRowHeights(false);
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(kResultColumn, QHeaderView::Fixed);
    m_steps->header()->resizeSection(kResultColumn, kResultColumnWidthPx);
    enableKineticScrolling(m_steps);
    m_result->setObjectName(QStringLiteral("configureResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *choices = new QHBoxLayout;
    choices->addWidget(m_identity);
    choices->addWidget(m_family, 1);
    choices->addWidget(new QLabel(tr("Speed:"), this));
    choices->addWidget(m_speed);
    choices->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choices);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_result);
    setStyleSheet(touchStyleSheet());

    connect(m_family, &QComboBox::currentIndexChanged, this, &GpsConfigurePage::replan);
    connect(m_speed, &QComboBox::currentIndexChanged, this, &GpsConfigurePage::replan);
    connect(m_apply, &QPushButton::clicked, this, &GpsConfigurePage::apply);
    connect(m_runner, &SerialReceiverConfigurator::progressed, this, &GpsConfigurePage::showProgress);
    connect(m_runner, &SerialReceiverConfigurator::finished, this, &GpsConfigurePage::showFinished);
    connect(m_runner, &SerialReceiverConfigurator::portLost, this, &GpsConfigurePage::showFailure);
}

ReceiverFamily GpsConfigurePage::family() const
{
    return static_cast<ReceiverFamily>(m_family->currentData().toInt());
}

int GpsConfigurePage::wantedSpeed() const
{
    return m_speed->currentData().toInt();
}

void GpsConfigurePage::initializePage()
{
    const ReceiverFindings findings = m_state->findings.value_or(ReceiverFindings{});
    m_startBaud = findings.baudRate;
    m_usb = isUsbPort(m_state->port);
    const ReceiverFamily detected = identifyReceiverFamily(findings);
    m_identity->setText(tr("Receiver type:"));
    const QSignalBlocker blockFamily(m_family);
    const QSignalBlocker blockSpeed(m_speed);
    m_family->setCurrentIndex(std::max(0, m_family->findData(int(detected))));
    // A faster speed only: a receiver already fast keeps its speed.
    const int speed = std::max(m_startBaud, kDefaultSpeed);
    const int index = m_speed->findData(speed);
    m_speed->setCurrentIndex(index >= 0 ? index : m_speed->findData(kDefaultSpeed));
    // A USB receiver has no line speed to set.
    m_speed->setEnabled(!m_usb);
    setResult(detected == ReceiverFamily::Unknown
                  ? tr("This receiver is not one the wizard can configure. Tap Next to use it as it is.")
                  : tr("Nothing has been sent yet. Apply sends these messages and reads every setting back; Next "
                       "leaves the receiver as it is."),
              palette().color(QPalette::Text));
    replan();
}

void GpsConfigurePage::cleanupPage()
{
    m_runner->stop();
}

bool GpsConfigurePage::isComplete() const
{
    return !m_runner->isRunning();
}

bool GpsConfigurePage::validatePage()
{
    if (m_runner->isRunning())
        return false;
    m_runner->stop();
    return true;
}

void GpsConfigurePage::replan()
{
    ReceiverSettings s;
    s.currentBaud = m_startBaud;
    s.baudRate = m_usb ? 0 : wantedSpeed();
    s.usbPort = m_usb;
    m_plan = planReceiverConfig(family(), s);
    m_apply->setEnabled(!m_plan.empty());
    showPlan();
}

QString GpsConfigurePage::settingTitle(ConfigSetting setting)
{
    switch (setting) {
    case ConfigSetting::Sentences:
        return tr("Sentences");
    case ConfigSetting::DynamicModel:
        return tr("Stationary model");
    case ConfigSetting::TimePulse:
        return tr("Time pulse (PPS)");
    case ConfigSetting::Speed:
        return tr("Serial speed");
    case ConfigSetting::Save:
        return tr("Save");
    }
    return {};
}

QString GpsConfigurePage::summaryText(const ConfigStep &step)
{
    auto names = [](const std::vector<std::string> &list) {
        QStringList out;
        for (const std::string &s : list)
            out << fromStd(s);
        return out.join(QLatin1Char(' '));
    };
    switch (step.setting) {
    case ConfigSetting::Sentences:
        return tr("%1 on; %2 off").arg(names(kNeededSentences), names(kUnneededSentences));
    case ConfigSetting::DynamicModel:
        return tr("for a receiver that does not move");
    case ConfigSetting::TimePulse:
        return tr("1 Hz, 100 ms, only with a fix");
    case ConfigSetting::Speed:
        return tr("%1 baud").arg(step.newBaud);
    case ConfigSetting::Save:
        return step.polls.empty() ? tr("to flash and battery-backed RAM") : tr("to flash, then read back from it");
    }
    return {};
}

QString GpsConfigurePage::resultText(StepResult result, int baudRate)
{
    switch (result) {
    case StepResult::Pending:
        return tr("planned");
    case StepResult::Running:
        return tr("sending\u2026");
    case StepResult::Verified:
        return tr("verified");
    case StepResult::AcknowledgedOnly:
        return tr("acknowledged only");
    case StepResult::Nak:
        return tr("refused (NAK)");
    case StepResult::NotConfirmed:
        return tr("not confirmed");
    case StepResult::NoAnswer:
        return tr("no answer");
    case StepResult::SpeedKept:
        return tr("still at %1 baud").arg(baudRate);
    case StepResult::Skipped:
        return tr("not tried");
    }
    return {};
}

QString GpsConfigurePage::problemText(const ConfigStep &step, const StepOutcome &o, int baudRate)
{
    const QString title = settingTitle(step.setting);
    QStringList parts;
    switch (o.result) {
    case StepResult::Nak:
        for (const std::string &m : o.naked)
            parts << tr("the receiver refused %1").arg(fromStd(m));
        break;
    case StepResult::NotConfirmed:
        for (const PollCheck &c : o.mismatches)
            parts << tr("%1 reads %2, asked for %3").arg(fromStd(c.item), fromStd(c.readBack), fromStd(c.wanted));
        if (o.mismatches.empty() && o.unacknowledged > 0)
            // Singular and plural spelt out, as elsewhere: without an English translation %n reads "(s)".
            parts << (o.unacknowledged == 1 ? tr("1 command not acknowledged")
                                            : tr("%1 commands not acknowledged").arg(o.unacknowledged));
        break;
    case StepResult::NoAnswer:
        parts << tr("no answer from the receiver.") << tr("Check that its RX is wired to this port's TX.");
        break;
    case StepResult::SpeedKept:
        parts << tr("no answer at the new speed.")
              << tr("The receiver still talks at %1 baud; the configuration will use that.").arg(baudRate);
        break;
    case StepResult::Skipped:
        parts << tr("not tried, the receiver had stopped answering.");
        break;
    default:
        return {};
    }
    // One reason a line: the tree does not wrap, and a line fits the 800 px screen.
    return tr("%1: %2").arg(title, parts.join(QLatin1Char('\n')));
}

void GpsConfigurePage::showPlan()
{
    m_steps->clear();
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const ConfigStep &step : m_plan) {
        auto *item = new QTreeWidgetItem(m_steps, {tr("%1: %2").arg(settingTitle(step.setting), summaryText(step)),
                                                   resultText(StepResult::Pending, 0)});
        auto addMessage = [&](const std::vector<std::uint8_t> &bytes, const std::string &meaning, bool poll) {
            auto *child = new QTreeWidgetItem(item);
            const QString kind = poll ? tr("read back") : tr("send");
            child->setText(0,
                           tr("%1: %2").arg(kind, fromStd(meaning)) + QLatin1Char('\n') + fromStd(displayBytes(bytes)));
            child->setToolTip(0, fromStd(displayBytes(bytes)));
        };
        for (const ConfigCommand &c : step.commands)
            addMessage(c.bytes, c.meaning, false);
        for (const ConfigPoll &p : step.polls)
            addMessage(p.bytes, p.meaning, true);
    }
    // The first step open: the bytes are what a dry run is for; the others one tap away.
    if (m_steps->topLevelItemCount() > 0)
        m_steps->topLevelItem(0)->setExpanded(true);
    m_steps->setEnabled(!m_plan.empty());
}

bool GpsConfigurePage::apply()
{
    if (m_plan.empty() || m_runner->isRunning())
        return false;
    if (!m_runner->start(m_state->port, m_startBaud, m_plan, m_timing)) {
        showFailure(m_runner->openError());
        return false;
    }
    m_family->setEnabled(false);
    m_speed->setEnabled(false);
    m_apply->setEnabled(false);
    showPlan(); // without an earlier run's reasons
    setResult(tr("Configuring\u2026"), palette().color(QPalette::Text));
    showProgress();
    emit completeChanged();
    return true;
}

void GpsConfigurePage::showProgress()
{
    const ReceiverConfigurator *c = m_runner->configurator();
    if (!c)
        return;
    for (int i = 0; i < m_steps->topLevelItemCount() && std::size_t(i) < c->outcomes().size(); ++i) {
        QTreeWidgetItem *item = m_steps->topLevelItem(i);
        const StepResult r = c->outcomes()[std::size_t(i)].result;
        item->setText(kResultColumn, resultText(r, c->baudRate()));
        item->setForeground(kResultColumn, resultColor(r, palette().color(QPalette::Text)));
    }
}

void GpsConfigurePage::showFinished()
{
    showProgress();
    const ReceiverConfigurator *c = m_runner->configurator();
    // The receiver talks at this speed now: the refclock line must say so.
    if (m_state->findings)
        m_state->findings->baudRate = c->baudRate();
    m_startBaud = c->baudRate();
    // Each problem in words under its step, open; the verified steps closed, so every verdict
    // shows on the small screen.
    int problems = 0;
    for (std::size_t i = 0; i < c->steps().size() && int(i) < m_steps->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_steps->topLevelItem(int(i));
        const QString p = problemText(c->steps()[i], c->outcomes()[i], c->baudRate());
        item->setExpanded(!p.isEmpty());
        if (p.isEmpty())
            continue;
        ++problems;
        auto *why = new QTreeWidgetItem;
        why->setText(0, p);
        why->setForeground(0, StatusColors::kBad);
        item->insertChild(0, why);
        why->setFirstColumnSpanned(true); // only once in the tree
    }
    QStringList unreadable;
    for (std::size_t i = 0; i < c->steps().size(); ++i) {
        if (c->outcomes()[i].result == StepResult::AcknowledgedOnly)
            unreadable << settingTitle(c->steps()[i].setting);
    }
    if (problems == 0) {
        QString text = tr("Every setting was read back as asked. The receiver talks at %1 baud.").arg(c->baudRate());
        if (!unreadable.isEmpty())
            text += QLatin1Char(' ')
                    + tr("%1: the receiver has no way to read it back; it acknowledged it.")
                          .arg(unreadable.join(QStringLiteral(", ")));
        setResult(text, StatusColors::kGood);
    } else {
        const QString count =
            problems == 1 ? tr("1 setting not verified") : tr("%1 settings not verified").arg(problems);
        setResult(tr("%1 (the reasons are under each step); they stay as they were. Try Apply again, or use the "
                     "maker's tool. The receiver talks at %2 baud.")
                      .arg(count)
                      .arg(c->baudRate()),
                  StatusColors::kBad);
    }
    m_family->setEnabled(true);
    m_speed->setEnabled(!m_usb);
    m_apply->setEnabled(true);
    emit completeChanged();
    emit applied();
}

void GpsConfigurePage::showFailure(const QString &message)
{
    setResult(message, StatusColors::kBad);
    m_family->setEnabled(true);
    m_speed->setEnabled(!m_usb);
    m_apply->setEnabled(!m_plan.empty());
    emit completeChanged();
}

void GpsConfigurePage::setResult(const QString &text, const QColor &color)
{
    setTextColor(m_result, color);
    m_result->setText(text);
}

} // namespace s1
