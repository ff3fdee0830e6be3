"""The in-process bus: every handler of an event runs in its own task with its own timeout, and whatever one of
them does (raise, hang) is reported without touching the others."""
from __future__ import annotations

import asyncio  # noqa: F401
import inspect
import logging
import time  # noqa: F401
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from event_bus.events import Event, Failure, HandlerOutcome, PublishResult  # noqa: F401

log = logging.getLogger(__name__)
Handler = Callable[[Event], Awaitable[Any]]
# The event whose handler is running in the current task (each asyncio task has its own copy of the context).
_handling: ContextVar[Event | None] = ContextVar("event_bus_handling", default=None)


def current_event() -> Event | None:
    """The event whose handler is running in this task, if any."""
    return _handling.get()


def is_async_callable(handler: Any) -> bool:
    return inspect.iscoroutinefunction(handler) or inspect.iscoroutinefunction(getattr(handler, "__call__", None))


class EventBus:
    def __init__(self, *, handler_timeout_s: float = 30.0, max_depth: int = 5,
                 on_error: Callable[[Failure], Any] | None = None, keep_failures: int = 1_000):
        self.handler_timeout_s, self.max_depth, self.on_error = handler_timeout_s, max_depth, on_error
        self.failures: deque[Failure] = deque(maxlen=keep_failures)
        self._handlers: dict[str, list[tuple[str, Handler]]] = defaultdict(list)

    def subscribe(self, event_type: str, handler: Handler, *, name: str | None = None) -> None:
        """Add an async handler (`async def handler(event)`) for `event_type`."""
        if not is_async_callable(handler):  # a blocking handler would stall every other handler and its timeout
            raise TypeError(f"{handler!r} is not async: wrap blocking work in asyncio.to_thread")
        self._handlers[event_type].append((name or getattr(handler, "__qualname__", repr(handler)), handler))

    async def publish(self, event_type: str, data: dict[str, Any]) -> PublishResult:
        """Deliver a new event to every handler of its type.

        TODO step 3: if a handler is running in this task (current_event()), the new event is its follow-up
        (cause.follow_up(...): one level deeper, cause = its id); otherwise a fresh Event. Then dispatch it."""
        raise NotImplementedError("step 3: EventBus.publish")

    async def dispatch(self, event: Event) -> PublishResult:
        """Deliver an existing event to its handlers; never raises because of a handler.

        TODO step 1: run every handler at once, each through _run, and gather the outcomes (in subscription order);
        report every outcome that is not "ok" as a Failure(event, handler, status, error).
        TODO step 4: an event deeper than max_depth runs no handler: report Failure(event, None, "max_depth", ...)
        and return PublishResult(event, [], dropped="max_depth")."""
        raise NotImplementedError("step 1: EventBus.dispatch")

    async def _run(self, event: Event, name: str, handler: Handler) -> HandlerOutcome:
        """One handler, isolated: returns HandlerOutcome(name, "ok" | "error" | "timeout", error text, seconds) and
        never raises.

        TODO step 1: set _handling to `event` for the call (and reset it after) so publish inside the handler sees
        its cause; catch any Exception as "error".
        TODO step 2: give the handler handler_timeout_s seconds (asyncio.timeout); if that deadline expired, the
        status is "timeout" (a TimeoutError the handler raised by itself is an "error")."""
        raise NotImplementedError("step 1: EventBus._run")

    def report(self, failure: Failure) -> None:
        """Keep the failure in self.failures, log it, and pass it to on_error.

        TODO step 1: if on_error raises, log that (log.exception) and carry on: reporting must never break publish."""
        raise NotImplementedError("step 1: EventBus.report")
