"""How long the Distillation page's teacher and students take to train, and a whole first visit's worth.

    python3 benchmarks/bench_distillation.py [--rounds 3]

Each model trains exactly as the page trains it (`lessons.distillation.model`, one BLAS thread): the
teacher, and a student for each way of training, on the default transfer set (50 digits) and on the
largest (1,000). Every time is the best of its rounds. The last line times every student a first visit at
the default settings trains (the page caches each one, so later moves retrain only what changed).

Target (issue 18): a student trains in at most 2 s. The exit status is 0 when every student meets it.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lessons.distillation import model
from lessons.distillation.model import HARD, Recipe, Settings

TARGET_SECONDS = 2.0
SEED = 0


def best_time(function: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def first_visit(teacher) -> list[Recipe]:
    """Every distinct student the page trains at its defaults (T = 1), in the order it trains them."""
    settings = Settings(SEED, 50, 0.5, True, 1.0)
    recipes = list(model.three_ways(settings.temperature, settings.alpha, settings.t_squared))
    for t_squared in (True, False):
        recipes += [r for rs in model.sweep_recipes(settings.alpha, t_squared=t_squared).values() for r in rs]
    return list(dict.fromkeys(recipes))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per model (default 3)")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, NumPy {np.__version__}, {platform.machine()}, ", end="")
    print(f"best of {args.rounds}")
    print()
    print("| model | transfer set | time |")
    print("|---|---:|---:|")
    teacher_time = best_time(lambda: model.train_teacher(SEED), args.rounds)
    name = f"teacher: network, {model.TEACHER_HIDDEN} hidden units"
    print(f"| {name} | {model.TRAIN_SIZE:,} | {teacher_time:.2f} s |")
    teacher = model.train_teacher(SEED)
    met = True
    for size in (50, 1000):
        for recipe in (HARD, Recipe(4.0, 1.0), Recipe(20.0, 0.5), Recipe(20.0, 0.5, t_squared=False)):
            seconds = best_time(lambda r=recipe, n=size: model.train_one(SEED, teacher, n, r), args.rounds)
            met &= seconds <= TARGET_SECONDS
            print(f"| student: {recipe.name} | {size:,} | {seconds:.2f} s |")
    recipes = first_visit(teacher)
    start = time.perf_counter()
    for recipe in recipes:
        model.train_one(SEED, teacher, 50, recipe)
    print(
        f"\nA first visit's {len(recipes)} students (50 digits): {time.perf_counter() - start:.1f} s in all"
    )
    print(f"Target: every student ≤ {TARGET_SECONDS:g} s: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
