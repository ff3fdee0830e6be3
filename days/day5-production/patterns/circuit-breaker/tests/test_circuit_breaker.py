"""Circuit breaker, graded. Each test runs your `breaker` package in its own process: a script of calls and
clock moves against one breaker (mostly failure_threshold 3 and cooldown 30 s; always a fake clock), with a scenario in
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
    assert [log[n]["outcome"] for n in (0, 1, 3, 4)] == ["raised ServerError", "raised TimeoutError",
                                                          "raised ServerError", "raised ServerError"], \
        "each failing call must re-raise the provider's error\n" + show(log)


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


@pytest.mark.points(2)
@pytest.mark.hint("CircuitOpen(name, retry_in): retry_in is the seconds until a trial may run, "
                  "opened_at + cooldown - clock(), counted from the failed trial after a reopening.")
def test_circuit_open_says_when_a_trial_may_run(run):
    steps = ["call"] * 3 + ["call", "advance 12", "call", "advance 17.5", "call", "advance 1.5", "call", "call"]
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=steps))
    rejected = (3, 5, 7, 10)
    assert [log[n]["outcome"] for n in rejected] == ["raised CircuitOpen"] * 4, show(log)
    assert log[9]["outcome"] == "raised ServerError", "the trial at 31 s gets the fourth 503\n" + show(log)
    got = [log[n]["retry_in"] for n in rejected]
    assert got[:3] == pytest.approx([30.0, 18.0, 0.5]), \
        f"opened at 0 s with a 30 s cooldown: retry_in should be 30, 18 and 0.5 at 0, 12 and 29.5 s, got {got[:3]}"
    assert got[3] == pytest.approx(30.0), f"the trial failed just now: a full cooldown is left, got {got[3]}"


@pytest.mark.points(1)
@pytest.mark.hint("Half-open starts when clock() - opened_at >= cooldown: at exactly `cooldown` seconds, not after.")
def test_half_open_at_exactly_the_cooldown(run):
    steps = ["call"] * 3 + ["advance 29.5", "call", "advance 0.5", "call"]
    log = log_of(run("outage-then-recovery", "scripted", provider="openai", steps=steps))
    assert (log[4]["outcome"], log[4]["ran"]) == ("raised CircuitOpen", 3), show(log)
    assert log[5]["state"] == "half_open", \
        "exactly 30 s after opening (cooldown 30 s) the state is half_open\n" + show(log)
    assert log[6]["ran"] == 4, "the trial at exactly 30 s must reach the provider\n" + show(log)


@pytest.mark.points(1)
@pytest.mark.hint("call(fn, *args, fallback=None, **kwargs) runs fn(*args, **kwargs): hand every argument on, "
                  "for the half-open trial too.")
def test_call_hands_its_arguments_to_fn(run, provider):
    trace = run("outage-then-recovery", "forwarded", provider=provider, max_tokens=77)
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    outcomes = trace["result"]["outcomes"]
    assert outcomes == ["raised ServerError"] * 4 + [RECOVERED], \
        f"three 503s, a failed trial, then a trial that succeeds; got {outcomes}"
    sent = trace["sent"]
    assert len(sent) == 5, f"{len(sent)} requests reached the provider; 5 should have"
    for n, request in enumerate(sent):
        assert request["messages"][-1][1] == "Summarise support ticket 4471 in one line.", \
            f"request {n}: the prompt passed to call() did not reach client.chat"
        assert request["max_tokens"] == 77 and request["system"] == \
            "You summarise support tickets for the on-call engineer.", \
            f"request {n}: the keyword arguments passed to call() (system, max_tokens=77) did not reach client.chat"


@pytest.mark.points(2)
@pytest.mark.hint("A successful trial closes the circuit with the failure count at 0: it takes failure_threshold "
                  "new consecutive failures to open it again.")
def test_a_closed_circuit_needs_a_new_run_of_failures_to_open(run):
    steps = SCRIPT[:14] + ["fail", "fail", "fail", "call"]
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=steps))
    assert (log[13]["outcome"], log[13]["state"]) == (RECOVERED, "closed"), show(log)
    assert [e["state"] for e in log[14:17]] == ["closed", "closed", "open"], \
        "after the trial closed the circuit, the third new failure (threshold 3) opens it, not an earlier one\n" \
        + show(log)
    assert [e["outcome"] for e in log[14:16]] == ["raised ServerError"] * 2, show(log)
    assert (log[17]["outcome"], log[17]["ran"]) == ("raised CircuitOpen", 8), show(log)


@pytest.mark.points(2)
@pytest.mark.hint("Free the trial slot however the trial ends: a KeyboardInterrupt in fn must not leave the "
                  "breaker believing a trial is still running (re-raise it, and use try/finally or an except "
                  "BaseException branch).")
def test_an_interrupted_trial_frees_the_trial_slot(run):
    steps = ["call"] * 3 + ["advance 31", "interrupt", "advance 31", "call"]
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=steps))
    assert (log[4]["outcome"], log[4]["ran"]) == ("raised KeyboardInterrupt", 4), \
        "the interrupted trial must run and its KeyboardInterrupt must reach the caller\n" + show(log)
    assert log[6]["outcome"] != "raised CircuitOpen" and log[6]["ran"] == 5, \
        "after an interrupted trial and another cooldown, a new trial must be let through\n" + show(log)


@pytest.mark.points(2)
@pytest.mark.hint("reset() closes the circuit by hand: no open time, failure count 0, no trial running.")
def test_reset_closes_the_circuit(run):
    steps = ["fail", "reset", "fail", "fail", "reset", "call", "fail", "advance 31", "call"]
    log = log_of(run("outage-then-recovery", "scripted", provider="openai", steps=steps, failure_threshold=2))
    assert [e["state"] for e in log[:4]] == ["closed", "closed", "closed", "open"], \
        "reset() sets the failure count to 0: one failure before it and one after are not a run of 2\n" + show(log)
    assert log[4]["state"] == "closed", "reset() must close an open circuit\n" + show(log)
    assert (log[5]["outcome"], log[5]["state"], log[5]["ran"]) == ("raised ServerError", "closed", 4), \
        "after reset() calls go through to the provider\n" + show(log)
    assert (log[8]["outcome"], log[8]["ran"]) == ("raised ServerError", 6), \
        "the trial after the next cooldown must run\n" + show(log)


@pytest.mark.points(1)
@pytest.mark.hint("The defaults are failure_threshold=5 and cooldown=30.0.")
def test_defaults_are_five_failures_and_thirty_seconds(run):
    steps = ["fail"] * 5 + ["advance 29.5", "call", "advance 1"]
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=steps,
                     failure_threshold=None, cooldown=None))
    assert [e["state"] for e in log[:5]] == ["closed"] * 4 + ["open"], \
        "by default 5 failures open the circuit\n" + show(log)
    assert (log[5]["state"], log[6]["outcome"]) == ("open", "raised CircuitOpen"), show(log)
    assert log[7]["state"] == "half_open", "the default cooldown is 30 s\n" + show(log)


@pytest.mark.points(1)
@pytest.mark.hint("cooldown=0 is allowed: the circuit is half_open as soon as it opens, so the next call is a trial.")
def test_cooldown_zero_gives_a_trial_at_once(run):
    steps = ["call"] * 3 + ["advance 0.5", "call", "advance 0.5", "call"]
    log = log_of(run("outage-then-recovery", "scripted", provider="anthropic", steps=steps, cooldown=0.0))
    assert log[3]["state"] == "half_open", "with cooldown 0 the circuit is half_open once it has opened\n" + show(log)
    assert (log[4]["outcome"], log[4]["ran"]) == ("raised ServerError", 4), "the trial must run\n" + show(log)
    assert (log[6]["outcome"], log[6]["state"], log[6]["ran"]) == (RECOVERED, "closed", 5), show(log)


@pytest.mark.points(1)
@pytest.mark.hint("Raise ValueError in __init__ for failure_threshold below 1 or a negative cooldown.")
def test_impossible_settings_are_refused(run):
    settings = [{"failure_threshold": 0}, {"failure_threshold": -2}, {"cooldown": -1.0},
                {"failure_threshold": 1, "cooldown": 0.5}]
    trace = run("outage-then-recovery", "settings_refused", settings=settings)
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    got = dict(zip(map(str, settings), trace["result"]["outcomes"]))
    assert got == {str(s): want for s, want in zip(settings, ["ValueError"] * 3 + ["accepted"])}, got
