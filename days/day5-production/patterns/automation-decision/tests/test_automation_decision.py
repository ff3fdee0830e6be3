"""When not to automate, graded. Each test runs your `automation_decision` package in its own process through
../driver.py. The framework calls no model, so every test replays an empty scenario."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the framework calls no model"},
          "exchanges": []}
LEVELS = ["AUTOMATE", "AUTOMATE_WITH_REVIEW", "HUMAN_APPROVAL_REQUIRED", "DO_NOT_AUTOMATE"]
HARD_RULES = {"critical-decision-about-people", "regulated-decision-about-people", "irreversible-high-impact",
              "accuracy-unproven"}

BASE = {"blast_radius": 1, "error_cost_eur": 0, "domain": "general", "decides_about_people": False,
        "human_review_in_time": True}
# The handout's three examples, described by the profile's fields.
CODE_REVIEW = {**BASE, "name": "Suggest code improvements in pull requests", "reversibility": "easy", "impact": "low",
               "error_cost_eur": 20, "measured_accuracy": 0.96, "evaluated_cases": 400, "volume_per_day": 300}
DEPLOY = {**BASE, "name": "Deploy code changes to production", "reversibility": "costly", "impact": "high",
          "blast_radius": 50_000, "error_cost_eur": 50_000, "measured_accuracy": 0.95, "evaluated_cases": 300,
          "volume_per_day": 5}
DIAGNOSIS = {**BASE, "name": "Diagnose a patient's condition", "reversibility": "irreversible", "impact": "critical",
             "error_cost_eur": 1_000_000, "domain": "medical", "decides_about_people": True, "measured_accuracy": 0.93,
             "evaluated_cases": 2_000, "volume_per_day": 400}
# Cases where the weighted score alone gives the wrong answer (its band is in the comment).
CREDIT = {**BASE, "name": "Refuse consumer credit applications", "reversibility": "costly", "impact": "moderate",
          "error_cost_eur": 2_000, "domain": "credit", "decides_about_people": True, "measured_accuracy": 0.995,
          "evaluated_cases": 20_000, "volume_per_day": 3_000}                          # score 8: WITH_REVIEW
PAYMENTS = {**BASE, "name": "Send supplier payments to new bank accounts", "reversibility": "irreversible",
            "impact": "high", "error_cost_eur": 8_000, "measured_accuracy": 0.998, "evaluated_cases": 10_000,
            "volume_per_day": 40}                                                       # score 7: WITH_REVIEW
TRIAGE = {**BASE, "name": "Decide which patients wait for a doctor", "reversibility": "costly", "impact": "critical",
          "error_cost_eur": 50, "domain": "medical", "decides_about_people": True, "measured_accuracy": 0.999,
          "evaluated_cases": 50_000, "volume_per_day": 50}                              # score 10: APPROVAL
NIGHT_SCREENING = {**BASE, "name": "Reject job applications overnight", "reversibility": "costly",
                   "impact": "moderate", "error_cost_eur": 5_000, "domain": "employment",
                   "decides_about_people": True, "measured_accuracy": 0.99, "evaluated_cases": 1_500,
                   "volume_per_day": 800, "human_review_in_time": False}               # score 8: WITH_REVIEW
DUPLICATES = {**BASE, "name": "Close duplicate support tickets", "reversibility": "easy", "impact": "low",
              "error_cost_eur": 10, "measured_accuracy": 1.0, "evaluated_cases": 40, "volume_per_day": 2_000}  # 1
ALL = {"code_review": CODE_REVIEW, "deploy": DEPLOY, "diagnosis": DIAGNOSIS, "credit": CREDIT, "payments": PAYMENTS,
       "triage": TRIAGE, "night_screening": NIGHT_SCREENING, "duplicates": DUPLICATES}


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def decided(run, **cases) -> dict:
    out = result_of(run(NO_LLM, "decide_cases", cases=cases))
    for name, decision in out.items():
        assert "raised" not in decision, f"{name}: a valid profile raised {decision['raised']}: {decision['message']}"
    return out


@pytest.mark.points(3)
@pytest.mark.hint("Hard rules first (each sets a minimum level), then the score's band for the rest; the decision "
                  "is the most restrictive of them. A critical decision about a person is DO_NOT_AUTOMATE.")
def test_the_handouts_three_examples(run):
    out = decided(run, code_review=CODE_REVIEW, deploy=DEPLOY, diagnosis=DIAGNOSIS)
    got = {name: (d["level"], d["decided_by"]) for name, d in out.items()}
    assert got["code_review"] == ("AUTOMATE", "score"), f"code review suggestions: {got['code_review']}"
    assert got["deploy"] == ("HUMAN_APPROVAL_REQUIRED", "score"), f"a production deployment: {got['deploy']}"
    assert got["diagnosis"] == ("DO_NOT_AUTOMATE", "critical-decision-about-people"), \
        f"a medical diagnosis: {got['diagnosis']}"


@pytest.mark.points(4)
@pytest.mark.hint("A hard rule is a floor the score cannot lower: a regulated decision about people needs approval "
                  "however accurate the model is; irreversible with high impact needs approval; a critical decision "
                  "about a person is never automated. The level is the MAX of the floors and the score's band.")
def test_hard_rules_cannot_be_outweighed_by_the_score(run):
    out = decided(run, credit=CREDIT, payments=PAYMENTS, triage=TRIAGE)
    expected = {"credit": ("HUMAN_APPROVAL_REQUIRED", "regulated-decision-about-people", "AUTOMATE_WITH_REVIEW"),
                "payments": ("HUMAN_APPROVAL_REQUIRED", "irreversible-high-impact", "AUTOMATE_WITH_REVIEW"),
                "triage": ("DO_NOT_AUTOMATE", "critical-decision-about-people", "HUMAN_APPROVAL_REQUIRED")}
    for name, (level, rule, score_band) in expected.items():
        d = out[name]
        assert d["score"]["level"] == score_band, f"{name}: the given score_task puts it in {score_band}: {d['score']}"
        assert (d["level"], d["decided_by"]) == (level, rule), (
            f"{name}: the score alone says {score_band}, but the hard rule {rule!r} requires {level}; "
            f"got {d['level']} decided by {d['decided_by']!r}")


@pytest.mark.points(3)
@pytest.mark.hint("When the result would be HUMAN_APPROVAL_REQUIRED but human_review_in_time is false, the answer is "
                  "DO_NOT_AUTOMATE (reason 'approval-not-feasible'), never a lower level. Tasks that need no approval "
                  "are unaffected.")
def test_an_approval_nobody_can_give_in_time_means_do_not_automate(run):
    staffed = {**NIGHT_SCREENING, "human_review_in_time": True}
    unreviewed_low_risk = {**CODE_REVIEW, "human_review_in_time": False}
    unreviewed_sampled = {**DUPLICATES, "human_review_in_time": False}
    out = decided(run, night=NIGHT_SCREENING, staffed=staffed, low=unreviewed_low_risk, sampled=unreviewed_sampled)
    assert (out["night"]["level"], out["night"]["decided_by"]) == ("DO_NOT_AUTOMATE", "approval-not-feasible"), \
        f"approval is required but nobody can review in time: {out['night']['level']} by {out['night']['decided_by']}"
    assert (out["staffed"]["level"], out["staffed"]["decided_by"]) == \
        ("HUMAN_APPROVAL_REQUIRED", "regulated-decision-about-people"), f"with reviewers: {out['staffed']['level']}"
    assert out["low"]["level"] == "AUTOMATE", "a task that needs no approval does not need a reviewer in time"
    assert out["sampled"]["level"] == "AUTOMATE_WITH_REVIEW", "sampled review happens afterwards: no one is needed in time"


@pytest.mark.points(2)
@pytest.mark.hint("Accuracy that was never measured, or measured on fewer than MIN_EVALUATED_CASES (100) labelled cases, "
                  "is no evidence: the rule 'accuracy-unproven' keeps the task at AUTOMATE_WITH_REVIEW at least.")
def test_accuracy_from_a_handful_of_cases_is_not_evidence(run):
    unmeasured = {**DUPLICATES, "measured_accuracy": None, "evaluated_cases": 0}
    enough = {**DUPLICATES, "evaluated_cases": 400}
    out = decided(run, few=DUPLICATES, unmeasured=unmeasured, enough=enough)
    assert out["few"]["score"]["level"] == "AUTOMATE", out["few"]["score"]
    assert (out["few"]["level"], out["few"]["decided_by"]) == ("AUTOMATE_WITH_REVIEW", "accuracy-unproven"), \
        f"100% on 40 cases proves little: {out['few']['level']} by {out['few']['decided_by']}"
    assert out["unmeasured"]["level"] == "AUTOMATE_WITH_REVIEW", f"never measured: {out['unmeasured']['level']}"
    assert out["enough"]["level"] == "AUTOMATE", f"measured on 400 cases: {out['enough']['level']}"


@pytest.mark.points(3)
@pytest.mark.hint("Making a task riskier in any one respect (less reversible, more impact, wider blast radius, "
                  "costlier errors, a regulated domain, about people, lower or unmeasured accuracy, fewer evaluated "
                  "cases, more volume, no reviewer in time) must never give a MORE automated answer.")
def test_a_riskier_task_is_never_more_automated(run):
    result = result_of(run(NO_LLM, "monotonicity", seed=20261128, count=400))
    assert not result["errors"], f"valid generated profiles raised: {result['errors']}"
    assert result["checked"] > 3000, f"only {result['checked']} comparisons ran"
    assert result["violation_count"] == 0, (
        f"{result['violation_count']} riskier variants got a more automated answer; first: {result['violations'][0]}")


@pytest.mark.points(2)
@pytest.mark.hint("Decision.reasons lists every hard rule that applied (in rule order), then the score's reason, then "
                  "'approval-not-feasible' if it applied; each with the level it asks for and a sentence. decided_by is "
                  "the first reason whose level is the final level.")
def test_every_decision_gives_its_reasons(run):
    out = decided(run, **ALL)
    for name, d in out.items():
        rules = [r["rule"] for r in d["reasons"]]
        assert "score" in rules, f"{name}: the score's reason is missing: {rules}"
        assert all(r["text"].strip() for r in d["reasons"]), f"{name}: every reason needs a sentence"
        assert d["decided_by"] in rules, f"{name}: decided_by {d['decided_by']!r} is not among the reasons {rules}"
        deciding = next(r for r in d["reasons"] if r["rule"] == d["decided_by"])
        assert deciding["level"] == d["level"], f"{name}: the deciding reason asks for {deciding['level']}"
        assert max(LEVELS.index(r["level"]) for r in d["reasons"]) == LEVELS.index(d["level"]), \
            f"{name}: the level must be the most restrictive reason's level"
    assert [r["rule"] for r in out["diagnosis"]["reasons"]] == [
        "critical-decision-about-people", "regulated-decision-about-people", "irreversible-high-impact", "score"], \
        f"every rule that applies is listed, in rule order: {[r['rule'] for r in out['diagnosis']['reasons']]}"
    credit = next(r for r in out["credit"]["reasons"] if r["rule"] == "regulated-decision-about-people")
    assert "credit" in credit["text"].lower(), f"say which regulated domain: {credit['text']!r}"
    assert [r["rule"] for r in out["code_review"]["reasons"]] == ["score"], "no hard rule applies to code suggestions"


@pytest.mark.points(3)
@pytest.mark.hint("parse_task: every field required (no safe defaults), unknown fields refused (model_config "
                  "extra='forbid'), enums for the categories, 0 <= measured_accuracy <= 1, counts >= 0. Raise InvalidTask "
                  "(a ValueError) with one problem per field, all at once; suggest the closest field for a misspelling.")
def test_invalid_profiles_are_refused_with_clear_errors(run):
    missing = {k: v for k, v in CREDIT.items() if k != "domain"}
    cases = {
        "valid": CREDIT,
        "missing": missing,
        "misspelled": {**{k: v for k, v in PAYMENTS.items() if k != "reversibility"}, "reversability": "irreversible"},
        "percent": {**CODE_REVIEW, "measured_accuracy": 96},
        "several": {**DEPLOY, "impact": "severe", "volume_per_day": -5},
        "no_cases": {**CODE_REVIEW, "evaluated_cases": 0},
    }
    out = result_of(run(NO_LLM, "parse_cases", cases=cases))
    assert "parsed" in out["valid"], f"a valid profile was refused: {out['valid']}"
    assert out["valid"]["parsed"]["domain"] == "credit" and out["valid"]["parsed"]["decides_about_people"] is True
    for name in ("missing", "misspelled", "percent", "several", "no_cases"):
        assert "raised" in out[name], f"{name}: an invalid profile was accepted: {out[name]}"
        assert out[name]["raised"] == "InvalidTask" and out[name]["is_value_error"], \
            f"{name}: raise InvalidTask (a ValueError), not {out[name]['raised']}"
        assert out[name]["problems"], f"{name}: InvalidTask.problems lists what is wrong"

    def problems(name: str) -> str:
        return " | ".join(out[name]["problems"]).lower()

    assert "domain" in problems("missing") and "required" in problems("missing"), \
        f"a missing field is an error, not a default: {out['missing']['problems']}"
    assert "reversability" in problems("misspelled") and "reversibility" in problems("misspelled"), \
        f"name the unknown field and suggest the right one: {out['misspelled']['problems']}"
    assert "measured_accuracy" in problems("percent"), f"96 is not a fraction: {out['percent']['problems']}"
    assert len(out["several"]["problems"]) >= 2 and "impact" in problems("several") and \
        "volume_per_day" in problems("several"), f"report every problem at once: {out['several']['problems']}"
    assert "evaluated_cases" in problems("no_cases"), \
        f"an accuracy measured on zero cases: {out['no_cases']['problems']}"
