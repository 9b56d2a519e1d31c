#!/usr/bin/env python3
"""How well can any client do in clknetsim's 109-makestep row (tests/bench/README.md)?

The row is judged on the true offset from 150 s to 200 s of the run, when a client polling every
64 s has measured 3 offsets (at 0, 64 and 128 s) and, from 192 s, a fourth. This models what
those measurements carry, as test.common sets them up: each direction's delay is
base + jitter * Exp(1) (base 1e-4 s, jitter 1e-5 s), so a measured offset is off by half the
difference of two such delays. Given the excess round-trip delay s, that error is uniform on
[-s/2, s/2]; no estimator knows more than the offsets and the delays.

It compares, over many draws of the network (the clock's own frequency error drops out, it is
the same line for every estimator):
  ols     plain least squares over the samples;
  chrony  chrony's weighted regression (weights (1 + 0.7 * (delay - min delay) / sd)^-2);
  bound   the posterior mean of the offset line under a flat prior, told the true base delay, so
          it knows each sample's error interval exactly: the least mean-square-error estimate
          there is, and better than any client can do without knowing the base delay.
The ratio "bound / chrony" is how far below chronyd any client could get in this row.
usage: scripts/makestep-bound.py [TRIALS]   (needs python3-numpy)
"""
import sys

import numpy as np

BASE_DELAY = 1e-4    # s, each direction (test.common's default_base_delay)
JITTER = 1e-5        # s, scale of each direction's exponential delay (109's jitter)
POLL = 64.0          # s, the client's polling interval (default minpoll 6)
WINDOW = (150, 200)  # s, the part of the run the row's RMS covers (max_sync_time .. limit)
CHRONY_SD_TO_DIST_RATIO = 0.7
SLOPES = np.linspace(-2e-6, 2e-6, 4001)  # frequency grid of the posterior, wide enough for s ~ 1e-5


def weighted_line(t, y, w):
    wm = w.sum()
    tm, ym = (w * t).sum() / wm, (w * y).sum() / wm
    slope = (w * (t - tm) * (y - ym)).sum() / (w * (t - tm) ** 2).sum()
    return ym - slope * tm, slope


def chrony_line(t, y, delay):
    n = len(t)
    a, b = weighted_line(t, y, np.ones(n))
    sd = np.sqrt(max(((y - a - b * t) ** 2).sum() / max(n - 2, 1), 1e-14))
    return weighted_line(t, y, (1 + CHRONY_SD_TO_DIST_RATIO * (delay - delay.min()) / sd) ** -2)


def posterior_mean(t, y, excess, at):
    """Mean of a + b * at over the (a, b) whose line lies within every sample's interval."""
    b = SLOPES[:, None]
    lo = np.max(y - b * t - excess / 2, axis=1)
    hi = np.min(y - b * t + excess / 2, axis=1)
    width = np.clip(hi - lo, 0, None)
    mid = (lo + hi) / 2
    return ((mid[:, None] + SLOPES[:, None] * at[None, :]) * width[:, None]).sum(0) / width.sum()


def main():
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rng = np.random.default_rng(109)
    times = POLL * np.arange(4)
    grid = np.arange(WINDOW[0], WINDOW[1] + 1, dtype=float)
    phases = [(3, grid[grid < times[3]]), (4, grid[grid >= times[3]])]
    rms = {'ols': [], 'chrony': [], 'bound': []}
    for _ in range(trials):
        up = BASE_DELAY + JITTER * rng.exponential(size=4)
        down = BASE_DELAY + JITTER * rng.exponential(size=4)
        error, delay = (up - down) / 2, up + down
        errors = {k: [] for k in rms}
        for n, at in phases:
            t, y, d = times[:n], error[:n], delay[:n]
            a, b = weighted_line(t, y, np.ones(n))
            errors['ols'].append(a + b * at)
            a, b = chrony_line(t, y, d)
            errors['chrony'].append(a + b * at)
            errors['bound'].append(posterior_mean(t, y, d - 2 * BASE_DELAY, at))
        for k in rms:
            rms[k].append(np.sqrt(np.mean(np.concatenate(errors[k]) ** 2)))
    rms = {k: np.array(v) for k, v in rms.items()}
    print(f'{trials} draws; RMS true offset {WINDOW[0]}-{WINDOW[1]} s, median over draws:')
    for k, v in rms.items():
        print(f'  {k:7s} {np.median(v):.3e} s')
    paired = np.exp(np.mean(np.log(rms['bound'] / rms['chrony'])))
    print(f'bound / chrony: medians {np.median(rms["bound"]) / np.median(rms["chrony"]):.3f}, '
          f'paired geometric mean {paired:.3f}')


if __name__ == '__main__':
    main()
