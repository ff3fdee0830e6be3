"""The in-process bus: every handler of an event runs in its own task with its own timeout, and whatever one of
them does (raise, hang) is reported without touching the others.

Why not `await asyncio.gather(*handlers)`: the first exception propagates out of gather at once, so the publisher
sees an error while the other handlers are still running, nobody collects their results, and they are cancelled
when the loop closes. (An asyncio.TaskGroup is stricter still: it cancels the siblings on the first error.)
Here each handler is wrapped, so the wrapper never raises and gather just collects outcomes.

Chains: a handler may `await bus.publish(...)` a follow-up. The event being handled is kept in a context variable
(each task has its own copy), so the bus knows the follow-up's depth without the handler passing anything; past
`max_depth` the event is dropped and reported, which stops A -> B -> A loops.
"""
from __future__ import annotations

import asyncio
import inspect
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from event_bus.events import Event, Failure, HandlerOutcome, PublishResult

log = logging.getLogger(__name__)
Handler = Callable[[Event], Awaitable[Any]]
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
        """Deliver a new event (a follow-up, if called from a handler) to every handler of its type."""
        cause = _handling.get()
        event = cause.follow_up(event_type, data) if cause is not None else Event(event_type, data)
        return await self.dispatch(event)

    async def dispatch(self, event: Event) -> PublishResult:
        """Deliver an existing event (one read from a stream keeps its id and depth). Never raises for a handler."""
        if event.depth > self.max_depth:
            self.report(Failure(event, None, "max_depth",
                                f"{event.type} at depth {event.depth} exceeds max_depth {self.max_depth}: dropped"))
            return PublishResult(event, [], dropped="max_depth")
        handlers = list(self._handlers.get(event.type, ()))
        outcomes = await asyncio.gather(*(self._run(event, name, handler) for name, handler in handlers))
        for outcome in outcomes:
            if outcome.status != "ok":
                self.report(Failure(event, outcome.handler, outcome.status, outcome.error or ""))
        return PublishResult(event, list(outcomes))

    async def _run(self, event: Event, name: str, handler: Handler) -> HandlerOutcome:
        token = _handling.set(event)
        started = time.monotonic()
        deadline = asyncio.timeout(self.handler_timeout_s)
        try:
            async with deadline:
                await handler(event)
        except TimeoutError as exc:
            if deadline.expired():
                return HandlerOutcome(name, "timeout", f"no result after {self.handler_timeout_s:g} s",
                                      time.monotonic() - started)
            return HandlerOutcome(name, "error", f"{type(exc).__name__}: {exc}", time.monotonic() - started)
        except Exception as exc:  # noqa: BLE001 - isolating handler failures is this class's job
            return HandlerOutcome(name, "error", f"{type(exc).__name__}: {exc}", time.monotonic() - started)
        finally:
            _handling.reset(token)
        return HandlerOutcome(name, "ok", None, time.monotonic() - started)

    def report(self, failure: Failure) -> None:
        """Keep the failure and pass it to on_error; a failing on_error is logged, never raised."""
        self.failures.append(failure)
        log.warning("event %s (%s): %s in %s: %s", failure.event.id, failure.event.type, failure.kind,
                    failure.handler or "the bus", failure.message)
        if self.on_error is not None:
            try:
                self.on_error(failure)
            except Exception:  # noqa: BLE001
                log.exception("on_error raised while reporting a failure")
