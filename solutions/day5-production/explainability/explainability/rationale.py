### BEGIN STARTER
# """The model's own account of a decision, asked for as JSON, validated, and never trusted blindly.
#
# Contract:
#
# - `parse_rationale(text, decision, allowed, model=None) -> RationaleResult`: strip a ```json fence
#   (strip_fence), json.loads, `Rationale.model_validate`. Return RationaleResult(False, reason=...) when the
#   text is not JSON, does not fit `Rationale` (pydantic ValidationError), says a different decision than
#   decision.outcome, or cites a key factor that is not in `allowed` (name it in the reason). Otherwise
#   RationaleResult(True, rationale=<the Rationale>, model=model).
# - `ask_rationale(client, decision, *, subject=None, model=None, max_tokens=400) -> RationaleResult`:
#   `client.chat(rationale_prompt(decision, subject), system=RATIONALE_SYSTEM, model=model,
#   max_tokens=max_tokens)`; an `agentkit.LLMError` or a reply cut off at max_tokens (stop_reason
#   "max_tokens") gives RationaleResult(False, reason=...); otherwise parse_rationale with the decision's own
#   factor features as `allowed`. Never raise, never invent a rationale.
# """
### END STARTER
### BEGIN SOLUTION
"""The model's own account of a decision, asked for as JSON, validated, and never trusted blindly.

A reply that is not JSON, does not fit `Rationale`, contradicts the actual decision, or cites data the
decision did not use gives `RationaleResult(available=False, reason=...)`: the report then says the
rationale is unavailable. It never invents one and never crashes.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401 - for parse_rationale
### END STARTER
### BEGIN SOLUTION
import json
### END SOLUTION
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

### BEGIN STARTER
# from agentkit import LLMError  # noqa: F401 - what a failed call raises
# from pydantic import BaseModel, Field, ValidationError  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from agentkit import LLMError
from pydantic import BaseModel, Field, ValidationError
### END SOLUTION

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
    ### BEGIN STARTER
    # # TODO step 5. The handout pulled "key factors" out of the model's prose with keywords ("because",
    # # "due to"), so whatever the model said became the explanation.
    # raise NotImplementedError("step 5: parse_rationale")
    ### END STARTER
    ### BEGIN SOLUTION
    try:
        data = json.loads(strip_fence(text))
    except ValueError as exc:
        return RationaleResult(False, reason=f"the model's reply was not valid JSON ({exc.msg})", model=model)
    try:
        rationale = Rationale.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'reply'}: {e['msg']}" for e in exc.errors())
        return RationaleResult(False, reason=f"the model's reply did not match the schema ({problems})", model=model)
    if rationale.decision.strip().lower() != decision.outcome.lower():
        return RationaleResult(False, reason=f"the model's rationale contradicts the decision: it says "
                               f"{rationale.decision!r}, the decision was {decision.outcome!r}", model=model)
    unknown = [f for f in rationale.key_factors if f not in set(allowed)]
    if unknown:
        return RationaleResult(False, reason=f"the model's rationale cites data the decision did not use: "
                               f"{', '.join(unknown)}", model=model)
    return RationaleResult(True, rationale=rationale, model=model)
    ### END SOLUTION


def ask_rationale(client, decision: Decision, *, subject: str | None = None, model: str | None = None,
                  max_tokens: int = 400) -> RationaleResult:
    ### BEGIN STARTER
    # # TODO step 5
    # raise NotImplementedError("step 5: ask_rationale")
    ### END STARTER
    ### BEGIN SOLUTION
    model = model or getattr(client, "model", None)
    try:
        reply = client.chat(rationale_prompt(decision, subject), system=RATIONALE_SYSTEM, model=model,
                            max_tokens=max_tokens)
    except LLMError as exc:
        return RationaleResult(False, reason=f"the model could not be reached ({type(exc).__name__})", model=model)
    if reply.stop_reason == "max_tokens":
        return RationaleResult(False, reason=f"the model's reply was cut off at max_tokens={max_tokens}", model=model)
    return parse_rationale(reply.text, decision, [f.feature for f in decision.factors], model=model)
    ### END SOLUTION
