// A snapshot with a bit of everything the metrics show, for the Prometheus tests: a selected NTP
// server, a silent IPv6 peer with a name that needs escaping, a PPS refclock, an unresolved pool
// member, a GPS receiver with its PPS, alarms (one active twice, one cleared) and a warning.
#pragma once

#include "report/EngineSnapshot.h"

#include <chrono>

namespace s1test {

using namespace s1; // a test helper: the names of the values it builds
using namespace std::chrono_literals;

inline const RealTime kNow = RealTime(1'744'182'740s) + 500ms; // 2025-04-09 07:12:20.5 UTC

// The server 192.0.2.1, selected: its last sample says it is 13 us AHEAD of us (RFC 5905),
// 12 us after the corrections since: chronyc's sign makes both negative.
inline SourceSnapshot server()
{
    SourceSnapshot s;
    s.id = 1;
    s.name = "ntp1.example.net";
    s.address = {*IpAddress::parse("192.0.2.1"), 123};
    s.kind = SourceKind::Server;
    s.state = SourceState::Selected;
    s.stratum = 1;
    s.poll = 6;
    s.reach = 0377;
    s.lastRx = kNow - 37500ms;
    SourceSample sample;
    sample.time = *s.lastRx;
    sample.offset = 13e-6;
    s.lastSample = sample;
    s.stats = {12, 7, 704.5, -0.058, 0.123, -2.5e-7, 9.9e-7};
    s.adjustedOffset = 12e-6;
    s.errorBound = 24e-6;
    return s;
}

// An IPv6 peer never heard from, with a name that needs escaping in a label.
inline SourceSnapshot silentPeer()
{
    SourceSnapshot s;
    s.id = 2;
    s.name = "odd\"name\\with\nbreak";
    s.address = {*IpAddress::parse("2001:db8::1"), 123};
    s.kind = SourceKind::Peer;
    s.state = SourceState::Unusable;
    s.poll = -2;
    s.reach = 0376; // answered 7 of the last 8 polls, but not the last one
    return s;
}

// The PPS refclock "PPS" (refid 0x50505300), combined: 150 ns behind as measured.
inline SourceSnapshot pps()
{
    SourceSnapshot s;
    s.id = 3;
    s.name = "PPS";
    s.kind = SourceKind::RefClock;
    s.referenceId = 0x50505300;
    s.state = SourceState::Combined;
    s.stratum = 0;
    s.poll = 4;
    s.reach = 0377;
    s.lastRx = kNow - 2s;
    SourceSample sample;
    sample.time = *s.lastRx;
    sample.offset = -1.5e-7;
    s.lastSample = sample;
    s.stats = {5, 3, 60, 1.5, 0.25, 1e-9, 5e-9};
    s.adjustedOffset = -1.4e-7;
    s.errorBound = 2e-7;
    return s;
}

// A pool member still resolving: chronyd lists nothing for it.
inline SourceSnapshot unresolved()
{
    SourceSnapshot s;
    s.id = 4;
    s.name = "pool.example.net";
    s.kind = SourceKind::Server;
    return s;
}

inline GpsStatus gps()
{
    GpsStatus g;
    g.fixMode = GpsFixMode::Fix3D;
    g.epochTimeValid = true;
    g.hdop = 0.9;
    g.satellites = {{GnssSystem::Gps, 5, 40, 120, 42, true},
                    {GnssSystem::Gps, 7, 10, 200, 30, false},
                    {GnssSystem::Galileo, 11, 60, 20, 45, true}};
    g.sentenceCounts = {{"GPRMC", 120}, {"UBX-NAV-PVT", 118}};
    g.checksumErrors = 2;
    g.garbageBytes = 17;
    g.serialOverruns = 1;
    g.lastMessageAge = 0.4;
    g.pps.pulseCount = 600;
    g.pps.jitter = 3.5e-8;
    GpsLinkLoad link;
    link.baudRate = 9600;
    link.windowSeconds = 60;
    link.bytesPerSecond = 816;
    link.load = 0.85;
    link.longestBurst = 0.62;
    link.overloaded = false;
    g.link = link;
    return g;
}

inline EngineSnapshot representative()
{
    EngineSnapshot e;
    e.time = kNow;
    ReferenceSnapshot &r = e.reference;
    r.synchronised = true;
    r.stratum = 2;
    r.referenceId = 0xC0000201;
    r.referenceName = "ntp1.example.net";
    r.leap = LeapIndicator::None;
    r.referenceTime = kNow - 16500ms;
    r.rootDelay = 2.5e-4;
    r.rootDispersion = 3e-5;
    r.systemTimeOffset = 2e-6; // our time 2 us fast: chronyd's correction is -2 us
    r.lastOffset = -1.5e-6;
    r.rmsOffset = 4e-6;
    r.frequencyPpm = -12.25;
    r.residualFrequencyPpm = 0.01;
    r.skewPpm = 0.05;
    r.updateInterval = 64.5;
    e.sources = {server(), silentPeer(), pps(), unresolved()};
    e.unresolved = {{"pool.example.net", true, false}};
    e.server.packetsReceived = 1000;
    e.server.repliesSent = 990;
    e.server.droppedDenied = 7;
    e.server.droppedRateLimited = 3;
    e.server.kissOfDeathSent = 2;
    e.clientLog.recordsDropped = 5;
    e.gps = gps();
    Alarm critical;
    critical.kind = AlarmKind::PpsLost;
    critical.severity = AlarmSeverity::Critical;
    critical.subject = "PPS";
    Alarm cleared;
    cleared.kind = AlarmKind::ClockStepped;
    cleared.severity = AlarmSeverity::Warning;
    cleared.cleared = kNow - 10s;
    e.alarms = {critical, critical, cleared}; // the same alarm twice must not make two series
    e.configWarnings = {"a.conf:1:1: warning: 'keyfile' has no effect yet"};
    return e;
}

} // namespace s1test
