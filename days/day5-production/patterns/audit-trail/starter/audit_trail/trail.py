"""An append-only, hash-chained audit trail in one SQLite file that several threads and processes can share.

Contract:

1. `AuditTrail(path, *, clock=utc_now, timeout=10.0)` opens (or creates) the file, the `entries` table
   (SCHEMA, given) and the triggers (TRIGGERS, step 2). `clock()` returns an aware datetime.
2. `append(actor, action, payload=None) -> Entry`: payload is a mapping (TypeError otherwise), stored as
   canonical_json. In ONE `BEGIN IMMEDIATE` transaction: read the last (seq, hash), or (0, GENESIS) for an
   empty log; seq = last + 1; timestamp = utc_timestamp(clock()); hash = entry_hash(...); INSERT; COMMIT.
   BEGIN IMMEDIATE takes SQLite's write lock before the read, so two writers (threads with their own
   connections, or processes) can never both extend the same head. Roll back if anything fails.
3. `entries(start=None, end=None) -> list[Entry]` with start <= timestamp < end (given).
4. `head() -> Head(seq, hash)` of the last entry; Head(0, GENESIS) when empty.
5. `verify(expected_head=None) -> Verification`: verify_rows over all rows ordered by seq (given).
6. Triggers: refuse UPDATE and DELETE on `entries` with RAISE(ABORT, ...), and refuse an INSERT whose seq
   already exists (otherwise INSERT OR REPLACE deletes the old row without firing the DELETE trigger).
"""
from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from audit_trail.canonical import GENESIS, canonical_json, entry_hash, utc_timestamp  # noqa: F401
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

# TODO step 2: three CREATE TRIGGER IF NOT EXISTS statements (see point 6 of the contract), e.g.
#   CREATE TRIGGER IF NOT EXISTS entries_refuse_update BEFORE UPDATE ON entries
#   BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END
TRIGGERS: tuple[str, ...] = ()

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
    """`AuditTrail("audit.db").append("refund-agent", "decision", {"ticket": "T-1", "decision": "deny"})`."""

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = utc_now, timeout: float = 10.0):
        self.path = str(path)
        self.clock = clock
        # isolation_level=None: no implicit transactions; append opens its own with BEGIN IMMEDIATE.
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self._lock = threading.Lock()  # one connection shared by this instance's threads
        with self._lock:
            for statement in (*SCHEMA, *TRIGGERS):
                self._db.execute(statement)

    def append(self, actor: str, action: str, payload: Mapping[str, Any] | None = None) -> Entry:
        """Add one entry at the end of the chain and return it (point 2 of the contract)."""
        # TODO step 4. The handout stored entries in a dict keyed by a truncated hash, with nothing linking an
        # entry to the one before it. Under self._lock: BEGIN IMMEDIATE, read the last entry, insert, COMMIT
        # (ROLLBACK on any exception).
        raise NotImplementedError("step 4: AuditTrail.append")

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
        """(seq, hash) of the last entry; Head(0, GENESIS) for an empty log."""
        # TODO step 4
        raise NotImplementedError("step 4: AuditTrail.head")

    def verify(self, expected_head: Sequence | None = None) -> Verification:
        """Recompute the chain from the genesis; with `expected_head` also catch a truncated or rewritten tail."""
        with self._lock:
            self._db.execute("BEGIN")  # one read transaction: a consistent snapshot while others append
            rows = self._db.execute(f"SELECT {COLUMNS} FROM entries ORDER BY seq")
            try:
                return verify_rows(rows, expected_head)
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


def as_timestamp(value: datetime | str) -> str:
    return utc_timestamp(value) if isinstance(value, datetime) else str(value)
