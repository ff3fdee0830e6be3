"""The supervisor loop: plan, run each subtask with its worker, synthesise, inside a budget.

Every LLM call of a run goes through one `Ledger`, which is checked before each call: that is what
turns "the model planned 40 steps" or "the replies were long" into a partial result instead of a bill.

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

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from agentkit import LLMError, Reply, StructuredOutputError

from supervisor import prompts
from supervisor.models import Budget, Plan, Result, Step, Subtask

T = TypeVar("T")
WORKER_FAILED = "worker_failed"
BUDGET_STOPS = ("max_steps", "max_cost")


class EmptyReplyError(LLMError):
    """The model answered with no text. Worth one more try, like a server error."""

    retryable = True


class Ledger:
    """What one run has spent so far: LLM calls started, and dollars."""

    def __init__(self, client, budget: Budget):
        self.client = client
        self.budget = budget
        self.calls = 0
        self.cost_usd = 0.0
        client.require_price(purpose="the run's max_cost_usd budget")  # given: an unpriced model is not free

    def stop_reason(self) -> str | None:
        """"max_steps" or "max_cost" once that budget is used up, else None. Check it before every call."""
        ### BEGIN STARTER
        # # TODO step 2: compare self.calls and self.cost_usd with the budget.
        # raise NotImplementedError("step 2: Ledger.stop_reason")
        ### END STARTER
        ### BEGIN SOLUTION
        if self.calls >= self.budget.max_steps:
            return "max_steps"
        if self.cost_usd >= self.budget.max_cost_usd:
            return "max_cost"
        return None
        ### END SOLUTION

    def chat(self, messages, **options: Any) -> Reply:
        ### BEGIN STARTER
        # # TODO step 2: count the call (count it even if it raises: it used a step), make it with
        # # self.client.chat, add reply.cost_usd to self.cost_usd, return the reply.
        # raise NotImplementedError("step 2: Ledger.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        self.calls += 1  # counted before the call: a request that fails still used a step
        reply = self.client.chat(messages, **options)
        self.cost_usd += reply.cost_usd or 0.0
        return reply
        ### END SOLUTION

    def structured(self, messages, schema: type[T], **options: Any) -> T:
        # structured() may make several calls (it feeds validation errors back to the model), so it may only
        # retry within the steps left, and what it made is read back from the client's log of calls.
        ### BEGIN STARTER
        # # TODO step 2: the same for self.client.structured. It can make more than one call when the model's
        # # output does not validate; `len(self.client.calls)` and `self.client.total_cost_usd` before and
        # # after tell you what it made and spent.
        # raise NotImplementedError("step 2: Ledger.structured")
        ### END STARTER
        ### BEGIN SOLUTION
        retries = max(0, min(2, self.budget.max_steps - self.calls - 1))
        calls_before, cost_before = len(self.client.calls), self.client.total_cost_usd
        failed = 0
        try:
            return self.client.structured(messages, schema, retries=retries, **options)
        except StructuredOutputError:
            raise
        except LLMError:
            failed = 1  # the request that raised never reached client.calls
            raise
        finally:
            self.calls += len(self.client.calls) - calls_before + failed
            self.cost_usd += self.client.total_cost_usd - cost_before
        ### END SOLUTION


class Supervisor:
    """Plans a task, runs each subtask with the named worker, and synthesises one answer.

    >>> result = Supervisor(Client("anthropic"), Budget(max_steps=6)).run("Brief the board on heat pumps")
    >>> result.status, result.stop_reason, result.answer
    """

    max_attempts = 2   # per call: the first try and one retry
    max_tokens = 1024

    def __init__(self, client, budget: Budget = Budget(), *, backoff_s: float = 0.5, max_backoff_s: float = 8.0):
        self.client = client
        self.budget = budget
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s

    def run(self, task: str) -> Result:
        ### BEGIN STARTER
        # # TODO steps 4-6: one Ledger per run; plan; run each subtask (with retries) collecting Steps;
        # # synthesise; return a Result. Check the ledger before every call.
        # raise NotImplementedError("steps 4-6: Supervisor.run")
        ### END STARTER
        ### BEGIN SOLUTION
        ledger = Ledger(self.client, self.budget)
        plan, stop, _ = self._attempt(ledger, self.plan, task, ledger)
        if plan is None:  # nothing to build on: no subtask ran, so there is no Step
            return Result("", "partial", [], ledger.cost_usd, stop)

        steps: list[Step] = []
        for subtask in plan.subtasks:
            output, stop, error = self._attempt(ledger, self.work, task, subtask, steps, ledger)
            if output is None:
                if error is not None:
                    steps.append(Step(subtask.agent, subtask.instruction, describe(error), ok=False))
                # Later subtasks build on this one (the writer needs the research), so stop here.
                return self._finish(task, steps, ledger, stop)
            steps.append(Step(subtask.agent, subtask.instruction, output, ok=True))
        return self._finish(task, steps, ledger, None)
        ### END SOLUTION

    def plan(self, task: str, ledger: Ledger) -> Plan:
        ### BEGIN STARTER
        # # TODO step 3
        # raise NotImplementedError("step 3: Supervisor.plan")
        ### END STARTER
        ### BEGIN SOLUTION
        return ledger.structured(task, Plan, system=prompts.PLANNER, max_tokens=self.max_tokens)
        ### END SOLUTION

    def work(self, task: str, subtask: Subtask, steps: list[Step], ledger: Ledger) -> str:
        """One worker call: its role's system prompt; the subtask and every earlier successful output."""
        ### BEGIN STARTER
        # # TODO step 4: one worker call; return its text.
        # raise NotImplementedError("step 4: Supervisor.work")
        ### END STARTER
        ### BEGIN SOLUTION
        reply = ledger.chat(worker_brief(task, subtask, steps), system=prompts.WORKERS[subtask.agent],
                            max_tokens=self.max_tokens)
        return text_of(reply)
        ### END SOLUTION

    def synthesise(self, task: str, steps: list[Step], ledger: Ledger) -> str:
        ### BEGIN STARTER
        # # TODO step 4
        # raise NotImplementedError("step 4: Supervisor.synthesise")
        ### END STARTER
        ### BEGIN SOLUTION
        reply = ledger.chat(synthesis_brief(task, steps), system=prompts.SYNTHESISER, max_tokens=self.max_tokens)
        return text_of(reply)
        ### END SOLUTION

    def _finish(self, task: str, steps: list[Step], ledger: Ledger, stop: str | None) -> Result:
        """Synthesise from the successful steps; when that is not possible, settle for the last good output."""
        ### BEGIN SOLUTION
        done = [s for s in steps if s.ok]
        fallback = done[-1].output if done else ""
        if stop in BUDGET_STOPS or (stop is not None and not done):
            return Result(fallback, "partial", steps, ledger.cost_usd, stop)
        answer, synthesis_stop, _ = self._attempt(ledger, self.synthesise, task, steps, ledger)
        if answer is None:  # steps hold subtasks only; the stop reason says the synthesis did not happen
            return Result(fallback, "partial", steps, ledger.cost_usd, stop or synthesis_stop)
        return Result(answer, "complete" if stop is None else "partial", steps, ledger.cost_usd, stop)
        ### END SOLUTION

    def _attempt(self, ledger: Ledger, call: Callable[..., T], *args: Any) -> tuple[T | None, str | None, LLMError | None]:
        """Make `call` (one LLM request) succeed within the budget: (value, None, None) if it did, else
        (None, why, last error) with why a budget stop or "worker_failed". Only retryable errors are retried."""
        ### BEGIN SOLUTION
        error: LLMError | None = None
        for attempt in range(self.max_attempts):
            if stop := ledger.stop_reason():
                return None, stop, error
            try:
                return call(*args), None, None
            except LLMError as exc:
                error = exc
                if not exc.retryable:
                    break
                if attempt + 1 < self.max_attempts:
                    time.sleep(self._delay(exc, attempt))
        return None, WORKER_FAILED, error
        ### END SOLUTION

    def _delay(self, error: LLMError, attempt: int) -> float:
        ### BEGIN SOLUTION
        hint = getattr(error, "retry_after", None)  # a rate limit's own "come back in N seconds"
        wait = hint if hint is not None else self.backoff_s * 2 ** attempt * random.uniform(1.0, 1.25)
        return min(wait, self.max_backoff_s)
        ### END SOLUTION


