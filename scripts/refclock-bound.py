#!/usr/bin/env python3
"""How well can any client do in clknetsim's 106-refclock-shm row (tests/bench/README.md)?

The row's client reads a reference clock once a second (test.common's refclock expression: the
true time plus 1e-4 s of normal noise), its clock's frequency walks 1e-9 a second (default
wander), and it updates its clock at each 16 s poll (poll 4). The RMS of the true offset from
70 s to 1000 s is the row's figure. This models that and compares, over many draws:
  chrony  chrony's filter (the middle 10 of each poll's 16 offsets averaged) and an unweighted
          least-squares line through the last 64 filtered samples (chrony keeps every sample
          of this run: white residuals pass its runs test);
  mean    the same with each poll's plain mean (what our filter gives normal noise);
  kalman  the least mean-square-error estimate: a Kalman filter told the true noise and wander,
          fed every sample, its estimate applied at each poll as the configuration asks;
  kalman1 the same applied every second: better than the configured poll allows any client.
The estimates carry the offset line forward between updates; the clock's own slewing is left
out (every client pays for it alike).
usage: scripts/refclock-bound.py [TRIALS]   (needs python3-numpy)
"""
import sys

import numpy as np

NOISE = 1e-4        # s, the refclock's normal noise per sample (106's refclock_jitter = jitter)
WANDER = 1e-9       # 1/sqrt(s): the frequency's random walk per second (test.common's wander)
POLL = 16           # s, samples per filtered sample (poll 4, one sample a second)
LIMIT = 1000        # s, the run's length
START = 70          # s, the row's max_sync_time: the RMS counts from here
MAX_SAMPLES = 64    # chrony's default maxsamples for a reference clock's regression
CHRONY_DROP = 3     # samples dropped at each end of a 16-sample poll: 16 * 0.4 / 2


def kalman(y, every):
    step = np.array([[1.0, 1.0], [0.0, 1.0]])
    q = WANDER ** 2
    process = np.array([[q / 3, q / 2], [q / 2, q]])
    state, cov = np.zeros(2), np.diag([1.0, 1e-6])
    estimate, held = np.full(len(y), np.nan), None
    for k in range(len(y)):
        if k > 0:
            state, cov = step @ state, step @ cov @ step.T + process
        gain = cov[:, 0] / (cov[0, 0] + NOISE ** 2)
        state = state + gain * (y[k] - state[0])
        cov = cov - np.outer(gain, cov[0, :])
        if (k + 1) % every == 0:
            held = (k, state.copy())
        if held is not None:
            estimate[k] = held[1][0] + held[1][1] * (k - held[0])
    return estimate


def polled_line(y, chrony_filter):
    estimate, times, offsets = np.full(len(y), np.nan), [], []
    for p in range(len(y) // POLL):
        t = np.arange(p * POLL, (p + 1) * POLL)
        poll = y[t]
        kept = np.argsort(poll)[CHRONY_DROP:POLL - CHRONY_DROP] if chrony_filter else np.arange(POLL)
        times.append(t[kept].mean())
        offsets.append(poll[kept].mean())
        x, o = np.array(times[-MAX_SAMPLES:]), np.array(offsets[-MAX_SAMPLES:])
        slope, intercept = np.polyfit(x, o, 1) if len(x) >= 2 else (0.0, o[0])
        end = (p + 1) * POLL
        k = np.arange(end, min(end + POLL, len(y)))
        estimate[k] = intercept + slope * k
    return estimate


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    rng = np.random.default_rng(106)
    rms = {'chrony': [], 'mean': [], 'kalman': [], 'kalman1': []}
    for _ in range(trials):
        frequency = np.cumsum(WANDER * rng.normal(size=LIMIT))
        truth = np.cumsum(frequency)
        y = truth + NOISE * rng.normal(size=LIMIT)
        estimates = {'chrony': polled_line(y, True), 'mean': polled_line(y, False),
                     'kalman': kalman(y, POLL), 'kalman1': kalman(y, 1)}
        for k, e in estimates.items():
            rms[k].append(np.sqrt(np.mean((e - truth)[START:] ** 2)))
    rms = {k: np.array(v) for k, v in rms.items()}
    print(f'{trials} draws; RMS true offset {START}-{LIMIT} s, median over draws, and / chrony:')
    for k, v in rms.items():
        paired = np.exp(np.mean(np.log(v / rms['chrony'])))
        print(f'  {k:8s} {np.median(v):.3e} s  medians {np.median(v) / np.median(rms["chrony"]):.3f}, '
              f'paired {paired:.3f}')


if __name__ == '__main__':
    main()
