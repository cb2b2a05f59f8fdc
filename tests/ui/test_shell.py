"""The shell's pure helpers."""

from __future__ import annotations

import pytest

from ui.shell import root_of


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("http://host:8501/", "http://host:8501"),
        ("http://host:8501/?z=2,1,0.1&T=1", "http://host:8501"),
        ("http://host:8501/temperature?T=1", "http://host:8501"),
        ("http://host:8501/argmax_limit", "http://host:8501"),
        # A cold server runs the landing page in legacy mode under its file's name.
        ("http://host:8501/playground?z=2,1,0.1", "http://host:8501"),
        ("https://example.org/softmax/loss?target=2#top", "https://example.org/softmax"),
        ("https://example.org/softmax/", "https://example.org/softmax"),
        ("", ""),
    ],
)
def test_the_app_root_is_the_page_address_without_the_page(url, root):
    assert root_of(url) == root
