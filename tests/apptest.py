"""Opening the app or one of its pages headless with Streamlit's AppTest, as a browser link would."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_app(**params: str) -> AppTest:
    """The app as a browser opening ``/?params`` runs it (the landing page, through app.py)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def open_page(page: str, **params: str) -> AppTest:
    """``page`` (e.g. "pages/loss.py") as reached after the app has run once with ``params``."""
    return open_app(**params).switch_page(page).run()


def open_link_to(page: str, **params: str) -> AppTest:
    """``page`` (e.g. "pages/loss.py") opened straight from a link ``/<stem>?params``, as a student opens a
    teacher's link: its first run is that page's, with the link's parameters."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def markdown_text(at: AppTest) -> str:
    """Every Markdown block of the run, joined: the page's prose and tables as written."""
    return "\n".join(md.value for md in at.markdown)


# The ends of the temperature slider and the exact limits, as a link gives them: every page survives them.
TEMPERATURE_EXTREMES = ({"T": "0.01"}, {"T": "100"}, {"T": "0"}, {"T": "inf"}, {"beta": "-inf"})


def instant_chart(at: AppTest, key: str) -> dict:
    """What a ``ui.instant_chart`` sent the browser: its figure (parsed), its stops, the current stop."""
    element = next(e for e in at.get("bidi_component") if e.proto.id.endswith(f"-{key}"))
    data = json.loads(element.proto.json)
    return {**data, "figure": json.loads(data["figure"])}


def text_box(at: AppTest, name: str):
    """The shared text box ``name`` ("logits_text", "labels_text", "temperature_text") of the run.

    Its key changes with its text (``ui.controls._box_key``); it is found by the start of its key.
    """
    return next(box for box in at.text_input if box.key and box.key.startswith(f"{name}-"))
