"""Embedding search graded tests. Each runs your `embedding_search` in its own process (../driver.py) on plain
arrays, or on a SemanticIndex whose encoder looks vectors up in a table the test wrote, so every expected value is
computed here, in plain Python, from the contract. One test uses the real offline MiniLM."""
import functools
import math
import random

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "embedding search calls no model"},
          "exchanges": []}


def value(trace: dict):
    assert trace["ok"], f"the driver failed: {trace['error']}"
    got = trace["result"]
    assert "raised" not in got, f"it raised {got.get('raised')}: {got.get('message')}"
    return got["value"]


def norm(v):
    return math.sqrt(sum(x * x for x in v))


def cos(a, b):
    n = norm(a) * norm(b)
    return sum(x * y for x, y in zip(a, b)) / n if n else 0.0


def assert_close_rows(got, want, what):
    assert len(got) == len(want), f"{what}: {len(got)} rows, expected {len(want)}"
    for row, (g, w) in enumerate(zip(got, want)):
        assert g == pytest.approx(w, abs=1e-6), f"{what}, row {row}: {g}, expected {w}"


@pytest.mark.points(2)
@pytest.mark.hint("Divide each ROW by its own length (np.linalg.norm(..., axis=-1, keepdims=True)), not the whole "
                  "matrix by one norm. A zero row stays zero (no NaN); a 1-D vector is one row.")
def test_normalise_scales_each_row_to_unit_length(run):
    rows = [[3.0, 4.0, 0.0], [0.0, 0.0, 0.0], [1.0, 2.0, 2.0], [-2.0, 0.0, 0.0], [0.5, -0.5, 0.5]]
    got = value(run(NO_LLM, "call", function="normalise", args=[rows]))
    want = [[x / norm(r) for x in r] if norm(r) else [0.0] * len(r) for r in rows]
    assert all(not any(math.isnan(x) for x in row) for row in got), f"a zero row became NaN: {got}"
    assert_close_rows(got, want, "normalise(matrix)")
    single = value(run(NO_LLM, "call", function="normalise", args=[[6.0, 8.0]]))
    assert single == pytest.approx([0.6, 0.8], abs=1e-6), f"normalise([6, 8]) = {single}; a 1-D vector stays 1-D"


@pytest.mark.points(2)
@pytest.mark.hint("cosine(a, b) = a.b / (|a| |b|): the angle, whatever the lengths. Either vector zero: 0.0.")
def test_cosine_is_the_angle_not_the_length(run):
    pairs = [([1.0, 0.0], [5.0, 0.0]), ([3.0, 4.0], [-6.0, -8.0]), ([1.0, 2.0, 3.0], [-2.0, 0.5, 1.0]),
             ([0.1, 0.0, 0.0, 0.2], [40.0, 3.0, -1.0, 90.0]), ([0.0, 0.0], [1.0, 1.0]), ([1.0, 0.0], [0.0, 2.0])]
    for a, b in pairs:
        got = value(run(NO_LLM, "call", function="cosine", args=[a, b]))
        assert got == pytest.approx(cos(a, b), abs=1e-6), f"cosine({a}, {b}) = {got}, expected {cos(a, b)}"


def unit_rows(seed: int, n: int, dimension: int) -> list[list[float]]:
    generator = random.Random(seed)
    rows = [[generator.gauss(0, 1) for _ in range(dimension)] for _ in range(n)]
    return [[x / norm(r) for x in r] for r in rows]


@pytest.mark.points(2)
@pytest.mark.hint("top_k returns (row, score) pairs, the HIGHEST dot products first. np.argpartition(-scores, k - 1) "
                  "finds the k best in any order; sort those by score.")
def test_top_k_returns_the_best_rows_best_first(run):
    matrix, query = unit_rows(7, 40, 8), unit_rows(8, 1, 8)[0]
    scores = [sum(x * y for x, y in zip(row, query)) for row in matrix]
    for k in (1, 3, 10):
        got = value(run(NO_LLM, "call", function="top_k", args=[query, matrix, k]))
        want = sorted(range(len(matrix)), key=lambda i: -scores[i])[:k]
        assert [row for row, _ in got] == want, f"top_k(k={k}) gave rows {[r for r, _ in got]}, expected {want}"
        assert [s for _, s in got] == pytest.approx([scores[i] for i in want], abs=1e-5), "each score is the dot product"


@pytest.mark.points(3)
@pytest.mark.hint("Equal scores: the lower row first, also when the tie straddles the cut at k (argpartition picks "
                  "any of the tied rows: take every row scoring at least the k-th score, then sort by (-score, row)). "
                  "k > number of rows gives all rows; k < 1 or an empty matrix gives [].")
