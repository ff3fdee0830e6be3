### BEGIN STARTER
# """Walk the chain from the genesis and report the first seq at which the log is not what it should be.
#
# Contract for `verify_rows(rows, expected_head=None)`. `rows` are (seq, timestamp, actor, action, payload_json,
# prev_hash, hash) tuples ordered by seq (an iterator: read them once). Walk them with expected seq 1, 2, ...
# and expected prev_hash GENESIS, then each entry's hash. At the FIRST problem return
# Verification(ok=False, seq=..., reason=..., detail=<a sentence>, checked=<entries that passed>), checking in
# this order for each row:
#
#     1. its seq is not the expected one            -> seq = the expected (missing) seq, reason MISSING
#     2. entry_hash(its columns) != its stored hash -> seq = its seq, reason HASH_MISMATCH
#     3. its prev_hash != the previous entry's hash -> seq = its seq, reason PREV_HASH_MISMATCH
#     4. expected_head = (anchor_seq, anchor_hash) was given, this is entry anchor_seq, and its hash is not
#        anchor_hash                                -> seq = anchor_seq, reason HEAD_MISMATCH
#
# After the last row: if an expected_head was given and the log ends before anchor_seq -> seq = last seq + 1,
# reason TRUNCATED. Otherwise Verification(ok=True, checked=<all rows>, head=Head(last seq, last hash)).
# Entries appended after the anchor are fine: a log may grow.
# """
### END STARTER
### BEGIN SOLUTION
"""Walk the chain from the genesis and report the first seq at which the log is not what it should be."""
### END SOLUTION
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

### BEGIN STARTER
# from audit_trail.canonical import GENESIS, entry_hash  # noqa: F401 - what verify_rows needs
### END STARTER
### BEGIN SOLUTION
from audit_trail.canonical import GENESIS, entry_hash
### END SOLUTION

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
    ### BEGIN STARTER
    # """See the module docstring."""
    # # TODO step 3: one pass over the rows, checks 1-4 in order, then the truncation check.
    # raise NotImplementedError("step 3: verify_rows")
    ### END STARTER
    ### BEGIN SOLUTION
    """`rows`: (seq, timestamp, actor, action, payload_json, prev_hash, hash), ordered by seq, read once."""
    anchor_seq, anchor_hash = (int(expected_head[0]), str(expected_head[1])) if expected_head else (0, GENESIS)
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    for seq, timestamp, actor, action, payload_json, stored_prev, stored_hash in rows:
        if seq != expected_seq:
            return _broken(expected_seq, MISSING, f"entry {expected_seq} is missing (the next entry is {seq})",
                           checked, prev_hash)
        if entry_hash(seq, timestamp, actor, action, payload_json, stored_prev) != stored_hash:
            return _broken(seq, HASH_MISMATCH, f"entry {seq} does not match its hash: its content was changed",
                           checked, prev_hash)
        if stored_prev != prev_hash:
            return _broken(seq, PREV_HASH_MISMATCH, f"entry {seq} does not follow entry {seq - 1}: an entry "
                           "before it was removed, inserted, reordered or rewritten", checked, prev_hash)
        if seq == anchor_seq and stored_hash != anchor_hash:
            return _broken(seq, HEAD_MISMATCH, f"entry {seq} is not the entry that was anchored: the log was "
                           "rewritten up to there", checked, prev_hash)
        expected_seq, prev_hash, checked = seq + 1, stored_hash, checked + 1
    if checked < anchor_seq:
        return _broken(checked + 1, TRUNCATED, f"the log ends at entry {checked}, but the anchored head is entry "
                       f"{anchor_seq}: entries {checked + 1}-{anchor_seq} are gone", checked, prev_hash)
    return Verification(ok=True, checked=checked, head=Head(checked, prev_hash))
    ### END SOLUTION
### BEGIN SOLUTION


def _broken(seq: int, reason: str, detail: str, checked: int, prev_hash: str) -> Verification:
    return Verification(ok=False, seq=seq, reason=reason, detail=detail, checked=checked,
                        head=Head(checked, prev_hash))
### END SOLUTION
