"""Lab 04 graded tests. Your `coderag` runs in its own process (through ../driver.py) over click's installed
source; its index is built once per grading session and reused by every test. The grader reads click's files
itself, resolves the labelled symbols' lines with `ast`, computes the metrics and the fusion itself from what your
code returned, and judges what your code sent to the model from the broker's record (`trace["sent"]`)."""
from pathlib import Path

import apsw
import pytest
import sqlite_vec
import yaml

from autograder.units import unit_module

checks = unit_module("lab04", "checks")
QUESTIONS = checks.QUESTIONS
ANSWERABLE = [q for q in QUESTIONS if q["answerable"]]
UNANSWERABLE = [q for q in QUESTIONS if not q["answerable"]]
SCENARIOS = Path(__file__).resolve().parents[1] / "fixtures" / "scenarios"


def scenario(name: str) -> dict:
    return checks.scenario_with_citations({"name": name, **yaml.safe_load((SCENARIOS / f"{name}.yaml").read_text())})


@pytest.mark.points(6)
@pytest.mark.hint("One chunk per def and class directly in the module, and per def directly in a class (symbol "
                  "'Class.method'); lines 1-based and inclusive, from the first decorator to node.end_lineno; a class's "
                  "own chunk ends the line before its first method; @overload stubs are skipped; text = those lines.")
def test_chunks_are_the_functions_classes_and_methods(run):
    trace = run(checks.NO_LLM, "chunk", modules=list(checks.MODULES))
    assert trace["ok"], trace["error"]
    chunks = trace["result"]["chunks"]
    wrong = []
    for path in checks.MODULES:
        expected = checks.symbols(path)
        got = {c["symbol"]: c for c in chunks if c["path"] == path}
        missing, extra = sorted(set(expected) - set(got)), sorted(set(got) - set(expected))
        wrong += [f"{path}: no chunk for {missing[:5]}"] if missing else []
        wrong += [f"{path}: chunks that are not symbols of the contract {extra[:5]}"] if extra else []
        for symbol in set(expected) & set(got):
            c, (start, end) = got[symbol], expected[symbol]
            if (c["start"], c["end"]) != (start, end):
                wrong.append(f"{path}:{symbol} has lines {c['start']}-{c['end']}; expected {start}-{end}")
            elif c["text"] != "\n".join(checks.lines_of(path)[start - 1:end]):
                wrong.append(f"{path}:{symbol}'s text is not lines {start}-{end} of the file")
    assert len(chunks) == len({(c["path"], c["symbol"]) for c in chunks}), "a symbol has more than one chunk"
    assert not wrong, "\n".join(wrong[:12])


@pytest.mark.points(5)
@pytest.mark.hint("Index.build stores one row per chunk in a sqlite-vec vec0 virtual table (opened with apsw, the "
                  "extension loaded), committed to the file; vector_search ranks (chunk id, cosine similarity), "
                  "most similar first.")
def test_the_index_is_a_sqlite_vec_table_in_the_file(run, services):
    db = str(Path(services.folder) / "exceptions.db")
    question = "Which exception do I raise when a parameter's value is invalid?"
    trace = run(checks.NO_LLM, "small_index", db_path=db, module="exceptions.py", questions=[question])
    assert trace["ok"], trace["error"]
    chunks, found = trace["result"]["chunks"], trace["result"]["found"][0]
    connection = apsw.Connection(db)
    connection.enable_load_extension(True)
    connection.load_extension(sqlite_vec.loadable_path())
    tables = [name for name, sql in connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
              if "using vec0" in (sql or "").lower()]
    assert tables, f"{db} holds no vec0 virtual table (CREATE VIRTUAL TABLE ... USING vec0(...))"
    counts = [connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables]
    assert len(chunks) in counts, f"the vec0 table(s) hold {counts} rows; exceptions.py has {len(chunks)} chunks"
    similarities = [f["similarity"] for f in found]
    assert len(found) == 5 and similarities == sorted(similarities, reverse=True), \
        f"vector_search(question, 5) should give 5 chunks, most similar first: {similarities}"
    assert all(-1.0 <= s <= 1.0 for s in similarities), f"cosine similarities lie in [-1, 1]: {similarities}"
    assert "BadParameter" in [f["symbol"] for f in found[:3]], \
        f"the nearest chunks to {question!r} were {[f['symbol'] for f in found]}"


RANKINGS = [[3, 1, 4, 7, 5], [9, 2, 6, 5, 3], [5, 8, 9, 7]]


@pytest.mark.points(4)
@pytest.mark.hint("Reciprocal rank fusion: score(id) = sum over the rankings of 1 / (rrf_k + rank), with rank 1 for "
                  "the first item of a ranking (not 0); best first.")
