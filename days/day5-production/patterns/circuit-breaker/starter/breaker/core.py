"""A circuit breaker with three states, an injectable clock, and exactly one trial call when half-open.

Contract (the tests check exactly this, through `state` and `call` only):

1. `CircuitBreaker(failure_threshold=5, cooldown=30.0, *, clock=time.monotonic, is_failure=provider_is_failing)`.
   Read the time only through `self.clock()`: the tests move a fake clock instead of waiting.
2. closed: `call(fn, *args, fallback=None, **kwargs)` runs `fn(*args, **kwargs)` and returns its value. An
   error from fn is always re-raised. If `is_failure(error)` is True it counts as a failure; after
   `failure_threshold` consecutive failures the circuit opens. A success, or an error that is not a
   failure (a 400: the provider answered), ends the run of failures.
3. open: `call` does not run fn. It returns `fallback()` if a fallback was given, else raises `CircuitOpen`.
4. half_open: once `cooldown` seconds have passed since the circuit opened, ONE call runs fn as a trial.
   While that trial runs, other calls are rejected as in 3. Trial succeeds -> closed (failure count 0);
   trial fails -> open again, and the cooldown starts again from the failure.
5. `state` is "closed", "open" or "half_open" ("half_open" as soon as the cooldown has passed).
6. Thread-safe: several threads share one breaker. Guard the state with a `threading.Lock`, claim the trial
   inside the lock, and do not hold the lock while fn runs.
"""
from __future__ import annotations

import threading  # noqa: F401 - for the lock
import time
from collections.abc import Callable
from typing import Any, TypeVar

from agentkit import LLMError

T = TypeVar("T")
CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


def provider_is_failing(error: BaseException) -> bool:
    """The default `is_failure`: errors that say the provider is in trouble, not that our request was wrong."""
    return isinstance(error, LLMError) and error.retryable


class CircuitOpen(Exception):
    """The breaker rejected the call without trying it. `retry_in` is seconds until a trial may run."""

    def __init__(self, name: str, retry_in: float):
        super().__init__(f"circuit {name!r} is open; next trial in {max(retry_in, 0.0):.1f} s")
        self.name = name
        self.retry_in = max(retry_in, 0.0)


class CircuitBreaker:
    """`CircuitBreaker(failure_threshold=5, cooldown=30.0).call(fn, *args, fallback=None, **kwargs)`."""

    def __init__(self, failure_threshold: int = 5, cooldown: float = 30.0, *,
                 clock: Callable[[], float] = time.monotonic,
                 is_failure: Callable[[BaseException], bool] = provider_is_failing, name: str = "llm"):
        self.failure_threshold = failure_threshold
        self.cooldown = cooldown
        self.clock = clock
        self.is_failure = is_failure
        self.name = name
        # TODO step 1: a lock, the count of consecutive failures, when the circuit opened (None while
        # closed), and whether a half-open trial is running.

    @property
    def state(self) -> str:
        """"closed", "open", or "half_open" (the cooldown has passed: a trial may run or is running)."""
        # TODO step 2: work it out from when the circuit opened, the clock and the cooldown.
        raise NotImplementedError("step 2: CircuitBreaker.state")

    def call(self, fn: Callable[..., T], *args: Any, fallback: Callable[[], T] | None = None, **kwargs: Any) -> T:
        """Run `fn(*args, **kwargs)` if the circuit lets it through; otherwise serve `fallback()` or raise
        `CircuitOpen`. Errors from `fn` are always re-raised (after being counted)."""
        # TODO steps 3-5: under the lock decide: admit (closed, or claim the half-open trial) or reject.
        # Outside the lock run fn; then, under the lock again, record the success or failure.
        raise NotImplementedError("steps 3-5: CircuitBreaker.call")
