#include "ServerStatsPanel.h"

#include "DisplayFormat.h"
#include "ValueGroup.h"

#include <QLabel>
#include <QVBoxLayout>

namespace s1 {

ServerStatsPanel::ServerStatsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *group = new ValueGroup(tr("NTP server"), Qt::AlignRight, this);
    using Style = ValueGroup::RowStyle;
    m_servingPort = group->addRow(tr("Serving on"), QStringLiteral("servingPortValue"));
    m_packetsReceived = group->addRow(tr("Requests received"), QStringLiteral("packetsReceivedValue"));
    m_repliesSent = group->addRow(tr("Replies sent"), QStringLiteral("repliesSentValue"));
    // Replies, but no time: what `ratelimit ... kod` sends instead of some drops.
    m_kissOfDeathSent = group->addRow(tr("Rate kiss-o'-death"), QStringLiteral("kissOfDeathSentValue"), Style::Detail);
    m_authenticated = group->addRow(tr("Signed with a key"), QStringLiteral("authenticatedValue"), Style::Detail);
    m_droppedTotal = group->addRow(tr("Dropped"), QStringLiteral("droppedTotalValue"));
    m_droppedMalformed = group->addRow(tr("Malformed"), QStringLiteral("droppedMalformedValue"), Style::Detail);
    m_droppedBadVersion = group->addRow(tr("Bad version"), QStringLiteral("droppedBadVersionValue"), Style::Detail);
    m_droppedBadMode = group->addRow(tr("Bad mode"), QStringLiteral("droppedBadModeValue"), Style::Detail);
    m_droppedDenied = group->addRow(tr("Access denied"), QStringLiteral("droppedDeniedValue"), Style::Detail);
    m_droppedRateLimited = group->addRow(tr("Rate limited"), QStringLiteral("droppedRateLimitedValue"), Style::Detail);
    // A crypto-NAK goes back, but no time: counted with the drops.
    m_droppedAuth = group->addRow(tr("Bad key or MAC"), QStringLiteral("droppedAuthValue"), Style::Detail);
    m_droppedOther = group->addRow(tr("Other"), QStringLiteral("droppedOtherValue"), Style::Detail);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(group);
    layout->addStretch();
}

void ServerStatsPanel::showStats(const ServerStats &stats, std::uint16_t ntpPort, const std::string &serverError)
{
    if (ntpPort != 0)
        m_servingPort->setText(tr("UDP port %1").arg(ntpPort));
    else if (serverError.empty())
        m_servingPort->setText(tr("Not serving"));
    else
        // The reason matters most when the port is taken or needs privileges.
        m_servingPort->setText(tr("Not serving: %1").arg(QString::fromStdString(serverError)));
    m_servingPort->setWordWrap(true);
    m_packetsReceived->setText(formatCount(stats.packetsReceived));
    m_repliesSent->setText(formatCount(stats.repliesSent));
    m_kissOfDeathSent->setText(formatCount(stats.kissOfDeathSent));
    m_droppedTotal->setText(formatCount(stats.droppedTotal()));
    m_droppedMalformed->setText(formatCount(stats.droppedMalformed));
    m_droppedBadVersion->setText(formatCount(stats.droppedBadVersion));
    m_droppedBadMode->setText(formatCount(stats.droppedBadMode));
    m_droppedDenied->setText(formatCount(stats.droppedDenied));
    m_droppedRateLimited->setText(formatCount(stats.droppedRateLimited));
    m_droppedOther->setText(formatCount(stats.droppedOther));
    m_authenticated->setText(formatCount(stats.authenticatedRequests));
    m_droppedAuth->setText(formatCount(stats.droppedAuth));
}

} // namespace s1
