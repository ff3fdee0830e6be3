"""Confidence-based escalation: the model proposes, with a confidence; the caller's policy decides who decides.

The model's reply must be one JSON object that validates as `ModelDecision`; anything else (prose, a
confidence of 95 or "high", a missing field, a failed call) goes to a person. The action's risk comes from
the caller, never from the model, and sets the confidence needed to act without a person; for high and
critical risk no confidence is enough. A low-confidence "deny" is escalated too: a model that is unsure
has not decided anything, in either direction.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from agentkit import LLMError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from human_approval.gate import ApprovalGate
from human_approval.records import ApprovalRequest, Status

# The confidence needed to act without a person, per risk of the action; None: a person always decides.
THRESHOLDS: dict[str, float | None] = {"low": 0.80, "medium": 0.90, "high": None, "critical": None}

DECISION_SYSTEM = (
    "You review actions proposed by a customer-support agent against the support policy. Reply with one JSON "
    'object and nothing else: {"decision": "approve" | "deny", "confidence": <a number from 0 to 1>, '
    '"reasoning": "<one sentence>"}'
)


class ModelDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "deny"]
    confidence: float = Field(ge=0.0, le=1.0, strict=True)    # strict: "0.9" and true are not numbers
    reasoning: str = Field(min_length=1)


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
    try:
        data = json.loads(strip_fence(text))
    except ValueError as exc:
        return None, f"the reply was not JSON ({exc.msg})"
    try:
        return ModelDecision.model_validate(data), None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'reply'}: {e['msg']}" for e in exc.errors())
        return None, f"the reply did not match the schema ({problems})"


def route(proposal: ModelDecision | None, risk: str, *, thresholds: dict[str, float | None] = THRESHOLDS,
          problem: str | None = None) -> Route:
    if risk not in thresholds:
        raise ValueError(f"unknown risk {risk!r}: known risks are {', '.join(thresholds)}")
    if proposal is None:
        return Route(True, f"no usable proposal from the model: {problem or 'no reply'}")
    needed = thresholds[risk]
    if needed is None:
        return Route(True, f"{risk}-risk actions always go to a person, whatever the confidence "
                           f"({proposal.confidence:.2f})")
    if proposal.confidence < needed:
        return Route(True, f"confidence {proposal.confidence:.2f} is below the {needed:.2f} required to "
                           f"{proposal.decision} a {risk}-risk action alone")
    return Route(False, f"confidence {proposal.confidence:.2f} meets the {needed:.2f} required for a {risk}-risk "
                        "action")


def decision_prompt(case_id: str, action: str, details: str) -> str:
    return f"Case {case_id}\nProposed action: {action}\n\n{details}"


async def decide(client, gate: ApprovalGate, *, case_id: str, action: str, details: str, risk: str, requester: str,
                 thresholds: dict[str, float | None] = THRESHOLDS, model: str | None = None,
                 timeout: float | None = None) -> Outcome:
    """Ask the model, route its proposal, and when escalated wait for a person through the gate."""
    if risk not in thresholds:
        raise ValueError(f"unknown risk {risk!r}: known risks are {', '.join(thresholds)}")
    proposal, problem = None, None
    try:
        reply = await client.achat(decision_prompt(case_id, action, details), system=DECISION_SYSTEM, model=model,
                                   max_tokens=300)
    except LLMError as exc:
        problem = f"the model could not be reached ({type(exc).__name__})"
    else:
        if reply.stop_reason == "max_tokens":
            problem = "the reply was cut off at max_tokens"
        else:
            proposal, problem = parse_decision(reply.text)
    path = route(proposal, risk, thresholds=thresholds, problem=problem)
    if not path.escalate:
        return Outcome(case_id, action, risk, proposal.decision, "automatic", path, proposal, None, None)
    shown = (f"model proposes {proposal.decision} ({proposal.confidence:.2f}): {proposal.reasoning}" if proposal
             else f"no usable model proposal: {problem}")
    request = gate.request(f"{case_id}: {action}", requester=requester, reasoning=f"{path.reason}; {shown}",
                           risk=risk, timeout=timeout)
    final = await gate.wait(request.id)
    method = "timeout" if final.status is Status.EXPIRED else "human"
    return Outcome(case_id, action, risk, "approve" if final.approved else "deny", method, path, proposal, problem,
                   final)
