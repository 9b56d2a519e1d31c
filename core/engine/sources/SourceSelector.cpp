#include "sources/SourceSelector.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace s1 {

namespace {

// Floors that keep 1/x weights and score ratios finite for a zero input. Far below any real
// root distance (which includes the clock precision) or statistical deviation.
constexpr double kMinDistance = 1e-9;   // s
constexpr double kMinDeviation = 1e-12; // s or s/s

struct Interval
{
    double lo = 0;
    double hi = 0;

    bool contains(const Interval &other) const { return lo <= other.lo && hi >= other.hi; }
};

// One end of a source's interval.
struct Endpoint
{
    double offset = 0; // s
    int side = 0;      // -1: lower end, +1: upper end
    bool trusted = false;
};

// The outcome of the interval intersection (Marzullo's algorithm as chrony runs it).
struct Agreement
{
    int depth = 0;      // intervals covering the agreed interval
    int trustDepth = 0; // trusted intervals among them
    Interval agreed;
    Interval trusted; // the region covered by the most trusted intervals
};

// Sweeps the endpoints in offset order, lower ends first at equal offsets (intervals that only
// touch do agree), looking for the deepest point, trusted intervals counting first. Like
// chrony's, the agreed interval runs from the start of the first deepest region to the end of
// the last one when several regions are equally deep.
Agreement intersect(std::vector<Endpoint> endpoints)
{
    std::stable_sort(endpoints.begin(), endpoints.end(), [](const Endpoint &a, const Endpoint &b) {
        return a.offset < b.offset || (a.offset == b.offset && a.side < b.side);
    });
    Agreement best;
    int depth = 0;
    int trustDepth = 0;
    for (const Endpoint &e : endpoints) {
        if (e.side < 0) {
            ++depth;
            trustDepth += e.trusted ? 1 : 0;
            const bool moreTrusted = trustDepth > best.trustDepth;
            if (moreTrusted || (trustDepth == best.trustDepth && depth > best.depth)) {
                if (moreTrusted) {
                    best.trustDepth = trustDepth;
                    best.trusted.lo = e.offset;
                }
                best.depth = depth;
                best.agreed.lo = e.offset;
            }
        } else {
            if (trustDepth == best.trustDepth) {
                if (depth == best.depth)
                    best.agreed.hi = e.offset;
                best.trusted.hi = e.offset;
            }
            trustDepth -= e.trusted ? 1 : 0;
            --depth;
        }
    }
    return best;
}

bool synchronised(const SelectionCandidate &c)
{
    return c.leap != LeapIndicator::Unsynchronised && c.stratum < kNtpMaxStratum;
}

Interval intervalOf(const SelectionCandidate &c)
{
    return {c.offset - c.rootDistance, c.offset + c.rootDistance};
}

const CombineInput *findInput(const std::vector<CombineInput> &inputs, std::uint32_t id)
{
    const auto it = std::find_if(inputs.begin(), inputs.end(), [id](const CombineInput &in) { return in.id == id; });
    return it == inputs.end() ? nullptr : &*it;
}

double square(double x)
{
    return x * x;
}

double inverseSquare(double sd)
{
    return 1.0 / square(std::max(sd, kMinDeviation));
}

} // namespace

SourceState toSourceState(SelectionStatus status)
{
    switch (status) {
    case SelectionStatus::Jittery:
        return SourceState::TooVariable;
    case SelectionStatus::Falseticker:
        return SourceState::Falseticker;
    case SelectionStatus::WaitsSources:
    case SelectionStatus::NonPreferred:
    case SelectionStatus::WaitsUpdate:
    case SelectionStatus::Distant:
        return SourceState::NotCombined;
    case SelectionStatus::Combined:
        return SourceState::Combined;
    case SelectionStatus::Selected:
        return SourceState::Selected;
    case SelectionStatus::NoSelect:
    case SelectionStatus::Unreachable:
    case SelectionStatus::Unsynchronised:
    case SelectionStatus::SyncLoop:
    case SelectionStatus::BadStats:
    case SelectionStatus::BadDistance:
    case SelectionStatus::WaitsStats:
    case SelectionStatus::Untrusted:
        return SourceState::Unusable;
    }
    return SourceState::Unusable;
}

