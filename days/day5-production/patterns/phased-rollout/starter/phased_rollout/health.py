"""Is the new variant healthy? Error rate and p95 latency over the most recent requests, new against control."""
from __future__ import annotations

import math  # noqa: F401 - math.ceil for the nearest-rank percentile
from collections import deque  # noqa: F401 - deque(maxlen=size) is a sliding window
from dataclasses import dataclass, field


class SlidingWindow:
    """The outcomes (ok, latency in ms) of the last `size` requests: old ones fall out as new ones arrive."""

    def __init__(self, size: int = 500):
        if size < 1:
            raise ValueError("a window holds at least one request")
        # TODO step 2: keep the samples in a deque(maxlen=size)

    def add(self, ok: bool, latency_ms: float) -> None:
        # TODO step 2
        raise NotImplementedError("step 2: SlidingWindow.add")

    def clear(self) -> None:
        # TODO step 2
        raise NotImplementedError("step 2: SlidingWindow.clear")

    def __len__(self) -> int:
        # TODO step 2
        raise NotImplementedError("step 2: SlidingWindow.__len__")

    def error_rate(self) -> float:
        """Failed requests / requests in the window; 0.0 when empty."""
        # TODO step 2
        raise NotImplementedError("step 2: SlidingWindow.error_rate")

    def p95_ms(self) -> float:
        """95th percentile latency, nearest rank: sorted latencies[ceil(0.95 * n) - 1]; 0.0 when empty."""
        # TODO step 2
        raise NotImplementedError("step 2: SlidingWindow.p95_ms")

    def summary(self) -> dict:
        return {"requests": len(self), "error_rate": round(self.error_rate(), 4), "p95_ms": round(self.p95_ms(), 1)}


@dataclass(frozen=True)
class HealthPolicy:
    min_samples: int = 200                 # requests needed in EACH group before any verdict
    max_error_rate_increase: float = 0.02  # new may fail at most 2 percentage points more often than control
    max_latency_ratio: float = 1.5         # new p95 may be at most 1.5 times control's


@dataclass(frozen=True)
class HealthReport:
    verdict: str                # "healthy", "unhealthy" or "insufficient_data"
    reasons: list[str] = field(default_factory=list)
    new: dict = field(default_factory=dict)
    control: dict = field(default_factory=dict)

    @property
    def healthy(self) -> bool:
        return self.verdict == "healthy"


def assess(new: SlidingWindow, control: SlidingWindow, policy: HealthPolicy) -> HealthReport:
    """"insufficient_data" while either group has fewer than policy.min_samples requests. Otherwise
    "unhealthy" with one reason per failed rule (name the error rate, or the p95 latency, in the reason), or
    "healthy". The rules: new error rate > control error rate + max_error_rate_increase; new p95 > control p95 *
    max_latency_ratio. Fill `new` and `control` with each window's summary()."""
    # TODO step 3
    raise NotImplementedError("step 3: assess")
