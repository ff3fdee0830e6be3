"""d4-retrieval-metrics: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
METRICS = "metrics.py"
REPORT = "report.py"

BROKEN = {
    "reciprocal rank: positions counted from 0": (METRICS, [(
        "enumerate(gains(ranked, labels, k), start=1) if gain), 0.0)",
        "enumerate(gains(ranked, labels, k), start=2) if gain), 0.0)")]),
    "nDCG: the ideal DCG over every relevant document, not the first k": (METRICS, [(
        "    ideal = sorted(labels.values(), reverse=True)[:k]", "    ideal = sorted(labels.values(), reverse=True)")]),
    "precision: a short ranking divides by its length, not k": (METRICS, [(
        "    return sum(1 for gain in gains(ranked, labels, k) if gain) / k",
        "    return sum(1 for gain in gains(ranked, labels, k) if gain) / max(1, min(k, len(ranked)))")]),
    "repeats: a repeated document counted again": (METRICS, [(
        "        out.append(labels.get(doc, 0) if doc not in seen else 0)", "        out.append(labels.get(doc, 0))")]),
    "only the first k: one position too many counts": (METRICS, [(
        "    for doc in ranked[:k]:", "    for doc in ranked[:k + 1]:"), (
        "    return out + [0] * (k - len(out))", "    return out + [0] * (k + 1 - len(out))")]),
    "evaluate: an unlabelled question averaged in as zero": (REPORT, [(
        '    scored = [scores for scores in per_question.values() if scores["recall"] is not None]',
        '    scored = [{n: v or 0.0 for n, v in scores.items()} for scores in per_question.values()]')]),
}

CORRECT = {
    "nDCG: discounts from numpy, ideal ranking built from the top-k grades with heapq": (METRICS, [(
        '''    def dcg(values: Iterable[int]) -> float:
        return sum(gain / math.log2(position + 1) for position, gain in enumerate(values, start=1))

    ideal = sorted(labels.values(), reverse=True)[:k]
''', '''    import heapq

    import numpy as np

    def dcg(values: Iterable[int]) -> float:
        values = np.asarray(list(values), dtype=float)
        return float((values / np.log2(np.arange(2, len(values) + 2))).sum())

    ideal = heapq.nlargest(k, labels.values())
''')]),
    "gains: first positions found with dict.setdefault, padding by a slice": (METRICS, [(
        '''    seen: set[str] = set()
    out = []
    for doc in ranked[:k]:
        out.append(labels.get(doc, 0) if doc not in seen else 0)
        seen.add(doc)
    return out + [0] * (k - len(out))
''', '''    first: dict[str, int] = {}
    for position, doc in enumerate(ranked[:k]):
        first.setdefault(doc, position)
    out = [0] * k
    for doc, position in first.items():
        out[position] = labels.get(doc, 0)
    return out
''')]),
}
