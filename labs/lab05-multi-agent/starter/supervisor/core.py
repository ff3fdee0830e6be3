"""The supervisor loop: plan, run each subtask with its worker, synthesise, inside a budget.

Contract (the tests check exactly this, through `run` only; the helpers below are a suggested shape):

1. Plan: `client.structured(task, Plan, system=prompts.PLANNER)`. An empty plan is fine: go to step 4.
2. Run the subtasks in the plan's order. Each is one `client.chat` call with system=prompts.WORKERS[agent]
   and a user message holding the subtask's instruction and the outputs of every earlier successful step.
3. A worker call that raises `agentkit.LLMError` with `error.retryable`, or whose reply has no text: try once
   more (2 attempts at most), after `time.sleep` of `error.retry_after` when given (at most 8 s), else a short
   back-off. Otherwise, or if the retry fails too, record `Step(agent, instruction, output, ok=False)` with
   the error's message in its output, stop running subtasks, and return status "partial", stop_reason
   "worker_failed", with an answer built from the steps that succeeded (synthesise them, or use the last
   successful output).
4. Synthesise: one `client.chat` call with system=prompts.SYNTHESISER and a user message holding the task,
   every successful output and the instruction of any failed subtask; its stripped text is `Result.answer`.
5. Budgets, checked before EVERY call (plan, each worker attempt, synthesis): when `budget.max_steps` calls
   have been made, or the run has spent `budget.max_cost_usd` (add up `reply.cost_usd`), make no more calls
   and return status "partial", stop_reason "max_steps" / "max_cost", answer = the last successful output.
6. Every call sets `max_tokens`, at most 1024 (the client sends 1024 when a call passes none).
"""
from __future__ import annotations

from typing import Any

from agentkit import Reply

from supervisor import prompts  # noqa: F401 - the system prompts to use
from supervisor.models import Budget, Plan, Result, Step, Subtask


class Ledger:
    """What one run has spent so far: LLM calls started, and dollars. Route every call of a run through it."""

    def __init__(self, client, budget: Budget):
        self.client = client
        self.budget = budget
        self.calls = 0
        self.cost_usd = 0.0
        client.require_price(purpose="the run's max_cost_usd budget")  # given: an unpriced model is not free

    def stop_reason(self) -> str | None:
        """"max_steps" or "max_cost" once that budget is used up, else None."""
        # TODO step 2: compare self.calls and self.cost_usd with the budget.
        raise NotImplementedError("step 2: Ledger.stop_reason")

    def chat(self, messages, **options: Any) -> Reply:
        # TODO step 2: count the call (count it even if it raises: it used a step), make it with
        # self.client.chat, add reply.cost_usd to self.cost_usd, return the reply.
        raise NotImplementedError("step 2: Ledger.chat")

    def structured(self, messages, schema, **options: Any):
        # TODO step 2: the same for self.client.structured. It can make more than one call when the model's
        # output does not validate; `len(self.client.calls)` and `self.client.total_cost_usd` before and
        # after tell you what it made and spent.
        raise NotImplementedError("step 2: Ledger.structured")


class Supervisor:
    """Plans a task, runs each subtask with the named worker, and synthesises one answer."""

    def __init__(self, client, budget: Budget = Budget()):
        self.client = client
        self.budget = budget

    def run(self, task: str) -> Result:
        # TODO steps 4-6: one Ledger per run; plan; run each subtask (with retries) collecting Steps;
        # synthesise; return a Result. Check the ledger before every call.
        raise NotImplementedError("steps 4-6: Supervisor.run")

    def plan(self, task: str, ledger: Ledger) -> Plan:
        # TODO step 3
        raise NotImplementedError("step 3: Supervisor.plan")

    def work(self, task: str, subtask: Subtask, steps: list[Step], ledger: Ledger) -> str:
        # TODO step 4: one worker call; return its text.
        raise NotImplementedError("step 4: Supervisor.work")

    def synthesise(self, task: str, steps: list[Step], ledger: Ledger) -> str:
        # TODO step 4
        raise NotImplementedError("step 4: Supervisor.synthesise")
