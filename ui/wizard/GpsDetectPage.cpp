#include "wizard/GpsDetectPage.h"

#include "StatusColors.h"
#include "TextColor.h"
#include "TouchStyle.h"
#include "wizard/GpsWizardState.h"
#include "wizard/SerialReceiverProbe.h"

#include <QBoxLayout>
#include <QDateTime>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>

namespace s1 {

namespace {

// Sets the result apart from the details under it.
constexpr int kStatusGapPx = 12;

QString speedList(const std::vector<ProbeAttempt> &attempts)
{
    QStringList speeds;
    for (const ProbeAttempt &a : attempts)
        speeds << QString::number(a.baudRate);
    return speeds.join(QStringLiteral(", "));
}

QString fixText(GpsFixMode mode)
{
    switch (mode) {
    case GpsFixMode::None:
        return GpsDetectPage::tr("no fix yet (normal for a few minutes after power-up, or indoors)");
    case GpsFixMode::Fix2D:
        return GpsDetectPage::tr("2D fix");
    case GpsFixMode::Fix3D:
        return GpsDetectPage::tr("3D fix");
    case GpsFixMode::TimeOnly:
        return GpsDetectPage::tr("time only (fixed position)");
    }
    return {};
}

QString timeText(const ReceiverFindings &f)
{
    if (!f.epochTime)
        return GpsDetectPage::tr("not reported yet");
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(f.epochTime->time_since_epoch());
    const QString utc =
        QDateTime::fromMSecsSinceEpoch(ms.count(), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    return f.epochTimeValid ? utc : GpsDetectPage::tr("%1 (not valid yet)").arg(utc);
}

} // namespace

GpsDetectPage::GpsDetectPage(GpsWizardState *state, QWidget *parent)
    : QWizardPage(parent)
    , m_state(state)
    , m_probe(new SerialReceiverProbe(this))
    , m_status(new QLabel(this))
    , m_retry(new QPushButton(tr("Try again"), this))
{
    setTitle(tr("Looking for the receiver"));
    m_status->setObjectName(QStringLiteral("detectStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    emphasize(m_status);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    connect(m_retry, &QPushButton::clicked, this, &GpsDetectPage::retry);

    auto *form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_speed = addValue(form, tr("Speed:"), "speedValue");
    m_protocol = addValue(form, tr("Protocol:"), "protocolValue");
    m_constellations = addValue(form, tr("Satellite systems:"), "constellationsValue");
    m_receiver = addValue(form, tr("Receiver:"), "receiverValue");
    m_fix = addValue(form, tr("Fix:"), "fixValue");
    m_satellites = addValue(form, tr("Satellites:"), "satellitesValue");
    m_time = addValue(form, tr("Receiver time:"), "timeValue");

    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_retry, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addSpacing(kStatusGapPx);
    layout->addLayout(form);
    layout->addStretch(1);
    setStyleSheet(touchStyleSheet());

    connect(m_probe, &SerialReceiverProbe::changed, this, &GpsDetectPage::showProbe);
    connect(m_probe, &SerialReceiverProbe::portLost, this, &GpsDetectPage::showFailure);
}

QLabel *GpsDetectPage::addValue(QFormLayout *form, const QString &name, const char *objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(QLatin1String(objectName));
    value->setWordWrap(true);
    form->addRow(name, value);
    return value;
}

void GpsDetectPage::initializePage()
{
    retry();
}

void GpsDetectPage::cleanupPage()
{
    m_probe->stop();
}

void GpsDetectPage::retry()
{
    showFindings({}, false);
    if (!m_probe->start(m_state->port)) {
        showFailure(m_probe->openError());
        return;
    }
    showProbe();
}

bool GpsDetectPage::isComplete() const
{
    return m_probe->probe().outcome() == ReceiverProbe::Outcome::Found;
}

bool GpsDetectPage::validatePage()
{
    if (!isComplete())
        return false;
    m_state->findings = m_probe->findings();
    // The service will open the port; the wizard must not hold it.
    m_probe->stop();
    return true;
}

void GpsDetectPage::setStatus(const QString &text, bool failed)
{
    setTextColor(m_status, failed ? StatusColors::kBad : m_status->palette().color(QPalette::Text));
    m_status->setText(text);
}

void GpsDetectPage::showFailure(const QString &message)
{
    setStatus(message, true);
    m_retry->setEnabled(true);
    emit completeChanged();
}

void GpsDetectPage::showProbe()
{
    const ReceiverProbe &probe = m_probe->probe();
    const ReceiverFindings findings = m_probe->findings();
    const bool found = probe.outcome() == ReceiverProbe::Outcome::Found;
    const bool failed =
        probe.outcome() == ReceiverProbe::Outcome::NoData || probe.outcome() == ReceiverProbe::Outcome::Garbage;
    setStatus(outcomeText(probe.outcome(), findings, probe.attempts(), probe.baudOrder().size()), failed);
    m_retry->setEnabled(!probe.isRunning());
    showFindings(findings, found);
    emit completeChanged();
}

void GpsDetectPage::showFindings(const ReceiverFindings &f, bool found)
{
    // Until a receiver is found there is nothing to describe.
    const QString unknown = QStringLiteral("\u2014");
    m_speed->setText(found ? tr("%1 baud").arg(f.baudRate) : unknown);
    m_protocol->setText(found ? protocolText(f) : unknown);
    m_constellations->setText(found ? constellationText(f) : unknown);
    m_receiver->setText(found ? (f.receiver.empty() ? tr("does not say") : QString::fromStdString(f.receiver))
                              : unknown);
    m_fix->setText(found ? fixText(f.fixMode) : unknown);
    m_satellites->setText(found ? tr("%1 used of %2 in view").arg(f.satellitesUsed).arg(f.satellitesVisible) : unknown);
    m_time->setText(found ? timeText(f) : unknown);
}

QString GpsDetectPage::outcomeText(ReceiverProbe::Outcome outcome, const ReceiverFindings &findings,
                                   const std::vector<ProbeAttempt> &attempts, std::size_t speeds)
{
    switch (outcome) {
    case ReceiverProbe::Outcome::Probing:
        return tr("Listening at %1 baud (speed %2 of %3)\u2026")
            .arg(findings.baudRate)
            .arg(attempts.size())
            .arg(speeds);
    case ReceiverProbe::Outcome::Found:
        return tr("Found a GPS receiver talking at %1 baud.").arg(findings.baudRate);
    case ReceiverProbe::Outcome::NoData:
        return tr("Nothing arrives at any speed (tried %1 baud). Check that the receiver has power, that its "
                  "TX is wired to this port's RX, and that this is the right port.")
            .arg(speedList(attempts));
    case ReceiverProbe::Outcome::Garbage:
        return tr("Data arrives, but never a valid NMEA or UBX message (tried %1 baud). This is probably not a "
                  "GPS receiver, or it talks at a speed not tried.")
            .arg(speedList(attempts));
    }
    return {};
}

QString GpsDetectPage::protocolText(const ReceiverFindings &f)
{
    if (f.nmea && f.ubx)
        return tr("NMEA 0183 and u-blox UBX");
    if (f.ubx)
        return tr("u-blox UBX (binary)");
    return tr("NMEA 0183");
}

QString GpsDetectPage::constellationText(const ReceiverFindings &f)
{
    QStringList systems;
    for (const GnssSystem s : f.constellations)
        systems << QString::fromLatin1(toString(s));
    if (systems.isEmpty())
        systems << tr("not known yet");
    if (f.talkers.empty())
        return systems.join(QStringLiteral(", "));
    QStringList talkers;
    for (const std::string &t : f.talkers)
        talkers << QString::fromStdString(t);
    return tr("%1 (talkers %2)").arg(systems.join(QStringLiteral(", ")), talkers.join(QStringLiteral(", ")));
}

} // namespace s1
