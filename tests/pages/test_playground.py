"""The app shell and the Playground page, run headless with Streamlit's AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import instant_chart, open_app, open_page, text_box
from ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]


def column(at: AppTest, name: str) -> list[str]:
    """One column of the step-by-step table (a Markdown table), without its Σ row, unescaped."""
    source = next(md.value for md in at.markdown if md.value.startswith("| class |"))
    rows = [
        [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.strip("|").split(" | ")]
        for line in source.splitlines()
        if not line.startswith("|:")
    ]
    index = rows[0].index(name)
    return [row[index] for row in rows[1:-1]]


def test_temperature_article_link_shows_its_probabilities():
    at = open_app(z="2,1,0.1", T="1")
    assert not at.exception
    assert column(at, "softmax p") == ["0.659", "0.2424", "0.09857"]
    assert not at.warning


def test_explaining_softmax_link_at_beta_500_shows_99_33_percent():
    at = open_app(z="0.95,0.99,0.98", beta="500")
    assert column(at, "p (%)") == ["0.00 %", "99.33 %", "0.67 %"]
    assert at.segmented_control(key="scale").value == "beta"


def test_naive_exponentials_overflow_honestly_while_the_stable_columns_stay_exact():
    at = open_app(z="0.95,0.99,0.98", beta="1000")
    assert column(at, "exp(βz), naive") == ["∞", "∞", "∞"]
    assert column(at, "naive p = exp(βz)/Σ") == ["NaN", "NaN", "NaN"]
    assert column(at, "softmax p")[1] == "1"
    assert column(at, "exp(β(z − m)), stable")[1] == "1"


def test_default_view_has_no_warning_and_a_chart():
    at = open_app()
    assert not at.exception and not at.warning
    spec = instant_chart(at, "probabilities")["figure"]
    names = [trace["name"] for trace in spec["data"]]
    assert names == ["softmax p", "arg max (T → 0)"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "probability p"
    assert at.query_params["z"] == "2,1,0.1" and at.query_params["T"] == "1"


def test_moving_the_temperature_slider_updates_table_and_address():
    at = open_app(z="2,1,0.1", T="1")
    at.select_slider(key="temperature").set_value(0.5).run()
    assert not at.exception
    assert column(at, "softmax p") == ["0.8638", "0.1169", "0.01932"]
    assert at.query_params["T"] == "0.5"


def test_a_move_held_in_the_browser_is_taken_by_the_next_request_unless_a_control_set_the_temperature():
    # On a page whose every element that depends on T follows the slider, a move asks for no run
    # (ui.controls.temperature_controls(held=True)); the next request, whatever asked for it, carries it.
    # (The content's catch-up names the thumb's stop instead: tests/browser/test_follows.py.)
    at = open_page("pages/loss.py", z="2,1,0.1", T="1")
    assert at.select_slider(key="temperature").proto.ignore_rerun
    at.select_slider(key="temperature").set_value(2.0)
    at.slider(key="logit_0").set_value(3.0).run()  # another control's request: both changes stand
    assert not at.exception
    assert at.query_params["T"] == "2" and at.query_params["z"] == "3,1,0.1"
    assert text_box(at, "temperature_text").value == "2"
    # A limit's button in the same request as a held move: the button is the newer act.
    at.select_slider(key="temperature").set_value(0.5)
    at.button(key="limit_cold").click().run()
    assert at.query_params["T"] == "0" and at.select_slider(key="temperature").value == 0.0
    # The T/β switch in the same request as a held move: it converts the thumb's temperature, T = 2.
    at.select_slider(key="temperature").set_value(2.0)
    at.segmented_control(key="scale").set_value("beta").run()
    assert at.query_params["beta"] == "0.5" and at.select_slider(key="temperature").value == 0.5


def test_on_the_quiz_a_move_of_the_temperature_reruns_at_once():
    # The Quiz hides its answer until asked: nothing there follows the slider in the browser.
    at = open_page("pages/quiz.py", z="2,1,0.1", T="1")
    assert not at.select_slider(key="temperature").proto.ignore_rerun


def test_a_move_whose_request_carries_an_older_address_is_a_move_and_a_new_address_a_navigation():
    at = open_app(z="1,1.01,0", T="1")
    at.slider(key="logit_0").set_value(1.01).run()
    assert at.query_params["z"] == "1.01,1.01,0"
    # Quick moves: the next move leaves before the answer with the new address has reached the browser.
    at.query_params["z"] = "1,1.01,0"
    at.slider(key="logit_0").set_value(1.02).run()
    assert at.query_params["z"] == "1.02,1.01,0" and at.slider(key="logit_0").value == 1.02
    assert column(at, "softmax p") == ["0.4254", "0.4212", "0.1534"]  # e^1.02, e^1.01, 1 over 6.519
    # A temperature's move (a fragment's run) in between, then an address gone back to: the address wins.
    at.select_slider(key="temperature").set_value(2.0).run()
    at.query_params["z"] = "2,1,0.1"
    at.run()
    assert at.slider(key="logit_0").value == 2.0 and at.query_params["z"] == "2,1,0.1"
    assert column(at, "softmax p") == ["0.5017", "0.3043", "0.194"]  # e^(z/2) over 5.418


def test_reading_the_temperature_as_beta_rewrites_the_link_with_beta():
    at = open_app(z="2,1,0.1", T="0.5")
    at.segmented_control(key="scale").set_value("beta").run()
    assert at.query_params["beta"] == "2" and "T" not in at.query_params
    assert at.select_slider(key="temperature").value == 2.0
    assert column(at, "softmax p") == ["0.8638", "0.1169", "0.01932"]


def test_exact_limit_buttons_give_the_arg_max_and_the_uniform_distribution():
    at = open_app(z="1,5,5")
    at.button(key="limit_cold").click().run()
    assert at.query_params["T"] == "0"
    assert column(at, "softmax p") == ["0", "0.5", "0.5"]
    at.button(key="limit_hot").click().run()
    assert at.query_params["T"] == "inf"
    assert column(at, "softmax p") == ["0.3333"] * 3


def test_arg_min_button_appears_in_the_beta_scale():
    at = open_app(z="1,5,5", beta="1")
    at.button(key="limit_argmin").click().run()
    assert at.query_params["beta"] == "-inf"
    assert column(at, "softmax p") == ["1", "0", "0"]


def test_exact_value_box_accepts_values_beyond_the_slider():
    at = open_app(z="0.95,0.99,0.98", beta="1")
    text_box(at, "temperature_text").input("500").run()
    assert at.query_params["beta"] == "500"
    assert column(at, "p (%)")[1] == "99.33 %"
    assert at.select_slider(key="temperature").value == 500.0


def test_exact_value_box_rejects_text_and_keeps_the_temperature():
    at = open_app(T="2")
    text_box(at, "temperature_text").input("hot").run()
    assert not at.exception
    assert at.error and at.query_params["T"] == "2"
    assert text_box(at, "temperature_text").value == "hot"  # left for the user to correct

    at.select_slider(key="temperature").set_value(2.5).run()  # moving on clears the error and the box
    assert not at.error and text_box(at, "temperature_text").value == "2.5"
    at.button(key="limit_cold").click().run()
    assert text_box(at, "temperature_text").value == "0"


def test_a_rejected_text_is_cleared_by_a_limit_that_leaves_the_temperature_as_it_is():
    at = open_app(T="0")
    text_box(at, "temperature_text").input("cold").run()
    assert at.error
    at.button(key="limit_cold").click().run()
    assert not at.error and text_box(at, "temperature_text").value == "0" and at.query_params["T"] == "0"


def test_a_stale_text_box_sent_along_with_a_quick_move_does_not_undo_it():
    """During quick moves the browser may send its next rerun before the last run's text box has reached
    it; the box it still shows then comes back with its old text, as if typed (seen in Chromium on
    bursts of arrow keys: the temperature jumped back). Only the box drawn last may change the state."""
    at = open_app(z="2,1,0.1", T="1")
    stale = text_box(at, "temperature_text")._widget_state  # the box drawn for T = 1, text "1"
    at.select_slider(key="temperature").set_value(0.5).run()
    at.select_slider(key="temperature").set_value(0.4)
    # The rerun request as that browser sends it: the move to 0.4, and the box it still has. AppTest's
    # run() only sends the widgets of its last run, so the request is assembled here.
    request = at._tree.get_widget_states()
    request.widgets.append(stale)
    at._run(request)
    assert at.query_params["T"] == "0.4" and at.select_slider(key="temperature").value == 0.4
    assert text_box(at, "temperature_text").value == "0.4"


def test_logit_slider_moves_one_logit():
    at = open_app(z="2,1,0.1")
    at.slider(key="logit_2").set_value(3.0).run()
    assert at.query_params["z"] == "2,1,3"
    assert text_box(at, "logits_text").value == "2, 1, 3"


def test_pasting_a_vector_replaces_the_logits_and_its_sliders():
    at = open_app()
    text_box(at, "logits_text").input("1; 2 3e0, 4").run()
    assert at.query_params["z"] == "1,2,3,4"
    assert [at.slider(key=f"logit_{i}").value for i in range(4)] == [1.0, 2.0, 3.0, 4.0]


def test_bad_text_shows_an_error_and_keeps_the_last_valid_logits():
    at = open_app(z="2,1,0.1")
    text_box(at, "logits_text").input("2, abc").run()
    assert not at.exception
    assert "not a number" in at.error[0].value
    assert at.query_params["z"] == "2,1,0.1"
    assert column(at, "softmax p") == ["0.659", "0.2424", "0.09857"]


def test_more_than_ten_logits_give_way_from_sliders_to_the_text_box():
    at = open_app(z=",".join(str(i) for i in range(12)))
    assert not at.exception
    assert not [s for s in at.slider if s.key and s.key.startswith("logit_")]
    assert "text box" in " ".join(c.value for c in at.sidebar.caption)


def test_add_and_remove_a_class():
    at = open_app(z="2,1")
    assert at.button(key="remove_class").disabled  # two classes at least
    at.button(key="add_class").click().run()
    assert at.query_params["z"] == "2,1,0"
    at.button(key="remove_class").click().run()
    assert at.query_params["z"] == "2,1"


def test_preset_loads_the_wikipedia_example():
    at = open_app()
    at.selectbox(key="preset").set_value("Wikipedia example").run()
    assert at.query_params["z"] == "1,2,3,4,1,2,3"
    # Wikipedia, "Softmax function": softmax(1,2,3,4,1,2,3) ≈ (0.02364, 0.06426, 0.1747, 0.4748, …)
    assert column(at, "softmax p")[:4] == ["0.02364", "0.06426", "0.1747", "0.4748"]
    assert at.selectbox(key="preset").value is None


def test_labels_go_to_the_chart_and_the_address():
    at = open_app(z="2,1,0.1")
    text_box(at, "labels_text").input("cat, dog, <b>bird</b>").run()
    assert at.query_params["labels"] == "cat,dog,<b>bird</b>"
    spec = instant_chart(at, "probabilities")["figure"]
    assert spec["data"][0]["x"] == ["cat", "dog", "&lt;b&gt;bird&lt;/b&gt;"]


@pytest.mark.parametrize(
    "params",
    [
        {"z": "nan,1"},
        {"z": "inf,-inf"},
        {"z": "1e999,2"},
        {"z": "two,one"},
        {"z": "<script>alert('x')</script>"},
        {"z": "__import__('os').system('id')"},
        {"z": ",".join(["1"] * 100_000)},
        {"z": ""},
        {"T": "0"},
        {"T": "-1"},
        {"T": "nan"},
        {"T": "1e999"},
        {"T": "2", "beta": "3"},
        {"beta": "∞∞"},
        {"labels": "<img src=x onerror=alert(1)>," * 80},
        {"z": "1e308,-1e308", "T": "1e-300"},
    ],
)
def test_hostile_link_never_raises_and_says_at_most_one_warning(params):
    at = open_app(**params)
    assert not at.exception
    assert len(at.warning) <= 1
    assert column(at, "softmax p")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_every_page_opens_alone_as_on_a_cold_server(page):
    """A shared link to a page, opened before any session ran app.py, runs the page file alone."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["z"] = "3,1,0.2"
    at.query_params["T"] = "2"
    at.switch_page(page.path).run()  # app.py's st.navigation has never run
    assert not at.exception
    links = at.sidebar.get("page_link")
    assert [link.proto.label for link in links] == [p.title for p in PAGES]
    assert [link.proto.page for link in links] == [p.stem for p in PAGES]  # legacy mode: file stems
    assert text_box(at, "logits_text").value == "3, 1, 0.2"
    assert at.select_slider(key="temperature").value == 2.0


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_switching_pages_keeps_the_shared_state(page):
    at = open_app(z="3,1,0.2", T="2")
    at.switch_page(page.path).run()
    assert not at.exception
    assert text_box(at, "logits_text").value == "3, 1, 0.2"
    assert at.query_params["z"] == "3,1,0.2" and at.query_params["T"] == "2"