char statusLetter(SelectionStatus status)
{
    switch (status) {
    case SelectionStatus::NoSelect:
        return 'N';
    case SelectionStatus::Unsynchronised:
        return 's';
    case SelectionStatus::BadStats:
        return 'M';
    case SelectionStatus::BadDistance:
        return 'd';
    case SelectionStatus::Jittery:
        return '~';
    case SelectionStatus::WaitsStats:
        return 'w';
    case SelectionStatus::Untrusted:
        return 'T';
    case SelectionStatus::Falseticker:
        return 'x';
    case SelectionStatus::WaitsSources:
        return 'W';
    case SelectionStatus::NonPreferred:
        return 'P';
    case SelectionStatus::WaitsUpdate:
        return 'U';
    case SelectionStatus::Distant:
        return 'D';
    case SelectionStatus::Combined:
        return '+';
    case SelectionStatus::Selected:
        return '*';
    case SelectionStatus::Unreachable:
    case SelectionStatus::SyncLoop:
        return '?';
    }
    return '?';
}

const char *toString(NoSelectionReason reason)
{
    switch (reason) {
    case NoSelectionReason::None:
        return "source selected";
    case NoSelectionReason::NoSources:
        return "no sources";
    case NoSelectionReason::NoSelectableSources:
        return "no selectable sources";
    case NoSelectionReason::WaitingForStats:
        return "waiting for samples from other sources";
    case NoSelectionReason::NoMajority:
        return "no majority";
    case NoSelectionReason::NoRequiredSource:
        return "no required source in agreement";
    case NoSelectionReason::NotEnoughSources:
        return "not enough sources in agreement";
    case NoSelectionReason::WaitingForUpdate:
        return "waiting for a new sample";
    }
    return "unknown";
}

const SourceSelection *SelectionResult::find(std::uint32_t id) const
{
    const auto it = std::find_if(sources.begin(), sources.end(), [id](const SourceSelection &s) { return s.id == id; });
    return it == sources.end() ? nullptr : &*it;
}

SourceState SelectionResult::state(std::uint32_t id) const
{
    const SourceSelection *s = find(id);
    return s ? s->state() : SourceState::Unusable;
}

// One source during a select() call.
struct SourceSelector::Work
{
    const SelectionCandidate *candidate = nullptr;
    std::size_t inputIndex = 0;
    std::optional<SelectionStatus> status; // none yet: still in the running (chrony's SRC_OK)
    SelectionEvidence evidence;

    bool ok() const { return !status; }
    std::uint32_t id() const { return candidate->id; }
};

// The state of one select() call.
struct SourceSelector::Pass
{
    std::vector<Work> work; // by id
    bool requireConfigured = false;
    int badStats = 0;
    int maxBadStatReach = 0;
    int maxUsableReach = 0;
    int maxUsableReachSize = 0;
    NoSelectionReason reason = NoSelectionReason::None;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    bool updateReference = false;

    int countOk() const
    {
        return static_cast<int>(std::count_if(work.begin(), work.end(), [](const Work &w) { return w.ok(); }));
    }
    Work *find(std::uint32_t id)
    {
        const auto it = std::find_if(work.begin(), work.end(), [id](const Work &w) { return w.id() == id; });
        return it == work.end() ? nullptr : &*it;
    }
    void markOk(SelectionStatus status)
    {
        for (Work &w : work) {
            if (w.ok())
                w.status = status;
        }
    }
};

SourceSelector::SourceSelector(SelectorConfig config)
    : m_config(config)
{ }

void SourceSelector::reset()
{
    m_selected.reset();
    m_memory.clear();
}

