"""The data a supervisor run works with: the plan, the budget, each step taken, and the result."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

AgentName = Literal["researcher", "writer", "critic"]
StopReason = Literal["max_steps", "max_cost", "worker_failed"]


class Subtask(BaseModel):
    """One piece of the task, for one worker agent."""

    agent: AgentName = Field(description="the worker that does this subtask")
    instruction: str = Field(description="what that worker should do, in one or two self-contained sentences")


class Plan(BaseModel):
    """The supervisor's plan: subtasks in the order they run. Each worker sees the outputs before it."""

    subtasks: list[Subtask] = Field(description="the subtasks, in the order they should run")


@dataclass(frozen=True)
class Budget:
    """Limits for one `Supervisor.run`.

    max_steps: LLM calls in total (planning, every worker attempt including retries, synthesis).
    max_cost_usd: no new call starts once the run has spent this much (so it may end one call over).
    """

    max_steps: int = 8
    max_cost_usd: float = 0.10


@dataclass
class Step:
    """One subtask as it was run: `output` is the worker's text, or what went wrong when `ok` is False."""

    agent: str
    instruction: str
    output: str
    ok: bool


@dataclass
class Result:
    """What `Supervisor.run` returns.

    status is "complete" when every subtask and the synthesis succeeded; otherwise "partial", with
    stop_reason saying why ("max_steps", "max_cost" or "worker_failed") and `answer` the best text the run has.
    """

    answer: str
    status: Literal["complete", "partial"]
    steps: list[Step]
    cost_usd: float
    stop_reason: StopReason | None = None
