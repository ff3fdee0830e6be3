"""Every notebook under days/ and labs/, and every filled solution notebook, runs top to bottom with no network.

Each kernel runs in a bubblewrap network namespace that holds only a loopback interface, so a call that tries
to go out fails whatever library makes it; nbclient talks to the kernel over unix sockets (ZMQ `ipc`
transport), which work across network namespaces. A student release notebook is expected to stop at its first
unfilled solution cell (`raise NotImplementedError()`), so for it only the cells before that one are run.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "python3-no-network"
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"  # what nbgrader leaves of a solution region
# Plausible mistakes that each notebook exercise's check cell must catch, by the solution cell's grade_id.
EXERCISE_BUGS = {
    "ex-bucket": {
        "refills past capacity": """
now = self.clock()
self.tokens += (now - self.updated) * self.rate
self.updated = now
if self.tokens < tokens:
    return False
self.tokens -= tokens
return True""",
        "a refused request takes the tokens that are there": """
now = self.clock()
self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
self.updated = now
taken = min(tokens, self.tokens)
self.tokens -= taken
return taken == tokens""",
        "reads the wall clock instead of self.clock": """
import time
now = time.monotonic()
self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
self.updated = now
if self.tokens < tokens:
    return False
self.tokens -= tokens
return True""",
    },
    "ex-retry": {
        "ignores retry_after": """
for attempt in range(attempts):
    try:
        return call()
    except agentkit.LLMError as error:
        if not error.retryable or attempt == attempts - 1:
            raise
        sleep(rand() * min(max_delay, base_delay * 2**attempt))""",
        "retries a bad request": """
for attempt in range(attempts):
    try:
        return call()
    except agentkit.LLMError as error:
        if attempt == attempts - 1:
            raise
        sleep(max(rand() * min(max_delay, base_delay * 2**attempt), getattr(error, "retry_after", None) or 0))""",
        "waits after the last attempt": """
for attempt in range(attempts):
    try:
        return call()
    except agentkit.LLMError as error:
        if not error.retryable:
            raise
        sleep(max(rand() * min(max_delay, base_delay * 2**attempt), getattr(error, "retry_after", None) or 0))
        if attempt == attempts - 1:
            raise""",
        "no cap on the backoff": """
for attempt in range(attempts):
    try:
        return call()
    except agentkit.LLMError as error:
        if not error.retryable or attempt == attempts - 1:
            raise
        sleep(max(rand() * base_delay * 2**attempt, getattr(error, "retry_after", None) or 0))""",
    },
}


def more_exercise_bugs() -> dict:
    """Each day's notebooks list their exercises' plausible mistakes in tests/exercise_bugs/*.py (EXERCISE_BUGS)."""
    import importlib.util

    found = {}
    for path in sorted((Path(__file__).parent / "exercise_bugs").glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"exercise_bugs_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        clash = set(found) & set(module.EXERCISE_BUGS)
        assert not clash, f"{path.name}: exercises listed twice: {sorted(clash)}"
        found.update(module.EXERCISE_BUGS)
    return found


EXERCISE_BUGS.update(more_exercise_bugs())
NETWORK_PROBE = "import socket\nprint('interfaces:', sorted(name for _, name in socket.if_nameindex()))"


def notebooks() -> list[Path]:
    found = [p for folder in ("days", "labs") for p in (ROOT / folder).glob("**/*.ipynb")]
    found += (ROOT / "solutions").glob("*/*.ipynb")
    return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts)


def is_solution(cell) -> bool:
    return cell.metadata.get("nbgrader", {}).get("solution", False)


def unfilled(nb) -> int | None:
    """Index of the first solution cell whose solution was taken out (a release notebook), else None."""
    return next((i for i, c in enumerate(nb.cells) if is_solution(c) and "BEGIN SOLUTION" not in c.source), None)


