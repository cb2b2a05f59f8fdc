"""The arg max limit: as β → ∞ softmax becomes the one-hot arg max — how fast, where it is slow, the path it
takes, and the smooth max whose gradient it is."""

import functools
from collections.abc import Callable, Hashable

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import ui
from lessons.argmax_limit import captions, charts, model
from lessons.argmax_limit.params import EPS
from softmax_core import smooth_max
from ui import instant_chart, instant_numbers
from ui.layout import side_by_side

Chart = Callable[[model.Scene], go.Figure]  # a chart of the scene at one β


@st.cache_data(max_entries=64, show_spinner=False)
def convergence(logits: tuple[float, ...], side: int, decades: tuple[float, float]) -> model.Convergence:
    """σ_β(z), its distance to the limit and the smooth max over the |β| axis."""
    return model.convergence(np.array(logits), side, decades)


@st.cache_data(max_entries=64, show_spinner=False)
def simplex(logits: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """σ_β of three logits for β from −∞ to +∞."""
    return model.simplex_sweep(np.array(logits))


def sweep(scene: model.Scene) -> model.Convergence:
    """The convergence curves of this scene, cached across reruns and stops of the slider."""
    return convergence(tuple(scene.z.tolist()), scene.side, scene.axis.decades)


def follow(chart: Chart, view: ui.View, key: str, inputs: Hashable = ()) -> None:
    """Draw ``chart`` of the scene now; it follows the temperature slider (at a stop, the scene there)."""
    instant_chart.follow(lambda at: chart(scene_of(view, at.beta)), view.state, key=key, inputs=inputs)


def scene_of(view: ui.View, beta: float) -> model.Scene:
    """The page's scene: the view's logits and labels at ``beta``."""
    return scene_at(view.state.logits, view.labels, beta)


@functools.lru_cache(maxsize=32)
def scene_at(logits: tuple[float, ...], labels: tuple[str, ...], beta: float) -> model.Scene:
    """The scene at ``beta``, built once for the charts and texts that follow the slider to it."""
    z = np.array(logits)
    z.flags.writeable = False
    return model.Scene.of(z, beta, labels)


def text(source: Callable[[model.Scene], str], view: ui.View, key: str) -> None:
    """Markdown of the scene now, its numbers following the temperature slider as the charts do (the text
    at each β written once a run, though the current one is asked for more than once)."""
    written = functools.cache(lambda beta: source(scene_of(view, beta)))
    instant_numbers.markdown(lambda at: written(at.beta), view.state, key=key)


@ui.section("convergence")
def section_convergence(view: ui.View) -> None:
    """σ_β(z) tends to the one-hot limit; the distance to it falls like e^(−|β|·gap)."""
    scene = scene_of(view, view.beta)
    st.latex(model.distance_formula(scene.limit))
    paths, distance = side_by_side("convergence")
    with paths:
        follow(lambda there: charts.probabilities_chart(there, sweep(there)), view, key="probabilities")
        text(captions.convergence, view, key="limit_story")
    with distance:
        follow(lambda there: charts.distance_chart(there, sweep(there)), view, key="distance")
        text(lambda there: captions.rate(there, model.distance_now(there)), view, key="distance_rate")


def near_tie(view: ui.View) -> None:
    """σ_β(1, 1 + ε) for several ε: the closer the tie, the later the limit."""
    chart = st.container()  # above its slider (lined up with the simplex beside it), drawn after it
    epsilon = float(
        st.select_slider(
            "ε, the gap between the logits 1 and 1 + ε", options=EPS.choices, value=EPS.default,
            key=EPS.name, bind="query-params",
            help="Negative ε puts the second logit below the first: σ_β(1, 1 + ε) then tends to (1, 0).",
        )
    )  # fmt: skip
    with chart:
        follow(lambda there: charts.near_tie_chart(there, epsilon), view, key="near_tie", inputs=epsilon)
    text(
        lambda there: captions.near_tie(there, epsilon, *model.near_tie_now(epsilon, there.beta)),
        view, key="near_tie_story",
    )  # fmt: skip


def simplex_path(view: ui.View) -> None:
    """The path of σ_β(z) from the arg min through the uniform centre to the arg max."""
    scene = scene_of(view, view.beta)
    chosen = model.three_classes(scene.z)
    path = simplex(tuple(scene.z[chosen].tolist())) if scene.z.size > 2 else None
    follow(lambda there: charts.simplex_chart(there, path), view, key="simplex")
    if scene.z.size == 2:
        st.markdown(captions.logistic(scene.beta, model.logistic_axis(scene.z, scene.beta).pinned))
    else:
        st.markdown(captions.simplex(scene, chosen))


@ui.section("near_tie")
def section_near_tie_and_simplex(view: ui.View) -> None:
    """Near a tie the limit comes late; beside it, the whole path from the arg min to the arg max."""
    st.subheader("Near a tie the limit is slow; the path through the simplex")
    tie_column, simplex_column = side_by_side("near_tie")
    with tie_column:
        near_tie(view)
    with simplex_column:
        simplex_path(view)


@ui.section("smooth_max")
def section_smooth_max_and_ties(view: ui.View) -> None:
    """The smooth max (1/β) log Σ e^{βz}, squeezed onto max z (softmax is its gradient); how ties split."""
    st.subheader("The smooth max, and ties in the limit")
    smooth_column, ties_column = side_by_side("smooth_max")
    with smooth_column:
        follow(lambda there: charts.smooth_max_chart(there, sweep(there)), view, key="smooth_max")
        text(
            lambda there: captions.smooth_max(there, float(smooth_max(there.z, there.beta))),
            view, key="smooth_max_bounds",
        )  # fmt: skip
    with ties_column:
        text(captions.ties, view, key="ties_tables")


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    section_convergence(view)
    section_near_tie_and_simplex(view)
    section_smooth_max_and_ties(view)


shell = ui.setup(__file__)
st.title("The arg max limit")
st.markdown(
    "Softmax is named after the **arg max** it softens: as the inverse temperature β = 1/T grows, "
    "$\\sigma_\\beta(z)$ piles its probability onto the largest logit, and in the limit it *is* the "
    "one-hot arg max (β → −∞ gives the arg min). How fast, why slowly near a tie, along which path, and "
    "the **smooth max** whose gradient softmax is — all for the logits and temperature in the sidebar."
)
shell.live(draw, follows=True)
