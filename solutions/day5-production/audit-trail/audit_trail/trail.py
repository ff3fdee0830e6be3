### BEGIN STARTER
# """An append-only, hash-chained audit trail in one SQLite file that several threads and processes can share.
#
# Contract:
#
# 1. `AuditTrail(path, *, clock=utc_now, timeout=10.0)` opens (or creates) the file, the `entries` table
#    (SCHEMA, given) and the triggers (TRIGGERS, step 2). `clock()` returns an aware datetime.
# 2. `append(actor, action, payload=None) -> Entry`: payload is a mapping (TypeError otherwise), stored as
#    canonical_json. In ONE `BEGIN IMMEDIATE` transaction: read the last (seq, hash), or (0, GENESIS) for an
#    empty log; seq = last + 1; timestamp = utc_timestamp(clock()); hash = entry_hash(...); INSERT; COMMIT.
#    BEGIN IMMEDIATE takes SQLite's write lock before the read, so two writers (threads with their own
#    connections, or processes) can never both extend the same head. Roll back if anything fails.
# 3. `entries(start=None, end=None) -> list[Entry]` with start <= timestamp < end (given).
# 4. `head() -> Head(seq, hash)` of the last entry; Head(0, GENESIS) when empty.
# 5. `verify(expected_head=None) -> Verification`: verify_rows over all rows ordered by seq (given).
# 6. Triggers: refuse UPDATE and DELETE on `entries` with RAISE(ABORT, ...), and refuse an INSERT whose seq
#    already exists (otherwise INSERT OR REPLACE deletes the old row without firing the DELETE trigger).
# """
### END STARTER
### BEGIN SOLUTION
"""An append-only, hash-chained audit trail in one SQLite file that several threads and processes can share.

Every entry carries the hash of the entry before it, so changing, removing, inserting or reordering any
entry breaks the chain at that point, and `verify()` names the seq. Triggers refuse UPDATE and DELETE as a
first line of defence; verification does not rely on them, because whoever can write the file can drop them.
"""
### END SOLUTION
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

### BEGIN STARTER
# from audit_trail.canonical import GENESIS, canonical_json, entry_hash, utc_timestamp  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from audit_trail.canonical import GENESIS, canonical_json, entry_hash, utc_timestamp
### END SOLUTION
from audit_trail.verify import Head, Verification, verify_rows

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS entries (
        seq       INTEGER PRIMARY KEY,
        timestamp TEXT NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        payload   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS entries_by_time ON entries (timestamp)",
)

### BEGIN STARTER
# # TODO step 2: three CREATE TRIGGER IF NOT EXISTS statements (see point 6 of the contract), e.g.
# #   CREATE TRIGGER IF NOT EXISTS entries_refuse_update BEFORE UPDATE ON entries
# #   BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END
# TRIGGERS: tuple[str, ...] = ()
### END STARTER
### BEGIN SOLUTION
# RAISE(ABORT) undoes the statement. The INSERT trigger closes INSERT OR REPLACE, which would otherwise
# delete the old row without firing the DELETE trigger (SQLite's recursive_triggers is off by default).
TRIGGERS = (
    """CREATE TRIGGER IF NOT EXISTS entries_refuse_update BEFORE UPDATE ON entries
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS entries_refuse_delete BEFORE DELETE ON entries
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused'); END""",
    """CREATE TRIGGER IF NOT EXISTS entries_refuse_replace BEFORE INSERT ON entries
       WHEN EXISTS (SELECT 1 FROM entries WHERE seq = NEW.seq)
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: an entry cannot be replaced'); END""",
)
### END SOLUTION

COLUMNS = "seq, timestamp, actor, action, payload, prev_hash, hash"


