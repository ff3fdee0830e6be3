"""d4-embeddings: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
SEARCH = "search.py"

BROKEN = {
    "normalise: a zero row divided by zero (NaN)": (SEARCH, [(
        "    return np.divide(array, norms, out=np.zeros_like(array), where=norms > 0)", "    return array / norms")]),
    "cosine: the dot product without dividing by the lengths": (SEARCH, [(
        "    return float(a @ b / norms) if norms > 0 else 0.0", "    return float(a @ b) if norms > 0 else 0.0")]),
    "top_k: ties at the cut broken by the higher row": (SEARCH, [(
        "    ordered = candidates[np.lexsort((candidates, -scores[candidates]))][:k]",
        "    ordered = candidates[np.lexsort((-candidates, -scores[candidates]))][:k]")]),
    "top_k: k is off by one": (SEARCH, [(
        "    ordered = candidates[np.lexsort((candidates, -scores[candidates]))][:k]",
        "    ordered = candidates[np.lexsort((candidates, -scores[candidates]))][:k - 1]")]),
    "index: the added vectors are not normalised": (SEARCH, [(
        "        vectors = normalise(self.encode(texts))", "        vectors = np.asarray(self.encode(texts), dtype=np.float32)")]),
    "index: one encode call per text, not one batch": (SEARCH, [(
        "        vectors = normalise(self.encode(texts))",
        "        vectors = normalise(np.vstack([self.encode([text]) for text in texts]))")]),
}

CORRECT = {
    "top_k: a stable argsort of the negated scores": (SEARCH, [(
        '''    k = min(k, len(scores))
    if k < len(scores):
        # argpartition finds the k-th best score in linear time; take every row that scores at least that (ties
        # at the cut included), then sort those few by score, then by row.
        threshold = scores[np.argpartition(-scores, k - 1)[k - 1]]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    ordered = candidates[np.lexsort((candidates, -scores[candidates]))][:k]
''', '''    ordered = np.argsort(-scores, kind="stable")[:k]
''')]),
    "normalise and cosine in plain Python math per row": (SEARCH, [(
        '''    array = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(array, axis=-1, keepdims=True)
    return np.divide(array, norms, out=np.zeros_like(array), where=norms > 0)
''', '''    import math
    array = np.asarray(vectors, dtype=np.float64)
    rows = [array] if array.ndim == 1 else list(array)
    out = []
    for row in rows:
        length = math.sqrt(sum(float(x) * float(x) for x in row))
        out.append([float(x) / length for x in row] if length else [0.0] * len(row))
    result = np.array(out, dtype=np.float32).reshape(array.shape)
    return result
''')]),
}
