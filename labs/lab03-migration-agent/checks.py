"""What the Lab 03 tests, visible and hidden, share: the codebase they migrate, the workspaces they lay out, and
readers of what the grader itself observed.

What the code under test sent to the model is what the grader's broker recorded (`trace["sent"]`); the end state
is read from the workspace's files by this process (never through the submission); what `migrate` returned is
plain data from ../driver.py and only says whether the run was killed and the status it reports.
"""
from __future__ import annotations

import ast
import os
import stat
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODEBASE = {p.name: p.read_text() for p in sorted((HERE / "fixtures" / "codebase").glob("*.py"))}
MIGRATED = {p.name: p.read_text() for p in sorted((HERE / "fixtures" / "migrated").glob("*.py"))}
TESTS = ["test_inventory.py", "test_pricing.py"]       # what the analysis must find, in the scenarios' plan order
MODULES = ["inventory.py", "pricing.py"]               # the code under test: never changed
SENTINEL = "# outside the workspace: no tool may write here\n"
READ_LIMIT = 256 * 1024  # bytes of one workspace file this process reads
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these calls must not reach a model"},
          "exchanges": []}


def lay_out(folder: Path, name: str = "run") -> dict:
    """A fresh workspace holding the codebase, a sibling folder `outside` holding a sentinel file (where a path
    that escapes would land), and where the checkpoint goes (next to the workspace, not in it)."""
    base = Path(folder) / name
    workspace, outside = base / "workspace", base / "outside"
    workspace.mkdir(parents=True)
    outside.mkdir()
    for file, text in CODEBASE.items():
        (workspace / file).write_text(text)
    for file in TESTS:
        (outside / file).write_text(SENTINEL)
    return {"workspace": str(workspace), "checkpoint": str(base / "state.db"), "outside": str(outside)}


def read_safely(path: Path) -> str | None:
    """A regular file's text, without following a symlink and at most READ_LIMIT bytes; None for anything else."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read(READ_LIMIT).decode("utf-8", "replace")


def python_files(workspace: str) -> dict[str, str | None]:
    """The workspace's .py files as this process reads them (caches skipped), by relative path."""
    root, found = Path(workspace), {}
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [d for d in subfolders if d not in ("__pycache__", ".pytest_cache")]
        for name in files:
            if name.endswith(".py"):
                found[(Path(folder) / name).relative_to(root).as_posix()] = read_safely(Path(folder) / name)
    return found


def same_code(text: str | None, expected: str) -> bool:
    """The same Python, whatever the whitespace and comments."""
    try:
        return text is not None and ast.dump(ast.parse(text)) == ast.dump(ast.parse(expected))
    except SyntaxError:
        return False


def end_state(workspace: str, migrated: list[str]) -> list[str]:
    """What is wrong with the workspace: each file of `migrated` should be its pytest version, every other file as
    it was, and no Python file added or removed."""
    files, wrong = python_files(workspace), []
    if sorted(files) != sorted(CODEBASE):
        wrong.append(f"the workspace's Python files are {sorted(files)}; expected {sorted(CODEBASE)}")
    for name, original in CODEBASE.items():
        expected = MIGRATED[name] if name in migrated else original
        if name in files and not same_code(files[name], expected):
            wrong.append(f"{name} is not {'its pytest version' if name in migrated else 'as it was'}")
    return wrong


def outside_untouched(layout: dict) -> bool:
    outside = Path(layout["outside"])
    return sorted(p.name for p in outside.iterdir()) == sorted(TESTS) and all(
        read_safely(outside / name) == SENTINEL for name in TESTS)


def is_sqlite(path: str) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def outcome_of(trace: dict) -> dict:
    """What `migrate` returned (status, calls, migrated, error), once it is known to have returned."""
    assert trace["ok"], f"the driver could not run migrate: {trace['error']}"
    result = trace["result"]
    assert not result["killed"], "the run was killed, but this test does not kill it"
    assert result["raised"] is None, f"migrate raised {result['raised']}: {result['message']}"
    outcome = result["outcome"]
    assert isinstance(outcome, dict) and isinstance(outcome.get("status"), str), f"not an Outcome: {outcome}"
    return outcome


def was_killed(trace: dict) -> bool:
    """The process died (grading worker) or the stand-in for its death unwound the run (notebook kernel)."""
    if not trace["ok"]:
        return "process died" in (trace["error"] or "")
    return bool(trace["result"] and trace["result"].get("killed"))


def user_turns(request: dict) -> list[str]:
    return [text for role, text in request["messages"] if role == "user"]


def all_text(request: dict) -> str:
    return "\n".join([request.get("system") or "", *(text for _, text in request["messages"])])


def carries(request: dict, source: str) -> bool:
    """Every non-blank line of `source` is in the request's user turns, in order."""
    text, at = "\n".join(user_turns(request)), 0
    for line in (line for line in source.splitlines() if line.strip()):
        at = text.find(line, at)
        if at < 0:
            return False
        at += len(line)
    return True


def is_plan(request: dict) -> bool:
    return "migration planner" in (request.get("system") or "")


def step_file(request: dict) -> str | None:
    """Which test file an execute request is about: the one whose original code it carries."""
    if is_plan(request):
        return None
    found = [name for name in TESTS if carries(request, CODEBASE[name])]
    return found[0] if len(found) == 1 else None


def calls_by_step(trace: dict) -> list[str]:
    """Each request sent, as 'plan' or the test file it migrates ('?' when neither)."""
    return ["plan" if is_plan(r) else (step_file(r) or "?") for r in trace["sent"]]


def syntax_error_of(reply: str) -> tuple[str, int]:
    """(message, line) of the SyntaxError in the code of a reply the scenario served (the grader's own text)."""
    code = reply.split("```python\n", 1)[-1].rsplit("```", 1)[0]
    try:
        ast.parse(code)
    except SyntaxError as exc:
        return exc.msg, exc.lineno
    raise AssertionError("the scenario's reply was to have a syntax error")
