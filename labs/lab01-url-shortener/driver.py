"""What the graders call, in the submission's process: serve the student's `shortener` app on the unix socket the
test names until the test stops it, and hand back plain data only.

The tests, in the grading process, send the app HTTP requests (many at once, for the races) and judge the answers
they receive. The app's model calls for /suggest-alias are answered from the test's scenario by the grader's
broker, which also records them. Nothing returned here is evidence of what the app did.
"""
from __future__ import annotations

import threading
import time

import agentkit
from autograder import local_service

GATHER_S = 0.5  # how long a gathered alias waits for the other requests of its race
LOOK_UP_S = 0.02  # every SQLite SELECT takes this long at least, so a look-up-then-insert race really overlaps
RACE_LOOK_UP_S = 0.2  # ... and this long while two or more requests are in flight (a busy machine's threads can
                      # start 20 ms apart; 200 ms keeps a racing pair's look-ups overlapping however loaded it is)


class InFlight:
    """The number of HTTP requests the app is serving right now (an ASGI wrapper counts them)."""
    count = 0
    lock = threading.Lock()

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        with InFlight.lock:
            InFlight.count += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            with InFlight.lock:
                InFlight.count -= 1


def widen_races() -> None:
    """Make each SQLite SELECT of the app take LOOK_UP_S longer, RACE_LOOK_UP_S while requests overlap
    (sqlite3.connect hands out connections whose look-ups wait first). A store that looks an alias up and then inserts it, without a UNIQUE constraint to settle
    the race, then lets two creates at once both take the alias, on every run instead of once in a while. Correct
    stores only get slower. A connection factory the app passes itself is left alone."""
    import sqlite3

    if getattr(sqlite3.connect, "widened", False):
        return

    def slow(sql) -> None:
        if isinstance(sql, str) and sql.lstrip()[:6].upper() == "SELECT":
            time.sleep(RACE_LOOK_UP_S if InFlight.count > 1 else LOOK_UP_S)

    class Cursor(sqlite3.Cursor):
        def execute(self, sql, *args, **kwargs):
            slow(sql)
            return super().execute(sql, *args, **kwargs)

    class Connection(sqlite3.Connection):
        def cursor(self, factory=Cursor):
            return super().cursor(factory)

        def execute(self, sql, *args, **kwargs):
            slow(sql)
            return super().execute(sql, *args, **kwargs)

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
    local_service.serve(InFlight(app), socket)
    return {"serving": True}


def settle(submission, timeout: float = 10.0) -> dict:
    return {"idle": True}  # the app does no background work


def stop(submission) -> dict:
    local_service.stop_all()
    return {"stopped": time.time()}
