"""What the graders call: run the student's `rag_judge` package and hand back plain JSON data only.

The judge's model is `agentkit.Client(provider)`, answered by the scenario the test names; what was sent is read
on the grader's side. Values that are not plain data (a float that is NaN, say) go back as their repr."""
from __future__ import annotations

import math

import agentkit


def plain(value):
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return repr(value)


def attempt(call) -> dict:
    try:
        return {"value": call()}
    except Exception as exc:  # noqa: BLE001 - the test reads what was raised
        return {"raised": type(exc).__name__, "message": str(exc)[:300]}


def judgement(found) -> dict:
    passed = getattr(found, "passed", "missing")
    claims = getattr(found, "unsupported_claims", None)
    return {"passed": passed if passed is None or isinstance(passed, bool) else repr(passed),
            "unsupported_claims": [str(c) for c in claims] if isinstance(claims, (list, tuple)) else repr(claims)}


def faithfulness(submission, provider: str, question: str, context: str, answer: str) -> dict:
    client = agentkit.Client(provider)
    result = attempt(lambda: judgement(submission.judge_faithfulness(client, question, context, answer)))
    return {**result, "rubric": str(submission.FAITHFULNESS_RUBRIC)}


def relevance(submission, provider: str, question: str, answer: str) -> dict:
    client = agentkit.Client(provider)
    result = attempt(lambda: judgement(submission.judge_relevance(client, question, answer)))
    return {**result, "rubric": str(submission.RELEVANCE_RUBRIC)}


def compare(submission, provider: str, question: str, context: str, first: str, second: str) -> dict:
    client = agentkit.Client(provider)
    return attempt(lambda: plain(submission.compare(client, question, context, first, second)))


def statistic(submission, name: str, args: list) -> dict:
    """`kappa`, `agreement` or `confusion` on plain label lists (JSON has no tuples: labels are str/bool/int)."""
    function = {"kappa": submission.cohens_kappa, "agreement": submission.agreement,
                "confusion": submission.confusion_matrix}[name]
    return attempt(lambda: plain(function(*args)))


def calibration(submission, provider: str, items: list[dict]) -> dict:
    """The student's judge over the labelled items, then the student's calibrate() against the human labels."""
    client = agentkit.Client(provider)
    verdicts = []
    for item in items:
        found = submission.judge_faithfulness(client, item["question"], item["context"], item["answer"])
        verdicts.append(judgement(found)["passed"])

    def summary() -> dict:
        result = submission.calibrate([item["faithful"] for item in items], verdicts)
        return {name: plain(getattr(result, name, None)) for name in ("n", "no_verdict", "agreement", "kappa",
                                                                      "confusion")}
    return {"verdicts": verdicts, **attempt(summary)}
