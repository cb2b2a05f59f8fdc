"""The arg max limit: as β → ∞ softmax becomes the one-hot arg max — how fast, where it is slow, the path it
takes, and the smooth max whose gradient it is."""

import math

import numpy as np
import streamlit as st

import ui
from lessons.argmax_limit import captions, figures, model
from lessons.argmax_limit.params import EPS
from softmax_core import argmax_onehot, argmin_onehot, distance_to_limit, smooth_max, softmax, softmax_sweep
from ui import instant_chart
from ui.charts import show

shell = ui.setup(__file__)
st.title("The arg max limit")
st.markdown(
    "Softmax is named after the **arg max** it softens: as the inverse temperature β = 1/T grows, "
    "$\\sigma_\\beta(z)$ piles its probability onto the largest logit, and in the limit it *is* the "
    "one-hot arg max (β → −∞ gives the arg min). How fast, why slowly near a tie, along which path, and "
    "the **smooth max** whose gradient softmax is — all for the logits and temperature in the sidebar."
)


@st.cache_data(max_entries=64, show_spinner=False)
def convergence(logits: tuple[float, ...], side: int, decades: tuple[float, float]) -> model.Convergence:
    """σ_β(z), its distance to the limit and the smooth max over the |β| axis: the first charts and the
    smooth max chart."""
    return model.convergence(np.array(logits), side, decades)


@st.cache_data(max_entries=64, show_spinner=False)
def simplex(logits: tuple[float, ...]):
    """σ_β of three logits for β from −∞ to +∞."""
    return model.simplex_sweep(np.array(logits))


def sweep(scene: model.Scene) -> model.Convergence:
    """The convergence curves of this scene, cached across reruns."""
    return convergence(tuple(scene.z.tolist()), scene.side, scene.axis.decades)


def current(scene: model.Scene, y) -> figures.Current:
    """The current β on the |β| axis, with its values ``y`` on a chart."""
    axis = scene.axis
    return figures.Current(axis.marker, y, figures.current_label(scene.beta, axis.pinned), axis.pinned)


def section_convergence(view: ui.View) -> None:
    """σ_β(z) tends to the one-hot limit; the distance to it falls like e^(−|β|·gap)."""
    scene = model.Scene.of(view.logits, view.beta, view.labels)
    limit = scene.limit
    curves = sweep(scene)
    st.latex(model.distance_formula(limit))
    left, right = st.columns(2, gap="large")
    with left:

        def paths(at):  # the chart at any stop of the slider: it follows the thumb
            there = model.Scene.of(view.logits, at.beta, view.labels)
            return figures.probability_paths(
                sweep(there).x,
                sweep(there).probabilities,
                there.labels,
                shown=model.shown_classes(there.z, there.side),
                limit=there.limit.onehot,
                limit_name=there.limit_name,
                decades=there.axis.decades,
                current=current(there, there.p),
                x_title=there.x_title,
                title=f"σ<sub>β</sub>(z) tends to the one-hot {there.limit.name}",
                subtitle="one line per class; diamonds: the limit",  # lines up with the distance chart
            )

        instant_chart.follow(paths, view.state, key="probabilities")
        st.markdown(captions.convergence(scene))
    now = float(distance_to_limit(scene.z, scene.beta))
    with right:
        show(
            figures.distance_chart(
                curves.x,
                curves.distance,
                asymptote=None if limit.log10_gap is None else curves.asymptote,
                asymptote_name="asymptote 2(n/m) e<sup>−|β|·gap</sup>",
                first_winner=(
                    model.distance_to_first_winner(curves.probabilities, limit.first_winner)
                    if limit.ties > 1
                    else None
                ),
                decades=scene.axis.decades,
                current=current(scene, now),
                x_title=scene.x_title,
                limit_name=limit.name,
                title=f"Distance to the {limit.name}",
                subtitle="how fast σ<sub>β</sub>(z) gets there (L1 norm)",
            ),
            key="distance",
        )
        st.markdown(captions.rate(scene, now))


