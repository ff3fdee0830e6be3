"""Retrieval metrics graded tests. Each runs your `retrieval_metrics` package in its own process through
../driver.py. Every expected value is worked out here by hand from the contract's formulas (and nDCG also by an
independent formulation below); nothing is compared with the reference solution's output. No model is called."""
import math
import random

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "retrieval metrics call no model"},
          "exchanges": []}
NAMES = ["hit_rate", "precision", "recall", "mrr", "ndcg"]


def log2(n: int) -> float:
    return math.log2(n)


def metrics(run, cases: list[dict]) -> list[dict]:
    trace = run(NO_LLM, "metrics", cases=cases)
    assert trace["ok"], f"the metrics failed: {trace['error']}"
    return trace["result"]


def compare(cases: list[dict], got: list[dict], expected: list[dict], names: list[str]) -> list[str]:
    wrong = []
    for case, values, want in zip(cases, got, expected):
        for name in names:
            value, target = values[name], want[name]
            ok = value is None if target is None else isinstance(value, float) and value == pytest.approx(target)
            if not ok:
                wrong.append(f"{name}@{case['k']} of {case['ranked']} with relevant {case['relevant']}: "
                             f"got {value}, expected {target}")
    return wrong


# Documents a..h; `relevant` is a dict of grades (or a list: grade 1 each).
BASIC = {"ranked": ["a", "b", "c", "d", "e"], "relevant": {"b": 1, "d": 1, "x": 1}}


@pytest.mark.points(2)
@pytest.mark.hint("hit_rate_at_k is 1.0 if any relevant document is among the first k, else 0.0. "
                  "reciprocal_rank_at_k is 1 / the 1-based position of the first relevant document among the first "
                  "k, and 0.0 when none is there (MRR@k is its mean over questions).")
def test_hit_rate_and_reciprocal_rank_by_hand(run):
    cases = [{**BASIC, "k": 1}, {**BASIC, "k": 3}, {"ranked": ["x", "y", "a"], "relevant": ["a"], "k": 2},
             {"ranked": ["x", "y", "a"], "relevant": ["a"], "k": 3}, {"ranked": ["c", "a"], "relevant": ["a", "c"], "k": 2}]
    expected = [{"hit_rate": 0.0, "mrr": 0.0}, {"hit_rate": 1.0, "mrr": 1 / 2}, {"hit_rate": 0.0, "mrr": 0.0},
                {"hit_rate": 1.0, "mrr": 1 / 3}, {"hit_rate": 1.0, "mrr": 1.0}]
    wrong = compare(cases, metrics(run, cases), expected, ["hit_rate", "mrr"])
    assert not wrong, "\n  ".join(["hit rate and reciprocal rank:"] + wrong)


@pytest.mark.points(2)
@pytest.mark.hint("precision@k = relevant documents among the first k / k; recall@k = relevant documents among the "
                  "first k / all relevant documents of the question (a relevant document the retriever never "
                  "returned still counts in recall's denominator).")
def test_precision_and_recall_by_hand(run):
    cases = [{**BASIC, "k": 3}, {**BASIC, "k": 5}, {**BASIC, "k": 1},
             {"ranked": ["c", "a", "b"], "relevant": {"a": 3, "b": 2, "c": 1, "d": 2}, "k": 3}]
    expected = [{"precision": 1 / 3, "recall": 1 / 3}, {"precision": 2 / 5, "recall": 2 / 3},
                {"precision": 0.0, "recall": 0.0}, {"precision": 1.0, "recall": 3 / 4}]
    wrong = compare(cases, metrics(run, cases), expected, ["precision", "recall"])
    assert not wrong, "\n  ".join(["precision and recall:"] + wrong)


@pytest.mark.points(3)
@pytest.mark.hint("nDCG@k = DCG@k / IDCG@k. DCG@k sums grade / log2(position + 1) over positions 1..k, with the "
                  "grade itself as the gain (not 2**grade - 1). IDCG@k is the DCG@k of the ideal ranking: every "
                  "labelled document sorted by grade, highest first, cut at k.")
def test_ndcg_by_hand_with_graded_relevance(run):
    graded = {"a": 3, "b": 2, "c": 1, "d": 2}
    cases = [{**BASIC, "k": 3}, {**BASIC, "k": 5},
             {"ranked": ["c", "a", "b"], "relevant": graded, "k": 3},
             {"ranked": ["a", "d", "b", "c"], "relevant": graded, "k": 4},
             {"ranked": ["a", "b"], "relevant": ["a", "b", "c", "d"], "k": 2}]
    ideal_3 = 3 + 2 / log2(3) + 2 / log2(4)
    expected = [{"ndcg": (1 / log2(3)) / (1 + 1 / log2(3) + 1 / log2(4))},
                {"ndcg": (1 / log2(3) + 1 / log2(5)) / (1 + 1 / log2(3) + 1 / log2(4))},
                {"ndcg": (1 + 3 / log2(3) + 2 / log2(4)) / ideal_3},
                {"ndcg": 1.0},   # an ideal ranking (b and d tie at grade 2)
                {"ndcg": 1.0}]   # IDCG is cut at k: two relevant documents in two slots is perfect
    wrong = compare(cases, metrics(run, cases), expected, ["ndcg"])
    assert not wrong, "\n  ".join(["nDCG:"] + wrong)