def test_fusion_is_reciprocal_rank_fusion(run):
    trace = run(checks.NO_LLM, "fuse", rankings=RANKINGS, rrf_k=60)
    assert trace["ok"], trace["error"]
    fused = trace["result"]["fused"]
    expected = checks.rrf(RANKINGS, 60)
    assert sorted(i for i, _ in fused) == sorted(expected), f"fused ids {[i for i, _ in fused]}; expected {sorted(expected)}"
    wrong = [f"{i}: {s:.6f}, expected {expected[i]:.6f}" for i, s in fused if abs(s - expected[i]) > 1e-9]
    assert not wrong, "RRF scores: " + "; ".join(wrong)
    assert [s for _, s in fused] == sorted((s for _, s in fused), reverse=True), "the fusion is not best first"


def hybrid_problems(result: dict, candidates: int, rrf_k: int) -> list[str]:
    """What is wrong with one question's hybrid top 5, judged by fusing the returned rankings here."""
    def key(item):
        return item["path"], item["symbol"], item["start"]
    vector, keyword = result["vector"], result["keyword"]
    problems = []
    if len(vector) != candidates:
        problems.append(f"the vector ranking has {len(vector)} chunks; settings.candidates is {candidates}")
    if [v["score"] for v in vector] != sorted((v["score"] for v in vector), reverse=True):
        problems.append("the vector ranking is not most similar first")
    fused = checks.rrf([[key(v) for v in vector], [key(w) for w in keyword]], rrf_k)
    best = sorted(fused.values(), reverse=True)[:5]
    got = [fused.get(key(h)) for h in result["hybrid"]]
    if None in got or len(got) != len(best) or any(abs(a - b) > 1e-9 for a, b in zip(sorted(got, reverse=True), best)):
        problems.append(f"the hybrid top 5 {[h['symbol'] for h in result['hybrid']]} is not the RRF of the two "
                        "rankings returned")
    return problems


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(5)
@pytest.mark.hint("search(question, k): the top settings.candidates of vector_search and of keyword_search, fused "
                  "with reciprocal rank fusion (rrf_k from the settings); the k best fused chunks.")
def test_hybrid_search_fuses_the_two_rankings(run):
    found = checks.retrieve(run, QUESTIONS[:8], rankings=True)
    problems = [f"{q['id']}: {p}" for q, r in zip(QUESTIONS, found["results"])
                for p in hybrid_problems(r, found["candidates"], found["rrf_k"])]
    assert not problems, "\n".join(problems[:8])
    assert any(r["keyword"] for r in found["results"]), "keyword_search found nothing for any question"


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(10)
@pytest.mark.hint("The metrics are computed by the grader from your hybrid top 5 and the labels; see the lab README "
                  "for the thresholds and what usually costs recall (embedding whole bodies, keyword search on "
                  "unsplit identifiers, one ranking instead of both).")
def test_retrieval_meets_the_thresholds_on_the_visible_questions(run):
    found = checks.retrieve(run, QUESTIONS)
    measured = checks.mean_scores([r["hybrid"] for r in found["results"]], QUESTIONS)
    short = checks.short_of(measured, checks.THRESHOLDS["visible"])
    assert not short, f"hybrid retrieval on the visible questions: {', '.join(short)}"


CASES = [
    {"ranked": [["a.py", "x"], ["a.py", "y"], ["b.py", "z"], ["c.py", "w"]], "relevant": [["b.py", "z"], ["d.py", "v"]], "k": 5},
    {"ranked": [["a.py", "x"], ["a.py", "y"]], "relevant": [["a.py", "x"]], "k": 5},
    {"ranked": [["a.py", "x"], ["a.py", "y"], ["a.py", "z"]], "relevant": [["q.py", "q"]], "k": 5},
    {"ranked": [["m.py", "1"], ["m.py", "2"], ["m.py", "3"], ["m.py", "4"], ["m.py", "5"], ["m.py", "6"]],
     "relevant": [["m.py", "6"], ["m.py", "2"], ["m.py", "5"]], "k": 5},
    {"ranked": [["m.py", "1"], ["m.py", "2"], ["m.py", "3"]], "relevant": [["m.py", "3"]], "k": 2},
    {"ranked": [["m.py", "1"], ["m.py", "2"], ["m.py", "3"]], "relevant": [["m.py", "1"], ["m.py", "3"], ["n.py", "1"]],
     "k": 2},
]


@pytest.mark.points(5)
@pytest.mark.hint("hit@k: any relevant in the first k; recall@k: relevant found in the first k / all relevant; "
                  "reciprocal rank: 1/rank of the first relevant (1-based) in the whole ranking; nDCG@k: sum of "
                  "1/log2(rank+1) over relevant in the first k, over the same sum for min(len(relevant), k) at the top.")
