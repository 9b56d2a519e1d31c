// Source selection and combining: which of the measured sources tell the true time, which one
// the clock follows, and the weighted estimate that the clock is steered by. The function of
// chrony's SRC_SelectSource() and combine_sources() (sources.c), written for this engine.
//
// Sans I/O and deterministic: the engine hands in the statistics of every source at the
// current time and gets states and an estimate back. The selector keeps only what chrony keeps
// between calls: the selected source, each source's reselection score, its "distant" penalty
// and whether it has a new sample since the reference was last updated. Sources are processed
// in id order whatever the order of the input, so equal inputs give equal outputs.
//
// Outline of one select() call (chrony's order):
//  1. per-source checks: noselect, unreachable, unsynchronised, synchronisation loop, too few
//     samples, root distance > maxdistance (all `?`), std dev > maxjitter (`~`);
//  2. at start-up, wait while sources polled in step with the usable ones are one sample short;
//  3. intersection: the point covered by the most intervals [offset - distance,
//     offset + distance] (trusted intervals first); no majority: everything left is `x`;
//  4. truechimers contain the agreed interval or lie inside it; the rest are `x` (or `?` when
//     they only disagree with the trusted sources); `require` and `minsources` are enforced;
//  5. `prefer` narrows the truechimers to the preferred ones (the others `-`);
//  6. the best one by stratum-weighted root distance is selected (`*`), with chrony's score
//     hysteresis against the current selection;
//  7. truechimers close enough in distance and frequency to the selected one are combined
//     (`+`), the others `-` for a while.
//
// Display decisions follow chrony 4.8's SRC_ReportSource(): `noselect` sources are `?`; with no
// majority every source that took part is `x` and the selection is dropped; when the
// truechimers are fewer than minsources (or include no `require` source) they are `-`, nothing
// is selected (chrony drops the last selection too) and the reason says why.
//
// Differences from chrony, on purpose:
//  - an unreachable source is never selectable (chrony keeps one whose newest sample is no
//    older than the oldest sample of the reachable sources);
//  - when the selected source drops out, its successor is the truechimer with the best
//    distance, not the one with the highest score left over from the old contest;
//  - sources are ranked in id order, so ties go to the lowest id whatever the input order;
//  - a source sending our own reference ID (a synchronisation loop) is not selectable;
//  - orphan mode (`local orphan`) is not handled here;
//  - the caller folds chrony's extra dispersion for sources without new samples into
//    rootDistance.
#pragma once

#include "ntp/NtpPacket.h"
#include "report/EngineSnapshot.h"

#include "config/EngineConfig.h"
#include "sources/TrackingEstimate.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace s1 {

// The directives' defaults (maxdistance, maxjitter, ...) live with the configuration model.
constexpr double kDefaultMaxClockError = 1e-6; // s/s (1 ppm), `maxclockerror`

// Bits of the reach register (chrony's SOURCE_REACH_BITS).
constexpr int kReachBits = 8;

// How the combined offset weighs the sources.
enum class OffsetWeighting : std::uint8_t {
    InverseDistance, // 1 / root distance: chrony's combine_sources()
    InverseVariance, // 1 / offset sd^2: optimal for independent noise, blind to asymmetry
};

struct SelectorConfig
{
    double maxDistance = kDefaultMaxDistance; // s
    double maxJitter = kDefaultMaxJitter;     // s
    int minSources = kDefaultMinSources;
    double combineLimit = kDefaultCombineLimit;
    double reselectDistance = kDefaultReselectDistance; // s
    double stratumWeight = kDefaultStratumWeight;       // s per stratum
    double maxClockError = kDefaultMaxClockError;       // s/s
    OffsetWeighting offsetWeighting = OffsetWeighting::InverseDistance;
    // The reference ID a server synchronised to us would send (our address's ID). A source
    // sending it is in a synchronisation loop with us and is not selectable. 0: no check.
    std::uint32_t localReferenceId = 0;
};

// The `server` options that steer selection (chrony.conf(5)).
struct SelectOptions
{
    bool prefer = false;   // selected in preference to any non-preferred truechimer
    bool noselect = false; // measured and shown, never selected or combined
    bool trust = false;    // assumed true: only another trusted source can outvote it
    bool require = false;  // nothing is selected unless a required source is a truechimer

    friend bool operator==(const SelectOptions &, const SelectOptions &) = default;
};

// One source as selection sees it: what it says about itself and its statistics at the
// current time.
struct SelectionCandidate
{
    std::uint32_t id = 0; // unique among the candidates of one call
    // The reference ID the source sends (whom it is synchronised to); loop detection.
    std::uint32_t referenceId = 0;
    int stratum = 0;
    LeapIndicator leap = LeapIndicator::None; // Unsynchronised: not selectable
    std::uint8_t reach = 0;                   // reach register, newest poll in bit 0; 0: unreachable
    int reachSize = kReachBits;               // polls the register has seen so far, at most kReachBits
    // Enough samples for usable statistics (chrony's select_ok: at least 3 samples).
    bool enoughSamples = false;
    // Reference clocks are not handicapped by the reselect distance (chrony: only NTP sources).
    bool referenceClock = false;
    SelectOptions options;

