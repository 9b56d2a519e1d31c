// Why a source has its selection state, in words with the number that decided it and what to do:
// the SelectionReason every snapshot carries per source. A pure function of the facts the
// engine hands in: the selector's verdict with its own figures (SelectionEvidence), the sample
// tests' last failure, the PPS pairing's last refusal, and the source's reach and poll
// schedule; it decides nothing anew, it only picks the most telling of them and says it.
//
// Order, most fundamental first: a fault or option that rules the source out whatever it
// measures (driver fault, authentication, offline, noselect), then the selection's own verdict
// when the source took part (selected, combined, too far, ...), then what kept it from taking
// part: no reach (a PPS whose pulses found no second first), failed sample tests, too few
// samples (with an ETA), and the per-source checks.
#pragma once

#include "ntp/NtpTypes.h"
#include "refclock/PulseLockProblem.h"
#include "report/SelectionReason.h"
#include "sources/SampleTests.h"
#include "sources/SourceSelector.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

struct SelectionFacts
{
    bool refclock = false;
    bool pulses = false; // a PPS refclock (or one with `pps`): its seconds come from elsewhere
    // The last selection's verdict for the source; none before selection first ran.
    std::optional<SourceSelection> selection;
    std::uint8_t reach = 0;
    LeapIndicator leap = LeapIndicator::None;
    int stratum = 0;
    std::uint64_t requestsSent = 0;        // NTP sources
    std::optional<double> sinceLastSample; // s since its last accepted sample; none: never
    bool offline = false;
    std::string neverSelectable;    // why authentication rules it out; empty otherwise
    std::string neverSelectableFix; // what to do about it; empty: the authentication option's fix
    bool driverFault = false;
    std::string driverStatus;
    // NTP: why the newest reply was refused (NtpSource's words) and a kiss-o'-death code: a
    // server that answers with no usable time leaves the reach register at zero too.
    std::string lastRejectReason;
    std::string kissCode;
    std::optional<SampleTestFailure> testFailure; // the newest reply's sample failed a test
    std::optional<PulseLockProblem> lockProblem;  // the newest pulse found no second
    int samples = 0;                              // in its statistics
    int samplesNeeded = 1;                        // before it may take part
    double untilNextPoll = 0;                     // s
    double pollInterval = 0;                      // s
    int pollsPerSample = 1;                       // `filter N`: N polls give one sample
    // Names for the ids the evidence mentions: the selected source and the agreeing ones.
    std::string selectedName;
    std::vector<std::string> agreeingNames;
};

SelectionReason explainSelection(const SelectionFacts &facts);

// "1.234 ms", "850 ns", "2.50 s": a time in the unit that reads best, for the reasons' words.
std::string secondsText(double seconds);
// "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h".
std::string durationText(double seconds);

} // namespace s1
