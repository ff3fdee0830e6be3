### BEGIN STARTER
# """Budget periods are UTC calendar days and months, named by keys such as "2026-12-31" and "2026-12".
#
# Keep totals per key rather than in counters that something has to remember to reset: the first request of a
# new day or month then simply finds no total under the new key.
# """
### END STARTER
### BEGIN SOLUTION
"""Budget periods are UTC calendar days and months, named by keys such as "2026-12-31" and "2026-12".

Totals are kept per key rather than in counters that something has to remember to reset: the first request
of a new day or month simply finds no total under the new key, whatever the time of that request and
whatever happened before it.
"""
### END SOLUTION
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """`moment` in UTC. A naive datetime is refused: whether it meant local time or UTC cannot be known."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"the clock returned a naive datetime ({moment}); return an aware one, "
                         "such as datetime.now(timezone.utc)")
    return moment.astimezone(timezone.utc)


def day_key(moment: datetime) -> str:
    ### BEGIN STARTER
    # """The UTC calendar day of `moment`: "YYYY-MM-DD" (2026-12-31T20:00-05:00 is "2027-01-01")."""
    # # TODO step 2
    # raise NotImplementedError("step 2: day_key")
    ### END STARTER
    ### BEGIN SOLUTION
    """The UTC calendar day of `moment`: "YYYY-MM-DD"."""
    utc = as_utc(moment)
    return f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}"
    ### END SOLUTION


def month_key(moment: datetime) -> str:
    """The UTC calendar month of `moment`: "YYYY-MM"."""
    ### BEGIN STARTER
    # # TODO step 2
    # raise NotImplementedError("step 2: month_key")
    ### END STARTER
    ### BEGIN SOLUTION
    utc = as_utc(moment)
    return f"{utc.year:04d}-{utc.month:02d}"
    ### END SOLUTION
