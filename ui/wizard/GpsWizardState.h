// What the GPS wizard's pages decide, handed from one page to the next: each page reads what
// earlier pages chose and records its own choice when the user moves on.
#pragma once

#include "gps/ReceiverProbe.h"

#include <QString>

#include <optional>

namespace s1 {

struct GpsWizardState
{
    QString port;                             // serial device path
    std::optional<ReceiverFindings> findings; // what the detect page found (its speed included)
    QString ppsDevice;                        // empty: no PPS
    QString configPath;                       // the chrony.conf to write
    QString deviceDirectory;                  // where to look for ports and PPS devices (/dev)
};

} // namespace s1