def section_near_tie(view: ui.View) -> None:
    """σ_β(1, 1 + ε) for several ε: the closer the tie, the later the limit."""
    scene = model.Scene.of(view.logits, view.beta, view.labels)
    # The chart goes above its slider (so it lines up with the simplex beside it) but needs its value.
    chart = st.container()
    epsilon = float(
        st.select_slider(
            "ε, the gap between the logits 1 and 1 + ε",
            options=EPS.choices,
            value=EPS.default,
            key=EPS.name,
            bind="query-params",
            help="Negative ε puts the second logit below the first: σ_β(1, 1 + ε) then tends to (1, 0).",
        )
    )
    tie = model.near_tie(epsilon, scene.beta)
    label = figures.current_label(scene.beta, tie.pinned)
    with chart:
        show(
            figures.near_tie_chart(
                tie.x,
                tie.curves,
                chosen=epsilon,
                converged=tie.converged,
                current=figures.Current(tie.marker, float(tie.pair[1]), label, tie.pinned),
                x_title=scene.x_title,
            ),
            key="near_tie",
        )
    st.markdown(captions.near_tie(scene, epsilon, tie.pair, tie.pinned))


def section_simplex(view: ui.View) -> None:
    """The path of σ_β(z) from the arg min through the uniform centre to the arg max."""
    scene = model.Scene.of(view.logits, view.beta, view.labels)
    z, beta = scene.z, scene.beta
    if z.size == 2:
        two = model.logistic_axis(z, beta)
        betas = two.grid()
        show(
            figures.logistic_path(
                betas,
                softmax_sweep(z, betas),
                (argmin_onehot(z), argmax_onehot(z)),
                scene.labels,
                current=figures.Current(
                    two.marker, scene.p, figures.current_label(beta, two.pinned), two.pinned
                ),
                half_width=two.half_width,
            ),
            key="simplex",
        )
        st.markdown(captions.logistic(beta, two.pinned))
        return
    chosen = model.three_classes(z)
    betas, path = simplex(tuple(z[chosen].tolist()))
    show(
        figures.simplex_path(
            betas,
            path,
            [scene.labels[i] for i in chosen],
            current=figures.Current(0.0, softmax(z[chosen], beta=beta), figures.current_label(beta, None)),
            title="The path of σ<sub>β</sub>(z) on the simplex",
            subtitle=None if z.size == 3 else f"3 of its {z.size} classes, named below",
        ),
        key="simplex",
    )
    st.markdown(captions.simplex(scene, chosen))


def section_smooth_max(view: ui.View) -> None:
    """The smooth max (1/β) log Σ e^{βz}, squeezed onto max z; softmax is its gradient."""
    scene = model.Scene.of(view.logits, view.beta, view.labels)
    curves = sweep(scene)
    now = float(smooth_max(scene.z, scene.beta))
    show(
        figures.smooth_max_chart(
            curves.x,
            curves.smooth,
            extreme=scene.extreme,
            log_k=math.log(scene.z.size),
            side=scene.side,
            decades=scene.axis.decades,
            y_range=model.smooth_max_range(scene.limit, scene.extreme),
            current=current(scene, now),
            x_title=scene.x_title,
        ),
        key="smooth_max",
    )
    st.markdown(captions.smooth_max(scene, now))


def draw(view: ui.View) -> None:
    """Everything that follows the view: redrawn on every move of a control."""
    section_convergence(view)
    st.subheader("Near a tie the limit is slow; the path through the simplex")
    ties_column, simplex_column = st.columns(2, gap="large")
    with ties_column:
        section_near_tie(view)
    with simplex_column:
        section_simplex(view)
    st.subheader("The smooth max, and ties in the limit")
    smooth_column, table_column = st.columns(2, gap="large")
    with smooth_column:
        section_smooth_max(view)
    with table_column:
        st.markdown(captions.ties(model.Scene.of(view.logits, view.beta, view.labels)))


shell.live(draw)
