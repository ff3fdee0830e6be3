"""`course record UNIT`: run a unit's notebooks live and rewrite their fixtures (keys scrubbed, provenance kept)."""
from __future__ import annotations

import os
from pathlib import Path

from autograder.fixtures import check_fixture
from autograder.units import Unit, find_unit


def record(unit: Unit, timeout: int = 600) -> list[Path]:
    """Execute every notebook of `unit` in record mode; return the fixture files now on disk, each checked."""
    import nbformat
    from nbclient import NotebookClient

    if not (os.environ.get("ANTHROPIC_API_KEY") or os.environ.get("OPENAI_API_KEY") or os.environ.get("COURSE_BASE_URL")):
        raise SystemExit("recording calls a provider: set ANTHROPIC_API_KEY or OPENAI_API_KEY (or COURSE_BASE_URL)")
    if not unit.recorded:
        raise SystemExit(f"nothing to record: {unit.name} lists no recorded notebooks in unit.toml "
                         "(its fixtures are authored scenarios)")
    os.environ["COURSE_LLM_MODE"] = "record"
    before = {p: p.stat().st_mtime for p in unit.fixtures.glob("**/*.json")} if unit.fixtures.exists() else {}
    for notebook in unit.recorded:
        print(f"recording {notebook.relative_to(unit.path)} ...", flush=True)
        nb = nbformat.read(notebook, as_version=4)
        NotebookClient(nb, timeout=timeout, resources={"metadata": {"path": str(notebook.parent)}}).execute()
    written = [p for p in unit.fixtures.glob("**/*.json") if before.get(p) != p.stat().st_mtime]
    for path in written:
        check_fixture(path)
        print(f"  wrote {path.relative_to(unit.path)}")
    return written


def run(name: str) -> int:
    record(find_unit(name))
    return 0
