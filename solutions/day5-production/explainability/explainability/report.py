### BEGIN STARTER
# """The explanation of one decision, as data, as JSON and as a Markdown page.
#
# Contract:
#
# 1. `rank(factors)`: largest absolute contribution first; equal sizes keep the scorecard's rule order.
# 2. `confidence_of(card, decision) -> {"margin": round(|score - threshold|, 6), "level": ...}` with level
#    "high" when margin >= card.high_margin, "medium" when >= card.low_margin, else "low". A margin, not a
#    probability.
# 3. `data_not_used(card, inputs)`: [{"field", "reason"}] for every input that is not a rule's feature, in input
#    order; reason PROTECTED for protected attributes, else NOT_A_FACTOR. Field names only, never values.
# 4. `explain(card, inputs, *, subject=None, client=None, model=None) -> Explanation`: decide; rank the factors;
#    find_counterfactuals; ask_rationale when a client is given, else RationaleResult(False, reason=NO_MODEL);
#    inputs_used = {feature: value} of the rules only; the applicant summary (summary.py).
# 5. `render_markdown(explanation)`: a title naming the subject, then exactly these `## ` sections in this order:
#    Decision, Inputs used, Factors, What would change the decision, Confidence, Model rationale, Data not used,
#    Summary for the applicant. When the rationale is unavailable, its section says "Unavailable: <reason>".
# """
### END STARTER
### BEGIN SOLUTION
"""The explanation of one decision, as data, as JSON and as a Markdown page.

Sections: the decision; the inputs used; the factors with their points, largest first; what would have
changed the decision; how confident the decision is (its margin from the threshold); the model's rationale,
if a model was involved; the data that was NOT used and why; and a summary for the affected person.
"""
### END SOLUTION
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

### BEGIN STARTER
# from explainability.counterfactual import Counterfactual, find_counterfactuals  # noqa: F401
# from explainability.policy import is_protected  # noqa: F401
# from explainability.rationale import RationaleResult, ask_rationale  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from explainability.counterfactual import Counterfactual, find_counterfactuals
from explainability.policy import is_protected
from explainability.rationale import RationaleResult, ask_rationale
### END SOLUTION
from explainability.scorecard import Decision, Factor, ScoreCard
### BEGIN STARTER
# from explainability.summary import amount, applicant_summary  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from explainability.summary import amount, applicant_summary
### END SOLUTION

NO_MODEL = "no language model was involved in this decision"
PROTECTED = "protected attribute: excluded by policy, never read by the decision"
NOT_A_FACTOR = "not used by this decision"
### BEGIN SOLUTION
FIXED = " (not something the applicant can change)"
### END SOLUTION


