"""The chart toolbar on a phone (issue 14): a short column beside the title, never a row across it."""

from __future__ import annotations

from lessons.common import plot


def test_the_toolbar_keeps_png_zoom_pan_and_reset_only():
    removed = set(plot.PLOTLY_CONFIG["modeBarButtonsToRemove"])
    # plotly.js's 2D cartesian buttons (modebar/buttons.js); four stay: toImage, zoom2d, pan2d, resetScale2d.
    assert {"zoomIn2d", "zoomOut2d", "autoScale2d", "lasso2d", "select2d"} <= removed
    assert not {"toImage", "zoom2d", "pan2d", "resetScale2d"} & removed


def test_the_toolbar_stands_upright_in_every_figure_of_the_template():
    assert plot.TEMPLATE["layout"]["modebar"]["orientation"] == "v"
    figure = plot.figure([], plot.base_layout(title="t", x_title="x", y_title="y"))
    assert figure.layout.template.layout.modebar.orientation == "v"
