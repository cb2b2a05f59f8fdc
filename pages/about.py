"""About: where softmax comes from, each step linked to the page that shows it live; what the app is, how to
cite it, its licence and the data it ships."""

import datetime

import streamlit as st

import ui
from lessons.about import figures, model
from ui.charts import show
from ui.navigation import PAGES, page_by_stem
from ui.shell import app_root_url

shell = ui.setup(__file__)
st.title("About Softmax Lab")
st.markdown(
    "Softmax Lab shows the softmax function $p_i = e^{z_i/T} / \\sum_j e^{z_j/T}$ and its temperature $T$: "
    "move a slider and watch probabilities sharpen into the arg max or melt into the uniform distribution. "
    "Every number is computed by one small NumPy library, stably and exactly in the limits, and tested "
    "against independent references; every page keeps its whole view in the address, so a link reopens "
    "exactly what you see. It is for a learner alone, a teacher on a projector, and anyone who shares a "
    "link."
)


def live_pages(stems: tuple[str, ...]) -> list[str]:
    """The pages among ``stems`` that this app has (some are added by later work): links only to those."""
    registered = {page.stem for page in PAGES}
    return [stem for stem in stems if stem in registered]


@ui.section("history")
def section_history(view: ui.View) -> None:
    """The timeline, then each step with its source and the pages that show it live."""
    st.header("Where softmax comes from")
    show(figures.timeline(model.HISTORY), key="timeline")
    for number, event in enumerate(model.HISTORY):
        st.markdown(f"**{event.year} · {event.who}.** {event.what}")
        st.caption(event.reference)
        with st.container(horizontal=True, gap="small"):
            for stem in live_pages(event.pages)[:2]:
                ui.link_to(stem, f"See it live: {page_by_stem(stem).title}", key=f"history_{number}_{stem}")


@ui.section("cite")
def section_cite(view: ui.View) -> None:
    """How to cite the app, at the address it was opened from."""
    st.header("How to cite it")
    today = datetime.date.today()
    text, bibtex = model.citation(app_root_url(), year=today.year, accessed=today.isoformat())
    st.markdown(text)
    st.code(bibtex, language="bibtex")


@ui.section("licence")
def section_licence(view: ui.View) -> None:
    st.header("Licence")
    st.markdown(model.licence_text())


@ui.section("data")
def section_data(view: ui.View) -> None:
    """The data the app ships or reads, where it comes from, and its licence."""
    st.header("Data and its licences")
    for number, source in enumerate(model.DATA_SOURCES):
        st.markdown(f"**{source.name}.** {source.source} *Licence:* {source.licence}")
        with st.container(horizontal=True, gap="small"):
            for stem in live_pages(source.pages)[:3]:
                ui.link_to(stem, f"Used on: {page_by_stem(stem).title}", key=f"data_{number}_{stem}")
    st.caption(
        "The other data are made by the app from a seed (the bandit problems, the three clouds), so a link "
        f"reopens them exactly. Softmax Lab version {model.version()}."
    )


def draw(view: ui.View) -> None:
    # Inside the live part: the links to other pages carry the current view.
    section_history(view)
    section_cite(view)
    section_licence(view)
    section_data(view)


shell.live(draw, follows=True)
