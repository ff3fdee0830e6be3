"""What the graders call: run the student's `grounding` package and hand back plain JSON data only.

Questions and source are the package's given `QUESTIONS` and `SOURCE`; the client is `agentkit.Client(provider)`,
answered by the scenario the test names.
"""
from __future__ import annotations

import agentkit


def parse(submission, answers: list[str], verdicts: list[str]) -> dict:
    return {"answers": [submission.parse_answer(text) for text in answers],
            "verdicts": [bool(submission.parse_verdict(text)) for text in verdicts]}


def evaluate_all(submission, provider: str, configs: list[dict], questions: list[str] | None = None) -> list:
    client = agentkit.Client(provider)
    chosen = [q for q in submission.QUESTIONS if questions is None or q.id in questions]
    results = []
    for config in configs:
        result = submission.evaluate(client, chosen, submission.SOURCE, submission.Mitigations(**config))
        results.append({name: result.get(name) for name in
                        ("questions", "answered", "correct", "wrong", "abstained", "answer_rate", "wrong_rate",
                         "answers")})
    return {"results": results, "source": submission.SOURCE,
            "questions": {q.id: q.text for q in chosen}}