def test_top_k_ties_and_sizes(run):
    query = [1.0, 0.0]
    matrix = [[0.0, 1.0], [0.5, 0.5], [1.0, 0.0], [0.5, 0.5], [0.25, 0.0], [0.5, 0.5], [1.0, 0.0], [0.5, 0.5]]
    cases = [(1, [2]), (2, [2, 6]), (3, [2, 6, 1]), (4, [2, 6, 1, 3]), (6, [2, 6, 1, 3, 5, 7]),
             (8, [2, 6, 1, 3, 5, 7, 4, 0]), (50, [2, 6, 1, 3, 5, 7, 4, 0]), (0, [])]
    for k, want in cases:
        got = value(run(NO_LLM, "call", function="top_k", args=[query, matrix, k]))
        assert [row for row, _ in got] == want, f"top_k(k={k}) gave rows {[r for r, _ in got]}, expected {want}"
    assert value(run(NO_LLM, "call", function="top_k", args=[query, [], 3])) == [], "an empty matrix gives []"


VECTORS = {  # unnormalised on purpose: "long" points nearly the other way from the query but is 30 times longer
    "short and aligned": [1.0, 0.1, 0.0],
    "long and off": [20.0, 25.0, 0.0],
    "orthogonal": [0.0, 0.0, 3.0],
    "opposite": [-2.0, 0.0, 0.0],
    "aligned twin": [1.0, 0.1, 0.0],   # the same direction and length: an exact tie, broken by position
    "query": [2.0, 0.0, 0.0],
}


@pytest.mark.points(3)
@pytest.mark.hint("Normalise the encoder's vectors when you add them and the query when you search: a dot product of "
                  "unnormalised vectors ranks by length. score is the cosine similarity; equal scores in the order "
                  "added.")
def test_index_ranks_by_cosine_not_by_length(run):
    texts = ["long and off", "short and aligned", "orthogonal", "opposite", "aligned twin"]
    trace = run(NO_LLM, "index", steps=[["add", texts], ["search", "query", 5], ["search", "query", 2]],
                vectors=VECTORS)
    assert trace["ok"], trace["error"]
    results = trace["result"]["results"]
    assert all("raised" not in r for r in results), f"a step raised: {results}"
    positions, everything, best_two = (r["value"] for r in results)
    assert positions == [0, 1, 2, 3, 4], f"add returns the positions of the texts added: {positions}"
    want = sorted(range(len(texts)), key=lambda i: -round(cos(VECTORS[texts[i]], VECTORS["query"]), 9))
    assert [h[1] for h in everything] == [texts[i] for i in want], \
        f"search ranked {[h[1] for h in everything]}; by cosine it is {[texts[i] for i in want]}"
    for position, text, score in everything:
        assert texts[position] == text and score == pytest.approx(cos(VECTORS[text], VECTORS["query"]), abs=1e-5), \
            f"{text!r} at position {position} scored {score}; the score is the cosine similarity"
    assert [h[1] for h in best_two] == ["short and aligned", "aligned twin"], f"k=2 gave {best_two}"


@pytest.mark.points(2)
@pytest.mark.hint("add() embeds all its texts in ONE call of encode (a batch is much faster than one text at a time); "
                  "search embeds only the query. Positions continue across adds; an empty index finds nothing.")
def test_index_encodes_in_batches_and_grows(run):
    steps = [["search", "query", 3], ["len"], ["add", ["orthogonal", "opposite"]], ["add", []],
             ["add", ["short and aligned", "long and off", "aligned twin"]], ["len"], ["search", "query", 10]]
    trace = run(NO_LLM, "index", steps=steps, vectors=VECTORS)
    assert trace["ok"], trace["error"]
    results = trace["result"]["results"]
    assert all("raised" not in r for r in results), f"a step raised: {results}"
    empty, zero, first, nothing, second, five, found = (r["value"] for r in results)
    assert empty == [] and zero == 0, f"an empty index: search gave {empty}, len {zero}"
    assert first == [0, 1] and nothing == [] and second == [2, 3, 4], f"positions: {first}, {nothing}, {second}"
    assert five == 5 and len(found) == 5, f"len {five}; k=10 over 5 texts gave {len(found)}"
    calls = [c for c in trace["result"]["calls"] if c]
    assert calls == [["orthogonal", "opposite"], ["short and aligned", "long and off", "aligned twin"], ["query"]], \
        f"the encoder was called with {calls}; expected one call per add and one for the query"


@functools.cache
def minilm():
    from agentkit.embeddings import MiniLM
    return MiniLM.load()


@pytest.mark.points(2)
@pytest.mark.hint("With the real MiniLM the same rules hold: one batch per add, cosine scores, best first.")
def test_index_with_minilm(run):
    texts = ["Click parses command line options and arguments.",
             "The options of a command are read from the command line.",
             "The command line is not parsed by this module.",
             "Lines of text are wrapped to the terminal width.",
             "def parse_args(self, ctx, args):"]
    query = "How are command line options parsed?"
    trace = run(NO_LLM, "index", steps=[["add", texts], ["search", query, 3]], encoder="minilm")
    assert trace["ok"], trace["error"]
    found = trace["result"]["results"][1].get("value")
    assert found is not None, trace["result"]["results"][1]
    vectors = minilm().encode([query, *texts])
    scores = [float(vectors[0] @ v) for v in vectors[1:]]
    want = sorted(range(len(texts)), key=lambda i: -scores[i])[:3]
    assert [h[0] for h in found] == want, f"search ranked positions {[h[0] for h in found]}, expected {want}"
    assert [h[2] for h in found] == pytest.approx([scores[i] for i in want], abs=1e-4)
