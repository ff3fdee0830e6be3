### BEGIN STARTER
# """The approval gate shared by processes: requests in Redis, decided atomically, waiters woken by a push.
#
# The agent's worker and the approval dashboard are different processes, often on different machines, so the
# state lives in Redis: one hash per request (`request`, `get` and the log are given).
#
# Contract (step 7):
#
# - `DECIDE`: a Lua script, KEYS = [the request hash, the request's "done" list], ARGV = [status, by, reason,
#   now, the approver's key (strip + casefold)]. It returns 'unknown' (no hash), 'decided' (not pending),
#   and for status 'expired' closes a pending request (status, decided_at = now) and returns 'ok'. Otherwise:
#   now >= expires_at closes it as expired (decided_at = expires_at) and returns 'expired'; an approval whose
#   key equals the hash's `requester_key` returns 'self'; else it writes status, decided_by, decision_reason,
#   decided_at and returns 'ok'. Every time it closes a request it RPUSHes a token to the done list. One
#   script, so no other client can act between the check and the write.
# - `_decide`: ValueError without a name or a reason; run the script (`_run`); 'ok': log and return the
#   record; else log a refusal and raise UnknownRequest, RequestExpired (also when 'decided' and the record
#   is expired), AlreadyDecided or SelfApproval.
# - `expire(request_id)`: run the script with status 'expired'; return the record.
# - `wait_blocking(request_id)`: the record if decided; else block IN REDIS until the token arrives or the
#   remaining time passes: `BLMOVE done done <remaining> LEFT RIGHT` (moving the token to the same list
#   leaves it there, so every waiter wakes and later ones return at once). Skip the call when no time
#   remains (a timeout of 0 means "block forever" to Redis). Then the record, expiring it if still pending.
#   No loop of GET and sleep.
# """
### END STARTER
### BEGIN SOLUTION
"""The approval gate shared by processes: requests in Redis, decided atomically, waiters woken by a push.

The agent's worker and the approval dashboard are different processes, often on different machines, so the
state lives in Redis. A decision is one Lua script (check pending, check the deadline, refuse
self-approval, write the decision, push a token), so two reviewers clicking at once cannot both win. The
waiter blocks in `BLMOVE done done` with the remaining time as its timeout: Redis answers the moment the
token is pushed. Moving the token from the list to the same list leaves it there, so every waiter wakes and
a waiter that arrives later returns at once.
"""
### END SOLUTION
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

### BEGIN STARTER
# from human_approval.records import (AlreadyDecided, ApprovalRequest, RequestExpired, SelfApproval,  # noqa: F401
#                                     Status, UnknownRequest)
#
# DECIDE = """
# return redis.error_reply('TODO step 7: the decide script')
# """
### END STARTER
### BEGIN SOLUTION
from human_approval.records import (AlreadyDecided, ApprovalRequest, RequestExpired, SelfApproval, Status,
                                    UnknownRequest)

DECIDE = """
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'unknown' end
if status ~= 'pending' then return 'decided' end
local now = tonumber(ARGV[4])
if ARGV[1] == 'expired' then
    redis.call('HSET', KEYS[1], 'status', 'expired', 'decided_at', ARGV[4])
    redis.call('RPUSH', KEYS[2], 'decided')
    return 'ok'
end
if now >= tonumber(redis.call('HGET', KEYS[1], 'expires_at')) then
    redis.call('HSET', KEYS[1], 'status', 'expired', 'decided_at', redis.call('HGET', KEYS[1], 'expires_at'))
    redis.call('RPUSH', KEYS[2], 'decided')
    return 'expired'
end
if ARGV[1] == 'approved' and ARGV[5] == redis.call('HGET', KEYS[1], 'requester_key') then return 'self' end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'decided_by', ARGV[2], 'decision_reason', ARGV[3], 'decided_at', ARGV[4])
redis.call('RPUSH', KEYS[2], 'decided')
return 'ok'
"""
### END SOLUTION


def _key(person: str) -> str:
    return person.strip().casefold()


