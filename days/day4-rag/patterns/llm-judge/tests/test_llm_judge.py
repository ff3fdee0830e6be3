"""LLM-judge graded tests. Each runs your `rag_judge` package in its own process through ../driver.py, with
`agentkit.Client(provider)` answered by fixtures/scenarios/judge.yaml or labelled.yaml (authored verdicts; see
their headers). What your judge sent is read from the grader's record of the requests (`trace["sent"]`); the
labelled set is ../data/labels.jsonl."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

UNIT = Path(__file__).parents[1]
LABELS = [json.loads(line) for line in (UNIT / "data" / "labels.jsonl").read_text().splitlines() if line.strip()]
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "statistics call no model"}, "exchanges": []}

VERSION_Q = "What does version_option add?"
VERSION_CONTEXT = ("version_option: Add a --version option which immediately prints the version number and exits "
                   "the program.")
VERSION_ANSWER = "version_option adds --version, which prints the version and exits; --version reads the version " \
                 "from pyproject.toml."
PASSWORD_Q = "What is hide_input for?"
PASSWORD_CONTEXT = ("hide_input: if this is True then the input on the prompt will be hidden from the user. This is "
                    "useful for password input.")
PASSWORD_ANSWER = "hide_input=True hides the typed text and stores the password in the keyring."
REQUIRED_Q = "How do I make a click option required?"
ENVVAR = ("How do I read an option from an environment variable?",
          "envvar: a string or list of strings that are environment variables that should be checked.",
          "Pass envvar=\"NAME\" to click.option.", "Environment variables are a Unix feature.")
HIDE = ("How do I hide what the user types at a prompt?", PASSWORD_CONTEXT,
        "Use hide_input=True on the option.", "Use prompt=True together with hide_input=True on the option.")
SECHO = ("What does click.secho combine?", "secho: This function combines echo and style into one call.",
         "echo and style, in one call.", "It combines echo and style.")


def value(trace: dict):
    assert trace["ok"], f"the job failed: {trace['error']}"
    result = trace["result"]
    assert "value" in result, f"raised {result['raised']}: {result['message']}"
    return result["value"]


def user_text(request: dict) -> str:
    users = [text for role, text in request["messages"] if role == "user"]
    return users[-1] if users else ""


def kappa(a, b):
    """The grader's own Cohen's kappa."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[k] * count_b[k] for k in count_a) / n / n
    return (observed - expected) / (1 - expected)


def served_verdicts() -> dict[str, bool | None]:
    """What labelled.yaml's judge says for each item, by the item's answer: None where the reply is no verdict."""
    scenario = yaml.safe_load((UNIT / "fixtures" / "scenarios" / "labelled.yaml").read_text())
    found = {}
    for exchange in scenario["exchanges"]:
        text = exchange["reply"]["text"].strip()
        body = re.sub(r"^```(json)?\s*|```$", "", text).strip()
        try:
            found[exchange["when"]["user"]] = json.loads(body)["faithful"]
        except ValueError:
            found[exchange["when"]["user"]] = None
    return found


@pytest.mark.points(3)
@pytest.mark.hint("judge_faithfulness: FAITHFULNESS_RUBRIC is the system prompt; the user turn holds the question, "
                  "the context and the answer. Parse the reply with FaithfulnessVerdict; passed = verdict.faithful, "
                  "and keep its unsupported_claims.")
def test_faithfulness_sends_the_rubric_and_the_material_and_reads_the_verdict(run, provider):
    trace = run("judge", "faithfulness", provider=provider, question=VERSION_Q, context=VERSION_CONTEXT,
                answer=VERSION_ANSWER)
    got = value(trace)
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} requests for one verdict"
    sent = trace["sent"][0]
    rubric = trace["result"]["rubric"]
    assert sent["system"] == rubric, "FAITHFULNESS_RUBRIC goes as the system prompt, and only it"
    for field in ("unsupported_claims", "faithful"):
        assert field in rubric, f"the rubric names the JSON field {field!r} the verdict must have"
    user = user_text(sent)
    for part, text in (("question", VERSION_Q), ("context", VERSION_CONTEXT), ("answer", VERSION_ANSWER)):
        assert text in user, f"the {part} is not in the user turn, word for word"
    assert VERSION_ANSWER not in sent["system"], "the material goes in the user turn, not into the rubric"
    assert got == {"passed": False, "unsupported_claims": ["the version is read from pyproject.toml"]}, got


