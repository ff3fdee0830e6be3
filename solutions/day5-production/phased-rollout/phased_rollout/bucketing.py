"""Which users get the new variant: a stable hash of feature and user, compared with the rollout percentage.

Python's built-in `hash()` of a string is salted with a random seed per process (PYTHONHASHSEED), so it gives
a different number after every restart and in every worker process. SHA-256 gives the same number everywhere,
for ever. Hashing the feature with the user makes each feature's rollout independent of every other's.
"""
from __future__ import annotations

import hashlib

BUCKETS = 10_000  # one bucket per basis point (0.01%), so percentages like 0.5% work


def bucket(feature: str, user_id: str) -> int:
    """The user's bucket for this feature, 0 to BUCKETS - 1, the same in every process."""
    digest = hashlib.sha256(f"{feature}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def in_rollout(feature: str, user_id: str, percent: float) -> bool:
    """True if the user gets the feature at this percentage. A user in at p% is in at every higher percentage,
    because the bucket never changes and only the threshold moves."""
    return bucket(feature, user_id) < round(percent * BUCKETS / 100)
