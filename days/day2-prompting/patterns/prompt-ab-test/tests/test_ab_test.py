"""Prompt A/B test graded tests. Each runs your `abtest` package in its own process through ../driver.py. The model
calls are answered by incidents.yaml, whose replies are authored (see its header); the tests read what your code
sent (from the grader's side) and the numbers it returned, and compare them with known values and with the
numbers the lesson prints."""
import re
from pathlib import Path

import numpy as np
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "statistics call no model"}, "exchanges": []}
README = Path(__file__).resolve().parents[1] / "README.md"
# Exact two-sided McNemar p-values, 2 * P(Binomial(n, 1/2) <= min) capped at 1 (as R's binom.test(b, b + c) gives).
KNOWN = [((1, 6), 0.125), ((6, 1), 0.125), ((3, 7), 0.34375), ((1, 11), 0.00634765625), ((0, 0), 1.0),
         ((5, 5), 1.0), ((0, 5), 0.0625), ((0, 1), 1.0), ((2, 9), 0.0654296875), ((10, 25), 0.01667384780012071),
         ((25, 50), 0.0052282430040142824)]


def paired(n_both: int, a_only: int, b_only: int, n_neither: int) -> list[list[bool]]:
    a = [True] * n_both + [True] * a_only + [False] * b_only + [False] * n_neither
    b = [True] * n_both + [False] * a_only + [True] * b_only + [False] * n_neither
    return [a, b]


@pytest.mark.points(3)
@pytest.mark.hint("mcnemar_exact(a_only, b_only): only discordant items count. n = a_only + b_only; p = min(1, 2 * "
                  "P(X <= min(a_only, b_only))) for X ~ Binomial(n, 1/2), computed exactly (math.comb); 1.0 when n "
                  "is 0. Not the chi-square approximation, not one-sided, never above 1.")
def test_mcnemar_exact_matches_known_values(run):
    trace = run(NO_LLM, "p_values", pairs=[list(pair) for pair, _ in KNOWN])
    assert trace["ok"], f"mcnemar_exact failed: {trace['error']}"
    wrong = [f"mcnemar_exact{pair} = {got}, expected {want}" for (pair, want), got in zip(KNOWN, trace["result"])
             if got != pytest.approx(want, rel=1e-9, abs=1e-12)]
    assert not wrong, "\n  ".join(wrong)


@pytest.mark.points(3)
@pytest.mark.hint("paired_bootstrap_ci(a, b, seed=...): resample ITEM indices with replacement (numpy's "
                  "default_rng(seed)), keep each item's A and B results together, take the mean of b - a per "
                  "resample, and return the 2.5% and 97.5% quantiles. Resampling A and B separately loses the "
                  "pairing and gives a far wider interval.")
def test_the_bootstrap_interval_is_paired_and_reproducible(run):
    cases = [paired(20, 0, 4, 16), paired(23, 3, 7, 7), paired(30, 0, 0, 10)]
    results = []
    for a, b in cases:
        trace = run(NO_LLM, "bootstrap", a=a, b=b, seeds=[1, 1, 2])
        assert trace["ok"], f"paired_bootstrap_ci failed: {trace['error']}"
        results.append(trace["result"])
    for (a, b), (first, again, other) in zip(cases, results):
        assert first == again, f"the same seed gives the same interval: {first} then {again}"
        d = np.array(b, float) - np.array(a, float)
        observed, spread = d.mean(), 1.96 * d.std() / np.sqrt(len(d))
        for low, high in (first, other):
            assert low <= observed <= high, f"[{low}, {high}] misses the observed difference {observed}"
            assert abs(low - (observed - spread)) <= 0.05 and abs(high - (observed + spread)) <= 0.05, \
                f"[{low:.3f}, {high:.3f}] is far from the paired interval [{observed - spread:.3f}, {observed + spread:.3f}]"
    low, high = results[0][0]
    assert low > 0, f"4 items better and none worse out of 40, all else equal: a paired interval excludes 0, not [{low}, {high}]"
    assert results[2][0] == [0.0, 0.0], f"identical results: the interval is [0, 0], not {results[2][0]}"


@pytest.mark.points(3)
@pytest.mark.hint("compare(a, b): difference = accuracy_b - accuracy_a; a_only / b_only are the discordant counts; "
                  "p_value from mcnemar_exact; significant = p_value < alpha (0.05); winner is 'A' or 'B' only when "
                  "significant, else None. Results of different lengths are not paired: ValueError.")
