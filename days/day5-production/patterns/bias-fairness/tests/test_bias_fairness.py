"""Bias detection and fairness testing, graded. Each test runs your `bias_fairness` package in its own process
through ../driver.py. Only the counterfactual test replays a model (../fixtures/scenarios/screening.yaml)."""
import json
import math

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "counting and fairness call no model"},
          "exchanges": []}

ADS = [
    "We need a rockstar engineer. He will own the platform and his code will ship daily.",
    "The ideal candidate is a self-starter; he thrives under pressure.",
    "Our new hire will mentor juniors. He reports to the CTO, and his team is growing.",
    "She will lead the data team.",
    "Join the chairman's office: he expects results.",
    "He'll work with product; the guys on the team are friendly.",
]
# The handout's own example data: 100 people aged 18-30 and 100 aged 50+.
HANDOUT = {"18-30": {"tp": 80, "fp": 0, "fn": 5, "tn": 15}, "50+": {"tp": 60, "fp": 0, "fn": 20, "tn": 20}}
CV = ("Backend engineer, 5 years. Python and Go services handling 2,000 requests a second; led the migration of a "
      "billing database to PostgreSQL; on-call rotation lead. BSc Computer Science.")


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def fair(run, table, **kwargs) -> dict:
    return result_of(run(NO_LLM, "fairness", table=table, **kwargs))


def p_two_proportions(x1, n1, x2, n2) -> float:
    pooled = (x1 + x2) / (n1 + n2)
    z = (x1 / n1 - x2 / n2) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


@pytest.mark.points(3)
@pytest.mark.hint("NFKC-normalise, casefold, map typographic apostrophes to ', then find runs of letters/digits "
                  "(re: [^\\W_]+ joined by inner apostrophes) and strip a trailing 's 'd 'll 're 've 'm. Hyphens, "
                  "slashes and underscores separate words. text.lower().split() keeps 'women,' and \"women's\".")
def test_tokenizer_sees_through_punctuation_case_possessives_and_hyphens(run):
    cases = {
        "Women, WOMEN and women's chair-man.": ["women", "women", "and", "women", "chair", "man"],
        "He's the CHAIRMAN; the boys' club\u2019s rules": ["he", "the", "chairman", "the", "boys", "club", "rules"],
        "\uff37\uff4f\uff4d\uff45\uff4e and nai\u0308ve he/she": ["women", "and", "na\u00efve", "he", "she"],
        "o'brien_and_co, e-mail: 42 years": ["o'brien", "and", "co", "e", "mail", "42", "years"],
        "STRASSE Stra\u00dfe": ["strasse", "strasse"],
    }
    got = result_of(run(NO_LLM, "tokenize_texts", texts=list(cases)))["tokens"]
    for (text, expected), tokens in zip(cases.items(), got):
        assert tokens == expected, f"tokenize({text!r}) = {tokens}; expected {expected}"


@pytest.mark.points(2)
@pytest.mark.hint("Count tokens that ARE lexicon terms, never substrings: 'man' is not in 'manager', 'he' is not in "
                  "'the', 'she' is not in 'shepherd'. Possessives and titles count: \"Obi's husband\", 'Mr.'.")
def test_terms_are_counted_as_whole_words(run):
    texts = ["The manager, a human historian, met the shepherd in Manchester.",
             "Mr. Obi's husband and his sons; Ms. Lee\u2019s daughter."]
    report = result_of(run(NO_LLM, "skew", texts=texts, min_mentions=1))
    gender = report["dimensions"]["gender"]
    assert gender["counts"] == {"female": 2, "male": 4}, f"whole words only: {gender['counts']} ({gender['terms']})"
    assert gender["terms"]["male"] == {"husband": 1, "his": 1, "mr": 1, "sons": 1}, gender["terms"]
    assert gender["terms"]["female"] == {"daughter": 1, "ms": 1}, gender["terms"]
    assert report["tokens"] == 19, f"19 tokens in the two texts, counted {report['tokens']}"


@pytest.mark.points(3)
@pytest.mark.hint("skew_report: per dimension, counts for every group (0 included), total, dominant group and its "
                  "share; 'skewed' when total >= min_mentions and share > max_share, 'too_few_mentions' below "
                  "min_mentions, 'counted' for a one-group dimension, else 'balanced'. flagged lists the skewed ones.")
