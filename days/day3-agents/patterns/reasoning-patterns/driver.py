"""What the graders call: run one of the student's strategies with `agentkit.Client(provider)`, answered by the
scenario the test names, and hand back the returned Run as plain JSON data only."""
from __future__ import annotations

import agentkit

TASK = "Is the checkout service within its error budget for November 2026?"


def as_data(run) -> dict:
    return {"strategy": str(run.strategy), "answer": str(run.answer),
            "steps": [[str(step.kind), str(step.content)] for step in run.steps],
            "calls": int(run.calls), "input_tokens": int(run.input_tokens), "output_tokens": int(run.output_tokens),
            "cost_usd": None if run.cost_usd is None else float(run.cost_usd), "stopped": bool(run.stopped)}


def react(submission, provider: str, max_steps: int = 6) -> dict:
    return as_data(submission.react(agentkit.Client(provider), TASK, max_steps=max_steps))


def plan_and_execute(submission, provider: str, max_steps: int = 6) -> dict:
    return as_data(submission.plan_and_execute(agentkit.Client(provider), TASK, max_steps=max_steps))


def verify_then_answer(submission, provider: str, max_steps: int = 6, max_revisions: int = 1) -> dict:
    return as_data(submission.verify_then_answer(agentkit.Client(provider), TASK, max_steps=max_steps,
                                                 max_revisions=max_revisions))
