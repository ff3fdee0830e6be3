"""d5-degradation: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
DEGRADER = "degrader.py"
CHAT = "chat.py"
WINDOW = "window.py"

BROKEN = {
    "hysteresis: a REDUCED service returns to FULL as soon as the bad rate drops below reduce_at": (DEGRADER, [(
        "        if current is not Level.FULL and bad > self.restore_at:",
        "        if False:")]),
    "rates: slow successes are not counted as bad": (DEGRADER, [(
        "        bad = sum(1 for o in outcomes if not o.ok or o.latency_s > self.slow_s) / n",
        "        bad = sum(1 for o in outcomes if not o.ok) / n")]),
    "min_samples: the level is decided from too few outcomes": (DEGRADER, [(
        "        if n < self.min_samples:", "        if n < 1:")]),
    "window: the window is never trimmed to its size": (WINDOW, [(
        "        self._outcomes: deque[Outcome] = deque(maxlen=size)",
        "        self._outcomes: deque[Outcome] = deque()")]),
    "MINIMAL: no probe is ever sent, so the service stays at MINIMAL": (CHAT, [(
        "                probe = self._minimal_requests % self.probe_every == 0",
        "                probe = False")]),
    "REDUCED: the reduced model is sent with the full token budget": (CHAT, [(
        """        model, max_tokens = self.settings[Level.FULL if level is Level.FULL else Level.REDUCED]""",
        """        model, max_tokens = self.settings[Level.FULL if level is Level.FULL else Level.REDUCED]
        max_tokens = self.settings[Level.FULL][1]""")]),
}

CORRECT = {
    "decide: counts with a Counter and a table of checks": (DEGRADER, [(
        """        errors = sum(1 for o in outcomes if not o.ok) / n
        bad = sum(1 for o in outcomes if not o.ok or o.latency_s > self.slow_s) / n""",
        """        failed = [o for o in outcomes if not o.ok]
        slow = [o for o in outcomes if o.ok and o.latency_s > self.slow_s]
        errors = len(failed) / n
        bad = (len(failed) + len(slow)) / n""")]),
    "window: a plain list sliced to the last size outcomes": (WINDOW, [(
        """            self._outcomes.append(Outcome(bool(outcome.ok), float(outcome.latency_s)))
            self._level = decide(self._level, list(self._outcomes))""",
        """            kept = (list(self._outcomes) + [Outcome(bool(outcome.ok), float(outcome.latency_s))])[-self.size:]
            self._outcomes = deque(kept, maxlen=self.size)
            self._level = decide(self._level, kept)""")]),
}
