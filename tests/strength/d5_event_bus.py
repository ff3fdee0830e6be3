"""d5-event-bus: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
BUS = "bus.py"
STREAMS = "streams.py"

BROKEN = {
    "isolation: a failing on_error hook breaks publish": (BUS, [(
        """            try:
                self.on_error(failure)
            except Exception:  # noqa: BLE001
                log.exception("on_error raised while reporting a failure")""",
        """            self.on_error(failure)""")]),
    "depth: the chain is cut one level late": (BUS, [(
        "        if event.depth > self.max_depth:", "        if event.depth > self.max_depth + 1:")]),
    "follow-ups: a handler's publish starts a fresh chain at depth 0": (BUS, [(
        "        cause = _handling.get()\n        event = cause.follow_up",
        "        cause = None\n        event = cause.follow_up")]),
    "dispatch: the handlers of an event run one after the other, not at once": (BUS, [(
        "        outcomes = await asyncio.gather(*(self._run(event, name, handler) for name, handler in handlers))",
        """        outcomes = []
        for name, handler in handlers:
            outcomes.append(await self._run(event, name, handler))""")]),
    "at least once: the entry is acknowledged before its handlers run": (STREAMS, [(
        """        await self.bus.dispatch(event)  # isolates and reports handler failures itself
        await self.redis.xack(self.stream, self.group, entry_id)""",
        """        await self.redis.xack(self.stream, self.group, entry_id)
        await self.bus.dispatch(event)  # isolates and reports handler failures itself""")]),
    "redelivery: entries abandoned by a crashed consumer are never claimed": (STREAMS, [(
        "        entries = await self._reclaim()\n", "        entries = []\n")]),
}

CORRECT = {
    "handlers run as tasks and awaited with asyncio.wait": (BUS, [(
        "        outcomes = await asyncio.gather(*(self._run(event, name, handler) for name, handler in handlers))",
        """        tasks = [asyncio.ensure_future(self._run(event, name, handler)) for name, handler in handlers]
        if tasks:
            await asyncio.wait(tasks)
        outcomes = [task.result() for task in tasks]""")]),
    "the timeout with asyncio.wait_for instead of asyncio.timeout": (BUS, [(
        """        deadline = asyncio.timeout(self.handler_timeout_s)
        try:
            async with deadline:
                await handler(event)
        except TimeoutError as exc:
            if deadline.expired():""",
        """        expired = False

        async def guarded():
            try:
                return await handler(event)
            except TimeoutError as exc:
                raise RuntimeError(exc) from exc  # the handler's own TimeoutError, not our deadline

        try:
            try:
                await asyncio.wait_for(guarded(), self.handler_timeout_s)
            except RuntimeError as wrapped:
                if isinstance(wrapped.__cause__, TimeoutError):
                    raise wrapped.__cause__ from None
                raise
            except TimeoutError:
                expired = True
                raise
        except TimeoutError as exc:
            if expired:""")]),
}
