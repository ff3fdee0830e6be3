"""Prompts for three code tasks (write tests, review a diff, fix a bug), each with its output CHECKED by code.

The contract's fixed strings (word the rest of your prompts as you like):
- Code goes between `<code>` and `</code>` in the user message; a diff between `<diff>` and `</diff>`; a
  failing test between `<test>` and `</test>`, its error output between `<error>` and `</error>`.
- Generated tests and fixes come back as one fenced ```python block; `extract_code` reads it.
- A review lists findings one per line as `LINE <n>: <finding>`, n a line number of the NEW file.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import agentkit
from code_prompting.subject import MODULE

TEST_FILE = "test_generated.py"
OUTPUT_KEPT = 2000  # characters of a test run's output handed back (its tail: pytest's summary is last)


def extract_code(text: str) -> str | None:
    """The body of the first fenced block labelled `python` or `py`, or with no label; None when there is none
    (an unclosed fence is none). Blocks in other languages (```text, ```bash) are skipped."""
    ### BEGIN SOLUTION
    fence = re.compile(r"^[ \t]*(`{3,})[ \t]*([\w+-]*)[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
    for match in fence.finditer(text):
        if match.group(2).lower() in ("python", "py", ""):
            return match.group(3)
    return None
    ### END SOLUTION


def run_tests(tests: str, source: str, module: str = MODULE, timeout: float = 10.0) -> dict:
    """Run pytest on `tests` against `source` saved as `<module>.py`, in a fresh folder and its own process
    that is stopped after `timeout` seconds. Returns {"passed": bool, "timed_out": bool, "output": str}:
    passed only when pytest exits 0 (so a file with no tests, or one that does not import, has not passed)."""
    ### BEGIN SOLUTION
    with tempfile.TemporaryDirectory(prefix="generated-tests-") as folder:
        Path(folder, f"{module}.py").write_text(source)
        Path(folder, TEST_FILE).write_text(tests)
        # No plugins from this environment: the generated tests run as they would in a clean project.
        env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", TEST_FILE]
        try:
            done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as stopped:
            output = stopped.stdout if isinstance(stopped.stdout, str) else (stopped.stdout or b"").decode()
            return {"passed": False, "timed_out": True, "output": output[-OUTPUT_KEPT:]}
    return {"passed": done.returncode == 0, "timed_out": False,
            "output": (done.stdout + done.stderr)[-OUTPUT_KEPT:]}
    ### END SOLUTION


def judge_tests(tests: str, source: str, buggy_source: str, module: str = MODULE, timeout: float = 10.0) -> dict:
    """A generated test file is good when it passes on the code and fails on the known-buggy version.
    Returns {"passes_on_code": bool, "fails_on_bug": bool, "good": bool}."""
    ### BEGIN SOLUTION
    on_code = run_tests(tests, source, module, timeout)
    on_bug = run_tests(tests, buggy_source, module, timeout)
    passes, fails = on_code["passed"], not on_bug["passed"]
    return {"passes_on_code": passes, "fails_on_bug": fails, "good": passes and fails}
    ### END SOLUTION


def generate_tests(client: agentkit.Client, source: str, buggy_source: str, module: str = MODULE,
                   timeout: float = 10.0) -> dict:
    """Ask for pytest tests of `source` (importable as `module`), extract them and judge them.
    Returns {"tests": str | None, "passes_on_code": bool, "fails_on_bug": bool, "good": bool}; a reply with
    no code block is not run and is not good."""
    ### BEGIN SOLUTION
    system = ("You write pytest tests. Test the behaviour the docstrings promise, including edge cases and errors. "
              "Reply with one ```python block holding the whole test file and nothing after it.")
    user = (f"Write tests for this module. Import it with `from {module} import ...`.\n\n"
            f"<code>\n{source}\n</code>")
    tests = extract_code(client.chat(user, system=system, max_tokens=2000).text)
    if tests is None:
        return {"tests": None, "passes_on_code": False, "fails_on_bug": False, "good": False}
    return {"tests": tests, **judge_tests(tests, source, buggy_source, module, timeout)}
    ### END SOLUTION


def parse_findings(text: str) -> list[tuple[int, str]]:
    """Every line of the form `LINE <n>: <finding>` (any case, optionally after a `-` or `*` bullet), as
    (n, finding) in reply order; other lines are ignored."""
    ### BEGIN SOLUTION
    pattern = re.compile(r"^\s*(?:[-*]\s*)?line\s+(\d+)\s*:\s*(.*?)\s*$", re.IGNORECASE)
    return [(int(m.group(1)), m.group(2)) for line in text.splitlines() if (m := pattern.match(line))]
    ### END SOLUTION


def new_side_lines(diff: str) -> dict[int, str]:
    """The new file's lines that a unified diff shows: {line number: text} for added (`+`) and context (` `)
    lines of every hunk, numbered from the hunk header `@@ -a,b +c,d @@`; removed lines are not in the new file."""
    ### BEGIN SOLUTION
    lines: dict[int, str] = {}
    number = None
    for line in diff.splitlines():
        header = re.match(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@", line)
        if header:
            number = int(header.group(1))
        elif number is None or line.startswith(("---", "+++", "\\")):
            continue
        elif line.startswith("-"):
            continue
        elif line.startswith(("+", " ")) or line == "":
            lines[number] = line[1:]
            number += 1
    return lines
    ### END SOLUTION


def anchored_findings(findings: list[tuple[int, str]], diff: str) -> tuple[list, list]:
    """(anchored, unanchored): a finding is anchored when its line is one of the new-side lines the diff shows."""
    ### BEGIN SOLUTION
    shown = new_side_lines(diff)
    return [f for f in findings if f[0] in shown], [f for f in findings if f[0] not in shown]
    ### END SOLUTION


def review(client: agentkit.Client, diff: str) -> dict:
    """Ask for a review of `diff`; return {"findings", "anchored", "unanchored"}, each a list of (line, text)."""
    ### BEGIN SOLUTION
    system = ("You review code changes for bugs. List each finding on its own line as `LINE <n>: <finding>`, "
              "where n is the line number in the NEW version of the file. Report only real problems.")
    findings = parse_findings(client.chat(f"Review this change.\n\n<diff>\n{diff}\n</diff>", system=system,
                                          max_tokens=1000).text)
    anchored, unanchored = anchored_findings(findings, diff)
    return {"findings": findings, "anchored": anchored, "unanchored": unanchored}
    ### END SOLUTION


def debug(client: agentkit.Client, source: str, failing_test: str, error: str, module: str = MODULE,
          timeout: float = 10.0) -> dict:
    """Ask for the cause of a failing test and a fixed module; check the fix by running the failing test on it.
    Returns {"explanation": the reply's text before its code block, "fix": str | None, "compiles": bool,
    "fixed": bool}; a fix that does not compile is not run."""
    ### BEGIN SOLUTION
    system = ("You debug Python. Explain the cause of the failure in two or three sentences, then give the whole "
              "corrected module in one ```python block.")
    user = (f"This test fails against the module `{module}`.\n\n<code>\n{source}\n</code>\n\n"
            f"<test>\n{failing_test}\n</test>\n\n<error>\n{error}\n</error>")
    text = client.chat(user, system=system, max_tokens=2000).text
    fix = extract_code(text)
    explanation = text.split("```", 1)[0].strip()
    if fix is None:
        return {"explanation": explanation, "fix": None, "compiles": False, "fixed": False}
    try:
        compile(fix, f"{module}.py", "exec")
    except SyntaxError:
        return {"explanation": explanation, "fix": fix, "compiles": False, "fixed": False}
    return {"explanation": explanation, "fix": fix, "compiles": True,
            "fixed": run_tests(failing_test, fix, module, timeout)["passed"]}
    ### END SOLUTION
