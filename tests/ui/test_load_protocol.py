"""The load generator (benchmarks/load.py) speaks Streamlit's protocol as the browser does: against a real
server, with a handful of simulated students."""

from __future__ import annotations

import asyncio
import json
import math
import re

import numpy as np
import pytest

from benchmarks import load
from lessons.common.scales import T_OPTIONS


@pytest.fixture(scope="module")
def server():
    running = load.LocalServer()
    # One visit of each page first: a cold server's simultaneous first visits can fail (load.warm_up).
    assert load.run_sync(load.warm_up(running.url)) == []
    yield running
    running.stop()


def run(coroutine):
    return load.run_sync(coroutine)


def view_numbers(student: load.Student) -> tuple[tuple[float, ...], str]:
    view = student.view()
    return tuple(float(x) for x in view["z"][0].split(",")), view["T"][0]


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.1:8501", "http://192.168.1.20", "http://8.8.8.8:80", "http://[2001:db8::1]:8501"],
)
def test_the_generator_refuses_any_host_that_is_not_loopback(url):
    with pytest.raises(ValueError, match="loopback addresses only"):
        load.require_loopback(url)
    with pytest.raises(ValueError, match="loopback addresses only"):
        load.main(["--url", url, "--sessions", "1"])


@pytest.mark.parametrize("url", ["https://127.0.0.1:8501", "ws://127.0.0.1:8501", "127.0.0.1:8501"])
def test_the_generator_speaks_plain_http_only(url):
    with pytest.raises(ValueError, match="not an http://host:port URL"):
        load.require_loopback(url)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8501", "http://127.9.9.9", "http://[::1]:8501", "http://localhost"]
)
def test_loopback_hosts_are_accepted(url):
    assert load.require_loopback(url).hostname in {"127.0.0.1", "127.9.9.9", "::1", "localhost"}


@pytest.mark.parametrize("flag", [["--sessions", "1001"], ["--moves", "0"], ["--time-limit", "901"]])
def test_count_and_time_are_bounded(flag):
    with pytest.raises(SystemExit):
        load.parse_args(flag)


def test_the_user_key_is_read_from_the_end_of_a_widget_id():
    # Streamlit's element ids: "$$ID-<hash>-<user key>", the key itself may hold dashes.
    assert load.user_key("$$ID-1c0484d7213d717637d098bde0e914d7-temperature") == "temperature"
    assert load.user_key("$$ID-6cc839ab-temperature_text-004315c978d8") == "temperature_text-004315c978d8"
    assert load.user_key("$$ID-6cc839ab-None") is None
    assert load.user_key("not-an-id") is None


def test_percentiles_interpolate_as_numpy_does():
    values = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0, 8.0]
    for q in (0, 50, 95, 99, 100):
        assert load.percentile(values, q) == pytest.approx(np.percentile(values, q), rel=1e-12)
    assert math.isnan(load.percentile([], 50))


def test_the_summary_line_counts_moves_that_finished_and_every_error():
    records = [
        load.Record(0, "move", 0.0, 0.010),
        load.Record(0, "move", 1.0, 0.030),
        load.Record(1, "move", 1.0, 5.000, error="no script_finished within 30 s"),
        load.Record(1, "open", 0.0, 0.500, error="exception on /: ValueError: x"),
        load.Record(1, "navigate", 2.0, 0.100),
    ]
    assert load.summary_line(2, records, 181.25) == (
        "sessions=2 moves=2 errors=2 p50_ms=20.0 p95_ms=29.0 p99_ms=29.8 rss_mib=181.2"
    )


def test_each_student_gets_a_link_of_its_own():
    links = [load.student_link(i, 1, load.PAGES) for i in range(12)]
    assert len({query for _, query, _ in links}) == 12
    assert {page for page, _, _ in links} == set(load.PAGES)
    assert links == [load.student_link(i, 1, load.PAGES) for i in range(12)]  # reproducible from the seed


