### BEGIN STARTER
# """Events through a Redis Stream: they outlive the publishing process, and a consumer group hands each one to
# exactly one consumer among several processes.
#
# Delivery is at least once. A consumer acknowledges (XACK) an entry only after its handlers have run, so an entry
# whose consumer died in between stays in the group's pending list; another consumer claims it (XAUTOCLAIM) once
# it has been idle for `claim_idle_ms`. An entry delivered more than `max_deliveries` times goes to a dead-letter
# stream. Handler errors are not retried by the stream: the bus has already isolated and reported them.
#
# `redis` is a redis.asyncio.Redis client (every command is awaited).
# """
### END STARTER
### BEGIN SOLUTION
"""Events through a Redis Stream: they outlive the publishing process, and a consumer group hands each one to
exactly one consumer among several processes.

Delivery is at least once. A consumer acknowledges (XACK) an entry only after its handlers have run, so an entry
whose consumer died in between stays in the group's pending list; another consumer claims it (XAUTOCLAIM) once
it has been idle for `claim_idle_ms`. An entry delivered more than `max_deliveries` times (it kills every consumer
that takes it) goes to a dead-letter stream instead of round and round. Handlers must therefore be idempotent:
the same event can arrive twice.

Handler errors are not retried by the stream: the bus has already isolated and reported them.
"""
### END SOLUTION
from __future__ import annotations

import logging
from typing import Any

### BEGIN STARTER
# from redis.exceptions import ResponseError  # noqa: F401 - XGROUP CREATE raises it (BUSYGROUP) if the group exists
#
# from event_bus.bus import EventBus, current_event  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from redis.exceptions import ResponseError

from event_bus.bus import EventBus, current_event
### END SOLUTION
from event_bus.events import Event, Failure

log = logging.getLogger(__name__)
FIELD = "event"  # each stream entry holds one field: the event as JSON (Event.to_json / Event.from_json)


class StreamPublisher:
    ### BEGIN STARTER
    # """XADD each event to `stream`, capped near `max_len` entries."""
    ### END STARTER
    ### BEGIN SOLUTION
    """XADD each event to `stream`, capped near `max_len` entries (trimmed approximately, which is cheap)."""
    ### END SOLUTION

    def __init__(self, redis, stream: str = "events", *, max_len: int = 100_000):
        self.redis, self.stream, self.max_len = redis, stream, max_len

    async def publish(self, event_type: str, data: dict[str, Any]) -> str:
        ### BEGIN STARTER
        # """Append an event (a follow-up of the event being handled, if any); returns the stream entry id.
        #
        # TODO step 5: build the Event as EventBus.publish does, then XADD {FIELD: event.to_json()} with
        # maxlen=self.max_len, approximate=True."""
        # raise NotImplementedError("step 5: StreamPublisher.publish")
        ### END STARTER
        ### BEGIN SOLUTION
        """Append an event (a follow-up of the event being handled, if any); returns the stream entry id."""
        cause = current_event()
        event = cause.follow_up(event_type, data) if cause is not None else Event(event_type, data)
        entry_id = await self.redis.xadd(self.stream, {FIELD: event.to_json()}, maxlen=self.max_len, approximate=True)
        return entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)
        ### END SOLUTION


