"""Walk the chain from the genesis and report the first seq at which the log is not what it should be.

Contract for `verify_rows(rows, expected_head=None)`. `rows` are (seq, timestamp, actor, action, payload_json,
prev_hash, hash) tuples ordered by seq (an iterator: read them once). Walk them with expected seq 1, 2, ...
and expected prev_hash GENESIS, then each entry's hash. At the FIRST problem return
Verification(ok=False, seq=..., reason=..., detail=<a sentence>, checked=<entries that passed>), checking in
this order for each row:

    1. its seq is not the expected one            -> seq = the expected (missing) seq, reason MISSING
    2. entry_hash(its columns) != its stored hash -> seq = its seq, reason HASH_MISMATCH
    3. its prev_hash != the previous entry's hash -> seq = its seq, reason PREV_HASH_MISMATCH
    4. expected_head = (anchor_seq, anchor_hash) was given, this is entry anchor_seq, and its hash is not
       anchor_hash                                -> seq = anchor_seq, reason HEAD_MISMATCH

After the last row: if an expected_head was given and the log ends before anchor_seq -> seq = last seq + 1,
reason TRUNCATED. Otherwise Verification(ok=True, checked=<all rows>, head=Head(last seq, last hash)).
Entries appended after the anchor are fine: a log may grow.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from audit_trail.canonical import GENESIS, entry_hash  # noqa: F401 - what verify_rows needs

HASH_MISMATCH = "hash_mismatch"            # the row's content no longer matches its own hash: edited
PREV_HASH_MISMATCH = "prev_hash_mismatch"  # the row is intact but does not follow its predecessor
MISSING = "missing"                        # a seq number is absent: a row was deleted
TRUNCATED = "truncated"                    # the log ends before the head the caller anchored
HEAD_MISMATCH = "head_mismatch"            # the anchored head's seq holds a different hash: rewritten


class Head(NamedTuple):
    """The last entry's seq and hash; (0, GENESIS) for an empty log. Keep it outside the database."""

    seq: int
    hash: str


@dataclass(frozen=True)
class Verification:
    ok: bool
    seq: int | None = None       # the first seq that is not what it should be
    reason: str | None = None    # one of the constants above
    detail: str = ""
    checked: int = 0             # rows that passed before the first problem (all of them when ok)
    head: Head = Head(0, GENESIS)

    def __bool__(self) -> bool:
        return self.ok


def verify_rows(rows: Iterable[Sequence], expected_head: Sequence | None = None) -> Verification:
    """See the module docstring."""
    # TODO step 3: one pass over the rows, checks 1-4 in order, then the truncation check.
    raise NotImplementedError("step 3: verify_rows")