def test_reset_brings_back_the_default_view_and_the_pages_own_defaults():
    at = open_app(z="5,-1,3,0", T="0.2", labels="a,b", units="bits").switch_page("pages/temperature.py").run()
    assert at.segmented_control(key="units").value == "bits"
    at.button(key="reset_view").click().run()
    assert not at.exception
    assert at.query_params["z"] in ("2,1,0.1", ["2,1,0.1"]) and at.query_params["T"] in ("1", ["1"])
    assert "labels" not in at.query_params
    assert at.segmented_control(key="units").value == "nats"
    assert at.select_slider(key="temperature").value == 1.0


def test_the_share_link_is_the_first_thing_in_the_sidebar():
    at = open_app(z="2,1,0.1", T="0.5")
    # In the order drawn: the app's name, then the share link, then the controls (the temperature first,
    # in sight without a scroll), then the fourteen page links.
    kinds = [(getattr(e, "type", ""), e) for e in at.sidebar]
    first_popover = next(i for i, (kind, _) in enumerate(kinds) if kind == "popover")
    first_link = next(i for i, (kind, _) in enumerate(kinds) if kind == "page_link")
    first_input = next(
        i for i, (kind, _) in enumerate(kinds) if kind in ("slider", "text_input", "selectbox")
    )
    assert kinds[first_popover][1].proto.popover.label == "Share this view"
    assert first_popover < first_input < first_link
    temperature = next(i for i, (_, e) in enumerate(kinds) if getattr(e, "key", None) == "temperature")
    assert temperature < first_link
