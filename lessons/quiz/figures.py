"""The chart that explains each quiz answer: the app's own figure of that idea, drawn for the question's
numbers (the pages' builders, not copies), and one chart of its own where no page compares two policies.
Pure: no Streamlit."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np
import plotly.graph_objects as go

from lessons.alternatives import model as alternatives
from lessons.alternatives.figures import shift_bars
from lessons.boltzmann.figures import population_bars
from lessons.common.plot import ACCENT, CLASS_COLORS, base_layout, figure
from lessons.common.scales import temperature_grid, temperature_range
from lessons.common.text import number
from lessons.loss.figures import neg_log_curve
from lessons.playground.figures import probability_bars, probability_bars_title
from lessons.quiz.model import Question, policy_text
from lessons.sampling.figures import token_bars
from lessons.temperature import figures as temperature
from softmax_core import action_probabilities, entropy, softmax, softmax_sweep
from softmax_core.sampling import sampler_probabilities

Scene = Mapping[str, object]


def _temperature_of(beta: float) -> float:
    if beta == 0:
        return math.inf
    return 0.0 if math.isinf(beta) else 1 / beta


def _temperatures(*marks: float) -> np.ndarray:
    return temperature_grid(*temperature_range(*marks), per_decade=40)


def probabilities_against_temperature(scene: Scene) -> go.Figure:
    """Every class against T, with the exact limits T = 0 and ∞ at the ends: where the probability goes."""
    z, beta = np.asarray(scene["z"]), float(scene["beta"])
    t = _temperature_of(beta)
    temperatures = _temperatures(t)
    return temperature.probabilities_vs_temperature(
        temperatures, softmax_sweep(z, 1 / temperatures), scene["labels"],
        cold_limit=softmax(z, temperature=0.0), hot_limit=softmax(z, temperature=math.inf), temperature=t,
        beta=beta, current=softmax(z, beta=beta),
    )  # fmt: skip


def bars_at_infinity(scene: Scene) -> go.Figure:
    """The Playground's bars at T = ∞ beside the arg max: every class at 1/K, whatever its logit."""
    z = np.asarray(scene["z"])
    argmax = softmax(z, temperature=0.0)
    return probability_bars(
        softmax(z, temperature=math.inf), scene["labels"], argmax=argmax,
        title=probability_bars_title(math.inf),
    )  # fmt: skip


def probabilities_against_beta(scene: Scene) -> go.Figure:
    """Every class against β through negative β, the question's β marked."""
    z, beta = np.asarray(scene["z"]), float(scene["beta"])
    betas = temperature.beta_grid(temperature.beta_span(beta))
    return temperature.probabilities_vs_beta(
        betas, softmax_sweep(z, betas), scene["labels"], argmin_limit=softmax(z, beta=-math.inf),
        argmax_limit=softmax(z, beta=math.inf), beta=beta, current=softmax(z, beta=beta),
    )  # fmt: skip


def entropy_against_temperature(scene: Scene) -> go.Figure:
    """Entropy against T, the hotter of the two temperatures marked."""
    z = np.asarray(scene["z"])
    low, high = scene["temperatures"]
    temperatures = _temperatures(low, high)
    k = len(z)
    return temperature.entropy_vs_temperature(
        temperatures, entropy(softmax_sweep(z, 1 / temperatures)), units="nats", ceiling=math.log(k),
        cold_limit=float(entropy(softmax(z, temperature=0.0))), temperature=high, beta=1 / high,
        current=float(entropy(softmax(z, temperature=high))),
    )  # fmt: skip


def shifted_bars(scene: Scene) -> go.Figure:
    """The Alternatives page's panels: softmax and the normalised square at z and at z + c."""
    z, beta, c = np.asarray(scene["z"]), float(scene["beta"]), float(scene["shift"])
    with np.errstate(over="ignore"):
        shifted = z + c
    square = alternatives.MAPS_BY_KEY["square"]
    return shift_bars(
        scene["labels"], softmax(z, beta=beta), softmax(shifted, beta=beta),
        alternatives.evaluate(square, z, beta).p, alternatives.evaluate(square, shifted, beta).p, shift=c,
    )  # fmt: skip


