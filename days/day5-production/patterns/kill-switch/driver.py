"""What the graders call: exercise the student's `kill_switch` package against a real Redis (the test's
redis-server on a unix socket) and hand back plain JSON data only.

Time is a fake clock the script moves (each process has its own), so cache expiry is tested without sleeping.
The cross-process job forks worker processes that each open their own Redis connection and KillSwitch, and
obey commands sent to them one at a time, the way several server processes behind a load balancer would.
"""
from __future__ import annotations

import asyncio
import json
import os
import time

WALL_START = 1_796_000_000.0  # 2026-11-30T00:53:20 UTC


class FakeClock:
    """A clock that moves only when told to. Starts far from 0, so code that assumes 0 is "long ago" shows up."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


def _connect(redis_socket: str):
    """A client that fails fast, as a kill switch's should: redis-py's default retries a failed command ten times
    with backoff (seconds in all), and every request waiting on the switch would wait that long."""
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry
    return redis.Redis(unix_socket_path=redis_socket, socket_timeout=2, socket_connect_timeout=2,
                       retry=Retry(NoBackoff(), 0))


def _switch(submission, connection, clock, *, cache_ttl: float = 1.0, wall=None, **options):
    return submission.KillSwitch(connection, cache_ttl=cache_ttl, clock=clock,
                                 wall_clock=wall or (lambda: WALL_START), **options)


def _outcome(call) -> dict:
    try:
        value = call()
    except Exception as exc:  # noqa: BLE001 - what was raised is part of the behaviour under test
        return {"raised": type(exc).__name__}
    return {"value": value if isinstance(value, (bool, type(None))) else str(value)}


def _do(switch, clock, command: dict) -> dict:
    op = command["op"]
    if op == "advance":
        clock.now += float(command["seconds"])
        return {"value": None}
    if op == "check":
        return _outcome(lambda: bool(switch.is_enabled(command["feature"])))
    if op in ("disable", "enable"):
        def toggle() -> None:
            getattr(switch, op)(command.get("feature"), by=command["by"], reason=command.get("reason", ""))
        return _outcome(toggle)
    raise ValueError(f"unknown op {op!r}")


class _Process:
    """A forked process with its own connection, clock and KillSwitch, running commands sent over a pipe."""

    def __init__(self, submission, redis_socket: str, cache_ttl: float):
        to_child, self._to_child = os.pipe()
        self._from_child, from_child = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: serve commands until told to stop, then leave at once
            status = 0
            try:
                os.close(self._to_child)
                os.close(self._from_child)
                clock = FakeClock()
                switch = _switch(submission, _connect(redis_socket), clock, cache_ttl=cache_ttl)
                with os.fdopen(to_child) as commands, os.fdopen(from_child, "w", buffering=1) as answers:
                    for line in commands:
                        command = json.loads(line)
                        if command["op"] == "stop":
                            break
                        try:
                            reply = _do(switch, clock, command)
                        except BaseException as exc:  # noqa: BLE001
                            reply = {"raised": type(exc).__name__}
                        answers.write(json.dumps(reply) + "\n")
            except BaseException:  # noqa: BLE001
                status = 1
            finally:
                os._exit(status)
        os.close(to_child)
        os.close(from_child)
        self._commands = os.fdopen(self._to_child, "w", buffering=1)
        self._answers = os.fdopen(self._from_child)

    def send(self, command: dict) -> dict:
        try:
            self._commands.write(json.dumps(command) + "\n")
            line = self._answers.readline()
        except BrokenPipeError:
            line = ""
        return json.loads(line) if line else {"raised": "the process died"}

    def stop(self) -> None:
        try:
            self._commands.write(json.dumps({"op": "stop"}) + "\n")
            self._commands.close()
        except BrokenPipeError:
            pass
        self._answers.close()
        os.waitpid(self.pid, 0)


def processes_script(submission, redis_socket: str, processes: int, cache_ttl: float, steps: list) -> dict:
    """`processes` processes share the Redis; each step is [process index, command] and its answer is recorded."""
    workers = [_Process(submission, redis_socket, cache_ttl) for _ in range(processes)]
    try:
        return {"results": [workers[int(index)].send(command) for index, command in steps]}
    finally:
        for worker in workers:
            worker.stop()


def cached_reads(submission, redis_socket: str, cache_ttl: float, checks: int) -> dict:
    """`checks` calls of is_enabled without moving the clock, counting the commands Redis processed; then
    another instance disables the feature; this one checks at +half the TTL and just after the TTL."""
    admin = _connect(redis_socket)
    clock = FakeClock()
    switch = _switch(submission, _connect(redis_socket), clock, cache_ttl=cache_ttl)

    def processed() -> int:
        return int(admin.info("stats")["total_commands_processed"])

    first = bool(switch.is_enabled("summaries"))
    before = processed()
    answers = [bool(switch.is_enabled("summaries")) for _ in range(checks)]
    during = processed() - before - 1  # minus the INFO that measured it
    other = _switch(submission, _connect(redis_socket), FakeClock())
    other.disable("summaries", by="oncall@example.com", reason="summaries quote internal ticket ids")
    clock.now += cache_ttl / 2
    half = bool(switch.is_enabled("summaries"))
    before = processed()
    clock.now += cache_ttl / 2 + 0.01
    expired = bool(switch.is_enabled("summaries"))
    after = processed() - before - 1
    return {"first": first, "all_enabled": all(answers), "commands_during_checks": during,
            "at_half_ttl": half, "after_ttl": expired, "commands_after_ttl": after}


def global_script(submission, redis_socket: str, steps: list) -> dict:
    """Two instances on two connections (as two processes would have), one fake clock each. Steps:
    [instance, command] with the commands of processes_script, plus ["state", FEATURE or None]."""
    clocks = [FakeClock(), FakeClock()]
    switches = [_switch(submission, _connect(redis_socket), clock) for clock in clocks]
    results = []
    for index, command in steps:
        switch, clock = switches[int(index)], clocks[int(index)]
        if command["op"] == "state":
            results.append({"value": _state(switch.state(command.get("feature")))})
        else:
            results.append(_do(switch, clock, command))
    return {"results": results}


def _state(state) -> dict:
    return {name: getattr(state, name, None) for name in ("feature", "enabled", "by", "reason", "at")}


def redis_down(submission, redis_socket: str, cache_ttl: float) -> dict:
    """Check (enabled), shut the Redis server down, check again after the TTL with the default switch and with
    fail_closed=False, time those checks, and try to disable a feature."""
    import redis

    clock = FakeClock()
    closed = _switch(submission, _connect(redis_socket), clock, cache_ttl=cache_ttl)
    opened = _switch(submission, _connect(redis_socket), clock, cache_ttl=cache_ttl, fail_closed=False)
    before = [bool(closed.is_enabled("summaries")), bool(opened.is_enabled("summaries"))]
    try:
        _connect(redis_socket).shutdown(nosave=True)
    except redis.ConnectionError:
        pass  # the server closes the connection as it goes
    clock.now += cache_ttl + 0.01
    started = time.monotonic()
    after = [_outcome(lambda: bool(closed.is_enabled("summaries"))),
             _outcome(lambda: bool(opened.is_enabled("summaries")))]
    elapsed = time.monotonic() - started
    toggle = _outcome(lambda: closed.disable("summaries", by="oncall@example.com", reason="incident"))
    return {"before": before, "after": after, "seconds": elapsed, "toggle": toggle}


def audit_trail(submission, redis_socket: str, toggles: list) -> dict:
    """Apply `toggles` (commands) through one instance with a moving wall clock; then a fresh instance on a new
    connection reads the audit log and each switch's state."""
    wall = FakeClock(WALL_START)
    writer = _switch(submission, _connect(redis_socket), FakeClock(), wall=wall)
    results = []
    for command in toggles:
        results.append(_do(writer, FakeClock(), command))
        wall.now += 60
    reader = _switch(submission, _connect(redis_socket), FakeClock())
    audit = [{k: (None if v is None else str(v)) for k, v in dict(entry).items()} for entry in reader.audit()]
    features = sorted({c.get("feature") for c in toggles}, key=lambda f: f or "")
    return {"results": results, "audit": audit, "states": [_state(reader.state(f)) for f in features]}


