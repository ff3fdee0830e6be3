"""Explainability, graded. Each test runs your `explainability` package in its own process through ../driver.py,
with the lesson's loan pre-approval scorecard (five rules, threshold 0). The driver recomputes scores itself to
check your counterfactuals. Only the rationale tests replay a model (../fixtures/scenarios/rationale*.yaml);
the others make no model call."""
import json
import re

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the scorecard calls no model"},
          "exchanges": []}
RULE_ORDER = ["monthly_income_eur", "monthly_debt_eur", "years_employed", "missed_payments_24m", "loan_amount_eur"]
WEIGHTS = dict(zip(RULE_ORDER, [0.01, -0.03, 2.0, -12.0, -0.002]))
PERSONAL = {"age": 58, "nationality": "Portuguese", "gender": "female", "marital_status": "divorced",
            "applicant_name": "Marta Quaresma-Lindqvist", "postcode": "1170-091"}

# Declined: 32 - 18 + 8 - 12 - 30 = -20.
DECLINED = {"monthly_income_eur": 3200, "monthly_debt_eur": 600, "years_employed": 4, "missed_payments_24m": 1,
            "loan_amount_eur": 15000}
# Approved: 54 - 9 + 12 - 0 - 24 = 33.
APPROVED = {"monthly_income_eur": 5400, "monthly_debt_eur": 300, "years_employed": 6, "missed_payments_24m": 0,
            "loan_amount_eur": 12000}
# Declined by half a point: 41 - 13.5 + 4 - 12 - 20 = -0.5.
BORDERLINE = {"monthly_income_eur": 4100, "monthly_debt_eur": 450, "years_employed": 2, "missed_payments_24m": 1,
              "loan_amount_eur": 10000}
# Ties: income +30 and loan -30; debt -12, years +12 and missed -12. Score -12.
TIED = {"monthly_income_eur": 3000, "monthly_debt_eur": 400, "years_employed": 6, "missed_payments_24m": 1,
        "loan_amount_eur": 15000}
SECTIONS = ["Decision", "Inputs used", "Factors", "What would change the decision", "Confidence", "Model rationale",
            "Data not used", "Summary for the applicant"]
JSON_KEYS = {"subject", "decision", "inputs_used", "factors", "counterfactuals", "confidence", "rationale", "not_used",
             "summary"}


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def explained(run, inputs, scenario=NO_LLM, **kwargs) -> dict:
    return result_of(run(scenario, "explain_case", inputs=inputs, **kwargs))


@pytest.mark.points(3)
@pytest.mark.hint("One factor per rule, in rule order: contribution = round(weight * value, 6); score = "
                  "round(sum of contributions, 6); outcome 'approve' when score >= threshold, else 'decline'.")
def test_contributions_are_weight_times_value_and_sum_to_the_score(run):
    decisions = result_of(run(NO_LLM, "decide", cases=[DECLINED, APPROVED, BORDERLINE]))["decisions"]
    for decision, inputs, outcome in zip(decisions, [DECLINED, APPROVED, BORDERLINE], ["decline", "approve", "decline"]):
        factors = decision["factors"]
        assert [f["feature"] for f in factors] == RULE_ORDER, f"one factor per rule, in rule order: {factors}"
        for f in factors:
            assert f["contribution"] == pytest.approx(WEIGHTS[f["feature"]] * inputs[f["feature"]], abs=1e-6), f
        assert sum(f["contribution"] for f in factors) == pytest.approx(decision["score"], abs=1e-6), \
            "the contributions must add up to the score"
        assert decision["score"] == pytest.approx(decision["reference_score"], abs=1e-6)
        assert decision["outcome"] == outcome, f"score {decision['score']}: expected {outcome}"


@pytest.mark.points(2)
@pytest.mark.hint("Explanation.factors: largest absolute contribution first, whatever its sign; equal sizes keep "
                  "the scorecard's rule order (a stable sort on -abs(contribution)).")
def test_factors_are_ranked_by_absolute_contribution(run):
    ranked = [f["feature"] for f in explained(run, DECLINED)["dict"]["factors"]]
    assert ranked == ["monthly_income_eur", "loan_amount_eur", "monthly_debt_eur", "missed_payments_24m",
                      "years_employed"], f"+32, -30, -18, -12, +8 by size; got {ranked}"
    tied = [f["feature"] for f in explained(run, TIED)["dict"]["factors"]]
    assert tied == ["monthly_income_eur", "loan_amount_eur", "monthly_debt_eur", "years_employed",
                    "missed_payments_24m"], f"ties (30/-30 and -12/+12/-12) keep rule order; got {tied}"


@pytest.mark.points(4)
@pytest.mark.hint("For each rule on its own, try the values minimum + k*step (nearest to the actual value first) "
                  "and keep the first that gives 'approve'; direction 'at least' if it is higher, 'at most' if "
                  "lower. Leave a rule out when no value in its range flips the decision.")
