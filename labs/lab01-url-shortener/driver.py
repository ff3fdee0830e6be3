"""What the graders call, in the submission's process: serve the student's `shortener` app on the unix socket the
test names until the test stops it, and hand back plain data only.

The tests, in the grading process, send the app HTTP requests (many at once, for the races: see Together) and judge the answers
they receive. The app's model calls for /suggest-alias are answered from the test's scenario by the grader's
broker, which also records them. Nothing returned here is evidence of what the app did.
"""
from __future__ import annotations

import asyncio
import threading
import time

import agentkit
from autograder import local_service

GATHER_S = 0.5   # how long a gathered alias waits for the other requests of its race
ARRIVE_S = 3.0   # how long requests sent together wait at the door for the rest of their group
MEET_S = 0.25    # how long a look-up made during a race waits for another look-up to meet it


class Together:
    """An ASGI wrapper that makes the tests' races happen on every run, however loaded the machine is.

    Requests the tests send at once carry `x-course-together: GROUP N`; each waits at the door until all N of its
    group have arrived (at most ARRIVE_S), and then they go in together. While two or more of them are being
    served, every SQLite SELECT of the app meets another one before it runs and again after (MEET_S at most), so
    two look-ups always read the table before either request writes. A store that looks an alias up and then
    inserts it, with no UNIQUE constraint to settle the race, then gives two requests the same alias every time,
    and a click counter that reads, adds and writes back loses a click. Correct stores only get a little slower."""

    serving = 0

    def __init__(self, app):
        self.app = app
        self.groups: dict[str, list] = {}  # group -> [requests arrived, asyncio.Event set when all have]

    async def __call__(self, scope, receive, send):
        group = dict(scope.get("headers") or ()).get(local_service.TOGETHER_HEADER.encode()) if scope["type"] == "http" else None
        if group is None:
            return await self.app(scope, receive, send)
        await self._all_arrived(group.decode("latin-1"))
        with LookUps.lock:
            Together.serving += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            with LookUps.lock:
                Together.serving -= 1

    async def _all_arrived(self, group: str) -> None:
        name, _, size = group.partition(" ")
        arrived = self.groups.setdefault(name, [0, asyncio.Event()])
        arrived[0] += 1
        if arrived[0] >= int(size or 0):
            arrived[1].set()
        try:
            await asyncio.wait_for(arrived[1].wait(), ARRIVE_S)
        except asyncio.TimeoutError:
            pass


class LookUps:
    """Where the app's SELECTs meet during a race: each waits (MEET_S at most) until another arrives."""
    lock = threading.Lock()
    met = threading.Condition(lock)
    waiting = 0
    meetings = 0

    @classmethod
    def meet(cls) -> None:
        with cls.met:
            if Together.serving < 2:
                return
            meeting = cls.meetings
            cls.waiting += 1
            if cls.waiting >= 2:
                cls.waiting, cls.meetings = 0, cls.meetings + 1
                cls.met.notify_all()
                return
            if not cls.met.wait_for(lambda: cls.meetings != meeting, MEET_S):
                cls.waiting -= 1


def widen_races() -> None:
    """Make the app's SQLite SELECTs meet during a race (sqlite3.connect hands out connections whose look-ups
    wait for a partner while requests sent together are served). A connection factory the app passes itself is
    left alone."""
    import sqlite3

    if getattr(sqlite3.connect, "widened", False):
        return

    def looked_up(sql, run):
        if not (isinstance(sql, str) and sql.lstrip()[:6].upper() == "SELECT"):
            return run()
        LookUps.meet()
        try:
            return run()
        finally:
            LookUps.meet()

    class Cursor(sqlite3.Cursor):
        def execute(self, sql, *args, **kwargs):
            return looked_up(sql, lambda: super(Cursor, self).execute(sql, *args, **kwargs))

    class Connection(sqlite3.Connection):
        def cursor(self, factory=Cursor):
            return super().cursor(factory)

        def execute(self, sql, *args, **kwargs):
            return looked_up(sql, lambda: super(Connection, self).execute(sql, *args, **kwargs))

    connect = sqlite3.connect

    def widened(*args, **kwargs):
        kwargs.setdefault("factory", Connection)
        return connect(*args, **kwargs)

    widened.widened = True
    sqlite3.connect = widened


class ScriptedAliases:
    """`new_alias` for create_app: the given aliases in order, then fresh ones ("auto-1", "auto-2", ...).
    The first `gather` calls each wait (at most GATHER_S) until all `gather` have been made, so that creates
    sent at once hold their candidate alias at the same moment: the race the UNIQUE constraint must settle.
    Code that serialises its creates only waits a little longer; it is not wrong."""

    def __init__(self, aliases: list[str], gather: int = 0):
        self.aliases, self.gather = list(aliases), gather
        self.calls = 0
        self.lock = threading.Lock()
        self.all_arrived = threading.Event()

    def __call__(self) -> str:
        with self.lock:
            self.calls += 1
            number = self.calls
            alias = self.aliases[number - 1] if number <= len(self.aliases) else f"auto-{number - len(self.aliases)}"
            if number >= self.gather:
                self.all_arrived.set()
        if number <= self.gather:
            self.all_arrived.wait(GATHER_S)
        return alias


def start(submission, socket: str, provider: str, database: str, public_host: str = "sho.rt",
          blocklist: list | None = None, deadline_s: float | None = None, max_tokens: int | None = None,
          aliases: list | None = None, gather: int = 0) -> dict:
    """One app on `socket` over the SQLite file `database`; aliases, if given, script its generated aliases."""
    options = {"database": database, "public_host": public_host, "blocklist": tuple(blocklist or ())}
    if deadline_s is not None:
        options["suggest_deadline_s"] = deadline_s
    if max_tokens is not None:
        options["suggest_max_tokens"] = max_tokens
    widen_races()
    settings = submission.Settings(**options)
    extra = {"new_alias": ScriptedAliases(aliases, gather)} if aliases is not None else {}
    app = submission.create_app(settings, agentkit.Client(provider), **extra)
    local_service.serve(Together(app), socket)
    return {"serving": True}


def settle(submission, timeout: float = 10.0) -> dict:
    return {"idle": True}  # the app does no background work


def stop(submission) -> dict:
    local_service.stop_all()
    return {"stopped": time.time()}