SelectionResult SourceSelector::select(const std::vector<SelectionCandidate> &candidates,
                                       std::optional<std::uint32_t> updatedId)
{
    remember(candidates, updatedId);

    Pass pass;
    for (std::size_t i = 0; i < candidates.size(); ++i)
        pass.work.push_back({&candidates[i], i, std::nullopt, {}});
    std::stable_sort(pass.work.begin(), pass.work.end(), [](const Work &a, const Work &b) { return a.id() < b.id(); });

    if (pass.work.empty()) {
        unselect(pass, NoSelectionReason::NoSources, std::nullopt);
        return finish(pass);
    }
    checkSources(pass);
    if (waitForStats(pass)) {
        unselect(pass, NoSelectionReason::WaitingForStats, SelectionStatus::WaitsStats);
        return finish(pass);
    }
    if (pass.countOk() == 0) {
        unselect(pass, NoSelectionReason::NoSelectableSources, std::nullopt);
        return finish(pass);
    }
    if (!findTruechimers(pass)) {
        // chrony shows every source that took part as a falseticker.
        unselect(pass, NoSelectionReason::NoMajority, SelectionStatus::Falseticker);
        return finish(pass);
    }
    if (!enoughTruechimers(pass)) {
        unselect(pass, pass.reason, SelectionStatus::WaitsSources);
        return finish(pass);
    }
    voteLeap(pass);
    applyPrefer(pass);

    const std::size_t best = updateScores(pass, updatedId);
    const std::uint32_t bestId = pass.work[best].id();
    const bool challengerWins = m_selected && *m_selected != bestId && m_memory[bestId].score > kScoreLimit;
    if (!m_selected || challengerWins) {
        // A new source is selected only once it can update the reference.
        if (m_memory[bestId].updates == 0) {
            unselect(pass, NoSelectionReason::WaitingForUpdate, SelectionStatus::WaitsUpdate);
            return finish(pass);
        }
        m_selected = bestId;
        for (auto &[id, memory] : m_memory) {
            memory.score = 1;
            memory.distant = 0;
        }
    }
    pass.find(*m_selected)->status = SelectionStatus::Selected;

    // The reference follows the selected source: only its new samples update it.
    pass.updateReference = m_memory[*m_selected].updates > 0;
    if (pass.updateReference) {
        for (auto &[id, memory] : m_memory)
            memory.updates = 0;
    }
    markCombined(pass, pass.updateReference);
    noteEvidence(pass);
    pass.reason = NoSelectionReason::None;
    return finish(pass);
}

// Keeps the memory of the current candidates only, and counts the new sample.
void SourceSelector::remember(const std::vector<SelectionCandidate> &candidates, std::optional<std::uint32_t> updatedId)
{
    const auto present = [&candidates](std::uint32_t id) {
        return std::any_of(candidates.begin(), candidates.end(),
                           [id](const SelectionCandidate &c) { return c.id == id; });
    };
    std::erase_if(m_memory, [&present](const auto &entry) { return !present(entry.first); });
    if (m_selected && !present(*m_selected))
        m_selected.reset();
    for (const SelectionCandidate &c : candidates)
        m_memory.try_emplace(c.id);
    if (updatedId) {
        const auto it = m_memory.find(*updatedId);
        if (it != m_memory.end())
            ++it->second.updates;
    }
}

// Step 1: what each source is worth on its own. chrony's order of checks, so a source failing
// several shows the same status as in chronyc.
void SourceSelector::checkSources(Pass &pass) const
{
    for (Work &w : pass.work) {
        const SelectionCandidate &c = *w.candidate;
        pass.requireConfigured = pass.requireConfigured || c.options.require;
        const Interval interval = intervalOf(c);
        if (c.options.noselect) {
            w.status = SelectionStatus::NoSelect;
        } else if (!c.enoughSamples) {
            w.status = SelectionStatus::BadStats;
            ++pass.badStats;
            pass.maxBadStatReach = std::max<int>(pass.maxBadStatReach, c.reach);
        } else if (!synchronised(c)) {
            w.status = SelectionStatus::Unsynchronised;
            w.evidence.value = c.stratum;
            w.evidence.limit = kNtpMaxStratum;
        } else if (m_config.localReferenceId != 0 && c.referenceId == m_config.localReferenceId) {
            w.status = SelectionStatus::SyncLoop;
        } else if (!(c.rootDistance <= m_config.maxDistance && interval.lo <= interval.hi)
                   || !std::isfinite(c.offset)) {
            w.status = SelectionStatus::BadDistance;
            w.evidence.value = c.rootDistance;
            w.evidence.limit = m_config.maxDistance;
        } else if (!(c.stdDev <= m_config.maxJitter)) {
            w.status = SelectionStatus::Jittery;
            w.evidence.value = c.stdDev;
            w.evidence.limit = m_config.maxJitter;
        } else {
            pass.maxUsableReach = std::max<int>(pass.maxUsableReach, c.reach);
            pass.maxUsableReachSize = std::max(pass.maxUsableReachSize, c.reachSize);
            if (c.reach == 0)
                w.status = SelectionStatus::Unreachable;
        }
    }
}

