"""Events through a Redis Stream: they outlive the publishing process, and a consumer group hands each one to
exactly one consumer among several processes.

Delivery is at least once. A consumer acknowledges (XACK) an entry only after its handlers have run, so an entry
whose consumer died in between stays in the group's pending list; another consumer claims it (XAUTOCLAIM) once
it has been idle for `claim_idle_ms`. An entry delivered more than `max_deliveries` times goes to a dead-letter
stream. Handler errors are not retried by the stream: the bus has already isolated and reported them.

`redis` is a redis.asyncio.Redis client (every command is awaited).
"""
from __future__ import annotations

import logging
from typing import Any

from redis.exceptions import ResponseError  # noqa: F401 - XGROUP CREATE raises it (BUSYGROUP) if the group exists

from event_bus.bus import EventBus, current_event  # noqa: F401
from event_bus.events import Event, Failure

log = logging.getLogger(__name__)
FIELD = "event"  # each stream entry holds one field: the event as JSON (Event.to_json / Event.from_json)


class StreamPublisher:
    """XADD each event to `stream`, capped near `max_len` entries."""

    def __init__(self, redis, stream: str = "events", *, max_len: int = 100_000):
        self.redis, self.stream, self.max_len = redis, stream, max_len

    async def publish(self, event_type: str, data: dict[str, Any]) -> str:
        """Append an event (a follow-up of the event being handled, if any); returns the stream entry id.

        TODO step 5: build the Event as EventBus.publish does, then XADD {FIELD: event.to_json()} with
        maxlen=self.max_len, approximate=True."""
        raise NotImplementedError("step 5: StreamPublisher.publish")


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
        """TODO step 5: create the group (XGROUP CREATE, mkstream=True) reading from the start of the stream, id "0";
        a group that already exists (ResponseError mentioning BUSYGROUP) is fine."""
        raise NotImplementedError("step 5: StreamConsumer.ensure_group")

    async def poll(self) -> int:
        """Handle one batch of at most `batch` entries; returns how many were handled.

        TODO step 5: XREADGROUP group consumer {stream: ">"} (count=batch, block=block_ms); for each entry, decode the
        event, `await self.bus.dispatch(event)`, and only then XACK it.
        TODO step 6: before reading new entries, XAUTOCLAIM (min_idle_time=claim_idle_ms, start "0-0", count=batch)
        the entries other consumers abandoned, and handle those first.
        TODO step 7: an entry delivered more than max_deliveries times (XPENDING range for its id:
        "times_delivered") is not dispatched: _dead_letter it."""
        raise NotImplementedError("step 5: StreamConsumer.poll")

    async def run(self, stop) -> None:
        """Poll until `stop` (an asyncio.Event) is set."""
        await self.ensure_group()
        while not stop.is_set():
            await self.poll()

    async def _dead_letter(self, entry_id, fields: dict, event: Event | None, why: str) -> None:
        """Copy the entry to the dead-letter stream, acknowledge it, and report it."""
        await self.redis.xadd(self.dead_letter_stream, {**fields, "reason": why, "entry": entry_id})
        await self.redis.xack(self.stream, self.group, entry_id)
        if event is not None:
            self.bus.report(Failure(event, None, "dead_letter", why))
        else:
            log.error("entry %s of %s moved to %s: %s", entry_id, self.stream, self.dead_letter_stream, why)
