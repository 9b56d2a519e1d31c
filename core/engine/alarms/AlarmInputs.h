// What the engine knows at one alarm evaluation: a small extract of its own state, built by
// Engine::alarmInputs, so that the AlarmMonitor can be tested from plain values.
#pragma once

#include "gps/GpsStatus.h"
#include "ntp/NtpTypes.h"
#include "report/OffsetCalibration.h"
#include "report/SourceState.h"
#include "time/Timestamps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace s1 {

struct AlarmSourceInput
{
    std::string name; // as `sources` shows it: the server's name or the refclock's refid
    SourceKind kind = SourceKind::Server;
    SourceState state = SourceState::Unusable;
    std::uint8_t reach = 0;  // newest poll in bit 0
    bool pps = false;        // a PPS refclock (the PPS driver, or `pps` on another)
    double pollInterval = 0; // s
};

// A time-of-day refclock (NMEA, SOCK, SHM) measured against a better selected source.
struct AlarmCalibrationInput
{
    std::string name; // its refid
    // What OffsetCalibrator has now; none while nothing better is selected.
    std::optional<OffsetCalibration> calibration;
};

struct AlarmInputs
{
    RealTime now; // engine time
    // The server hands out time as synchronised (a clock update happened, or `local`).
    bool synchronised = false;
    int stratum = kNtpMaxStratum;
    std::string referenceName;
    LeapIndicator leap = LeapIndicator::Unsynchronised;
    bool sourceSelected = false;
    std::string noSelectionReason; // the selection's words when none is selected
    std::vector<AlarmSourceInput> sources;
    std::optional<GpsStatus> gps; // the host's receiver status, when it has one
    std::vector<double> steps;    // s, clock steps since the last evaluation
    // s, steps of the system clock by someone else noticed since the last evaluation
    std::vector<double> externalSteps;
    std::vector<AlarmCalibrationInput> calibrations;
};

} // namespace s1