def text_of(reply: Reply) -> str:
    ### BEGIN SOLUTION
    text = reply.text.strip()
    if not text:
        raise EmptyReplyError(f"the model returned no text (stop reason {reply.stop_reason})",
                              provider=reply.provider)
    return text
    ### END SOLUTION


def describe(error: LLMError) -> str:
    ### BEGIN SOLUTION
    return f"{type(error).__name__}: {error}"
    ### END SOLUTION


def results_section(steps: list[Step]) -> str:
    ### BEGIN SOLUTION
    return "\n\n".join(f"[{n}] {s.agent} ({s.instruction})\n{s.output}"
                       for n, s in enumerate((s for s in steps if s.ok), start=1))
    ### END SOLUTION


def worker_brief(task: str, subtask: Subtask, steps: list[Step]) -> str:
    ### BEGIN SOLUTION
    parts = [f"Overall task: {task}", f"Your subtask: {subtask.instruction}"]
    if any(s.ok for s in steps):
        parts.append("Results of the earlier steps, in order:\n\n" + results_section(steps))
    return "\n\n".join(parts)
    ### END SOLUTION


def synthesis_brief(task: str, steps: list[Step]) -> str:
    ### BEGIN SOLUTION
    parts = [f"Task: {task}"]
    if any(s.ok for s in steps):
        parts.append("Results from the team, in order:\n\n" + results_section(steps))
    else:
        parts.append("No agent results: answer the task directly.")
    failed = [s for s in steps if not s.ok]
    if failed:
        parts.append("These subtasks failed and produced nothing:\n" + "\n".join(
            f"- {s.agent}: {s.instruction}" for s in failed))
    parts.append("Write the final answer for the user.")
    return "\n\n".join(parts)
    ### END SOLUTION
