"""``streamlit run app.py`` with the heavy libraries imported first, in the main thread, before any visitor.

    python3 deploy/serve.py [streamlit options, e.g. --server.port 8501]

Streamlit runs each session's script in a thread of its own. On a fresh server, the first visits of a class
arrive together and their threads import pandas and plotly at the same time; CPython's import locks then
hand one of them a partially initialised module ("AttributeError: partially initialized module 'pandas'
has no attribute 'Series' (most likely due to a circular import)"): seen with 6 simultaneous first visits,
2 of them failed, in 3 trials out of 3 (benchmarks/load.py, ``warm_up``). Imported here once, before the
server listens, those modules are complete when any session needs them. The Dockerfile, the Kubernetes
manifests and deploy/local-cluster start the app this way.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What the pages import that is slow to import (the app's own modules are small and import these).
PRELOAD = ("numpy", "pandas", "plotly.graph_objects", "plotly.io", "plotly.colors")


def main(argv: list[str] | None = None) -> int:
    for name in PRELOAD:
        importlib.import_module(name)
    os.chdir(ROOT)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", "app.py", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
