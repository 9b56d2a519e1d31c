// Small helpers the widget tests share: where screenshots go, which message box is open, a label's
// text, and a snapshot of a server synchronised to one source.
#pragma once

#include "report/EngineSnapshot.h"

#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QString>
#include <QWidget>

namespace s1::test {

// S1_SCREENSHOT_DIR when set (to collect the pictures for docs/), else the build tree.
inline QString screenshotPath(const QString &name)
{
    const QString dir = qEnvironmentVariableIsSet("S1_SCREENSHOT_DIR") ? qEnvironmentVariable("S1_SCREENSHOT_DIR")
                                                                       : QStringLiteral(S1_BINARY_DIR);
    return QDir(dir).filePath(name);
}

// The open one of `window`'s message boxes called `name`: a closed box may linger until its
// deferred deletion.
inline QMessageBox *openBox(const QWidget &window, const char *name)
{
    for (QMessageBox *box : window.findChildren<QMessageBox *>(QLatin1String(name))) {
        if (box->isVisible())
            return box;
    }
    return nullptr;
}

// The text of `window`'s label called `name`, or words saying it is missing.
inline QString labelText(const QWidget &window, const char *name)
{
    const auto *label = window.findChild<QLabel *>(QLatin1String(name));
    return label ? label->text() : QStringLiteral("<missing %1>").arg(QLatin1String(name));
}

// A service synchronised to one server (ntp1.example.net, stratum 1, selected, reach 377), its
// last reply 12 s before the snapshot of 2024-05-01 12:34:56 UTC.
inline EngineSnapshot snapshotSynchronisedToOneServer()
{
    constexpr std::int64_t kSnapshotNanos = 1'714'566'896'000'000'000;
    EngineSnapshot snapshot;
    snapshot.time = realTimeFromNanos(kSnapshotNanos);
    snapshot.ntpPort = 11123;
    snapshot.reference.synchronised = true;
    snapshot.reference.stratum = 2;
    snapshot.reference.referenceId = 0xC0000201;
    snapshot.reference.referenceName = "ntp1.example.net";
    snapshot.reference.leap = LeapIndicator::None;
    SourceSnapshot source;
    source.id = 1;
    source.name = "ntp1.example.net";
    source.address = SocketAddress{IpAddress::v4(0xC0000201), 123};
    source.state = SourceState::Selected;
    source.stratum = 1;
    source.poll = 6;
    source.reach = 0377;
    source.lastRx = snapshot.time - std::chrono::seconds(12);
    source.lastSample = SourceSample{*source.lastRx, -13e-6, 1.2e-3, 30e-6, 2};
    snapshot.sources = {source};
    return snapshot;
}

} // namespace s1::test
