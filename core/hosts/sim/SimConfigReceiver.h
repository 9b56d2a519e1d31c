// A GPS receiver that answers the configuration subset the wizard uses, for tests: u-blox
// before generation 9 (CFG-PRT, CFG-MSG, CFG-NAV5, CFG-TP5, CFG-CFG), u-blox 9 (CFG-VALSET,
// CFG-VALGET in RAM and flash, CFG-CFG) and MediaTek (PMTK251, PMTK314/414, PMTK255, PMTK285,
// PMTK001). It stores what it is told, answers polls from what it stored, and sends its
// switched-on NMEA sentences each epoch. Faults: NAK a message, ACK one and ignore it, say
// nothing at all.
//
// Bytes in, bytes out: whoever connects it (a pty in the tests) delivers only what arrives at
// the receiver's own speed, as a real UART would.
#pragma once

#include "gps/config/PmtkCommands.h"
#include "gps/config/ReceiverConfigPlan.h"
#include "gps/config/UbxConfig.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace s1 {
class GpsStreamDecoder;
}

namespace s1::sim {

class SimConfigReceiver
{
public:
    struct Faults
    {
        std::set<std::string> nak;    // "CFG-MSG", "CFG-VALSET", "PMTK314", ...: refused
        std::set<std::string> ignore; // acknowledged but not applied (a speed too: kept)
        bool silent = false;          // answers nothing, sends nothing
    };

    SimConfigReceiver(ReceiverFamily family, int baudRate);
    ~SimConfigReceiver();
    SimConfigReceiver(const SimConfigReceiver &) = delete;
    SimConfigReceiver &operator=(const SimConfigReceiver &) = delete;

    Faults &faults() { return m_faults; }
    ReceiverFamily family() const { return m_family; }
    int baudRate() const { return m_baud; }

    // Bytes that arrived at the receiver's speed; returns its answers. A speed command takes
    // effect after its answer (which goes out at the old speed).
    std::vector<std::uint8_t> receive(std::span<const std::uint8_t> bytes);
    // The NMEA sentences switched on, for one epoch at `secondOfDay`.
    std::vector<std::uint8_t> epochOutput(int secondOfDay) const;

    // What it holds now (RAM) and what a save put in flash.
    int nmeaRate(const std::string &sentence) const;
    int savedNmeaRate(const std::string &sentence) const;
    std::uint8_t dynModel() const { return m_dynModel; }
    const ubxcfg::TimePulseConfig &timePulse() const { return m_tp; }
    bool ppsSynced() const { return m_ppsSync; }
    int ppsMode() const { return m_ppsMode; }
    bool saved() const { return m_saves > 0; }

private:
    void onUbx(const UbxFrame &f, std::vector<std::uint8_t> &out);
    void onNmea(const NmeaSentence &s, std::vector<std::uint8_t> &out);
    // True when the message is to be applied; adds the ACK or NAK.
    bool acknowledge(const std::string &name, const UbxFrame &f, std::vector<std::uint8_t> &out) const;
    bool acknowledgePmtk(const std::string &name, int command, std::vector<std::uint8_t> &out) const;
    std::vector<std::uint8_t> rates(std::uint8_t msgId) const;
    std::uint64_t ramValue(std::uint32_t key) const;
    void resetDecoder();

    ReceiverFamily m_family;
    int m_baud;
    int m_pendingBaud = 0;
    Faults m_faults;
    // u-blox: rates per NMEA message ID and port (legacy), keys (generation 9).
    std::map<std::uint8_t, std::array<std::uint8_t, 6>> m_msgRates;
    std::map<std::uint32_t, std::uint64_t> m_ram;
    std::map<std::uint32_t, std::uint64_t> m_flash;
    std::uint8_t m_dynModel = 0; // portable, the factory setting
    ubxcfg::TimePulseConfig m_tp;
    // MediaTek.
    pmtk::OutputRates m_mtkRates{};
    pmtk::OutputRates m_savedMtkRates{};
    bool m_ppsSync = false;
    int m_ppsMode = 0;
    int m_saves = 0;
    std::map<std::uint8_t, std::array<std::uint8_t, 6>> m_savedMsgRates;
    std::unique_ptr<GpsStreamDecoder> m_decoder;
    std::vector<ReceiverAnswer> m_inbox; // what the decoder framed, in order
    RealTime m_clock{};                  // only orders the decoder's bursts
};

} // namespace s1::sim
