"""What the graders call: run the student's `reasoning` package and hand back plain JSON data only.

Problems and examples are the package's given `PROBLEMS` and `EXAMPLES`; the client is `agentkit.Client(provider)`,
answered by the scenario the test names.
"""
from __future__ import annotations

import agentkit


def parse(submission, texts: list[str], ballots: list[list]) -> dict:
    return {"answers": [submission.extract_answer(text) for text in texts],
            "winners": [submission.majority_vote(list(ballot)) for ballot in ballots]}


def select(submission, k: int) -> dict:
    return {p.id: [e.id for e in submission.select_examples(p.text, list(submission.EXAMPLES), k)]
            for p in submission.PROBLEMS}


def problem(submission, problem_id: str):
    return next(p for p in submission.PROBLEMS if p.id == problem_id)


def evaluate(submission, provider: str, technique: str, problems: list[str] | None = None) -> dict:
    chosen = [p for p in submission.PROBLEMS if problems is None or p.id in problems]
    result = submission.evaluate(agentkit.Client(provider), technique, chosen)
    keys = ("technique", "problems", "correct", "accuracy", "calls", "input_tokens", "output_tokens", "cost_usd",
            "answers")
    return {**{key: result.get(key) for key in keys},
            "texts": {p.id: p.text for p in chosen},
            "examples": {e.id: [e.question, e.working, e.answer] for e in submission.EXAMPLES}}


def self_consistency(submission, provider: str, problem_id: str, n: int) -> dict:
    result = submission.self_consistency(agentkit.Client(provider), problem(submission, problem_id).text, n)
    return {key: result.get(key) for key in ("answer", "samples", "votes", "calls", "cost_usd")}


def chain(submission, provider: str, problem_id: str) -> dict:
    chosen = problem(submission, problem_id)
    return {"answer": submission.chain(agentkit.Client(provider), chosen.text), "text": chosen.text}
