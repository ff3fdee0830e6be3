"""What one request may spend, given a hard per-request cap and the money left today and this month."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    per_request_cap: float     # US dollars, never exceeded by one request
    remaining_daily: float     # US dollars left today
    remaining_monthly: float   # US dollars left this month
    max_share: float = 0.1     # one request may take at most this fraction of what remains

    def __post_init__(self):
        if not 0 < self.max_share <= 1:
            raise ValueError(f"max_share must be in (0, 1], got {self.max_share}")

    def request_limit(self) -> float:
        """The most one request may cost now: the cap, or max_share of the smaller remainder, whichever is lower.

        Taking a share of what is left, not all of it, is what makes the choice step down gradually as the
        money runs out instead of spending the last dollars on one expensive call. Never negative."""
        ### BEGIN STARTER
        # # TODO step 2
        # raise NotImplementedError("step 2: Budget.request_limit")
        ### END STARTER
        ### BEGIN SOLUTION
        remaining = min(self.remaining_daily, self.remaining_monthly)
        return max(0.0, min(self.per_request_cap, self.max_share * remaining))
        ### END SOLUTION