@dataclass(frozen=True)
class Entry:
    seq: int
    timestamp: str
    actor: str
    action: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def from_row(cls, row: Sequence) -> Entry:
        seq, timestamp, actor, action, payload_json, prev_hash, digest = row
        try:
            payload = json.loads(payload_json)
        except (TypeError, ValueError):  # a tampered row must not stop a report from being written
            payload = {"unreadable_payload": str(payload_json)}
        return cls(seq, timestamp, actor, action, payload if isinstance(payload, dict) else {"value": payload},
                   prev_hash, digest)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class AuditTrail:
    ### BEGIN STARTER
    # """`AuditTrail("audit.db").append("refund-agent", "decision", {"ticket": "T-1", "decision": "deny"})`."""
    ### END STARTER
    ### BEGIN SOLUTION
    """`AuditTrail("audit.db").append("refund-agent", "decision", {"ticket": "T-1", "decision": "deny"})`.

    One instance may be shared by threads; every process (or thread) may also open its own on the same file.
    """
    ### END SOLUTION

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = utc_now, timeout: float = 10.0):
        self.path = str(path)
        self.clock = clock
        # isolation_level=None: no implicit transactions; append opens its own with BEGIN IMMEDIATE.
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        ### BEGIN STARTER
        # self._lock = threading.Lock()  # one connection shared by this instance's threads
        # with self._lock:
        ### END STARTER
        ### BEGIN SOLUTION
        self._lock = threading.Lock()
        with self._transaction():  # several processes may open a new file at once
        ### END SOLUTION
            for statement in (*SCHEMA, *TRIGGERS):
                self._db.execute(statement)

    def append(self, actor: str, action: str, payload: Mapping[str, Any] | None = None) -> Entry:
        ### BEGIN STARTER
        # """Add one entry at the end of the chain and return it (point 2 of the contract)."""
        # # TODO step 4. The handout stored entries in a dict keyed by a truncated hash, with nothing linking an
        # # entry to the one before it. Under self._lock: BEGIN IMMEDIATE, read the last entry, insert, COMMIT
        # # (ROLLBACK on any exception).
        # raise NotImplementedError("step 4: AuditTrail.append")
        ### END STARTER
        ### BEGIN SOLUTION
        """Add one entry at the end of the chain and return it, as one transaction."""
        if not actor or not action:
            raise ValueError("an entry needs an actor and an action")
        if payload is not None and not isinstance(payload, Mapping):
            raise TypeError(f"the payload must be a mapping, not {type(payload).__name__}")
        payload_json = canonical_json(dict(payload or {}))  # fails before anything is written
        with self._transaction():
            last = self._db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
            # Read the clock inside the write lock, so timestamps never go backwards along the chain.
            timestamp = utc_timestamp(self.clock())
            digest = entry_hash(seq, timestamp, actor, action, payload_json, prev_hash)
            self._db.execute(f"INSERT INTO entries ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (seq, timestamp, actor, action, payload_json, prev_hash, digest))
        return Entry(seq, timestamp, actor, action, dict(payload or {}), prev_hash, digest)
        ### END SOLUTION

    def entries(self, start: datetime | str | None = None, end: datetime | str | None = None) -> list[Entry]:
        """Entries with start <= timestamp < end (either bound may be None), oldest first."""
        where, args = [], []
        if start is not None:
            where.append("timestamp >= ?")
            args.append(as_timestamp(start))
        if end is not None:
            where.append("timestamp < ?")
            args.append(as_timestamp(end))
        sql = f"SELECT {COLUMNS} FROM entries {'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY seq"
        with self._lock:
            return [Entry.from_row(row) for row in self._db.execute(sql, args).fetchall()]

    def head(self) -> Head:
        ### BEGIN STARTER
        # """(seq, hash) of the last entry; Head(0, GENESIS) for an empty log."""
        # # TODO step 4
        # raise NotImplementedError("step 4: AuditTrail.head")
        ### END STARTER
        ### BEGIN SOLUTION
        """(seq, hash) of the last entry. Store it somewhere the log's writers cannot change."""
        with self._lock:
            row = self._db.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return Head(row[0], row[1]) if row else Head(0, GENESIS)
        ### END SOLUTION

    def verify(self, expected_head: Sequence | None = None) -> Verification:
        """Recompute the chain from the genesis; with `expected_head` also catch a truncated or rewritten tail."""
        with self._lock:
            ### BEGIN SOLUTION
            # One read transaction: a consistent snapshot even while other processes append.
            ### END SOLUTION
            self._db.execute("BEGIN")  # one read transaction: a consistent snapshot while others append
            rows = self._db.execute(f"SELECT {COLUMNS} FROM entries ORDER BY seq")
            try:
                ### BEGIN STARTER
                # return verify_rows(rows, expected_head)
                ### END STARTER
                ### BEGIN SOLUTION
                return verify_rows(rows, expected_head)  # streams the rows: no need to hold the log in memory
                ### END SOLUTION
            finally:
                rows.close()
                self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> AuditTrail:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    ### BEGIN SOLUTION
    def _transaction(self):
        return _Immediate(self._db, self._lock)
    ### END SOLUTION
### BEGIN SOLUTION


class _Immediate:
    """BEGIN IMMEDIATE takes SQLite's write lock before the last entry is read, so two writers can never
    both extend the same head: the second waits (up to `timeout`) and then sees the first one's entry."""

    def __init__(self, db: sqlite3.Connection, lock: threading.Lock):
        self.db, self.lock = db, lock

    def __enter__(self) -> None:
        self.lock.acquire()
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.lock.release()
            raise

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.lock.release()

### END SOLUTION

def as_timestamp(value: datetime | str) -> str:
    return utc_timestamp(value) if isinstance(value, datetime) else str(value)
