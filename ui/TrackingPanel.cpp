#include "TrackingPanel.h"

#include "DisplayFormat.h"
#include "StatusColors.h"
#include "TextColor.h"
#include "ValueGroup.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace s1 {

namespace {

// chronyc prints offsets to the nanosecond and frequencies to the milli-ppm.
constexpr int kOffsetDecimals = 9;
constexpr int kFrequencyDecimals = 3;
constexpr int kIntervalDecimals = 1;
constexpr int kGroupSpacingPx = 12;

} // namespace

TrackingPanel::TrackingPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *reference = new ValueGroup(tr("Reference"), Qt::AlignLeft, this);
    m_reference = reference->addRow(tr("Reference"), QStringLiteral("trackingReferenceValue"));
    m_stratum = reference->addRow(tr("Stratum"), QStringLiteral("trackingStratumValue"));
    m_referenceTime = reference->addRow(tr("Ref time"), QStringLiteral("trackingRefTimeValue"));
    m_leap = reference->addRow(tr("Leap status"), QStringLiteral("trackingLeapValue"));
    m_rootDelay = reference->addRow(tr("Root delay"), QStringLiteral("trackingRootDelayValue"));
    m_rootDispersion = reference->addRow(tr("Root dispersion"), QStringLiteral("trackingRootDispersionValue"));

    auto *clock = new ValueGroup(tr("Local clock"), Qt::AlignLeft, this);
    m_systemTime = clock->addRow(tr("System time"), QStringLiteral("trackingSystemTimeValue"));
    m_lastOffset = clock->addRow(tr("Last offset"), QStringLiteral("trackingLastOffsetValue"));
    m_rmsOffset = clock->addRow(tr("RMS offset"), QStringLiteral("trackingRmsOffsetValue"));
    m_frequency = clock->addRow(tr("Frequency"), QStringLiteral("trackingFrequencyValue"));
    m_residualFrequency = clock->addRow(tr("Residual freq"), QStringLiteral("trackingResidualFrequencyValue"));
    m_skew = clock->addRow(tr("Skew"), QStringLiteral("trackingSkewValue"));
    m_updateInterval = clock->addRow(tr("Update interval"), QStringLiteral("trackingUpdateIntervalValue"));

    auto *columns = new QHBoxLayout;
    columns->setSpacing(kGroupSpacingPx);
    columns->addWidget(reference, 1);
    columns->addWidget(clock, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(columns);
    layout->addStretch();
}

QString TrackingPanel::formatSystemTime(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    const QString amount = formatDecimal(std::fabs(seconds), kOffsetDecimals);
    // Positive: our time is ahead of NTP time.
    return seconds > 0 ? tr("%1 s fast").arg(amount) : tr("%1 s slow").arg(amount);
}

QString TrackingPanel::formatFrequency(double ppm)
{
    if (!std::isfinite(ppm))
        return QStringLiteral("-");
    const QString amount = formatDecimal(std::fabs(ppm), kFrequencyDecimals);
    // Positive: the oscillator runs fast.
    return ppm > 0 ? tr("%1 ppm fast").arg(amount) : tr("%1 ppm slow").arg(amount);
}

void TrackingPanel::showTracking(const ReferenceSnapshot &reference)
{
    if (reference.synchronised) {
        m_reference->setText(
            formatRefId(reference.referenceId, reference.stratum, QString::fromStdString(reference.referenceName)));
        setTextColor(m_reference, palette().color(QPalette::WindowText));
    } else {
        m_reference->setText(tr("Not synchronised"));
        setTextColor(m_reference, StatusColors::kBad);
    }
    m_stratum->setText(QString::number(reference.stratum));
    m_referenceTime->setText(reference.referenceTime ? formatUtcTime(*reference.referenceTime) : tr("Never"));
    m_systemTime->setText(formatSystemTime(reference.systemTimeOffset));
    m_lastOffset->setText(tr("%1 s").arg(formatSignedDecimal(reference.lastOffset, kOffsetDecimals)));
    m_rmsOffset->setText(tr("%1 s").arg(formatDecimal(reference.rmsOffset, kOffsetDecimals)));
    m_frequency->setText(formatFrequency(reference.frequencyPpm));
    m_residualFrequency->setText(
        tr("%1 ppm").arg(formatSignedDecimal(reference.residualFrequencyPpm, kFrequencyDecimals)));
    m_skew->setText(tr("%1 ppm").arg(formatDecimal(reference.skewPpm, kFrequencyDecimals)));
    m_rootDelay->setText(formatSeconds(reference.rootDelay));
    m_rootDispersion->setText(formatSeconds(reference.rootDispersion));
    m_updateInterval->setText(tr("%1 s").arg(formatDecimal(reference.updateInterval, kIntervalDecimals)));
    m_leap->setText(formatLeap(reference.leap));
    setTextColor(m_leap, reference.leap == LeapIndicator::Unsynchronised ? StatusColors::kBad
                                                                         : palette().color(QPalette::WindowText));
}

} // namespace s1
