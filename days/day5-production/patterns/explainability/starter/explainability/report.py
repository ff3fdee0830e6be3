"""The explanation of one decision, as data, as JSON and as a Markdown page.

Contract:

1. `rank(factors)`: largest absolute contribution first; equal sizes keep the scorecard's rule order.
2. `confidence_of(card, decision) -> {"margin": round(|score - threshold|, 6), "level": ...}` with level
   "high" when margin >= card.high_margin, "medium" when >= card.low_margin, else "low". A margin, not a
   probability.
3. `data_not_used(card, inputs)`: [{"field", "reason"}] for every input that is not a rule's feature, in input
   order; reason PROTECTED for protected attributes, else NOT_A_FACTOR. Field names only, never values.
4. `explain(card, inputs, *, subject=None, client=None, model=None) -> Explanation`: decide; rank the factors;
   find_counterfactuals; ask_rationale when a client is given, else RationaleResult(False, reason=NO_MODEL);
   inputs_used = {feature: value} of the rules only; the applicant summary (summary.py).
5. `render_markdown(explanation)`: a title naming the subject, then exactly these `## ` sections in this order:
   Decision, Inputs used, Factors, What would change the decision, Confidence, Model rationale, Data not used,
   Summary for the applicant. When the rationale is unavailable, its section says "Unavailable: <reason>".
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from explainability.counterfactual import Counterfactual, find_counterfactuals  # noqa: F401
from explainability.policy import is_protected  # noqa: F401
from explainability.rationale import RationaleResult, ask_rationale  # noqa: F401
from explainability.scorecard import Decision, Factor, ScoreCard
from explainability.summary import amount, applicant_summary  # noqa: F401

NO_MODEL = "no language model was involved in this decision"
PROTECTED = "protected attribute: excluded by policy, never read by the decision"
NOT_A_FACTOR = "not used by this decision"


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
    # TODO step 2
    raise NotImplementedError("step 2: rank")


def confidence_of(card: ScoreCard, decision: Decision) -> dict[str, Any]:
    # TODO step 2. The handout turned a number nobody calibrated into "95% confident".
    raise NotImplementedError("step 2: confidence_of")


def data_not_used(card: ScoreCard, inputs: Mapping[str, Any]) -> list[dict[str, str]]:
    # TODO step 4
    raise NotImplementedError("step 4: data_not_used")


def explain(card: ScoreCard, inputs: Mapping[str, Any], *, subject: str | None = None, client=None,
            model: str | None = None) -> Explanation:
    # TODO step 4
    raise NotImplementedError("step 4: explain")


def render_markdown(e: Explanation) -> str:
    # TODO step 7
    raise NotImplementedError("step 7: render_markdown")