@pytest.mark.points(2)
@pytest.mark.hint("A reply that fails FaithfulnessVerdict's validation (here it lists an unsupported claim and still "
                  "says faithful: true) is no verdict: passed=None, not an exception and never a pass.")
def test_a_verdict_that_contradicts_itself_is_no_verdict(run, provider):
    got = value(run("judge", "faithfulness", provider=provider, question=PASSWORD_Q, context=PASSWORD_CONTEXT,
                    answer=PASSWORD_ANSWER))
    assert got["passed"] is None, f"a self-contradicting verdict became passed={got['passed']!r}"


@pytest.mark.points(3)
@pytest.mark.hint("judge_relevance: RELEVANCE_RUBRIC as the system prompt, the question and the answer in the user "
                  "turn. Read a verdict in a ```json fence; prose is no verdict (passed=None).")
def test_relevance_reads_fenced_verdicts_and_refuses_prose(run, provider):
    cases = [("Pass required=True to click.option.", True),
             ("click.option takes a help string that --help shows.", False),
             ("Options are optional by design, so there is nothing to do.", None)]
    for answer, want in cases:
        trace = run("judge", "relevance", provider=provider, question=REQUIRED_Q, answer=answer)
        got = value(trace)
        assert got["passed"] is want, f"{answer!r}: passed={got['passed']!r}, expected {want}"
        sent = trace["sent"][0]
        assert sent["system"] == trace["result"]["rubric"], "RELEVANCE_RUBRIC goes as the system prompt"
        assert "relevant" in sent["system"], "the rubric names the JSON field 'relevant'"
        assert REQUIRED_Q in user_text(sent) and answer in user_text(sent), "the question and answer are sent"


@pytest.mark.points(4)
@pytest.mark.hint("compare: two requests, the first with `first` as answer A and `second` as B, the second swapped. "
                  "Map each verdict back to first/second: the same winner twice wins; a disagreement, a tie or a "
                  "reply that is not a verdict is 'tie'.")
def test_pairwise_runs_both_orders_and_an_inconsistent_verdict_is_a_tie(run, provider):
    for (question, context, first, second), want in ((ENVVAR, "first"), (HIDE, "tie"), (SECHO, "tie")):
        trace = run("judge", "compare", provider=provider, question=question, context=context, first=first,
                    second=second)
        got = value(trace)
        assert len(trace["sent"]) == 2, f"{question!r}: {len(trace['sent'])} requests; one per order, two in all"
        one, two = (user_text(s) for s in trace["sent"])
        for text in (one, two):
            assert first in text and second in text and question in text, "each request holds both answers"
        assert one.index(first) < one.index(second), "the first request puts `first` in position A"
        assert two.index(second) < two.index(first), "the second request swaps them"
        assert got == want, f"{question!r}: got {got!r}, expected {want!r}"


@pytest.mark.points(3)
@pytest.mark.hint("cohens_kappa = (p_o - p_e) / (1 - p_e): p_o the share of items labelled alike, p_e the sum over "
                  "labels of (share of rater a using it) * (share of rater b using it). Any hashable labels.")