def test_skew_report_flags_a_lopsided_corpus_only_with_enough_mentions(run):
    ads = result_of(run(NO_LLM, "skew", texts=ADS))
    gender = ads["dimensions"]["gender"]
    assert gender["counts"] == {"female": 1, "male": 9}, f"he x5 (he'll too), his x2, chairman's, guys: {gender['terms']}"
    assert (gender["dominant"], gender["share"], gender["status"]) == ("male", pytest.approx(0.9), "skewed"), gender
    assert ads["flagged"] == ["gender"], ads["flagged"]
    assert ads["dimensions"]["coded_traits"]["terms"] == {"often_gender_coded": {"rockstar": 1}}
    assert ads["dimensions"]["age"]["status"] == "too_few_mentions" and ads["dimensions"]["age"]["total"] == 0
    one = result_of(run(NO_LLM, "skew", texts=["He is an aggressive developer who always pushes his ideas."]))
    assert one["flagged"] == [], "two pronouns about one person are not a skew: too few mentions"
    assert one["dimensions"]["gender"]["status"] == "too_few_mentions", one["dimensions"]["gender"]
    assert one["dimensions"]["coded_traits"]["status"] == "counted", "a one-group dimension is only counted"
    assert one["dimensions"]["coded_traits"]["counts"] == {"often_gender_coded": 1}
    balanced = result_of(run(NO_LLM, "skew", texts=["She and he."] * 5))
    assert balanced["dimensions"]["gender"]["status"] == "balanced" and balanced["flagged"] == []
    strict = result_of(run(NO_LLM, "skew", texts=ADS[:3], min_mentions=5, max_share=0.95))
    assert strict["dimensions"]["gender"]["status"] == "skewed", "5 of 5 mentions male with max_share 0.95"
    assert len(ads["limits"]) >= 3, "the report states the limits of lexical counting"


@pytest.mark.points(2)
@pytest.mark.hint("Lexicon.from_mapping({dimension: {group: [terms]}}) uses exactly the mapping given (keys starting "
                  "with '_' are comments). A term that does not tokenize to itself (spaces, hyphens, capitals) raises "
                  "ValueError: it could never match.")
def test_the_lexicon_is_data(run):
    seniority = {"_about": "a custom list", "seniority": {"entry": ["junior", "intern"],
                                                          "experienced": ["senior", "principal", "veteran"]}}
    texts = ["Junior devs and an intern welcome; a Senior mentor and a Principal engineer will help.",
             "Veteran leadership, junior energy."]
    report = result_of(run(NO_LLM, "skew", texts=texts, lexicon=seniority, min_mentions=1))
    assert set(report["dimensions"]) == {"seniority"}, f"only the given lexicon: {sorted(report['dimensions'])}"
    assert report["dimensions"]["seniority"]["counts"] == {"entry": 3, "experienced": 3}, report["dimensions"]
    for term in ("digital native", "Chair-Man", "rock-star"):
        built = result_of(run(NO_LLM, "lexicon_from", lexicon={"x": {"g": ["fine", term]}}))
        assert built.get("is_value_error"), f"the term {term!r} can never match a token: raise ValueError ({built})"


@pytest.mark.points(3)
@pytest.mark.hint("The disparate impact ratio is min / max of the SELECTION rates (selected / n) of the groups, not "
                  "of their accuracy; flag when it is below 4/5. Compare exactly (fractions): 20/30 against 25/30 is "
                  "exactly 0.8, which is not below 0.8.")
def test_four_fifths_compares_selection_rates(run):
    handout = fair(run, HANDOUT, labels=True)
    ff = handout["four_fifths"]
    assert handout["metrics"]["18-30"]["selection_rate"] == pytest.approx(0.8)
    assert handout["metrics"]["50+"]["selection_rate"] == pytest.approx(0.6)
    assert (ff["status"], ff["flagged"], ff["lowest"], ff["highest"]) == ("adverse_impact", True, "50+", "18-30"), ff
    assert ff["ratio"] == pytest.approx(0.75), (
        f"selection rates 0.6 / 0.8 = 0.75; the accuracy ratio (0.80 / 0.95 = 0.84) hides it. Got {ff['ratio']}")
    three = fair(run, {"A": {"n": 120, "selected": 60}, "B": {"n": 80, "selected": 32},
                       "C": {"n": 50, "selected": 15}})["four_fifths"]
    assert (three["lowest"], three["highest"], three["flagged"]) == ("C", "A", True), three
    assert three["ratio"] == pytest.approx(0.6) and three["rates"] == pytest.approx({"A": 0.5, "B": 0.4, "C": 0.3})
    exact = fair(run, {"X": {"n": 30, "selected": 20}, "Y": {"n": 30, "selected": 25}})["four_fifths"]
    assert (exact["status"], exact["flagged"]) == ("ok", False), \
        f"20/30 against 25/30 is exactly 4/5: not below it ({exact['ratio']!r}; float division gives 0.7999...)"