def test_counterfactuals_are_the_nearest_change_that_flips_the_decision(run):
    declined = explained(run, DECLINED)
    found = {c["feature"]: (c["direction"], c["required"]) for c in declined["dict"]["counterfactuals"]}
    assert found == {"monthly_income_eur": ("at least", 5200), "years_employed": ("at least", 14),
                     "loan_amount_eur": ("at most", 5000)}, (
        "score -20: income +2,000 EUR, 10 more years or 10,000 EUR less would each reach 0; no debt or missed-payment "
        f"value can. Got {found}")
    borderline = explained(run, BORDERLINE)
    found = {c["feature"]: (c["direction"], c["required"]) for c in borderline["dict"]["counterfactuals"]}
    assert found == {"monthly_income_eur": ("at least", 4200), "monthly_debt_eur": ("at most", 400),
                     "years_employed": ("at least", 3), "missed_payments_24m": ("at most", 0),
                     "loan_amount_eur": ("at most", 9500)}, f"score -0.5: every factor can flip it; got {found}"
    for case in (declined, borderline):
        for check in case["checks"]:
            assert check["flips"], f"applying the {check['feature']} counterfactual does not approve the application"
            assert check["short_declines"], f"the {check['feature']} counterfactual is not the nearest value"


@pytest.mark.points(2)
@pytest.mark.hint("An approved case has no counterfactuals. Confidence is the margin |score - threshold| with a "
                  "level: 'high' from high_margin (20) up, 'medium' from low_margin (5) up, else 'low'.")
def test_an_approved_case_needs_no_counterfactual_and_confidence_follows_the_margin(run):
    approved = explained(run, APPROVED)["dict"]
    assert approved["decision"]["outcome"] == "approve" and approved["counterfactuals"] == [], approved["counterfactuals"]
    levels = {name: explained(run, case)["dict"]["confidence"] for name, case in
              [("approved", APPROVED), ("tied", TIED), ("borderline", BORDERLINE)]}
    assert {n: (c["margin"], c["level"]) for n, c in levels.items()} == {
        "approved": (33, "high"), "tied": (12, "medium"), "borderline": (0.5, "low")}, levels


@pytest.mark.points(3)
@pytest.mark.hint("Read only the rules' own features. List every other input under not_used, protected ones (see "
                  "PROTECTED_ATTRIBUTES) with a reason saying so; never copy their values into the report.")
def test_protected_attributes_are_never_factors(run):
    plain = explained(run, DECLINED)["dict"]
    older = explained(run, {**DECLINED, **PERSONAL})
    younger = explained(run, {**DECLINED, **PERSONAL, "age": 23, "nationality": "Danish", "gender": "male"})
    for case in (older, younger):
        data = case["dict"]
        assert [f["feature"] for f in data["factors"]] == [f["feature"] for f in plain["factors"]], \
            "personal data in the input must not add factors"
        assert data["decision"] == plain["decision"], "the same decision and score whatever the protected attributes"
        assert set(data["inputs_used"]) == set(RULE_ORDER), \
            f"inputs_used lists only the rules' features: {data['inputs_used']}"
        reasons = {item["field"]: item["reason"] for item in data["not_used"]}
        assert set(reasons) == set(PERSONAL), f"every unused input is listed under not_used: {sorted(reasons)}"
        for field in ("age", "nationality", "gender", "marital_status"):
            assert "protected" in reasons[field].lower(), f"{field}: say it is a protected attribute: {reasons[field]!r}"
        assert "protected" not in reasons["postcode"].lower(), "postcode is unused, not protected"
    for value in ("Portuguese", "divorced", "Danish", "Quaresma"):
        assert not any(value in older[k] + younger[k] for k in ("json", "markdown")), \
            f"the value {value!r} of an unused input appears in the report"


@pytest.mark.points(2)
@pytest.mark.hint("ScoreCard(...) raises ValueError when any rule's feature is a protected attribute (compare with "
                  "is_protected, which ignores case, spaces and hyphens).")
def test_a_rule_on_a_protected_attribute_is_refused(run):
    for feature in ("age", "Date of Birth", "nationality"):
        raised = result_of(run(NO_LLM, "protected_rule", feature=feature))["raised"]
        assert raised == "ValueError", f"a rule on {feature!r} must raise ValueError; raised {raised}"
    assert result_of(run(NO_LLM, "protected_rule", feature="savings_eur"))["raised"] is None, \
        "an ordinary feature is allowed"


@pytest.mark.points(3)
@pytest.mark.hint("ask_rationale: client.chat(rationale_prompt(decision, subject), system=RATIONALE_SYSTEM, model=...), "
                  "then parse_rationale: strip a ```json fence, json.loads, Rationale.model_validate, and check the "
                  "decision and the cited factors against the real ones.")
