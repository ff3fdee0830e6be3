"""What the graders call: run the student's `audit_trail` package and hand back plain JSON data only.

Every job works on a fresh SQLite file in its own temporary folder. Time is a clock the driver sets before
each append. Tampering is done the way an attacker with access to the file would: a plain sqlite3
connection that drops the triggers first. The driver also checks the chain itself (`independent_check`),
with the formula from the contract, so a `verify()` that always says "ok" cannot pass a test on its own.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sqlite3
import tempfile
import threading
from contextlib import contextmanager
from datetime import datetime, timezone

import agentkit

GENESIS = "0" * 64
COLUMNS = "seq, timestamp, actor, action, payload, prev_hash, hash"
START = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
REFUND_SYSTEM = ("You triage refund requests for an online shop. Reply with JSON only: "
                 '{"decision": "approve" | "deny" | "escalate", "reason": "<one sentence>"}. '
                 "Escalate anything above 500 EUR and every suspected double charge.")
MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}


class SetClock:
    """Returns whatever time the driver last set; code may read it any number of times."""

    def __init__(self, moment: datetime = START):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def contract_hash(seq, timestamp, actor, action, payload_json, prev_hash) -> str:
    return hashlib.sha256(canonical([seq, timestamp, actor, action, payload_json, prev_hash]).encode()).hexdigest()


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


@contextmanager
def workspace():
    folder = tempfile.mkdtemp(prefix="audit-")
    try:
        yield os.path.join(folder, "audit.db")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def raw_rows(path: str) -> list[list]:
    with sqlite3.connect(path) as db:
        return [list(row) for row in db.execute(f"SELECT {COLUMNS} FROM entries ORDER BY seq")]


def independent_check(path: str) -> dict:
    """The chain as the contract defines it, checked without the submission's code."""
    rows = raw_rows(path)
    prev, first_bad = GENESIS, None
    for n, (seq, timestamp, actor, action, payload, prev_hash, digest) in enumerate(rows, start=1):
        intact = (seq == n and prev_hash == prev
                  and digest == contract_hash(seq, timestamp, actor, action, payload, prev_hash))
        if not intact and first_bad is None:
            first_bad = n
        prev = digest
    return {"ok": first_bad is None, "first_bad": first_bad, "count": len(rows)}


def verification(result) -> dict:
    return {"ok": bool(result.ok), "seq": None if result.seq is None else int(result.seq),
            "reason": None if result.reason is None else str(result.reason)}


def entry(value) -> dict:
    return {"seq": int(value.seq), "timestamp": str(value.timestamp), "actor": str(value.actor),
            "action": str(value.action), "payload": json.loads(json.dumps(value.payload)),
            "prev_hash": str(value.prev_hash), "hash": str(value.hash)}


def head_of(trail) -> list:
    seq, digest = trail.head()
    return [int(seq), str(digest)]


def build(submission, path: str, count: int):
    """A trail of `count` entries, one a minute from START."""
    clock = SetClock()
    trail = submission.AuditTrail(path, clock=clock)
    for n in range(1, count + 1):
        clock.moment = START.replace(minute=n)
        trail.append("refund-agent" if n % 3 else "alice@support", "decision",
                     {"ticket": f"T-{1000 + n}", "decision": ["approve", "deny", "escalate"][n % 3]})
    return trail


# ---------------------------------------------------------------------------------------------- entries


def write_and_read(submission, entries: list) -> dict:
    """Append [time, actor, action, payload] entries with the clock set to each time; what came back."""
    with workspace() as path:
        clock = SetClock()
        trail = submission.AuditTrail(path, clock=clock)
        appended = []
        for when, actor, action, payload in entries:
            clock.moment = moment(when)
            appended.append(entry(trail.append(actor, action, payload)))
        result = {"appended": appended, "read": [entry(e) for e in trail.entries()], "head": head_of(trail),
                  "verify": verification(trail.verify()), "rows": raw_rows(path), "check": independent_check(path)}
        trail.close()
        return result


# ---------------------------------------------------------------------------------------------- tampering


def drop_triggers(db: sqlite3.Connection) -> None:
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{name}"')


