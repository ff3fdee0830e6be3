"""What the graders call: run the student's `code_prompting` package and hand back plain JSON data only.

The module, its buggy version and the diff are the package's given `SOURCE`, `BUGGY_SOURCE` and `DIFF`; the
client is `agentkit.Client(provider)`, answered by the scenario the test names."""
from __future__ import annotations

import agentkit


def parse(submission, replies: list[str], findings: list[str], diffs: list[str]) -> dict:
    return {"code": [submission.extract_code(text) for text in replies],
            "findings": [[list(f) for f in submission.parse_findings(text)] for text in findings],
            "lines": [sorted([n, text] for n, text in submission.new_side_lines(diff).items()) for diff in diffs]}


def run_tests(submission, cases: list[dict]) -> list[dict]:
    results = []
    for case in cases:
        got = submission.run_tests(case["tests"], case["source"], case.get("module", submission.MODULE),
                                   timeout=case["timeout"])
        results.append({"passed": got["passed"] is True, "timed_out": got["timed_out"] is True})
    return results


def generate(submission, provider: str, times: int) -> list[dict]:
    client = agentkit.Client(provider)
    results = []
    for _ in range(times):
        got = submission.generate_tests(client, submission.SOURCE, submission.BUGGY_SOURCE, submission.MODULE,
                                        timeout=8.0)
        results.append({key: got.get(key) for key in ("tests", "passes_on_code", "fails_on_bug", "good")})
    return {"results": results, "source": submission.SOURCE, "module": submission.MODULE}


def review(submission, provider: str) -> dict:
    got = submission.review(agentkit.Client(provider), submission.DIFF)
    return {"diff": submission.DIFF,
            **{key: [list(f) for f in got.get(key, [])] for key in ("findings", "anchored", "unanchored")}}


def debug(submission, provider: str, failing_test: str, error: str, times: int) -> dict:
    client = agentkit.Client(provider)
    results = []
    for _ in range(times):
        got = submission.debug(client, submission.BUGGY_SOURCE, failing_test, error, submission.MODULE, timeout=8.0)
        results.append({key: got.get(key) for key in ("explanation", "fix", "compiles", "fixed")})
    return {"results": results, "source": submission.BUGGY_SOURCE}
