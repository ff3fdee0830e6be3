"""Where the service is in its life (starting, serving, draining) and how much work is in flight.

Read the README's contract first; the tests check it through the app's behaviour.
"""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Draining(Exception):
    """The service is not taking new work: it has not started yet, or it is shutting down."""


class Lifecycle:
    """One per app, used from its event loop only (so no lock is needed). The lifespan calls start() and, when
    the server stops, begin_drain() and wait_idle(); request handlers wrap their work in `async with work()`."""

    def __init__(self) -> None:
        self.serving = False
        self.draining = False
        self.in_flight = 0
        self._idle: asyncio.Event | None = None

    def start(self) -> None:
        """Called by the lifespan at start-up, inside the running event loop."""
        # TODO step 2: make the asyncio.Event here (it belongs to the running loop), set it (nothing in
        # flight yet), and mark the service as serving.
        raise NotImplementedError("step 2: Lifecycle.start")

    def begin_drain(self) -> None:
        self.draining = True

    @property
    def accepting(self) -> bool:
        return self.serving and not self.draining

    @asynccontextmanager
    async def work(self) -> AsyncIterator[None]:
        """Count one unit of work while it runs; raise Draining instead of starting new work when not accepting."""
        # TODO step 2: raise Draining() if not accepting; otherwise count the work in, clear the idle event,
        # yield, and in a `finally` (the work may be cancelled) count it out and set the event at zero.
        raise NotImplementedError("step 2: Lifecycle.work")
        yield  # noqa: unreachable - keeps this an async generator

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no work is in flight, at most `timeout` seconds; True if it got there."""
        # TODO step 2: asyncio.wait_for on the idle event; False on timeout.
        raise NotImplementedError("step 2: Lifecycle.wait_idle")