// Step 2 (chrony): with nothing selected yet, wait while a source lacking samples has been
// polled as often as the usable ones minus one, i.e. is most likely one sample short. Servers
// started together then all take part in the first selection. Bounded: only until a usable
// source's reach register is full.
bool SourceSelector::waitForStats(const Pass &pass) const
{
    return pass.badStats > 0 && pass.countOk() > 0 && !m_selected && pass.maxUsableReachSize < kReachBits
           && (pass.maxUsableReach >> 1) == pass.maxBadStatReach;
}

// Steps 3 and 4: the intersection and the truechimers. False when there is no majority.
bool SourceSelector::findTruechimers(Pass &pass) const
{
    std::vector<Endpoint> endpoints;
    int usable = 0;
    int trustedUsable = 0;
    for (const Work &w : pass.work) {
        if (!w.ok())
            continue;
        const Interval interval = intervalOf(*w.candidate);
        const bool trusted = w.candidate->options.trust;
        endpoints.push_back({interval.lo, -1, trusted});
        endpoints.push_back({interval.hi, +1, trusted});
        ++usable;
        trustedUsable += trusted ? 1 : 0;
    }
    const Agreement agreement = intersect(std::move(endpoints));

    // More than half must agree: of the trusted sources if there are any in agreement.
    const bool trusting = agreement.trustDepth > 0;
    const int agreeing = trusting ? agreement.trustDepth : agreement.depth;
    const int voters = trusting ? trustedUsable : usable;
    if (agreeing <= voters / 2) {
        for (Work &w : pass.work) {
            if (w.ok()) {
                w.evidence.noMajority = true;
                w.evidence.value = agreeing;
                w.evidence.limit = voters / 2 + 1;
            }
        }
        return false;
    }

    // A truechimer's interval contains the agreed interval or lies inside it. With trusted
    // sources, the others must also lie inside the trusted region, so that they cannot pull
    // the combined offset out of it.
    std::vector<std::uint32_t> inAgreement;
    for (Work &w : pass.work) {
        if (!w.ok())
            continue;
        const Interval interval = intervalOf(*w.candidate);
        if (!interval.contains(agreement.agreed) && !agreement.agreed.contains(interval)) {
            w.status = SelectionStatus::Falseticker;
            w.evidence.agreedLow = agreement.agreed.lo;
            w.evidence.agreedHigh = agreement.agreed.hi;
        } else if (trusting && !w.candidate->options.trust && !agreement.trusted.contains(interval)) {
            w.status = SelectionStatus::Untrusted;
            w.evidence.agreedLow = agreement.trusted.lo;
            w.evidence.agreedHigh = agreement.trusted.hi;
        } else {
            inAgreement.push_back(w.id());
            continue;
        }
        w.evidence.value = w.candidate->offset;
        w.evidence.limit = w.candidate->rootDistance;
    }
    for (Work &w : pass.work) {
        if (w.status == SelectionStatus::Falseticker || w.status == SelectionStatus::Untrusted)
            w.evidence.agreeing = inAgreement;
    }
    return true;
}

