"""Decide the service level from a sliding window of the last N outcomes, with hysteresis.

Contract (the tests check exactly this):

1. `Degrader(window=None, *, window_size=20, min_samples=10, slow_s=5.0, reduce_at=0.25, restore_at=0.10,
   minimal_at=0.50, minimal_exit=0.25)`; with no `window`, use `MemoryWindow(window_size)`.
2. `record(ok, latency_s)` adds one model call's outcome to the window and returns the new level;
   `level` is the current level (Level.FULL to begin with).
3. After each record, decide from the outcomes in the window (at most window_size, the latest ones).
   n = outcomes in the window; error rate = failed calls / n; bad rate = (failed calls + successful calls
   slower than slow_s) / n. Then, in this order:
     n < min_samples                                        -> keep the current level
     error rate >= minimal_at                               -> MINIMAL
     current is MINIMAL and error rate > minimal_exit       -> MINIMAL
     bad rate >= reduce_at                                  -> REDUCED
     current is not FULL and bad rate > restore_at          -> REDUCED
     otherwise                                              -> FULL
4. Never reset anything: old outcomes leave the window only when new ones push them out.
"""
from __future__ import annotations

from degradation.levels import Level, Outcome
from degradation.window import MemoryWindow


class Degrader:
    """`Degrader().record(ok, latency_s)` after every model call; `Degrader().level` before the next one."""

    def __init__(self, window=None, *, window_size: int = 20, min_samples: int = 10, slow_s: float = 5.0,
                 reduce_at: float = 0.25, restore_at: float = 0.10, minimal_at: float = 0.50,
                 minimal_exit: float = 0.25):
        self.window = window if window is not None else MemoryWindow(window_size)
        self.min_samples = min_samples
        self.slow_s = slow_s
        self.reduce_at, self.restore_at = reduce_at, restore_at
        self.minimal_at, self.minimal_exit = minimal_at, minimal_exit

    @property
    def level(self) -> Level:
        # TODO step 2: ask the window.
        raise NotImplementedError("step 2: Degrader.level")

    def record(self, ok: bool, latency_s: float) -> Level:
        # TODO step 2: self.window.update(Outcome(ok, latency_s), self.decide)
        raise NotImplementedError("step 2: Degrader.record")

    def decide(self, current: Level, outcomes: list[Outcome]) -> Level:
        """The level after `outcomes` (oldest first), starting from `current`. Touches no state."""
        # TODO step 3: the table in the module docstring.
        raise NotImplementedError("step 3: Degrader.decide")
