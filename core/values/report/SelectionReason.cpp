#include "report/SelectionReason.h"

namespace s1 {

const char *toString(SelectionReasonKind kind)
{
    switch (kind) {
    case SelectionReasonKind::Unknown:
        return "unknown";
    case SelectionReasonKind::Selected:
        return "selected";
    case SelectionReasonKind::Combined:
        return "combined";
    case SelectionReasonKind::TooFar:
        return "too-far";
    case SelectionReasonKind::NotPreferred:
        return "not-preferred";
    case SelectionReasonKind::TooFewSources:
        return "too-few-sources";
    case SelectionReasonKind::WaitingForUpdate:
        return "waiting-for-update";
    case SelectionReasonKind::WaitingForOthers:
        return "waiting-for-others";
    case SelectionReasonKind::NoSelect:
        return "noselect";
    case SelectionReasonKind::NeverSelectable:
        return "never-selectable";
    case SelectionReasonKind::Offline:
        return "offline";
    case SelectionReasonKind::DriverFault:
        return "driver-fault";
    case SelectionReasonKind::Unreachable:
        return "unreachable";
    case SelectionReasonKind::FailsSampleTests:
        return "fails-sample-tests";
    case SelectionReasonKind::NotEnoughSamples:
        return "not-enough-samples";
    case SelectionReasonKind::Unsynchronised:
        return "unsynchronised";
    case SelectionReasonKind::StratumTooHigh:
        return "stratum-too-high";
    case SelectionReasonKind::SynchronisationLoop:
        return "synchronisation-loop";
    case SelectionReasonKind::DistanceTooLarge:
        return "distance-too-large";
    case SelectionReasonKind::TooVariable:
        return "too-variable";
    case SelectionReasonKind::Falseticker:
        return "falseticker";
    case SelectionReasonKind::NoMajority:
        return "no-majority";
    case SelectionReasonKind::Untrusted:
        return "untrusted";
    case SelectionReasonKind::PpsNoLock:
        return "pps-no-lock";
    case SelectionReasonKind::PpsLockUnusable:
        return "pps-lock-unusable";
    }
    return "unknown";
}

} // namespace s1