def scaled_bars(scene: Scene) -> go.Figure:
    """The Temperature page's check: dividing by T/c gives exactly softmax(c·z / T)."""
    z = np.asarray(scene["z"])
    t, c = float(scene["temperature"]), float(scene["factor"])
    p = softmax(z, beta=c / t)  # the same number either way: c·z/T is z/(T/c)
    return temperature.scaled_logits_bars(p, p, scene["labels"], temperature=t / c, scale=c / t)


def loss_curve(scene: Scene) -> go.Figure:
    """The Loss page's −log p curve with the question's p marked."""
    return neg_log_curve(float(scene["p"]), float(scene["loss"]), label=str(scene["label"]))


def kept_tokens(scene: Scene) -> go.Figure:
    """The Sampling page's bars: the tokens top-p keeps, renormalised, and the ones it removes, hatched."""
    z, beta, threshold = np.asarray(scene["z"]), float(scene["beta"]), float(scene["top_p"])
    p = softmax(z, beta=beta)
    order = np.argsort(-p, kind="stable")  # most likely first, as the Sampling page shows them
    kept = sampler_probabilities(z, beta=beta, top_p=threshold)[order]
    removed = np.where(kept == 0, p[order], 0.0)
    labels = [scene["labels"][i] for i in order]
    zero = np.zeros(len(z))
    heights = {"kept": kept, "top_k": zero, "top_p": removed, "min_p": zero}
    count = int(np.count_nonzero(kept))
    title = f"Top-p = {number(threshold)}: {count} kept"
    return token_bars(labels, softmax(z)[order], heights, title=title)


def populations(scene: Scene) -> go.Figure:
    """The Boltzmann page's population bars of the question's levels."""
    p = np.asarray(scene["p"])
    levels = [f"E = {n}ε" if n > 1 else ("E = ε" if n == 1 else "E = 0") for n in range(len(p))]
    ground = np.zeros(len(p))
    ground[0] = 1.0
    return population_bars(
        p, levels, limit=ground, limit_name="T → 0: all in the ground state",
        title=f"Populations at kT = {number(float(scene['kT']))} ε", level_title="energy level",
    )  # fmt: skip


def policy_bars(scene: Scene) -> go.Figure:
    """Two policies' choice probabilities side by side, per arm, the greedy arm's share named in the legend.

    The Exploration page draws one policy at a time (``policy_chart``); comparing two needs both here.
    """
    q = np.asarray(scene["q"])
    greedy = q == q.max()
    arms = [f"arm {i + 1}" for i in range(len(q))]
    traces = []
    for index, policy in enumerate(scene["policies"]):
        kind, value = policy
        keyword = {"tau": value} if kind == "softmax" else {"epsilon": value}
        pi = action_probabilities(q, policy=kind, **keyword)
        other = 1.0 - float(pi[greedy].sum())
        traces.append(
            {
                "type": "bar",
                "x": arms,
                "y": pi,
                "name": f"{policy_text(policy)}: another arm {number(other, 3)}",
                "meta": f"policy-{index}",
                "marker": {"color": (ACCENT, CLASS_COLORS[3])[index]},
                "text": [number(float(v), 2) for v in pi],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{x}: π = %{y:.4g}<extra></extra>",
            }
        )
    layout = base_layout(title="How often each arm is picked", x_title="arm", y_title="probability π(arm)")
    layout["barmode"] = "group"
    layout["yaxis"].update(range=[0, 1.12], tickvals=np.linspace(0, 1, 6), tickformat=".1f")
    # Two long legend entries take two rows on a phone: room for them under the title.
    layout["legend"] = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "xanchor": "left"}
    layout["margin"] = {"t": 120}
    return figure(traces, layout)


CHARTS: dict[str, Callable[[Scene], go.Figure]] = {
    "winner_cold": probabilities_against_temperature,
    "winner_hot": probabilities_against_temperature,
    "winner_negative_beta": probabilities_against_beta,
    "top_at_infinity": bars_at_infinity,
    "entropy_order": entropy_against_temperature,
    "shift": shifted_bars,
    "scale": scaled_bars,
    "loss": loss_curve,
    "top_p": kept_tokens,
    "ground_state": populations,
    "explore": policy_bars,
}


def reveal_chart(question: Question) -> go.Figure:
    """The chart shown with the answer to ``question``."""
    return CHARTS[question.kind](question.scene)