def test_the_metric_functions(run):
    trace = run(checks.NO_LLM, "metrics", cases=CASES)
    assert trace["ok"], trace["error"]
    wrong = []
    for number, (case, got) in enumerate(zip(CASES, trace["result"]["metrics"]), start=1):
        relevant = {tuple(r) for r in case["relevant"]}
        flags = [tuple(item) in relevant for item in case["ranked"]]
        k = case["k"]
        expected = checks.scores(flags[:k] + [False] * 0, len(relevant), k)
        first = next((rank for rank, flag in enumerate(flags, start=1) if flag), None)
        expected["mrr"] = 1 / first if first else 0.0
        for name, mine in (("hit_rate@5", "hit"), ("recall@5", "recall"), ("mrr", "rr"), ("ndcg@5", "ndcg")):
            if abs(got[mine] - expected[name]) > 1e-9:
                wrong.append(f"case {number}: {mine} {got[mine]:.4f}, expected {expected[name]:.4f}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.points(2)
@pytest.mark.hint("Refusal accuracy: the share of questions where the system refused exactly when the question was "
                  "unanswerable (refused == not answerable).")
def test_refusal_accuracy(run):
    refused, answerable = [True, False, False, True, False], [False, True, False, True, True]
    trace = run(checks.NO_LLM, "refusal_accuracy", refused=refused, answerable=answerable)
    assert trace["ok"], trace["error"]
    assert abs(trace["result"]["accuracy"] - 0.6) < 1e-9, f"refusal accuracy {trace['result']['accuracy']}; expected 0.6"


ASKED = ["How do I prompt the user to type in a value?", "How do I clear the terminal screen?",
         "Where should my application store its configuration folder on each operating system?",
         "How do I add a positional argument to a command?"]


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(6)
@pytest.mark.hint("answer: one call with ANSWER_SYSTEM and question_message(question, chunks) of the retrieved "
                  "chunks; keep a citation only when its lines lie within one chunk that was sent (same file, "
                  "start <= end, both inside); none left (or 'I don't know'): refused.")
def test_answers_keep_only_citations_within_what_was_sent(run, provider):
    trace = checks.answers(run, scenario("cited-answers"), provider, ASKED)
    assert trace["ok"], trace["error"]
    assert len(trace["sent"]) == len(ASKED), f"{len(trace['sent'])} model calls for {len(ASKED)} answerable questions"
    for number, (request, served, got) in enumerate(zip(trace["sent"], trace["served"], trace["result"]["answers"])):
        assert got["raised"] is None, f"answer raised {got['raised']}"
        spans, wrong = checks.sent_spans(request)
        assert spans and not wrong, f"question {number + 1}: the excerpts sent: {wrong or 'none with a heading'}"
        valid, invalid = checks.grounded(served["text"], spans)
        assert got["citations"] == valid, f"question {number + 1}: citations {got['citations']}; the grader finds " \
                                          f"{valid} within the excerpts sent ({invalid} are not)"
        assert sorted(got["rejected"]) == sorted(invalid), f"question {number + 1}: rejected {got['rejected']}; expected {invalid}"
        assert got["refused"] == (not valid), f"question {number + 1}: refused is {got['refused']} with valid " \
                                              f"citations {valid}"
    assert trace["result"]["answers"][0]["citations"], "the first answer's citations were all valid and kept"


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(6)
@pytest.mark.hint("When retrieval is weak (the best cosine similarity below settings.min_similarity), answer "
                  "'I don't know' (refused) without calling the model.")
def test_unanswerable_questions_are_refused_without_a_call(run):
    trace = checks.answers(run, checks.NO_LLM, "anthropic", [q["question"] for q in UNANSWERABLE])
    assert not trace["sent"], f"{len(trace['sent'])} model calls for questions click's source cannot answer"
    assert trace["ok"], trace["error"]
    got = trace["result"]["answers"]
    wrong = [q["id"] for q, a in zip(UNANSWERABLE, got) if a["raised"] or not a["refused"]]
    assert not wrong, f"not refused: {wrong}"


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(5)
@pytest.mark.hint("evaluate: the four retrieval metrics averaged over the answerable questions and refusal accuracy "
                  "over all; write_report writes report.json (the result), report.md and chart.png.")
def test_the_report_and_chart(run, services):
    folder = Path(services.folder) / "report"
    questions = QUESTIONS[::3]  # a third of the set, unanswerable ones included: one job has 20 s
    trace = checks.once_built(run, checks.NO_LLM, "report", questions=questions, folder=str(folder))
    assert trace["ok"], trace["error"]
    names = ("report.json", "report.md", "chart.png")
    missing = [n for n in names if not (folder / n).is_file()]
    assert not missing, f"not written: {missing}"
    assert (folder / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "chart.png is not a PNG image"
    import json
    reported = json.loads((folder / "report.json").read_text())["metrics"]
    found = checks.retrieve(run, questions, rankings=True)
    measured = checks.mean_scores([r["hybrid"] for r in found["results"]], questions)
    wrong = [f"{name}: reported {reported.get(name)}, the grader measures {value:.4f}"
             for name, value in measured.items() if not isinstance(reported.get(name), (int, float))
             or abs(reported[name] - value) > 1e-6]
    assert not wrong, "\n".join(wrong)
    refusals = [r["vector"][0]["score"] < 0.27 for r in found["results"]]
    accuracy = sum(r != q["answerable"] for r, q in zip(refusals, questions)) / len(questions)
    assert abs(reported.get("refusal_accuracy", -1) - accuracy) < 1e-6, \
        f"refusal_accuracy reported {reported.get('refusal_accuracy')}; the grader measures {accuracy:.4f}"
    text = (folder / "report.md").read_text()
    assert all(name in text for name in (*measured, "refusal_accuracy")), "report.md should name every metric"
