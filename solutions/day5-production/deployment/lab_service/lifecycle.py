### BEGIN STARTER
# """Where the service is in its life (starting, serving, draining) and how much work is in flight.
#
# Read the README's contract first; the tests check it through the app's behaviour.
# """
### END STARTER
### BEGIN SOLUTION
"""Where the service is in its life (starting, serving, draining) and how much work is in flight."""
### END SOLUTION
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class Draining(Exception):
    """The service is not taking new work: it has not started yet, or it is shutting down."""


class Lifecycle:
    ### BEGIN STARTER
    # """One per app, used from its event loop only (so no lock is needed). The lifespan calls start() and, when
    # the server stops, begin_drain() and wait_idle(); request handlers wrap their work in `async with work()`."""
    ### END STARTER
    ### BEGIN SOLUTION
    """One per app, used from its event loop only (so no lock). The lifespan calls start() and, when the
    server stops, begin_drain() and wait_idle(); request handlers wrap their work in `async with work()`."""
    ### END SOLUTION

    def __init__(self) -> None:
        self.serving = False
        self.draining = False
        self.in_flight = 0
        self._idle: asyncio.Event | None = None

    def start(self) -> None:
        ### BEGIN STARTER
        # """Called by the lifespan at start-up, inside the running event loop."""
        # # TODO step 2: make the asyncio.Event here (it belongs to the running loop), set it (nothing in
        # # flight yet), and mark the service as serving.
        # raise NotImplementedError("step 2: Lifecycle.start")
        ### END STARTER
        ### BEGIN SOLUTION
        self._idle = asyncio.Event()  # made here, inside the running loop it belongs to
        self._idle.set()
        self.serving = True
        ### END SOLUTION

    def begin_drain(self) -> None:
        self.draining = True

    @property
    def accepting(self) -> bool:
        return self.serving and not self.draining

    @asynccontextmanager
    async def work(self) -> AsyncIterator[None]:
        """Count one unit of work while it runs; raise Draining instead of starting new work when not accepting."""
        ### BEGIN STARTER
        # # TODO step 2: raise Draining() if not accepting; otherwise count the work in, clear the idle event,
        # # yield, and in a `finally` (the work may be cancelled) count it out and set the event at zero.
        # raise NotImplementedError("step 2: Lifecycle.work")
        # yield  # noqa: unreachable - keeps this an async generator
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    async def wait_idle(self, timeout: float) -> bool:
        """Wait until no work is in flight, at most `timeout` seconds; True if it got there."""
        ### BEGIN STARTER
        # # TODO step 2: asyncio.wait_for on the idle event; False on timeout.
        # raise NotImplementedError("step 2: Lifecycle.wait_idle")
        ### END STARTER
        ### BEGIN SOLUTION
        if self._idle is None:
            return True
        try:
            await asyncio.wait_for(self._idle.wait(), timeout)
            return True
        except asyncio.TimeoutError:
            return False
        ### END SOLUTION
