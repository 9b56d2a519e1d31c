#include "gps/config/ReceiverConfigurator.h"

#include <string_view>

namespace s1 {

namespace {

constexpr double kBitsPerByte = 10.0; // start, 8 data, stop

} // namespace

const char *toString(StepResult result)
{
    switch (result) {
    case StepResult::Pending:
        return "pending";
    case StepResult::Running:
        return "running";
    case StepResult::Verified:
        return "verified";
    case StepResult::AcknowledgedOnly:
        return "acknowledged only";
    case StepResult::Nak:
        return "NAK";
    case StepResult::NotConfirmed:
        return "not confirmed";
    case StepResult::NoAnswer:
        return "no answer";
    case StepResult::SpeedKept:
        return "speed kept";
    case StepResult::Skipped:
        return "skipped";
    }
    return "?";
}

ReceiverConfigurator::ReceiverConfigurator(std::vector<ConfigStep> steps, int baudRate, Timing timing)
    : m_steps(std::move(steps))
    , m_outcomes(m_steps.size())
    , m_timing(timing)
    , m_baud(baudRate)
{ }

ReceiverConfigurator::ReceiverConfigurator(std::vector<ConfigStep> steps, int baudRate)
    : ReceiverConfigurator(std::move(steps), baudRate, Timing{})
{ }

void ReceiverConfigurator::resetDecoder()
{
    m_answers.clear();
    m_decoder = std::make_unique<GpsStreamDecoder>();
    m_decoder->setBaudRate(m_baud);
    m_decoder->setMessageObserver([this](std::string_view type, std::span<const std::uint8_t> raw) {
        ReceiverAnswer answer;
        if (type.starts_with("UBX")) {
            UbxFrame frame;
            std::size_t consumed = 0;
            if (UbxFrame::parse(raw, frame, consumed) == UbxFrame::Result::Frame)
                answer.ubx = std::move(frame);
        } else if (!type.starts_with("RTCM")) {
            answer.nmea = NmeaSentence::parse(std::string_view(reinterpret_cast<const char *>(raw.data()), raw.size()));
        }
        if (answer.ubx || answer.nmea)
            m_answers.push_back(std::move(answer));
    });
}

void ReceiverConfigurator::start(RealTime now)
{
    m_started = true;
    m_step = 0;
    m_outcomes.assign(m_steps.size(), StepOutcome{});
    m_output.clear();
    resetDecoder();
    beginStep(now);
    advance(now);
}

void ReceiverConfigurator::switchTo(int baud)
{
    m_baud = baud;
    m_switched = true;
    resetDecoder();
}

RealTime ReceiverConfigurator::afterSending(RealTime now, std::size_t bytes, double wait) const
{
    const double sending = static_cast<double>(bytes) * kBitsPerByte / static_cast<double>(m_baud);
    return now + fromSeconds(sending + wait);
}

void ReceiverConfigurator::beginStep(RealTime now)
{
    (void)now;
    if (m_step >= m_steps.size()) {
        m_phase = Phase::Done;
        return;
    }
    m_outcomes[m_step].result = StepResult::Running;
    m_command = 0;
    m_poll = 0;
    m_attempts = 0;
    m_fellBack = false;
    m_heardInStep = false;
    m_pollUnanswered = false;
    m_phase = Phase::SendCommand;
}

void ReceiverConfigurator::finishStep(RealTime now)
{
    const ConfigStep &step = m_steps[m_step];
    StepOutcome &out = m_outcomes[m_step];
    if (!out.naked.empty())
        out.result = StepResult::Nak;
    else if (m_pollUnanswered)
        out.result = StepResult::NoAnswer;
    else if (m_fellBack)
        out.result = StepResult::SpeedKept;
    else if (!out.mismatches.empty())
        out.result = StepResult::NotConfirmed;
    else if (step.polls.empty())
        out.result = out.unacknowledged == 0 ? StepResult::AcknowledgedOnly : StepResult::NoAnswer;
    else
        out.result = StepResult::Verified;
    const bool lost = out.result == StepResult::NoAnswer && !m_heardInStep;
    ++m_step;
    if (lost) {
        // Nothing came back at all: the receiver is gone (or at a speed we do not know);
        // sending more would only pile up timeouts.
        for (std::size_t i = m_step; i < m_steps.size(); ++i)
            m_outcomes[i].result = StepResult::Skipped;
        m_step = m_steps.size();
    }
    beginStep(now);
}

void ReceiverConfigurator::advance(RealTime now)
{
    // Each pass either moves to a later phase or returns to wait: bounded by the plan's size.
    while (m_phase != Phase::Done) {
        const ConfigStep &step = m_steps[m_step];
        switch (m_phase) {
        case Phase::SendCommand: {
            if (m_command >= step.commands.size()) {
                if (step.newBaud && step.newBaud != m_baud) {
                    m_oldBaud = m_baud;
                    m_phase = Phase::AwaitSwitch;
                    m_deadline = afterSending(now, m_output.size(), kSwitchMargin);
                    return;
                }
                m_phase = step.polls.empty() ? Phase::Idle : Phase::SendPoll;
                if (m_phase == Phase::Idle) {
                    finishStep(now);
                    continue;
                }
                continue;
            }
            const ConfigCommand &c = step.commands[m_command];
            m_output.insert(m_output.end(), c.bytes.begin(), c.bytes.end());
            if (c.ack) {
                m_phase = Phase::AwaitAck;
                m_deadline = afterSending(now, m_output.size(), m_timing.ackTimeout);
                return;
            }
            ++m_command;
            continue;
        }
        case Phase::SendPoll: {
            const ConfigPoll &p = step.polls[m_poll];
            m_output.insert(m_output.end(), p.bytes.begin(), p.bytes.end());
            ++m_attempts;
            m_phase = Phase::AwaitAnswer;
            m_deadline = afterSending(now, m_output.size(), m_timing.answerTimeout);
            return;
        }
        case Phase::Idle:
        case Phase::AwaitAck:
        case Phase::AwaitSwitch:
        case Phase::Settle:
        case Phase::AwaitAnswer:
        case Phase::Done:
            return;
        }
    }
}

void ReceiverConfigurator::onAnswer(const ReceiverAnswer &answer, RealTime now)
{
    if (m_phase == Phase::Done)
        return;
    const ConfigStep &step = m_steps[m_step];
    StepOutcome &out = m_outcomes[m_step];
    if (m_phase == Phase::AwaitAck) {
        const ConfigCommand &c = step.commands[m_command];
        const auto acked = c.ack(answer);
        if (!acked)
            return;
        m_heardInStep = true;
        if (!*acked)
            out.naked.push_back(c.meaning);
        ++m_command;
        m_phase = Phase::SendCommand;
        advance(now);
        return;
    }
    if (m_phase != Phase::AwaitAnswer)
        return;
    const ConfigPoll &p = step.polls[m_poll];
    auto checks = p.check(answer);
    // A UBX poll the receiver refuses (a message it does not have) is answered by a NAK.
    if (!checks && answer.ubx && p.bytes.size() > 3 && answer.ubx->is(0x05, 0x00) && answer.ubx->payload.size() == 2
        && answer.ubx->payload[0] == p.bytes[2] && answer.ubx->payload[1] == p.bytes[3])
        checks = std::vector<PollCheck>{{false, p.meaning, "answer", "NAK"}};
    if (!checks)
        return;
    m_heardInStep = true;
    for (PollCheck &c : *checks) {
        if (!c.matches)
            out.mismatches.push_back(std::move(c));
    }
    ++m_poll;
    m_attempts = 0;
    if (m_poll >= step.polls.size()) {
        finishStep(now);
    } else {
        m_phase = Phase::SendPoll;
    }
    advance(now);
}

void ReceiverConfigurator::onTimeout(RealTime now)
{
    const ConfigStep &step = m_steps[m_step];
    StepOutcome &out = m_outcomes[m_step];
    switch (m_phase) {
    case Phase::AwaitAck:
        ++out.unacknowledged;
        ++m_command;
        m_phase = Phase::SendCommand;
        break;
    case Phase::AwaitSwitch:
        switchTo(step.newBaud);
        m_phase = Phase::Settle;
        m_deadline = now + fromSeconds(m_timing.settleTime);
        return;
    case Phase::Settle:
        m_phase = Phase::SendPoll;
        break;
    case Phase::AwaitAnswer:
        if (m_attempts < m_timing.pollAttempts) {
            m_phase = Phase::SendPoll;
            break;
        }
        if (step.newBaud && !m_fellBack && m_oldBaud != 0 && m_baud == step.newBaud) {
            // Silence at the new speed: try the old one.
            m_fellBack = true;
            m_attempts = 0;
            switchTo(m_oldBaud);
            m_phase = Phase::Settle;
            m_deadline = now + fromSeconds(m_timing.settleTime);
            return;
        }
        m_pollUnanswered = true;
        finishStep(now);
        break;
    default:
        return;
    }
    advance(now);
}

bool ReceiverConfigurator::feed(std::span<const std::uint8_t> bytes, RealTime now)
{
    m_switched = false;
    if (!m_started || m_phase == Phase::Done)
        return false;
    m_decoder->feed(bytes, now);
    // Bounded: each answer is looked at once; a switch clears the rest (read at the old speed).
    while (!m_answers.empty()) {
        const ReceiverAnswer answer = std::move(m_answers.front());
        m_answers.pop_front();
        onAnswer(answer, now);
        if (m_switched)
            break;
    }
    return std::exchange(m_switched, false);
}

bool ReceiverConfigurator::poll(RealTime now)
{
    m_switched = false;
    if (!m_started || m_phase == Phase::Done)
        return false;
    if (now >= m_deadline)
        onTimeout(now);
    return std::exchange(m_switched, false);
}

std::vector<std::uint8_t> ReceiverConfigurator::takeOutput()
{
    return std::exchange(m_output, {});
}

std::optional<RealTime> ReceiverConfigurator::nextDeadline() const
{
    if (!m_started || m_phase == Phase::Done || m_phase == Phase::Idle)
        return std::nullopt;
    return m_deadline;
}

} // namespace s1
