"""What the graders call, in the submission's process: run `debt_radar`'s parts on code the test passes as data,
or its CLI on a folder written from that data; hand back plain data only. What the code sent to the model is
judged from what the grader's broker recorded, outside this process."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
import sys
import tempfile
from pathlib import Path

OWN_TESTS_TIMEOUT = 90  # the test gives this job OWN_TESTS_JOB_S, a little more


def plain(value):
    if dataclasses.is_dataclass(value):
        return {k: plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def raised(exc: Exception) -> dict:
    return {"raised": type(exc).__name__, "message": str(exc)[:1000]}


def measure(submission, source: str, path: str = "sample.py") -> dict:
    """`measure_functions` and `todo_markers` on one source."""
    result = {}
    for name, call in (("functions", submission.measure_functions), ("markers", submission.todo_markers)):
        try:
            result[name] = plain(call(source, path))
        except Exception as exc:  # noqa: BLE001 - what it raised is the result
            result[name] = raised(exc)
    return result


def duplicates(submission, files: dict, min_lines: int = 5) -> dict:
    try:
        groups = submission.duplicate_groups(files, min_lines)
        return {"groups": [[[m.path, m.name, m.start, m.end] for m in group] for group in groups]}
    except Exception as exc:  # noqa: BLE001
        return raised(exc)


def pins(submission, requirements: str, latest: dict, path: str = "requirements.txt") -> dict:
    try:
        return {"findings": plain(submission.outdated(requirements, latest, path))}
    except Exception as exc:  # noqa: BLE001
        return raised(exc)


def scan(submission, files: dict, settings: dict | None = None) -> dict:
    try:
        found = submission.scan(files, submission.Settings(**(settings or {})))
        return {"findings": plain(found)}
    except Exception as exc:  # noqa: BLE001
        return raised(exc)


@contextlib.contextmanager
def environment(values: dict):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update({name: str(value) for name, value in values.items()})
    try:
        yield
    finally:
        for name, value in saved.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)


def report(submission, provider: str, files: dict, requirements: str | None = None, settings: dict | None = None,
           src: str | None = "project") -> dict:
    """`python -m debt_radar report SRC OUT.md --provider P [--requirements R]`, through the package's `main`,
    on a folder written from `files`; settings as DEBT_RADAR_* variables. The exit code and the report's text."""
    from debt_radar.cli import main

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        for path, text in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text, encoding="utf-8")
        root.mkdir(exist_ok=True)
        out = Path(folder) / "report.md"
        argv = ["report", str(Path(folder) / src), str(out), "--provider", provider]
        if requirements is not None:
            (Path(folder) / "requirements.txt").write_text(requirements, encoding="utf-8")
            argv += ["--requirements", str(Path(folder) / "requirements.txt")]
        variables = {f"DEBT_RADAR_{name.upper()}": value for name, value in (settings or {}).items()}
        try:
            with environment(variables):
                code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
        except Exception as exc:  # noqa: BLE001
            return {"exit": None, **raised(exc), "report": None}
        text = out.read_text(encoding="utf-8") if out.is_file() else None
        return {"exit": code, "report": text, "raised": None}


def own_tests(submission) -> dict:
    """The submission's own tests (its tests/ folder), run with pytest in a subprocess with a timeout, and its
    README.md."""
    root = Path(submission.__file__).resolve().parent.parent
    readme = root / "README.md"
    tests = root / "tests"
    result = {"readme": readme.read_text(encoding="utf-8")[:20000] if readme.is_file() else None,
              "tests": sorted(p.name for p in tests.glob("test_*.py")) if tests.is_dir() else []}
    if not result["tests"]:
        return {**result, "returncode": None, "output": "no tests/test_*.py"}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:course",
                               "tests"], cwd=root, env=env, capture_output=True, text=True, timeout=OWN_TESTS_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {**result, "returncode": None, "output": f"timed out after {OWN_TESTS_TIMEOUT} s"}
    return {**result, "returncode": done.returncode, "output": (done.stdout + done.stderr)[-3000:]}