@pytest.fixture(scope="module")
def kernels(tmp_path_factory) -> Path:
    """A kernelspec that starts ipykernel inside `bwrap --unshare-net`."""
    if not shutil.which("bwrap"):
        pytest.skip("bubblewrap (bwrap) is not installed, so the kernel cannot be cut off from the network; "
                    "apt-get install bubblewrap")
    bwrap = ["bwrap", "--unshare-net", "--die-with-parent", "--dev-bind", "/", "/"]
    probe = subprocess.run([*bwrap, "true"], capture_output=True, text=True)
    assert probe.returncode == 0, f"bwrap is installed but cannot make a network namespace: {probe.stderr}"
    folder = tmp_path_factory.mktemp("kernels")
    (folder / KERNEL).mkdir()
    spec = {"argv": [*bwrap, sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3 (no network)", "language": "python"}
    (folder / KERNEL / "kernel.json").write_text(json.dumps(spec))
    return folder


def execute(nb, cwd: Path, kernels: Path) -> None:
    sockets = tempfile.mkdtemp(prefix="nbipc-")  # unix socket paths must stay short
    try:
        specs = KernelSpecManager(kernel_dirs=[str(kernels)])
        manager = AsyncKernelManager(kernel_name=KERNEL, kernel_spec_manager=specs, transport="ipc",
                                     ip=os.path.join(sockets, "kernel"))
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        env["COURSE_LLM_MODE"] = "replay"
        client = nbclient.NotebookClient(nb, km=manager, timeout=120, allow_errors=True,
                                         resources={"metadata": {"path": str(cwd)}})
        client.execute(env=env)
    finally:
        shutil.rmtree(sockets, ignore_errors=True)


def text_of(cell, kind: str = "stream") -> str:
    if kind == "stream":
        return "".join(o.text for o in cell.outputs if o.output_type == "stream")
    return "".join(o.data.get("text/plain", "") for o in cell.outputs if o.output_type == "execute_result")


@pytest.mark.timeout(240)
def exercises(nb) -> list[tuple[int, int]]:
    """(solution cell, the read-only check cell after it) of each exercise with its solution filled in."""
    found = []
    for i, cell in enumerate(nb.cells):
        if is_solution(cell) and "### BEGIN SOLUTION" in cell.source:
            check = next(j for j in range(i + 1, len(nb.cells)) if nb.cells[j].metadata.get("nbgrader", {}).get("locked"))
            found.append((i, check))
    return found


def with_exercises(path: Path) -> bool:
    """A day's notebook with exercises: test_exercise_checks_catch_mistakes runs it whole, wrong answers included."""
    return "days" in path.relative_to(ROOT).parts and bool(exercises(nbformat.read(path, as_version=4)))


def filled_lab(path: Path) -> bool:
    """A lab's filled reference notebook: tests/test_nbgrader_roundtrip.py executes it and scores it 100."""
    return path.relative_to(ROOT).parts[0] == "solutions"


@pytest.mark.parametrize("path", [p for p in notebooks() if not with_exercises(p) and not filled_lab(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_offline(path, kernels):
    nb = nbformat.read(path, as_version=4)
    stop = unfilled(nb)
    if stop is not None:
        nb.cells = nb.cells[:stop]
    nb.cells.append(nbformat.v4.new_code_cell(NETWORK_PROBE))
    execute(nb, path.parent, kernels)

    errors = [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    assert not errors, f"cells raised: {errors}"
    assert "interfaces: ['lo']" in text_of(nb.cells[-1]), "the kernel could reach a network interface"
    printed = "".join(text_of(c) for c in nb.cells if c.cell_type == "code")
    if "agentkit.connect(" in "".join(c.source for c in nb.cells):
        assert "agentkit: replay mode" in printed

    demo = next((c for c in nb.cells if c.get("id") == "demo"), None)
    if demo is not None:  # a lab's demo printed a complete result: its run finished the scenario's task
        assert "status: complete, stop_reason: None" in text_of(demo), text_of(demo)
        assert re.search(r"^answer: \S", text_of(demo), re.MULTILINE), text_of(demo)
    for cell in nb.cells:  # the grade cells of a filled notebook earn all their points in the kernel too
        if cell.metadata.get("nbgrader", {}).get("grade"):
            assert float(text_of(cell, "result")) == cell.metadata.nbgrader.points, text_of(cell)[-2000:]


def with_region(source: str, body: str) -> str:
    """The cell with its solution region replaced by `body`, indented as the region was."""
    lines = source.splitlines()
    begin = next(i for i, line in enumerate(lines) if "### BEGIN SOLUTION" in line)
    end = next(i for i, line in enumerate(lines) if "### END SOLUTION" in line)
    indent = lines[begin][:len(lines[begin]) - len(lines[begin].lstrip())]
    return "\n".join([*lines[:begin], *(indent + line for line in body.strip("\n").splitlines()), *lines[end + 1:]])


@pytest.mark.timeout(240)
@pytest.mark.parametrize("path", [p for p in notebooks() if with_exercises(p)],
                         ids=lambda p: str(p.relative_to(ROOT)))  # a lab's grade cells are proved by its unit's tests
def test_exercise_checks_catch_mistakes(path, kernels):
    """The whole notebook runs offline, and each exercise's check cell fails on the release stub and on every
    listed plausible mistake: each wrong solution is followed by the check, then the real solution and the rest
    of the notebook run (one kernel, so the notebook is executed once)."""
    nb = nbformat.read(path, as_version=4)
    cells, expected, start = [], [], 0
    for solution, check in exercises(nb):
        grade_id = nb.cells[solution].metadata.nbgrader["grade_id"]
        assert grade_id in EXERCISE_BUGS, f"list plausible mistakes for exercise {grade_id} in EXERCISE_BUGS"
        cells += nb.cells[start:solution]
        for bug, body in {"the release stub": STUB, **EXERCISE_BUGS[grade_id]}.items():
            cells += [nbformat.v4.new_code_cell(with_region(nb.cells[solution].source, body)),
                      nbformat.v4.new_code_cell(nb.cells[check].source)]
            expected.append((len(cells) - 1, f"{grade_id}: {bug}"))
        start = solution  # later exercises run after the real solution and its check
    cells += [*nb.cells[start:], nbformat.v4.new_code_cell(NETWORK_PROBE)]
    run = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    execute(run, path.parent, kernels)

    assert "interfaces: ['lo']" in text_of(run.cells[-1]), "the kernel could reach a network interface"
    if "agentkit.connect(" in "".join(c.source for c in nb.cells):
        assert "agentkit: replay mode" in "".join(text_of(c) for c in run.cells if c.cell_type == "code")
    checks = {index for index, _ in expected}
    errors = [(i, o.ename, o.evalue) for i, c in enumerate(run.cells) if c.cell_type == "code" and i not in checks
              for o in c.outputs if o.output_type == "error"]
    assert not errors, f"cells other than the checks raised: {errors}"
    missed = [bug for index, bug in expected if not any(o.output_type == "error" for o in run.cells[index].outputs)]
    assert not missed, f"check cells that accept a wrong solution: {missed}"
