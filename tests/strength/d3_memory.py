"""d3-memory: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
STORE = "store.py"

BROKEN = {
    "recency_score: whole half-lives only (floor division)": (STORE, [(
        "0.5 ** (max(age_seconds, 0.0) / half_life_seconds)", "0.5 ** (max(age_seconds, 0.0) // half_life_seconds)")]),
    "episodes stamped with the injected clock: the wall clock used": (STORE, [(
        "datetime.fromisoformat(self._now()))", "datetime.now(timezone.utc))")]),
    "history newest first: ties keep the order recorded": (STORE, [(
        'ORDER BY at DESC, id DESC"', 'ORDER BY at DESC, id ASC"')]),
    "a new store sees every fact: facts written but never committed": (STORE, [(
        "        with self.db:\n            self.db.execute(\"INSERT INTO facts",
        "        if True:\n            self.db.execute(\"INSERT INTO facts")]),
    "recall ranks episodes and facts together: episodes left out": (STORE, [(
        "        rows += [(Episode(", "        rows += [] and [(Episode(")]),
    "recall ranks by score: lowest first": (STORE, [(
        "sorted(found, key=lambda r: -r.score)[:k]", "sorted(found, key=lambda r: r.score)[:k]")]),
}

CORRECT = {
    "recency decay written with math.exp; heapq.nlargest for the top k": (STORE, [
        ("    return similarity * 0.5 ** (max(age_seconds, 0.0) / half_life_seconds)",
         "    import math\n    return similarity * math.exp(-math.log(2) * max(age_seconds, 0.0) / half_life_seconds)"),
        ("        return sorted(found, key=lambda r: -r.score)[:k]",
         "        import heapq\n        return heapq.nlargest(k, found, key=lambda r: r.score)"),
    ]),
}
