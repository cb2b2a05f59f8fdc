"""Teacher: a link for a class (a page, a view, what students may change, a note) and its QR code."""

import math
import random
from collections.abc import Callable, Mapping

import streamlit as st

import ui
from lessons.common.classroom import MAX_NOTE
from lessons.common.params import Param
from lessons.common.text import escape_markdown, number
from lessons.teacher import model
from ui import instant_numbers
from ui import params as registry
from ui import state as shared
from ui.navigation import PAGES, PageInfo
from ui.shell import app_root_url

shell = ui.setup(__file__)
st.title("Teach with a link")
st.markdown(
    "Compose the link your class opens: the page, the view (set the logits and the temperature in the "
    "sidebar, as always), what students may change, and a note above the page. Project the QR code or "
    "send the link; whoever opens it sees exactly this. The link holds everything, so it keeps working "
    "after the server restarts."
)

choices, result = st.columns([3, 2], gap="large")  # on a wide screen the link and its code stay in view
TARGETS = tuple(page for page in PAGES if page.stem != "teacher")
_BY_STEM = {page.stem: page for page in TARGETS}
DEFAULT_LABEL = "the page's default"


def section_page(view: ui.View) -> PageInfo:
    """Which page the link opens, and the view it opens with."""
    st.subheader("1. The page and the view")
    stem = st.selectbox(
        "The page the link opens",
        list(_BY_STEM),
        format_func=lambda s: f"{_BY_STEM[s].title} ({_BY_STEM[s].section})",
        key="teach_page",
    )
    labels = ", ".join(escape_markdown(label) for label in view.labels)
    logits = ", ".join(number(float(z)) for z in view.logits)

    def opens_at(at: shared.SharedState) -> str:
        return (
            f"It opens at **z = ({logits})**, **T = {number(at.temperature)}** "
            f"(β = {number(at.beta)}), classes {labels}. Change these in the sidebar."
        )

    instant_numbers.markdown(opens_at, view.state, key="teacher_opens_at")
    return _BY_STEM[stem]


def _new_round(key: str, param: Param) -> None:
    st.session_state[key] = random.randint(int(param.low), int(param.high))  # a quiz round, not a secret


def _setting(stem: str, param: Param):
    """The widget of one of the page's settings, at first the page's default (left out of the link)."""
    key = f"teach_{stem}_{param.name}"
    label = param.meaning[:1].upper() + param.meaning[1:]
    helptext = f"In the link as {param.name}=…; {param.vocabulary}."
    if param.kind == "choice":
        return st.selectbox(
            label,
            [None, *param.choices],
            key=key,
            help=helptext,
            format_func=lambda c: DEFAULT_LABEL if c is None else param.format(c),
        )
    if param.kind == "text":
        return st.text_input(
            label, key=key, max_chars=param.max_length, placeholder=DEFAULT_LABEL, help=helptext
        )
    integer = param.kind == "integer"
    bounds = {
        name: (int(limit) if integer else float(limit))
        for name, limit in (("min_value", param.low), ("max_value", param.high))
        if math.isfinite(limit)
    }
    if param.name == "quiz":  # the Quiz page's round: one click for a fresh set of questions
        st.button("New quiz round", icon=":material/casino:", key=f"{key}__new", on_click=_new_round,
                  args=(key, param))  # fmt: skip
    return st.number_input(label, value=None, step=1 if integer else None, key=key, placeholder=DEFAULT_LABEL,
                           help=helptext, **bounds)  # fmt: skip


def section_settings(page: PageInfo) -> dict[str, str]:
    """The page's own settings, each optional; the link's parameters for those set."""
    page_params = registry.page_params(page.stem)
    if not page_params:
        return {}
    with st.expander(f"{page.title}'s own settings (optional)"):
        values = {param.name: _setting(page.stem, param) for param in page_params}
    settings, problems = model.page_settings(page_params, values)
    for problem in problems:
        st.warning(f"Left out of the link: {problem}", icon=":material/link_off:")
    return settings


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def section_parts(page: PageInfo) -> tuple[set[str], set[str]]:
    """What students may not change: parts hidden, controls locked (shown with their values)."""
    st.subheader("2. What students may change")
    parts = model.parts(registry.page_sections(page.stem))
    hide, lock = st.columns(2, gap="large")
    hidden, locked = set(), set()
    with hide:
        st.markdown("**Hidden**: not on their page")
        for part in parts:
            helptext = f"{_capital(part.meaning)}: hide={part.name} in the link."
            if st.checkbox(part.label, key=f"teach_hide_{part.name}", help=helptext):
                hidden.add(part.name)
    with lock:
        st.markdown("**Locked**: shown with their values, not changeable")
        for part in parts:
            if part.lockable:
                helptext = f"{_capital(part.meaning)}: lock={part.name} in the link."
                ticked = st.checkbox(part.label, key=f"teach_lock_{part.name}",
                                     disabled=part.name in hidden, help=helptext)  # fmt: skip
                if ticked and part.name not in hidden:
                    locked.add(part.name)
    return hidden, locked