@pytest.mark.points(3)
@pytest.mark.hint("A group with nobody selected has rate 0: ratio 0, flagged. If NO group selected anyone the ratio "
                  "is 0/0: status 'insufficient_data', ratio None. Groups below min_group_size go in `insufficient` and "
                  "out of the ratio; fewer than two groups left is 'insufficient_data'. Never ZeroDivisionError.")
def test_zero_and_small_groups_are_handled(run):
    zero = fair(run, {"A": {"n": 40, "selected": 20}, "B": {"n": 40, "selected": 0}})["four_fifths"]
    assert (zero["status"], zero["ratio"], zero["lowest"]) == ("adverse_impact", 0.0, "B"), zero
    nobody = fair(run, {"A": {"n": 40, "selected": 0}, "B": {"n": 50, "selected": 0}})["four_fifths"]
    assert "raised" not in nobody, f"no one selected must not crash: {nobody}"
    assert (nobody["status"], nobody["ratio"], nobody["flagged"]) == ("insufficient_data", None, False), nobody
    small = fair(run, {"A": {"n": 100, "selected": 50}, "B": {"n": 90, "selected": 45},
                       "C": {"n": 8, "selected": 0}})["four_fifths"]
    assert small["insufficient"] == ["C"] and set(small["rates"]) == {"A", "B"}, small
    assert (small["status"], small["ratio"]) == ("ok", pytest.approx(1.0)), "8 people cannot show adverse impact"
    alone = fair(run, {"A": {"n": 100, "selected": 50}, "B": {"n": 10, "selected": 0}})["four_fifths"]
    assert (alone["status"], alone["ratio"], alone["insufficient"]) == ("insufficient_data", None, ["B"]), alone
    lowered = fair(run, {"A": {"n": 100, "selected": 50}, "B": {"n": 10, "selected": 0}}, min_group_size=10)
    assert lowered["four_fifths"]["flagged"] is True, "min_group_size is a parameter"
    missing = result_of(run(NO_LLM, "bad_records", records=[{"group": "A", "selected": True}, {"selected": False}]))
    assert missing.get("is_value_error"), f"a record without the group attribute is an error: {missing}"
    text = result_of(run(NO_LLM, "bad_records", records=[{"group": "A", "selected": "yes"}]))
    assert text.get("is_value_error"), f"'yes' is not a boolean outcome: {text}"


@pytest.mark.points(2)
@pytest.mark.hint("TPR = tp / (tp + fn), over the group's actual positives; FPR = fp / (fp + tn), over its actual "
                  "negatives (not over everyone). None when the denominator is 0. rate_gaps: max - min over groups "
                  "with the rate defined and enough data.")
def test_error_rates_use_the_right_denominators(run):
    table = {"G1": {"tp": 30, "fp": 10, "fn": 10, "tn": 50}, "G2": {"tp": 25, "fp": 0, "fn": 15, "tn": 0},
             "G3": {"tp": 12, "fp": 12, "fn": 4, "tn": 12}}
    out = fair(run, table, labels=True)
    m = out["metrics"]
    assert (m["G1"]["tp"], m["G1"]["fp"], m["G1"]["fn"], m["G1"]["tn"]) == (30, 10, 10, 50), m["G1"]
    assert m["G1"]["tpr"] == pytest.approx(0.75) and m["G1"]["fpr"] == pytest.approx(10 / 60), \
        f"G1: FPR is 10 false positives out of 60 actual negatives, not out of 100 people: {m['G1']}"
    assert m["G2"]["fpr"] is None and m["G2"]["tpr"] == pytest.approx(0.625), \
        f"G2 has no actual negatives: its FPR is undefined, not 0: {m['G2']}"
    assert m["G3"]["tpr"] == pytest.approx(0.75) and m["G3"]["fpr"] == pytest.approx(0.5), m["G3"]
    assert out["gaps"]["tpr_gap"] == pytest.approx(0.125) and out["gaps"]["fpr_gap"] == pytest.approx(0.5 - 1 / 6), \
        out["gaps"]


