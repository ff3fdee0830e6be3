### BEGIN STARTER
# """Decide the service level from a sliding window of the last N outcomes, with hysteresis.
#
# Contract (the tests check exactly this):
#
# 1. `Degrader(window=None, *, window_size=20, min_samples=10, slow_s=5.0, reduce_at=0.25, restore_at=0.10,
#    minimal_at=0.50, minimal_exit=0.25)`; with no `window`, use `MemoryWindow(window_size)`.
# 2. `record(ok, latency_s)` adds one model call's outcome to the window and returns the new level;
#    `level` is the current level (Level.FULL to begin with).
# 3. After each record, decide from the outcomes in the window (at most window_size, the latest ones).
#    n = outcomes in the window; error rate = failed calls / n; bad rate = (failed calls + successful calls
#    slower than slow_s) / n. Then, in this order:
#      n < min_samples                                        -> keep the current level
#      error rate >= minimal_at                               -> MINIMAL
#      current is MINIMAL and error rate > minimal_exit       -> MINIMAL
#      bad rate >= reduce_at                                  -> REDUCED
#      current is not FULL and bad rate > restore_at          -> REDUCED
#      otherwise                                              -> FULL
# 4. Never reset anything: old outcomes leave the window only when new ones push them out.
# """
### END STARTER
### BEGIN SOLUTION
"""Decide the service level from a sliding window of the last N outcomes, with hysteresis.

Rates are over the outcomes in the window (at most `window_size`, the most recent ones):

* bad rate: failed calls plus successful calls slower than `slow_s`;
* error rate: failed calls only.

Going down is quick, coming back needs clearly better numbers (hysteresis):

    error rate >= minimal_at (0.50)                      -> MINIMAL
    at MINIMAL, and error rate > minimal_exit (0.25)     -> stay MINIMAL
    bad rate >= reduce_at (0.25)                         -> REDUCED
    at REDUCED or MINIMAL, and bad rate > restore_at (0.10) -> REDUCED
    otherwise                                            -> FULL

With fewer than `min_samples` outcomes the level does not change (ten requests are too few to judge).

Nothing is ever reset: each new outcome pushes the oldest one out, so the level follows the last
`window_size` requests, and recovery happens as good requests push the bad ones out.
"""
### END SOLUTION
from __future__ import annotations

from degradation.levels import Level, Outcome
from degradation.window import MemoryWindow


class Degrader:
    """`Degrader().record(ok, latency_s)` after every model call; `Degrader().level` before the next one."""

    def __init__(self, window=None, *, window_size: int = 20, min_samples: int = 10, slow_s: float = 5.0,
                 reduce_at: float = 0.25, restore_at: float = 0.10, minimal_at: float = 0.50,
                 minimal_exit: float = 0.25):
        ### BEGIN SOLUTION
        if not restore_at < reduce_at <= 1 or not minimal_exit < minimal_at <= 1:
            raise ValueError("hysteresis needs restore_at < reduce_at and minimal_exit < minimal_at")
        ### END SOLUTION
        self.window = window if window is not None else MemoryWindow(window_size)
        self.min_samples = min_samples
        self.slow_s = slow_s
        self.reduce_at, self.restore_at = reduce_at, restore_at
        self.minimal_at, self.minimal_exit = minimal_at, minimal_exit

    @property
    def level(self) -> Level:
        ### BEGIN STARTER
        # # TODO step 2: ask the window.
        # raise NotImplementedError("step 2: Degrader.level")
        ### END STARTER
        ### BEGIN SOLUTION
        return self.window.current()
        ### END SOLUTION

    def record(self, ok: bool, latency_s: float) -> Level:
        ### BEGIN STARTER
        # # TODO step 2: self.window.update(Outcome(ok, latency_s), self.decide)
        # raise NotImplementedError("step 2: Degrader.record")
        ### END STARTER
        ### BEGIN SOLUTION
        """Add one call's outcome to the window and return the level for the next call."""
        return self.window.update(Outcome(bool(ok), float(latency_s)), self.decide)
        ### END SOLUTION

    def decide(self, current: Level, outcomes: list[Outcome]) -> Level:
        ### BEGIN STARTER
        # """The level after `outcomes` (oldest first), starting from `current`. Touches no state."""
        # # TODO step 3: the table in the module docstring.
        # raise NotImplementedError("step 3: Degrader.decide")
        ### END STARTER
        ### BEGIN SOLUTION
        """The level after `outcomes` (oldest first), starting from `current`. Pure: no state is touched."""
        n = len(outcomes)
        if n < self.min_samples:
            return current
        # Division, not `rate * n`: when k / n equals a threshold exactly (2 / 20 and 0.10), both round to the
        # same float, whereas 0.1 * 30 is 3.0000000000000004 and would move the boundary.
        errors = sum(1 for o in outcomes if not o.ok) / n
        bad = sum(1 for o in outcomes if not o.ok or o.latency_s > self.slow_s) / n
        if errors >= self.minimal_at:
            return Level.MINIMAL
        if current is Level.MINIMAL and errors > self.minimal_exit:
            return Level.MINIMAL
        if bad >= self.reduce_at:
            return Level.REDUCED
        if current is not Level.FULL and bad > self.restore_at:
            return Level.REDUCED
        return Level.FULL
        ### END SOLUTION
