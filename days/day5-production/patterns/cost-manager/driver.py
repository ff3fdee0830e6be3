"""What the graders call: exercise the student's `cost_manager` package and hand back plain JSON data only.

Money goes back as strings (`str(Decimal)`) with its type name, so the tests compare exact Decimals.
Time is a fake clock of aware datetimes that scripts set with `["at", ISO-8601]`.

Script steps (each gives `{"value": ...}` or `{"raised": "BudgetExceededError", "limit": ...}`):
  ["at", ISO]                       set the clock
  ["estimate", MODEL, IN, OUT]      the worst case
  ["reserve", MODEL, IN, OUT]       value: the reservation's number (0, 1, ...) and the amount it holds
  ["settle", N, USAGE]              settle reservation N with USAGE (a dict of agentkit.Usage fields)
  ["release", N]
  ["record", MODEL, USAGE]
  ["buy", MODEL, IN, OUT]           reserve, then settle with exactly IN input and OUT output tokens
  ["fail_inside_spend", MODEL, IN, OUT]   `with spend(...)`: the block raises; did the error come out?
  ["report"]                        spend by day, month and model
"""
from __future__ import annotations

import asyncio
import sys
import threading
import time
from datetime import datetime
from decimal import Decimal

import agentkit

SYSTEM = "You are the support desk assistant. Answer in one or two sentences."


class FakeClock:
    """Aware datetimes that move only when a script says so."""

    def __init__(self, start: str):
        self.now = datetime.fromisoformat(start)
        self.lock = threading.Lock()

    def __call__(self) -> datetime:
        with self.lock:
            return self.now

    def set(self, moment: str) -> None:
        with self.lock:
            self.now = datetime.fromisoformat(moment)


class CallFailed(Exception):
    """Stands for a model call that failed inside `with manager.spend(...)`."""


def money(value) -> dict:
    return {"value": str(value), "type": type(value).__name__}


def kind_of(exc: BaseException, submission) -> str:
    if isinstance(exc, submission.BudgetExceededError):
        return "BudgetExceededError"
    if isinstance(exc, agentkit.UnknownModelError):
        return "UnknownModelError"
    for cls in (agentkit.ServerError, agentkit.RateLimitError, agentkit.LLMError):
        if isinstance(exc, cls):
            return cls.__name__
    return type(exc).__name__


def failure(exc: BaseException, submission) -> dict:
    return {"raised": kind_of(exc, submission), "limit": str(getattr(exc, "limit", None)), "message": str(exc)[:300]}


def make_manager(submission, budget: dict | None, clock, provider: str | None = None):
    limits = {name: Decimal(str(value)) for name, value in (budget or {}).items()}
    return submission.CostManager(submission.Budget(**limits), clock=clock, provider=provider)


def report(manager) -> dict:
    return {name: {str(key): str(value) for key, value in getattr(manager, f"spend_by_{name}")().items()}
            for name in ("day", "month", "model")}


def script(submission, steps: list, budget: dict | None = None, start: str = "2026-11-28T09:00:00+00:00",
           provider: str | None = None) -> dict:
    clock = FakeClock(start)
    manager = make_manager(submission, budget, clock, provider)
    reservations: list = []
    results = []

    def reservation(number) -> object:
        if int(number) >= len(reservations):
            raise LookupError(f"reservation {number} was never made: its reserve step failed")
        return reservations[int(number)]

    def run(step):
        op, args = step[0], step[1:]
        if op == "at":
            clock.set(args[0])
            return None
        if op == "estimate":
            return money(manager.estimate(args[0], int(args[1]), int(args[2])))
        if op == "reserve":
            made = manager.reserve(args[0], int(args[1]), int(args[2]))
            reservations.append(made)
            return {"value": len(reservations) - 1, "amount": str(getattr(made, "amount", None))}
        if op == "settle":
            return money(manager.settle(reservation(args[0]), agentkit.Usage(**args[1])))
        if op == "release":
            manager.release(reservation(args[0]))
            return None
        if op == "record":
            return money(manager.record(args[0], agentkit.Usage(**args[1])))
        if op == "buy":
            bought = manager.reserve(args[0], int(args[1]), int(args[2]))
            reservations.append(bought)
            usage = agentkit.Usage(input_tokens=int(args[1]), output_tokens=int(args[2]))
            return money(manager.settle(bought, usage))
        if op == "fail_inside_spend":
            try:
                with manager.spend(args[0], int(args[1]), int(args[2])):
                    raise CallFailed("the model call failed")
            except CallFailed:
                return {"value": "propagated"}
            return {"value": "swallowed"}
        if op == "report":
            return {"value": report(manager)}
        raise ValueError(f"unknown step {op!r}")

    for step in steps:
        try:
            outcome = run(step)
        except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
            outcome = failure(exc, submission)
        results.append({"value": None} if outcome is None else outcome)
    return {"results": results}


