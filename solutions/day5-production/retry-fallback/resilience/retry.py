### BEGIN STARTER
# """Retry one call with capped exponential backoff and full jitter, honouring a rate limit's `retry_after`.
#
# Contract (the tests check exactly this, through what your code sleeps, sends and raises):
#
# 1. `retry(call, *, policy=None, sleep=time.sleep, rand=random.random)` returns `call()`'s value. It calls
#    `call()` at most `policy.max_attempts` times in total (`RetryPolicy()` when policy is None).
# 2. Only an `agentkit.LLMError` whose `retryable` is True is retried. Any other error (a 400, a 401, a
#    ValueError from your own code) is raised at once: no sleep, no second call.
# 3. Before retry number k (k = 0 before the second attempt) call `sleep(backoff_delay(policy, k, rand))`.
#    Use the `sleep` and `rand` you were given, never `time.sleep` or `random` directly: the tests record them.
# 4. A `RateLimitError` with `retry_after` set: wait at least `retry_after` seconds (the larger of it and the
#    backoff). If `retry_after` is more than `policy.max_delay`, do not wait at all: raise the error at once.
# 5. When every attempt failed, raise the last error itself (not a new one, not the first one).
# """
### END STARTER
### BEGIN SOLUTION
"""Retry one call with capped exponential backoff and full jitter, honouring a rate limit's `retry_after`.

Rules (the lesson explains each one):

* Only errors that say they can succeed on a second try are retried: `agentkit.LLMError` with
  `retryable` True (429, 5xx and overloaded, timeouts, dropped connections). A 400 or a 401 fails the same
  way every time, and an exception from our own code is a bug: both are raised at once.
* The wait before retry number k (k = 0 for the second attempt) is drawn uniformly from
  [0, min(max_delay, base_delay * 2**k)): "full jitter". Clients that failed together then spread out
  instead of returning together and knocking the provider over again.
* A rate limit's `retry_after` is a floor: retrying sooner only earns another 429. If the server asks for
  longer than `max_delay`, waiting is not worth it: the error is raised at once so a fallback can answer.
* After `max_attempts` attempts the last error is raised unchanged (type, status, message), so callers
  and logs see what actually went wrong.

`sleep` and `rand` are parameters so tests (and simulations) can record the waits instead of sleeping.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import logging
### END SOLUTION
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

### BEGIN STARTER
# from agentkit import LLMError  # noqa: F401 - what you catch
### END STARTER
### BEGIN SOLUTION
from agentkit import LLMError
### END SOLUTION

T = TypeVar("T")
### BEGIN SOLUTION
log = logging.getLogger(__name__)
### END SOLUTION


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one provider: attempts in total (not retries), and the backoff's base and cap in seconds."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0

    def __post_init__(self) -> None:
        ### BEGIN STARTER
        # # TODO step 2: raise ValueError for max_attempts < 1 and for a negative delay.
        # pass
        ### END STARTER
        ### BEGIN SOLUTION
        if self.max_attempts < 1:
            raise ValueError("max_attempts counts the first try too, so it must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("delays must not be negative")
        ### END SOLUTION


def backoff_delay(policy: RetryPolicy, retry_number: int, rand: Callable[[], float] = random.random) -> float:
    ### BEGIN STARTER
    # """Seconds to wait before retry `retry_number` (0-based), with full jitter:
    # `rand() * min(policy.max_delay, policy.base_delay * 2 ** retry_number)`. Call rand() once."""
    # # TODO step 1
    # raise NotImplementedError("step 1: backoff_delay")
    ### END STARTER
    ### BEGIN SOLUTION
    """Seconds to wait before retry `retry_number` (0-based): full jitter under a doubling, capped ceiling."""
    ceiling = min(policy.max_delay, policy.base_delay * 2 ** retry_number)
    return rand() * ceiling
    ### END SOLUTION


def retry(call: Callable[[], T], *, policy: RetryPolicy | None = None, sleep: Callable[[float], object] = time.sleep,
          rand: Callable[[], float] = random.random) -> T:
    """Return `call()`, trying again after retryable `LLMError`s; raise the last error when it cannot succeed."""
    ### BEGIN STARTER
    # # TODO steps 2-4: a loop over attempts; try call(); on LLMError decide: raise now, or sleep and go round.
    # raise NotImplementedError("steps 2-4: retry")
    ### END STARTER
    ### BEGIN SOLUTION
    policy = policy or RetryPolicy()
    for attempt in range(1, policy.max_attempts + 1):
        try:
            return call()
        except LLMError as error:
            if not error.retryable or attempt == policy.max_attempts:
                raise
            wait = backoff_delay(policy, attempt - 1, rand)
            hint = getattr(error, "retry_after", None)
            if hint is not None:
                if hint > policy.max_delay:
                    log.warning("rate limited for %.1f s, longer than max_delay %.1f s: giving up", hint,
                                policy.max_delay)
                    raise
                wait = max(wait, hint)
            log.info("attempt %d/%d failed (%s); retrying in %.2f s", attempt, policy.max_attempts,
                     type(error).__name__, wait)
            sleep(wait)
    raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover
    ### END SOLUTION
