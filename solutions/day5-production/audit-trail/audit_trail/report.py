"""The compliance report: what happened in a period, which decisions went to a human, and whether the log
is intact. The verification always covers the whole chain, not just the period: a report on a log that
was edited outside the period is still a report on an edited log."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from audit_trail.canonical import utc_timestamp
from audit_trail.trail import AuditTrail, as_timestamp

ESCALATE = "escalate"  # payload["decision"] of an entry that handed the decision to a human


def compliance_report(trail: AuditTrail, start: datetime | str, end: datetime | str, *,
                      expected_head: Sequence | None = None) -> dict[str, Any]:
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


def report_markdown(report: dict[str, Any]) -> str:
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


def _counts(counter: Counter) -> dict[str, int]:
    """Most frequent first, then by name, so two reports on the same data are identical."""
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def _table(name: str, counts: dict[str, int]) -> list[str]:
    return [f"| {name} | entries |", "|---|---|", *(f"| {key} | {count} |" for key, count in counts.items())]
