"""Retry one call with capped exponential backoff and full jitter, honouring a rate limit's `retry_after`.

Contract (the tests check exactly this, through what your code sleeps, sends and raises):

1. `retry(call, *, policy=None, sleep=time.sleep, rand=random.random)` returns `call()`'s value. It calls
   `call()` at most `policy.max_attempts` times in total (`RetryPolicy()` when policy is None).
2. Only an `agentkit.LLMError` whose `retryable` is True is retried. Any other error (a 400, a 401, a
   ValueError from your own code) is raised at once: no sleep, no second call.
3. Before retry number k (k = 0 before the second attempt) call `sleep(backoff_delay(policy, k, rand))`.
   Use the `sleep` and `rand` you were given, never `time.sleep` or `random` directly: the tests record them.
4. A `RateLimitError` with `retry_after` set: wait at least `retry_after` seconds (the larger of it and the
   backoff). If `retry_after` is more than `policy.max_delay`, do not wait at all: raise the error at once.
5. When every attempt failed, raise the last error itself (not a new one, not the first one).
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from agentkit import LLMError  # noqa: F401 - what you catch

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try one provider: attempts in total (not retries), and the backoff's base and cap in seconds."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 20.0


def backoff_delay(policy: RetryPolicy, retry_number: int, rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait before retry `retry_number` (0-based), with full jitter:
    `rand() * min(policy.max_delay, policy.base_delay * 2 ** retry_number)`. Call rand() once."""
    # TODO step 1
    raise NotImplementedError("step 1: backoff_delay")


def retry(call: Callable[[], T], *, policy: RetryPolicy | None = None, sleep: Callable[[float], object] = time.sleep,
          rand: Callable[[], float] = random.random) -> T:
    """Return `call()`, trying again after retryable `LLMError`s; raise the last error when it cannot succeed."""
    # TODO steps 2-4: a loop over attempts; try call(); on LLMError decide: raise now, or sleep and go round.
    raise NotImplementedError("steps 2-4: retry")
