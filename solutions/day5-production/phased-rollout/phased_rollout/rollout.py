"""A phased rollout: 1% -> 5% -> 25% -> 50% -> 100%, promoted only on a healthy check, rolled back to 0% on a
failed one, with every change (and why) kept in the state's history."""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

### BEGIN STARTER
# from phased_rollout.bucketing import in_rollout  # noqa: F401
# from phased_rollout.health import HealthPolicy, HealthReport, SlidingWindow, assess  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from phased_rollout.bucketing import in_rollout
from phased_rollout.health import HealthPolicy, HealthReport, SlidingWindow, assess
### END SOLUTION
from phased_rollout.store import JsonStateStore

STAGES = (1, 5, 25, 50, 100)


class PhasedRollout:
    ### BEGIN STARTER
    # """One feature's rollout. Status: "rolling", "complete" (at 100%) or "rolled_back" (at 0%).
    #
    # The state is a dict {"feature", "percent", "status", "history": [{"at", "action", "percent", "reason"}]}
    # kept in the store; `self._change(...)` (given) records a change there and in memory."""
    ### END STARTER
    ### BEGIN SOLUTION
    """One feature's rollout. Status: "rolling", "complete" (at 100%) or "rolled_back" (at 0%)."""
    ### END SOLUTION

    def __init__(self, feature: str, store: JsonStateStore, *, stages: Sequence[float] = STAGES,
                 policy: HealthPolicy | None = None, window_size: int = 500,
                 clock: Callable[[], float] = time.time):
        if not stages or list(stages) != sorted(set(stages)) or stages[0] <= 0 or stages[-1] != 100:
            raise ValueError("stages must rise strictly from above 0 to 100")
        self.feature, self.store, self.stages = feature, store, tuple(stages)
        self.policy = policy or HealthPolicy()
        self.clock = clock
        self.new, self.control = SlidingWindow(window_size), SlidingWindow(window_size)
        ### BEGIN STARTER
        # # The stored state if there is one (a restart), else a new rollout at the first stage, saved at once.
        ### END STARTER
        self._state = store.update(feature, lambda stored: stored or self._fresh())

    @property
    def percent(self) -> float:
        return float(self._state["percent"])

    @property
    def status(self) -> str:
        return str(self._state["status"])

    @property
    def history(self) -> list[dict]:
        return list(self._state["history"])

    def serves_new(self, user_id: str) -> bool:
        ### BEGIN STARTER
        # """Does this user get the new variant at the current percentage?"""
        # # TODO step 5
        # raise NotImplementedError("step 5: PhasedRollout.serves_new")
        ### END STARTER
        ### BEGIN SOLUTION
        return in_rollout(self.feature, user_id, self.percent)
        ### END SOLUTION

    def record(self, *, new: bool, ok: bool, latency_ms: float) -> None:
        ### BEGIN STARTER
        # """One request's outcome, added to the window of the group that served it (new or control)."""
        # # TODO step 5
        # raise NotImplementedError("step 5: PhasedRollout.record")
        ### END STARTER
        ### BEGIN SOLUTION
        """One request's outcome, in the group that served it."""
        (self.new if new else self.control).add(ok, latency_ms)
        ### END SOLUTION

    def check(self) -> HealthReport:
        ### BEGIN STARTER
        # """The health check (run on a schedule): assess the two windows; if unhealthy while rolling, roll back at
        # once with the reasons. Returns the report."""
        # # TODO step 6
        # raise NotImplementedError("step 6: PhasedRollout.check")
        ### END STARTER
        ### BEGIN SOLUTION
        """The health check: run it on a schedule. An unhealthy verdict rolls the feature back to 0% at once."""
        report = assess(self.new, self.control, self.policy)
        if report.verdict == "unhealthy" and self.status == "rolling":
            self.rollback("health check failed: " + "; ".join(report.reasons))
        return report
        ### END SOLUTION

    def promote(self) -> HealthReport:
        ### BEGIN STARTER
        # """Run check(); only if healthy and still rolling, move to the next stage (status "complete" at 100%) and
        # empty both windows, so the next stage needs evidence of its own. Returns the report."""
        # # TODO step 6
        # raise NotImplementedError("step 6: PhasedRollout.promote")
        ### END STARTER
        ### BEGIN SOLUTION
        """Move to the next stage if, and only if, the check at this stage is healthy. Each stage needs its own
        evidence, so the windows start empty again after a promotion."""
        report = self.check()
        if report.healthy and self.status == "rolling":
            later = [p for p in self.stages if p > self.percent]
            self._change(later[0], "complete" if later[0] == 100 else "rolling", "promote",
                         f"healthy at {self.percent:g}%: {report.new}")
            self.new.clear()
            self.control.clear()
        return report
        ### END SOLUTION

    def rollback(self, reason: str) -> None:
        ### BEGIN STARTER
        # """Everyone back on the old variant: percent 0, status "rolled_back", the reason in the history."""
        # # TODO step 6
        # raise NotImplementedError("step 6: PhasedRollout.rollback")
        ### END STARTER
        ### BEGIN SOLUTION
        """Everyone back on the old variant (0%), with the reason recorded."""
        self._change(0, "rolled_back", "rollback", reason)
        self.new.clear()
        self.control.clear()
        ### END SOLUTION

    def resume(self, reason: str) -> None:
        """After a rollback and a fix: start again from the first stage."""
        self._change(self.stages[0], "rolling", "resume", reason)

    def reload(self) -> None:
        """Pick up a change another process made to the stored state."""
        self._state = self.store.load(self.feature) or self._fresh()

    def _fresh(self) -> dict:
        return {"feature": self.feature, "percent": self.stages[0], "status": "rolling",
                "history": [self._event("start", self.stages[0], "rollout created")]}

    def _event(self, action: str, percent: float, reason: str) -> dict:
        at = datetime.fromtimestamp(self.clock(), tz=timezone.utc).isoformat()
        return {"at": at, "action": action, "percent": percent, "reason": reason}

    def _change(self, percent: float, status: str, action: str, reason: str) -> None:
        ### BEGIN STARTER
        # """Given: set percent and status, append a history event, and save, all under the store's lock."""
        ### END STARTER
        event = self._event(action, percent, reason)

        def change(stored: dict | None) -> dict:
            state = stored or self._state
            return {**state, "percent": percent, "status": status, "history": [*state["history"], event]}

        self._state = self.store.update(self.feature, change)
