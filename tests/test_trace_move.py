"""benchmarks/trace_move.py reads a Chromium trace as the README says: the page's main-thread tasks of a
move, each with what took most of it."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from trace_move import script_name, tasks

MAIN, OTHER = (1, 2), (1, 3)  # (pid, tid): the page's main thread and another


def _event(name, at_us, dur_us, thread=MAIN, **data):
    pid, tid = thread
    timing = {"ph": "X", "ts": at_us, "dur": dur_us}
    return {"name": name, **timing, "pid": pid, "tid": tid, "args": {"data": data}}


def test_each_task_of_a_millisecond_or_more_after_the_key_press_is_a_line_with_what_took_most():
    pressed = 1_000_000
    events = [
        _event("RunTask", pressed - 100, 40_000),  # the key press's task
        _event("EventDispatch", pressed, 39_000, type="keydown"),
        _event("FunctionCall", pressed + 1_000, 8_000, url="http://h/static/js/react-dom.Dzbslgj4.js"),
        _event("UpdateLayoutTree", pressed + 10_000, 12_000),
        _event("RunTask", pressed + 50_000, 500),  # under a millisecond: left out
        _event("RunTask", pressed + 60_000, 20_000),  # a chart's turn
        _event("RunPostTaskCallback", pressed + 60_000, 19_000, priority="user-blocking"),
        _event(
            "FunctionCall",
            pressed + 60_100,
            18_000,
            url="http://h/st-bidi-softmax_lab.instant_chart-9f3a2c1d.js",
        ),
        _event("RunTask", pressed + 500_000, 30_000),  # after the page settled: left out
        _event("RunTask", pressed + 70_000, 30_000, thread=OTHER),  # another thread's
    ]
    lines = tasks(json.dumps({"traceEvents": events}).encode(), pressed, until=200)
    assert lines == [
        "    -0.1 + 40.0 ms  EventDispatch:keydown 39, UpdateLayoutTree 12, JS:react-dom 8",
        "    60.0 + 20.0 ms  postTask:user-blocking 19, JS:softmax_lab.instant_chart 18",
    ]


def test_a_script_is_named_without_its_builds_hash():
    assert script_name("http://h/static/js/index.DormvYxC.js") == "index"
    component = "http://h/component/st-bidi-softmax_lab.keyboard-829115ab.js"
    assert script_name(component) == "softmax_lab.keyboard"
    assert script_name("http://h/app/static/plotly-cartesian-4.1.1.min.js") == "plotly-cartesian-4.1.1.min"
    assert script_name("") == "?"
