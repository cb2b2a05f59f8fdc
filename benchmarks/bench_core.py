"""Time softmax_core.softmax against scipy.special.softmax, interleaved in one process.

    python3 benchmarks/bench_core.py

For each size both functions run on the same float64 input, alternating in rounds so that both see
the same machine state (frequency, caches, other load); each takes the best of its rounds. The
ratio is ours / SciPy's: below 1 is faster. Target (issue 2): never slower than SciPy, and at most
0.6x SciPy's time at K = 1,000,000. The exit status is 0 when the target is met, 1 otherwise.
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

import numpy as np
import scipy
import scipy.special

ROUNDS = 15
TARGET_LARGE = 0.6  # ratio at K = 1,000,000
# (label, shape, calls per round): enough calls that one round lasts a few milliseconds.
CASES = (
    ("K = 3", (3,), 2000),
    ("K = 10", (10,), 2000),
    ("K = 1,000", (1000,), 1000),
    ("K = 1,000,000", (1_000_000,), 5),
    ("1000 x 1000 batch", (1000, 1000), 5),
)


def _best_time(function, z: np.ndarray, calls: int) -> float:
    """Seconds per call of one round of ``calls`` calls."""
    start = time.perf_counter()
    for _ in range(calls):
        function(z)
    return (time.perf_counter() - start) / calls


def _compare(ours, theirs, z: np.ndarray, calls: int) -> tuple[float, float]:
    """Best time per call of each, over interleaved rounds (alternating which goes first)."""
    best_ours = best_theirs = float("inf")
    for round_ in range(ROUNDS):
        pair = ((ours, "ours"), (theirs, "theirs"))
        for function, name in pair if round_ % 2 == 0 else reversed(pair):
            seconds = _best_time(function, z, calls)
            if name == "ours":
                best_ours = min(best_ours, seconds)
            else:
                best_theirs = min(best_theirs, seconds)
    return best_ours, best_theirs


def _format_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    return f"{seconds * 1e3:.2f} ms"


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from softmax_core import softmax

    def ours(z):
        return softmax(z, axis=-1)

    def theirs(z):
        return scipy.special.softmax(z, axis=-1)

    rng = np.random.default_rng(20240601)
    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, SciPy {scipy.__version__}, "
        f"{platform.machine()}, best of {ROUNDS} interleaved rounds"
    )
    print()
    print("| input | softmax_core | scipy.special.softmax | ratio |")
    print("|---|---:|---:|---:|")
    met = True
    for label, shape, calls in CASES:
        z = rng.normal(scale=5.0, size=shape)
        np.testing.assert_allclose(ours(z), theirs(z), rtol=1e-12, atol=1e-300)
        mine, scipys = _compare(ours, theirs, z, calls)
        ratio = mine / scipys
        limit = TARGET_LARGE if shape == (1_000_000,) else 1.0
        met = met and ratio <= limit
        print(f"| {label} | {_format_seconds(mine)} | {_format_seconds(scipys)} | {ratio:.2f}x |")
    print()
    print(f"Target (never slower; at most {TARGET_LARGE}x at K = 1,000,000): {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