def test_a_student_opens_its_link_and_finds_the_temperature_slider_by_its_key(server):
    async def scenario():
        student = load.Student(server.url)
        try:
            first = await student.open("temperature", "z=3,1,0.2&T=2")
            return first, student.temperature_stops(), student.widget(load.TEMPERATURE_KEY)[1], student
        finally:
            await student.close()

    first, (widget_id, stops, current), element, student = run(scenario())
    assert first.errors == [] and first.status == load.ForwardMsg.FINISHED_SUCCESSFULLY
    assert widget_id.startswith("$$ID-") and widget_id.endswith("-temperature")
    assert current == "2" and stops[0] == "0" and stops[-1] == "∞" and "0.8" in stops
    assert element.kind == "slider" and element.fragment_id  # drawn inside the page's fragment
    assert student.session_id and student.page_script_hash
    # The browser's values for every widget drawn: the logits sliders, the text boxes, the scale.
    keys = {load.user_key(state.id) for state in student.widget_states()}
    assert {"logit_0", "logit_1", "logit_2", "scale", "temperature", "units"} <= keys
    assert any(key.startswith("logits_text-") for key in keys)


def test_a_move_is_the_contents_catch_up_and_the_address_follows(server):
    # As the browser's: the slider holds the move (every element of "/" follows it in the browser), and
    # the content's catch-up names the thumb's stop; its run takes it and the whole page runs.
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("", "z=2,1,0.1&T=1")
            numbers, _ = student.catch_up()
            move = await student.move_temperature("1.2")
            after = student.temperature_stops()[2]
            return move, numbers, student.last_sent.rerun_script, after, view_numbers(student)
        finally:
            await student.close()

    move, numbers, sent, after, (logits, temperature) = run(scenario())
    assert move.errors == [] and move.status == load.ForwardMsg.FINISHED_SUCCESSFULLY
    assert after == "1.2" and temperature == "1.2" and logits == (2.0, 1.0, 0.1)
    assert 0 < move.seconds < 30
    assert sent.fragment_id == numbers.fragment_id
    [trigger] = [w for w in sent.widget_states.widgets if w.id.endswith("all_numbers__events")]
    assert json.loads(trigger.json_trigger_value) == [
        {"event": "stale", "value": {"index": T_OPTIONS.index(1.2), "label": "1.2", "count": len(T_OPTIONS),
                                     "run": 1}}
    ]  # fmt: skip


def test_on_a_page_whose_slider_reruns_a_move_reruns_the_fragment(server):
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("quiz", "z=2,1,0.1&T=1&quiz=16")
            held = student.catch_up()
            move = await student.move_temperature("1.2")
            return held, move, view_numbers(student)
        finally:
            await student.close()

    held, move, (logits, temperature) = run(scenario())
    assert held is None
    assert move.errors == [] and move.status == load.ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    assert temperature == "1.2" and logits == (2.0, 1.0, 0.1)


def test_two_students_on_one_server_keep_their_own_numbers(server):
    async def scenario():
        a, b = load.Student(server.url), load.Student(server.url)
        try:
            await asyncio.gather(a.open("", "z=1,2,3&T=0.5"), b.open("", "z=-1,0.5&T=4"))
            for stop_a, stop_b in (("0.6", "5"), ("0.8", "6"), ("1", "8")):
                runs = await asyncio.gather(a.move_temperature(stop_a), b.move_temperature(stop_b))
                assert [r.errors for r in runs] == [[], []]
            return view_numbers(a), view_numbers(b)
        finally:
            await asyncio.gather(a.close(), b.close())

    assert run(scenario()) == (((1.0, 2.0, 3.0), "1"), ((-1.0, 0.5), "8"))


def test_following_a_link_carries_the_view_to_the_other_page(server):
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("", "z=0.5,1.5,-2&T=3")
            before = student.page_script_hash
            trip = await student.navigate("argmax_limit")
            moved = await student.move_temperature("2.5")
            return before, student.page_script_hash, trip, moved, view_numbers(student)
        finally:
            await student.close()

    before, after, trip, moved, view = run(scenario())
    assert trip.errors == [] and moved.errors == [] and before != after
    assert view == ((0.5, 1.5, -2.0), "2.5")


def test_an_error_box_on_the_page_counts_as_an_error(server):
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("", "z=2,1,0.1&T=1")
            box_id = next(s.id for s in student.widget_states() if "-logits_text-" in s.id)
            typed = load.WidgetState(id=box_id, string_value="2, one, 0.1")
            return await student.rerun(page_script_hash=student.page_script_hash, changes={box_id: typed})
        finally:
            await student.close()

    typed = run(scenario())
    assert len(typed.errors) == 1 and typed.errors[0].startswith("error box on /:")


def test_a_lost_connection_is_reopened_into_the_same_session_and_view(server):
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("loss", "z=1,0,-1&T=0.8")
            await student.move_temperature("1")
            session = student.session_id
            student.ws.transport.abort()  # the network drops: no close handshake
            with pytest.raises(load.Disconnected):
                await student.move_temperature("1.2")
            back = await student.reconnect()
            moved = await student.move_temperature("1.5")
            return session, student.session_id, back, moved, view_numbers(student)
        finally:
            await student.close()

    before, after, back, moved, view = run(scenario())
    # The same server still holds the session (server.disconnectedSessionTTL): the browser's id resumes it.
    assert before == after
    assert back.errors == [] and moved.errors == [] and view == ((1.0, 0.0, -1.0), "1.5")


def test_a_small_class_runs_clean_and_ends_with_the_summary_line(server, capsys, tmp_path):
    records = tmp_path / "records.jsonl"
    args = ["--url", server.url, "--server-pid", str(server.pid), "--sessions", "3", "--moves", "4"]
    args += ["--think", "0.2", "--ramp", "0.5", "--moves-per-page", "2", "--records", str(records)]
    assert load.main(args) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    pattern = r"sessions=3 moves=12 errors=0 p50_ms=[\d.]+ p95_ms=[\d.]+ p99_ms=[\d.]+ rss_mib=([\d.]+)"
    match = re.fullmatch(pattern, last)
    assert match, last
    assert float(match.group(1)) > 50  # a Streamlit server holds tens of MiB at least
    kinds = [line.split('"kind": "')[1].split('"')[0] for line in records.read_text().splitlines()]
    assert kinds.count("open") == 3 and kinds.count("navigate") == 3 and kinds.count("move") == 12


def test_a_reconnect_reruns_only_when_the_browser_would(server):
    # Streamlit's frontend reruns on reconnect after a fragment run, a cut-off run, or with a timed fragment.
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("", "z=1,2&T=1")
            after_open = (student.reruns_on_reconnect, student.auto_rerun)
            await student.move_temperature("1.2")
            after_move = student.reruns_on_reconnect
            session = student.session_id
            back = await student.reconnect()
            moved = await student.move_temperature("1.5")
            return after_open, after_move, back, session == student.session_id, moved, view_numbers(student)
        finally:
            await student.close()

    (after_open, timed), after_move, back, resumed, moved, view = run(scenario())
    assert after_open == timed  # a full run: a rerun only if the page has a fragment on a timer
    assert after_move is True and back.errors == [] and back.seconds > 0  # a fragment run: a rerun
    assert resumed and moved.errors == [] and view == ((1.0, 2.0), "1.5")


def test_a_reload_opens_a_new_session_on_the_same_address(server):
    async def scenario():
        student = load.Student(server.url)
        try:
            await student.open("boltzmann", "z=0.5,-0.5,1&T=2")
            await student.move_temperature("2.5")
            first = student.session_id
            again = await student.reload()
            return first, student.session_id, again, view_numbers(student)
        finally:
            await student.close()

    first, second, again, view = run(scenario())
    assert first != second and again.errors == [] and view == ((0.5, -0.5, 1.0), "2.5")