class StreamConsumer:
    """One consumer of a consumer group: reads entries, dispatches them to `bus`, acknowledges them."""

    def __init__(self, redis, bus: EventBus, *, consumer: str, stream: str = "events", group: str = "handlers",
                 claim_idle_ms: int = 60_000, max_deliveries: int = 5, batch: int = 10, block_ms: int = 1_000,
                 dead_letter_stream: str | None = None):
        self.redis, self.bus, self.consumer = redis, bus, consumer
        self.stream, self.group = stream, group
        self.claim_idle_ms, self.max_deliveries = claim_idle_ms, max_deliveries
        self.batch, self.block_ms = batch, block_ms
        self.dead_letter_stream = dead_letter_stream or f"{stream}:dead"

    async def ensure_group(self) -> None:
        ### BEGIN STARTER
        # """TODO step 5: create the group (XGROUP CREATE, mkstream=True) reading from the start of the stream, id "0";
        # a group that already exists (ResponseError mentioning BUSYGROUP) is fine."""
        # raise NotImplementedError("step 5: StreamConsumer.ensure_group")
        ### END STARTER
        ### BEGIN SOLUTION
        """Create the group if needed, reading from the start of the stream ("0", not "$"), so events published
        before any consumer existed are not skipped."""
        try:
            await self.redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        ### END SOLUTION

    async def poll(self) -> int:
        ### BEGIN STARTER
        # """Handle one batch of at most `batch` entries; returns how many were handled.
        #
        # TODO step 5: XREADGROUP group consumer {stream: ">"} (count=batch, block=block_ms); for each entry, decode the
        # event, `await self.bus.dispatch(event)`, and only then XACK it.
        # TODO step 6: before reading new entries, XAUTOCLAIM (min_idle_time=claim_idle_ms, start "0-0", count=batch)
        # the entries other consumers abandoned, and handle those first.
        # TODO step 7: an entry delivered more than max_deliveries times (XPENDING range for its id:
        # "times_delivered") is not dispatched: _dead_letter it."""
        # raise NotImplementedError("step 5: StreamConsumer.poll")
        ### END STARTER
        ### BEGIN SOLUTION
        """Handle one batch: first entries abandoned by dead consumers, else new ones. How many were handled."""
        entries = await self._reclaim()
        if not entries:
            answer = await self.redis.xreadgroup(self.group, self.consumer, {self.stream: ">"}, count=self.batch,
                                                 block=self.block_ms)
            entries = [entry for _, found in answer or [] for entry in found]
        for entry_id, fields in entries:
            await self._handle(entry_id, fields)
        return len(entries)
        ### END SOLUTION

    async def run(self, stop) -> None:
        """Poll until `stop` (an asyncio.Event) is set."""
        await self.ensure_group()
        while not stop.is_set():
            await self.poll()

    ### BEGIN SOLUTION
    async def _reclaim(self) -> list:
        answer = await self.redis.xautoclaim(self.stream, self.group, self.consumer, min_idle_time=self.claim_idle_ms,
                                             start_id="0-0", count=self.batch)
        entries = answer[1] if answer else []
        return [(entry_id, fields) for entry_id, fields in entries if fields]  # None fields: trimmed meanwhile

    async def _handle(self, entry_id, fields: dict) -> None:
        raw = fields.get(FIELD.encode()) or fields.get(FIELD)
        try:
            event = Event.from_json(raw)
        except (TypeError, ValueError, KeyError) as exc:
            await self._dead_letter(entry_id, fields, None, f"unreadable entry: {type(exc).__name__}")
            return
        if await self._times_delivered(entry_id) > self.max_deliveries:
            await self._dead_letter(entry_id, fields, event, f"delivered more than {self.max_deliveries} times")
            return
        await self.bus.dispatch(event)  # isolates and reports handler failures itself
        await self.redis.xack(self.stream, self.group, entry_id)

    async def _times_delivered(self, entry_id) -> int:
        pending = await self.redis.xpending_range(self.stream, self.group, min=entry_id, max=entry_id, count=1)
        return int(pending[0]["times_delivered"]) if pending else 1

    ### END SOLUTION
    async def _dead_letter(self, entry_id, fields: dict, event: Event | None, why: str) -> None:
        ### BEGIN STARTER
        # """Copy the entry to the dead-letter stream, acknowledge it, and report it."""
        ### END STARTER
        await self.redis.xadd(self.dead_letter_stream, {**fields, "reason": why, "entry": entry_id})
        await self.redis.xack(self.stream, self.group, entry_id)
        if event is not None:
            self.bus.report(Failure(event, None, "dead_letter", why))
        else:
            log.error("entry %s of %s moved to %s: %s", entry_id, self.stream, self.dead_letter_stream, why)
