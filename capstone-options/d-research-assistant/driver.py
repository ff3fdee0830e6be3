"""What the graders call: run the submitted `research_desk` and hand back plain JSON data only.

Nothing here is trusted: it runs in the submission's process. The tests judge what it returns against what
the grader recorded outside that process (each request sent, and what answered it) and against the corpus,
which the grader reads itself and hands in as `documents`."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import agentkit

OWN_TESTS_TIMEOUT = 90  # seconds; the test gives this job OWN_TESTS_JOB_S, a little more


def desk_for(submission, provider: str, documents: dict[str, str], max_steps=None, max_cost_usd=None):
    limits = {name: value for name, value in (("max_steps", max_steps), ("max_cost_usd", max_cost_usd))
              if value is not None}
    budget = submission.Budget(**limits)
    return submission.Desk(agentkit.Client(provider), budget, submission.Corpus(documents))


def ask(submission, provider: str, question: str, documents: dict[str, str], max_steps=None,
        max_cost_usd=None) -> dict:
    """One `Desk(client, Budget(...), Corpus(documents)).ask(question)`."""
    report = desk_for(submission, provider, documents, max_steps, max_cost_usd).ask(question)
    return {
        **{name: scalar(getattr(report, name)) for name in
           ("question", "markdown", "status", "stop_reason", "calls", "cost_usd")},
        "sub_questions": [scalar(q) for q in report.sub_questions],
        "claims": [{name: scalar(getattr(c, name)) for name in ("text", "passage_id", "quote")} for c in report.claims],
        "contradictions": [{name: scalar(getattr(c, name)) for name in ("passage_a", "passage_b", "explanation")}
                           for c in report.contradictions],
    }


def cli(submission, provider: str, question: str, documents: dict[str, str]) -> dict:
    """`python -m research_desk ask QUESTION --out FILE --corpus DIR --provider P`, run in this process."""
    main = importlib.import_module(f"{submission.__name__}.cli").main
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder, "corpus")
        corpus.mkdir()
        for doc_id, text in documents.items():
            (corpus / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        out = Path(folder, "report.md")
        code = main(["ask", question, "--out", str(out), "--corpus", str(corpus), "--provider", provider])
        return {"exit": code, "report": out.read_text(encoding="utf-8") if out.is_file() else None}


def submitted_folder(submission) -> Path:
    return Path(submission.__file__).resolve().parent.parent


def readme(submission) -> dict:
    """The submission's README.md, or None."""
    found = submitted_folder(submission) / "README.md"
    return {"readme": found.read_text(encoding="utf-8")[:20_000] if found.is_file() else None}


def own_tests(submission) -> dict:
    """The result of running the submission's own tests/test_*.py (in a subprocess, with a timeout)."""
    folder = submitted_folder(submission)
    tests = sorted((folder / "tests").glob("test_*.py")) if (folder / "tests").is_dir() else []
    result = {"test_files": [p.name for p in tests], "exit": None, "output": ""}
    if tests:
        # No plugins from entry points (the course's own grader among them): a plain, quick pytest.
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COURSE_LLM_MODE": "replay",
               "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
        try:
            done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                   str(folder / "tests")], cwd=folder, env=env, capture_output=True, text=True,
                                  timeout=OWN_TESTS_TIMEOUT)
            result.update(exit=done.returncode, output=(done.stdout + done.stderr)[-3000:])
        except subprocess.TimeoutExpired:
            result.update(output=f"the tests did not finish within {OWN_TESTS_TIMEOUT} s")
    return result


def scalar(value):
    """A str, number, bool or None as it is, so the tests can check its type; anything else as its repr."""
    return value if value is None or isinstance(value, (str, int, float, bool)) else repr(value)
