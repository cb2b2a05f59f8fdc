"""The arg max limit page's charts, each a pure function of the scene: the logits, the labels and β in
(with what the page computed once for the logits), a figure out.

The page draws them with ``ui.instant_chart.follow``, which also builds them at the slider's stops near
the current one so the browser can move them before the server answers: each has the same traces at
every β, of either sign (what is not drawn at one is hidden, not left out).
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from lessons.argmax_limit import figures, model
from softmax_core import argmax_onehot, argmin_onehot, smooth_max, softmax, softmax_sweep


def marked(beta: float, x: float, y: np.ndarray | float, pinned: model.Pinned) -> figures.Current:
    """The current β drawn at ``x`` (an end of the axis where ``pinned``), with its values ``y``."""
    return figures.Current(x, y, figures.current_label(beta, pinned), pinned)


def current_of(scene: model.Scene, y: np.ndarray | float) -> figures.Current:
    """The scene's β on its |β| axis, with its values ``y`` on a chart."""
    return marked(scene.beta, scene.axis.marker, y, scene.axis.pinned)


def probabilities_chart(scene: model.Scene, curves: model.Convergence) -> go.Figure:
    """σ_β(z) of each class over the scene's |β| axis (``curves``), towards its one-hot limit."""
    return figures.probability_paths(
        curves.x,
        curves.probabilities,
        scene.labels,
        shown=model.shown_classes(scene.z, scene.side),
        limit=scene.limit.onehot,
        limit_name=scene.limit_name,
        decades=scene.axis.decades,
        current=current_of(scene, scene.p),
        x_title=scene.x_title,
        title=f"σ<sub>β</sub>(z) tends to the one-hot {scene.limit.name}",
        subtitle="one line per class; diamonds: the limit",  # lines up with the distance chart
    )


def distance_chart(scene: model.Scene, curves: model.Convergence) -> go.Figure:
    """The L1 distance to the scene's limit over its |β| axis, with the asymptote and, for a tie, the
    distance to a one-hot that ignores it."""
    limit = scene.limit
    # With a tie, also the distance to the first tied class's one-hot, which never falls to 0.
    first = model.distance_to_first_winner(curves.probabilities, limit.first_winner)
    return figures.distance_chart(
        curves.x,
        curves.distance,
        asymptote=None if limit.log10_gap is None else curves.asymptote,
        asymptote_name="asymptote 2(n/m) e<sup>−|β|·gap</sup>",
        first_winner=first if limit.ties > 1 else None,
        decades=scene.axis.decades,
        current=current_of(scene, model.distance_now(scene)),
        x_title=scene.x_title,
        limit_name=limit.name,
        title=f"Distance to the {limit.name}",
        subtitle="how fast σ<sub>β</sub>(z) gets there (L1 norm)",
    )


def near_tie_chart(scene: model.Scene, epsilon: float) -> go.Figure:
    """σ_β(1, 1 + ε) for the reference ε and the chosen one, the scene's β marked on the chosen curve."""
    tie = model.near_tie(epsilon, scene.beta)
    return figures.near_tie_chart(
        tie.x,
        tie.curves,
        chosen=epsilon,
        converged=tie.converged,
        current=marked(scene.beta, tie.marker, float(tie.pair[1]), tie.pinned),
        x_title=scene.x_title,
    )


def simplex_chart(scene: model.Scene, path: tuple[np.ndarray, np.ndarray]) -> go.Figure:
    """The path of σ_β over the scene's three chosen classes (``path``: ``model.simplex_sweep`` of their
    logits), or for two classes the logistic curve, the scene's β marked."""
    z, beta = scene.z, scene.beta
    if z.size == 2:
        two = model.logistic_axis(z, beta)
        betas = two.grid()
        return figures.logistic_path(
            betas,
            softmax_sweep(z, betas),
            (argmin_onehot(z), argmax_onehot(z)),
            scene.labels,
            current=marked(beta, two.marker, scene.p, two.pinned),
            half_width=two.half_width,
        )
    chosen = model.three_classes(z)
    return figures.simplex_path(
        *path,
        [scene.labels[i] for i in chosen],
        current=marked(beta, 0.0, softmax(z[chosen], beta=beta), None),
        title="The path of σ<sub>β</sub>(z) on the simplex",
        subtitle=None if z.size == 3 else f"3 of its {z.size} classes, named below",
    )


def smooth_max_chart(scene: model.Scene, curves: model.Convergence) -> go.Figure:
    """The smooth max (or min, for β < 0) over the scene's |β| axis, squeezed onto max z (min z)."""
    return figures.smooth_max_chart(
        curves.x,
        curves.smooth,
        extreme=scene.extreme,
        log_k=math.log(scene.z.size),
        side=scene.side,
        decades=scene.axis.decades,
        y_range=model.smooth_max_range(scene.limit, scene.extreme),
        current=current_of(scene, float(smooth_max(scene.z, scene.beta))),
        x_title=scene.x_title,
    )
