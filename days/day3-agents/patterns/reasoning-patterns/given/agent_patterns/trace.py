"""What a strategy returns: its answer, the steps it took, and what its model calls cost. Given."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import agentkit

KINDS = ("thought", "action", "observation", "plan", "draft", "verdict", "answer")


@dataclass
class Step:
    kind: str      # one of KINDS
    content: str


@dataclass
class Run:
    strategy: str
    answer: str
    steps: list[Step] = field(default_factory=list)
    calls: int = 0                  # model calls this run made
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float | None = None   # None if any call has no price
    stopped: bool = False           # a budget ran out before a checked or final answer


def action(name: str, arguments: dict) -> str:
    """A tool call as one line: get_slo({"service": "checkout"})."""
    return f"{name}({json.dumps(arguments, sort_keys=True)})"


def finish(strategy: str, client: agentkit.Client, since: int, answer: str, steps: list[Step],
           stopped: bool = False) -> Run:
    """The Run, with the calls, tokens and cost of `client.calls[since:]` (the calls made since `since`)."""
    replies = client.calls[since:]
    costs = [r.cost_usd for r in replies]
    return Run(strategy, answer, steps, calls=len(replies),
               input_tokens=sum(r.usage.input_tokens for r in replies),
               output_tokens=sum(r.usage.output_tokens for r in replies),
               cost_usd=None if None in costs else sum(costs, 0.0), stopped=stopped)
