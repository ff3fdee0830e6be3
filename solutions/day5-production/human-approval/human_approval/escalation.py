### BEGIN STARTER
# """Confidence-based escalation: the model proposes, with a confidence; the caller's policy decides who decides.
#
# Contract (steps 5 and 6):
#
# - `ModelDecision`: refuse unknown fields; `decision` "approve" or "deny"; `confidence` a STRICT float in
#   [0, 1] (so "0.9", true, 95 and "high" are refused); `reasoning` non-empty.
# - `parse_decision(text) -> (ModelDecision, None) | (None, problem)`: strip_fence, json.loads, validate;
#   the problem names what was wrong (not JSON; the schema errors, with the field names).
# - `route(proposal, risk, *, thresholds=THRESHOLDS, problem=None) -> Route`: ValueError for a risk not in
#   `thresholds` (never treat it as low); no proposal: escalate (say why); threshold None: escalate whatever
#   the confidence; confidence below the threshold: escalate, whatever the decision (an unsure "deny" too);
#   otherwise act without a person. `reason` is a sentence a reviewer can read.
# - `decide(client, gate, *, case_id, action, details, risk, requester, thresholds=THRESHOLDS, model=None,
#   timeout=None) -> Outcome` (async): ValueError for an unknown risk before any call; `await client.achat(
#   decision_prompt(case_id, action, details), system=DECISION_SYSTEM, model=model, max_tokens=300)`; an
#   LLMError or a reply cut off at max_tokens is a problem, not a crash; route; automatic: final = the
#   proposal's decision, method "automatic", request None. Escalated: `gate.request(f"{case_id}: {action}",
#   requester=requester, reasoning=<the route's reason and the proposal or the problem>, risk=risk,
#   timeout=timeout)`, await `gate.wait`; final "approve" only if approved, method "timeout" if it expired,
#   else "human".
# """
### END STARTER
### BEGIN SOLUTION
"""Confidence-based escalation: the model proposes, with a confidence; the caller's policy decides who decides.

The model's reply must be one JSON object that validates as `ModelDecision`; anything else (prose, a
confidence of 95 or "high", a missing field, a failed call) goes to a person. The action's risk comes from
the caller, never from the model, and sets the confidence needed to act without a person; for high and
critical risk no confidence is enough. A low-confidence "deny" is escalated too: a model that is unsure
has not decided anything, in either direction.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import json
### END SOLUTION
from dataclasses import dataclass
from typing import Any, Literal

### BEGIN STARTER
# from agentkit import LLMError  # noqa: F401
# from pydantic import BaseModel, ConfigDict, Field, ValidationError  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from agentkit import LLMError
from pydantic import BaseModel, ConfigDict, Field, ValidationError
### END SOLUTION

from human_approval.gate import ApprovalGate
### BEGIN STARTER
# from human_approval.records import ApprovalRequest, Status  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from human_approval.records import ApprovalRequest, Status
### END SOLUTION

# The confidence needed to act without a person, per risk of the action; None: a person always decides.
THRESHOLDS: dict[str, float | None] = {"low": 0.80, "medium": 0.90, "high": None, "critical": None}

DECISION_SYSTEM = (
    "You review actions proposed by a customer-support agent against the support policy. Reply with one JSON "
    'object and nothing else: {"decision": "approve" | "deny", "confidence": <a number from 0 to 1>, '
    '"reasoning": "<one sentence>"}'
)


class ModelDecision(BaseModel):
    ### BEGIN STARTER
    # # TODO step 5: the handout read llm_decision.get("confidence", 0.5) from a dict, so 95 passed "0.9 and
    # # above" and a missing confidence became 0.5. Forbid unknown fields and constrain the fields.
    # decision: str
    # confidence: float
    # reasoning: str
    ### END STARTER
    ### BEGIN SOLUTION
    model_config = ConfigDict(extra="forbid")
    decision: Literal["approve", "deny"]
    confidence: float = Field(ge=0.0, le=1.0, strict=True)    # strict: "0.9" and true are not numbers
    reasoning: str = Field(min_length=1)
    ### END SOLUTION


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
    ### BEGIN STARTER
    # # TODO step 5
    # raise NotImplementedError("step 5: parse_decision")
    ### END STARTER
    ### BEGIN SOLUTION
    try:
        data = json.loads(strip_fence(text))
    except ValueError as exc:
        return None, f"the reply was not JSON ({exc.msg})"
    try:
        return ModelDecision.model_validate(data), None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'reply'}: {e['msg']}" for e in exc.errors())
        return None, f"the reply did not match the schema ({problems})"
    ### END SOLUTION


def route(proposal: ModelDecision | None, risk: str, *, thresholds: dict[str, float | None] = THRESHOLDS,
          problem: str | None = None) -> Route:
    ### BEGIN STARTER
    # # TODO step 5
    # raise NotImplementedError("step 5: route")
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION


def decision_prompt(case_id: str, action: str, details: str) -> str:
    return f"Case {case_id}\nProposed action: {action}\n\n{details}"


async def decide(client, gate: ApprovalGate, *, case_id: str, action: str, details: str, risk: str, requester: str,
                 thresholds: dict[str, float | None] = THRESHOLDS, model: str | None = None,
                 timeout: float | None = None) -> Outcome:
    """Ask the model, route its proposal, and when escalated wait for a person through the gate."""
    ### BEGIN STARTER
    # # TODO step 6
    # raise NotImplementedError("step 6: decide")
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION
