#include "alarms/AlarmMonitor.h"

#include "text/NumberText.h"

#include <algorithm>

namespace s1 {

namespace {

// What to do about a step, by who made it.
constexpr const char *kOwnStepFix =
    "A step at start is what `makestep` is for. A later one means the sources were lost for long or "
    "one of them jumped: see the other alarms and `stratumctl tracking`. Programs may have seen time "
    "jump.";
constexpr const char *kExternalStepFix =
    "Find what set the clock (`date -s`, another NTP daemon such as systemd-timesyncd or ntpd, a virtual "
    "machine's host syncing its guests) and stop it: two programs steering one clock fight. Programs may have "
    "seen time jump; `stratumctl tracking` shows the correction.";

// The reach register's newest `polls` bits.
constexpr std::uint8_t newestPolls(unsigned polls)
{
    return static_cast<std::uint8_t>((1u << polls) - 1u);
}

std::string seconds(Nanoseconds d)
{
    return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(d).count()) + " s";
}

// The subject of alarms about the receiver (there is one GPS status per host).
const std::string kGpsSubject = "GPS";

} // namespace

void AlarmMonitor::update(const AlarmInputs &inputs)
{
    ++m_evaluation;
    if (!m_start)
        m_start = inputs.now;
    checkPps(inputs);
    checkGps(inputs);
    checkSerialLink(inputs);
    checkSelection(inputs);
    checkSources(inputs);
    checkEvents(inputs);
    checkCalibrations(inputs);
    // A subject that is gone (a source deleted, the receiver's status no longer given) has no
    // condition any more: its alarm would otherwise stay active for ever.
    for (auto &[key, condition] : m_conditions)
        if (condition.seenIn != m_evaluation && condition.activeId != 0) {
            clear(condition, inputs.now);
            condition.hysteresis = AlarmHysteresis(Nanoseconds(0), Nanoseconds(0));
        }
}

void AlarmMonitor::adopt(const std::vector<Alarm> &previous)
{
    for (const Alarm &alarm : previous) {
        m_nextId = std::max(m_nextId, alarm.id + 1);
        if (!alarm.active()) {
            if (m_cleared.size() < kAlarmListLimit)
                m_cleared.push_back(alarm);
            continue;
        }
        // No delay either way: whatever the new engine sees first decides.
        m_conditions.insert_or_assign(Key{alarm.kind, alarm.subject},
                                      Condition{AlarmHysteresis(Nanoseconds(0), Nanoseconds(0), true), alarm.id, 0});
        m_active.push_back(alarm);
    }
}

std::vector<Alarm> AlarmMonitor::alarms() const
{
    std::vector<Alarm> list;
    list.reserve(std::min(kAlarmListLimit, m_active.size() + m_cleared.size()));
    for (const Alarm &alarm : m_active)
        if (list.size() < kAlarmListLimit)
            list.push_back(alarm);
    for (const Alarm &alarm : m_cleared)
        if (list.size() < kAlarmListLimit)
            list.push_back(alarm);
    return list;
}

void AlarmMonitor::observe(AlarmKind kind, const std::string &subject, bool condition, Nanoseconds raiseAfter,
                           Nanoseconds clearAfter, RealTime now, Description description)
{
    auto it = m_conditions.find({kind, subject});
    if (it == m_conditions.end())
        it = m_conditions.emplace(Key{kind, subject}, Condition{AlarmHysteresis(raiseAfter, clearAfter), 0, 0}).first;
    Condition &c = it->second;
    c.seenIn = m_evaluation;
    switch (c.hysteresis.observe(condition, now)) {
    case AlarmHysteresis::Change::Raise:
        raise(c, kind, subject, now, std::move(description));
        return;
    case AlarmHysteresis::Change::Clear:
        clear(c, now);
        return;
    case AlarmHysteresis::Change::None:
        break;
    }
    if (!condition || c.activeId == 0)
        return;
    // Still true: the words follow the state (a count, a reason, the last event).
    for (Alarm &alarm : m_active)
        if (alarm.id == c.activeId) {
            alarm.severity = description.severity;
            alarm.text = std::move(description.text);
            alarm.fix = std::move(description.fix);
        }
}

bool AlarmMonitor::isRaised(AlarmKind kind, const std::string &subject) const
{
    const auto it = m_conditions.find({kind, subject});
    return it != m_conditions.end() && it->second.activeId != 0;
}

void AlarmMonitor::raise(Condition &condition, AlarmKind kind, const std::string &subject, RealTime now,
                         Description description)
{
    Alarm alarm;
    alarm.id = m_nextId++;
    alarm.kind = kind;
    alarm.severity = description.severity;
    alarm.raised = now;
    alarm.subject = subject;
    alarm.text = std::move(description.text);
    alarm.fix = std::move(description.fix);
    condition.activeId = alarm.id;
    m_active.push_back(std::move(alarm));
}

void AlarmMonitor::clear(Condition &condition, RealTime now)
{
    const auto it =
        std::find_if(m_active.begin(), m_active.end(), [&](const Alarm &a) { return a.id == condition.activeId; });
    condition.activeId = 0;
    if (it == m_active.end())
        return;
    Alarm alarm = std::move(*it);
    m_active.erase(it);
    alarm.cleared = now;
    m_cleared.push_front(std::move(alarm));
    while (m_cleared.size() > kAlarmListLimit)
        m_cleared.pop_back();
}

void AlarmMonitor::checkPps(const AlarmInputs &in)
{
    const bool startedUp = in.now - *m_start >= kStartupGrace;
    for (const AlarmSourceInput &source : in.sources) {
        if (source.kind != SourceKind::RefClock || !source.pps)
            continue;
        bool &delivered = m_ppsEverDelivered[source.name];
        delivered = delivered || source.reach != 0;
        // Hysteresis on the reach register: lost after kPpsLostPolls empty polls, back after
        // kPpsRegainedPolls full ones.
        const bool raised = isRaised(AlarmKind::PpsLost, source.name);
        const bool lost = raised ? (source.reach & newestPolls(kPpsRegainedPolls)) != newestPolls(kPpsRegainedPolls)
                                 : (delivered || startedUp) && (source.reach & newestPolls(kPpsLostPolls)) == 0;
        observe(AlarmKind::PpsLost, source.name, lost, Nanoseconds(0), Nanoseconds(0), in.now,
                {AlarmSeverity::Critical,
                 "PPS refclock " + source.name + (delivered ? " stopped delivering pulses" : " has delivered no pulse")
                     + " (no sample in its last " + std::to_string(kPpsLostPolls) + " polls).",
                 "Check the PPS wire from the receiver's 1PPS/TIMEPULSE pin and that the receiver has a fix: "
                 "most receivers send no pulses without one. `ppstest /dev/ppsN` must print a line each "
                 "second. A PPS without `lock` also needs the clock synchronised by another source first."});
    }
}

void AlarmMonitor::checkGps(const AlarmInputs &in)
{
    if (!in.gps)
        return;
    const GpsStatus &gps = *in.gps;
    const bool silent = !gps.lastMessageAge || *gps.lastMessageAge > kGpsStatusTimeout;
    const bool noFix = silent || gps.fixMode == GpsFixMode::None;
    observe(AlarmKind::GpsFixLost, kGpsSubject, noFix, kGpsRaiseDelay, kGpsClearDelay, in.now,
            {AlarmSeverity::Warning,
             silent ? (gps.lastMessageAge
                           ? "The GPS receiver has sent nothing for " + fixedText(*gps.lastMessageAge, 0) + " s."
                           : std::string("The GPS receiver has sent nothing."))
                    : std::string("The GPS receiver has no position fix."),
             silent ? "Check the receiver's serial cable, its power and the baud rate; stop gpsd or any other "
                      "program reading the same port."
                    : "Check the antenna and its cable and give it a clear view of the sky; `stratumctl gps` "
                      "shows the satellites and their signal (a fix needs at least 4 above about 30 dB-Hz)."});
    // Time validity only matters while there is a fix: without one the fix alarm says it all.
    observe(AlarmKind::GpsTimeInvalid, kGpsSubject, !noFix && !gps.epochTimeValid, kGpsRaiseDelay, kGpsClearDelay,
            in.now,
            {AlarmSeverity::Warning, "The GPS receiver has a fix but marks its time as not valid.",
             "After a cold start the receiver needs the UTC parameters from the almanac (up to 12.5 min). If "
             "it stays invalid, check the receiver's configuration and whether its firmware predates a "
             "week-number rollover."});

    const std::uint64_t errors = gps.checksumErrors + gps.serialOverruns;
    if (m_serialErrors && errors > *m_serialErrors)
        m_lastSerialError = in.now;
    if (!m_serialErrors && errors > 0)
        m_lastSerialError = in.now; // counted before we first looked: still news
    if (!isRaised(AlarmKind::SerialErrors, kGpsSubject))
        m_serialErrorsAtRaise = m_serialErrors.value_or(0);
    m_serialErrors = errors;
    observe(AlarmKind::SerialErrors, kGpsSubject, m_lastSerialError && in.now - *m_lastSerialError < kSerialErrorWindow,
            Nanoseconds(0), Nanoseconds(0), in.now,
            {AlarmSeverity::Warning,
             "The receiver's serial line had " + std::to_string(errors - std::min(errors, m_serialErrorsAtRaise))
                 + " errors (checksum errors and overruns; " + std::to_string(gps.checksumErrors) + " and "
                 + std::to_string(gps.serialOverruns) + " in all).",
             gps.link && gps.link->overloaded && !gps.link->advice.empty()
                 ? "The line cannot carry what the receiver sends (see the serial link alarm): " + gps.link->advice
                 : std::string("The line cannot carry what the receiver sends, or the speed is wrong: set a higher "
                               "baud rate (38400 or 115200) on both ends, turn off sentences that are not needed "
                               "(GSV, GLL, VTG), check the cable, and make sure only one program reads the port.")});
}