class RedisApprovalGate:
    def __init__(self, connection, *, clock: Callable[[], float] = time.time, default_timeout: float = 300.0,
                 prefix: str = "approval"):
        self.redis = connection
        self._clock = clock
        self.default_timeout = default_timeout
        self.prefix = prefix
        self._decide_script = connection.register_script(DECIDE)
        connection.script_load(DECIDE)  # loaded up front, so no call pays for a NOSCRIPT round trip

    def _request_key(self, request_id: str) -> str:
        return f"{self.prefix}:request:{request_id}"

    def _done_key(self, request_id: str) -> str:
        return f"{self.prefix}:done:{request_id}"

    def _log(self, event: str, request_id: str, at: float, by: str | None, reason: str | None) -> None:
        entry = {"event": event, "request": request_id, "at": at, "by": by, "reason": reason}
        self.redis.rpush(f"{self.prefix}:log", json.dumps(entry))

    def request(self, action: str, *, requester: str, reasoning: str = "", risk: str = "high",
                timeout: float | None = None, request_id: str | None = None) -> ApprovalRequest:
        timeout = self.default_timeout if timeout is None else timeout
        if not action.strip() or not requester.strip() or timeout <= 0:
            raise ValueError("an approval request needs an action, a requester and a positive timeout")
        request_id = request_id or uuid.uuid4().hex
        now = self._clock()
        fields = {"id": request_id, "action": action, "requester": requester, "requester_key": _key(requester),
                  "risk": risk, "reasoning": reasoning, "created_at": repr(now), "expires_at": repr(now + timeout),
                  "status": Status.PENDING.value}
        if not self.redis.hsetnx(self._request_key(request_id), "id", request_id):
            raise ValueError(f"request {request_id!r} exists already")
        self.redis.hset(self._request_key(request_id), mapping=fields)
        self._log("requested", request_id, now, requester, reasoning)
        return self.get(request_id)

    def get(self, request_id: str) -> ApprovalRequest:
        raw = self.redis.hgetall(self._request_key(request_id))
        if not raw:
            raise UnknownRequest(f"no approval request {request_id!r}")
        data = {k.decode(): v.decode() for k, v in raw.items()}
        optional = lambda name: data.get(name) or None  # noqa: E731
        return ApprovalRequest(
            data["id"], data["action"], data["requester"], data["risk"], data["reasoning"],
            float(data["created_at"]), float(data["expires_at"]), Status(data["status"]), optional("decided_by"),
            float(data["decided_at"]) if data.get("decided_at") else None, optional("decision_reason"))

    def approve(self, request_id: str, *, approver: str, reason: str) -> ApprovalRequest:
        return self._decide(request_id, Status.APPROVED, approver, reason)

    def reject(self, request_id: str, *, approver: str, reason: str) -> ApprovalRequest:
        return self._decide(request_id, Status.REJECTED, approver, reason)

    def _decide(self, request_id: str, status: Status, by: str, reason: str) -> ApprovalRequest:
        ### BEGIN STARTER
        # # TODO step 7
        # raise NotImplementedError("step 7: RedisApprovalGate._decide")
        ### END STARTER
        ### BEGIN SOLUTION
        if not by or not by.strip() or not reason or not reason.strip():
            raise ValueError("a decision must name who made it and say why")
        now = self._clock()
        outcome = self._run(request_id, status.value, by, reason, now)
        if outcome == "ok":
            self._log(status.value, request_id, now, by, reason)
            return self.get(request_id)
        why = {"unknown": "unknown", "decided": "already decided", "expired": "expired", "self": "self-approval"}
        if outcome == "expired":
            self._log("expired", request_id, now, None, None)
        if outcome != "unknown":
            self._log("refused", request_id, now, by, why[outcome])
        if outcome == "unknown":
            raise UnknownRequest(f"no approval request {request_id!r}")
        if outcome == "decided":
            record = self.get(request_id)
            if record.status is Status.EXPIRED:
                raise RequestExpired(f"request {request_id} expired before {by} decided")
            raise AlreadyDecided(f"request {request_id} was already {record.status.value}"
                                 + (f" by {record.decided_by}" if record.decided_by else ""))
        if outcome == "expired":
            raise RequestExpired(f"request {request_id} expired before {by} decided")
        raise SelfApproval(f"{by} requested {request_id} and cannot approve it")
        ### END SOLUTION

    def _run(self, request_id: str, status: str, by: str, reason: str, now: float) -> str:
        result = self._decide_script(keys=[self._request_key(request_id), self._done_key(request_id)],
                                     args=[status, by, reason, repr(now), _key(by)])
        return result.decode() if isinstance(result, bytes) else str(result)

    def expire(self, request_id: str) -> ApprovalRequest:
        ### BEGIN STARTER
        # # TODO step 7
        # raise NotImplementedError("step 7: RedisApprovalGate.expire")
        ### END STARTER
        ### BEGIN SOLUTION
        if self._run(request_id, Status.EXPIRED.value, "", "", self._clock()) == "ok":
            self._log("expired", request_id, self._clock(), None, None)
        return self.get(request_id)
        ### END SOLUTION

    def wait_blocking(self, request_id: str) -> ApprovalRequest:
        """Blocks in Redis (BLMOVE) until a decision is pushed or the deadline passes; never polls."""
        ### BEGIN STARTER
        # # TODO step 7
        # raise NotImplementedError("step 7: RedisApprovalGate.wait_blocking")
        ### END STARTER
        ### BEGIN SOLUTION
        record = self.get(request_id)
        if record.status is not Status.PENDING:
            return record
        remaining = record.expires_at - self._clock()
        if remaining > 0:  # BLMOVE with a timeout of 0 would block forever
            done = self._done_key(request_id)
            self.redis.blmove(done, done, remaining, "LEFT", "RIGHT")
        record = self.get(request_id)
        return record if record.status is not Status.PENDING else self.expire(request_id)
        ### END SOLUTION

    def log(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.redis.lrange(f"{self.prefix}:log", 0, -1)]
