// Carries out a receiver configuration plan and verifies each step: sends the commands (waiting
// for each one's ACK/NAK, bounded), switches the speed when a step changes it, then sends the
// polls and compares what they read back with what was asked for.
//
// Sans-I/O, like ReceiverProbe: the caller writes takeOutput() to the port, feeds what it
// reads with the time, calls poll() at nextDeadline(), and sets the port to baudRate()
// whenever feed() or poll() return true.
//
// A speed change: the command goes out at the old speed, our side switches once it has been
// sent, and the step's poll must be answered at the new speed. If nothing answers there, our
// side goes back to the old speed and polls again: an answer there means the receiver kept
// its speed (SpeedKept), and the rest of the plan goes on at that speed; silence at both
// means the receiver cannot be reached, and the rest is skipped.
#pragma once

#include "gps/GpsStreamDecoder.h"
#include "gps/config/ReceiverConfigPlan.h"
#include "time/Timestamps.h"

#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace s1 {

enum class StepResult {
    Pending,
    Running,
    Verified,         // every value read back as asked
    AcknowledgedOnly, // ACKed, and the setting has no poll to read it back
    Nak,              // the receiver refused a command
    NotConfirmed,     // a value read back differs (or a command went unacknowledged)
    NoAnswer,         // no answer to the polls
    SpeedKept,        // silence at the new speed; the receiver still answers at the old one
    Skipped,          // not tried: the receiver stopped answering before
};
const char *toString(StepResult result);

struct StepOutcome
{
    StepResult result = StepResult::Pending;
    std::vector<PollCheck> mismatches; // values read back differently
    std::vector<std::string> naked;    // meanings of the commands the receiver refused
    std::size_t unacknowledged = 0;    // commands whose ACK never came
};

class ReceiverConfigurator
{
public:
    struct Timing
    {
        double ackTimeout = 1.0;    // s for an ACK/NAK, after the command has been sent
        double answerTimeout = 1.0; // s for a poll's answer
        int pollAttempts = 2;       // a poll is sent again once; a lost answer is not a failure
        double settleTime = 0.2;    // s after a speed switch before the first poll
    };
    // Time after a command's last byte has left before our side switches speed: the UART may
    // still be shifting it out.
    static constexpr double kSwitchMargin = 0.05; // s

    ReceiverConfigurator(std::vector<ConfigStep> steps, int baudRate, Timing timing);
    ReceiverConfigurator(std::vector<ConfigStep> steps, int baudRate);
    ReceiverConfigurator(const ReceiverConfigurator &) = delete;
    ReceiverConfigurator &operator=(const ReceiverConfigurator &) = delete;

    void start(RealTime now);
    bool feed(std::span<const std::uint8_t> bytes, RealTime now);
    bool poll(RealTime now);
    // Bytes to write now, in order.
    std::vector<std::uint8_t> takeOutput();
    std::optional<RealTime> nextDeadline() const;

    bool isFinished() const { return m_started && m_step >= m_steps.size(); }
    int baudRate() const { return m_baud; }
    std::size_t currentStep() const { return m_step; }
    const std::vector<ConfigStep> &steps() const { return m_steps; }
    const std::vector<StepOutcome> &outcomes() const { return m_outcomes; }

private:
    enum class Phase { Idle, SendCommand, AwaitAck, AwaitSwitch, Settle, SendPoll, AwaitAnswer, Done };

    void advance(RealTime now);
    void onAnswer(const ReceiverAnswer &answer, RealTime now);
    void onTimeout(RealTime now);
    void beginStep(RealTime now);
    void finishStep(RealTime now);
    void switchTo(int baud);
    void resetDecoder();
    RealTime afterSending(RealTime now, std::size_t bytes, double wait) const;

    std::vector<ConfigStep> m_steps;
    std::vector<StepOutcome> m_outcomes;
    Timing m_timing;
    int m_baud;
    int m_oldBaud = 0;
    bool m_started = false;
    bool m_switched = false; // a switch for the caller to follow
    std::size_t m_step = 0;
    Phase m_phase = Phase::Idle;
    std::size_t m_command = 0;
    std::size_t m_poll = 0;
    int m_attempts = 0;
    bool m_fellBack = false;
    bool m_heardInStep = false;
    bool m_pollUnanswered = false;
    RealTime m_deadline{};
    std::vector<std::uint8_t> m_output;
    std::unique_ptr<GpsStreamDecoder> m_decoder;
    std::deque<ReceiverAnswer> m_answers;
};

} // namespace s1
