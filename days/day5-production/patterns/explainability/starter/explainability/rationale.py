"""The model's own account of a decision, asked for as JSON, validated, and never trusted blindly.

Contract:

- `parse_rationale(text, decision, allowed, model=None) -> RationaleResult`: strip a ```json fence
  (strip_fence), json.loads, `Rationale.model_validate`. Return RationaleResult(False, reason=...) when the
  text is not JSON, does not fit `Rationale` (pydantic ValidationError), says a different decision than
  decision.outcome, or cites a key factor that is not in `allowed` (name it in the reason). Otherwise
  RationaleResult(True, rationale=<the Rationale>, model=model).
- `ask_rationale(client, decision, *, subject=None, model=None, max_tokens=400) -> RationaleResult`:
  `client.chat(rationale_prompt(decision, subject), system=RATIONALE_SYSTEM, model=model,
  max_tokens=max_tokens)`; an `agentkit.LLMError` or a reply cut off at max_tokens (stop_reason
  "max_tokens") gives RationaleResult(False, reason=...); otherwise parse_rationale with the decision's own
  factor features as `allowed`. Never raise, never invent a rationale.
"""
from __future__ import annotations

import json  # noqa: F401 - for parse_rationale
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from agentkit import LLMError  # noqa: F401 - what a failed call raises
from pydantic import BaseModel, Field, ValidationError  # noqa: F401

from explainability.scorecard import Decision

RATIONALE_SYSTEM = (
    "You review automated loan pre-approval decisions. You receive the decision and the factors it was computed "
    "from. Reply with one JSON object and nothing else: "
    '{"decision": "<the decision exactly as given>", "summary": "<two sentences a customer can follow>", '
    '"key_factors": ["<feature names from the list, most important first>"], '
    '"confidence": "low" | "medium" | "high"}. Cite only the features listed.'
)


class Rationale(BaseModel):
    decision: str
    summary: str = Field(min_length=1, max_length=800)
    key_factors: list[str] = Field(min_length=1)
    confidence: Literal["low", "medium", "high"]


@dataclass(frozen=True)
class RationaleResult:
    available: bool
    rationale: Rationale | None = None
    reason: str = ""            # why it is unavailable
    model: str | None = None


def rationale_prompt(decision: Decision, subject: str | None = None) -> str:
    """Only the decision and its factors: the model never sees an input the decision did not use."""
    lines = [f"Application {subject or '(no reference)'}",
             f"Decision: {decision.outcome} (score {decision.score:g}, threshold {decision.threshold:g})",
             "Factors (feature | description | value | points):"]
    lines += [f"- {f.feature} | {f.label} | {f.value:g} | {f.contribution:+g}" for f in decision.factors]
    return "\n".join(lines)


def strip_fence(text: str) -> str:
    text = text.strip()
    if text.startswith("```"):
        text = text.removeprefix("```").removeprefix("json").removesuffix("```").strip()
    return text


def parse_rationale(text: str, decision: Decision, allowed: Iterable[str], model: str | None = None) -> RationaleResult:
    # TODO step 5. The handout pulled "key factors" out of the model's prose with keywords ("because",
    # "due to"), so whatever the model said became the explanation.
    raise NotImplementedError("step 5: parse_rationale")


def ask_rationale(client, decision: Decision, *, subject: str | None = None, model: str | None = None,
                  max_tokens: int = 400) -> RationaleResult:
    # TODO step 5
    raise NotImplementedError("step 5: ask_rationale")
