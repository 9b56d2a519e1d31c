#include "sources/SelectionExplanation.h"

#include "text/NumberText.h"

#include <cmath>

namespace s1 {

namespace {

using Kind = SelectionReasonKind;

constexpr double kMicro = 1e-6;
constexpr double kMilli = 1e-3;
constexpr double kSecondsPerMinute = 60;
constexpr double kSecondsPerHour = 3600;
constexpr double kSecondsPerDay = 86400;
// Significant digits the reasons give a time with: enough to compare it with its limit.
constexpr int kTimeDecimals = 3;
constexpr double kPartsPerMillion = 1e6;

SelectionReason reason(Kind kind, std::string text, std::string fix = {})
{
    SelectionReason r;
    r.kind = kind;
    r.text = std::move(text);
    r.fix = std::move(fix);
    return r;
}

SelectionReason measured(Kind kind, std::optional<double> value, std::optional<double> limit, std::string unit,
                         std::string text, std::string fix = {})
{
    SelectionReason r = reason(kind, std::move(text), std::move(fix));
    r.value = value;
    r.limit = limit;
    r.unit = std::move(unit);
    return r;
}

std::string countText(double n)
{
    return std::to_string(std::llround(n));
}

std::string listText(const std::vector<std::string> &names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += i + 1 == names.size() ? " and " : ", ";
        out += names[i];
    }
    return out;
}

std::string plural(double n, const char *one, const char *many)
{
    return countText(n) + " " + (std::llround(n) == 1 ? one : many);
}

// The evidence's value and limit, or nullopt when the selector left them out.
struct Figures
{
    double value = 0;
    double limit = 0;
};
std::optional<Figures> figuresOf(const SelectionEvidence &e)
{
    if (!e.value || !e.limit)
        return std::nullopt;
    return Figures{*e.value, *e.limit};
}

const char *testName(SampleTestFailure::Test test)
{
    switch (test) {
    case SampleTestFailure::Test::MaxDelay:
        return "test A (maxdelay)";
    case SampleTestFailure::Test::Precision:
        return "test A (precision over maxdelay)";
    case SampleTestFailure::Test::ResponseTime:
        return "test A (server response time)";
    case SampleTestFailure::Test::MaxDelayRatio:
        return "test B (maxdelayratio)";
    case SampleTestFailure::Test::MaxDelayDevRatio:
        return "test C (maxdelaydevratio)";
    case SampleTestFailure::Test::DelayQuantile:
        return "test C (maxdelayquant)";
    }
    return "a sample test";
}

SelectionReason sampleTests(const SampleTestFailure &f)
{
    using Test = SampleTestFailure::Test;
    std::string figure;
    std::string fix;
    switch (f.test) {
    case Test::MaxDelay:
        figure = "round-trip delay " + secondsText(f.value) + " over maxdelay " + secondsText(f.limit);
        fix = "Raise `maxdelay` on its line, or use a server on a shorter or less loaded path.";
        break;
    case Test::Precision:
        figure = "the clocks' precision " + secondsText(f.value) + " over maxdelay " + secondsText(f.limit);
        fix = "Raise `maxdelay` on its line.";
        break;
    case Test::ResponseTime:
        figure = "the server took " + secondsText(f.value) + " to answer, more than " + secondsText(f.limit);
        fix = "The server is overloaded or broken: use another one.";
        break;
    case Test::MaxDelayRatio:
        figure = "delay " + secondsText(f.value) + " over " + secondsText(f.limit)
                 + " (the shortest delay seen times maxdelayratio)";
        fix = "The path is congested; raise `maxdelayratio` on its line if its delay varies that much normally.";
        break;
    case Test::MaxDelayDevRatio:
        figure = "extra delay " + secondsText(f.value) + " over " + secondsText(f.limit)
                 + " (its offset deviation times maxdelaydevratio)";
        fix = "The path's delay jumps; raise `maxdelaydevratio` on its line, or use a steadier path.";
        break;
    case Test::DelayQuantile:
        figure = "delay " + secondsText(f.value) + " over the maxdelayquant estimate " + secondsText(f.limit);
        fix = "Raise `maxdelayquant` on its line, or use a steadier path.";
        break;
    }
    return measured(Kind::FailsSampleTests, f.value, f.limit, "s",
                    std::string("Replies arrive but their samples fail ") + testName(f.test) + ": " + figure + ".",
                    fix);
}

SelectionReason pulseLock(const PulseLockProblem &p)
{
    using K = PulseLockProblem::Kind;
    switch (p.kind) {
    case K::NoLockUnsynchronised:
        return reason(Kind::PpsNoLock,
                      "A PPS only marks where a second starts; without `lock` it takes the second from the "
                      "engine's own time, and no other source has set that yet.",
                      "Add `lock REFID` (the refid of the GPS's NMEA/SOCK/SHM refclock) to the PPS line, or make "
                      "sure an NTP server or that refclock is selected first.");
    case K::NoLockTooUncertain:
        return measured(Kind::PpsNoLock, p.value, p.limit, "s",
                        "Without `lock` the PPS needs the engine's time good to half a pulse period: its root "
                        "distance is "
                            + secondsText(p.value.value_or(0)) + ", over " + secondsText(p.limit.value_or(0)) + ".",
                        "Add `lock REFID` (the GPS's time refclock) to the PPS line, or select a better source "
                        "first.");
    case K::LockMissing:
        return reason(Kind::PpsLockUnusable, "`lock " + p.lock + "` names no other refclock.",
                      "Set `lock` to the refid of the refclock that gives the GPS's time (e.g. NMEA).");
    case K::LockNoSample:
        return reason(Kind::PpsLockUnusable,
                      "The lock refclock " + p.lock + " has delivered no sample yet, so the pulses have no second.",
                      "Make " + p.lock + " deliver samples (see its own reason: cable, baud rate, fix).");
    case K::LockSampleTooOld:
        return measured(Kind::PpsLockUnusable, p.value, p.limit, "s",
                        "The lock refclock " + p.lock + "'s newest sample is " + secondsText(p.value.value_or(0))
                            + " old, over maxlockage (" + secondsText(p.limit.value_or(0)) + ").",
                        "Make " + p.lock + " deliver samples every second again, or raise `maxlockage`.");
    case K::LockDisagrees:
        return reason(Kind::PpsLockUnusable,
                      "The lock refclock " + p.lock + " puts the pulses too far from a whole second"
                          + (p.detail.empty() ? std::string() : " (" + p.detail + ")") + ".",
                      "Correct " + p.lock
                          + "'s `offset` (its sentence delay), so that it agrees with the pulse "
                            "within 0.4 s.");
    }
    return reason(Kind::PpsLockUnusable, "The pulses found no second.");
}

SelectionReason unreachable(const SelectionFacts &f)
{
    if (f.refclock) {
        std::string text = f.sinceLastSample ? "No sample from the driver for " + durationText(*f.sinceLastSample) + "."
                                             : std::string("No sample from the driver yet.");
        if (!f.driverStatus.empty())
            text += " Driver: " + f.driverStatus + ".";
        return measured(Kind::Unreachable, f.sinceLastSample, std::nullopt, f.sinceLastSample ? "s" : "", text,
                        "Check the receiver: cable, power, antenna and fix, and that the driver's device or "
                        "socket is the one the receiver writes to.");
    }
    // Not "port 123": the source's line may name another.
    const std::string fix = "Check that the server runs and answers NTP from here: its address and port, "
                            "a firewall, the network.";
    if (f.sinceLastSample)
        return measured(Kind::Unreachable, f.sinceLastSample, std::nullopt, "s",
                        "Unreachable: no usable reply for " + durationText(*f.sinceLastSample)
                            + " (none to the last 8 requests).",
                        fix);
    return measured(Kind::Unreachable, static_cast<double>(f.requestsSent), std::nullopt, "requests",
                    "Unreachable: no reply to any of "
                        + plural(static_cast<double>(f.requestsSent), "request", "requests") + " yet.",
                    fix);
}

// Replies arrive but none carries usable time: what they say instead.
SelectionReason refusedReplies(const SelectionFacts &f)
{
    if (f.stratum == 0 || f.stratum >= kNtpMaxStratum)
        return measured(Kind::StratumTooHigh, f.stratum, kNtpMaxStratum, "",
                        "It answers, with stratum " + countText(f.stratum)
                            + ": it has no time of its own to give (it is not synchronised).",
                        "Wait for that server to synchronise, or use another one.");
    if (f.leap == LeapIndicator::Unsynchronised)
        return reason(Kind::Unsynchronised, "It answers, but says it is not synchronised (leap indicator 3).",
                      "Wait for that server to synchronise (a GPS: until it has a fix), or use another one.");
    if (f.kissCode == "RATE")
        return reason(Kind::Unreachable, "It answers with kiss-o'-death RATE: we poll it faster than it allows.",
                      "Raise `minpoll` on its line (and drop `burst`).");
    if (f.kissCode == "DENY" || f.kissCode == "RSTR")
        return reason(Kind::Unreachable, "It answers with kiss-o'-death " + f.kissCode + ": it refuses to serve us.",
                      "Ask its operator for access, or use another server.");
    return reason(Kind::Unreachable, "It answers, but every reply is refused: " + f.lastRejectReason + ".",
                  "Check that it is an NTP server answering this host, or use another one.");
}

SelectionReason notEnoughSamples(const SelectionFacts &f)
{
    const int missing = f.samplesNeeded - f.samples;
    if (missing <= 0) {
        return measured(Kind::NotEnoughSamples, f.samples, f.samplesNeeded, "samples",
                        "Its " + plural(f.samples, "sample does", "samples do")
                            + " not fit a line yet (the regression was rejected).",
                        "Wait for more samples; if this lasts, its offsets jump (see its samples).");
    }
    // The next poll gives the first missing sample, each further one a whole interval later.
    const double eta = std::max(f.untilNextPoll, 0.0) + (missing * f.pollsPerSample - 1) * f.pollInterval;
    SelectionReason r = measured(
        Kind::NotEnoughSamples, f.samples, f.samplesNeeded, "samples",
        "Not enough samples yet: " + countText(f.samples) + " of " + countText(f.samplesNeeded)
            + " needed; ready in about " + durationText(eta) + " (polled every " + durationText(f.pollInterval) + ").",
        f.refclock ? "Wait." : "Wait; `iburst` on its line makes the first samples come within seconds.");
    return r;
}

SelectionReason falseticker(const SelectionFacts &f, const SelectionEvidence &e)
{
    const std::string agreeing = f.agreeingNames.empty() ? std::string("the other sources") : listText(f.agreeingNames);
    if (!figuresOf(e))
        return reason(Kind::Falseticker, "Falseticker: its time disagrees with " + agreeing + ".");
    const double offset = *e.value;
    const double errorBound = *e.limit;
    const double centre = (e.agreedLow + e.agreedHigh) / 2;
    // How far its interval misses the agreed one: the gap between them (0 when they only
    // partly overlap).
    const double gap = std::max({e.agreedLow - (offset + errorBound), (offset - errorBound) - e.agreedHigh, 0.0});
    const double apart = offset - centre;
    SelectionReason r = measured(
        Kind::Falseticker, apart, errorBound, "s",
        "Falseticker: its time is " + secondsText(std::abs(apart)) + (apart >= 0 ? " ahead of" : " behind") + " what "
            + agreeing + " agree on (within ±" + secondsText((e.agreedHigh - e.agreedLow) / 2) + "); its error bound ±"
            + secondsText(errorBound) + " misses that interval by " + secondsText(gap) + ".",
        "Check that source's own time (its GPS, its upstream servers) or remove it; with three or more other "
        "sources one wrong source is always outvoted.");
    return r;
}

SelectionReason fromEvidence(const SelectionFacts &f, const SourceSelection &s)
{
    const SelectionEvidence &e = s.evidence;
    const auto figures = figuresOf(e);
    switch (s.status) {
    case SelectionStatus::Selected: {
        std::string text = "Selected: the clock follows it. Its distance (root distance plus stratum weight) "
                           + (figures ? secondsText(figures->value) + " " : std::string()) + "is the best of "
                           + plural(e.truechimers, "agreeing source", "agreeing sources");
        if (e.value && e.limit)
            text += " (next best " + secondsText(*e.limit) + ")";
        return measured(Kind::Selected, e.value, e.limit, "s", text + ".");
    }
    case SelectionStatus::Combined:
        return measured(
            Kind::Combined, e.value, e.limit, "s",
            "Combined: agrees with the selected source"
                + (f.selectedName.empty() ? std::string() : " " + f.selectedName)
                + " and is averaged in; not selected itself because its distance "
                + (figures ? secondsText(figures->value) + " is over the selected one's " + secondsText(figures->limit)
                           : std::string("is not the best"))
                + ".",
            "Nothing to do. To follow it instead, add `prefer` to its line.");
    case SelectionStatus::Distant: {
        std::string text = "Agrees, but too far to be combined: ";
        if (figures && e.frequencyTooFar)
            text += "its frequency differs from the selected source's by "
                    + fixedText(figures->value * kPartsPerMillion, kTimeDecimals) + " ppm, over the limit "
                    + fixedText(figures->limit * kPartsPerMillion, kTimeDecimals) + " ppm";
        else if (figures)
            text += "its root distance " + secondsText(figures->value) + " is over " + secondsText(figures->limit)
                    + " (combinelimit times the selected source's)";
        else
            text += "its distance or frequency is too far from the selected source's";
        if (e.penalty > 0)
            text += "; it is left out for up to " + plural(e.penalty, "more clock update", "more clock updates");
        return measured(Kind::TooFar, e.value, e.limit, e.frequencyTooFar ? "s/s" : "s", text + ".",
                        "Nothing to do while the selected source is good. A closer or less loaded server gets "
                        "combined; `combinelimit` widens the limit.");
    }
    case SelectionStatus::NonPreferred:
        return measured(Kind::NotPreferred, e.value, e.limit, "s",
                        "Agrees, but a `prefer` source agrees too, and only preferred sources are used.",
                        "Remove `prefer` from the other source's line to let this one be combined.");
    case SelectionStatus::WaitsSources:
        if (e.limit && *e.limit == 0)
            return measured(Kind::TooFewSources, e.value, std::nullopt, "sources",
                            "Agrees, but no `require` source is among the agreeing ones, so nothing is selected.",
                            "Check the sources marked `require` (see their reasons), or remove `require`.");
        return measured(Kind::TooFewSources, e.value, e.limit, "sources",
                        "Agrees, but only "
                            + (figures ? plural(figures->value, "source agrees", "sources agree")
                                             + " where minsources needs " + countText(figures->limit)
                                       : std::string("too few sources agree"))
                            + ", so nothing is selected.",
                        "Add sources, or lower `minsources`.");
    case SelectionStatus::WaitsUpdate:
        return reason(Kind::WaitingForUpdate, "The best of the agreeing sources: it is selected with its next sample.");
    case SelectionStatus::WaitsStats:
        return reason(Kind::WaitingForOthers,
                      "Start-up: selection waits until the sources polled with it have their samples too.");
    case SelectionStatus::NoSelect:
        return reason(Kind::NoSelect, "The `noselect` option: measured and shown, never selected.",
                      "Remove `noselect` from its line to let it be selected.");
    case SelectionStatus::Unreachable:
        return unreachable(f);
    case SelectionStatus::Unsynchronised:
        if (f.stratum >= kNtpMaxStratum || (e.value && *e.value >= kNtpMaxStratum))
            return measured(Kind::StratumTooHigh, e.value.value_or(f.stratum), kNtpMaxStratum, "",
                            "Stratum " + countText(e.value.value_or(f.stratum))
                                + ": the source has no time of its own (it is not synchronised).",
                            "Wait for that server to synchronise, or use another one.");
        return reason(Kind::Unsynchronised, "The source says it is not synchronised (leap indicator 3).",
                      "Wait for that server to synchronise (a GPS: until it has a fix), or use another one.");
    case SelectionStatus::SyncLoop:
        return reason(Kind::SynchronisationLoop,
                      "It is synchronised to us (it sends our reference ID): following it would be a loop.",
                      "Do not let that server use this one as its source, or remove it here.");
    case SelectionStatus::BadStats:
        return notEnoughSamples(f);
    case SelectionStatus::BadDistance:
        return measured(Kind::DistanceTooLarge, e.value, e.limit, "s",
                        "Root distance "
                            + (figures
                                   ? secondsText(figures->value) + " over maxdistance " + secondsText(figures->limit)
                                   : std::string("over maxdistance"))
                            + " (half its root delay plus its root dispersion plus what its own samples add).",
                        "Use a closer or better synchronised server, or raise `maxdistance`.");
    case SelectionStatus::Jittery:
        return measured(Kind::TooVariable, e.value, e.limit, "s",
                        "Too variable: standard deviation "
                            + (figures ? secondsText(figures->value) + " over maxjitter " + secondsText(figures->limit)
                                       : std::string("over maxjitter"))
                            + ".",
                        "Use a steadier path or source, or raise `maxjitter`.");
    case SelectionStatus::Falseticker:
        if (e.noMajority && figures)
            return measured(Kind::NoMajority, e.value, e.limit, "sources",
                            "No majority: at best "
                                + plural(figures->value, "source's interval agrees", "sources' intervals agree") + ", "
                                + countText(figures->limit) + " needed; every source is treated as a falseticker.",
                            "Add sources: with three or more, one wrong source is outvoted.");
        return falseticker(f, e);
    case SelectionStatus::Untrusted:
        return measured(Kind::Untrusted, e.value, e.limit, "s",
                        "Agrees with the majority but not with the `trust` sources, which only other trusted "
                        "sources can outvote.",
                        "Check the trusted sources (their reasons), or remove `trust`.");
    }
    return reason(Kind::Unknown, "No reason known.");
}

bool tookPart(SelectionStatus status)
{
    switch (status) {
    case SelectionStatus::Selected:
    case SelectionStatus::Combined:
    case SelectionStatus::Distant:
    case SelectionStatus::NonPreferred:
    case SelectionStatus::WaitsSources:
    case SelectionStatus::WaitsUpdate:
    case SelectionStatus::Falseticker:
    case SelectionStatus::Untrusted:
    case SelectionStatus::Jittery:
    case SelectionStatus::BadDistance:
    case SelectionStatus::SyncLoop:
    case SelectionStatus::Unsynchronised:
        return true;
    case SelectionStatus::NoSelect:
    case SelectionStatus::Unreachable:
    case SelectionStatus::BadStats:
    case SelectionStatus::WaitsStats:
        return false;
    }
    return false;
}

} // namespace