def guard_script(submission, redis_socket: str) -> dict:
    """A sync and an async function guarded on "summaries", called with the feature on, then off; a guard with a
    plain value as fallback."""
    clock = FakeClock()
    switch = _switch(submission, _connect(redis_socket), clock)
    calls = []

    def summarise(document, *, words=50):
        calls.append(("sync", document))
        return {"summary": f"summary of {document} in {words} words"}

    async def summarise_async(document):
        calls.append(("async", document))
        return {"summary": f"summary of {document}"}

    def fallback(document, **_):
        return {"summary": None, "notice": f"summaries are paused; {document} is queued for later"}

    sync_guarded = submission.guarded(switch, "summaries", fallback)(summarise)
    async_guarded = submission.guarded(switch, "summaries", fallback)(summarise_async)
    plain_guarded = submission.guarded(switch, "summaries", {"summary": None})(summarise)
    on = [sync_guarded("doc-1", words=30), asyncio.run(async_guarded("doc-2")), plain_guarded("doc-3")]
    switch.disable("summaries", by="oncall@example.com", reason="summaries quote internal ticket ids")
    off = [sync_guarded("doc-4", words=30), asyncio.run(async_guarded("doc-5")), plain_guarded("doc-6")]
    return {"on": on, "off": off, "calls": [list(c) for c in calls], "name": getattr(sync_guarded, "__name__", "")}
