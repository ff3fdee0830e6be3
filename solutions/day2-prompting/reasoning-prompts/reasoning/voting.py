"""Self-consistency: sample the same chain-of-thought prompt n times and take the majority answer."""
from __future__ import annotations

from collections import Counter

import agentkit
from reasoning.dataset import canonical
from reasoning.prompts import cot_request, extract_answer


def majority_vote(answers: list[str | None]) -> str | None:
    """The canonical answer most samples agree on. A sample with no answer (None) has no vote; answers vote
    together when their canonical forms match ("6,200 ms" and "6200"). A tie goes to the answer whose first vote
    came earliest. None when no sample answered."""
    ### BEGIN SOLUTION
    votes = Counter(canonical(a) for a in answers if canonical(a) is not None)
    if not votes:
        return None
    best = max(votes.values())
    return next(key for key in votes if votes[key] == best)  # a Counter keeps first-seen order
    ### END SOLUTION


def self_consistency(client: agentkit.Client, problem: str, n: int = 5) -> dict:
    """n identical chain-of-thought calls, then the vote: {"answer", "samples" (each call's extracted answer),
    "votes" (canonical answer -> count), "calls", "cost_usd" (the n calls' cost from their replies)}."""
    ### BEGIN SOLUTION
    system, messages = cot_request(problem)
    replies = [client.chat(messages, system=system, max_tokens=600) for _ in range(n)]
    samples = [extract_answer(reply.text) for reply in replies]
    votes = Counter(canonical(a) for a in samples if canonical(a) is not None)
    return {"answer": majority_vote(samples), "samples": samples, "votes": dict(votes), "calls": n,
            "cost_usd": sum(reply.cost_usd for reply in replies)}
    ### END SOLUTION
