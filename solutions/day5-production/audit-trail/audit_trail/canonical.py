### BEGIN STARTER
# """One byte-exact serialisation for payloads, timestamps and entry hashes, so anyone can recompute them.
#
# Contract: the entry hash is the FULL SHA-256 (64 lowercase hex characters, never truncated) of
#
#     canonical_json([seq, timestamp, actor, action, payload_json, prev_hash])
#
# encoded as UTF-8, where `payload_json` is the payload text exactly as stored (itself canonical JSON).
# """
### END STARTER
### BEGIN SOLUTION
"""One byte-exact serialisation for payloads, timestamps and entry hashes, so anyone can recompute them.

The entry hash is the full SHA-256 (64 lowercase hex characters) of

    canonical_json([seq, timestamp, actor, action, payload_json, prev_hash])

where `payload_json` is the payload exactly as stored (itself canonical JSON). Hashing the stored text, not
a re-parsed object, means that any change to the stored bytes, even one that means the same JSON, is caught.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import hashlib  # noqa: F401 - for entry_hash
### END STARTER
### BEGIN SOLUTION
import hashlib
### END SOLUTION
import json
from datetime import datetime, timezone
from typing import Any

GENESIS = "0" * 64  # prev_hash of the first entry


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 kept as is; NaN and infinity refused (they are not JSON)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def utc_timestamp(moment: datetime) -> str:
    """`2026-11-28T09:00:00.000000+00:00`: UTC, microseconds, fixed width, so strings sort by time."""
    if moment.tzinfo is None:
        raise ValueError("the clock returned a naive datetime; return an aware one (e.g. datetime.now(timezone.utc))")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def entry_hash(seq: int, timestamp: str, actor: str, action: str, payload_json: str, prev_hash: str) -> str:
    ### BEGIN STARTER
    # """The entry's hash, as in the module docstring."""
    # # TODO step 1: the handout kept hashlib.sha256(...).hexdigest()[:16]; 64 bits can be brute-forced. Keep all 64.
    # raise NotImplementedError("step 1: entry_hash")
    ### END STARTER
    ### BEGIN SOLUTION
    record = canonical_json([seq, timestamp, actor, action, payload_json, prev_hash])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()
    ### END SOLUTION
