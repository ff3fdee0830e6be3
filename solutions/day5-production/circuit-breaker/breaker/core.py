### BEGIN STARTER
# """A circuit breaker with three states, an injectable clock, and exactly one trial call when half-open.
#
# Contract (the tests check exactly this, through `state` and `call` only):
#
# 1. `CircuitBreaker(failure_threshold=5, cooldown=30.0, *, clock=time.monotonic, is_failure=provider_is_failing)`.
#    Read the time only through `self.clock()`: the tests move a fake clock instead of waiting.
# 2. closed: `call(fn, *args, fallback=None, **kwargs)` runs `fn(*args, **kwargs)` and returns its value. An
#    error from fn is always re-raised. If `is_failure(error)` is True it counts as a failure; after
#    `failure_threshold` consecutive failures the circuit opens. A success, or an error that is not a
#    failure (a 400: the provider answered), ends the run of failures.
# 3. open: `call` does not run fn. It returns `fallback()` if a fallback was given, else raises `CircuitOpen`.
# 4. half_open: once `cooldown` seconds have passed since the circuit opened, ONE call runs fn as a trial.
#    While that trial runs, other calls are rejected as in 3. Trial succeeds -> closed (failure count 0);
#    trial fails -> open again, and the cooldown starts again from the failure.
# 5. `state` is "closed", "open" or "half_open" ("half_open" as soon as the cooldown has passed).
# 6. Thread-safe: several threads share one breaker. Guard the state with a `threading.Lock`, claim the trial
#    inside the lock, and do not hold the lock while fn runs.
# """
### END STARTER
### BEGIN SOLUTION
"""A circuit breaker with three states, an injectable clock, and exactly one trial call when half-open.

    closed ──(failure_threshold consecutive failures)──► open ──(cooldown elapsed)──► half_open
      ▲                                                  ▲                                  │
      └───────────────(trial call succeeds)──────────────┼──────────────────────────────────┤
                                                         └──────(trial call fails)──────────┘

* closed: calls go through; a run of `failure_threshold` consecutive failures opens the circuit.
  Any success (or an error that is not a provider failure, see below) ends the run.
* open: calls are rejected at once, without touching the provider: `CircuitOpen` is raised, or the
  caller's `fallback()` is served. Rejected calls change nothing.
* half_open: once `cooldown` seconds have passed since the circuit opened, ONE call is let through as a
  trial. While it runs, every other call is rejected as if open. Its success closes the circuit; its
  failure opens it again and restarts the cooldown from now.

What counts as a failure: by default an `agentkit.LLMError` with `retryable` True (server errors,
overload, timeouts, rate limits): the signs of a provider in trouble. A 400 or 401 means the provider
answered; it is re-raised to the caller but counts as a sign of life, like a success. Pass `is_failure` to
choose otherwise.

Consecutive failures rather than a failure rate in a time window: simpler to reason about and to test, and
at LLM traffic volumes (a few calls per second per process) both open within seconds of an outage. For
high-volume services a rate over a sliding window (say 50% of the last 20 calls) stops one lucky success
from hiding a mostly-failing provider; the state machine stays the same.

Thread safety: one lock guards every state read and change, and the provider call runs outside it, so
closed-state calls run concurrently. The half-open trial is claimed under the lock (`_trial_running`),
which is what guarantees a single trial however many threads arrive at the same moment.

State is per process on purpose: each process learns about an outage from its own calls within
`failure_threshold` calls, and a shared breaker would need a shared store on the hot path of every call.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import threading  # noqa: F401 - for the lock
### END STARTER
### BEGIN SOLUTION
import threading
### END SOLUTION
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
        ### BEGIN SOLUTION
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if cooldown < 0:
            raise ValueError("cooldown must not be negative")
        ### END SOLUTION
        self.failure_threshold = failure_threshold
        self.cooldown = cooldown
        self.clock = clock
        self.is_failure = is_failure
        self.name = name
        ### BEGIN STARTER
        # # TODO step 1: a lock, the count of consecutive failures, when the circuit opened (None while
        # # closed), and whether a half-open trial is running.
        ### END STARTER
        ### BEGIN SOLUTION
        self._lock = threading.Lock()
        self._failures = 0               # consecutive failures while closed
        self._opened_at: float | None = None  # None while closed
        self._trial_running = False
        ### END SOLUTION

    @property
    def state(self) -> str:
        """"closed", "open", or "half_open" (the cooldown has passed: a trial may run or is running)."""
        ### BEGIN STARTER
        # # TODO step 2: work it out from when the circuit opened, the clock and the cooldown.
        # raise NotImplementedError("step 2: CircuitBreaker.state")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            return self._state()
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        if self._trial_running or self.clock() - self._opened_at >= self.cooldown:
            return HALF_OPEN
        return OPEN
    ### END SOLUTION

    def call(self, fn: Callable[..., T], *args: Any, fallback: Callable[[], T] | None = None, **kwargs: Any) -> T:
        """Run `fn(*args, **kwargs)` if the circuit lets it through; otherwise serve `fallback()` or raise
        `CircuitOpen`. Errors from `fn` are always re-raised (after being counted)."""
        ### BEGIN STARTER
        # # TODO steps 3-5: under the lock decide: admit (closed, or claim the half-open trial) or reject.
        # # Outside the lock run fn; then, under the lock again, record the success or failure.
        # raise NotImplementedError("steps 3-5: CircuitBreaker.call")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            state = self._state()
            trial = state == HALF_OPEN and not self._trial_running
            admitted = state == CLOSED or trial
            if trial:
                self._trial_running = True  # claimed under the lock: no other thread can claim it too
            retry_in = 0.0 if admitted else self._opened_at + self.cooldown - self.clock()
        if not admitted:
            if fallback is not None:
                return fallback()
            raise CircuitOpen(self.name, retry_in)
        try:
            result = fn(*args, **kwargs)
        except Exception as error:
            self._record(failed=self.is_failure(error), trial=trial)
            raise
        except BaseException:  # KeyboardInterrupt, SystemExit: says nothing about the provider
            if trial:
                with self._lock:
                    self._trial_running = False  # free the slot so the next call can be the trial
            raise
        self._record(failed=False, trial=trial)
        return result
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _record(self, *, failed: bool, trial: bool) -> None:
        with self._lock:
            if trial:
                self._trial_running = False
                self._failures = 0
                self._opened_at = self.clock() if failed else None  # failed trial: cooldown restarts now
            elif self._opened_at is not None:
                pass  # admitted while closed, finished after the circuit opened: only the trial decides now
            elif not failed:
                self._failures = 0
            else:
                self._failures += 1
                if self._failures >= self.failure_threshold:
                    self._opened_at = self.clock()
                    self._failures = 0
    ### END SOLUTION

    def reset(self) -> None:
        """Close the circuit by hand (an operator who knows the provider is back)."""
        ### BEGIN STARTER
        # # TODO step 6: back to closed under the lock: failure count 0, no trial running.
        # raise NotImplementedError("step 6: CircuitBreaker.reset")
        ### END STARTER
        ### BEGIN SOLUTION
        with self._lock:
            self._failures, self._opened_at, self._trial_running = 0, None, False
        ### END SOLUTION