def section_note() -> str:
    """A line of plain text above the page."""
    st.subheader("3. A note above the page")
    return st.text_area(
        "Note (optional, plain text)",
        key="teach_note",
        max_chars=MAX_NOTE,
        height=80,
        placeholder="For example: find the temperature at which the top class falls below one half.",
        help="Shown as typed: no formatting, no links.",
    )


Query = Callable[[shared.SharedState], Mapping[str, str]]


def section_link(page: PageInfo, query_at: Query, view: ui.View) -> None:
    """The link with its copy button, the QR code for the projector, and buttons to open it. Each follows
    the temperature slider: ``query_at(stop)`` is the link's query at another temperature."""
    st.subheader("4. The link")
    root = app_root_url()

    def links_at(at: shared.SharedState) -> tuple[str, str]:
        """The link at ``at``, and the same in presenter mode."""
        query = query_at(at)
        presenting = {**query, "present": "1"}
        return model.link(root, page.url_path, query), model.link(root, page.url_path, presenting)

    url, presenter = links_at(view.state)
    with st.container(key="teacher_link"):
        st.code(url, language=None, wrap_lines=True)
        st.caption(
            "Copy it with the button at its right. It starts with the address this page was opened at: if "
            "your class reaches the app at another address, open this page there."
        )
        with st.container(horizontal=True, wrap=True):
            st.link_button("Open the link", url, icon=":material/open_in_new:")
            st.link_button(
                "Open it in presenter mode",
                presenter,
                icon=":material/co_present:",
                help="The same view for a projector: larger type, thicker lines, the sidebar closed.",
            )

    def link_numbers(at: shared.SharedState) -> instant_numbers.Numbers:
        shown = (url, presenter) if at == view.state else links_at(at)
        return instant_numbers.Numbers(codes=shown[:1], links=shown)

    instant_numbers.follow(link_numbers, view.state, key="teacher_link", reach=instant_numbers.REACH)

    def code_at(at: shared.SharedState) -> model.QrImage | str:
        try:
            return model.qr_image(links_at(at)[0])
        except ValueError as error:
            return str(error)

    def drawn_as(at: shared.SharedState) -> bool | str:
        shown = code_at(at)
        return shown.dense if isinstance(shown, model.QrImage) else shown  # the caption, or the warning

    # Drawn as it is only where the code is (no warning, as dense): elsewhere the page waits for the server.
    instant_numbers.same_at(drawn_as, view.state, reach=instant_numbers.REACH)
    code = code_at(view.state)
    if isinstance(code, str):
        st.warning(f"No QR code: {code}.", icon=":material/qr_code:")
        return
    # segno's SVG of the link as an image with a fixed alternative text: the teacher's text is inside the
    # encoded link only, never HTML (st.html would drop the SVG; st.image gives it no alternative text).
    with st.container(key="teacher_qr"):
        st.markdown(f"![QR code of the link]({code.data_uri})")

    def image_at(at: shared.SharedState) -> model.QrImage:
        shown = code_at(at)
        return shown if isinstance(shown, model.QrImage) else code  # a warning there: not covered (above)

    instant_numbers.follow(
        lambda at: instant_numbers.Numbers(images=(image_at(at).data_uri,)),
        view.state,
        key="teacher_qr",
        reach=instant_numbers.REACH,
    )
    if code.dense:
        instant_numbers.markdown(
            lambda at: (
                f"A long link makes a dense code ({image_at(at).squares} squares across): students may "
                "need to come closer, or shorten the note and the labels."
            ),
            view.state,
            key="teacher_qr_dense",
            write=st.caption,
        )


def draw(view: ui.View) -> None:
    """The link follows every choice, the sidebar's view included."""
    with choices:
        page = section_page(view)
        settings = section_settings(page)
        hidden, locked = section_parts(page)
        note = section_note()

    def query_at(at: shared.SharedState) -> dict[str, str]:
        return model.link_query(shared.to_params(at), settings, hidden=hidden, locked=locked, note=note)

    with result:
        section_link(page, query_at, view)


shell.live(draw, follows=True)
