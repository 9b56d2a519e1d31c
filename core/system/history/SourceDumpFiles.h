// The per-source dump files in the state directory (`dumpdir`), as chronyd keeps them: one file
// per source named by SourceDumpIdentity::fileName(), each replaced atomically and durably
// through AtomicFile, so that a crash or a kill -9 during a dump leaves the previous file or
// the new one, never a part.
#pragma once

#include "sources/SourceDump.h"

#include <filesystem>
#include <string>
#include <vector>

namespace s1 {

// Writes every dump into `directory` (created if missing). Returns one message per file that
// could not be written; the others are written all the same.
std::vector<std::string> writeSourceDumpFiles(const std::filesystem::path &directory,
                                              const std::vector<SourceDump> &dumps);

// Reads every "*.dat" file in `directory`: the dumps that parse and whose file name is their
// source's. Each file refused adds a line to `problems` naming it and why (malformed, another
// version, another source's). A missing directory is no problem: there is nothing to load.
std::vector<SourceDump> readSourceDumpFiles(const std::filesystem::path &directory, std::vector<std::string> &problems);

} // namespace s1
