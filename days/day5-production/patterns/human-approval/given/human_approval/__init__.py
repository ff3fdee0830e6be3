"""Human-in-the-loop approval: a gate the agent waits on without polling (asyncio, threads, or Redis across
processes), where a timeout means no and nobody approves their own request; and confidence-based escalation
of validated model decisions, with thresholds set by the risk of the action."""
from human_approval.escalation import (DECISION_SYSTEM, THRESHOLDS, ModelDecision, Outcome, Route, decide,
                                       decision_prompt, parse_decision, route)
from human_approval.gate import ApprovalGate, execute_with_approval
from human_approval.records import (AlreadyDecided, ApprovalError, ApprovalRequest, NotApproved, RequestExpired,
                                    SelfApproval, Status, UnknownRequest)
from human_approval.redis_gate import RedisApprovalGate

__all__ = ["ApprovalGate", "RedisApprovalGate", "execute_with_approval", "ApprovalRequest", "Status",
           "ApprovalError", "UnknownRequest", "AlreadyDecided", "RequestExpired", "SelfApproval", "NotApproved",
           "ModelDecision", "Route", "Outcome", "THRESHOLDS", "DECISION_SYSTEM", "parse_decision", "route", "decide",
           "decision_prompt"]
