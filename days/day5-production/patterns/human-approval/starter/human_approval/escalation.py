"""Confidence-based escalation: the model proposes, with a confidence; the caller's policy decides who decides.

Contract (steps 5 and 6):

- `ModelDecision`: refuse unknown fields; `decision` "approve" or "deny"; `confidence` a STRICT float in
  [0, 1] (so "0.9", true, 95 and "high" are refused); `reasoning` non-empty.
- `parse_decision(text) -> (ModelDecision, None) | (None, problem)`: strip_fence, json.loads, validate;
  the problem names what was wrong (not JSON; the schema errors, with the field names).
- `route(proposal, risk, *, thresholds=THRESHOLDS, problem=None) -> Route`: ValueError for a risk not in
  `thresholds` (never treat it as low); no proposal: escalate (say why); threshold None: escalate whatever
  the confidence; confidence below the threshold: escalate, whatever the decision (an unsure "deny" too);
  otherwise act without a person. `reason` is a sentence a reviewer can read.
- `decide(client, gate, *, case_id, action, details, risk, requester, thresholds=THRESHOLDS, model=None,
  timeout=None) -> Outcome` (async): ValueError for an unknown risk before any call; `await client.achat(
  decision_prompt(case_id, action, details), system=DECISION_SYSTEM, model=model, max_tokens=300)`; an
  LLMError or a reply cut off at max_tokens is a problem, not a crash; route; automatic: final = the
  proposal's decision, method "automatic", request None. Escalated: `gate.request(f"{case_id}: {action}",
  requester=requester, reasoning=<the route's reason and the proposal or the problem>, risk=risk,
  timeout=timeout)`, await `gate.wait`; final "approve" only if approved, method "timeout" if it expired,
  else "human".
"""
from __future__ import annotations

import json  # noqa: F401
from dataclasses import dataclass
from typing import Any, Literal

from agentkit import LLMError  # noqa: F401
from pydantic import BaseModel, ConfigDict, Field, ValidationError  # noqa: F401

from human_approval.gate import ApprovalGate
from human_approval.records import ApprovalRequest, Status  # noqa: F401

# The confidence needed to act without a person, per risk of the action; None: a person always decides.
THRESHOLDS: dict[str, float | None] = {"low": 0.80, "medium": 0.90, "high": None, "critical": None}

DECISION_SYSTEM = (
    "You review actions proposed by a customer-support agent against the support policy. Reply with one JSON "
    'object and nothing else: {"decision": "approve" | "deny", "confidence": <a number from 0 to 1>, '
    '"reasoning": "<one sentence>"}'
)


class ModelDecision(BaseModel):
    # TODO step 5: the handout read llm_decision.get("confidence", 0.5) from a dict, so 95 passed "0.9 and
    # above" and a missing confidence became 0.5. Forbid unknown fields and constrain the fields.
    decision: str
    confidence: float
    reasoning: str


@dataclass(frozen=True)
class Route:
    escalate: bool
    reason: str


@dataclass(frozen=True)
class Outcome:
    case_id: str
    action: str
    risk: str
    final: str                          # "approve" or "deny": what happens
    method: str                         # "automatic", "human" or "timeout"
    route: Route
    proposal: ModelDecision | None      # the model's validated proposal; None when unusable
    problem: str | None                 # why the reply was unusable
    request: ApprovalRequest | None     # the gate's record when escalated

    def to_dict(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "action": self.action, "risk": self.risk, "final": self.final,
                "method": self.method, "escalated": self.route.escalate, "route_reason": self.route.reason,
                "proposal": self.proposal.model_dump() if self.proposal else None, "problem": self.problem,
                "request": self.request.to_dict() if self.request else None}


def strip_fence(text: str) -> str:
    text = text.strip()
    if text.startswith("```"):
        text = text.removeprefix("```").removeprefix("json").removesuffix("```").strip()
    return text


def parse_decision(text: str) -> tuple[ModelDecision | None, str | None]:
    """(the validated decision, None) or (None, what was wrong with the reply)."""
    # TODO step 5
    raise NotImplementedError("step 5: parse_decision")


def route(proposal: ModelDecision | None, risk: str, *, thresholds: dict[str, float | None] = THRESHOLDS,
          problem: str | None = None) -> Route:
    # TODO step 5
    raise NotImplementedError("step 5: route")


def decision_prompt(case_id: str, action: str, details: str) -> str:
    return f"Case {case_id}\nProposed action: {action}\n\n{details}"


async def decide(client, gate: ApprovalGate, *, case_id: str, action: str, details: str, risk: str, requester: str,
                 thresholds: dict[str, float | None] = THRESHOLDS, model: str | None = None,
                 timeout: float | None = None) -> Outcome:
    """Ask the model, route its proposal, and when escalated wait for a person through the gate."""
    # TODO step 6
    raise NotImplementedError("step 6: decide")