def test_the_model_rationale_is_validated_and_shown(run, provider):
    trace = run("rationale", "explain_case", inputs={**DECLINED, **PERSONAL}, subject="APP-1001", provider=provider)
    declined = result_of(trace)
    rationale = declined["dict"]["rationale"]
    assert rationale["available"] is True, f"a valid JSON rationale was rejected: {rationale.get('reason')}"
    assert rationale["confidence"] == "medium" and rationale["key_factors"][0] == "loan_amount_eur", rationale
    assert "outweigh the income" in declined["markdown"], "the Markdown shows the model's summary"
    assert len(trace["sent"]) == 1, f"one model call per explanation; {len(trace['sent'])} sent"
    sent = json.dumps(trace["sent"][0])
    assert "APP-1001" in sent and "loan_amount_eur" in sent, "the prompt gives the subject and the factors"
    for value in ("Portuguese", "female", "divorced", "Quaresma"):
        assert value not in sent, f"{value!r} was sent to the model: only the decision's own factors may be"
    fenced = explained(run, APPROVED, scenario="rationale", subject="APP-1002", provider=provider)["dict"]["rationale"]
    assert fenced["available"] is True and fenced["confidence"] == "high", \
        f"JSON inside a ```json fence is still valid: {fenced.get('reason')}"


@pytest.mark.points(3)
@pytest.mark.hint("Every failure becomes RationaleResult(available=False, reason=...): invalid JSON, a schema error "
                  "(pydantic ValidationError), a decision that contradicts the real one, a cited factor the decision "
                  "did not use (name it), or an LLMError from the call. The rest of the report is unaffected.")
def test_a_malformed_rationale_is_reported_as_unavailable(run):
    subjects = ["APP-2001", "APP-2002", "APP-2003", "APP-2004", "APP-2005", "APP-2006"]
    for subject in subjects:
        case = explained(run, DECLINED, scenario="rationale-malformed", subject=subject, provider="anthropic")
        rationale = case["dict"]["rationale"]
        assert rationale["available"] is False, f"{subject}: a bad rationale was accepted: {rationale}"
        assert rationale["reason"], f"{subject}: say why the rationale is unavailable"
        assert case["dict"]["decision"]["outcome"] == "decline" and len(case["dict"]["factors"]) == 5
        section = case["markdown"].split("Model rationale", 1)[-1].split("##", 1)[0]
        assert "unavailable" in section.lower(), f"{subject}: the Markdown must say the rationale is unavailable"
        if subject == "APP-2004":
            assert "age" in rationale["reason"], f"name the cited data the decision did not use: {rationale['reason']}"


@pytest.mark.points(2)
@pytest.mark.hint("to_markdown(): one '## ' heading per section, in the order of the contract; to_json(): the same "
                  "data as to_dict(), as JSON text.")
def test_the_report_has_every_section_in_markdown_and_json(run):
    case = explained(run, {**DECLINED, **PERSONAL}, subject="APP-1001")
    headings = re.findall(r"^## (.+?)\s*$", case["markdown"], flags=re.MULTILINE)
    assert headings == SECTIONS, f"sections {headings}; expected {SECTIONS}"
    assert "APP-1001" in case["markdown"]
    data = json.loads(case["json"])
    assert JSON_KEYS <= set(data), f"missing JSON keys: {JSON_KEYS - set(data)}"
    assert data == case["dict"], "to_json() and to_dict() must hold the same data"
    assert data["rationale"]["available"] is False and data["rationale"]["reason"], \
        "without a model the rationale is unavailable, with a reason"


@pytest.mark.points(2)
@pytest.mark.hint("The summary: the outcome ('approved'/'declined'), the two factors that counted most for that "
                  "outcome (their labels), the actionable counterfactuals with their values, the protected attributes "
                  "not used (in plain words), and that a person can review the decision. No field names.")
def test_the_summary_speaks_to_the_applicant(run):
    summary = explained(run, {**DECLINED, **PERSONAL})["dict"]["summary"]
    assert "declined" in summary.lower(), summary
    for label in ("the amount you asked to borrow", "your existing monthly repayments"):
        assert label in summary, f"name what counted most against it ({label!r}): {summary}"
    assert re.search(r"5,?200", summary) and re.search(r"5,?000", summary), \
        f"give the actionable counterfactuals (income 5,200 EUR, amount 5,000 EUR): {summary}"
    assert "14" not in summary, "years with the employer is not actionable: leave it out of the summary"
    assert all(word in summary.lower() for word in ("age", "nationality", "gender", "marital status")), \
        f"say which protected attributes were not used: {summary}"
    assert "review" in summary.lower(), "tell the applicant a person can review the decision"
    assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", summary), f"no field names in a summary for people: {summary}"
    assert "Portuguese" not in summary and "58" not in summary
    approved = explained(run, APPROVED)["dict"]["summary"]
    assert "approved" in approved.lower() and "declined" not in approved.lower(), approved
    assert "your monthly income" in approved, f"what counted most in its favour: {approved}"
