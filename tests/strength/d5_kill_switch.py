"""d5-kill-switch: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
SWITCH = "switch.py"
GUARD = "guard.py"

BROKEN = {
    "global switch overrides every feature: only the feature's own switch read": (SWITCH, [(
        '            enabled = global_flag != b"0" and feature_flag != b"0"',
        '            enabled = feature_flag != b"0"')]),
    "fails closed: an unreachable Redis answers enabled": (SWITCH, [(
        "            enabled = not self.fail_closed\n", "            enabled = True\n")]),
    "cached for the TTL: every check reads Redis": (SWITCH, [(
        "        if cached is not None and now - cached[1] < self.cache_ttl:",
        "        if cached is not None and now - cached[1] < 0:")]),
    "audit oldest first: newest entry first": (SWITCH, [(
        "        for _, fields in reversed(entries):", "        for _, fields in entries:")]),
    "audit: the global switch reported under its marker, not as feature None": (SWITCH, [(
        '            record["feature"] = None if record.get("feature") == GLOBAL else record.get("feature")\n', "")]),
    "guard: a callable fallback returned instead of called": (GUARD, [(
        "        return fallback(*args, **kwargs) if callable(fallback) else fallback",
        "        return fallback")]),
}

CORRECT = {
    "audit read oldest first with XRANGE and the last `limit` kept": (SWITCH, [(
        "        entries = self.redis.xrevrange(self._audit_key(), count=limit)\n        records = []\n"
        "        for _, fields in reversed(entries):",
        "        entries = self.redis.xrange(self._audit_key())[-limit:] if limit > 0 else []\n        records = []\n"
        "        for _, fields in entries:")]),
    "is_enabled reads both flags with separate HGETs in one pipeline, cached per feature in a dict of dicts": (SWITCH, [(
        '''                pipe.hget(self._key(None), "enabled")
                pipe.hget(self._key(feature), "enabled")
                global_flag, feature_flag = pipe.execute()
            enabled = global_flag != b"0" and feature_flag != b"0"''',
        '''                for key in (self._key(None), self._key(feature)):
                    pipe.hmget(key, ["enabled"])
                flags = [values[0] for values in pipe.execute()]
            enabled = all(flag is None or flag.decode() != "0" for flag in flags)''')]),
}
