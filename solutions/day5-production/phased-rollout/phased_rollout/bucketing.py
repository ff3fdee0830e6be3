### BEGIN STARTER
# """Which users get the new variant: a stable hash of feature and user, compared with the rollout percentage.
#
# Python's built-in `hash()` of a string is salted with a random seed per process (PYTHONHASHSEED): it gives a
# different number after every restart and in every worker process, so it cannot decide who gets what.
# """
### END STARTER
### BEGIN SOLUTION
"""Which users get the new variant: a stable hash of feature and user, compared with the rollout percentage.

Python's built-in `hash()` of a string is salted with a random seed per process (PYTHONHASHSEED), so it gives
a different number after every restart and in every worker process. SHA-256 gives the same number everywhere,
for ever. Hashing the feature with the user makes each feature's rollout independent of every other's.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import hashlib  # noqa: F401 - sha256 gives the same digest in every process
### END STARTER
### BEGIN SOLUTION
import hashlib
### END SOLUTION

BUCKETS = 10_000  # one bucket per basis point (0.01%), so percentages like 0.5% work


def bucket(feature: str, user_id: str) -> int:
    ### BEGIN STARTER
    # """The user's bucket for this feature, 0 to BUCKETS - 1, the same in every process and after every restart.
    # Hash the feature together with the user, so that each feature's rollout picks its own users:
    # int.from_bytes(sha256(f"{feature}:{user_id}").digest()[:8], "big") % BUCKETS."""
    # # TODO step 1
    # raise NotImplementedError("step 1: bucket")
    ### END STARTER
    ### BEGIN SOLUTION
    """The user's bucket for this feature, 0 to BUCKETS - 1, the same in every process."""
    digest = hashlib.sha256(f"{feature}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS
    ### END SOLUTION


def in_rollout(feature: str, user_id: str, percent: float) -> bool:
    ### BEGIN STARTER
    # """True if the user gets the feature at `percent` (0 to 100): the bucket is below the percentage in basis
    # points. A user who is in at p% must be in at every higher percentage."""
    # # TODO step 1
    # raise NotImplementedError("step 1: in_rollout")
    ### END STARTER
    ### BEGIN SOLUTION
    """True if the user gets the feature at this percentage. A user in at p% is in at every higher percentage,
    because the bucket never changes and only the threshold moves."""
    return bucket(feature, user_id) < round(percent * BUCKETS / 100)
    ### END SOLUTION
