"""The switch state lives in Redis, so a toggle made by any process (or an operator's script) reaches every
process of the service; each process caches what it read for at most `cache_ttl` seconds.

Keys, under `namespace` (see `_key` and `_audit_key`, given):
* `{namespace}:global` and `{namespace}:feature:{name}`: hashes with `enabled` ("1"/"0"), `by`, `reason`, `at`.
  A missing key means the switch was never touched: enabled.
* `{namespace}:audit`: one entry per toggle (action, feature, by, reason, at), e.g. a stream (XADD with maxlen,
  read back with XRANGE) or a list (RPUSH + LTRIM). Write the switch and its audit entry in ONE transaction
  (`self.redis.pipeline(transaction=True)`): both or neither.
Values come back from Redis as bytes.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone  # noqa: F401 - datetime.fromtimestamp(self.wall_clock(), tz=timezone.utc)

import redis  # noqa: F401 - redis.RedisError is what a failed command raises

log = logging.getLogger(__name__)
GLOBAL = "*"  # how the global switch can appear in the audit log; audit() reports it as feature None


@dataclass(frozen=True)
class SwitchState:
    feature: str | None  # None for the global switch
    enabled: bool
    by: str | None       # who made the last change (None if never changed)
    reason: str | None
    at: str | None       # ISO 8601, UTC


class KillSwitch:
    """`is_enabled(feature)` is False if the global switch or the feature's own switch is off.

    fail_closed=True (the default): if Redis cannot be reached, features count as disabled."""

    def __init__(self, redis_client, *, namespace: str = "killswitch", cache_ttl: float = 1.0,
                 clock: Callable[[], float] = time.monotonic, wall_clock: Callable[[], float] = time.time,
                 fail_closed: bool = True, audit_length: int = 10_000):
        self.redis = redis_client
        self.namespace, self.cache_ttl = namespace, cache_ttl
        self.clock, self.wall_clock = clock, wall_clock
        self.fail_closed, self.audit_length = fail_closed, audit_length
        self._cache: dict[str, tuple[bool, float]] = {}  # feature -> (enabled, clock() when it was read)
        self._lock = threading.Lock()

    def is_enabled(self, feature: str) -> bool:
        """From the cache if it was read less than cache_ttl ago (by self.clock); otherwise read the global and the
        feature's `enabled` from Redis (one pipeline: one round trip), and cache the answer with the time taken
        BEFORE the read. If Redis fails (redis.RedisError, OSError): answer `not self.fail_closed`, and cache
        that too, so a dead Redis is not asked on every request. Never raises."""
        # TODO step 1
        raise NotImplementedError("step 1: KillSwitch.is_enabled")

    def disable(self, feature: str | None = None, *, by: str, reason: str) -> None:
        """Switch a feature (or, with feature=None, everything) off; `by` and `reason` are required. Raises if
        Redis cannot record it: an operator must know their switch did not flip."""
        # TODO step 2
        raise NotImplementedError("step 2: KillSwitch.disable")

    def enable(self, feature: str | None = None, *, by: str, reason: str = "") -> None:
        # TODO step 2
        raise NotImplementedError("step 2: KillSwitch.enable")

    def state(self, feature: str | None = None) -> SwitchState:
        """The switch's stored state, read from Redis (not the cache); enabled with by/reason/at None if unset."""
        # TODO step 3
        raise NotImplementedError("step 3: KillSwitch.state")

    def audit(self, limit: int = 100) -> list[dict]:
        """The last `limit` toggles, oldest first: dicts with action ("enable"/"disable"), feature (None for the
        global switch), by, reason and at."""
        # TODO step 3
        raise NotImplementedError("step 3: KillSwitch.audit")

    def _key(self, feature: str | None) -> str:
        return f"{self.namespace}:global" if feature is None else f"{self.namespace}:feature:{feature}"

    def _audit_key(self) -> str:
        return f"{self.namespace}:audit"