    double offset = 0; // s, estimated at now; positive: the source is ahead
    // s, half-width of the interval the true offset lies in: [offset - d, offset + d]
    // (root delay / 2 + root dispersion + the statistics' own dispersion, at now).
    double rootDistance = 0;
    double stdDev = 0; // s, of the offset estimate; compared with maxjitter
    // Frequency estimate and its error bound (s/s): sources whose frequency disagrees with the
    // selected source's are not combined.
    double frequency = 0;
    double skew = 0;
};

// Why a source has the state it has: chronyc's `selectdata` detail. toSourceState() gives the
// `sources` column.
enum class SelectionStatus : std::uint8_t {
    NoSelect,       // N  ?  `noselect` option
    Unreachable,    //    ?  reach register is zero
    Unsynchronised, // s  ?  leap 3 or stratum 16
    SyncLoop,       //    ?  synchronised to us (its reference ID is ours)
    BadStats,       // M  ?  not enough samples yet
    BadDistance,    // d  ?  root distance over maxdistance (or no valid interval)
    Jittery,        // ~  ~  std dev over maxjitter
    WaitsStats,     // w  ?  others polled in step still lack samples: selection postponed
    Untrusted,      // T  ?  agrees with the majority but not with the trusted sources
    Falseticker,    // x  x  outside the agreed interval, or no majority at all
    WaitsSources,   // W  -  truechimer, but too few of them or no required one
    NonPreferred,   // P  -  truechimer, but a `prefer` truechimer exists
    WaitsUpdate,    // U  -  truechimer; the best one has no new sample to select it with
    Distant,        // D  -  truechimer too far (distance or frequency) to be combined
    Combined,       // +  +
    Selected,       // *  *
};

SourceState toSourceState(SelectionStatus status);
// chronyc's `selectdata` letter ('N', 'M', 'x', '*'...); '?' for the two of our own.
char statusLetter(SelectionStatus status);

enum class NoSelectionReason : std::uint8_t {
    None,                // a source is selected
    NoSources,           // no candidates at all
    NoSelectableSources, // none passed the per-source checks, or none agreed
    WaitingForStats,     // start-up: waiting for sources one sample short
    NoMajority,          // no interval covered by more than half of the usable sources
    NoRequiredSource,    // no `require` source among the truechimers
    NotEnoughSources,    // fewer truechimers than minsources
    WaitingForUpdate,    // the best source has no sample since the last reference update
};

const char *toString(NoSelectionReason reason);

// The figures a status was decided by, as the selector compared them: what the explanation of
// a state quotes (SelectionExplanation), so that it never re-derives a decision.
struct SelectionEvidence
{
    // The source's figure and the limit it was held against (s unless noted):
    //  BadDistance: root distance vs maxdistance; Jittery: std dev vs maxjitter;
    //  Unsynchronised: stratum vs the stratum limit (16);
    //  Falseticker/Untrusted: offset vs its root distance (the agreed interval below);
    //  Falseticker without a majority: sources agreeing at best vs the number needed (counts);
    //  WaitsSources: truechimers vs minsources (counts; limit 0: no `require` source agrees);
    //  Distant: root distance vs the combine limit, or (frequencyTooFar) |frequency difference|
    //  vs its limit (s/s); Combined: selection distance vs the selected source's;
    //  Selected: selection distance vs the runner-up's (none: no other truechimer).
    std::optional<double> value;
    std::optional<double> limit;
    bool frequencyTooFar = false;
    bool noMajority = false; // Falseticker: no interval had a majority, everyone is one
    int penalty = 0;         // Distant: reference updates before it may be combined again
    // Falseticker/Untrusted: the interval the majority (or the trusted sources) agreed on, and
    // the sources whose intervals agreed with it, by id.
    double agreedLow = 0;
    double agreedHigh = 0;
    std::vector<std::uint32_t> agreeing;
    // Combined/Distant/Selected: how many truechimers there were.
    int truechimers = 0;

    friend bool operator==(const SelectionEvidence &, const SelectionEvidence &) = default;
};

struct SourceSelection
{
    std::uint32_t id = 0;
    SelectionStatus status = SelectionStatus::BadStats;
    double score = 1; // chrony's selection score (diagnostics)
    SelectionEvidence evidence;

    SourceState state() const { return toSourceState(status); }
    friend bool operator==(const SourceSelection &, const SourceSelection &) = default;
};

struct CombinedSource
{
    std::uint32_t id = 0;
    double weight = 0; // 1 / root distance, normalised: the weights sum to 1

    friend bool operator==(const CombinedSource &, const CombinedSource &) = default;
};

