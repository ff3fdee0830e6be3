"""Audit trail, graded. Each test runs your `audit_trail` package in its own process through ../driver.py, on a
fresh SQLite file. Tampering is done like an attacker with write access to the file would do it: a plain
sqlite3 connection that drops your triggers first. The driver also re-checks the chain with the formula from
the contract, so a `verify()` that always answers "ok" does not pass. Only the model-call tests replay a
scenario (../fixtures/scenarios/refund-agent.yaml); the others make no model call."""
import hashlib
import json
import re

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the audit trail calls no model"},
          "exchanges": []}
GENESIS = "0" * 64
HEX64 = re.compile(r"[0-9a-f]{64}")

ENTRIES = [
    ["2026-11-02T09:00:00+00:00", "refund-agent", "decision", {"ticket": "T-1", "decision": "approve"}],
    ["2026-11-02T11:30:00+02:00", "alice@support", "review", {"ticket": "T-1", "note": "Zoë agreed: 49,90 €"}],
    ["2026-11-02T10:15:30.250000+00:00", "refund-agent", "decision",
     {"z": [3, 1, 2], "a": {"y": True, "b": None}, "ticket": "T-2"}],
]

TICKETS = [
    {"id": "T-1001", "customer": "Ingrid Solvang", "text": "The kettle arrived with a cracked lid. 49.90 EUR."},
    {"id": "T-1002", "customer": "Tomasz Wierzbicki", "text": "Refund the e-book I bought in March, I read it."},
    {"id": "T-1003", "customer": "Hauwa Okonkwo", "text": "You charged me twice for order 88950, 1,240 EUR."},
    {"id": "T-1004", "customer": "Rafael Quenneville", "text": "My parcel never arrived. 35 EUR."},
]
MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}

# The period test: 4 days of activity; the report covers 3 Nov (inclusive) to 5 Nov (exclusive).
ACTIVITY = [
    ["2026-11-02T16:00:00+00:00", "refund-agent", "decision", {"subject": "T-10", "decision": "escalate"}],
    ["2026-11-03T00:00:00+00:00", "refund-agent", "decision", {"subject": "T-11", "decision": "approve"}],
    ["2026-11-03T09:10:00+00:00", "refund-agent", "decision", {"subject": "T-12", "decision": "escalate"}],
    ["2026-11-03T09:40:00+00:00", "alice@support", "review", {"subject": "T-12", "decision": "approve"}],
    ["2026-11-03T13:05:00+00:00", "refund-agent", "model_call", {"subject": "T-13", "decision": "deny"}],
    ["2026-11-04T08:30:00+00:00", "refund-agent", "decision", {"subject": "T-14", "decision": "escalate"}],
    ["2026-11-04T10:00:00+00:00", "ops-bot", "config_change", {"setting": "refund_limit_eur", "value": 500}],
    ["2026-11-04T23:59:59.999999+00:00", "bob@support", "review", {"subject": "T-14", "decision": "deny"}],
    ["2026-11-05T00:00:00+00:00", "refund-agent", "decision", {"subject": "T-15", "decision": "escalate"}],
]


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.points(2)
@pytest.mark.hint("append() stores seq (1, 2, ...), the clock's time in UTC (utc_timestamp), actor, action and the "
                  "payload as canonical_json text; entries() reads them back, oldest first, payload as a dict.")
def test_appended_entries_read_back_in_order(run):
    result = result_of(run(NO_LLM, "write_and_read", entries=ENTRIES))
    read = result["read"]
    assert [e["seq"] for e in read] == [1, 2, 3], f"seqs read back: {[e['seq'] for e in read]}"
    assert [e["timestamp"] for e in read] == ["2026-11-02T09:00:00.000000+00:00", "2026-11-02T09:30:00.000000+00:00",
                                              "2026-11-02T10:15:30.250000+00:00"], \
        "timestamps are the injected clock's time in UTC, ISO format with microseconds (11:30+02:00 is 09:30 UTC)"
    assert [(e["actor"], e["action"], e["payload"]) for e in read] == [tuple(x[1:]) for x in ENTRIES]
    assert result["appended"] == read, "append() returns the entry exactly as it is stored"
    stored = [row[4] for row in result["rows"]]
    assert stored == [canonical(x[3]) for x in ENTRIES], (
        "the payload column holds canonical JSON (sort_keys, separators=(',', ':'), ensure_ascii=False); got "
        f"{stored}")


