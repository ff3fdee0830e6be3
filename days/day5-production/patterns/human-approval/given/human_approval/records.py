"""An approval request and what can go wrong with deciding it."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any


class Status(str, Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"      # nobody decided in time: the answer is no


@dataclass(frozen=True)
class ApprovalRequest:
    id: str
    action: str                          # what the agent wants to do, in words a reviewer understands
    requester: str                       # who asks: the agent, or the person it acts for
    risk: str
    reasoning: str                       # why the agent proposes it
    created_at: float
    expires_at: float
    status: Status = Status.PENDING
    decided_by: str | None = None        # None when it expired
    decided_at: float | None = None
    decision_reason: str | None = None

    @property
    def approved(self) -> bool:
        return self.status is Status.APPROVED

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "status": self.status.value}


class ApprovalError(Exception):
    """A decision that the gate refused."""


class UnknownRequest(ApprovalError):
    pass


class AlreadyDecided(ApprovalError):
    pass


class RequestExpired(ApprovalError):
    pass


class SelfApproval(ApprovalError):
    pass


class NotApproved(ApprovalError):
    """Raised by execute_with_approval when the request was rejected or expired; the action did not run."""

    def __init__(self, request: ApprovalRequest):
        self.request = request
        who = f" by {request.decided_by}" if request.decided_by else ""
        super().__init__(f"{request.action!r} was not approved: {request.status.value}{who}")


def same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()
