### BEGIN STARTER
# """Is the new variant healthy? Error rate and p95 latency over the most recent requests, new against control."""
### END STARTER
### BEGIN SOLUTION
"""Is the new variant healthy? Error rate and p95 latency over the most recent requests, new against control.

Comparing with the control group, measured over the same minutes, separates "the new variant is worse" from
"the provider is having a bad afternoon for everyone". No decision is made on too few requests either way.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import math  # noqa: F401 - math.ceil for the nearest-rank percentile
# from collections import deque  # noqa: F401 - deque(maxlen=size) is a sliding window
### END STARTER
### BEGIN SOLUTION
import math
from collections import deque
### END SOLUTION
from dataclasses import dataclass, field


class SlidingWindow:
    ### BEGIN STARTER
    # """The outcomes (ok, latency in ms) of the last `size` requests: old ones fall out as new ones arrive."""
    ### END STARTER
    ### BEGIN SOLUTION
    """The outcomes of the last `size` requests: old ones fall out as new ones arrive, nothing is ever reset."""
    ### END SOLUTION

    def __init__(self, size: int = 500):
        if size < 1:
            raise ValueError("a window holds at least one request")
        ### BEGIN STARTER
        # # TODO step 2: keep the samples in a deque(maxlen=size)
        ### END STARTER
        ### BEGIN SOLUTION
        self._samples: deque[tuple[bool, float]] = deque(maxlen=size)
        ### END SOLUTION

    def add(self, ok: bool, latency_ms: float) -> None:
        ### BEGIN STARTER
        # # TODO step 2
        # raise NotImplementedError("step 2: SlidingWindow.add")
        ### END STARTER
        ### BEGIN SOLUTION
        self._samples.append((bool(ok), float(latency_ms)))
        ### END SOLUTION

    def clear(self) -> None:
        ### BEGIN STARTER
        # # TODO step 2
        # raise NotImplementedError("step 2: SlidingWindow.clear")
        ### END STARTER
        ### BEGIN SOLUTION
        self._samples.clear()
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN STARTER
        # # TODO step 2
        # raise NotImplementedError("step 2: SlidingWindow.__len__")
        ### END STARTER
        ### BEGIN SOLUTION
        return len(self._samples)
        ### END SOLUTION

    def error_rate(self) -> float:
        ### BEGIN STARTER
        # """Failed requests / requests in the window; 0.0 when empty."""
        # # TODO step 2
        # raise NotImplementedError("step 2: SlidingWindow.error_rate")
        ### END STARTER
        ### BEGIN SOLUTION
        return sum(1 for ok, _ in self._samples if not ok) / len(self._samples) if self._samples else 0.0
        ### END SOLUTION

    def p95_ms(self) -> float:
        ### BEGIN STARTER
        # """95th percentile latency, nearest rank: sorted latencies[ceil(0.95 * n) - 1]; 0.0 when empty."""
        # # TODO step 2
        # raise NotImplementedError("step 2: SlidingWindow.p95_ms")
        ### END STARTER
        ### BEGIN SOLUTION
        """95th percentile latency (nearest rank); 0.0 when empty."""
        if not self._samples:
            return 0.0
        latencies = sorted(latency for _, latency in self._samples)
        return latencies[max(0, math.ceil(0.95 * len(latencies)) - 1)]
        ### END SOLUTION

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
    ### BEGIN STARTER
    # """"insufficient_data" while either group has fewer than policy.min_samples requests. Otherwise
    # "unhealthy" with one reason per failed rule (name the error rate, or the p95 latency, in the reason), or
    # "healthy". The rules: new error rate > control error rate + max_error_rate_increase; new p95 > control p95 *
    # max_latency_ratio. Fill `new` and `control` with each window's summary()."""
    # # TODO step 3
    # raise NotImplementedError("step 3: assess")
    ### END STARTER
    ### BEGIN SOLUTION
    stats = {"new": new.summary(), "control": control.summary()}
    if len(new) < policy.min_samples or len(control) < policy.min_samples:
        return HealthReport("insufficient_data", [f"need {policy.min_samples} requests in each group; have "
                                                  f"{len(new)} new and {len(control)} control"], **stats)
    reasons = []
    if new.error_rate() > control.error_rate() + policy.max_error_rate_increase:
        reasons.append(f"error rate {new.error_rate():.1%} against {control.error_rate():.1%} in control")
    if new.p95_ms() > control.p95_ms() * policy.max_latency_ratio:
        reasons.append(f"p95 latency {new.p95_ms():.0f} ms against {control.p95_ms():.0f} ms in control")
    return HealthReport("unhealthy" if reasons else "healthy", reasons, **stats)
    ### END SOLUTION
