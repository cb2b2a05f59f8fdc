"""Time softmax_core.bandit.testbed (vectorised over runs) against the plain per-run loop, in one process.

    python3 benchmarks/bench_bandit.py

The baseline is the testbed as Sutton & Barto's pseudo-code writes it (§2.4): one agent at a time,
one step at a time, the arm drawn with ``rng.choice(k, p=π)`` and π from the core's `softmax` on the
agent's own k estimates. It is timed on a slice of the runs and scaled to the full count (a run costs
the same whichever it is); the two alternate in rounds so that both see the same machine state, and
each keeps its best round. The ratio is vectorised / per-run: below 1 is faster.

Target (issue 16): 2000 runs x 1000 steps in at most 2 s for every policy. Both the wall time and the
process's CPU time are printed: on a machine shared with other work the wall time includes waiting
for a core (the load average is printed too), so the target is checked on the CPU time, what the
code itself costs; on an idle machine the two agree. The exit status is 0 when it is met, 1 otherwise.
The average rewards of both are printed as a check that they simulate the same thing (the per-run
loop's is over its slice of runs only, so it is noisier).
"""

from __future__ import annotations

import math
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

RUNS, STEPS, ARMS = 2000, 1000, 10
BASELINE_RUNS = 40  # the per-run loop takes ~25 µs a step: 40 runs x 1000 steps ≈ 1 s a round
ROUNDS = 3
TARGET_SECONDS = 2.0
CASES = (
    ("softmax, τ = 0.2", {"policy": "softmax", "tau": 0.2}),
    ("ε-greedy, ε = 0.1", {"policy": "epsilon-greedy", "epsilon": 0.1}),
    ("greedy", {"policy": "greedy"}),
    ("gradient, α = 0.1, q* ≈ 4", {"policy": "gradient", "alpha": 0.1, "reward_shift": 4.0}),
)


def per_run_testbed(*, policy, runs, steps, seed, tau=None, epsilon=None, alpha=None, reward_shift=0.0):
    """The testbed one agent at a time: the plain loop a reader would write first. Mean reward per step."""
    from softmax_core import softmax

    rng = np.random.default_rng(seed)
    rewards = np.zeros(steps)
    for _ in range(runs):
        q_true = reward_shift + rng.standard_normal(ARMS)
        estimates = np.zeros(ARMS)
        counts = np.zeros(ARMS)
        average = 0.0
        for t in range(1, steps + 1):
            if policy == "softmax":
                p = softmax(estimates, temperature=tau)
            elif policy == "gradient":
                p = softmax(estimates)
            else:
                best = np.flatnonzero(estimates == estimates.max())
                p = np.zeros(ARMS)
                p[best] = 1.0 / best.size
                if policy == "epsilon-greedy":
                    p = (1 - epsilon) * p + epsilon / ARMS
            arm = rng.choice(ARMS, p=p)
            reward = q_true[arm] + rng.standard_normal()
            counts[arm] += 1
            if policy == "gradient":
                baseline = reward if t == 1 else average
                estimates -= alpha * (reward - baseline) * p
                estimates[arm] += alpha * (reward - baseline)
                average += (reward - average) / t
            else:
                estimates[arm] += (reward - estimates[arm]) / counts[arm]
            rewards[t - 1] += reward
    return rewards / runs


def _seconds(function) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, average reward) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    mean_reward = function()
    return time.perf_counter() - wall, time.process_time() - cpu, float(np.mean(mean_reward))


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from softmax_core.bandit import testbed

    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, best of {ROUNDS} interleaved rounds; {RUNS} runs x {STEPS} steps, "
        f"k = {ARMS}; load average {os.getloadavg()[0]:.1f}"
    )
    print()
    print(
        "| policy | vectorised CPU (wall) | per-run loop CPU (wall), scaled | ratio (CPU) "
        "| average reward (vectorised / per-run) |"
    )
    print("|---|---:|---:|---:|---|")
    met = True
    for label, parameters in CASES:

        def vectorised(parameters=parameters):
            return testbed(runs=RUNS, steps=STEPS, arms=ARMS, seed=1, **parameters).mean_reward

        def per_run(parameters=parameters):
            return per_run_testbed(runs=BASELINE_RUNS, steps=STEPS, seed=1, **parameters)

        best = {"vectorised": [math.inf, math.inf], "per-run": [math.inf, math.inf]}
        rewards = {}
        for round_ in range(ROUNDS):
            order = (("vectorised", vectorised), ("per-run", per_run))
            for name, function in order if round_ % 2 == 0 else reversed(order):
                wall, cpu, rewards[name] = _seconds(function)
                scale = 1 if name == "vectorised" else RUNS / BASELINE_RUNS
                best[name] = [min(best[name][0], cpu * scale), min(best[name][1], wall * scale)]
        (cpu, wall), (loop_cpu, loop_wall) = best["vectorised"], best["per-run"]
        met = met and cpu <= TARGET_SECONDS
        print(
            f"| {label} | {cpu:.2f} s ({wall:.2f} s) | {loop_cpu:.1f} s ({loop_wall:.1f} s) "
            f"| {cpu / loop_cpu:.3f}x | {rewards['vectorised']:.3f} / {rewards['per-run']:.3f} |"
        )
    print()
    print(
        f"Target ({RUNS} runs x {STEPS} steps in ≤ {TARGET_SECONDS:.0f} s of CPU): "
        + ("met" if met else "NOT met")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
