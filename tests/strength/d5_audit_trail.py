"""d5-audit-trail: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
TRAIL = "trail.py"
VERIFY = "verify.py"
CANONICAL = "canonical.py"

BROKEN = {
    "hash: the hash is truncated to 16 hex characters": (CANONICAL, [(
        '    return hashlib.sha256(record.encode("utf-8")).hexdigest()',
        '    return hashlib.sha256(record.encode("utf-8")).hexdigest()[:16]')]),
    "hash: prev_hash is left out of what is hashed": (CANONICAL, [(
        "    record = canonical_json([seq, timestamp, actor, action, payload_json, prev_hash])",
        "    record = canonical_json([seq, timestamp, actor, action, payload_json])")]),
    "verify: the link to the previous entry is not checked": (VERIFY, [(
        "        if stored_prev != prev_hash:", "        if False:")]),
    "verify: a truncated tail passes even with the anchored head": (VERIFY, [(
        "    if checked < anchor_seq:", "    if False:")]),
    "append: the last entry is read outside a write transaction, so concurrent writers fork the chain": (TRAIL, [(
        '            self.db.execute("BEGIN IMMEDIATE")', '            self.db.execute("BEGIN DEFERRED")')]),
    "append-only: DELETE is not refused by a trigger": (TRAIL, [(
        """    \"\"\"CREATE TRIGGER IF NOT EXISTS entries_refuse_delete BEFORE DELETE ON entries
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused'); END\"\"\",
""", "")]),
}

CORRECT = {
    "verify compares the anchored hash with hmac.compare_digest and counts seq itself": (VERIFY, [(
        """        if seq == anchor_seq and stored_hash != anchor_hash:
            return _broken(seq, HEAD_MISMATCH, f"entry {seq} is not the entry that was anchored: the log was "
                           "rewritten up to there", checked, prev_hash)
        expected_seq, prev_hash, checked = seq + 1, stored_hash, checked + 1""",
        """        if seq == anchor_seq and not hmac.compare_digest(stored_hash, anchor_hash):
            return _broken(seq, HEAD_MISMATCH, f"entry {seq} is not the entry that was anchored: the log was "
                           "rewritten up to there", checked, prev_hash)
        expected_seq, prev_hash, checked = expected_seq + 1, stored_hash, checked + 1"""), (
        "from collections.abc import Iterable, Sequence\n",
        "import hmac\nfrom collections.abc import Iterable, Sequence\n")]),
    "entry hash through hashlib.new and an update per part of the record": (CANONICAL, [(
        """    record = canonical_json([seq, timestamp, actor, action, payload_json, prev_hash])
    return hashlib.sha256(record.encode("utf-8")).hexdigest()""",
        """    digest = hashlib.new("sha256")
    digest.update(canonical_json([seq, timestamp, actor, action, payload_json, prev_hash]).encode())
    return digest.hexdigest()""")]),
}
