"""The switch state lives in Redis, so a toggle made by any process (or an operator's script) reaches every
process of the service; each process caches what it read for at most `cache_ttl` seconds.

Keys, under `namespace`:
* `{namespace}:global` and `{namespace}:feature:{name}`: hashes with `enabled` ("1"/"0"), `by`, `reason`, `at`.
  A missing key means the switch was never touched: enabled.
* `{namespace}:audit`: a stream with one entry per toggle (action, feature, by, reason, at), capped in length.
A toggle writes the switch and its audit entry in one MULTI/EXEC transaction: both or neither.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

import redis

log = logging.getLogger(__name__)
GLOBAL = "*"  # how the global switch appears in the audit log


@dataclass(frozen=True)
class SwitchState:
    feature: str | None  # None for the global switch
    enabled: bool
    by: str | None       # who made the last change (None if never changed)
    reason: str | None
    at: str | None       # ISO 8601, UTC


class KillSwitch:
    """`is_enabled(feature)` is False if the global switch or the feature's own switch is off.

    fail_closed=True (the default): if Redis cannot be reached, features count as disabled. A kill switch exists
    for the moment something is going wrong; serving a feature nobody can switch off is the riskier failure.
    Set it to False for features whose loss hurts more than their risk."""

    def __init__(self, redis_client, *, namespace: str = "killswitch", cache_ttl: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, wall_clock: Callable[[], float] = time.time,
                 fail_closed: bool = True, audit_length: int = 10_000):
        self.redis = redis_client
        self.namespace, self.cache_ttl = namespace, cache_ttl
        self.clock, self.wall_clock = clock, wall_clock
        self.fail_closed, self.audit_length = fail_closed, audit_length
        self._cache: dict[str, tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def is_enabled(self, feature: str) -> bool:
        now = self.clock()
        with self._lock:
            cached = self._cache.get(feature)
        if cached is not None and now - cached[1] < self.cache_ttl:
            return cached[0]
        try:
            with self.redis.pipeline(transaction=False) as pipe:
                pipe.hget(self._key(None), "enabled")
                pipe.hget(self._key(feature), "enabled")
                global_flag, feature_flag = pipe.execute()
            enabled = global_flag != b"0" and feature_flag != b"0"
        except (redis.RedisError, OSError) as exc:
            enabled = not self.fail_closed
            log.warning("kill switch unreadable (%s); treating %s as %s", exc, feature,
                        "enabled" if enabled else "disabled")
        with self._lock:  # stamped with the time before the read: never trusted past cache_ttl from then
            self._cache[feature] = (enabled, now)
        return enabled

    def disable(self, feature: str | None = None, *, by: str, reason: str) -> None:
        """Switch a feature (or, with feature=None, everything) off. Raises if Redis cannot record it."""
        if not reason:
            raise ValueError("say why: the reason is what the next person on call reads")
        self._set(feature, False, by, reason)

    def enable(self, feature: str | None = None, *, by: str, reason: str = "") -> None:
        self._set(feature, True, by, reason)

    def state(self, feature: str | None = None) -> SwitchState:
        """The switch's stored state, read from Redis (not the cache)."""
        raw = {k.decode(): v.decode() for k, v in self.redis.hgetall(self._key(feature)).items()}
        return SwitchState(feature=feature, enabled=raw.get("enabled", "1") != "0", by=raw.get("by"),
                           reason=raw.get("reason"), at=raw.get("at"))

    def audit(self, limit: int = 100) -> list[dict]:
        """The last `limit` toggles, oldest first."""
        entries = self.redis.xrevrange(self._audit_key(), count=limit)
        records = []
        for _, fields in reversed(entries):
            record = {k.decode(): v.decode() for k, v in fields.items()}
            record["feature"] = None if record.get("feature") == GLOBAL else record.get("feature")
            records.append(record)
        return records

    def _set(self, feature: str | None, enabled: bool, by: str, reason: str) -> None:
        if not by:
            raise ValueError("say who: toggles are audited")
        at = datetime.fromtimestamp(self.wall_clock(), tz=timezone.utc).isoformat()
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self._key(feature), mapping={"enabled": "1" if enabled else "0", "by": by, "reason": reason,
                                                   "at": at})
            pipe.xadd(self._audit_key(), {"action": "enable" if enabled else "disable",
                                          "feature": GLOBAL if feature is None else feature,
                                          "by": by, "reason": reason, "at": at},
                      maxlen=self.audit_length, approximate=True)
            pipe.execute()
        with self._lock:
            self._cache.clear()  # this process sees its own toggle at once; the global one affects every feature

    def _key(self, feature: str | None) -> str:
        return f"{self.namespace}:global" if feature is None else f"{self.namespace}:feature:{feature}"

    def _audit_key(self) -> str:
        return f"{self.namespace}:audit"
