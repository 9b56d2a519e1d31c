// chronyc's `activity`, `serverstats`, `selectdata [-v]`, `ntpdata` and `clients` layouts, byte
// for byte, and their `chronyc -c` CSV forms, from the plain values of report/ReportData.h.
//
// The layouts are chronyc 4.6's (client.c's print_report formats): `serverstats` with the
// timestamp counters added in 4.4, `ntpdata` with the good/kernel/hardware totals. In CSV mode
// chronyc prints only the fields of a report, comma-separated, one line per report or row, with
// widths and '+' signs dropped, offsets to the nanosecond and intervals as plain seconds.
#pragma once

#include "chronyc/ChronycFormat.h"
#include "report/ReportData.h"

#include <string>
#include <vector>

namespace s1 {

// "200 OK" and the five counts (chronyc prints the status line only outside CSV mode).
std::string formatActivity(const ActivityReport &report);
std::string formatActivityCsv(const ActivityReport &report);

std::string formatServerStats(const ServerStatsReport &report);
std::string formatServerStatsCsv(const ServerStatsReport &report);

std::string formatSelectData(const std::vector<SelectDataRow> &rows, bool verbose,
                             NameStyle names = NameStyle::Resolved);
std::string formatSelectDataCsv(const std::vector<SelectDataRow> &rows);

// One report per source. `oneAddress`: the user named the source (`ntpdata ADDRESS`); without
// it chronyc prints an empty line before each report.
std::string formatNtpData(const std::vector<NtpDataReport> &reports, bool oneAddress);
std::string formatNtpDataCsv(const std::vector<NtpDataReport> &reports);

// `clients` (chronyc -n clients: names are printed in full, never resolved). An unknown
// interval prints as "-" and, in CSV, as chronyd's 127; a missing age as "-" and 4294967295.
std::string formatClients(const std::vector<ClientReportRow> &rows);
std::string formatAuthData(const std::vector<AuthDataRow> &rows, NameStyle names);
std::string formatAuthDataCsv(const std::vector<AuthDataRow> &rows);
std::string formatClientsCsv(const std::vector<ClientReportRow> &rows);

} // namespace s1
