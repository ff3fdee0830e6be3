"""Which users get the new variant: a stable hash of feature and user, compared with the rollout percentage.

Python's built-in `hash()` of a string is salted with a random seed per process (PYTHONHASHSEED): it gives a
different number after every restart and in every worker process, so it cannot decide who gets what.
"""
from __future__ import annotations

import hashlib  # noqa: F401 - sha256 gives the same digest in every process

BUCKETS = 10_000  # one bucket per basis point (0.01%), so percentages like 0.5% work


def bucket(feature: str, user_id: str) -> int:
    """The user's bucket for this feature, 0 to BUCKETS - 1, the same in every process and after every restart.
    Hash the feature together with the user, so that each feature's rollout picks its own users:
    int.from_bytes(sha256(f"{feature}:{user_id}").digest()[:8], "big") % BUCKETS."""
    # TODO step 1
    raise NotImplementedError("step 1: bucket")


def in_rollout(feature: str, user_id: str, percent: float) -> bool:
    """True if the user gets the feature at `percent` (0 to 100): the bucket is below the percentage in basis
    points. A user who is in at p% must be in at every higher percentage."""
    # TODO step 1
    raise NotImplementedError("step 1: in_rollout")
