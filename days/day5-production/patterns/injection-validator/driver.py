"""What the graders call: run the student's `injection_guard` package and hand back plain JSON data only.

The labelled rows are read by the tests and passed in, because the data set is not part of the package
(and is not visible inside the grading sandbox)."""
from __future__ import annotations

import agentkit

MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}
SYSTEM = "You are the support assistant of an outdoor-gear shop. Answer in at most three sentences."
MAX_TOKENS = 300


def verdict_of(verdict) -> dict:
    return {"allowed": bool(verdict.allowed), "category": str(verdict.category), "score": float(verdict.score),
            "reasons": [str(r) for r in verdict.reasons]}


def verdicts(submission, texts: list[str]) -> dict:
    """`InputValidator().check(text)` for each text."""
    validator = submission.InputValidator()
    return {"verdicts": [verdict_of(validator.check(t)) for t in texts]}


def compare(submission, texts: list[str]) -> dict:
    """Each text through the given `NaiveValidator()` and through the student's `InputValidator()`."""
    naive, ours = submission.NaiveValidator(), submission.InputValidator()
    return {"naive": [bool(naive.check(t).allowed) for t in texts], "ours": [bool(ours.check(t).allowed) for t in texts]}


class KeywordValidator:
    """A stand-in with known answers: blocks exactly the texts that contain BLOCK."""

    def __init__(self):
        self.seen = 0

    def check(self, text: str):
        self.seen += 1
        blocked = "BLOCK" in text
        return _Verdict(not blocked)


class _Verdict:
    def __init__(self, allowed: bool):
        self.allowed, self.category, self.score, self.reasons = allowed, "benign", float(not allowed), ()


def evaluate_known(submission, rows: list[dict]) -> dict:
    """`evaluate(KeywordValidator(), rows)`: the report's numbers, and how many texts it checked."""
    validator = KeywordValidator()
    report = submission.evaluate(validator, rows)
    return {"detection": {str(k): float(v) for k, v in report.detection.items()},
            "overall_detection": report.overall_detection, "false_positive_rate": report.false_positive_rate,
            "missed": sorted(str(i) for i in report.missed),
            "false_positives": sorted(str(i) for i in report.false_positives), "checked": validator.seen}


def sanitise_texts(submission, texts: list[str], max_length: int = 8000) -> dict:
    return {"sanitised": [str(submission.sanitise(t, max_length=max_length)) for t in texts]}


class CountingClient:
    """Passes calls to a real agentkit.Client and counts them."""

    def __init__(self, client):
        self._client, self.calls = client, 0

    def chat(self, *args, **kwargs):
        self.calls += 1
        return self._client.chat(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


def guarded(submission, provider: str, turns: list[dict]) -> dict:
    """Each turn ({"question", "documents"}) through one `GuardedChat`; what happened to each."""
    client = CountingClient(agentkit.Client(provider))
    chat = submission.GuardedChat(client, system=SYSTEM, model=MODELS[provider], max_tokens=MAX_TOKENS)
    outcomes = []
    for turn in turns:
        before = client.calls
        try:
            answer = chat.ask(turn["question"], turn.get("documents", []))
        except submission.InputRejected as exc:
            outcomes.append({"refused": True, "where": str(exc.where), "message": str(exc),
                             "called": client.calls - before})
        else:
            outcomes.append({"refused": False, "answer": str(answer), "called": client.calls - before})
    return {"turns": outcomes}
