"""Lab 04's tests are strong and fair: a submission that breaks one contract rule loses points, and a correct
submission written differently from the reference scores full marks. Also: the lab README's threshold table is the
one the tests hold submissions to, with the reference's own numbers (so the page never drifts).

Each submission is a copy of the reference package with one edit; all are graded, visible and hidden tests, in the
grading worker. Every variant builds its own index (the slow part), so this test is slow.
"""
from __future__ import annotations

import re

import pytest

from autograder.units import find_unit, unit_module
from tests.helpers import grade_variants

UNIT = find_unit("lab04")
ANSWER, CHUNKING, INDEX, METRICS = "answer.py", "chunking.py", "index.py", "metrics.py"

# name -> (file, [(old, new), ...]): each edit must apply exactly once
BROKEN = {
    "fusion: rank counted from 0": (INDEX, [("enumerate(ranking, start=1)", "enumerate(ranking)")]),
    "search: the vector ranking only": (INDEX, [(
        "fuse([[i for i, _ in vector], [i for i, _ in keyword]], self.settings.rrf_k)",
        "fuse([[i for i, _ in vector]], self.settings.rrf_k)")]),
    "citations: only the first line checked against the chunk": (ANSWER, [(
        "c.path == path and c.start <= start and end <= c.end", "c.path == path and c.start <= start <= c.end")]),
    "citations: never checked": (ANSWER, [(
        "    return start <= end and any(c.path == path", "    return True or any(c.path == path")]),
    "refusal: never": (ANSWER, [("    return not best or best[0][1] < settings.min_similarity",
                                 "    return False")]),
    "refusal: always": (ANSWER, [("    return not best or best[0][1] < settings.min_similarity",
                                  "    return True")]),
    "chunks: lines one off, so the excerpts cite lines outside the chunk": (CHUNKING, [(
        "chunks.append(Chunk(path, symbol, start, end,", "chunks.append(Chunk(path, symbol, start - 1, end - 1,")]),
    "chunks: decorators left out": (CHUNKING, [(
        "return min([node.lineno, *(d.lineno for d in node.decorator_list)])", "return node.lineno")]),
    "ndcg: the ideal counts every relevant item, not the first k": (METRICS, [(
        "range(1, min(len(relevant), k) + 1)", "range(1, len(relevant) + 1)")]),
    "refusal accuracy: inverted": (METRICS, [("sum(r != a for r, a in pairs)", "sum(r == a for r, a in pairs)")]),
}

CORRECT = {
    "fusion with a defaultdict and a tie-stable sort": (INDEX, [(
        "    scores: dict[int, float] = {}\n    for ranking in rankings:\n"
        "        for rank, item in enumerate(ranking, start=1):\n"
        "            scores[item] = scores.get(item, 0.0) + 1.0 / (rrf_k + rank)\n"
        "    return sorted(scores.items(), key=lambda pair: -pair[1])",
        "    from collections import defaultdict\n    scores = defaultdict(float)\n"
        "    for ranking in rankings:\n        for position, item in enumerate(ranking):\n"
        "            scores[item] += 1 / (rrf_k + position + 1)\n"
        "    return [(item, scores[item]) for item in sorted(scores, key=scores.get, reverse=True)]")]),
    "grounding as an explicit loop": (ANSWER, [(
        "    path, start, end = citation\n    return start <= end and any(c.path == path and c.start <= start and end <= c.end for c in chunks)",
        "    path, start, end = citation\n    if start > end:\n        return False\n    for c in chunks:\n"
        "        if c.path == path and range(start, end + 1) == range(start, end + 1) and c.start <= start "
        "and c.end >= end:\n            return True\n    return False")]),
    "metrics with loops and counts": (METRICS, [(
        "    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0",
        "    if not relevant:\n        return 0.0\n    found = []\n    for item in ranked[:k]:\n"
        "        if item in relevant and item not in found:\n            found.append(item)\n"
        "    return len(found) / len(relevant)")]),
}


def test_the_readme_states_the_thresholds_and_the_reference_numbers():
    checks = unit_module("lab04", "checks")
    text = (UNIT.path / "README.md").read_text()
    rows = re.findall(r"^\| (visible|hidden) \| ([\w@]+) \| ([\d.]+) \| ([\d.]+) \|$", text, re.MULTILINE)
    table = {(where, name): (float(threshold), float(reference)) for where, name, threshold, reference in rows}
    expected = {(where, name): (checks.THRESHOLDS[where][name], checks.REFERENCE[where][name])
                for where in checks.THRESHOLDS for name in checks.THRESHOLDS[where]}
    assert table == expected, f"README table {table}\nchecks.py {expected}"
    assert all(threshold < reference for threshold, reference in table.values()), "a threshold without margin"


@pytest.mark.timeout(3000)
def test_single_bugs_lose_points_and_correct_variants_score_full_marks(tmp_path):
    grade_variants(UNIT, BROKEN, CORRECT, tmp_path)
