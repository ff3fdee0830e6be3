"""Which failures are worth another attempt, and how long to wait before each one."""
from __future__ import annotations

from dataclasses import dataclass

### BEGIN STARTER
# from rq import Retry  # noqa: F401 - RQ's retry schedule: Retry(max=..., interval=[...])
#
# from agentkit import LLMError  # noqa: F401 - every error the client raises; see its `retryable`
### END STARTER
### BEGIN SOLUTION
from rq import Retry

from agentkit import LLMError
### END SOLUTION


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
        ### BEGIN STARTER
        # """The delay before each retry, in whole seconds (RQ's scheduler works in seconds): one per retry,
        # `min(max_delay, base_delay * factor ** n)` for retry n = 0, 1, ... For example
        # RetryPolicy(max_retries=3, base_delay=2, factor=3).intervals() == [2, 6, 18]."""
        # # TODO step 1
        # raise NotImplementedError("step 1: RetryPolicy.intervals")
        ### END STARTER
        ### BEGIN SOLUTION
        """The delay before each retry, in whole seconds (RQ's scheduler works in seconds)."""
        return [int(min(self.max_delay, round(self.base_delay * self.factor ** n))) for n in range(self.max_retries)]
        ### END SOLUTION

    def rq_retry(self) -> Retry | None:
        ### BEGIN STARTER
        # """The same schedule as RQ's `Retry(max=..., interval=[...])`, or None when the policy allows no retries."""
        # # TODO step 1
        # raise NotImplementedError("step 1: RetryPolicy.rq_retry")
        ### END STARTER
        ### BEGIN SOLUTION
        """The same schedule as RQ's `Retry`, or None when the policy allows no retries."""
        if self.max_retries == 0:
            return None
        return Retry(max=self.max_retries, interval=self.intervals())
        ### END SOLUTION


def is_retryable(exc: BaseException) -> bool:
    ### BEGIN STARTER
    # """True only for errors the provider says may succeed next time (429, 5xx, overloaded, timeouts): an
    # `agentkit.LLMError` whose `retryable` is True. A 400 or 401 fails the same way every time, and any other
    # exception is a bug in our own code."""
    # # TODO step 1
    # raise NotImplementedError("step 1: is_retryable")
    ### END STARTER
    ### BEGIN SOLUTION
    """True only for errors the provider says may succeed next time (429, 5xx, overloaded, timeouts).
    A 400 or 401 fails the same way every time, and any other exception is a bug in our own code."""
    return isinstance(exc, LLMError) and bool(exc.retryable)
    ### END SOLUTION