// Step 4 continued: `require` and `minsources`. Sets pass.reason when it fails.
bool SourceSelector::enoughTruechimers(Pass &pass) const
{
    int truechimers = 0;
    bool requiredAgrees = false;
    for (const Work &w : pass.work) {
        if (!w.ok())
            continue;
        ++truechimers;
        requiredAgrees = requiredAgrees || w.candidate->options.require;
    }
    if (truechimers == 0)
        pass.reason = NoSelectionReason::NoSelectableSources;
    else if (pass.requireConfigured && !requiredAgrees)
        pass.reason = NoSelectionReason::NoRequiredSource;
    else if (truechimers < m_config.minSources)
        pass.reason = NoSelectionReason::NotEnoughSources;
    else
        return true;
    for (Work &w : pass.work) {
        if (!w.ok())
            continue;
        w.evidence.value = truechimers;
        w.evidence.limit = pass.reason == NoSelectionReason::NoRequiredSource ? 0 : m_config.minSources;
    }
    return false;
}

// The leap second the truechimers announce (only the trusted ones vote if there are any):
// accepted when more than half of the voters agree.
void SourceSelector::voteLeap(Pass &pass) const
{
    const bool trusting = std::any_of(pass.work.begin(), pass.work.end(),
                                      [](const Work &w) { return w.ok() && w.candidate->options.trust; });
    int votes = 0;
    int insert = 0;
    int remove = 0;
    for (const Work &w : pass.work) {
        if (!w.ok() || (trusting && !w.candidate->options.trust))
            continue;
        ++votes;
        insert += w.candidate->leap == LeapIndicator::InsertSecond ? 1 : 0;
        remove += w.candidate->leap == LeapIndicator::DeleteSecond ? 1 : 0;
    }
    if (insert > votes / 2)
        pass.leap = LeapIndicator::InsertSecond;
    else if (remove > votes / 2)
        pass.leap = LeapIndicator::DeleteSecond;
    else
        pass.leap = LeapIndicator::None;
}

// Step 5: preferred truechimers, if any, are the only ones left in the running.
void SourceSelector::applyPrefer(Pass &pass) const
{
    const bool anyPreferred = std::any_of(pass.work.begin(), pass.work.end(),
                                          [](const Work &w) { return w.ok() && w.candidate->options.prefer; });
    if (!anyPreferred)
        return;
    for (Work &w : pass.work) {
        if (w.ok() && !w.candidate->options.prefer)
            w.status = SelectionStatus::NonPreferred;
    }
}

// The distance sources are ranked by: root distance plus stratumweight per stratum above the
// lowest among the candidates, plus the reselect distance for a challenger (NTP sources only).
double SourceSelector::selectionDistance(const SelectionCandidate &c, int minStratum, bool handicap) const
{
    double distance = c.rootDistance + (c.stratum - minStratum) * m_config.stratumWeight;
    if (handicap && !c.referenceClock)
        distance += m_config.reselectDistance;
    return std::max(distance, kMinDistance);
}

// Step 6: chrony's scores. With nothing selected, a source's score is 1/distance. Against a
// selected source, a challenger's score is multiplied by (selected's distance / its own
// handicapped distance) each time either has a new sample, never below 1: a source that is
// better by more than the reselect distance replaces the selected one once its score passes
// kScoreLimit, i.e. after repeatedly being better. Returns the index of the best score
// (the lowest id among equals).
//
// Unlike chrony, a selected source that is no longer in the running is dropped before the
// scores are computed, so its successor is the source with the best distance rather than the
// one with the best stale score.
std::size_t SourceSelector::updateScores(Pass &pass, std::optional<std::uint32_t> updatedId)
{
    int minStratum = kNtpMaxStratum;
    for (const Work &w : pass.work) {
        if (w.ok())
            minStratum = std::min(minStratum, w.candidate->stratum);
    }
    std::optional<double> selectedDistance;
    if (m_selected) {
        const Work *selected = pass.find(*m_selected);
        if (selected && selected->ok())
            selectedDistance = selectionDistance(*selected->candidate, minStratum, false);
        else
            m_selected.reset();
    }
    const bool selectedUpdated = m_selected && updatedId == m_selected;

    std::optional<std::size_t> best;
    double bestScore = 0;
    for (std::size_t i = 0; i < pass.work.size(); ++i) {
        const Work &w = pass.work[i];
        Memory &memory = m_memory[w.id()];
        if (!w.ok()) {
            memory.score = 1;
            memory.distant = kDistantPenalty;
            continue;
        }
        const double distance = selectionDistance(*w.candidate, minStratum, true);
        if (!selectedDistance)
            memory.score = 1.0 / distance;
        else if (selectedUpdated || updatedId == w.id())
            memory.score = std::max(1.0, memory.score * *selectedDistance / distance);
        if (!best || memory.score > bestScore) {
            best = i;
            bestScore = memory.score;
        }
    }
    return *best; // enoughTruechimers() left at least one source in the running
}

