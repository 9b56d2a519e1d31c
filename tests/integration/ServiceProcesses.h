// The processes of a service test: a plain host serving time on loopback and the
// `stratumone --service` under test, their ports and files, stopped (bounded) on destruction.
// Tests add the configurations they need around it.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace s1test {

struct ServiceProcesses
{
    QTemporaryDir dir;
    QProcess server; // the plain host the service polls
    QProcess service;
    quint16 serverPort = 0;
    quint16 servicePort = 0;
    QString socketPath;
    QString configPath;

    ServiceProcesses() = default;
    ServiceProcesses(const ServiceProcesses &) = delete;
    ServiceProcesses &operator=(const ServiceProcesses &) = delete;
    // The service is killed (a test may have left it hung), the server asked to stop.
    ~ServiceProcesses();
};

} // namespace s1test
