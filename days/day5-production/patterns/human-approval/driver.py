"""What the graders call: run the student's `human_approval` package and hand back plain JSON data only.

Waiting is measured, not trusted: the async waits run on an event loop that counts the timers scheduled on
it, the gate's clock counts how often it is read, and `time.sleep` counts its calls while a blocking wait
runs. A waiter that sleeps on a future or an event needs the same number of each whether the approval comes
after 0.3 s or 1.2 s; a waiter that polls needs more the longer it waits. The approver is a real other
thread, or for the Redis gate a real other process.
"""
from __future__ import annotations

import asyncio
import json
import os
import threading
import time

import agentkit

MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}
REQUESTER = "deploy-bot"
REVIEWER = "ana.reviewer@example.com"


class CountingClock:
    """time.time, counting its reads (a waiter that polls reads it on every round)."""

    def __init__(self):
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return time.time()


class FakeClock:
    def __init__(self, now: float = 1_800_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


class CountingLoop(asyncio.SelectorEventLoop):
    """An event loop that counts the timers scheduled on it (asyncio.sleep, wait_for and call_later use them)."""

    def __init__(self):
        super().__init__()
        self.timers = 0

    def call_at(self, when, callback, *args, context=None):
        self.timers += 1
        return super().call_at(when, callback, *args, context=context)


def error_name(call) -> str | None:
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - what was raised is part of the behaviour under test
        return type(exc).__name__
    return None


def plain(record) -> dict:
    status = record.status
    return {"id": str(record.id), "action": str(record.action), "requester": str(record.requester),
            "status": str(getattr(status, "value", status)), "decided_by": record.decided_by,
            "decided_at": None if record.decided_at is None else float(record.decided_at),
            "decision_reason": record.decision_reason, "expires_at": float(record.expires_at),
            "created_at": float(record.created_at), "approved": bool(record.approved)}


def events(gate) -> list[dict]:
    return json.loads(json.dumps(gate.log(), default=str))


def _approve_later(gate, request_id: str, delay: float, when: dict) -> threading.Thread:
    def approve():
        time.sleep(delay)
        when["at"] = time.monotonic()
        when["error"] = error_name(lambda: gate.approve(request_id, approver=REVIEWER, reason="change reviewed"))

    thread = threading.Thread(target=approve)
    thread.start()
    return thread


def async_wake(submission, delays: list, timeout: float = 10.0) -> dict:
    """For each delay: an asyncio waiter, approved from another thread after `delay` seconds."""
    runs = []
    for delay in delays:
        clock = CountingClock()
        gate = submission.ApprovalGate(clock=clock)
        request = gate.request("Deploy build 4182 to production", requester=REQUESTER, reasoning="tests green",
                               timeout=timeout)
        loop = CountingLoop()
        when: dict = {}

        async def main():
            timers, reads = loop.timers, clock.reads
            thread = _approve_later(gate, request.id, delay, when)
            started = time.monotonic()
            record = await gate.wait(request.id)
            ended = time.monotonic()
            waited = {"timers": loop.timers - timers, "clock_reads": clock.reads - reads}
            thread.join()
            return record, started, ended, waited

        try:
            record, started, ended, waited = loop.run_until_complete(main())
        finally:
            loop.close()
        runs.append({"delay": delay, "elapsed": ended - started, "latency": ended - when.get("at", ended),
                     "approve_error": when.get("error"), **waited, "record": plain(record)})
    return {"runs": runs}


def blocking_wake(submission, delays: list, timeout: float = 10.0) -> dict:
    """For each delay: wait_blocking in this thread, approved from another thread after `delay` seconds."""
    runs = []
    real_sleep = time.sleep
    for delay in delays:
        clock = CountingClock()
        gate = submission.ApprovalGate(clock=clock)
        request = gate.request("Rotate the payment API key", requester=REQUESTER, timeout=timeout)
        when: dict = {}
        thread = _approve_later(gate, request.id, delay, when)
        me, sleeps = threading.get_ident(), [0]

        def counting_sleep(seconds, _real=real_sleep):
            if threading.get_ident() == me:
                sleeps[0] += 1
            _real(seconds)

        reads = clock.reads
        time.sleep = counting_sleep
        try:
            started = time.monotonic()
            record = gate.wait_blocking(request.id)
            ended = time.monotonic()
        finally:
            time.sleep = real_sleep
        thread.join()
        runs.append({"delay": delay, "elapsed": ended - started, "latency": ended - when.get("at", ended),
                     "approve_error": when.get("error"), "sleeps": sleeps[0], "clock_reads": clock.reads - reads,
                     "record": plain(record)})
    return {"runs": runs}


def timeout_case(submission, timeout: float = 0.3) -> dict:
    """execute_with_approval with nobody deciding: how long it took, what it raised, whether the action ran;
    then a late approval and the fake-clock case (approve after the deadline without any waiting)."""
    gate = submission.ApprovalGate()
    ran = []

    async def deploy():
        ran.append(True)
        return "deployed"

    async def main():
        started = time.monotonic()
        try:
            result = await submission.execute_with_approval(
                gate, deploy, description="Drop the orders_archive table", requester=REQUESTER,
                reasoning="frees 40 GB", timeout=timeout, request_id="drop-1")
            raised = None
        except Exception as exc:  # noqa: BLE001
            result, raised = None, type(exc).__name__
        return result, raised, time.monotonic() - started

    result, raised, elapsed = asyncio.run(main())
    late = error_name(lambda: gate.approve("drop-1", approver=REVIEWER, reason="sorry, was in a meeting"))
    clock = FakeClock()
    offline = submission.ApprovalGate(clock=clock)
    request = offline.request("Refund 900 EUR", requester=REQUESTER, timeout=60)
    clock.now += 61
    after_deadline = error_name(lambda: offline.approve(request.id, approver=REVIEWER, reason="ok"))
    return {"result": result, "raised": raised, "elapsed": elapsed, "action_ran": bool(ran), "late_approval": late,
            "record": plain(gate.get("drop-1")), "events": events(gate),
            "after_deadline": after_deadline, "offline_record": plain(offline.get(request.id))}


def decide_twice(submission, first: str, second: str) -> dict:
    """Decide one request twice (each step "approve" or "reject", by two different reviewers)."""
    gate = submission.ApprovalGate()
    request = gate.request("Send the quarterly invoice run", requester=REQUESTER)
    steps = [(first, "first@example.com"), (second, "second@example.com")]
    errors = [error_name(lambda step=step, by=by: getattr(gate, step)(request.id, approver=by, reason=f"{step} it"))
              for step, by in steps]
    return {"errors": errors, "record": plain(gate.get(request.id)), "events": events(gate)}


def race(submission, threads: int = 8) -> dict:
    """`threads` reviewers decide one request at the same moment (half approve, half reject)."""
    gate = submission.ApprovalGate()
    request = gate.request("Merge the release branch", requester=REQUESTER)
    start = threading.Barrier(threads)
    results: list = [None] * threads

    def reviewer(index: int) -> None:
        step = "approve" if index % 2 == 0 else "reject"
        start.wait()
        results[index] = error_name(lambda: getattr(gate, step)(request.id, approver=f"reviewer-{index}",
                                                                reason="my call"))

    pool = [threading.Thread(target=reviewer, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return {"errors": results, "record": plain(gate.get(request.id))}


def self_approval(submission, approver: str) -> dict:
    gate = submission.ApprovalGate()
    request = gate.request("Grant admin rights to deploy-bot", requester=REQUESTER)
    own = error_name(lambda: gate.approve(request.id, approver=approver, reason="I need it"))
    still = plain(gate.get(request.id))
    other = error_name(lambda: gate.approve(request.id, approver=REVIEWER, reason="approved for the migration"))
    return {"own": own, "after_own": still, "other": other, "record": plain(gate.get(request.id)),
            "events": events(gate)}


def record_fields(submission) -> dict:
    """Who, when and why, on a fake clock; and decisions without a name or a reason."""
    clock = FakeClock(1_800_000_000.0)
    gate = submission.ApprovalGate(clock=clock)
    request = gate.request("Raise the refund limit to 800 EUR", requester=REQUESTER, reasoning="peak season",
                           timeout=600)
    no_reason = error_name(lambda: gate.approve(request.id, approver=REVIEWER, reason="  "))
    no_name = error_name(lambda: gate.approve(request.id, approver="", reason="fine"))
    clock.now += 42.5
    approved = plain(gate.approve(request.id, approver=REVIEWER, reason="agreed with finance"))
    return {"created": plain(request), "no_reason": no_reason, "no_name": no_name, "approved": approved,
            "stored": plain(gate.get(request.id)), "events": events(gate)}


def execute_cases(submission) -> dict:
    """execute_with_approval twice, a reviewer thread answering each notification: approve, then reject."""
    answers = {"deploy-7": "approve", "deploy-8": "reject"}
    calls = []

    def notify(request):
        step = answers[request.id]
        threading.Timer(0.05, lambda: getattr(gate, step)(request.id, approver=REVIEWER, reason=f"{step}d")).start()

    gate = submission.ApprovalGate(notify=notify)

    def action():
        calls.append(True)
        return {"status": "deployed"}

    async def one(request_id: str):
        try:
            return await submission.execute_with_approval(gate, action, description=f"Deploy {request_id}",
                                                          requester=REQUESTER, timeout=10, request_id=request_id), None
        except Exception as exc:  # noqa: BLE001
            return None, type(exc).__name__

    approved = asyncio.run(one("deploy-7"))
    rejected = asyncio.run(one("deploy-8"))
    return {"approved": list(approved), "rejected": list(rejected), "calls": len(calls)}


def escalate_cases(submission, provider: str, cases: list, timeout: float = 5.0) -> dict:
    """`decide(...)` for each case; a reviewer thread answers escalations as the case's `human` says
    ("approve", "reject", or null: nobody answers and the request times out after `timeout` seconds)."""
    client = agentkit.Client(provider, MODELS[provider])
    plan = {case["case_id"]: case for case in cases}
    escalated: list[str] = []

    def notify(request):
        case_id = request.action.split(":", 1)[0]
        escalated.append(case_id)
        step = plan[case_id].get("human")
        if step:
            threading.Timer(0.05, lambda: getattr(gate, step)(request.id, approver=REVIEWER,
                                                              reason=f"reviewed {case_id}")).start()

    gate = submission.ApprovalGate(notify=notify)

    async def main():
        out = {}
        for case in cases:
            result = await submission.decide(
                client, gate, case_id=case["case_id"], action=case["action"], details=case["details"],
                risk=case["risk"], requester="support-agent", model=MODELS[provider],
                timeout=case.get("timeout", timeout))
            out[case["case_id"]] = {
                "final": str(result.final), "method": str(result.method), "escalated": bool(result.route.escalate),
                "reason": str(result.route.reason), "proposal": None if result.proposal is None else {
                    "decision": str(result.proposal.decision), "confidence": float(result.proposal.confidence)},
                "problem": result.problem, "request": None if result.request is None else plain(result.request)}
        return out

    return {"outcomes": asyncio.run(main()), "notified": escalated}


def route_unknown_risk(submission, risk: str) -> dict:
    proposal = submission.ModelDecision(decision="approve", confidence=0.99, reasoning="fine")
    return {"raised": error_name(lambda: submission.route(proposal, risk))}


# -- Redis: the gate shared by processes ---------------------------------------------------------------------

def _connect(redis_socket: str):
    import redis
    return redis.Redis(unix_socket_path=redis_socket, socket_timeout=30)


def _fork(work) -> tuple[int, int]:
    """Run `work()` in a child process; returns (pid, fd to read its JSON result from)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            os.close(read_end)
            payload = {"result": work()}
        except BaseException as exc:  # noqa: BLE001
            payload, status = {"error": f"{type(exc).__name__}: {exc}"[:500]}, 1
        try:
            os.write(write_end, json.dumps(payload, default=str).encode())
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int) -> dict:
    chunks = []
    while chunk := os.read(read_end, 65536):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks).decode() or '{"error": "the process died without a result"}')


def _commands(connection) -> int:
    return int(connection.info("stats")["total_commands_processed"])


def redis_wake(submission, redis_socket: str, delays: list, timeout: float = 10.0) -> dict:
    """For each delay: wait_blocking here, approved by ANOTHER PROCESS (its own connection and gate) after
    `delay` seconds; with the Redis commands the server processed during the wait."""
    runs = []
    for number, delay in enumerate(delays):
        connection = _connect(redis_socket)
        gate = submission.RedisApprovalGate(connection)
        request = gate.request("Deploy build 4182 to production", requester=REQUESTER, timeout=timeout,
                               request_id=f"wake-{number}")

        def approve_elsewhere(request_id=request.id, delay=delay):
            other = submission.RedisApprovalGate(_connect(redis_socket))
            time.sleep(delay)
            at = time.monotonic()
            error = error_name(lambda: other.approve(request_id, approver=REVIEWER, reason="change reviewed"))
            return {"at": at, "error": error}

        before = _commands(connection)
        pid, pipe = _fork(approve_elsewhere)
        started = time.monotonic()
        record = gate.wait_blocking(request.id)
        ended = time.monotonic()
        child = _collect(pid, pipe)
        after = _commands(connection)
        approver = child.get("result", {})
        runs.append({"delay": delay, "elapsed": ended - started, "latency": ended - approver.get("at", ended),
                     "approve_error": approver.get("error", child.get("error")), "commands": after - before,
                     "record": plain(record)})
    return {"runs": runs}


def redis_rules(submission, redis_socket: str, processes: int = 6, timeout: float = 0.3) -> dict:
    """One decision wins across processes; self-approval refused; a timeout expires the request."""
    connection = _connect(redis_socket)
    gate = submission.RedisApprovalGate(connection)
    request = gate.request("Merge the release branch", requester=REQUESTER, request_id="race-1")
    go_read, go_write = os.pipe()

    def reviewer(index: int):
        own = submission.RedisApprovalGate(_connect(redis_socket))
        os.read(go_read, 1)  # every process starts at the same moment
        step = "approve" if index % 2 == 0 else "reject"
        return error_name(lambda: getattr(own, step)(request.id, approver=f"reviewer-{index}", reason="my call"))

    children = [_fork(lambda i=i: reviewer(i)) for i in range(processes)]
    time.sleep(0.2)  # let them connect
    os.write(go_write, b"g" * processes)
    results = [_collect(pid, pipe) for pid, pipe in children]
    os.close(go_read)
    os.close(go_write)
    own = gate.request("Grant admin rights", requester=REQUESTER, request_id="self-1")
    self_error = error_name(lambda: gate.approve(own.id, approver=" Deploy-Bot ", reason="I need it"))
    short = gate.request("Drop the orders_archive table", requester=REQUESTER, timeout=timeout, request_id="late-1")
    started = time.monotonic()
    expired = gate.wait_blocking(short.id)
    elapsed = time.monotonic() - started
    late = error_name(lambda: gate.approve(short.id, approver=REVIEWER, reason="sorry"))
    return {"race": [r.get("result", r.get("error")) for r in results], "race_record": plain(gate.get(request.id)),
            "self_error": self_error, "self_record": plain(gate.get(own.id)), "expired": plain(expired),
            "elapsed": elapsed, "late": late, "late_record": plain(gate.get(short.id))}