struct SelectionResult
{
    std::vector<SourceSelection> sources; // one per candidate, in input order
    std::optional<std::uint32_t> selectedId;
    std::vector<CombinedSource> combined; // the selected source first, then `+` by id
    NoSelectionReason reason = NoSelectionReason::NoSources;
    // The selected source has a sample the reference has not seen: update the clock now.
    // False while the selected source has nothing new (another source's sample changed only
    // the states), and whenever nothing is selected.
    bool updateReference = false;
    // Majority vote of the truechimers (the trusted ones if any): None, InsertSecond,
    // DeleteSecond. Unsynchronised when no truechimers were found.
    LeapIndicator leap = LeapIndicator::Unsynchronised;

    const SourceSelection *find(std::uint32_t id) const;
    // The state of `id`; Unusable for an id that was not a candidate.
    SourceState state(std::uint32_t id) const;

    friend bool operator==(const SelectionResult &, const SelectionResult &) = default;
};

// One source's tracking estimate at the current time, for combining.
struct CombineInput : TrackingEstimate
{
    std::uint32_t id = 0;
};

// The combined estimate: offset the weighted mean; offsetSd
// sqrt(sum w_i (sd_i^2 + (offset_i - selected offset)^2) / sum w_i), chrony's measure of both
// the estimates' noise and their disagreement; frequency weighted by 1 / frequency sd^2,
// frequencySd 1 / sqrt(sum 1 / sd_i^2), skew 1 / sqrt(sum 1 / skew_i^2); rootDelay and
// rootDispersion the selected source's, as chrony hands them to the reference (the reference's
// own dispersion grows by offsetSd and the time since the update).
struct CombinedEstimate : TrackingEstimate
{
    std::uint32_t selectedId = 0;
    int sourceCount = 0; // sources that went into the estimate

    friend bool operator==(const CombinedEstimate &, const CombinedEstimate &) = default;
};

class SourceSelector
{
public:
    // chrony's SCORE_LIMIT: the score another source must exceed to replace the selected one.
    static constexpr double kScoreLimit = 10.0;
    // chrony's DISTANT_PENALTY: reference updates a source stays uncombined after it was too
    // distant, or not selectable at all, while a source was selected.
    static constexpr int kDistantPenalty = 32;

    explicit SourceSelector(SelectorConfig config = {});

    const SelectorConfig &config() const { return m_config; }

    // Runs selection over `candidates` (every configured source, selectable or not).
    // `updatedId` is the source that has just got a new sample, if any (chrony's
    // updated_inst): scores move only when the selected source or the challenger has news,
    // and a source is only newly selected once it has a sample to update the reference with.
    // Sources absent from `candidates` are forgotten.
    SelectionResult select(const std::vector<SelectionCandidate> &candidates,
                           std::optional<std::uint32_t> updatedId = std::nullopt);

    // Combines the tracking estimates of result.combined (inputs of other ids are ignored).
    // nullopt when nothing is selected or the selected source has no input.
    std::optional<CombinedEstimate> combine(const SelectionResult &result,
                                            const std::vector<CombineInput> &inputs) const;

    std::optional<std::uint32_t> selectedId() const { return m_selected; }
    // Counts a new sample of source `id` without running selection (the engine holds the first
    // selection back until a round's replies are in); the next select() sees it as news.
    void noteSample(std::uint32_t id) { ++m_memory[id].updates; }
    // Drops the current selection (chrony's SRC_ReselectSource); the next select() picks the
    // best source afresh.
    void reselect() { m_selected.reset(); }
    // Forgets everything: selection, scores, penalties, pending updates.
    void reset();

private:
    struct Memory
    {
        double score = 1;
        int distant = 0;
        int updates = 0; // samples since the last reference update
    };
    struct Work;
    struct Pass;

    void remember(const std::vector<SelectionCandidate> &candidates, std::optional<std::uint32_t> updatedId);
    void checkSources(Pass &pass) const;
    bool waitForStats(const Pass &pass) const;
    bool findTruechimers(Pass &pass) const;
    void noteEvidence(Pass &pass) const;
    bool enoughTruechimers(Pass &pass) const;
    void voteLeap(Pass &pass) const;
    void applyPrefer(Pass &pass) const;
    double selectionDistance(const SelectionCandidate &c, int minStratum, bool handicap) const;
    std::size_t updateScores(Pass &pass, std::optional<std::uint32_t> updatedId);
    void markCombined(Pass &pass, bool runChecks);
    bool combinable(const SelectionCandidate &c, const SelectionCandidate &selected) const;
    // The selected source's distance the combine limit multiplies (with the reselect distance
    // for an NTP source).
    double combineDistance(const SelectionCandidate &selected) const;
    void unselect(Pass &pass, NoSelectionReason reason, std::optional<SelectionStatus> okStatus);
    SelectionResult finish(const Pass &pass) const;

    SelectorConfig m_config;
    std::optional<std::uint32_t> m_selected;
    std::map<std::uint32_t, Memory> m_memory;
};

} // namespace s1