@pytest.mark.points(2)
@pytest.mark.hint("p_value: a pooled two-proportion z-test between the lowest and the highest group, two-sided "
                  "(math.erfc(|z| / sqrt(2))); significant = p < 0.05. The four-fifths flag does not depend on it.")
def test_the_confidence_note_separates_chance_from_evidence(run):
    handout = fair(run, HANDOUT, labels=True)["four_fifths"]
    assert handout["p_value"] == pytest.approx(p_two_proportions(60, 100, 80, 100), rel=1e-3), handout
    assert handout["significant"] is True
    small = fair(run, {"A": {"n": 30, "selected": 20}, "B": {"n": 30, "selected": 14}})["four_fifths"]
    assert small["flagged"] is True and small["ratio"] == pytest.approx(0.7), small
    assert small["p_value"] == pytest.approx(p_two_proportions(14, 30, 20, 30), rel=1e-3)
    assert small["significant"] is False, f"14/30 against 20/30 could be chance (p = {small['p_value']:.2f})"
    assert small["note"], "say what the numbers mean in a note"
    large = fair(run, {"A": {"n": 10000, "selected": 5000}, "B": {"n": 10000, "selected": 4500}})["four_fifths"]
    assert (large["flagged"], large["significant"]) == (False, True), \
        f"0.9 passes the rule, yet 10,000 per group makes the gap significant: {large}"


@pytest.mark.points(3)
@pytest.mark.hint("probe: for each variant, client.chat(render(case_id, variant.name, cv), system=SCREENING_SYSTEM, "
                  "...); validate the JSON with ScreeningReply (strip a ```json fence). Differing decisions, or scores "
                  "further apart than max_score_gap, are 'inconsistent' (name the variant); any invalid reply with no "
                  "difference found is 'inconclusive', never 'consistent'. Never send the variant's label.")
def test_the_counterfactual_probe_flags_the_variant_treated_differently(run, provider):
    cases = [{"case_id": f"CV-10{n}", "cv": CV} for n in range(1, 5)]
    trace = run("screening", "probe_cases", provider=provider, cases=cases)
    out = result_of(trace)
    results = out["results"]
    assert (results["CV-101"]["status"], results["CV-101"]["flagged"]) == ("consistent", []), results["CV-101"]
    assert results["CV-102"]["status"] == "inconsistent", results["CV-102"]
    assert results["CV-102"]["flagged"] == ["Lakisha Washington"], results["CV-102"]
    assert any("Lakisha Washington" in d for d in results["CV-102"]["differences"]), results["CV-102"]["differences"]
    rejected = next(o for o in results["CV-102"]["outcomes"] if o["name"] == "Lakisha Washington")
    assert rejected["decision"] == "reject" and rejected["terms"].get("abrasive") == 1, \
        f"the reason's lexicon terms are reported: {rejected}"
    assert results["CV-103"]["status"] == "inconclusive", \
        f"one reply is prose and one call failed: nothing can be concluded: {results['CV-103']}"
    assert [o["valid"] for o in results["CV-103"]["outcomes"]] == [False, True, True, False]
    assert (results["CV-104"]["status"], results["CV-104"]["flagged"]) == ("inconsistent", ["Jamal Jones"]), \
        f"score 5 against 8: {results['CV-104']}"
    sent = trace["sent"]
    assert len(sent) == 16, f"one call per name per case: {len(sent)} sent"
    for case in range(4):
        prompts = [json.dumps(s["messages"]) for s in sent[case * 4:(case + 1) * 4]]
        blanked = {p.replace(name, "<NAME>") for p, name in zip(prompts, out["names"])}
        assert len(blanked) == 1, "the prompts of one case may differ only in the name"
        assert len({s["system"] for s in sent[case * 4:(case + 1) * 4]}) == 1
    for label in out["labels"]:
        assert not any(label in json.dumps(s) for s in sent), f"the label {label!r} was sent to the model"
