"""d4-hybrid-retrieval: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
TOKENS = "tokens.py"
FUSION = "fusion.py"
INDEXES = "indexes.py"
LLM = "llm.py"

BROKEN = {
    "RRF: ranks counted from 0": (FUSION, [(
        "        for rank, item in enumerate(ranking, 1):", "        for rank, item in enumerate(ranking):")]),
    "RRF: an id repeated within one list counted every time": (FUSION, [(
        "            if item in seen:\n                continue\n", "")]),
    "RRF: equal scores broken by the later list's rank": (FUSION, [(
        "            best[item] = min(best.get(item, (rank, which)), (rank, which))",
        "            best[item] = (rank, which)")]),
    "tokens: an identifier of several parts not kept whole": (TOKENS, [(
        "        if len(parts) > 1 and whole:", "        if False:")]),
    "keyword search: texts scoring 0 returned": (INDEXES, [(
        "        return [int(i) for i in order[:k] if scores[i] > 0]", "        return [int(i) for i in order[:k]]")]),
    "rerank: a repeated id in the model's reply kept twice": (LLM, [(
        "        if doc_id is not None and doc_id not in ranked:", "        if doc_id is not None:")]),
    "multi-query: the original question left out of the queries": (LLM, [(
        "    return queries[:n + 1]", "    return queries[1:n + 1]")]),
}

CORRECT = {
    "RRF: a Counter of scores and the first position of each id found with index()": (FUSION, [(
        '''    scores: dict[Hashable, float] = {}
    best: dict[Hashable, tuple[int, int]] = {}
    for which, ranking in enumerate(rankings):
        seen = set()
        for rank, item in enumerate(ranking, 1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
            best[item] = min(best.get(item, (rank, which)), (rank, which))
    return sorted(scores.items(), key=lambda pair: (-pair[1], best[pair[0]]))
''', '''    from collections import Counter

    scores: Counter = Counter()
    places: dict[Hashable, list[tuple[int, int]]] = {}
    for which, ranking in enumerate(rankings):
        ranking = list(ranking)
        for item in dict.fromkeys(ranking):
            rank = ranking.index(item) + 1
            scores[item] += 1.0 / (k + rank)
            places.setdefault(item, []).append((rank, which))
    return sorted(scores.items(), key=lambda pair: (-pair[1], min(places[pair[0]])))
''')]),
    "rerank: the model's ids deduplicated with dict.fromkeys": (LLM, [(
        '''    ranked: list[Hashable] = []
    for item in order:
        doc_id = by_text.get(str(item))
        if doc_id is not None and doc_id not in ranked:
            ranked.append(doc_id)
''', '''    ranked = list(dict.fromkeys(by_text[str(item)] for item in order if str(item) in by_text))
''')]),
}
