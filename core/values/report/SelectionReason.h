// Why a source has the selection state it has, in words a user can act on: the kind of reason,
// the number that decided it (with the limit it was held against, both in `unit`), a sentence,
// and what to do about it. The engine writes it from its selection's own figures at every
// snapshot (core/engine/sources/SelectionExplanation); the window, the JSON and `stratumctl why`
// only show it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace s1 {

enum class SelectionReasonKind : std::uint8_t {
    Unknown,             // selection has not looked at the source yet
    Selected,            // *: the clock follows it
    Combined,            // +: a truechimer averaged in, not the best
    TooFar,              // -: a truechimer, but too far (distance or frequency) from the selected one
    NotPreferred,        // -: a `prefer` truechimer exists
    TooFewSources,       // -: a truechimer, but fewer than minsources agree or no `require` one does
    WaitingForUpdate,    // -: the best truechimer waits for its next sample to be selected
    WaitingForOthers,    // ?: start-up, selection waits for the other sources' samples
    NoSelect,            // ?: the `noselect` option
    NeverSelectable,     // ?: authentication we cannot provide
    Offline,             // ?: taken offline: no requests are sent
    DriverFault,         // ?: the refclock's device cannot be used
    Unreachable,         // ?: the reach register is zero
    FailsSampleTests,    // ?: its replies arrive but fail maxdelay / maxdelayratio / maxdelaydevratio
    NotEnoughSamples,    // ?: too few samples yet
    Unsynchronised,      // ?: the source says it is unsynchronised (leap 3)
    StratumTooHigh,      // ?: stratum 16 (the source has no time of its own)
    SynchronisationLoop, // ?: the source is synchronised to us
    DistanceTooLarge,    // ?: root distance over maxdistance
    TooVariable,         // ~: standard deviation over maxjitter
    Falseticker,         // x: outside the interval the majority agrees on
    NoMajority,          // x: no interval covered by more than half of the sources
    Untrusted,           // ?: agrees with the majority, not with the `trust` sources
    PpsNoLock,           // ?: a PPS without `lock` waits for the engine's own time
    PpsLockUnusable,     // ?: the `lock` refclock of a PPS has no usable sample
};

// A stable lower-case name for the kind ("falseticker", "not-enough-samples"), the JSON's.
const char *toString(SelectionReasonKind kind);

struct SelectionReason
{
    SelectionReasonKind kind = SelectionReasonKind::Unknown;
    std::optional<double> value; // the number that decided it, in `unit`
    std::optional<double> limit; // what `value` was held against, in `unit`
    std::string unit;            // "s", "samples", "sources", "requests" or empty
    std::string text;            // the reason in a sentence
    std::string fix;             // what to do about it; empty when nothing needs doing

    friend bool operator==(const SelectionReason &, const SelectionReason &) = default;
};

} // namespace s1
