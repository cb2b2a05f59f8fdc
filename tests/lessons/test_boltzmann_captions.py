"""What the Boltzmann page writes beside its charts (lessons.boltzmann.captions), branch by branch."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lessons.boltzmann import captions, model


def scene(system="Two-level", kT=1.0, *, units="dimensionless", logits=(2.0, 1.0, 0.1)):
    made = model.make_system(
        system, logits=np.array(logits), labels=("a", "b", "c")[: len(logits)], levels=None
    )
    return model.scene_of(made, model.make_units(units, 25.85), kT)


@pytest.mark.parametrize(
    ("kT", "expected", "bracket"),
    [
        (1.0, "one kT higher, 37 % as many", True),
        (0.0, "At T = 0 only the ground level is populated", False),
        (math.inf, "every level holds 1/K", False),
        (-1.0, "**Population inversion**", True),
        (-0.0, "**Population inversion**", False),
    ],
)
def test_populations_caption_follows_the_temperature(kT, expected, bracket):
    text = captions.populations(scene(kT=kT))
    assert expected in text
    assert ("The orange bracket on the diagram is kT" in text) == bracket


def test_populations_caption_says_why_the_units_changed():
    text = captions.populations(scene("My logits", units="meV", logits=(1e308, -1e308)))
    assert text.endswith(
        "so this page shows them in units of ε. Levels this far apart are drawn in units of 10³⁰⁸ ε."
    )


def test_thermodynamics_caption_names_the_schottky_anomaly_of_two_levels():
    s = scene()
    text = captions.thermodynamics(s, model.thermal_curves(s))
    assert "peaks at kT = 0.4168 ε with C = 0.4392 $k_B$: the **Schottky anomaly**" in text
    assert "For two levels it sits at kT ≈ 0.42 ΔE." in text and "ln K = 0.6931" in text


def test_thermodynamics_caption_of_the_degenerate_ground_and_the_ladder():
    degenerate = scene("Degenerate")
    assert "The twofold ground level moves it" in captions.thermodynamics(
        degenerate, model.thermal_curves(degenerate)
    )
    ladder = scene("Ladder")
    text = captions.thermodynamics(ladder, model.thermal_curves(ladder))
    assert "where the thermal energy reaches the most new levels" in text and "cut off at N levels" in text


def test_thermodynamics_caption_at_a_limit_and_below_zero():
    zero = scene(kT=0.0)
    assert "marked at the end of the axis" in captions.thermodynamics(zero, model.thermal_curves(zero))
    negative = scene("Ladder", kT=-2.0)
    text = captions.thermodynamics(negative, model.thermal_curves(negative))
    assert "The dashed curves are the negative temperatures" in text
    assert "This spectrum is symmetric about its middle" in text  # an evenly spaced ladder is


def test_max_entropy_caption_never_points_at_grey_dots_hidden_under_the_curve():
    # Two levels: every random distribution lies on the curve, so no grey dot shows at the default view.
    two = captions.max_entropy(scene())
    assert two.startswith("With two levels") and "hidden under it" in two and "Each grey dot" not in two
    ladder = captions.max_entropy(scene("Ladder"))
    assert ladder.startswith("Each grey dot") and "the upper edge of the cloud" in ladder
