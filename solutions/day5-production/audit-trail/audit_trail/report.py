### BEGIN STARTER
# """The compliance report: what happened in a period, which decisions went to a human, and whether the log
# is intact.
#
# Contract:
#
# `compliance_report(trail, start, end, *, expected_head=None) -> dict` over trail.entries(start, end), with
# the keys
#     "period": {"start": as_timestamp(start), "end": as_timestamp(end)},
#     "generated_at": utc_timestamp(trail.clock()),
#     "entries": number of entries in the period,
#     "by_actor", "by_action": {name: count},
#     "decisions": {payload["decision"]: count} for entries whose payload has a decision,
#     "escalations": [{"seq", "timestamp", "actor", "action", "subject": payload.get("subject")}] for entries
#                    whose payload["decision"] == ESCALATE, oldest first,
#     "verification": {"ok", "seq", "reason", "detail", "checked", "head": {"seq", "hash"}} from
#                     trail.verify(expected_head=...) over the WHOLE trail, not only the period.
#
# `report_markdown(report) -> str`: a Markdown page with a verification line that says "PASSED", or
# "FAILED at entry <seq>" with the reason; tables whose rows read `| <name> | <count> |` for actors, actions
# and decisions; and the escalations (seq, time, actor, subject).
# """
### END STARTER
### BEGIN SOLUTION
"""The compliance report: what happened in a period, which decisions went to a human, and whether the log
is intact. The verification always covers the whole chain, not just the period: a report on a log that
was edited outside the period is still a report on an edited log."""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# from collections import Counter  # noqa: F401 - for the counts
### END STARTER
### BEGIN SOLUTION
from collections import Counter
### END SOLUTION
from collections.abc import Sequence
from datetime import datetime
from typing import Any

### BEGIN STARTER
# from audit_trail.canonical import utc_timestamp  # noqa: F401
# from audit_trail.trail import AuditTrail, as_timestamp  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from audit_trail.canonical import utc_timestamp
from audit_trail.trail import AuditTrail, as_timestamp
### END SOLUTION

ESCALATE = "escalate"  # payload["decision"] of an entry that handed the decision to a human


def compliance_report(trail: AuditTrail, start: datetime | str, end: datetime | str, *,
                      expected_head: Sequence | None = None) -> dict[str, Any]:
    ### BEGIN STARTER
    # # TODO step 5: the handout counted everything it had and said nothing about whether the log was intact.
    # raise NotImplementedError("step 5: compliance_report")
    ### END STARTER
    ### BEGIN SOLUTION
    entries = trail.entries(start, end)
    verification = trail.verify(expected_head=expected_head)
    decisions = Counter(str(e.payload["decision"]) for e in entries if e.payload.get("decision") is not None)
    return {
        "period": {"start": as_timestamp(start), "end": as_timestamp(end)},
        "generated_at": utc_timestamp(trail.clock()),
        "entries": len(entries),
        "by_actor": _counts(Counter(e.actor for e in entries)),
        "by_action": _counts(Counter(e.action for e in entries)),
        "decisions": _counts(decisions),
        "escalations": [{"seq": e.seq, "timestamp": e.timestamp, "actor": e.actor, "action": e.action,
                         "subject": e.payload.get("subject")}
                        for e in entries if e.payload.get("decision") == ESCALATE],
        "verification": {"ok": verification.ok, "seq": verification.seq, "reason": verification.reason,
                         "detail": verification.detail, "checked": verification.checked,
                         "head": {"seq": verification.head.seq, "hash": verification.head.hash}},
    }
    ### END SOLUTION


def report_markdown(report: dict[str, Any]) -> str:
    ### BEGIN STARTER
    # # TODO step 5
    # raise NotImplementedError("step 5: report_markdown")
    ### END STARTER
    ### BEGIN SOLUTION
    check = report["verification"]
    if check["ok"]:
        status = (f"**PASSED**: {check['checked']} entries checked; the chain is intact up to entry "
                  f"{check['head']['seq']} (hash `{check['head']['hash'][:16]}...`).")
    else:
        status = (f"**FAILED at entry {check['seq']}** ({check['reason']}): {check['detail']}. "
                  f"Entries 1-{check['checked']} verified; nothing after them can be trusted.")
    lines = [
        "# Audit trail compliance report", "",
        f"Period: {report['period']['start']} (inclusive) to {report['period']['end']} (exclusive)  ",
        f"Generated: {report['generated_at']}", "",
        "## Verification", "", status, "",
        "## Activity", "", f"{report['entries']} entries in the period.", "",
        *_table("actor", report["by_actor"]), "",
        *_table("action", report["by_action"]), "",
        "## Decisions", "",
        *(_table("decision", report["decisions"]) if report["decisions"] else ["No decisions in this period."]), "",
        "## Escalated to a human", "",
    ]
    if report["escalations"]:
        lines += ["| seq | time | actor | subject |", "|---|---|---|---|"]
        lines += [f"| {e['seq']} | {e['timestamp']} | {e['actor']} | {e['subject'] or ''} |"
                  for e in report["escalations"]]
    else:
        lines.append("No decision was escalated in this period.")
    return "\n".join(lines) + "\n"
    ### END SOLUTION
### BEGIN SOLUTION


def _counts(counter: Counter) -> dict[str, int]:
    """Most frequent first, then by name, so two reports on the same data are identical."""
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _table(name: str, counts: dict[str, int]) -> list[str]:
    return [f"| {name} | entries |", "|---|---|", *(f"| {key} | {count} |" for key, count in counts.items())]
### END SOLUTION
