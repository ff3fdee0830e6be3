"""A notebook written by a builder script (solutions/DAY/notebooks/build_*.py) is what the script writes: the
committed notebook's cells (sources and nbgrader metadata, not outputs) match a fresh build, so edits made to the
.ipynb alone are caught before the next rebuild throws them away."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILDERS = sorted(ROOT.glob("solutions/*/notebooks/build_*.py"))


def cells(path: Path) -> list[tuple]:
    return [(c["cell_type"], "".join(c["source"]), c.get("metadata", {}).get("nbgrader"))
            for c in json.loads(path.read_text())["cells"]]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda p: p.name)
def test_the_committed_notebook_is_what_its_builder_writes(builder, tmp_path):
    target = re.search(r'NotebookDraft\("([^"]+)"\)', builder.read_text())
    assert target, f"{builder.name} does not build with autograder.notebook_draft.NotebookDraft"
    written = tmp_path / target.group(1)
    written.parent.mkdir(parents=True)
    done = subprocess.run([sys.executable, str(builder)], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    committed = ROOT / target.group(1)
    fresh, kept = cells(written), cells(committed)
    changed = [n for n, (a, b) in enumerate(zip(fresh, kept)) if a != b]
    assert len(fresh) == len(kept) and not changed, (
        f"{committed.relative_to(ROOT)} differs from what {builder.relative_to(ROOT)} writes (cells {changed[:5]}, "
        f"{len(kept)} vs {len(fresh)} cells): edit the builder, run it, then execute the notebook in replay mode")
