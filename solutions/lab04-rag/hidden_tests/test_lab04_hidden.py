"""Lab 04 hidden tests: another labelled question set (thresholds on the grader's own metrics), refusals of more
unanswerable questions, chunking of other modules of click, fusion with another constant, and citations that run
backwards or start before their excerpt."""
from pathlib import Path

import pytest
import yaml

from autograder.units import unit_module

checks = unit_module("lab04", "checks")
HERE = Path(__file__).resolve().parent
HIDDEN = checks.load_questions(HERE / "questions.yaml")


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(12)
@pytest.mark.hint("Retrieval on questions you have not seen: hybrid search over code-aware chunks.")
def test_retrieval_meets_the_thresholds_on_the_hidden_questions(run):
    found = checks.retrieve(run, HIDDEN)
    measured = checks.mean_scores([r["hybrid"] for r in found["results"]], HIDDEN)
    short = checks.short_of(measured, checks.THRESHOLDS["hidden"])
    assert not short, f"hybrid retrieval on the hidden questions: {', '.join(short)}"


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(8)
@pytest.mark.hint("Weak retrieval (best cosine below settings.min_similarity): 'I don't know', refused, no call.")
def test_hidden_unanswerable_questions_are_refused_without_a_call(run):
    unanswerable = [q for q in HIDDEN if not q["answerable"]]
    trace = checks.answers(run, checks.NO_LLM, "openai", [q["question"] for q in unanswerable])
    assert not trace["sent"], f"{len(trace['sent'])} model calls for questions click's source cannot answer"
    assert trace["ok"], trace["error"]
    wrong = [q["id"] for q, a in zip(unanswerable, trace["result"]["answers"]) if a["raised"] or not a["refused"]]
    assert not wrong, f"not refused: {wrong}"


@pytest.mark.points(8)
@pytest.mark.hint("Chunking works on any module: overloads, decorated methods, classes without methods.")
def test_other_modules_are_chunked_by_the_contract(run):
    modules = ["core.py", "types.py", "parser.py"]
    trace = run(checks.NO_LLM, "chunk", modules=modules)
    assert trace["ok"], trace["error"]
    chunks = trace["result"]["chunks"]
    wrong = []
    for path in modules:
        expected = checks.symbols(path)
        got = {c["symbol"]: (c["start"], c["end"]) for c in chunks if c["path"] == path}
        wrong += [f"{path}:{s} {got.get(s)} != {span}" for s, span in expected.items() if got.get(s) != span]
        wrong += [f"{path}: unexpected chunk {s}" for s in set(got) - set(expected)]
    assert not wrong, "\n".join(wrong[:12])


@pytest.mark.points(4)
@pytest.mark.hint("rrf_k is a parameter: score = sum of 1 / (rrf_k + rank), rank from 1.")
def test_fusion_with_another_constant(run):
    rankings = [[1, 2, 3], [3, 2, 1], [2, 5]]
    trace = run(checks.NO_LLM, "fuse", rankings=rankings, rrf_k=1)
    assert trace["ok"], trace["error"]
    expected = checks.rrf(rankings, 1)
    fused = trace["result"]["fused"]
    assert [i for i, _ in fused] == sorted(expected, key=lambda i: -expected[i]), f"order {fused}"
    assert all(abs(s - expected[i]) < 1e-9 for i, s in fused), f"scores {fused}; expected {expected}"


@pytest.mark.timeout(checks.BUILD_TIMEOUT)
@pytest.mark.points(8)
@pytest.mark.hint("A citation holds only when start <= end and both lie inside one excerpt that was sent; repeats "
                  "are kept once.")
def test_citations_that_run_backwards_or_start_early_are_rejected(run):
    scenario = checks.scenario_with_citations(
        {"name": "hidden-citations", **yaml.safe_load((HERE / "fixtures/scenarios/hidden-citations.yaml").read_text())})
    questions = ["How do I add a --help flag that prints the help page?",
                 "What error is raised when a file cannot be opened?"]
    trace = checks.answers(run, scenario, "openai", questions)
    assert trace["ok"], trace["error"]
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} model calls for 2 answerable questions"
    for request, served, got in zip(trace["sent"], trace["served"], trace["result"]["answers"]):
        spans, wrong = checks.sent_spans(request)
        assert not wrong, wrong
        valid, invalid = checks.grounded(served["text"], spans)
        assert got["citations"] == valid, f"citations {got['citations']}; the grader finds {valid} ({invalid} are not)"
        assert sorted(got["rejected"]) == sorted(invalid), f"rejected {got['rejected']}; expected {invalid}"
    assert len(trace["result"]["answers"][0]["rejected"]) == 2, "the backwards and the early citation are rejected"
