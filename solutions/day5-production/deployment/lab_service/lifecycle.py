"""Where the service is in its life (starting, serving, draining) and how much work is in flight."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Draining(Exception):
    """The service is not taking new work: it has not started yet, or it is shutting down."""


class Lifecycle:
    """One per app, used from its event loop only (so no lock). The lifespan calls start() and, when the
    server stops, begin_drain() and wait_idle(); request handlers wrap their work in `async with work()`."""

    def __init__(self) -> None:
        self.serving = False
        self.draining = False
        self.in_flight = 0
        self._idle: asyncio.Event | None = None

    def start(self) -> None:
        self._idle = asyncio.Event()  # made here, inside the running loop it belongs to
        self._idle.set()
        self.serving = True

    def begin_drain(self) -> None:
        self.draining = True

    @property
    def accepting(self) -> bool:
        return self.serving and not self.draining

    @asynccontextmanager
    async def work(self) -> AsyncIterator[None]:
        """Count one unit of work while it runs; raise Draining instead of starting new work when not accepting."""
        if not self.accepting:
            raise Draining()
        self.in_flight += 1
        self._idle.clear()
        try:
            yield
        finally:  # also when the work is cancelled at the end of the grace period
            self.in_flight -= 1
            if self.in_flight == 0:
                self._idle.set()

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no work is in flight, at most `timeout` seconds; True if it got there."""
        if self._idle is None:
            return True
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except asyncio.TimeoutError:
            return False
