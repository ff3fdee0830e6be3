### BEGIN STARTER
# """The few sentences the affected person reads. Built from the computed factors and counterfactuals only,
# never from the model's text, so every reason it gives is one the decision actually used.
#
# Contract for `applicant_summary(decision, ranked, changes, protected_fields, approved) -> str`:
#
# 1. "Your application was approved." or "Your application was declined."
# 2. The labels of the (at most) two largest factors on the side of the outcome: positive contributions for an
#    approval ("in its favour"), negative ones for a decline ("against it").
# 3. Declined: every ACTIONABLE counterfactual as "<label> were <direction> <amount(required, unit)> (it was
#    <amount(current, unit)>)"; or a sentence saying no single change would have helped.
# 4. If protected attributes were in the input: "We did not use your <their plain names>." (plain_name).
# 5. REVIEW.
# No field names (snake_case) and no values of unused inputs.
# """
### END STARTER
### BEGIN SOLUTION
"""The few sentences the affected person reads. Built from the computed factors and counterfactuals only,
never from the model's text, so every reason it gives is one the decision actually used."""
### END SOLUTION
from __future__ import annotations

from explainability.counterfactual import Counterfactual
### BEGIN STARTER
# from explainability.policy import plain_name  # noqa: F401 - "date_of_birth" -> "date of birth"
### END STARTER
### BEGIN SOLUTION
from explainability.policy import plain_name
### END SOLUTION
from explainability.scorecard import Decision, Factor

REVIEW = "You can ask for a member of staff to review this decision."


def amount(value: float, unit: str = "") -> str:
    ### BEGIN STARTER
    # """5200, "EUR" -> "5,200 EUR"."""
    ### END STARTER
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return f"{number} {unit}".strip()


def listing(items: list[str], joiner: str = "and") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def alternatives(clauses: list[str]) -> str:
    return ", or if ".join(clauses)


def applicant_summary(decision: Decision, ranked: list[Factor], changes: list[Counterfactual],
                      protected_fields: list[str], approved: bool) -> str:
    ### BEGIN STARTER
    # # TODO step 6: the handout's summary was "The AI system is confident (87% confident) that: ...".
    # raise NotImplementedError("step 6: applicant_summary")
    ### END STARTER
    ### BEGIN SOLUTION
    sentences = [f"Your application was {'approved' if approved else 'declined'}."]
    side = [f for f in ranked if (f.contribution > 0) == approved and f.contribution != 0][:2]
    if side:
        words = "in its favour" if approved else "against it"
        sentences.append(f"What counted most {words}: {listing([f.label for f in side])}.")
    if not approved:
        clauses = [f"{c.label} were {c.direction} {amount(c.required, c.unit)} (it was {amount(c.current, c.unit)})"
                   for c in changes if c.actionable]
        if clauses:
            sentences.append(f"With everything else the same, it would have been approved if "
                             f"{alternatives(clauses)}.")
        else:
            sentences.append("No single change you could make to the information we used would have changed it.")
    if protected_fields:
        sentences.append(f"We did not use your {listing([plain_name(f) for f in protected_fields], 'or')}.")
    sentences.append(REVIEW)
    return " ".join(sentences)
    ### END SOLUTION
