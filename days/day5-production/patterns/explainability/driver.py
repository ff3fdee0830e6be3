"""What the graders call: run the student's `explainability` package and hand back plain JSON data only.

The loan pre-approval scorecard below is the one the lesson uses. The driver recomputes scores itself
(`reference_score`) so counterfactuals are checked against the contract, not against the submission's own
arithmetic: applying a counterfactual must change the outcome, and stopping one grid step short must not.
"""
from __future__ import annotations

import json

import agentkit

MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}
LOAN_RULES = [
    {"feature": "monthly_income_eur", "label": "your monthly income", "weight": 0.01, "unit": "EUR",
     "minimum": 0, "maximum": 20000, "step": 100},
    {"feature": "monthly_debt_eur", "label": "your existing monthly repayments", "weight": -0.03, "unit": "EUR",
     "minimum": 0, "maximum": 10000, "step": 50},
    {"feature": "years_employed", "label": "the years with your current employer", "weight": 2.0, "unit": "years",
     "minimum": 0, "maximum": 40, "step": 1, "actionable": False},
    {"feature": "missed_payments_24m", "label": "the payments you missed in the last 24 months", "weight": -12.0,
     "minimum": 0, "maximum": 24, "step": 1, "actionable": False},
    {"feature": "loan_amount_eur", "label": "the amount you asked to borrow", "weight": -0.002, "unit": "EUR",
     "minimum": 1000, "maximum": 50000, "step": 500},
]
THRESHOLD = 0.0


def card_of(submission, rules: list | None = None, threshold: float = THRESHOLD):
    return submission.ScoreCard([submission.Rule(**rule) for rule in (rules or LOAN_RULES)], threshold)


def reference_score(inputs: dict) -> float:
    return round(sum(round(r["weight"] * float(inputs[r["feature"]]), 6) for r in LOAN_RULES), 6)


def plain(value):
    return json.loads(json.dumps(value, default=str))


def factor(f) -> dict:
    return {"feature": str(f.feature), "label": str(f.label), "value": float(f.value), "weight": float(f.weight),
            "contribution": float(f.contribution)}


def decide(submission, cases: list) -> dict:
    """`ScoreCard.decide` on each input dict: outcome, score and the factors in rule order."""
    card = card_of(submission)
    out = []
    for inputs in cases:
        decision = card.decide(inputs)
        out.append({"outcome": str(decision.outcome), "score": float(decision.score),
                    "factors": [factor(f) for f in decision.factors], "reference_score": reference_score(inputs)})
    return {"decisions": out}


def protected_rule(submission, feature: str) -> dict:
    """Try to build a scorecard with a rule on `feature`: what was raised, if anything."""
    rules = LOAN_RULES + [{"feature": feature, "label": feature, "weight": -0.5, "minimum": 0, "maximum": 120}]
    try:
        card_of(submission, rules)
    except Exception as exc:  # noqa: BLE001 - the exception type is the behaviour under test
        return {"raised": type(exc).__name__}
    return {"raised": None}


def check_counterfactuals(explanation: dict, inputs: dict) -> list[dict]:
    """For each counterfactual: does applying it approve, and does one grid step short still decline?"""
    steps = {r["feature"]: r["step"] for r in LOAN_RULES}
    checks = []
    for change in explanation.get("counterfactuals", []):
        feature, required = change["feature"], float(change["required"])
        short = required - steps[feature] if required > float(inputs[feature]) else required + steps[feature]
        checks.append({"feature": feature,
                       "flips": reference_score({**inputs, feature: required}) >= THRESHOLD,
                       "short_declines": reference_score({**inputs, feature: short}) < THRESHOLD
                       or short == float(inputs[feature])})
    return checks


def explain_case(submission, inputs: dict, subject: str | None = None, provider: str | None = None) -> dict:
    """`explain(card, inputs, subject=..., client=..., model=...)` rendered three ways."""
    options = {}
    if provider:
        options = {"client": agentkit.Client(provider, MODELS[provider]), "model": MODELS[provider]}
    explanation = submission.explain(card_of(submission), inputs, subject=subject, **options)
    data = plain(explanation.to_dict())
    return {"dict": data, "json": str(explanation.to_json()), "markdown": str(explanation.to_markdown()),
            "checks": check_counterfactuals(data, inputs), "reference_score": reference_score(inputs)}
