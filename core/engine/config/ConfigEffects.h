// What of the configuration the engine and the hosts actually do. Every directive, option, log
// name and refclock driver is read into EngineConfig (ConfigSyntax lists them all), but not all
// of them change anything yet; those are reported as "has no effect yet" warnings wherever the
// configuration is read, so that nothing is accepted and silently ignored.
//
// The lists below are the ones in effect, kept explicit: whoever makes the engine honour one
// more adds it here (tst_configreader walks the whole syntax table against them).
#pragma once

#include "config/EngineConfig.h"
#include "config/RefClockConfig.h"

#include <string>
#include <string_view>

namespace s1 {

// Directives (lower case) whose presence changes what the program does.
bool directiveInEffect(std::string_view directive);
// Named options of directives in effect, e.g. ("server", "iburst").
bool optionInEffect(std::string_view directive, std::string_view option);
// `log` names, e.g. "tracking".
bool logInEffect(std::string_view name);
bool refClockDriverInEffect(RefClockDriver driver);

// Why a source can never be selected because it asks for authentication we cannot provide
// (`key N`, `nts`); empty when it does not. chronyd would never synchronise to such a server
// unauthenticated, so neither do we.
std::string authenticationUnavailable(const SourceConfig &source);

} // namespace s1
