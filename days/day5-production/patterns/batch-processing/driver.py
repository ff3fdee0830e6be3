"""What the graders call: exercise the student's `batch_processing` package and hand back plain JSON data only.

Waits are recorded, never slept: the driver passes a `sleep` that appends to a list and moves a fake clock, so a
day-long poll takes no time. The SDK clients are the ones agentkit builds in replay mode (`Client(...).adapter.sdk`:
the official anthropic.Anthropic / openai.OpenAI with a placeholder key and no SDK retries), so every request goes
through the real SDK and is answered by the test's scenario.
"""
import json
from typing import Literal

from pydantic import BaseModel

import agentkit

INSTRUCTION = "Triage each support ticket: choose its category and how urgent it is."
MAX_SLEEPS = 10_000  # a poller that never gives up is stopped here instead of spinning for ever


class Triage(BaseModel):  # (this module has no `from __future__ import annotations`: pydantic resolves these now)
    category: Literal["billing", "bug", "account", "how-to"]
    priority: Literal["low", "normal", "urgent"]


class FakeTime:
    """A clock that only moves when `sleep` is called, and remembers every wait asked for."""

    def __init__(self, start: float = 1000.0):
        self.now, self.sleeps = start, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        seconds = float(seconds)
        if seconds < 0:
            raise ValueError(f"asked to sleep {seconds} s")
        self.sleeps.append(seconds)
        if len(self.sleeps) > MAX_SLEEPS:
            raise RuntimeError(f"{MAX_SLEEPS} waits without stopping: does the poll have a deadline?")
        self.now += seconds


def _dump(value) -> dict | None:
    if value is None:
        return None
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else dict(value)


def _raised(exc: BaseException) -> dict:
    return {"kind": type(exc).__name__, "message": str(exc)[:500]}


# ---- Part A: many items in one call -------------------------------------------------------------------------

def check_replies(submission, ids: list[str], texts: list[str]) -> dict:
    """check_reply(items, text, Triage) for each text; what it accepted (in its order) and what it reported."""
    items = [submission.Item(i, f"ticket {i}") for i in ids]
    checks = []
    for text in texts:
        check = submission.check_reply(items, text, Triage)
        checks.append({"order": [str(k) for k in check.results],
                       "results": {str(k): _dump(v) for k, v in check.results.items()},
                       "problems": {str(k): str(v) for k, v in check.problems.items()},
                       "unknown_ids": [str(u) for u in check.unknown_ids], "ok": bool(check.ok)})
    return {"checks": checks}


def extract(submission, texts: list[str]) -> dict:
    """extract_json on each text: the JSON value, or what it raised."""
    out = []
    for text in texts:
        try:
            out.append({"value": json.loads(json.dumps(submission.extract_json(text)))})
        except Exception as exc:  # noqa: BLE001 - what it raised is the result
            out.append({"raised": _raised(exc)})
    return {"outcomes": out}


def chunks(submission, items: list[list[str]], max_items: int, max_tokens: int) -> dict:
    """chunk_items with a word counter standing in for a tokenizer; the ids of each chunk."""
    got = submission.chunk_items([submission.Item(i, text) for i, text in items], max_items=max_items,
                                 max_tokens=max_tokens, count_tokens=lambda text: len(text.split()))
    return {"chunks": [[str(item.id) for item in chunk] for chunk in got]}


def triage(submission, provider: str, tickets: list[list[str]], **options) -> dict:
    """BatchProcessor(Client(provider), Triage, INSTRUCTION, **options).run(tickets): each item's outcome, in the
    order returned, and the waits it asked for."""
    time = FakeTime()
    processor = submission.BatchProcessor(agentkit.Client(provider), Triage, INSTRUCTION, sleep=time.sleep,
                                          **options)
    outcomes = processor.run([submission.Item(i, text) for i, text in tickets])
    return {"results": [{"id": str(o.id), "result": _dump(o.result), "error": None if o.error is None else str(o.error),
                         "attempts": int(o.attempts)} for o in outcomes],
            "sleeps": time.sleeps}


# ---- Part B: the providers' batch APIs ----------------------------------------------------------------------

def _jobs(submission, provider: str, time: FakeTime, policy: dict | None):
    sdk = agentkit.Client(provider).adapter.sdk
    kind = submission.AnthropicBatchJobs if provider == "anthropic" else submission.OpenAIBatchJobs
    return sdk, kind(sdk, policy=submission.PollPolicy(**(policy or {})), sleep=time.sleep, clock=time.clock)


def _requests(submission, requests: list[dict]):
    return [submission.BatchRequest(**r) for r in requests]


def submit_job(submission, provider: str, requests: list[dict], model: str) -> dict:
    """jobs.submit(requests, model=model): the batch id or what it raised (what it sent is in the trace)."""
    _, jobs = _jobs(submission, provider, FakeTime(), None)
    outcome = {"batch_id": None, "raised": None}
    try:
        outcome["batch_id"] = str(jobs.submit(_requests(submission, requests), model=model))
    except Exception as exc:  # noqa: BLE001
        outcome["raised"] = _raised(exc)
    return outcome


def _status(batch) -> str:
    return str(getattr(batch, "processing_status", None) or getattr(batch, "status", None))


def poll_job(submission, provider: str, batch_id: str, policy: dict) -> dict:
    """jobs.poll(batch_id) on a fake clock: the final status or what it raised, and the waits."""
    time = FakeTime()
    _, jobs = _jobs(submission, provider, time, policy)
    outcome = {"status": None, "raised": None}
    try:
        outcome["status"] = _status(jobs.poll(batch_id))
    except Exception as exc:  # noqa: BLE001
        outcome["raised"] = _raised(exc)
    return {**outcome, "sleeps": time.sleeps, "elapsed": time.now - 1000.0}


def collect_job(submission, provider: str, batch_id: str, custom_ids: list[str]) -> dict:
    """The driver retrieves the batch until it has ended, then jobs.collect(batch, custom_ids)."""
    sdk, jobs = _jobs(submission, provider, FakeTime(), None)
    for _ in range(10):
        batch = sdk.messages.batches.retrieve(batch_id) if provider == "anthropic" else sdk.batches.retrieve(batch_id)
        if _status(batch) in ("ended", "completed", "failed", "expired", "cancelled"):
            break
    outcome = {"results": None, "order": None, "raised": None}
    try:
        results = jobs.collect(batch, custom_ids)
        outcome["order"] = [str(k) for k in results]
        outcome["results"] = {str(k): {"status": str(r.status), "text": r.text, "error": r.error}
                              for k, r in results.items()}
    except Exception as exc:  # noqa: BLE001
        outcome["raised"] = _raised(exc)
    return outcome


def run_job(submission, provider: str, requests: list[dict], model: str, policy: dict) -> dict:
    """jobs.run(requests, model=model) end to end on a fake clock."""
    time = FakeTime()
    _, jobs = _jobs(submission, provider, time, policy)
    results = jobs.run(_requests(submission, requests), model=model)
    return {"results": {str(k): {"status": str(r.status), "text": r.text} for k, r in results.items()},
            "sleeps": time.sleeps}