@pytest.mark.points(3)
@pytest.mark.hint("hash = sha256(canonical_json([seq, timestamp, actor, action, payload_json, prev_hash])).hexdigest(): "
                  "all 64 hex characters, never truncated. The first prev_hash is GENESIS ('0' * 64); every other is "
                  "the hash of the entry before it.")
def test_full_sha256_hashes_chain_from_the_genesis(run):
    result = result_of(run(NO_LLM, "write_and_read", entries=ENTRIES))
    rows = result["rows"]
    for seq, timestamp, actor, action, payload, prev_hash, digest in rows:
        assert HEX64.fullmatch(digest), f"entry {seq}: hash {digest!r} is not 64 lowercase hex characters"
        expected = hashlib.sha256(canonical([seq, timestamp, actor, action, payload, prev_hash]).encode()).hexdigest()
        assert digest == expected, f"entry {seq}: the hash does not follow the contract's formula"
    assert rows[0][5] == GENESIS, "the first entry's prev_hash is 64 zeros"
    assert [r[5] for r in rows[1:]] == [r[6] for r in rows[:-1]], "each prev_hash is the previous entry's hash"
    assert result["head"] == [3, rows[-1][6]], f"head() is (last seq, last hash); got {result['head']}"
    assert result["verify"] == {"ok": True, "seq": None, "reason": None}, result["verify"]


@pytest.mark.points(3)
@pytest.mark.hint("verify() recomputes every entry's hash from its stored columns; the first entry whose hash does "
                  "not match is named: Verification(ok=False, seq=<that seq>, reason='hash_mismatch').")
def test_an_edited_payload_is_named_by_its_seq(run):
    result = result_of(run(NO_LLM, "tamper", attack_kind="edit_payload", target=4))
    assert result["before"]["ok"] is True, f"an untouched trail must verify: {result['before']}"
    assert result["after"] == {"ok": False, "seq": 4, "reason": "hash_mismatch"}, (
        f"entry 4's payload was rewritten in the file (triggers dropped); verify() said {result['after']}")


@pytest.mark.points(3)
@pytest.mark.hint("Per-row hashes are not enough: a forger who knows the formula recomputes the edited row's hash. "
                  "Check each entry's prev_hash against the previous entry's hash: the break shows at the next entry.")
def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(run):
    result = result_of(run(NO_LLM, "tamper", attack_kind="edit_and_rehash", target=4))
    assert result["after"] == {"ok": False, "seq": 5, "reason": "prev_hash_mismatch"}, (
        "entry 4 was edited and its own hash recomputed, so entry 4 looks intact; entry 5 no longer follows it. "
        f"verify() said {result['after']}")


@pytest.mark.points(3)
@pytest.mark.hint("A deleted entry leaves a gap: name the first missing seq (reason 'missing'). Renumbering the rest "
                  "to hide the gap changes the seq inside their hashes, so the first renumbered entry fails its hash.")
def test_a_deleted_entry_is_named(run):
    gap = result_of(run(NO_LLM, "tamper", attack_kind="delete", target=5))
    assert gap["after"] == {"ok": False, "seq": 5, "reason": "missing"}, \
        f"entry 5 was deleted from 8; verify() said {gap['after']}"
    hidden = result_of(run(NO_LLM, "tamper", attack_kind="delete_and_renumber", target=5))
    assert hidden["after"] == {"ok": False, "seq": 5, "reason": "hash_mismatch"}, (
        f"entry 5 was deleted and entries 6-8 renumbered 5-7; verify() said {hidden['after']}")


@pytest.mark.points(2)
@pytest.mark.hint("The seq is part of each hash, so swapping two entries or inserting one (and renumbering) makes "
                  "the first moved entry fail its own hash.")
def test_inserted_and_reordered_entries_are_named(run):
    inserted = result_of(run(NO_LLM, "tamper", attack_kind="insert", target=4))
    assert inserted["after"] == {"ok": False, "seq": 5, "reason": "hash_mismatch"}, (
        "a forged entry 4 (correctly linked and hashed) was inserted and the old 4-8 moved to 5-9: the old entry 4, "
        f"now at seq 5, no longer matches its hash; verify() said {inserted['after']}")
    swapped = result_of(run(NO_LLM, "tamper", attack_kind="swap", target=3))
    assert swapped["after"] == {"ok": False, "seq": 3, "reason": "hash_mismatch"}, \
        f"entries 3 and 4 swapped places; verify() said {swapped['after']}"


@pytest.mark.points(3)
@pytest.mark.hint("A shorter chain is still a valid chain, so only the head kept elsewhere can show the loss: "
                  "verify(expected_head=(seq, hash)) reports 'truncated' at the first missing seq, and 'head_mismatch' "
                  "when the entry at the anchored seq has another hash. Entries appended after the anchor are fine.")
