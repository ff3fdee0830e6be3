"""What the graders call: run the student's `supervisor` package and hand back plain JSON data only.

Nothing here is trusted: it runs in the submission's process. The tests judge it against what the grader
recorded outside that process (each request sent, and what answered it)."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager

import agentkit


@contextmanager
def waits_pass_at_once():
    """Back-off and retry-after waits (`time.sleep`) return at once while a run is graded, and are listed:
    no test waits on the real clock, and the tests can still see how long the code meant to wait."""
    waits: list[float] = []
    real_sleep, graded = time.sleep, threading.get_ident()

    def listed_sleep(seconds):  # only the graded run's own thread: in a notebook kernel other threads sleep too
        if threading.get_ident() == graded:
            waits.append(float(seconds))
        else:
            real_sleep(seconds)

    time.sleep = listed_sleep
    try:
        yield waits
    finally:
        time.sleep = real_sleep


def run_task(submission, provider: str, task: str, max_steps: int | None = None,
             max_cost_usd: float | None = None) -> dict:
    """One `Supervisor(...).run(task)`; with no limits given, the `Supervisor(client)` default budget."""
    client = agentkit.Client(provider)
    limits = {name: value for name, value in (("max_steps", max_steps), ("max_cost_usd", max_cost_usd))
              if value is not None}
    supervisor = submission.Supervisor(client, submission.Budget(**limits)) if limits else submission.Supervisor(client)
    with waits_pass_at_once() as waits:
        result = supervisor.run(task)
    return {
        **{name: scalar(getattr(result, name)) for name in ("answer", "status", "stop_reason", "cost_usd")},
        "steps": [{name: scalar(getattr(step, name)) for name in ("agent", "instruction", "output", "ok")}
                  for step in result.steps],
        "waits": waits,
    }


def scalar(value):
    """A str, number, bool or None as it is, so the tests can check its type; anything else as its repr."""
    return value if value is None or isinstance(value, (str, int, float, bool)) else repr(value)
