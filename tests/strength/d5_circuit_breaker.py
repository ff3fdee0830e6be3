"""d5-circuit-breaker: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CORE = "core.py"

BROKEN = {
    "half_open: a second call is admitted while the trial runs": (CORE, [(
        "            trial = state == HALF_OPEN and not self._trial_running",
        "            trial = state == HALF_OPEN")]),
    "half_open: the cooldown boundary is exclusive": (CORE, [(
        "self.clock() - self._opened_at >= self.cooldown:", "self.clock() - self._opened_at > self.cooldown:")]),
    "closed: a success does not reset the failure count": (CORE, [(
        """            elif not failed:
                self._failures = 0
""", """            elif not failed:
                pass
""")]),
    "half_open: a failed trial does not restart the cooldown": (CORE, [(
        """    def _record(self, *, failed: bool, trial: bool) -> None:
        with self._lock:
            if trial:
                self._trial_running = False
                self._failures = 0
                self._opened_at = self.clock() if failed else None""",
        """    def _record(self, *, failed: bool, trial: bool) -> None:
        with self._lock:
            if trial:
                self._trial_running = False
                self._failures = 0
                self._opened_at = self._opened_at if failed else None""")]),
    "closed: the circuit opens one failure late": (CORE, [(
        "                if self._failures >= self.failure_threshold:",
        "                if self._failures > self.failure_threshold:")]),
    "closed: every error counts as a failure": (CORE, [(
        "            self._record(failed=self.is_failure(error), trial=trial)",
        "            self._record(failed=True, trial=trial)")]),
}

CORRECT = {
    "state kept as an explicit field, trial deadline stored instead of the opening time": (CORE, [(
        """    def _state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        if self._trial_running or self.clock() - self._opened_at >= self.cooldown:
            return HALF_OPEN
        return OPEN""",
        """    def _state(self) -> str:
        if self._opened_at is None:
            return CLOSED
        trial_at = self._opened_at + self.cooldown
        return HALF_OPEN if (self._trial_running or not self.clock() < trial_at) else OPEN""")]),
}
