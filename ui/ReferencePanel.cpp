#include "ReferencePanel.h"

#include "DisplayFormat.h"
#include "StatusColors.h"
#include "TextColor.h"
#include "ValueGroup.h"

#include <QLabel>
#include <QVBoxLayout>

#include <cmath>

namespace s1 {

ReferencePanel::ReferencePanel(QWidget *parent)
    : QWidget(parent)
{
    auto *group = new ValueGroup(tr("Reference"), Qt::AlignLeft, this);
    m_synchronised = group->addRow(tr("Synchronised"), QStringLiteral("synchronisedValue"));
    m_stratum = group->addRow(tr("Stratum"), QStringLiteral("stratumValue"));
    m_referenceId = group->addRow(tr("Reference ID"), QStringLiteral("referenceIdValue"));
    m_leap = group->addRow(tr("Leap status"), QStringLiteral("leapValue"));
    m_rootDelay = group->addRow(tr("Root delay"), QStringLiteral("rootDelayValue"));
    m_rootDispersion = group->addRow(tr("Root dispersion"), QStringLiteral("rootDispersionValue"));
    m_referenceTime = group->addRow(tr("Last update"), QStringLiteral("referenceTimeValue"));
    m_precision = group->addRow(tr("Precision"), QStringLiteral("precisionValue"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group);
    layout->addStretch();
}

void ReferencePanel::showReference(const ReferenceSnapshot &reference, bool synchronised, bool stale)
{
    m_synchronised->setText(synchronised ? tr("Yes") : tr("No"));
    setTextColor(m_synchronised, stale          ? palette().color(QPalette::Disabled, QPalette::WindowText)
                                 : synchronised ? StatusColors::kGood
                                                : StatusColors::kBad);
    m_stratum->setText(QString::number(reference.stratum));
    m_referenceId->setText(
        formatRefId(reference.referenceId, reference.stratum, QString::fromStdString(reference.referenceName)));
    m_leap->setText(formatLeap(reference.leap));
    m_rootDelay->setText(formatSeconds(reference.rootDelay));
    m_rootDispersion->setText(formatSeconds(reference.rootDispersion));
    m_referenceTime->setText(reference.referenceTime ? formatUtcTime(*reference.referenceTime) : tr("Never"));
    m_precision->setText(
        tr("%1 (2^%2 s)").arg(formatSeconds(std::ldexp(1.0, reference.precision))).arg(reference.precision));
}

} // namespace s1