void AlarmMonitor::checkSerialLink(const AlarmInputs &in)
{
    if (!in.gps || !in.gps->link)
        return;
    const GpsLinkLoad &link = *in.gps->link;
    const double percent = 100;
    std::string text;
    if (link.usb) {
        // No speed limits a USB port: only the receiver's warnings raise it.
        text =
            "The receiver cannot send everything on its USB port (" + fixedText(link.bytesPerSecond, 0) + " bytes/s).";
    } else {
        text = "The receiver's serial line is overloaded: " + fixedText(link.bytesPerSecond, 0) + " bytes/s at "
               + std::to_string(link.baudRate) + " baud is " + fixedText(link.load * percent, 0)
               + " % of what it carries";
        if (link.longestBurst > 0)
            text += ", and an epoch's burst takes up to " + fixedText(link.longestBurst, 2) + " s of each "
                    + fixedText(link.epochInterval.value_or(1.0), 2) + " s";
        text += ".";
    }
    if (link.receiverWarnings > 0)
        text += " The receiver reported a full transmit buffer " + std::to_string(link.receiverWarnings)
                + " times in the last minute (\"" + link.lastReceiverWarning + "\").";
    if (link.truncatedSentences > 0)
        text += " " + std::to_string(link.truncatedSentences) + " sentences were cut short.";
    text += " Messages are lost and the serial time comes late.";
    observe(AlarmKind::SerialLinkOverloaded, kGpsSubject, link.overloaded, kLinkOverloadRaiseDelay,
            kLinkOverloadClearDelay, in.now, {AlarmSeverity::Warning, std::move(text), link.advice});
}

void AlarmMonitor::checkSelection(const AlarmInputs &in)
{
    const bool startedUp = in.now - *m_start >= kStartupGrace;
    m_everSelected = m_everSelected || in.sourceSelected;
    const bool haveSources = !in.sources.empty();
    const std::string reason = in.noSelectionReason.empty() ? std::string() : " (" + in.noSelectionReason + ")";
    observe(AlarmKind::NoSelectableSource, std::string(),
            haveSources && !in.sourceSelected && (m_everSelected || startedUp), kNoSelectionDelay, Nanoseconds(0),
            in.now,
            {AlarmSeverity::Warning,
             in.synchronised ? "No source can be selected" + reason
                                   + "; holding over on the local clock, whose error grows with time."
                             : "No source can be selected" + reason + ".",
             "`stratumctl sources` shows each source's reach and state: a reach of 0 means no answer (network, "
             "firewall on UDP 123, receiver unplugged); sources marked x disagree. Configure at least four "
             "sources so that one bad one cannot win."});
    observe(AlarmKind::Unsynchronised, std::string(), !in.synchronised && startedUp, Nanoseconds(0), Nanoseconds(0),
            in.now,
            {AlarmSeverity::Critical,
             "Not synchronised since the start " + seconds(in.now - *m_start)
                 + " ago: clients are told our time is unsynchronised (stratum 16).",
             "Check `stratumctl sources` (reach must be above 0) and `stratumctl tracking`: a wrong server name, "
             "a firewall blocking UDP port 123, or a refclock without a lock source are the usual causes. "
             "`local stratum 10` serves the local clock when nothing else is available."});
    observe(AlarmKind::LeapSecondPending, std::string(),
            in.synchronised && (in.leap == LeapIndicator::InsertSecond || in.leap == LeapIndicator::DeleteSecond),
            Nanoseconds(0), Nanoseconds(0), in.now,
            {AlarmSeverity::Info,
             std::string("A leap second will be ") + (in.leap == LeapIndicator::DeleteSecond ? "deleted" : "inserted")
                 + " at the end of this UTC day.",
             "Nothing to do when IERS Bulletin C announced it. If not, a source announces it wrongly: compare the "
             "sources' leap status (`stratumctl ntpdata`) and mark the wrong one `noselect`."});
}