std::string secondsText(double seconds)
{
    const double magnitude = std::abs(seconds);
    if (magnitude == 0)
        return "0 s";
    if (magnitude < kMicro)
        return fixedText(seconds / 1e-9, 0) + " ns";
    if (magnitude < kMilli)
        return fixedText(seconds / kMicro, 1) + " µs";
    if (magnitude < 1)
        return fixedText(seconds / kMilli, kTimeDecimals) + " ms";
    return fixedText(seconds, kTimeDecimals) + " s";
}

std::string durationText(double seconds)
{
    const auto total = std::llround(std::max(seconds, 0.0));
    const auto minute = static_cast<long long>(kSecondsPerMinute);
    const auto hour = static_cast<long long>(kSecondsPerHour);
    const auto day = static_cast<long long>(kSecondsPerDay);
    if (total < minute)
        return std::to_string(total) + " s";
    if (total < hour)
        return std::to_string(total / minute) + " min"
               + (total % minute ? " " + std::to_string(total % minute) + " s" : "");
    if (total < day)
        return std::to_string(total / hour) + " h"
               + (total % hour / minute ? " " + std::to_string(total % hour / minute) + " min" : "");
    return std::to_string(total / day) + " d"
           + (total % day / hour ? " " + std::to_string(total % day / hour) + " h" : "");
}