@dataclass(frozen=True)
class Explanation:
    subject: str | None
    decision: Decision
    inputs_used: dict[str, float]
    factors: list[Factor]                 # largest |contribution| first
    counterfactuals: list[Counterfactual]
    confidence: dict[str, Any]            # {"margin", "level"}
    rationale: RationaleResult
    not_used: list[dict[str, str]]        # [{"field", "reason"}]
    summary: str
    approved: bool

    def to_dict(self) -> dict[str, Any]:
        rationale = {"available": self.rationale.available, "reason": self.rationale.reason,
                     "model": self.rationale.model}
        if self.rationale.rationale is not None:
            rationale.update(self.rationale.rationale.model_dump())
        return {
            "subject": self.subject,
            "decision": {"outcome": self.decision.outcome, "score": self.decision.score,
                         "threshold": self.decision.threshold},
            "inputs_used": dict(self.inputs_used),
            "factors": [asdict(f) for f in self.factors],
            "counterfactuals": [asdict(c) for c in self.counterfactuals],
            "confidence": dict(self.confidence),
            "rationale": rationale,
            "not_used": [dict(item) for item in self.not_used],
            "summary": self.summary,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_markdown(self) -> str:
        return render_markdown(self)


def rank(factors: list[Factor]) -> list[Factor]:
    ### BEGIN STARTER
    # # TODO step 2
    # raise NotImplementedError("step 2: rank")
    ### END STARTER
    ### BEGIN SOLUTION
    """Largest absolute contribution first; ties keep the scorecard's rule order (sorted() is stable)."""
    return sorted(factors, key=lambda f: -abs(f.contribution))
    ### END SOLUTION


def confidence_of(card: ScoreCard, decision: Decision) -> dict[str, Any]:
    ### BEGIN STARTER
    # # TODO step 2. The handout turned a number nobody calibrated into "95% confident".
    # raise NotImplementedError("step 2: confidence_of")
    ### END STARTER
    ### BEGIN SOLUTION
    """The distance from the threshold in points, banded. Not a probability: nothing here is calibrated."""
    margin = round(abs(decision.score - decision.threshold), 6)
    level = "high" if margin >= card.high_margin else "medium" if margin >= card.low_margin else "low"
    return {"margin": margin, "level": level}
    ### END SOLUTION


def data_not_used(card: ScoreCard, inputs: Mapping[str, Any]) -> list[dict[str, str]]:
    ### BEGIN STARTER
    # # TODO step 4
    # raise NotImplementedError("step 4: data_not_used")
    ### END STARTER
    ### BEGIN SOLUTION
    return [{"field": field, "reason": PROTECTED if is_protected(field) else NOT_A_FACTOR}
            for field in inputs if field not in card.features]
    ### END SOLUTION


def explain(card: ScoreCard, inputs: Mapping[str, Any], *, subject: str | None = None, client=None,
            model: str | None = None) -> Explanation:
    ### BEGIN STARTER
    # # TODO step 4
    # raise NotImplementedError("step 4: explain")
    ### END STARTER
    ### BEGIN SOLUTION
    decision = card.decide(inputs)
    ranked = rank(list(decision.factors))
    changes = find_counterfactuals(card, inputs)
    rationale = (ask_rationale(client, decision, subject=subject, model=model) if client is not None
                 else RationaleResult(False, reason=NO_MODEL))
    protected = [field for field in inputs if field not in card.features and is_protected(field)]
    approved = decision.outcome == card.approve
    return Explanation(
        subject=subject, decision=decision, inputs_used={f.feature: f.value for f in decision.factors},
        factors=ranked, counterfactuals=changes, confidence=confidence_of(card, decision), rationale=rationale,
        not_used=data_not_used(card, inputs),
        summary=applicant_summary(decision, ranked, changes, protected, approved), approved=approved,
    )
    ### END SOLUTION


def render_markdown(e: Explanation) -> str:
    ### BEGIN STARTER
    # # TODO step 7
    # raise NotImplementedError("step 7: render_markdown")
    ### END STARTER
    ### BEGIN SOLUTION
    d = e.decision
    lines = [f"# Decision explanation: {e.subject or 'unreferenced case'}", "",
             "## Decision", "", f"**{d.outcome}**: score {d.score:g} against a threshold of {d.threshold:g}.", "",
             "## Inputs used", "", "| input | value |", "|---|---|",
             *(f"| {name} | {value:g} |" for name, value in e.inputs_used.items()), "",
             "## Factors", "", "Largest effect first; the points add up to the score.", "",
             "| factor | value | weight | points |", "|---|---|---|---|",
             *(f"| {f.label} (`{f.feature}`) | {f.value:g} | {f.weight:g} | {f.contribution:+g} |" for f in e.factors),
             f"| **score** | | | **{d.score:g}** |", "",
             "## What would change the decision", ""]
    if e.counterfactuals:
        lines += [f"- **{c.outcome}** if {c.label} were {c.direction} {amount(c.required, c.unit)} "
                  f"(it was {amount(c.current, c.unit)}){'' if c.actionable else FIXED}" for c in e.counterfactuals]
    else:
        lines.append("Nothing needs to change: the application was approved." if e.approved
                     else "No change to a single factor, within its allowed range, would have changed the outcome.")
    lines += ["", "## Confidence", "",
              f"**{e.confidence['level']}**: {e.confidence['margin']:g} points from the threshold. This is a margin, "
              "not a probability." + (" A person should review decisions this close to the threshold."
                                      if e.confidence["level"] == "low" else ""),
              "", "## Model rationale", ""]
    r = e.rationale
    if r.available and r.rationale is not None:
        lines += [f"The model's own account ({r.model}, its confidence: {r.rationale.confidence}); the factors above "
                  "are what the decision was computed from.", "", f"> {r.rationale.summary}", "",
                  f"Key factors it cites: {', '.join(r.rationale.key_factors)}."]
    else:
        lines.append(f"Unavailable: {r.reason}.")
    lines += ["", "## Data not used", ""]
    lines += [f"- `{item['field']}`: {item['reason']}" for item in e.not_used] or ["Every input was used."]
    lines += ["", "## Summary for the applicant", "", e.summary]
    return "\n".join(lines) + "\n"
    ### END SOLUTION
