// Reads chrony.conf syntax into the typed EngineConfig.
//
// Lexing follows chronyd (CPS_NormalizeLine/CNF_ParseLine): one directive per line, words
// separated by white space, a line whose first non-blank character is one of "#%;!" is a
// comment (there are no trailing comments), directive and option names are case-insensitive.
// Unlike chronyd, which stops at the first fatal error, every problem is collected so that a
// user sees all of them at once; a line with an error contributes nothing to the config.
// Valid chrony directives that are not implemented yet are accepted with a warning so that an
// existing chrony.conf can be loaded.
//
// `include`, `confdir` and `sourcedir` are followed as chronyd follows them; diagnostics name
// the file and line they concern, included files too.
#pragma once

#include "config/ConfigDiagnostic.h"
#include "config/ConfigDocument.h"
#include "config/EngineConfig.h"

#include <string>
#include <string_view>

namespace s1 {

struct ConfigReadOptions
{
    // Read the files include/confdir/sourcedir name. Without it those lines are only checked
    // (and sourcedir directories recorded), which keeps a read independent of the machine.
    bool followIncludes = true;
};

// `fileName` is used in diagnostics and source origins, and to detect a file including itself.
ConfigReadResult readConfigText(std::string_view text, const std::string &fileName);
ConfigReadResult readConfigText(std::string_view text, const std::string &fileName, const ConfigReadOptions &options);

// A missing or unreadable file yields an error diagnostic with line 0.
ConfigReadResult readConfigFile(const std::string &path);
ConfigReadResult readConfigFile(const std::string &path, const ConfigReadOptions &options);

// The configuration a document (as being edited) describes; diagnostics count its lines from 1.
ConfigReadResult readConfigDocument(const ConfigDocument &document, const std::string &fileName,
                                    const ConfigReadOptions &options = {});

} // namespace s1