def rehash_from(db: sqlite3.Connection, first: int) -> None:
    """Recompute prev_hash and hash of every row from `first` on: a forger who knows the formula."""
    prev = db.execute("SELECT hash FROM entries WHERE seq = ?", (first - 1,)).fetchone()
    prev = prev[0] if prev else GENESIS
    for seq, timestamp, actor, action, payload in db.execute(
            "SELECT seq, timestamp, actor, action, payload FROM entries WHERE seq >= ? ORDER BY seq", (first,)
    ).fetchall():
        digest = contract_hash(seq, timestamp, actor, action, payload, prev)
        db.execute("UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest


def attack(path: str, kind: str, target: int) -> None:
    db = sqlite3.connect(path)
    drop_triggers(db)
    forged = canonical({"ticket": "T-9999", "decision": "approve"})
    if kind == "edit_payload":
        db.execute("UPDATE entries SET payload = ? WHERE seq = ?", (forged, target))
    elif kind == "edit_and_rehash":
        prev_hash, timestamp, actor, action = db.execute(
            "SELECT prev_hash, timestamp, actor, action FROM entries WHERE seq = ?", (target,)).fetchone()
        digest = contract_hash(target, timestamp, actor, action, forged, prev_hash)
        db.execute("UPDATE entries SET payload = ?, hash = ? WHERE seq = ?", (forged, digest, target))
    elif kind == "delete":
        db.execute("DELETE FROM entries WHERE seq = ?", (target,))
    elif kind == "delete_and_renumber":
        db.execute("DELETE FROM entries WHERE seq = ?", (target,))
        for (seq,) in db.execute("SELECT seq FROM entries WHERE seq > ? ORDER BY seq", (target,)).fetchall():
            db.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq - 1, seq))
    elif kind == "insert":
        for (seq,) in db.execute("SELECT seq FROM entries WHERE seq >= ? ORDER BY seq DESC", (target,)).fetchall():
            db.execute("UPDATE entries SET seq = ? WHERE seq = ?", (seq + 1, seq))
        prev = db.execute("SELECT hash, timestamp FROM entries WHERE seq = ?", (target - 1,)).fetchone()
        digest = contract_hash(target, prev[1], "alice@support", "decision", forged, prev[0])
        db.execute(f"INSERT INTO entries ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (target, prev[1], "alice@support", "decision", forged, prev[0], digest))
    elif kind == "swap":
        rows = {seq: rest for seq, *rest in db.execute(f"SELECT {COLUMNS} FROM entries WHERE seq IN (?, ?)",
                                                       (target, target + 1)).fetchall()}
        for seq, other in ((target, target + 1), (target + 1, target)):
            db.execute("UPDATE entries SET timestamp = ?, actor = ?, action = ?, payload = ?, prev_hash = ?, "
                       "hash = ? WHERE seq = ?", (*rows[other], seq))
    elif kind == "truncate":
        db.execute("DELETE FROM entries WHERE seq >= ?", (target,))
    elif kind == "rewrite_tail":
        db.execute("UPDATE entries SET payload = ? WHERE seq = ?", (forged, target))
        rehash_from(db, target)
    else:
        raise ValueError(f"unknown attack {kind!r}")
    db.commit()
    db.close()


def tamper(submission, attack_kind: str, target: int, count: int = 8) -> dict:
    """Build `count` entries, anchor the head, tamper with the file, reopen and verify (with and without head)."""
    with workspace() as path:
        trail = build(submission, path, count)
        before = verification(trail.verify())
        anchored = head_of(trail)
        trail.close()
        attack(path, attack_kind, target)
        trail = submission.AuditTrail(path)
        result = {"before": before, "anchored": anchored, "after": verification(trail.verify()),
                  "after_with_head": verification(trail.verify(expected_head=tuple(anchored))),
                  "check": independent_check(path)}
        trail.close()
        return result


def anchored_then_appended(submission, count: int = 8, more: int = 3) -> dict:
    """Legitimate appends after the anchor must not look like tampering."""
    with workspace() as path:
        trail = build(submission, path, count)
        anchored = head_of(trail)
        for n in range(more):
            trail.append("refund-agent", "decision", {"ticket": f"T-{2000 + n}", "decision": "approve"})
        result = {"anchored": anchored, "head": head_of(trail),
                  "with_head": verification(trail.verify(expected_head=tuple(anchored)))}
        trail.close()
        empty = submission.AuditTrail(path + "-empty")
        result.update(empty_head=head_of(empty), empty_verify=verification(empty.verify()))
        empty.close()
        return result


def triggers(submission) -> dict:
    """Plain UPDATE, DELETE and INSERT OR REPLACE through another connection, with the triggers in place."""
    with workspace() as path:
        build(submission, path, 3).close()
        before = raw_rows(path)
        attempts = {
            "update": "UPDATE entries SET payload = '{\"decision\":\"approve\"}' WHERE seq = 2",
            "delete": "DELETE FROM entries WHERE seq = 2",
            "replace": "INSERT OR REPLACE INTO entries (seq, timestamp, actor, action, payload, prev_hash, hash) "
                       "VALUES (2, '2026-11-02T09:02:00.000000+00:00', 'mallory', 'decision', '{}', 'x', 'y')",
        }
        refused = {}
        for name, sql in attempts.items():
            db = sqlite3.connect(path)
            try:
                db.execute(sql)
                db.commit()
                refused[name] = None
            except sqlite3.DatabaseError as exc:
                refused[name] = type(exc).__name__
            finally:
                db.close()
        trail = submission.AuditTrail(path)
        result = {"refused": refused, "unchanged": raw_rows(path) == before,
                  "verify": verification(trail.verify())}
        trail.close()
        return result


# ---------------------------------------------------------------------------------------------- concurrency


def _writer(submission, path: str, name: str, count: int, go_fd: int, error_path: str) -> None:
    try:
        os.read(go_fd, 1)  # every writer starts at the same moment
        trail = submission.AuditTrail(path)
        for n in range(count):
            trail.append(name, "decision", {"n": n, "ticket": f"{name}-{n}"})
        trail.close()
    except BaseException as exc:  # noqa: BLE001 - reported back to the parent
        with open(error_path, "w") as handle:
            handle.write(f"{type(exc).__name__}: {exc}"[:500])
        raise


def concurrent(submission, mode: str = "processes", writers: int = 4, per_writer: int = 25) -> dict:
    """`writers` processes (fork) or threads, each with its own AuditTrail on one file, append at once."""
    with workspace() as path:
        submission.AuditTrail(path).close()  # the file exists before anyone forks
        read_fd, write_fd = os.pipe()
        names = [f"writer-{k}" for k in range(writers)]
        errors = [f"{path}.{name}.error" for name in names]
        if mode == "processes":
            context = multiprocessing.get_context("fork")
            workers = [context.Process(target=_writer, args=(submission, path, name, per_writer, read_fd, error))
                       for name, error in zip(names, errors)]
        else:
            workers = [threading.Thread(target=_writer, args=(submission, path, name, per_writer, read_fd, error))
                       for name, error in zip(names, errors)]
        for worker in workers:
            worker.start()
        os.write(write_fd, b"x" * writers)
        for worker in workers:
            worker.join(timeout=15)
        os.close(read_fd)
        os.close(write_fd)
        stuck = sum(worker.is_alive() for worker in workers)
        for worker in workers:
            if mode == "processes" and worker.is_alive():
                worker.kill()
        failures = [open(error).read() for error in errors if os.path.exists(error)]
        rows = raw_rows(path)
        trail = submission.AuditTrail(path)
        result = {"stuck": stuck, "failures": failures, "count": len(rows),
                  "per_writer": {name: sum(1 for row in rows if row[2] == name) for name in names},
                  "check": independent_check(path), "verify": verification(trail.verify())}
        trail.close()
        return result


# ---------------------------------------------------------------------------------------------- report


def report(submission, entries: list, start: str, end: str, tamper_seq: int | None = None) -> dict:
    """Append [time, actor, action, payload] entries, optionally edit one payload in the file, then report."""
    with workspace() as path:
        clock = SetClock()
        trail = submission.AuditTrail(path, clock=clock)
        for when, actor, action, payload in entries:
            clock.moment = moment(when)
            trail.append(actor, action, payload)
        if tamper_seq is not None:
            trail.close()
            attack(path, "edit_payload", tamper_seq)
            trail = submission.AuditTrail(path, clock=clock)
        clock.moment = moment("2026-12-01T08:00:00+00:00")
        data = submission.compliance_report(trail, moment(start), moment(end))
        markdown = submission.report_markdown(data)
        trail.close()
        return {"report": json.loads(json.dumps(data, default=str)), "markdown": str(markdown)}


# ---------------------------------------------------------------------------------------------- model calls


def ticket_prompt(ticket: dict) -> str:
    return f"Ticket {ticket['id']} from {ticket['customer']}: {ticket['text']}"


def expected_digest(prompt: str, system: str) -> str:
    return hashlib.sha256(canonical({"system": system, "messages": [["user", prompt]]}).encode()).hexdigest()


def agent(submission, provider: str, tickets: list, form: str = "client", record_prompt: bool = False) -> dict:
    """A refund agent triages `tickets` through an audited agentkit.Client; what the trail holds afterwards."""
    with workspace() as path:
        clock = SetClock()
        trail = submission.AuditTrail(path, clock=clock)
        client = agentkit.Client(provider, MODELS[provider])

        def triage(chat_client, ticket):
            return chat_client.chat(ticket_prompt(ticket), system=REFUND_SYSTEM, max_tokens=200,
                                    audit={"subject": ticket["id"]})

        if form == "decorator":
            run_one = submission.audited(trail, actor="refund-agent", record_prompt=record_prompt)(triage)
        else:
            wrapped = submission.audited(trail, client, actor="refund-agent", record_prompt=record_prompt)
            run_one = lambda _client, ticket: triage(wrapped, ticket)  # noqa: E731
        outcomes = []
        for n, ticket in enumerate(tickets):
            clock.moment = START.replace(minute=n)
            try:
                outcomes.append({"text": run_one(client, ticket).text})
            except agentkit.LLMError as exc:
                outcomes.append({"raised": type(exc).__name__})
        trail.close()
        with open(path, "rb") as handle:
            stored = handle.read().decode("utf-8", errors="replace")
        return {"outcomes": outcomes, "rows": raw_rows(path), "check": independent_check(path),
                "digests": {t["id"]: expected_digest(ticket_prompt(t), REFUND_SYSTEM) for t in tickets},
                "customer_in_file": {t["id"]: t["customer"] in stored for t in tickets},
                "model": MODELS[provider]}
