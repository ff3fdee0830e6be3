"""The compliance report: what happened in a period, which decisions went to a human, and whether the log
is intact.

Contract:

`compliance_report(trail, start, end, *, expected_head=None) -> dict` over trail.entries(start, end), with
the keys
    "period": {"start": as_timestamp(start), "end": as_timestamp(end)},
    "generated_at": utc_timestamp(trail.clock()),
    "entries": number of entries in the period,
    "by_actor", "by_action": {name: count},
    "decisions": {payload["decision"]: count} for entries whose payload has a decision,
    "escalations": [{"seq", "timestamp", "actor", "action", "subject": payload.get("subject")}] for entries
                   whose payload["decision"] == ESCALATE, oldest first,
    "verification": {"ok", "seq", "reason", "detail", "checked", "head": {"seq", "hash"}} from
                    trail.verify(expected_head=...) over the WHOLE trail, not only the period.

`report_markdown(report) -> str`: a Markdown page with a verification line that says "PASSED", or
"FAILED at entry <seq>" with the reason; tables whose rows read `| <name> | <count> |` for actors, actions
and decisions; and the escalations (seq, time, actor, subject).
"""
from __future__ import annotations

from collections import Counter  # noqa: F401 - for the counts
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from audit_trail.canonical import utc_timestamp  # noqa: F401
from audit_trail.trail import AuditTrail, as_timestamp  # noqa: F401

ESCALATE = "escalate"  # payload["decision"] of an entry that handed the decision to a human


def compliance_report(trail: AuditTrail, start: datetime | str, end: datetime | str, *,
                      expected_head: Sequence | None = None) -> dict[str, Any]:
    # TODO step 5: the handout counted everything it had and said nothing about whether the log was intact.
    raise NotImplementedError("step 5: compliance_report")


def report_markdown(report: dict[str, Any]) -> str:
    # TODO step 5
    raise NotImplementedError("step 5: report_markdown")
