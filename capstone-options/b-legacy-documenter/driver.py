"""What the graders call, in the submission's process: run the submission's `doc_agent` on a codebase the test
hands over as text (written to a fresh folder here), and hand back plain data only: exit codes, the files the
run wrote, the analysis as JSON data, the diagram text, the problems found.

Nothing returned here is evidence of what the code sent: the tests judge that from what the grader's broker
recorded outside this process."""
from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import agentkit

MAX_FILE_CHARS = 200_000


def _codebase(files: dict[str, str]) -> str:
    folder = Path(tempfile.mkdtemp(prefix="legacy-"))
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return str(folder)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return _plain(dataclasses.asdict(value))
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def docs(submission, provider: str, files: dict[str, str] | None, args: list[str] = (), src: str | None = None) -> dict:
    """`main(["docs", SRC, OUT, *args], client=...)`: its exit code, stdout, stderr and every file under OUT."""
    source = src if src is not None else _codebase(files or {})
    out = Path(tempfile.mkdtemp(prefix="docs-")) / "out"
    stdout, stderr = io.StringIO(), io.StringIO()
    raised = None
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = submission.main(["docs", source, str(out), *args], client=agentkit.Client(provider))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception as exc:  # noqa: BLE001 - what it raised is the result, by name
            code, raised = None, f"{type(exc).__name__}: {str(exc)[:500]}"
    written = {}
    if out.is_dir():
        for path in sorted(out.rglob("*")):
            if path.is_file():
                written[path.relative_to(out).as_posix()] = path.read_text(errors="replace")[:MAX_FILE_CHARS]
    return {"exit": code, "raised": raised, "stdout": stdout.getvalue()[-4000:], "stderr": stderr.getvalue()[-4000:],
            "files": written}


def analyze(submission, files: dict[str, str]) -> dict:
    """`analyze(folder)` as JSON data, or what it raised."""
    try:
        return {"raised": None, "analysis": _plain(submission.analyze(_codebase(files)))}
    except Exception as exc:  # noqa: BLE001
        return {"raised": type(exc).__name__, "message": str(exc)[:500], "analysis": None}


def diagram(submission, files: dict[str, str], layers: dict[str, str]) -> dict:
    """`mermaid(analyze(folder), layers)`: the diagram's text."""
    return {"text": str(submission.mermaid(submission.analyze(_codebase(files)), layers))}


def check(submission, files: dict[str, str], docs: dict[str, dict], failed: dict[str, str] | None = None) -> dict:
    """`verify(analysis, DocRun(docs=...))`: each problem as (kind, module, name)."""
    analysis = submission.analyze(_codebase(files))
    run = submission.DocRun(docs={m: submission.ModuleDoc.model_validate(d) for m, d in docs.items()},
                            failed=dict(failed or {}), not_reached=[], stopped=None, calls=len(docs), tokens=0)
    return {"problems": [[p.kind, p.module, p.name] for p in submission.verify(analysis, run)]}


def own_tests(submission, timeout: float = 90.0) -> dict:  # the test gives this job OWN_TESTS_JOB_S
    """The submission's own tests (its tests/ folder), run with pytest in a fresh interpreter, offline."""
    package = Path(submission.__file__).resolve().parent
    target = package.parent
    if not (target / "tests").is_dir():
        return {"present": False, "exit": None, "summary": "no tests/ folder next to the package"}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), os.environ.get("PYTHONPATH", "")]),
           "PYTHONDONTWRITEBYTECODE": "1", "COURSE_LLM_MODE": "replay"}
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY"):
        env.pop(name, None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:course", "-p", "no:xdist",
               "-o", "addopts=", "--rootdir", str(target), str(target / "tests")]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        return {"present": True, "exit": None, "summary": f"the tests took longer than {timeout:.0f} s"}
    tail = done.stdout.strip().splitlines()[-1:] or [done.stderr.strip()[-300:]]
    counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (passed|failed|error|errors|skipped)", tail[0])}
    return {"present": True, "exit": done.returncode, "summary": tail[0][-300:], "passed": counts.get("passed", 0),
            "failed": counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)}


def readme(submission) -> dict:
    """The README.md next to the package, if there is one."""
    path = Path(submission.__file__).resolve().parent.parent / "README.md"
    return {"text": path.read_text(errors="replace")[:50_000] if path.is_file() else None}
