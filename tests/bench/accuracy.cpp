// Accuracy benchmark: runs the named simulation scenarios over several seeds and prints, per
// scenario, the median over seeds of the true RMS and maximum time error (from 210 s on), the
// bias (signed mean error), the RMS frequency error and the time to synchronise, next to
// chrony 4.8's figures measured with the same noise model in its own simulator. A ratio below
// 1 is better than chrony.
//
// Usage: s1-bench-accuracy [--seeds N] [--scenario NAME]... [--kernel-clock]
// --kernel-clock: the client steers a simulated Linux system clock through KernelClockDriver
// (as the service does without -x) and the system clock's error is measured.
#include "sim/Simulation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

constexpr int kDefaultSeeds = 20;

// chrony 4.8, median of 20 seeds in its simulator (from the project's issue on the time-keeping
// core): RMS error, max error (s), sync time (s).
struct ChronyFigures
{
    double rms, max, sync;
};
const std::map<std::string, ChronyFigures> kChrony = {
    {"default", {7.5e-5, 1.6e-4, 131}},
    {"poll-4", {1.2e-7, 6.7e-7, 33}},
    {"iburst", {7.8e-5, 1.5e-4, 5}},
    {"large-jitter", {1.65e-2, 5.6e-2, 136}},
    {"large-wander", {1.4e-4, 5.0e-4, 131}},
    {"asym-jitter", {8.0e-5, 3.2e-4, 164}},
    {"packet-loss", {4.2e-5, 1.1e-4, 358}},
    // chrony's 106-refclock-shm test in clknetsim (scripts/clknetsim-compare.sh, 20 seeds):
    // SHM samples with a 1e-4 s error, no network, 1000 s counted from 70 s.
    {"refclock-shm", {1.45e-5, 5.9e-5, 49}},
    // chrony's 133-hwtimestamp test in clknetsim (scripts/clknetsim-compare.sh, 20 seeds):
    // hardware timestamps, minpoll/maxpoll 0, xleave.
    {"hwts", {3.5e-8, 7.7e-8, 6}},
};

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string ratio(double ours, double theirs)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", theirs > 0 ? ours / theirs : 0.0);
    return buffer;
}

} // namespace

int main(int argc, char **argv)
{
    int seeds = kDefaultSeeds;
    std::vector<std::string> only;
    s1::sim::ClientClock clientClock = s1::sim::ClientClock::Virtual;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seeds") == 0 && i + 1 < argc)
            seeds = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--scenario") == 0 && i + 1 < argc)
            only.emplace_back(argv[++i]);
        else if (std::strcmp(argv[i], "--kernel-clock") == 0)
            clientClock = s1::sim::ClientClock::Kernel;
        else {
            std::fprintf(stderr, "usage: %s [--seeds N] [--scenario NAME]... [--kernel-clock]\n", argv[0]);
            return 2;
        }
    }

    std::printf("%-14s %10s %10s %6s | %10s %10s %6s | %10s %10s %6s | %7s %7s %7s | %6s\n", "scenario", "rms", "max",
                "sync", "chrony rms", "chrony max", "sync", "bias", "freq rms", "wall s", "rms x", "max x", "sync x",
                "seeds");
    for (const s1::sim::Scenario &scenario : s1::sim::standardScenarios()) {
        if (!only.empty() && std::find(only.begin(), only.end(), scenario.name) == only.end())
            continue;
        std::vector<double> rms, max, bias, freq, sync;
        std::string selection;
        const auto started = std::chrono::steady_clock::now();
        for (int seed = 1; seed <= seeds; ++seed) {
            s1::sim::Simulation simulation(scenario, static_cast<std::uint64_t>(seed), clientClock);
            const s1::sim::RunResult r = simulation.run();
            rms.push_back(r.rmsError);
            max.push_back(r.maxError);
            bias.push_back(r.meanError);
            freq.push_back(r.rmsFrequencyError);
            sync.push_back(r.syncTime);
        }
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const auto chrony = kChrony.find(scenario.name);
        if (chrony != kChrony.end()) {
            const ChronyFigures &c = chrony->second;
            std::printf("%-14s %10.3g %10.3g %6.0f | %10.3g %10.3g %6.0f | %10.3g %10.3g %6.2f | %7s %7s %7s | %6d\n",
                        scenario.name.c_str(), median(rms), median(max), median(sync), c.rms, c.max, c.sync,
                        median(bias), median(freq), wall / seeds, ratio(median(rms), c.rms).c_str(),
                        ratio(median(max), c.max).c_str(), ratio(median(sync), c.sync).c_str(), seeds);
        } else {
            std::printf("%-14s %10.3g %10.3g %6.0f | %10s %10s %6s | %10.3g %10.3g %6.2f | %7s %7s %7s | %6d\n",
                        scenario.name.c_str(), median(rms), median(max), median(sync), "-", "-", "-", median(bias),
                        median(freq), wall / seeds, "-", "-", "-", seeds);
        }
        std::fflush(stdout);
    }
    return 0;
}
