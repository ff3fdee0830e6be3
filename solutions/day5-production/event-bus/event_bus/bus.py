### BEGIN STARTER
# """The in-process bus: every handler of an event runs in its own task with its own timeout, and whatever one of
# them does (raise, hang) is reported without touching the others."""
### END STARTER
### BEGIN SOLUTION
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
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import asyncio  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import asyncio
### END SOLUTION
import inspect
import logging
### BEGIN STARTER
# import time  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import time
### END SOLUTION
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

### BEGIN STARTER
# from event_bus.events import Event, Failure, HandlerOutcome, PublishResult  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from event_bus.events import Event, Failure, HandlerOutcome, PublishResult
### END SOLUTION

log = logging.getLogger(__name__)
Handler = Callable[[Event], Awaitable[Any]]
### BEGIN STARTER
# # The event whose handler is running in the current task (each asyncio task has its own copy of the context).
### END STARTER
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
        ### BEGIN STARTER
        # """Deliver a new event to every handler of its type.
        #
        # TODO step 3: if a handler is running in this task (current_event()), the new event is its follow-up
        # (cause.follow_up(...): one level deeper, cause = its id); otherwise a fresh Event. Then dispatch it."""
        # raise NotImplementedError("step 3: EventBus.publish")
        ### END STARTER
        ### BEGIN SOLUTION
        """Deliver a new event (a follow-up, if called from a handler) to every handler of its type."""
        cause = _handling.get()
        event = cause.follow_up(event_type, data) if cause is not None else Event(event_type, data)
        return await self.dispatch(event)
        ### END SOLUTION

    async def dispatch(self, event: Event) -> PublishResult:
        ### BEGIN STARTER
        # """Deliver an existing event to its handlers; never raises because of a handler.
        #
        # TODO step 1: run every handler at once, each through _run, and gather the outcomes (in subscription order);
        # report every outcome that is not "ok" as a Failure(event, handler, status, error).
        # TODO step 4: an event deeper than max_depth runs no handler: report Failure(event, None, "max_depth", ...)
        # and return PublishResult(event, [], dropped="max_depth")."""
        # raise NotImplementedError("step 1: EventBus.dispatch")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    async def _run(self, event: Event, name: str, handler: Handler) -> HandlerOutcome:
        ### BEGIN STARTER
        # """One handler, isolated: returns HandlerOutcome(name, "ok" | "error" | "timeout", error text, seconds) and
        # never raises.
        #
        # TODO step 1: set _handling to `event` for the call (and reset it after) so publish inside the handler sees
        # its cause; catch any Exception as "error".
        # TODO step 2: give the handler handler_timeout_s seconds (asyncio.timeout); if that deadline expired, the
        # status is "timeout" (a TimeoutError the handler raised by itself is an "error")."""
        # raise NotImplementedError("step 1: EventBus._run")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    def report(self, failure: Failure) -> None:
        ### BEGIN STARTER
        # """Keep the failure in self.failures, log it, and pass it to on_error.
        #
        # TODO step 1: if on_error raises, log that (log.exception) and carry on: reporting must never break publish."""
        # raise NotImplementedError("step 1: EventBus.report")
        ### END STARTER
        ### BEGIN SOLUTION
        """Keep the failure and pass it to on_error; a failing on_error is logged, never raised."""
        self.failures.append(failure)
        log.warning("event %s (%s): %s in %s: %s", failure.event.id, failure.event.type, failure.kind,
                    failure.handler or "the bus", failure.message)
        if self.on_error is not None:
            try:
                self.on_error(failure)
            except Exception:  # noqa: BLE001
                log.exception("on_error raised while reporting a failure")
        ### END SOLUTION