def period_keys(submission, moments: list[str]) -> dict:
    """`day_key` and `month_key` of each ISO-8601 moment (aware datetimes, any offset)."""
    keys = []
    for moment in moments:
        when = datetime.fromisoformat(moment)
        keys.append([str(submission.day_key(when)), str(submission.month_key(when))])
    return {"keys": keys}


def hammer_threads(submission, threads: int, attempts: int, budget: dict, model: str, input_tokens: int,
                   max_output_tokens: int, used: dict, call_seconds: float = 0.002) -> dict:
    """`threads` threads, released together, each try `attempts` requests: reserve, "call the model" (sleep
    `call_seconds`), settle with `used`. The clock stands still, so every request falls on one day."""
    clock = FakeClock("2026-11-28T12:00:00+00:00")
    manager = make_manager(submission, budget, clock)
    usage = agentkit.Usage(**used)
    start = threading.Barrier(threads)
    admitted, refused, errors = [0] * threads, [0] * threads, []

    def worker(index: int) -> None:
        try:
            start.wait(10)
            for _ in range(attempts):
                try:
                    reservation = manager.reserve(model, input_tokens, max_output_tokens)
                except submission.BudgetExceededError:
                    refused[index] += 1
                    continue
                time.sleep(call_seconds)
                manager.settle(reservation, usage)
                admitted[index] += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: check-then-act races show up
    try:
        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join(30)
    finally:
        sys.setswitchinterval(interval)
    by_day = manager.spend_by_day()
    return {"admitted": int(sum(admitted)), "refused": int(sum(refused)), "errors": errors[:3],
            "spent": str(sum(by_day.values(), Decimal(0))), "days": sorted(str(k) for k in by_day)}


def async_tasks(submission, tasks: int, budget: dict, model: str, input_tokens: int, max_output_tokens: int,
                used: dict) -> dict:
    """`tasks` coroutines each `async with manager.spend(...)`, await (the model call), then settle."""
    clock = FakeClock("2026-11-28T12:00:00+00:00")
    manager = make_manager(submission, budget, clock)
    usage = agentkit.Usage(**used)

    async def one() -> str:
        try:
            async with manager.spend(model, input_tokens, max_output_tokens) as reservation:
                await asyncio.sleep(0.001)
                manager.settle(reservation, usage)
            return "admitted"
        except submission.BudgetExceededError:
            return "refused"

    async def main():
        return await asyncio.gather(*(one() for _ in range(tasks)), return_exceptions=True)

    outcomes = asyncio.run(main())
    errors = [f"{type(o).__name__}: {o}" for o in outcomes if isinstance(o, BaseException)]
    by_day = manager.spend_by_day()
    return {"admitted": outcomes.count("admitted"), "refused": outcomes.count("refused"), "errors": errors[:3],
            "spent": str(sum(by_day.values(), Decimal(0)))}


def budgeted_chats(submission, provider: str, budget: dict, calls: list,
                   start: str = "2026-11-28T09:00:00+00:00") -> dict:
    """A BudgetedClient over agentkit.Client(provider) and a CostManager on a fake clock; each call is
    `chat(prompt, system=SYSTEM, max_tokens=...)`."""
    clock = FakeClock(start)
    client = agentkit.Client(provider)
    manager = make_manager(submission, budget, clock)
    budgeted = submission.BudgetedClient(client, manager)
    outcomes = []
    for call in calls:
        try:
            reply = budgeted.chat(call["prompt"], system=SYSTEM, max_tokens=int(call["max_tokens"]))
            outcomes.append({"value": str(reply.text)})
        except Exception as exc:  # noqa: BLE001
            outcomes.append(failure(exc, submission))
    return {"model": client.model, "outcomes": outcomes, "report": report(manager)}