def test_cohens_kappa_matches_hand_computed_values(run):
    # 10 items, 4+4 agree, 1+1 disagree: p_o = 0.8, p_e = 0.5*0.5 + 0.5*0.5 = 0.5, kappa = 0.6
    a = [True] * 5 + [False] * 5
    b = [True] * 4 + [False] + [True] + [False] * 4
    # 100 items (45 TT, 15 TF, 25 FT, 15 FF): p_o = 0.6, p_e = 0.6*0.7 + 0.4*0.3 = 0.54, kappa = 0.06/0.46
    c = [True] * 60 + [False] * 40
    d = [True] * 45 + [False] * 15 + [True] * 25 + [False] * 15
    # three labels, rows x: [10, 2, 0], [1, 8, 3], [0, 2, 4]: p_o = 22/30, p_e = 318/900, kappa = 342/582
    x = ["ok"] * 12 + ["partly"] * 12 + ["wrong"] * 6
    y = ["ok"] * 10 + ["partly"] * 2 + ["ok"] + ["partly"] * 8 + ["wrong"] * 3 + ["partly"] * 2 + ["wrong"] * 4
    for first, second, want in ((a, b, 0.6), (c, d, 0.06 / 0.46), (d, c, 0.06 / 0.46), (x, y, 342 / 582)):
        got = value(run(NO_LLM, "statistic", name="kappa", args=[first, second]))
        assert isinstance(got, float) and abs(got - want) < 1e-9, f"kappa = {got!r}, expected {want:.6f}"
    got = value(run(NO_LLM, "statistic", name="agreement", args=[c, d]))
    assert abs(got - 0.6) < 1e-12, f"agreement = {got!r}, expected 0.6"
    for bad in ([[True, False], [True]], [[], []], [[True, True, True], [True, True, True]]):
        result = run(NO_LLM, "statistic", name="kappa", args=bad)["result"]
        assert result.get("raised") == "ValueError", f"kappa{tuple(bad)} should raise ValueError; got {result}"


@pytest.mark.points(2)
@pytest.mark.hint("confusion_matrix(human, judge, labels=(True, False)): counts[i][j] = items the human labelled "
                  "labels[i] and the judge labelled labels[j] (rows are the human's labels).")
def test_the_confusion_matrix_has_the_human_in_rows(run):
    c = [True] * 60 + [False] * 40
    d = [True] * 45 + [False] * 15 + [True] * 25 + [False] * 15
    assert value(run(NO_LLM, "statistic", name="confusion", args=[c, d])) == [[45, 15], [25, 15]]
    got = value(run(NO_LLM, "statistic", name="confusion", args=[["b", "a", "a"], ["a", "a", "c"], ["a", "b", "c"]]))
    assert got == [[1, 0, 1], [1, 0, 0], [0, 0, 0]], f"labels a, b, c: got {got}"


@pytest.mark.points(4)
@pytest.mark.hint("calibrate(human, judge): leave out items whose judge verdict is None (count them in no_verdict); "
                  "agreement, kappa and the confusion matrix over the rest. Run your judge over every labelled item.")
def test_the_judge_is_calibrated_on_the_labelled_set(run, provider):
    trace = run("labelled", "calibration", provider=provider, items=LABELS)
    assert trace["ok"], f"the job failed: {trace['error']}"
    result = trace["result"]
    assert len(trace["sent"]) == len(LABELS), f"{len(trace['sent'])} requests for {len(LABELS)} labelled answers"
    for item in LABELS:
        assert sum(item["answer"] in user_text(s) for s in trace["sent"]) == 1, f"{item['id']} is not judged once"
    served = served_verdicts()
    want_verdicts = [served[item["answer"]] for item in LABELS]
    assert result["verdicts"] == want_verdicts, "the judge's verdicts are not what the judge model answered"
    assert "value" in result, f"calibrate raised {result.get('raised')}: {result.get('message')}"
    got = result["value"]
    kept = [(item["faithful"], v) for item, v in zip(LABELS, want_verdicts) if v is not None]
    human, judge = [h for h, _ in kept], [j for _, j in kept]
    assert (got["n"], got["no_verdict"]) == (len(kept), len(LABELS) - len(kept)), got
    assert abs(got["agreement"] - sum(h == j for h, j in kept) / len(kept)) < 1e-9, got
    assert abs(got["kappa"] - kappa(human, judge)) < 1e-9, got
    pairs = Counter(kept)
    assert got["confusion"] == [[pairs[(True, True)], pairs[(True, False)]],
                                [pairs[(False, True)], pairs[(False, False)]]], got
