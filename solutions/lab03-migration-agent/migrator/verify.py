"""Verification that runs: the file must parse, and its tests must pass in a separate process within a time limit."""
import ast
import os
import subprocess
import sys
from pathlib import Path

OUTPUT_KEPT = 4000  # characters of the test run's output fed back to the model


def verify(workspace: str | Path, path: str, timeout: float) -> str | None:
    """None when the file at `path` (inside `workspace`) parses and its tests pass; else what went wrong, as text
    to feed back: the SyntaxError's message and line, or the end of the test run's output, or the time limit.
    The tests run as `python -m pytest PATH` in a subprocess with the workspace as its working directory."""
    ### BEGIN SOLUTION
    root = Path(workspace)
    try:
        ast.parse((root / path).read_text(), filename=path)
    except SyntaxError as exc:
        return f"SyntaxError in {path}, line {exc.lineno}: {exc.msg}\n{(exc.text or '').rstrip()}"
    # no third-party plugins and no caches: the run sees only the workspace and leaves nothing in it
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"the tests of {path} did not finish within {timeout:g} s (timed out)"
    if done.returncode != 0:
        return f"the tests of {path} failed (exit code {done.returncode}):\n{(done.stdout + done.stderr)[-OUTPUT_KEPT:]}"
    return None
    ### END SOLUTION