def test_a_truncated_or_rewritten_tail_needs_the_anchored_head(run):
    cut = result_of(run(NO_LLM, "tamper", attack_kind="truncate", target=7))
    assert cut["after"]["ok"] is True, "without an anchor, entries 1-6 alone are a valid chain: no false alarm"
    assert cut["after_with_head"] == {"ok": False, "seq": 7, "reason": "truncated"}, (
        f"entries 7-8 were deleted; with the anchored head (8, ...) verify() said {cut['after_with_head']}")
    forged = result_of(run(NO_LLM, "tamper", attack_kind="rewrite_tail", target=5))
    assert forged["check"]["ok"] and forged["after"]["ok"], "entries 5-8 were rewritten and re-hashed consistently"
    assert forged["after_with_head"] == {"ok": False, "seq": 8, "reason": "head_mismatch"}, (
        f"the anchored entry 8 now has a different hash; verify(expected_head=...) said {forged['after_with_head']}")
    later = result_of(run(NO_LLM, "anchored_then_appended"))
    assert later["with_head"]["ok"] is True, f"3 honest appends after the anchor are not tampering: {later['with_head']}"
    assert later["head"][0] == 11 and later["anchored"][0] == 8
    assert later["empty_head"] == [0, GENESIS] and later["empty_verify"]["ok"] is True, \
        "an empty trail's head is (0, GENESIS) and it verifies"


@pytest.mark.points(2)
@pytest.mark.hint("Create BEFORE UPDATE and BEFORE DELETE triggers that SELECT RAISE(ABORT, '...'), and a BEFORE INSERT "
                  "trigger that refuses a row whose seq already exists (INSERT OR REPLACE would otherwise delete it "
                  "without firing the DELETE trigger).")
def test_triggers_refuse_update_delete_and_replace(run):
    result = result_of(run(NO_LLM, "triggers"))
    refused = result["refused"]
    assert refused["update"], "an UPDATE through another connection succeeded; a trigger should refuse it"
    assert refused["delete"], "a DELETE through another connection succeeded; a trigger should refuse it"
    assert refused["replace"], "INSERT OR REPLACE replaced entry 2; refuse inserts whose seq already exists"
    assert result["unchanged"] and result["verify"]["ok"], "the refused statements must leave the rows untouched"


@pytest.mark.points(4)
@pytest.mark.hint("Read the last entry and insert the next one inside one BEGIN IMMEDIATE transaction (connect with "
                  "isolation_level=None and a busy timeout): two writers can then never extend the same head.")
def test_concurrent_processes_build_one_chain(run):
    result = result_of(run(NO_LLM, "concurrent", mode="processes", writers=4, per_writer=25))
    assert not result["stuck"], f"{result['stuck']} writer processes did not finish within 15 s"
    assert not result["failures"], f"writer processes failed: {result['failures']}"
    assert result["count"] == 100 and set(result["per_writer"].values()) == {25}, \
        f"4 processes x 25 appends; stored {result['count']}: {result['per_writer']}"
    assert result["check"]["ok"], (
        f"the chain forked or broke at entry {result['check']['first_bad']}: two writers read the same head")
    assert result["verify"]["ok"], result["verify"]


@pytest.mark.points(2)
@pytest.mark.hint("Threads with their own AuditTrail (their own connection) on one file need the same BEGIN IMMEDIATE "
                  "transaction as processes.")
def test_concurrent_threads_with_their_own_connections_build_one_chain(run):
    result = result_of(run(NO_LLM, "concurrent", mode="threads", writers=4, per_writer=25))
    assert not result["stuck"] and not result["failures"], result
    assert result["count"] == 100 and result["check"]["ok"], result["check"]


@pytest.mark.points(3)
@pytest.mark.hint("compliance_report(trail, start, end): entries with start <= timestamp < end; counts by actor, by "
                  "action and by payload['decision']; escalations are entries whose payload decision is 'escalate'; "
                  "verification covers the whole trail. report_markdown renders `| name | count |` table rows.")