SelectionReason explainSelection(const SelectionFacts &f)
{
    if (f.driverFault)
        return reason(Kind::DriverFault, "The device cannot be used: " + f.driverStatus + ".",
                      "Check the device path in its `refclock` line and that the service's user may read it "
                      "(group dialout for serial ports, root or udev rules for /dev/pps*), then reload.");
    if (!f.neverSelectable.empty())
        return reason(Kind::NeverSelectable, "Never selected: " + f.neverSelectable + ".",
                      f.neverSelectableFix.empty()
                          ? "Remove the authentication option from its line, or use a source that needs none."
                          : f.neverSelectableFix);
    if (f.offline)
        return reason(Kind::Offline, "Taken offline: no requests are sent.",
                      "`stratumctl online` (or a reload) starts polling it again.");
    // It did not take part (or selection has not run yet): say what kept it out, the cause
    // before its consequence.
    const bool tookPartInSelection = f.selection && tookPart(f.selection->status);
    if (f.selection && (f.selection->status == SelectionStatus::NoSelect || tookPartInSelection))
        return fromEvidence(f, *f.selection);
    if (f.reach == 0 && f.pulses && f.lockProblem)
        return pulseLock(*f.lockProblem);
    // One request without an answer yet is a source starting, not an unreachable one.
    const bool unanswered = f.refclock || f.requestsSent > 1 || f.sinceLastSample.has_value();
    if (f.reach == 0 && !f.refclock && (!f.lastRejectReason.empty() || !f.kissCode.empty()))
        return refusedReplies(f);
    if (f.reach == 0 && unanswered)
        return unreachable(f);
    if (!f.selection) {
        if (f.samples < f.samplesNeeded)
            return notEnoughSamples(f);
        return reason(Kind::Unknown, "Selection has not looked at it yet.");
    }
    const SourceSelection &s = *f.selection;
    if (s.status == SelectionStatus::BadStats && f.testFailure)
        return sampleTests(*f.testFailure);
    if (s.status == SelectionStatus::BadStats && f.pulses && f.lockProblem)
        return pulseLock(*f.lockProblem);
    return fromEvidence(f, s);
}

} // namespace s1