void AlarmMonitor::checkSources(const AlarmInputs &in)
{
    for (const AlarmSourceInput &source : in.sources)
        observe(AlarmKind::Falseticker, source.name, source.state == SourceState::Falseticker, Nanoseconds(0),
                kFalsetickerClearDelay, in.now,
                {AlarmSeverity::Warning,
                 "Source " + source.name + " disagrees with the other sources (x in `sources`) and is not used.",
                 source.kind == SourceKind::RefClock
                     ? "Correct the refclock's `offset` (NMEA and SOCK samples often come 100-200 ms late) or "
                       "its `delay`; compare its offset with the others in `stratumctl sourcestats`."
                     : "Its time is wrong or the path to it is very asymmetric: compare its offset with the "
                       "others in `stratumctl sourcestats`, and remove a server that keeps being a falseticker."});
}

void AlarmMonitor::checkCalibrations(const AlarmInputs &in)
{
    for (const AlarmCalibrationInput &refclock : in.calibrations) {
        const std::optional<OffsetCalibration> &c = refclock.calibration;
        if (!c || !c->ready) {
            // Nothing new is known (no better source now, or a measurement still filling its
            // window): the alarm stays as it is.
            const auto words = m_calibrationWords.find(refclock.name);
            observe(AlarmKind::CalibrationDrift, refclock.name, isRaised(AlarmKind::CalibrationDrift, refclock.name),
                    kCalibrationRaiseDelay, kCalibrationClearDelay, in.now,
                    words != m_calibrationWords.end() ? words->second : Description{});
            continue;
        }
        const double limit = std::max(kCalibrationTolerance, c->spread / 2);
        const bool drifted = std::abs(c->medianError) > limit;
        const double ms = 1e3;
        Description words{
            AlarmSeverity::Warning,
            "Refclock " + refclock.name + "'s messages come " + fixedText(std::abs(c->medianError) * ms, 1) + " ms "
                + (c->medianError > 0 ? "early" : "late") + " against " + c->reference + " (median of "
                + std::to_string(c->samples) + " samples, spread " + fixedText(c->spread * ms, 1) + " ms): its offset "
                + fixedText(c->currentOffset, 3) + " s should be " + fixedText(c->proposedOffset, 3) + " s.",
            "Run `stratumctl calibrate " + refclock.name
                + "` (or Calibrate in the source's detail in the window) to write the measured offset and delay; "
                  "a receiver whose messages moved after a firmware or configuration change needs it again."};
        if (drifted)
            m_calibrationWords[refclock.name] = words;
        observe(AlarmKind::CalibrationDrift, refclock.name, drifted, kCalibrationRaiseDelay, kCalibrationClearDelay,
                in.now, std::move(words));
    }
}

void AlarmMonitor::checkEvents(const AlarmInputs &in)
{
    for (const double step : in.steps) {
        m_lastStep = in.now;
        m_stepText = "The clock was stepped by " + fixedText(step, 6) + " s.";
        m_stepFix = kOwnStepFix;
    }
    for (const double step : in.externalSteps) {
        m_lastStep = in.now;
        m_stepText = "The system clock was stepped by " + fixedText(step, 6)
                     + " s by something else (an external step, not this service's): the service noticed the jump "
                       "against the kernel's boot-time clock and carried on without it.";
        m_stepFix = kExternalStepFix;
    }
    observe(AlarmKind::ClockStepped, std::string(), m_lastStep && in.now - *m_lastStep < kEventAlarmDuration,
            Nanoseconds(0), Nanoseconds(0), in.now, {AlarmSeverity::Warning, m_stepText, m_stepFix});

    if (in.synchronised) {
        if (m_servedStratum && *m_servedStratum != in.stratum) {
            m_lastStratumChange = in.now;
            m_stratumText = "The stratum served changed from " + std::to_string(*m_servedStratum) + " to "
                            + std::to_string(in.stratum) + " (reference " + in.referenceName + ").";
        }
        m_servedStratum = in.stratum;
    }
    observe(AlarmKind::StratumChanged, std::string(),
            m_lastStratumChange && in.now - *m_lastStratumChange < kEventAlarmDuration, Nanoseconds(0), Nanoseconds(0),
            in.now,
            {AlarmSeverity::Info, m_stratumText,
             "Usually the primary source (GPS/PPS) stopped or started being selected: look for a PPS or GPS "
             "alarm. If it changes back and forth, check the PPS refclock's jitter and its `lock` refclock."});
}

} // namespace s1
