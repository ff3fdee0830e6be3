### BEGIN STARTER
# """What the providers' batch APIs have in common: requests with custom ids, a job that ends hours later, and one
# result per custom id that may have succeeded, errored, expired or been canceled.
# Read the README's contract first; the tests check exactly that, through these public names only.
# """
### END STARTER
### BEGIN SOLUTION
"""What the providers' batch APIs have in common: requests with custom ids, a job that ends hours later, and one
result per custom id that may have succeeded, errored, expired or been canceled.

Results come back in any order, so they are matched to requests by custom_id and never by position.
"""
### END SOLUTION
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

from agentkit import Usage

T = TypeVar("T")
Status = Literal["succeeded", "errored", "expired", "canceled", "missing"]
CUSTOM_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # Anthropic's rule; OpenAI accepts these too


@dataclass(frozen=True)
class BatchRequest:
    """One request of a batch job: a single-turn chat call, identified by `custom_id`."""

    custom_id: str
    prompt: str
    system: str | None = None
    max_tokens: int = 1024


@dataclass
class JobResult:
    """One request's outcome. `missing` means the provider returned no line at all for it."""

    custom_id: str
    status: Status
    text: str | None = None
    error: str | None = None
    usage: Usage | None = None


@dataclass(frozen=True)
class PollPolicy:
    """Wait `first_delay` seconds before the second look, multiply the wait by `factor` each time up to
    `max_delay`, and give up `timeout` seconds after polling started."""

    first_delay: float = 30.0
    factor: float = 2.0
    max_delay: float = 600.0
    timeout: float = 25 * 3600.0  # the providers' 24 h window, and an hour for them to finish up

    def __post_init__(self) -> None:
        if self.first_delay <= 0 or self.factor < 1 or self.max_delay < self.first_delay or self.timeout <= 0:
            raise ValueError("need first_delay > 0, factor >= 1, max_delay >= first_delay and timeout > 0")


class BatchTimeout(TimeoutError):
    """The batch had not ended by the deadline. It may still finish: poll again later with its id."""

    def __init__(self, batch_id: str, status: str, waited: float):
        super().__init__(f"batch {batch_id} still {status} after {waited:g} s")
        self.batch_id, self.status, self.waited = batch_id, status, waited


class BatchFailed(RuntimeError):
    """The provider refused the whole batch (for example, an input file it could not read)."""


def check_custom_ids(requests: list[BatchRequest]) -> list[str]:
    """The custom ids, after checking each is unique and 1-64 letters, digits, `_` or `-` (raises ValueError)."""
    ### BEGIN STARTER
    # # TODO step 6: ValueError for no requests, a repeated custom_id, or one that CUSTOM_ID does not match.
    # raise NotImplementedError("step 6: check_custom_ids")
    ### END STARTER
    ### BEGIN SOLUTION
    ids = [request.custom_id for request in requests]
    if not ids:
        raise ValueError("a batch needs at least one request")
    if len(set(ids)) != len(ids):
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"custom_id must be unique in a batch: {', '.join(duplicated)} repeated")
    bad = [i for i in ids if not CUSTOM_ID.match(i)]
    if bad:
        raise ValueError(f"custom_id must be 1-64 letters, digits, '_' or '-': {bad}")
    return ids
    ### END SOLUTION


def poll_until(fetch: Callable[[], T], is_done: Callable[[T], bool], *, policy: PollPolicy,
               sleep: Callable[[float], object] = time.sleep, clock: Callable[[], float] = time.monotonic,
               describe: Callable[[T], tuple[str, str]] = lambda value: ("?", str(value))) -> T:
    """`fetch()` until `is_done` says so, backing off between looks, and return the last value.

    Waits first_delay, then first_delay * factor, ... capped at max_delay. No wait runs past the deadline
    (timeout seconds after the first look): the last one is cut short so that the final look happens at the
    deadline, and if the job has not ended then, BatchTimeout is raised. `describe(value)` gives (id, status)
    for that error."""
    ### BEGIN STARTER
    # # TODO step 7: the deadline is clock() at the start + policy.timeout. Loop: fetch; return if done; if no time
    # # is left, raise BatchTimeout(*describe(value), waited); else sleep(min(delay, time left)) and grow the
    # # delay. Use the sleep and clock you were given, never time.sleep.
    # raise NotImplementedError("step 7: poll_until")
    ### END STARTER
    ### BEGIN SOLUTION
    started = clock()
    deadline = started + policy.timeout
    delay = policy.first_delay
    while True:
        value = fetch()
        if is_done(value):
            return value
        remaining = deadline - clock()
        if remaining <= 0:
            batch_id, status = describe(value)
            raise BatchTimeout(batch_id, status, clock() - started)
        sleep(min(delay, remaining))
        delay = min(delay * policy.factor, policy.max_delay)
    ### END SOLUTION