def independent_ndcg(ranked: list, relevant, k: int):
    """nDCG@k written another way: discounts as a table, the ranking deduplicated by position first."""
    grade = {d: 1 for d in relevant} if isinstance(relevant, list) else {d: g for d, g in relevant.items() if g > 0}
    if not grade:
        return None
    discounts = [1 / math.log2(i) for i in range(2, k + 2)]
    first_seen = {}
    for position, doc in enumerate(ranked[:k]):
        first_seen.setdefault(doc, position)
    dcg = sum(grade.get(doc, 0) * discounts[position] for doc, position in first_seen.items())
    ideal = sum(g * d for g, d in zip(sorted(grade.values(), reverse=True), discounts))
    return dcg / ideal


def random_cases(seed: int, count: int) -> list[dict]:
    rng = random.Random(seed)
    docs = [f"d{i}" for i in range(12)]
    cases = []
    for _ in range(count):
        ranked = [rng.choice(docs) for _ in range(rng.randint(0, 9))]   # repeats happen, lists are often short
        relevant = {doc: rng.choice([0, 1, 1, 2, 3]) for doc in rng.sample(docs, rng.randint(1, 6))}
        cases.append({"ranked": ranked, "relevant": relevant, "k": rng.randint(1, 10)})
    return cases


@pytest.mark.points(2)
@pytest.mark.hint("Your nDCG disagrees with an independent implementation of the same formula on random rankings "
                  "(repeated documents, rankings shorter than k, grades 0 to 3). Check the discount's position "
                  "(the first position is divided by log2(2) = 1), the ideal cut at k, and that a repeated "
                  "document gains nothing the second time.")
def test_ndcg_matches_an_independent_formulation(run):
    cases = random_cases(seed=20261207, count=60)
    got = metrics(run, cases)
    wrong = compare(cases, got, [{"ndcg": independent_ndcg(c["ranked"], c["relevant"], c["k"])} for c in cases],
                    ["ndcg"])
    assert not wrong, "\n  ".join(["nDCG on random rankings:"] + wrong[:6])


@pytest.mark.points(3)
@pytest.mark.hint("From the contract: a ranking shorter than k leaves empty (non-relevant) slots, so precision "
                  "still divides by k; a repeated document counts once, at its first position; grade 0 is not "
                  "relevant; a question with no relevant document gives None for every metric; k < 1 raises "
                  "ValueError.")
def test_edge_cases_from_the_contract(run):
    cases = [{"ranked": ["a"], "relevant": ["a", "b"], "k": 4},                 # k larger than the list
             {"ranked": ["a", "a", "a", "b"], "relevant": ["a", "b"], "k": 3},  # duplicates
             {"ranked": ["a", "a", "a", "b"], "relevant": ["a", "b"], "k": 4},
             {"ranked": ["a", "b"], "relevant": {"a": 0, "b": 1}, "k": 2},      # grade 0 is not relevant
             {"ranked": ["a", "b"], "relevant": {}, "k": 2},                    # nothing relevant: undefined
             {"ranked": ["a", "b"], "relevant": {"a": 0}, "k": 2},
             {"ranked": [], "relevant": ["a"], "k": 3}]                         # an empty ranking
    one_of_two = 1 / (1 + 1 / log2(3))
    expected = [{"hit_rate": 1.0, "precision": 1 / 4, "recall": 1 / 2, "mrr": 1.0, "ndcg": one_of_two},
                {"hit_rate": 1.0, "precision": 1 / 3, "recall": 1 / 2, "mrr": 1.0, "ndcg": one_of_two},
                {"hit_rate": 1.0, "precision": 2 / 4, "recall": 1.0, "mrr": 1.0,
                 "ndcg": (1 + 1 / log2(5)) / (1 + 1 / log2(3))},
                {"hit_rate": 1.0, "precision": 1 / 2, "recall": 1.0, "mrr": 1 / 2, "ndcg": 1 / log2(3)},
                dict.fromkeys(NAMES), dict.fromkeys(NAMES),
                {"hit_rate": 0.0, "precision": 0.0, "recall": 0.0, "mrr": 0.0, "ndcg": 0.0}]
    got = metrics(run, cases + [{"ranked": ["a"], "relevant": ["a"], "k": 0}])
    wrong = compare(cases, got, expected, NAMES)
    assert not wrong, "\n  ".join(["edge cases:"] + wrong)
    assert got[-1] == {name: {"raised": "ValueError"} for name in NAMES}, f"k = 0 must raise ValueError: {got[-1]}"