// Whether a truechimer is close enough to the selected source to be combined with it: root
// distance within combinelimit times the selected one's (with the reselect distance), and
// frequency within combinelimit times the sum of both skews and maxclockerror.
bool SourceSelector::combinable(const SelectionCandidate &c, const SelectionCandidate &selected) const
{
    const double selectedDistance = combineDistance(selected);
    const double frequencyLimit = m_config.combineLimit * (selected.skew + c.skew + m_config.maxClockError);
    return !(c.rootDistance > m_config.combineLimit * selectedDistance
             || std::abs(selected.frequency - c.frequency) > frequencyLimit);
}

// Step 7: the remaining truechimers are combined unless they are distant. A source found too
// far away stays uncombined for kDistantPenalty reference updates (1 while its reach register
// is not full yet, as in chrony); the checks run only when the reference is updated, in
// between the sources keep their standing.
void SourceSelector::markCombined(Pass &pass, bool runChecks)
{
    const SelectionCandidate &selected = *pass.find(*m_selected)->candidate;
    for (Work &w : pass.work) {
        if (!w.ok())
            continue;
        Memory &memory = m_memory[w.id()];
        if (runChecks) {
            if (!combinable(*w.candidate, selected))
                memory.distant = w.candidate->reachSize >= kReachBits ? kDistantPenalty : 1;
            else if (memory.distant > 0)
                --memory.distant;
        }
        w.status = memory.distant > 0 ? SelectionStatus::Distant : SelectionStatus::Combined;
        if (w.status == SelectionStatus::Distant) {
            // The figures of the check, as they stand now (the penalty may outlast them).
            const double distanceLimit = m_config.combineLimit * combineDistance(selected);
            const double frequencyLimit =
                m_config.combineLimit * (selected.skew + w.candidate->skew + m_config.maxClockError);
            const double frequencyGap = std::abs(selected.frequency - w.candidate->frequency);
            w.evidence.frequencyTooFar = !(w.candidate->rootDistance > distanceLimit) && frequencyGap > frequencyLimit;
            w.evidence.value = w.evidence.frequencyTooFar ? frequencyGap : w.candidate->rootDistance;
            w.evidence.limit = w.evidence.frequencyTooFar ? frequencyLimit : distanceLimit;
            w.evidence.penalty = memory.distant;
        }
    }
}

double SourceSelector::combineDistance(const SelectionCandidate &selected) const
{
    return selected.rootDistance + (selected.referenceClock ? 0.0 : m_config.reselectDistance);
}

// The figures of the winner and the truechimers that did not win: selection distances as the
// ranking compared them (stratum-weighted, without the challenger's handicap).
void SourceSelector::noteEvidence(Pass &pass) const
{
    int minStratum = kNtpMaxStratum;
    int truechimers = 0;
    for (const Work &w : pass.work) {
        if (w.status == SelectionStatus::Selected || w.status == SelectionStatus::Combined
            || w.status == SelectionStatus::Distant || w.status == SelectionStatus::NonPreferred) {
            minStratum = std::min(minStratum, w.candidate->stratum);
            ++truechimers;
        }
    }
    const Work *selected = m_selected ? pass.find(*m_selected) : nullptr;
    if (!selected)
        return;
    const double selectedDistance = selectionDistance(*selected->candidate, minStratum, false);
    std::optional<double> runnerUp;
    for (Work &w : pass.work) {
        w.evidence.truechimers = truechimers;
        if (w.status == SelectionStatus::Combined || w.status == SelectionStatus::NonPreferred) {
            const double distance = selectionDistance(*w.candidate, minStratum, false);
            w.evidence.value = distance;
            w.evidence.limit = selectedDistance;
        }
        if (w.status == SelectionStatus::Combined || w.status == SelectionStatus::Distant) {
            const double distance = selectionDistance(*w.candidate, minStratum, false);
            runnerUp = runnerUp ? std::min(*runnerUp, distance) : distance;
        }
    }
    for (Work &w : pass.work) {
        if (w.status == SelectionStatus::Selected) {
            w.evidence.value = selectedDistance;
            w.evidence.limit = runnerUp;
        }
    }
}

