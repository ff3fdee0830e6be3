"""Which failures are worth another attempt, and how long to wait before each one."""
from __future__ import annotations

from dataclasses import dataclass

from rq import Retry

from agentkit import LLMError


@dataclass(frozen=True)
class RetryPolicy:
    """Retries after the first attempt (so a task runs at most `max_retries + 1` times) and their delays in
    seconds: `base_delay`, then multiplied by `factor` each time, capped at `max_delay`."""

    max_retries: int = 3
    base_delay: int = 5
    factor: float = 2.0
    max_delay: int = 600

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries cannot be negative")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("delays cannot be negative")
        if self.factor < 1:
            raise ValueError("a backoff factor below 1 would shrink the delays")

    def intervals(self) -> list[int]:
        """The delay before each retry, in whole seconds (RQ's scheduler works in seconds)."""
        return [int(min(self.max_delay, round(self.base_delay * self.factor ** n))) for n in range(self.max_retries)]

    def rq_retry(self) -> Retry | None:
        """The same schedule as RQ's `Retry`, or None when the policy allows no retries."""
        if self.max_retries == 0:
            return None
        return Retry(max=self.max_retries, interval=self.intervals())


def is_retryable(exc: BaseException) -> bool:
    """True only for errors the provider says may succeed next time (429, 5xx, overloaded, timeouts).
    A 400 or 401 fails the same way every time, and any other exception is a bug in our own code."""
    return isinstance(exc, LLMError) and bool(exc.retryable)
