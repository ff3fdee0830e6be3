"""What travels on the bus and what publishing one event reports back."""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Event:
    type: str
    data: dict[str, Any]
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    depth: int = 0            # 0 for an event from outside; a follow-up is one deeper than its cause
    cause: str | None = None  # the id of the event whose handler published this one

    def follow_up(self, type: str, data: dict[str, Any]) -> Event:
        return Event(type, data, depth=self.depth + 1, cause=self.id)

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> Event:
        raw = json.loads(text)
        return cls(type=str(raw["type"]), data=dict(raw["data"]), id=str(raw["id"]), depth=int(raw.get("depth", 0)),
                   cause=raw.get("cause"))


@dataclass(frozen=True)
class HandlerOutcome:
    handler: str
    status: Literal["ok", "error", "timeout"]
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class PublishResult:
    event: Event
    outcomes: list[HandlerOutcome]
    dropped: str | None = None  # why no handler ran, e.g. "max_depth"

    @property
    def ok(self) -> bool:
        return self.dropped is None and all(o.status == "ok" for o in self.outcomes)

    @property
    def failures(self) -> list[HandlerOutcome]:
        return [o for o in self.outcomes if o.status != "ok"]


@dataclass(frozen=True)
class Failure:
    """One thing that went wrong, as the bus reports it to `on_error` and keeps in `bus.failures`."""

    event: Event
    handler: str | None  # None when the event itself was refused (too deep, dead-lettered)
    kind: Literal["error", "timeout", "max_depth", "dead_letter"]
    message: str
