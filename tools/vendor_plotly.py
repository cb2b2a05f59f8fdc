"""Vendor Plotly's cartesian bundle of plotly.js at the version inside the installed plotly package.

    python3 tools/vendor_plotly.py

Run it after upgrading plotly: until then the app serves the package's full bundle (ui/instant_chart.py
compares the versions). It takes npm's ``plotly.js-cartesian-dist-min`` (``npm pack``, checked against the
registry's integrity hash by npm) and writes ``ui/vendor/plotly-cartesian.min.js`` and its licence. It
stops if the bundle's trace modules, as its README lists them, are not ``CARTESIAN_TRACES``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ui import instant_chart

PACKAGE = "plotly.js-cartesian-dist-min"


def main() -> int:
    version = instant_chart.plotly_js_version(instant_chart.PLOTLY_JS)
    if version is None:
        print(f"no plotly.js version in {instant_chart.PLOTLY_JS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{version}", "--silent"],
            cwd=folder,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split()[-1]
        with tarfile.open(Path(folder) / packed) as archive:
            archive.extractall(folder, filter="data")
        package = Path(folder) / "package"
        listed = re.search(r"Contains trace modules (.+?)\.\n", (package / "README.md").read_text())
        traces = set(re.findall(r"`(\w+)`", listed.group(1))) if listed else set()
        if traces != instant_chart.CARTESIAN_TRACES:
            print(f"{PACKAGE}@{version} lists {sorted(traces)}: update CARTESIAN_TRACES", file=sys.stderr)
            return 1
        shutil.copyfile(package / "plotly-cartesian.min.js", instant_chart.CARTESIAN_JS)
        shutil.copyfile(package / "LICENSE", instant_chart.CARTESIAN_JS.with_name("LICENSE.plotly.js"))
    print(f"vendored {PACKAGE}@{version} into {instant_chart.CARTESIAN_JS.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
