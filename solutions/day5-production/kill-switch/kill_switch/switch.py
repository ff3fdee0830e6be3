### BEGIN STARTER
# """The switch state lives in Redis, so a toggle made by any process (or an operator's script) reaches every
# process of the service; each process caches what it read for at most `cache_ttl` seconds.
#
# Keys, under `namespace` (see `_key` and `_audit_key`, given):
# * `{namespace}:global` and `{namespace}:feature:{name}`: hashes with `enabled` ("1"/"0"), `by`, `reason`, `at`.
#   A missing key means the switch was never touched: enabled.
# * `{namespace}:audit`: one entry per toggle (action, feature, by, reason, at), e.g. a stream (XADD with maxlen,
#   read back with XRANGE) or a list (RPUSH + LTRIM). Write the switch and its audit entry in ONE transaction
#   (`self.redis.pipeline(transaction=True)`): both or neither.
# Values come back from Redis as bytes.
# """
### END STARTER
### BEGIN SOLUTION
"""The switch state lives in Redis, so a toggle made by any process (or an operator's script) reaches every
process of the service; each process caches what it read for at most `cache_ttl` seconds.

Keys, under `namespace`:
* `{namespace}:global` and `{namespace}:feature:{name}`: hashes with `enabled` ("1"/"0"), `by`, `reason`, `at`.
  A missing key means the switch was never touched: enabled.
* `{namespace}:audit`: a stream with one entry per toggle (action, feature, by, reason, at), capped in length.
A toggle writes the switch and its audit entry in one MULTI/EXEC transaction: both or neither.
"""
### END SOLUTION
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
### BEGIN STARTER
# from datetime import datetime, timezone  # noqa: F401 - datetime.fromtimestamp(self.wall_clock(), tz=timezone.utc)
#
# import redis  # noqa: F401 - redis.RedisError is what a failed command raises
### END STARTER
### BEGIN SOLUTION
from datetime import datetime, timezone

import redis
### END SOLUTION

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
    ### BEGIN STARTER
    # """`is_enabled(feature)` is False if the global switch or the feature's own switch is off.
    #
    # fail_closed=True (the default): if Redis cannot be reached, features count as disabled."""
    ### END STARTER
    ### BEGIN SOLUTION
    """`is_enabled(feature)` is False if the global switch or the feature's own switch is off.

    fail_closed=True (the default): if Redis cannot be reached, features count as disabled. A kill switch exists
    for the moment something is going wrong; serving a feature nobody can switch off is the riskier failure.
    Set it to False for features whose loss hurts more than their risk."""
    ### END SOLUTION

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
        ### BEGIN STARTER
        # """From the cache if it was read less than cache_ttl ago (by self.clock); otherwise read the global and the
        # feature's `enabled` from Redis (one pipeline: one round trip), and cache the answer with the time taken
        # BEFORE the read. If Redis fails (redis.RedisError, OSError): answer `not self.fail_closed`, and cache
        # that too, so a dead Redis is not asked on every request. Never raises."""
        # # TODO step 1
        # raise NotImplementedError("step 1: KillSwitch.is_enabled")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    def disable(self, feature: str | None = None, *, by: str, reason: str) -> None:
        ### BEGIN STARTER
        # """Switch a feature (or, with feature=None, everything) off; `by` and `reason` are required. Raises if
        # Redis cannot record it: an operator must know their switch did not flip."""
        # # TODO step 2
        # raise NotImplementedError("step 2: KillSwitch.disable")
        ### END STARTER
        ### BEGIN SOLUTION
        """Switch a feature (or, with feature=None, everything) off. Raises if Redis cannot record it."""
        if not reason:
            raise ValueError("say why: the reason is what the next person on call reads")
        self._set(feature, False, by, reason)
        ### END SOLUTION

    def enable(self, feature: str | None = None, *, by: str, reason: str = "") -> None:
        ### BEGIN STARTER
        # # TODO step 2
        # raise NotImplementedError("step 2: KillSwitch.enable")
        ### END STARTER
        ### BEGIN SOLUTION
        self._set(feature, True, by, reason)
        ### END SOLUTION

    def state(self, feature: str | None = None) -> SwitchState:
        ### BEGIN STARTER
        # """The switch's stored state, read from Redis (not the cache); enabled with by/reason/at None if unset."""
        # # TODO step 3
        # raise NotImplementedError("step 3: KillSwitch.state")
        ### END STARTER
        ### BEGIN SOLUTION
        """The switch's stored state, read from Redis (not the cache)."""
        raw = {k.decode(): v.decode() for k, v in self.redis.hgetall(self._key(feature)).items()}
        return SwitchState(feature=feature, enabled=raw.get("enabled", "1") != "0", by=raw.get("by"),
                           reason=raw.get("reason"), at=raw.get("at"))
        ### END SOLUTION

    def audit(self, limit: int = 100) -> list[dict]:
        ### BEGIN STARTER
        # """The last `limit` toggles, oldest first: dicts with action ("enable"/"disable"), feature (None for the
        # global switch), by, reason and at."""
        # # TODO step 3
        # raise NotImplementedError("step 3: KillSwitch.audit")
        ### END STARTER
        ### BEGIN SOLUTION
        """The last `limit` toggles, oldest first."""
        entries = self.redis.xrevrange(self._audit_key(), count=limit)
        records = []
        for _, fields in reversed(entries):
            record = {k.decode(): v.decode() for k, v in fields.items()}
            record["feature"] = None if record.get("feature") == GLOBAL else record.get("feature")
            records.append(record)
        return records
        ### END SOLUTION
    ### BEGIN SOLUTION

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
    ### END SOLUTION

    def _key(self, feature: str | None) -> str:
        return f"{self.namespace}:global" if feature is None else f"{self.namespace}:feature:{feature}"

    def _audit_key(self) -> str:
        return f"{self.namespace}:audit"
