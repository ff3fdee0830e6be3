"""A tamper-evident audit trail: append-only, hash-chained entries in SQLite, verification that names the
first broken entry, a compliance report, and auditing of an agent's model calls."""
from audit_trail.audited import AuditedClient, audited, decision_of, prompt_digest
from audit_trail.canonical import GENESIS, canonical_json, entry_hash, utc_timestamp
from audit_trail.report import ESCALATE, compliance_report, report_markdown
from audit_trail.trail import AuditTrail, Entry
from audit_trail.verify import (HASH_MISMATCH, HEAD_MISMATCH, MISSING, PREV_HASH_MISMATCH, TRUNCATED, Head,
                                Verification, verify_rows)

__all__ = ["AuditTrail", "Entry", "Head", "Verification", "verify_rows", "GENESIS", "canonical_json",
           "entry_hash", "utc_timestamp", "compliance_report", "report_markdown", "ESCALATE", "audited",
           "AuditedClient", "prompt_digest", "decision_of", "HASH_MISMATCH", "PREV_HASH_MISMATCH", "MISSING",
           "TRUNCATED", "HEAD_MISMATCH"]