QUESTIONS = [{"id": "q1", "text": "How do nested commands share an object?", "relevant": {"ensure_object": 2,
                                                                                         "pass_obj": 1}},
             {"id": "q2", "text": "Where is the program name decided?", "relevant": ["main"]},
             {"id": "q3", "text": "What is the weather in Lisbon?", "relevant": {}},
             {"id": "q4", "text": "How is a missing option reported?", "relevant": ["MissingParameter"]}]
RANKINGS = {"How do nested commands share an object?": ["pass_obj", "invoke", "ensure_object"],
            "Where is the program name decided?": ["main", "main", "invoke"],
            "What is the weather in Lisbon?": ["echo", "style", "main"],
            "How is a missing option reported?": ["UsageError", "BadParameter", "echo"]}


@pytest.mark.points(3)
@pytest.mark.hint("evaluate calls retriever(question.text, k) once per question, scores each ranking with the five "
                  "metrics, and averages each metric over the questions that have relevant documents only; the others "
                  "are listed in `skipped` and their per-question values are None.")
def test_evaluate_averages_over_the_labelled_questions(run):
    trace = run(NO_LLM, "evaluate", questions=QUESTIONS, rankings=RANKINGS, k=3)
    assert trace["ok"], f"evaluate failed: {trace['error']}"
    report, calls = trace["result"]["report"], trace["result"]["calls"]
    assert sorted(map(tuple, calls)) == sorted((q["text"], 3) for q in QUESTIONS), \
        f"the retriever is called once per question, with the question's text and k: {calls}"
    # By hand, at k = 3: q1 finds pass_obj (grade 1) at 1 and ensure_object (grade 2) at 3; q2 finds main at 1
    # (its copy at 2 is a wasted slot); q3 has nothing relevant (skipped); q4 finds nothing.
    q1_ndcg = (1 + 2 / log2(4)) / (2 + 1 / log2(3))
    per_question = {"q1": {"hit_rate": 1.0, "precision": 2 / 3, "recall": 1.0, "mrr": 1.0, "ndcg": q1_ndcg},
                    "q2": {"hit_rate": 1.0, "precision": 1 / 3, "recall": 1.0, "mrr": 1.0, "ndcg": 1.0},
                    "q3": dict.fromkeys(NAMES),
                    "q4": {"hit_rate": 0.0, "precision": 0.0, "recall": 0.0, "mrr": 0.0, "ndcg": 0.0}}
    assert (report["k"], report["questions"], report["evaluated"], report["skipped"]) == (3, 4, 3, ["q3"]), \
        {key: report[key] for key in ("k", "questions", "evaluated", "skipped")}
    for qid, want in per_question.items():
        got = report["per_question"].get(qid)
        assert got == pytest.approx(want), f"{qid}: {got}, expected {want}"
    means = {name: sum(per_question[q][name] for q in ("q1", "q2", "q4")) / 3 for name in NAMES}
    got = {name: report[name] for name in NAMES}
    assert got == pytest.approx(means), f"means over the three labelled questions: {got}, expected {means}"

    trace = run(NO_LLM, "evaluate", questions=[QUESTIONS[2]], rankings=RANKINGS, k=3)
    assert trace["ok"], f"evaluate with only an unlabelled question failed: {trace['error']}"
    report = trace["result"]["report"]
    assert report["evaluated"] == 0 and all(report[name] is None for name in NAMES), \
        f"with nothing to evaluate, every mean is None (not 0): {report}"


@pytest.mark.points(2)
@pytest.mark.hint("bar_chart(reports) returns a matplotlib Figure with one axes: for each retriever one ax.bar(...) "
                  "call with label=its name, its five bars the report's means in METRICS order (hit_rate, precision, "
                  "recall, mrr, ndcg; None drawn as 0), a legend, and the y axis from 0 to 1.")
def test_bar_chart_compares_two_retrievers(run):
    keyword = {"k": 5, "hit_rate": 0.8, "precision": 0.32, "recall": 0.7, "mrr": 0.55, "ndcg": 0.6}
    vector = {"k": 5, "hit_rate": 0.9, "precision": 0.28, "recall": 0.75, "mrr": 0.61, "ndcg": None}
    trace = run(NO_LLM, "chart", reports={"bm25": keyword, "MiniLM": vector})
    assert trace["ok"], f"bar_chart failed: {trace['error']}"
    got = trace["result"]
    assert got["labels"] == ["bm25", "MiniLM"] and got["legend"] == ["bm25", "MiniLM"], \
        f"one labelled bar series per retriever, in order, with a legend: {got['labels']}, legend {got['legend']}"
    assert got["series"] == [pytest.approx([0.8, 0.32, 0.7, 0.55, 0.6]), pytest.approx([0.9, 0.28, 0.75, 0.61, 0.0])], \
        f"bar heights per retriever (METRICS order; None as 0): {got['series']}"
    assert got["ylim"] == pytest.approx([0.0, 1.0]), f"the y axis runs from 0 to 1: {got['ylim']}"
    assert got["png_magic"] == "89504e470d0a1a0a" and got["png_bytes"] > 2000, "the figure saves as a PNG"
