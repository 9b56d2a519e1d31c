// What a source is and how selection treats it: shared by the engine snapshot, chronyc's
// `sources` report and the window, so that each state has one name from engine to screen.
#pragma once

#include <cstdint>

namespace s1 {

// chronyc's "M" column: '^' server, '=' peer, '#' local reference clock.
enum class SourceKind : std::uint8_t { Server, Peer, RefClock };

// chronyc's "S" column. chrony's report has exactly these six states (its selectdata report has
// more, derived from this state and the source's other figures: SelectDataRow::state).
enum class SourceState : std::uint8_t {
    Unusable,    // ?  not reachable, unsynchronised, or not measured yet
    Selected,    // *
    Combined,    // +
    NotCombined, // -
    Falseticker, // x
    TooVariable, // ~
};

} // namespace s1
