"""What the graders call: run the student's `abtest` package and hand back plain JSON data only.

Items and prompts are the package's given `ITEMS` and `PROMPTS`; the client is `agentkit.Client(provider)`, answered
by the scenario the test names.
"""
from __future__ import annotations

import agentkit


def p_values(submission, pairs: list[list[int]]) -> list[float]:
    return [float(submission.mcnemar_exact(a_only, b_only)) for a_only, b_only in pairs]


def bootstrap(submission, a: list[bool], b: list[bool], seeds: list[int]) -> list[list[float]]:
    return [[float(v) for v in submission.paired_bootstrap_ci(a, b, seed=seed)] for seed in seeds]


def compare(submission, cases: list[list[list[bool]]]) -> list:
    results = []
    for a, b in cases:
        try:
            results.append(plain(submission.compare(a, b)))
        except ValueError as error:
            results.append({"ValueError": str(error)})
    return results


def ab_test(submission, provider: str, pairs: list[list[str]]) -> dict:
    client = agentkit.Client(provider)
    items = list(submission.ITEMS)
    return {"results": [plain(submission.ab_test(client, submission.PROMPTS[a], submission.PROMPTS[b], items))
                        for a, b in pairs],
            "prompts": dict(submission.PROMPTS), "items": [[item.text, item.label] for item in items]}


def plain(result: dict) -> dict:
    keys = ("n", "correct_a", "correct_b", "accuracy_a", "accuracy_b", "difference", "a_only", "b_only", "p_value",
            "ci", "significant", "winner")
    out = {key: result.get(key) for key in keys}
    out["ci"] = [float(v) for v in out["ci"]] if out["ci"] is not None else None
    out["significant"] = bool(out["significant"]) if out["significant"] is not None else None
    for key in ("accuracy_a", "accuracy_b", "difference", "p_value"):
        out[key] = float(out[key]) if out[key] is not None else None
    for key in ("n", "correct_a", "correct_b", "a_only", "b_only"):
        out[key] = int(out[key]) if out[key] is not None else None
    return out