def test_compliance_report_counts_a_period(run):
    result = result_of(run(NO_LLM, "report", entries=ACTIVITY, start="2026-11-03T00:00:00+00:00",
                           end="2026-11-05T00:00:00+00:00"))
    report, markdown = result["report"], result["markdown"]
    assert report["entries"] == 7, f"7 entries fall in [3 Nov, 5 Nov); got {report['entries']}"
    assert report["by_actor"] == {"refund-agent": 4, "alice@support": 1, "ops-bot": 1, "bob@support": 1}
    assert report["by_action"] == {"decision": 3, "review": 2, "model_call": 1, "config_change": 1}
    assert report["decisions"] == {"approve": 2, "escalate": 2, "deny": 2}
    assert [(e["seq"], e["subject"]) for e in report["escalations"]] == [(3, "T-12"), (6, "T-14")], \
        f"escalations in the period: {report['escalations']}"
    assert report["verification"]["ok"] is True and report["verification"]["checked"] == 9, report["verification"]
    for actor, count in report["by_actor"].items():
        assert re.search(rf"\|\s*{re.escape(actor)}\s*\|\s*{count}\s*\|", markdown), f"no '| {actor} | {count} |' row"
    assert "PASSED" in markdown and "T-12" in markdown and "T-14" in markdown, markdown


@pytest.mark.points(2)
@pytest.mark.hint("The report carries verify()'s outcome; the Markdown says FAILED and names the first broken entry.")
def test_compliance_report_shows_a_broken_chain(run):
    result = result_of(run(NO_LLM, "report", entries=ACTIVITY, start="2026-11-03T00:00:00+00:00",
                           end="2026-11-05T00:00:00+00:00", tamper_seq=2))
    check = result["report"]["verification"]
    assert (check["ok"], check["seq"], check["reason"]) == (False, 2, "hash_mismatch"), check
    assert re.search(r"FAILED at entry 2\b", result["markdown"]), "the Markdown must say 'FAILED at entry 2'"


def model_calls(result: dict) -> list[dict]:
    return [{"action": row[3], **json.loads(row[4])} for row in result["rows"]]


@pytest.mark.points(3)
@pytest.mark.hint("audited(trail, client, actor=...) returns a client whose chat() calls the real client and appends "
                  "'model_call' with model, provider, prompt_sha256 (prompt_digest), decision, usage and the caller's "
                  "audit={...} fields; a failed call appends 'model_call_failed' and re-raises. No raw prompt.")
def test_model_calls_are_recorded_without_the_prompt(run, provider):
    trace = run("refund-agent", "agent", provider=provider, tickets=TICKETS)
    result = result_of(trace)
    assert len(trace["sent"]) == 4, f"each ticket is one model call; {len(trace['sent'])} were sent"
    assert [o.get("raised") for o in result["outcomes"]] == [None, None, None, "ServerError"], \
        f"the 503 for T-1004 must still reach the agent: {result['outcomes']}"
    calls = model_calls(result)
    assert [c["action"] for c in calls] == ["model_call"] * 3 + ["model_call_failed"], [c["action"] for c in calls]
    assert [c.get("subject") for c in calls] == ["T-1001", "T-1002", "T-1003", "T-1004"], "audit={...} goes in the payload"
    assert [c.get("decision") for c in calls[:3]] == ["approve", "deny", "escalate"], [c.get("decision") for c in calls]
    assert all(c.get("model") == MODELS[provider] for c in calls), [c.get("model") for c in calls]
    assert [c.get("prompt_sha256") for c in calls] == [result["digests"][t["id"]] for t in TICKETS], \
        "prompt_sha256 = prompt_digest(messages, system)"
    assert [(c["usage"]["input_tokens"], c["usage"]["output_tokens"]) for c in calls[:3]] == [(112, 21), (109, 19),
                                                                                           (118, 24)]
    assert not any(result["customer_in_file"].values()), \
        f"raw prompts must not be stored unless asked: customer names found in the file {result['customer_in_file']}"
    assert result["check"]["ok"] and result["check"]["count"] == 4, result["check"]


@pytest.mark.points(2)
@pytest.mark.hint("Without a client, audited(trail, actor=..., record_prompt=True) is a decorator: it wraps the client "
                  "passed as the function's first argument. record_prompt=True adds the prompt itself to the payload.")
def test_the_decorator_records_the_prompt_only_when_asked(run):
    result = result_of(run("refund-agent", "agent", provider="anthropic", tickets=TICKETS[:2], form="decorator",
                           record_prompt=True))
    calls = model_calls(result)
    assert [c["action"] for c in calls] == ["model_call", "model_call"], calls
    assert all(result["customer_in_file"].values()), "record_prompt=True: the prompt is stored with the entry"
    assert [c.get("prompt_sha256") for c in calls] == [result["digests"][t["id"]] for t in TICKETS[:2]]
    assert result["check"]["ok"], result["check"]