def test_compare_names_a_winner_only_when_the_difference_is_significant(run):
    cases = [paired(20, 1, 11, 8), paired(20, 11, 1, 8), paired(20, 3, 7, 10), paired(10, 0, 5, 25),
             [[True, False, True], [True, True]]]
    trace = run(NO_LLM, "compare", cases=cases)
    assert trace["ok"], f"compare failed: {trace['error']}"
    b_wins, a_wins, unclear, edge, unequal = trace["result"]
    assert {k: b_wins.get(k) for k in ("n", "correct_a", "correct_b", "a_only", "b_only")} == \
        {"n": 40, "correct_a": 21, "correct_b": 31, "a_only": 1, "b_only": 11}, b_wins
    assert (b_wins["accuracy_a"], b_wins["accuracy_b"], b_wins["difference"], b_wins["p_value"]) == \
        pytest.approx((0.525, 0.775, 0.25, 0.00634765625)), b_wins
    assert (b_wins["significant"], b_wins["winner"]) == (True, "B"), b_wins
    assert (a_wins["difference"], a_wins["significant"], a_wins["winner"]) == (pytest.approx(-0.25), True, "A"), a_wins
    assert (unclear["difference"], unclear["p_value"]) == pytest.approx((0.1, 0.34375)), unclear
    assert (unclear["significant"], unclear["winner"]) == (False, None), \
        f"+10 points with p = 0.34 is not a win: {unclear}"
    assert (edge["p_value"], edge["significant"], edge["winner"]) == (pytest.approx(0.0625), False, None), \
        f"5 to 0 gives p = 0.0625, above 0.05: {edge}"
    assert "ValueError" in unequal, f"3 results for A and 2 for B are not paired: {unequal}"


@pytest.mark.points(3)
@pytest.mark.hint("score_prompt: one call per item, the prompt as the system prompt and the report as the user "
                  "message; True when the extracted label equals the item's label. A reply with no SEVERITY line "
                  "counts as WRONG: dropping it would unpair A and B.")
def test_every_item_is_scored_and_an_unreadable_reply_is_wrong(run, provider):
    trace = run("incidents", "ab_test", provider=provider, pairs=[["A", "B"]])
    assert trace["ok"], f"ab_test failed: {trace['error']}"
    sent, result = trace["sent"], trace["result"]
    prompts, items = result["prompts"], result["items"]
    assert len(sent) == 80, f"{len(sent)} calls; 40 items under two prompts make 80"
    for request, (text, _) in zip(sent, items + items):
        users = [t for role, t in request["messages"] if role == "user"]
        assert users and text in users[-1], f"each item's report is the user message, in order: {users}"
    assert [r["system"] for r in sent] == [prompts["A"]] * 40 + [prompts["B"]] * 40, \
        "prompt A for every item, then prompt B, each as the system prompt"
    got = result["results"][0]
    assert (got["n"], got["correct_a"], got["correct_b"]) == (40, 26, 30), \
        f"n, correct_a, correct_b = {got['n']}, {got['correct_a']}, {got['correct_b']}; two of A's replies have no " \
        "SEVERITY line and count as wrong"


def lesson_line(pair: str) -> dict:
    line = next((line for line in README.read_text().splitlines() if line.startswith(f"{pair}:")), None)
    assert line is not None, f"README.md has no line starting {pair!r}"
    a, b = pair.split(" vs ")
    found = re.search(rf"{a} (\d+)/(\d+) .*?, {b} (\d+)/\d+ .*?{a} only (\d+), {b} only (\d+), McNemar p = ([\d.]+), "
                      r"95% CI \[([-+\d.]+), ([-+\d.]+)\] points: (.*)$", line)
    assert found, f"README.md's line is not in the report's format: {line}"
    correct_a, n, correct_b, a_only, b_only = (int(found.group(i)) for i in range(1, 6))
    return {"n": n, "correct_a": correct_a, "correct_b": correct_b, "a_only": a_only, "b_only": b_only,
            "p_value": float(found.group(6)), "ci": [float(found.group(7)) / 100, float(found.group(8)) / 100],
            "winner": None if found.group(9) == "no significant difference" else
            {a: "A", b: "B"}[found.group(9).removesuffix(" wins")]}


@pytest.mark.points(3)
@pytest.mark.hint("ab_test scores prompt A and prompt B on every item and compares them; the lesson's lines "
                  "'A vs B: ...' and 'A vs C: ...' are what the reference measured on incidents.yaml, and your "
                  "numbers must agree (the bootstrap interval to within 5 points).")
def test_the_lesson_reports_what_the_test_measures(run, provider):
    trace = run("incidents", "ab_test", provider=provider, pairs=[["A", "B"], ["A", "C"]])
    assert trace["ok"], f"ab_test failed: {trace['error']}"
    problems = []
    for pair, got in zip(("A vs B", "A vs C"), trace["result"]["results"]):
        want = lesson_line(pair)
        exact = {k: got.get(k) for k in ("n", "correct_a", "correct_b", "a_only", "b_only", "winner")}
        if exact != {k: want[k] for k in exact}:
            problems.append(f"{pair}: measured {exact}; the lesson says {want}")
        if got.get("p_value") != pytest.approx(want["p_value"], abs=5e-5):
            problems.append(f"{pair}: p = {got.get('p_value')}; the lesson says {want['p_value']}")
        if not got.get("ci") or any(abs(x - y) > 0.05 for x, y in zip(got["ci"], want["ci"])):
            problems.append(f"{pair}: CI {got.get('ci')}; the lesson says {want['ci']}")
    assert not problems, "\n  ".join(problems)
