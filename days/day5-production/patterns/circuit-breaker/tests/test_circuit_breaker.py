"""Circuit breaker, graded. Each test runs your `breaker` package in its own process: a script of calls and
clock moves against one breaker (failure_threshold 3, cooldown 30 s, a fake clock), with a scenario in
../fixtures/scenarios/ answering the LLM calls. The tests look at what each call did, the state after it,
and how many calls reached the provider."""
import pytest

SCRIPT = [
    "call", "call", "call",      # 0-2: three 503s in a row -> open
    "call", "call",              # 3-4: rejected, the provider is not called
    "advance 29", "call",        # 5-6: 29 s after opening: still open
    "advance 2", "call",         # 7-8: 31 s: half-open; the trial gets another 503 -> open again
    "call",                      # 9: rejected
    "advance 29", "call",        # 10-11: 29 s after the failed trial: still open (the cooldown restarted)
    "advance 2", "call",         # 12-13: half-open; this trial succeeds -> closed
    "call",                      # 14: closed: straight through
]
RECOVERED = "ok: Ticket 4471: customer charged twice for order 88213; refund of the duplicate requested."


def log_of(trace: dict) -> list[dict]:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]["log"]


def show(log: list[dict]) -> str:
    return "\n".join(f"  {n:2} {e['step']:<11} -> {e['outcome'][:40]:<40} state={e['state']} ran={e['ran']}"
                     for n, e in enumerate(log))


@pytest.mark.points(2)
@pytest.mark.hint("Count consecutive failures (errors where is_failure(error) is True) while closed; at "
                  "failure_threshold, open the circuit. Re-raise the provider's error each time.")
def test_opens_after_threshold_consecutive_failures(run, provider):
    log = log_of(run("outage-then-recovery", "scripted", provider=provider, steps=SCRIPT[:4]))
    assert [e["outcome"] for e in log[:3]] == ["raised ServerError"] * 3, \
        "each failing call must re-raise the provider's error\n" + show(log)
    assert [e["state"] for e in log[:3]] == ["closed", "closed", "open"], show(log)
    assert log[3]["outcome"] == "raised CircuitOpen", "the call after the circuit opened must be rejected\n" + show(log)


@pytest.mark.points(2)
@pytest.mark.hint("Failures must be consecutive: a success sets the failure count back to 0.")
def test_a_success_resets_the_failure_count(run):
    log = log_of(run("intermittent", "scripted", provider="openai", steps=["call"] * 8))
    assert all(e["state"] == "closed" for e in log), "two failures, a success, two failures: never 3 in a row\n" + show(log)
    assert log[-1]["ran"] == 8, "every call should have reached the provider\n" + show(log)
    assert log[2]["outcome"].startswith("ok: ") and log[5]["outcome"].startswith("ok: "), show(log)


@pytest.mark.points(3)
@pytest.mark.hint("While open (and before the cooldown has passed), raise CircuitOpen without calling fn.")
def test_open_circuit_rejects_without_calling_the_provider(run):
    trace = run("outage-then-recovery", "scripted", provider="anthropic", steps=SCRIPT[:7])
    log = log_of(trace)
    for n in (3, 4, 6):
        assert log[n]["outcome"] == "raised CircuitOpen", f"step {n} should be rejected\n" + show(log)
        assert log[n]["ran"] == 3, f"step {n} reached the provider although the circuit is open\n" + show(log)
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} requests were sent; only the first 3 should be"
    assert log[5]["state"] == "open", "29 s into a 30 s cooldown the circuit is still open\n" + show(log)


@pytest.mark.points(2)
@pytest.mark.hint("call(fn, fallback=...) on an open circuit returns fallback() instead of raising CircuitOpen.")
def test_open_circuit_serves_the_fallback(run):
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=SCRIPT[:5], fallback=True))
    assert [e["outcome"] for e in log[3:5]] == ["fallback", "fallback"], show(log)
    assert log[4]["ran"] == 3, "serving the fallback must not call the provider\n" + show(log)


@pytest.mark.points(3)
@pytest.mark.hint("Once clock() - opened_at >= cooldown the state is half_open and exactly one call goes through "
                  "as a trial. Read the time only through the clock you were given.")
def test_half_open_after_the_cooldown_lets_a_trial_through(run):
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=SCRIPT[:9]))
    assert log[6]["outcome"] == "raised CircuitOpen", "before the cooldown, calls are rejected\n" + show(log)
    assert log[7]["state"] == "half_open", "31 s after opening (cooldown 30 s) the state is half_open\n" + show(log)
    assert log[8]["ran"] == 4, "the trial call must reach the provider\n" + show(log)


@pytest.mark.points(3)
@pytest.mark.hint("A failed trial opens the circuit again and restarts the cooldown from the time of that failure.")
def test_failed_trial_reopens_and_restarts_the_cooldown(run):
    log = log_of(run("outage-then-recovery", "scripted", provider="openai", steps=SCRIPT[:13]))
    assert (log[8]["outcome"], log[8]["state"]) == ("raised ServerError", "open"), \
        "the trial got a 503: re-raise it and open again\n" + show(log)
    assert log[9]["outcome"] == "raised CircuitOpen" and log[9]["ran"] == 4, show(log)
    assert log[10]["state"] == "open" and log[11]["outcome"] == "raised CircuitOpen", \
        "29 s after the failed trial the cooldown (30 s, counted from the failed trial) has not passed\n" + show(log)
    assert log[11]["ran"] == 4 and log[12]["state"] == "half_open", show(log)


@pytest.mark.points(2)
@pytest.mark.hint("A successful trial closes the circuit: the reply is returned and later calls go straight through.")
def test_successful_trial_closes_the_circuit(run, provider):
    log = log_of(run("outage-then-recovery", "scripted", provider=provider, steps=SCRIPT))
    assert (log[13]["outcome"], log[13]["state"]) == (RECOVERED, "closed"), show(log)
    assert (log[14]["outcome"], log[14]["ran"]) == (RECOVERED, 6), show(log)


@pytest.mark.points(4)
@pytest.mark.hint("Claim the half-open trial inside a threading.Lock (check and set in one locked step), run fn "
                  "outside the lock, and reject everyone else until the trial has finished.")
def test_only_one_trial_runs_at_a_time_across_threads(run):
    trace = run("outage-then-recovery", "one_trial", threads=12)
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    result = trace["result"]
    assert result["opened"] == "open", "with failure_threshold=1 one failure opens the circuit"
    assert result["entered"] == 1, f"{result['entered']} threads ran the call in half-open; only one trial may run"
    assert result["outcomes"].count("CircuitOpen") == 11 and result["outcomes"].count("ok") == 1, result["outcomes"]
    assert result["state_after"] == "closed", "the successful trial should close the circuit"


@pytest.mark.points(2)
@pytest.mark.hint("Only errors where is_failure(error) is True count. A 400 means the provider answered: re-raise "
                  "it, but do not count it towards opening the circuit.")
def test_errors_the_caller_caused_do_not_trip_the_breaker(run):
    log = log_of(run("bad-request-faults", "scripted", provider="anthropic", steps=["call"] * 5))
    assert [e["outcome"] for e in log] == ["raised BadRequestError"] * 5, show(log)
    assert all(e["state"] == "closed" for e in log) and log[-1]["ran"] == 5, \
        "five bad requests must not open the circuit: the provider is fine\n" + show(log)
