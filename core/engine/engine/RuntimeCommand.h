// The answer of a runtime command (chronyc's state-changing commands: add, delete, allow,
// burst, offline...) in chronyd's terms: a status whose code and text are chronyc's, e.g.
// "503 No such source", or a syntax error, which chronyc reports before asking the daemon
// ("Invalid syntax for burst command").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace s1 {

enum class CommandStatus : std::uint8_t {
    Ok,                   // 200 OK
    Failed,               // 500 Failure
    Invalid,              // 502 Invalid command
    NoSuchSource,         // 503 No such source
    NotEnabled,           // 505 Facility not enabled in daemon
    BadSubnet,            // 507 Bad subnet
    SourceAlreadyKnown,   // 511 Source already present
    InvalidAddressFamily, // 515 Invalid address family
    Inactive,             // 519 Client logging is not active in the daemon
    InvalidName,          // 521 Invalid name
    SyntaxError,          // no code: chronyc refuses the line itself; `message` says why
};

struct CommandResult
{
    CommandStatus status = CommandStatus::Ok;
    // SyntaxError: chronyc's message (and the configuration parser's diagnostics on further
    // lines); otherwise empty or a detail for the log.
    std::string message;
    // Warnings about accepted input (an option that has no effect yet, as in the file).
    std::vector<std::string> warnings;

    bool ok() const { return status == CommandStatus::Ok; }
    static CommandResult syntax(std::string message) { return {CommandStatus::SyntaxError, std::move(message), {}}; }
    static CommandResult of(CommandStatus status) { return {status, {}, {}}; }
};

// chronyc's line for a status: "200 OK", "503 No such source"; empty for SyntaxError.
std::string chronycStatusLine(CommandStatus status);

} // namespace s1
