"""Softmax Lab: the entry point only registers the pages (see ui.navigation).

No icons here: a st.Page icon becomes the tab's favicon, fetched from an outside host.

The sidebar links, page config and shared controls are drawn by ``ui.setup()``, which every page
calls first: a page opened straight from a link on a cold server runs alone (Streamlit's legacy
``pages/`` mode) and must look the same as one reached through this navigation.
"""

import streamlit as st

from ui.navigation import sections

navigation = st.navigation(
    {
        section: [st.Page(page.path, title=page.title, default=page.default) for page in pages]
        for section, pages in sections().items()
    },
    position="hidden",
)
navigation.run()