void SourceSelector::unselect(Pass &pass, NoSelectionReason reason, std::optional<SelectionStatus> okStatus)
{
    m_selected.reset();
    pass.reason = reason;
    if (okStatus)
        pass.markOk(*okStatus);
}

SelectionResult SourceSelector::finish(const Pass &pass) const
{
    SelectionResult result;
    result.sources.resize(pass.work.size());
    for (const Work &w : pass.work) {
        const auto memory = m_memory.find(w.id());
        result.sources[w.inputIndex] = {w.id(), w.status.value_or(SelectionStatus::WaitsSources),
                                        memory == m_memory.end() ? 1.0 : memory->second.score, w.evidence};
    }
    result.reason = pass.reason;
    result.updateReference = pass.updateReference;
    if (pass.reason != NoSelectionReason::None)
        return result;

    result.selectedId = m_selected;
    result.leap = pass.leap;
    const auto weightOf = [](const Work &w) { return 1.0 / std::max(w.candidate->rootDistance, kMinDistance); };
    for (const Work &w : pass.work) {
        if (w.status == SelectionStatus::Selected)
            result.combined.insert(result.combined.begin(), {w.id(), weightOf(w)});
        else if (w.status == SelectionStatus::Combined)
            result.combined.push_back({w.id(), weightOf(w)});
    }
    const double total = std::accumulate(result.combined.begin(), result.combined.end(), 0.0,
                                         [](double sum, const CombinedSource &s) { return sum + s.weight; });
    for (CombinedSource &s : result.combined)
        s.weight /= total;
    return result;
}

// chrony's combine_sources(): the offset is the weighted mean of the combined sources (weights
// per config: 1/root distance like chrony, or 1/offset variance), the frequency the mean
// weighted by 1/frequency variance; the errors combine as independent estimates. A lone
// selected source passes through unchanged.
std::optional<CombinedEstimate> SourceSelector::combine(const SelectionResult &result,
                                                        const std::vector<CombineInput> &inputs) const
{
    if (!result.selectedId)
        return std::nullopt;
    const CombineInput *selected = findInput(inputs, *result.selectedId);
    if (!selected)
        return std::nullopt;

    CombinedEstimate estimate{*selected, selected->id, 1};

    int count = 0;
    double sumOffsetWeight = 0;
    double sumOffset = 0;
    double sumSquares = 0;
    double sumFrequencyWeight = 0;
    double sumFrequency = 0;
    double sumInverseSkew2 = 0;
    for (const CombinedSource &source : result.combined) {
        const CombineInput *in = findInput(inputs, source.id);
        if (!in)
            continue;
        const double offsetWeight =
            m_config.offsetWeighting == OffsetWeighting::InverseDistance ? source.weight : inverseSquare(in->offsetSd);
        const double frequencyWeight = inverseSquare(in->frequencySd);
        sumOffsetWeight += offsetWeight;
        sumOffset += offsetWeight * in->offset;
        sumSquares += offsetWeight * (square(in->offsetSd) + square(in->offset - selected->offset));
        sumFrequencyWeight += frequencyWeight;
        sumFrequency += frequencyWeight * in->frequency;
        sumInverseSkew2 += inverseSquare(in->skew);
        ++count;
    }
    if (count <= 1)
        return estimate;

    estimate.sourceCount = count;
    estimate.offset = sumOffset / sumOffsetWeight;
    estimate.offsetSd = std::sqrt(sumSquares / sumOffsetWeight);
    estimate.frequency = sumFrequency / sumFrequencyWeight;
    estimate.frequencySd = 1.0 / std::sqrt(sumFrequencyWeight);
    estimate.skew = 1.0 / std::sqrt(sumInverseSkew2);
    return estimate;
}

} // namespace s1
