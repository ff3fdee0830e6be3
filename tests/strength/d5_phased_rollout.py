"""d5-phased-rollout: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
BUCKETING = "bucketing.py"
HEALTH = "health.py"
ROLLOUT = "rollout.py"
STORE = "store.py"

BROKEN = {
    "stable buckets: Python's per-process hash() used": (BUCKETING, [(
        '    return int.from_bytes(digest[:8], "big") % BUCKETS',
        '    return hash(f"{feature}:{user_id}") % BUCKETS')]),
    "independent features: the feature left out of the hash": (BUCKETING, [(
        '    digest = hashlib.sha256(f"{feature}:{user_id}".encode()).digest()',
        '    digest = hashlib.sha256(user_id.encode()).digest()')]),
    "enough evidence: one group with min_samples is enough": (HEALTH, [(
        "    if len(new) < policy.min_samples or len(control) < policy.min_samples:",
        "    if len(new) < policy.min_samples and len(control) < policy.min_samples:")]),
    "error rate judged against control: an absolute threshold instead": (HEALTH, [(
        "    if new.error_rate() > control.error_rate() + policy.max_error_rate_increase:",
        "    if new.error_rate() > policy.max_error_rate_increase:")]),
    "sliding window: old outcomes never fall out": (HEALTH, [(
        "self._samples: deque[tuple[bool, float]] = deque(maxlen=size)",
        "self._samples: deque[tuple[bool, float]] = deque()")]),
    "each stage needs its own evidence: windows kept across a promotion": (ROLLOUT, [(
        '''                         f"healthy at {self.percent:g}%: {report.new}")
            self.new.clear()
            self.control.clear()
''', '''                         f"healthy at {self.percent:g}%: {report.new}")
''')]),
}

CORRECT = {
    "buckets from the SHA-256 hex digest, the whole digest reduced": (BUCKETING, [(
        '''    digest = hashlib.sha256(f"{feature}:{user_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS''',
        '''    return int(hashlib.sha256(f"{feature}:{user_id}".encode("utf-8")).hexdigest(), 16) % BUCKETS''')]),
    "p95 by nearest rank counted from the top": (HEALTH, [(
        "        return latencies[max(0, math.ceil(0.95 * len(latencies)) - 1)]",
        "        above = len(latencies) - max(1, math.ceil(0.95 * len(latencies)))\n"
        "        return latencies[len(latencies) - 1 - above]")]),
}
