"""Accuracy and cost of each technique on the labelled set."""
from __future__ import annotations

import agentkit
from reasoning.dataset import EXAMPLES, PROBLEMS, Example, Problem, canonical, is_correct
from reasoning.prompts import ask, chain, cot_request, direct_request, few_shot_request
from reasoning.selection import first_examples, select_examples
from reasoning.voting import self_consistency

TECHNIQUES = ("direct", "cot", "few_shot_first", "few_shot", "self_consistency", "chain")


def solve(client: agentkit.Client, technique: str, problem: str, pool: list[Example], k: int, n: int) -> str | None:
    """One problem's answer with one technique."""
    if technique == "direct":
        return ask(client, direct_request(problem))
    if technique == "few_shot_first":  # the naive few-shot prompt, for comparison
        return ask(client, few_shot_request(problem, first_examples(problem, pool, k)))
    ### BEGIN STARTER
    # # TODO: "cot" (cot_request), "few_shot" (select_examples, then few_shot_request), "self_consistency" (its
    # # "answer") and "chain", each returning the answer as the two techniques above do.
    ### END STARTER
    ### BEGIN SOLUTION
    if technique == "cot":
        return ask(client, cot_request(problem))
    if technique == "few_shot":
        return ask(client, few_shot_request(problem, select_examples(problem, pool, k)))
    if technique == "self_consistency":
        return self_consistency(client, problem, n)["answer"]
    if technique == "chain":
        return chain(client, problem)
    ### END SOLUTION
    raise ValueError(f"unknown technique {technique!r}; one of {', '.join(TECHNIQUES)}")


def evaluate(client: agentkit.Client, technique: str, problems: list[Problem] = PROBLEMS,
             pool: list[Example] = EXAMPLES, k: int = 2, n: int = 5) -> dict:
    """Solve every problem with `technique` and count: {"technique", "problems", "correct", "accuracy",
    "calls", "input_tokens", "output_tokens", "cost_usd" (every call this technique made, priced from the
    replies), "answers" (problem id -> canonical answer or None)}."""
    ### BEGIN SOLUTION
    before = len(client.calls)
    answers = {p.id: canonical(solve(client, technique, p.text, pool, k, n)) for p in problems}
    calls = client.calls[before:]
    correct = sum(is_correct(answers[p.id], p.expected) for p in problems)
    return {"technique": technique, "problems": len(problems), "correct": correct,
            "accuracy": correct / len(problems) if problems else 0.0, "calls": len(calls),
            "input_tokens": sum(r.usage.input_tokens for r in calls),
            "output_tokens": sum(r.usage.output_tokens for r in calls),
            "cost_usd": sum(r.cost_usd for r in calls), "answers": answers}
    ### END SOLUTION
