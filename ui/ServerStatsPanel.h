// What the NTP server has done with the requests it received.
#pragma once

#include <string>

#include "report/EngineSnapshot.h"

#include <QWidget>

class QLabel;

namespace s1 {

class ServerStatsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ServerStatsPanel(QWidget *parent = nullptr);

    // `ntpPort` 0 means the server is not serving.
    void showStats(const ServerStats &stats, std::uint16_t ntpPort, const std::string &serverError = {});

private:
    QLabel *m_servingPort;
    QLabel *m_packetsReceived;
    QLabel *m_repliesSent;
    QLabel *m_droppedTotal;
    QLabel *m_droppedMalformed;
    QLabel *m_droppedBadVersion;
    QLabel *m_droppedBadMode;
    QLabel *m_droppedDenied;
    QLabel *m_droppedOther;
    QLabel *m_droppedRateLimited;
    QLabel *m_droppedAuth;
    QLabel *m_authenticated;
    QLabel *m_kissOfDeathSent;
};

} // namespace s1
