"""The few sentences the affected person reads. Built from the computed factors and counterfactuals only,
never from the model's text, so every reason it gives is one the decision actually used.

Contract for `applicant_summary(decision, ranked, changes, protected_fields, approved) -> str`:

1. "Your application was approved." or "Your application was declined."
2. The labels of the (at most) two largest factors on the side of the outcome: positive contributions for an
   approval ("in its favour"), negative ones for a decline ("against it").
3. Declined: every ACTIONABLE counterfactual as "<label> were <direction> <amount(required, unit)> (it was
   <amount(current, unit)>)"; or a sentence saying no single change would have helped.
4. If protected attributes were in the input: "We did not use your <their plain names>." (plain_name).
5. REVIEW.
No field names (snake_case) and no values of unused inputs.
"""
from __future__ import annotations

from explainability.counterfactual import Counterfactual
from explainability.policy import plain_name  # noqa: F401 - "date_of_birth" -> "date of birth"
from explainability.scorecard import Decision, Factor

REVIEW = "You can ask for a member of staff to review this decision."


def amount(value: float, unit: str = "") -> str:
    """5200, "EUR" -> "5,200 EUR"."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{number} {unit}".strip()


def listing(items: list[str], joiner: str = "and") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def alternatives(clauses: list[str]) -> str:
    return ", or if ".join(clauses)


def applicant_summary(decision: Decision, ranked: list[Factor], changes: list[Counterfactual],
                      protected_fields: list[str], approved: bool) -> str:
    # TODO step 6: the handout's summary was "The AI system is confident (87% confident) that: ...".
    raise NotImplementedError("step 6: applicant_summary")
