"""Human-in-the-loop approval, graded. Each test runs your `human_approval` package in its own process through
../driver.py. Approvals come from a real other thread (or, for the Redis gate, a real other process). The
escalation tests replay ../fixtures/scenarios/decisions.yaml; the gate tests call no model."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the gate calls no model"}, "exchanges": []}
REVIEWER = "ana.reviewer@example.com"
SHORT, LONG = 0.3, 1.2
PROMPT = 0.2   # seconds: how soon after the approval the waiter must be running again

DETAILS = "Customer: Grace Okafor. Order 55120. Message: my parcel arrived a week late, can I get something back?"
ROUTED = [  # case, action, risk, what the reviewer does if asked
    ("T-201", "Issue a 10 EUR goodwill voucher", "low", None),
    ("T-202", "Refund the 30 EUR shipping fee", "low", "approve"),
    ("T-203", "Close the customer's account", "high", "reject"),
    ("T-208", "Refund 45 EUR for a returned item", "medium", None),
    ("T-209", "Refuse a damage claim of 25 EUR", "low", "approve"),
    ("T-211", "Refuse a warranty repair", "medium", None),
]


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def cases(rows, **extra) -> list:
    return [{"case_id": c, "action": a, "risk": r, "human": h, "details": DETAILS, **extra} for c, a, r, h in rows]


def check_no_polling(runs: list, counters: list[str]) -> None:
    short, long = runs
    for run in runs:
        assert run["approve_error"] is None, f"the approval from the other side failed: {run['approve_error']}"
        assert run["record"]["status"] == "approved" and run["record"]["decided_by"] == REVIEWER, run["record"]
        assert run["latency"] < PROMPT, (
            f"approved after {run['delay']} s, the waiter ran again only {run['latency']:.2f} s later (timeout 10 s): "
            "it must be woken by the approval, not find it on its next poll")
    for counter in counters:
        assert long[counter] == short[counter], (
            f"{counter}: {short[counter]} while waiting {SHORT} s but {long[counter]} while waiting {LONG} s. A waiter "
            "that sleeps on a future or an event needs the same whatever the wait; this one polls")


@pytest.mark.points(4)
@pytest.mark.hint("wait(): register an asyncio future for the request, then `await asyncio.wait_for(future, "
                  "remaining)` ONCE. approve() from another thread must wake it with loop.call_soon_threadsafe(...) "
                  "(setting a future or asyncio.Event directly from another thread does not wake the loop). No loop "
                  "that sleeps and checks the status again.")
def test_an_approval_from_another_thread_wakes_the_async_waiter_at_once(run):
    runs = result_of(run(NO_LLM, "async_wake", delays=[SHORT, LONG]))["runs"]
    check_no_polling(runs, ["timers", "clock_reads"])


@pytest.mark.points(2)
@pytest.mark.hint("wait_blocking(): wait on a threading.Event (or Condition) of the request with the remaining time "
                  "as ONE timeout; approve() sets it. No time.sleep loop.")
def test_a_blocking_wait_wakes_at_once_without_polling(run):
    runs = result_of(run(NO_LLM, "blocking_wake", delays=[SHORT, LONG]))["runs"]
    check_no_polling(runs, ["sleeps", "clock_reads"])
    assert runs[0]["sleeps"] == 0, f"the waiting thread called time.sleep {runs[0]['sleeps']} times"


@pytest.mark.points(3)
@pytest.mark.hint("When the wait times out, the request becomes EXPIRED (decided_by None), which is a no: "
                  "execute_with_approval raises NotApproved and never runs the action. An approve() after the deadline "
                  "(by the clock, even if nobody waited) raises RequestExpired and changes nothing.")
def test_a_timeout_denies_and_is_recorded(run):
    out = result_of(run(NO_LLM, "timeout_case", timeout=0.3))
    assert out["raised"] == "NotApproved" and out["result"] is None, f"a timeout must deny: {out['raised']}"
    assert out["action_ran"] is False, "the action ran although nobody approved it"
    assert 0.25 <= out["elapsed"] < 1.5, f"a 0.3 s timeout took {out['elapsed']:.2f} s"
    assert out["record"]["status"] == "expired" and out["record"]["decided_by"] is None, out["record"]
    assert [e["event"] for e in out["events"]][:2] == ["requested", "expired"], out["events"]
    assert out["late_approval"] == "RequestExpired", f"a late approval must be refused: {out['late_approval']}"
    assert out["events"][-1]["event"] == "refused" and out["events"][-1]["by"] == REVIEWER, \
        f"the refused late approval is in the log: {out['events'][-1]}"
    assert out["after_deadline"] == "RequestExpired", "61 s after a 60 s request, by the gate's clock"
    assert out["offline_record"]["status"] == "expired", out["offline_record"]


@pytest.mark.points(3)
@pytest.mark.hint("Check and change the status under one lock: the second decision, approve or reject, raises "
                  "AlreadyDecided and the first stands. With eight reviewers at once, exactly one wins.")
def test_a_request_is_decided_once(run):
    for first, second in (("approve", "approve"), ("approve", "reject"), ("reject", "approve")):
        out = result_of(run(NO_LLM, "decide_twice", first=first, second=second))
        assert out["errors"] == [None, "AlreadyDecided"], f"{first} then {second}: {out['errors']}"
        status = "approved" if first == "approve" else "rejected"
        assert (out["record"]["status"], out["record"]["decided_by"]) == (status, "first@example.com"), out["record"]
    for _ in range(3):
        out = result_of(run(NO_LLM, "race", threads=8))
        winners = [e for e in out["errors"] if e is None]
        assert len(winners) == 1, f"{len(winners)} of 8 simultaneous decisions succeeded: {out['errors']}"
        assert set(out["errors"]) == {None, "AlreadyDecided"}, out["errors"]


@pytest.mark.points(2)
@pytest.mark.hint("approve() by the requester raises SelfApproval (compare names with strip() and casefold()); the "
                  "request stays pending, another person can still approve it, and the refused attempt is logged.")
def test_the_requester_cannot_approve_their_own_request(run):
    for approver in ("deploy-bot", " Deploy-Bot "):
        out = result_of(run(NO_LLM, "self_approval", approver=approver))
        assert out["own"] == "SelfApproval", f"{approver!r} approving its own request: {out['own']}"
        assert out["after_own"]["status"] == "pending", out["after_own"]
        assert out["other"] is None and out["record"]["decided_by"] == REVIEWER, out["record"]
        refused = [e for e in out["events"] if e["event"] == "refused"]
        assert refused and refused[0]["by"] == approver, f"log the refused attempt: {out['events']}"


@pytest.mark.points(2)
@pytest.mark.hint("A decision needs a non-empty approver and reason (ValueError otherwise); the record keeps "
                  "decided_by, decided_at (the gate's clock) and decision_reason; expires_at = created_at + timeout.")
def test_who_when_and_why_are_recorded(run):
    out = result_of(run(NO_LLM, "record_fields"))
    assert out["no_reason"] == "ValueError" and out["no_name"] == "ValueError", \
        f"a decision without a reason or a name: {out['no_reason']}, {out['no_name']}"
    created = out["created"]
    assert (created["status"], created["created_at"], created["expires_at"]) == \
        ("pending", 1_800_000_000.0, 1_800_000_600.0), created
    for record in (out["approved"], out["stored"]):
        assert (record["status"], record["decided_by"], record["decided_at"], record["decision_reason"]) == \
            ("approved", REVIEWER, 1_800_000_042.5, "agreed with finance"), record
    assert [e["event"] for e in out["events"]] == ["requested", "approved"], \
        f"refused calls with bad arguments never reach the log; got {out['events']}"


@pytest.mark.points(2)
@pytest.mark.hint("execute_with_approval: request (notify is called), await wait(), run the action only if approved "
                  "(await it if it returns an awaitable) and return its result; otherwise raise NotApproved.")
def test_the_action_runs_only_after_approval(run):
    out = result_of(run(NO_LLM, "execute_cases"))
    assert out["approved"] == [{"status": "deployed"}, None], f"approved: {out['approved']}"
    assert out["rejected"] == [None, "NotApproved"], f"rejected: {out['rejected']}"
    assert out["calls"] == 1, f"the action ran {out['calls']} times; once, for the approved request only"


@pytest.mark.points(3)
@pytest.mark.hint("route(): the caller's risk picks the threshold (THRESHOLDS: low 0.80, medium 0.90, high and "
                  "critical None = always a person); confidence below it escalates, in either direction (a "
                  "low-confidence 'deny' too). An unknown risk is a ValueError, never 'low'. Escalated cases wait on "
                  "the gate and the person's decision is final.")
def test_escalation_routes_by_confidence_and_risk(run, provider):
    trace = run("decisions", "escalate_cases", provider=provider, cases=cases(ROUTED))
    out = result_of(trace)
    got = {case: (o["method"], o["final"]) for case, o in out["outcomes"].items()}
    assert got == {"T-201": ("automatic", "approve"), "T-202": ("human", "approve"), "T-203": ("human", "deny"),
                   "T-208": ("automatic", "approve"), "T-209": ("human", "approve"),
                   "T-211": ("automatic", "deny")}, got
    assert out["notified"] == ["T-202", "T-203", "T-209"], f"only escalations reach a person: {out['notified']}"
    for case in ("T-202", "T-203", "T-209"):
        request = out["outcomes"][case]["request"]
        assert request and request["decided_by"] == REVIEWER and request["requester"] == "support-agent", request
    assert out["outcomes"]["T-203"]["proposal"] == {"decision": "approve", "confidence": 0.97}, \
        "a confident proposal for a high-risk action still goes to a person"
    assert out["outcomes"]["T-201"]["request"] is None, "an automatic decision creates no approval request"
    assert len(trace["sent"]) == 6, f"one model call per case: {len(trace['sent'])}"
    assert result_of(run(NO_LLM, "route_unknown_risk", risk="severe"))["raised"] == "ValueError", \
        "an unknown risk level must be refused, not treated as low"


@pytest.mark.points(3)
@pytest.mark.hint("parse the reply with ModelDecision (strip a ```json fence; confidence a strict float in [0, 1]). "
                  "Not JSON, the wrong shape, 95 or 'high' as a confidence, a missing field, or an LLMError: no "
                  "proposal, `problem` says why, and the case goes to a person. Nobody answering is a timeout: deny.")
def test_malformed_replies_are_escalated_never_acted_on(run):
    rows = [("T-204", "Refund a 120 EUR double charge", "low", "approve"),
            ("T-205", "Refund 15 EUR", "low", "reject"),
            ("T-206", "Refund 60 EUR", "low", None),
            ("T-207", "Refund 20 EUR", "low", "approve"),
            ("T-210", "Refund 35 EUR", "low", "reject")]
    out = result_of(run("decisions", "escalate_cases", provider="anthropic", cases=cases(rows), timeout=0.3))
    outcomes = out["outcomes"]
    for case in ("T-204", "T-205", "T-206", "T-207", "T-210"):
        o = outcomes[case]
        assert o["escalated"] and o["proposal"] is None, f"{case}: an unusable reply was acted on: {o}"
        assert o["problem"], f"{case}: say what was wrong with the reply"
    assert "confidence" in outcomes["T-204"]["problem"], \
        f"95 is not a confidence between 0 and 1: {outcomes['T-204']['problem']}"
    got = {case: (o["method"], o["final"]) for case, o in outcomes.items()}
    assert got == {"T-204": ("human", "approve"), "T-205": ("human", "deny"), "T-206": ("timeout", "deny"),
                   "T-207": ("human", "approve"), "T-210": ("human", "deny")}, got


@pytest.mark.points(3)
@pytest.mark.hint("RedisApprovalGate.wait_blocking blocks in Redis (BLMOVE or BLPOP on a per-request list, with the "
                  "remaining time as its timeout); the decision pushes to that list. No GET/HGET loop.")
def test_redis_gate_wakes_a_waiter_in_another_process(run, redis_socket):
    runs = result_of(run(NO_LLM, "redis_wake", redis_socket=redis_socket, delays=[SHORT, LONG]))["runs"]
    for r in runs:
        assert r["approve_error"] is None, f"the other process could not approve: {r['approve_error']}"
        assert r["record"]["status"] == "approved" and r["record"]["decided_by"] == REVIEWER, r["record"]
        assert r["latency"] < PROMPT, (
            f"approved by another process after {r['delay']} s, the waiter ran again {r['latency']:.2f} s later")
    short, long = runs
    assert long["commands"] <= short["commands"] + 2, (
        f"Redis processed {short['commands']} commands during a {SHORT} s wait and {long['commands']} during a "
        f"{LONG} s wait: the waiter polls")


@pytest.mark.points(3)
@pytest.mark.hint("Decide in one Lua script (pending? before the deadline? not the requester?), so that of six "
                  "processes deciding at once exactly one wins; the others get AlreadyDecided. A waiter's timeout "
                  "expires the request (a no), and a late approval raises RequestExpired.")
def test_redis_gate_decides_once_across_processes(run, redis_socket):
    out = result_of(run(NO_LLM, "redis_rules", redis_socket=redis_socket, processes=6, timeout=0.3))
    winners = [r for r in out["race"] if r is None]
    assert len(winners) == 1 and set(out["race"]) == {None, "AlreadyDecided"}, f"six processes at once: {out['race']}"
    assert out["race_record"]["status"] in ("approved", "rejected"), out["race_record"]
    assert out["self_error"] == "SelfApproval" and out["self_record"]["status"] == "pending", \
        (out["self_error"], out["self_record"])
    assert out["expired"]["status"] == "expired" and 0.25 <= out["elapsed"] < 1.5, (out["expired"], out["elapsed"])
    assert out["late"] == "RequestExpired" and out["late_record"]["status"] == "expired", (out["late"], out["late_record"])
