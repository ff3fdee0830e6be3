"""Graceful degradation, graded. Each test runs your `degradation` package in its own process. Some feed
outcomes straight to a `Degrader()` with the default settings (window 20, min_samples 10, slow_s 5,
reduce_at 0.25, restore_at 0.10, minimal_at 0.50, minimal_exit 0.25); others ask questions through a
`DegradingChat` while a scenario in ../fixtures/scenarios/ answers, and check which model each request
went to. Latency is simulated with a fake clock: no test waits."""
import pytest

GOOD, ERROR, SLOW = [True, 0.8], [False, 0.8], [True, 9.0]
FULL_MODELS = {"anthropic": "claude-sonnet-4-6", "openai": "gpt-6-sol"}
REDUCED_MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-6-luna"}
SHIP = "Question {}: when will my order ship?"

# The outage story (outage.yaml): 10 good answers, 10 failures, then questions after the outage.
WARM_UP = (["What is the refund window?", "When is the support line open?"]
           + [f"Warm-up question {k}: can I change my password?" for k in range(3, 11)])
DURING = [f"Question {k} during the outage: where is my parcel?" for k in range(1, 11)]
AT_MINIMAL = ["What is the refund window?", "Can I pay by invoice?"]
AFTER = [f"Question {k} after the outage: can I combine a gift card with a discount code?" for k in range(1, 51)]
STATIC_CHECK = "Can I pay by invoice?"


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def changes(levels: list[str]) -> int:
    return sum(a != b for a, b in zip(levels, levels[1:]))


def collapsed(levels: list[str]) -> list[str]:
    return [level for n, level in enumerate(levels) if n == 0 or levels[n - 1] != level]


def spans(levels: list[str]) -> str:
    """'full x24, reduced x18, full x3': a readable summary for failure messages."""
    out, count = [], 0
    for n, level in enumerate(levels):
        count += 1
        if n + 1 == len(levels) or levels[n + 1] != level:
            out.append(f"{level} x{count}")
            count = 0
    return ", ".join(out)


@pytest.mark.points(3)
@pytest.mark.hint("Keep the last window_size outcomes (a deque(maxlen=...)) and decide from them after every "
                  "record: REDUCED when bad >= 25% of the window, back to FULL only when bad <= 10%.")
def test_level_follows_the_sliding_window(run):
    levels = result_of(run("no-calls", "levels", outcomes=[GOOD] * 20 + [ERROR] * 5 + [GOOD] * 20))["levels"]
    assert levels[:24] == ["full"] * 24, "4 errors in the last 20 (20%) are below reduce_at: " + spans(levels)
    assert levels[24] == "reduced", "the 5th error makes 5 of the last 20 (25%): REDUCED; got " + spans(levels)
    # Good outcomes push the oldest ones out: the 5 errors leave the window with the 16th..20th good outcome.
    assert levels[25:42] == ["reduced"] * 17, ("with 3-4 errors still in the window (15-20%) the level stays "
                                               "REDUCED (hysteresis): " + spans(levels))
    assert levels[42:] == ["full"] * 3, "at 2 errors in the window (10%) the level is FULL again: " + spans(levels)


@pytest.mark.points(4)
@pytest.mark.hint("Hysteresis: enter REDUCED at a bad rate >= 25%, but leave it only at <= 10%. Decide from the "
                  "window after every request and never reset a counter.")
def test_a_rate_hovering_at_the_threshold_does_not_flap(run):
    # About 23% errors, clustered so that the last 20 hold 4 or 5 of them: a threshold without hysteresis
    # (or counters that are reset and re-estimated from a few samples) flips back and forth.
    hovering = [ERROR, GOOD, GOOD, GOOD, ERROR, GOOD, GOOD, GOOD, ERROR, GOOD, GOOD, GOOD, GOOD] * 14
    levels = result_of(run("no-calls", "levels", outcomes=[GOOD] * 30 + hovering + [GOOD] * 40))["levels"]
    assert "reduced" in levels, "an error rate of about 23-25% should reach REDUCED: " + spans(levels)
    assert collapsed(levels) == ["full", "reduced", "full"], \
        f"the level changed {changes(levels)} times; expected FULL -> REDUCED -> FULL: " + spans(levels)
    assert levels[30 + len(hovering) - 1] == "reduced", "still REDUCED at the end of the bad stretch: " + spans(levels)


@pytest.mark.points(2)
@pytest.mark.hint("MINIMAL when failed calls are >= 50% of the window (errors only; slow successes do not count).")
def test_half_the_window_failing_goes_minimal(run):
    levels = result_of(run("no-calls", "levels", outcomes=[GOOD] * 20 + [ERROR] * 10))["levels"]
    assert levels[24] == "reduced" and levels[28] == "reduced", spans(levels)
    assert levels[29] == "minimal", "10 errors in the last 20 is 50%: MINIMAL; got " + spans(levels)


@pytest.mark.points(1)
@pytest.mark.hint("With fewer than min_samples (10) outcomes in the window, keep the current level.")
def test_too_few_samples_do_not_change_the_level(run):
    levels = result_of(run("no-calls", "levels", outcomes=[ERROR] * 10))["levels"]
    assert levels[:9] == ["full"] * 9, "9 outcomes are too few to judge: " + spans(levels)
    assert levels[9] == "minimal", "at 10 outcomes, all failed: MINIMAL; got " + spans(levels)


@pytest.mark.points(2)
@pytest.mark.hint("A call slower than slow_s (5 s) is 'bad' for REDUCED, but only failed calls count towards "
                  "MINIMAL.")
def test_slow_successes_count_as_bad_but_not_as_errors(run):
    levels = result_of(run("no-calls", "levels", outcomes=[GOOD] * 20 + [SLOW] * 12))["levels"]
    assert levels[23] == "full" and levels[24] == "reduced", "the 5th slow call (25%) means REDUCED: " + spans(levels)
    assert "minimal" not in levels, "slow but successful calls must not lead to MINIMAL: " + spans(levels)


@pytest.mark.points(2)
@pytest.mark.hint("At REDUCED call client.chat with model=reduced_model and max_tokens=reduced_max_tokens; measure "
                  "each call's latency with the clock you were given and record it.")
def test_reduced_level_sends_the_cheaper_model_and_fewer_tokens(run, provider):
    # 12 fast calls, then slow ones (9 s): 4 bad of 16 = 25% -> REDUCED from the 17th request on.
    latencies = [0.5] * 12 + [9.0] * 8
    trace = run("two-models", "serve", provider=provider, questions=[SHIP.format(n) for n in range(20)],
                latencies=latencies)
    answers = result_of(trace)["answers"]
    sent = trace["sent"]
    assert len(sent) == 20, f"every question should make one model call, made {len(sent)}"
    assert all(r["model"] == FULL_MODELS[provider] and r["max_tokens"] == 1024 for r in sent[:16]), \
        [(r["model"], r["max_tokens"]) for r in sent[:16]]
    assert all(r["model"] == REDUCED_MODELS[provider] and r["max_tokens"] == 256 for r in sent[16:]), (
        f"after 4 slow calls in 16, requests should go to {REDUCED_MODELS[provider]} with max_tokens=256; got "
        f"{[(r['model'], r['max_tokens']) for r in sent[16:]]}")
    assert [a["level"] for a in answers[16:]] == ["reduced"] * 4
    assert answers[-1]["text"] == "Short answer: orders ship within 2 working days."


@pytest.mark.points(3)
@pytest.mark.hint("Recovery comes from the window: every fast call pushes an old outcome out; back to FULL (and the "
                  "full model) once the slow calls in the window are <= 10%.")
def test_recovers_to_full_as_fast_requests_push_slow_ones_out(run):
    latencies = [0.5] * 12 + [9.0] * 4 + [0.5] * 24
    trace = run("two-models", "serve", provider="openai", questions=[SHIP.format(n) for n in range(40)],
                latencies=latencies)
    answers = result_of(trace)["answers"]
    levels = [a["level"] for a in answers]
    assert collapsed(levels) == ["full", "reduced", "full"], spans(levels)
    # The slow calls were requests 13-16; once 14 has left the window (after request 34) only 2 remain.
    assert levels[16:34] == ["reduced"] * 18 and levels[34:] == ["full"] * 6, spans(levels)
    assert [r["model"] for r in trace["sent"][34:]] == ["gpt-6-sol"] * 6


@pytest.mark.points(3)
@pytest.mark.hint("At MINIMAL make no model call: answer from the cache of earlier good answers to the same "
                  "question, else with the static answer. A failed call also gets a cached or static answer.")
def test_minimal_level_answers_without_calling_the_model(run):
    trace = run("outage", "serve", provider="anthropic", questions=WARM_UP + DURING + AT_MINIMAL, probe_every=5)
    result = result_of(trace)
    answers = result["answers"]
    assert all(a["source"] == "model" for a in answers[:10]), [a["source"] for a in answers[:10]]
    assert all(a["source"] in ("cache", "static") for a in answers[10:20]), \
        "a failed call must still answer (cached or static), not raise: " + str([a["source"] for a in answers[10:20]])
    assert [a["level"] for a in answers[20:]] == ["minimal", "minimal"], spans([a["level"] for a in answers])
    assert len(trace["sent"]) == 20, f"{len(trace['sent']) - 20} model calls at MINIMAL; expected none"
    cached, static = answers[20], answers[21]
    assert (cached["source"], cached["text"]) == ("cache", "Refunds are accepted within 30 days of delivery."), cached
    assert static["source"] == "static" and static["text"].strip(), static
    assert static["text"] not in {a["text"] for a in answers[:10]}, "a question never answered cannot come from the cache"


@pytest.mark.points(3)
@pytest.mark.hint("At MINIMAL send every probe_every-th request (counted from entering MINIMAL) to the reduced "
                  "model and record its outcome; good probes push the errors out of the window until the level rises.")
def test_minimal_level_probes_and_climbs_back(run):
    trace = run("outage", "serve", provider="openai", questions=WARM_UP + DURING + AT_MINIMAL + AFTER, probe_every=3)
    result = result_of(trace)
    answers = result["answers"]
    levels = [a["level"] for a in answers]
    assert collapsed(levels) == ["full", "reduced", "minimal", "reduced", "full"], spans(levels)
    at_minimal = [a for a in answers if a["level"] == "minimal"]
    calls = [a["called"] for a in at_minimal]
    assert calls == [0, 0, 1] * (len(at_minimal) // 3), \
        f"at MINIMAL exactly every 3rd request should call the model (probe_every=3): {calls}"
    # At MINIMAL the window holds 10 good and 10 failed calls; 15 good probes bring the errors down to 5 (25%).
    assert len(at_minimal) == 45, f"{len(at_minimal)} requests at MINIMAL; expected 45 (15 probes): " + spans(levels)
    probes = [r for r in trace["sent"][20:35]]
    assert all(r["model"] == "gpt-6-luna" and r["max_tokens"] == 256 for r in probes), \
        "probes go to the reduced model with the reduced max_tokens"
    assert result["final_level"] == "full" and trace["sent"][-1]["model"] == "gpt-6-sol"


@pytest.mark.points(4)
@pytest.mark.hint("RedisWindow keeps the outcomes (a list trimmed to size) and the level under keys that start with "
                  "`key`, and updates both in one transaction (WATCH, then MULTI/EXEC), so every process that uses "
                  "the same key sees the same level.")
def test_processes_share_one_window_through_redis(run, redis_socket):
    import redis

    outcomes = [GOOD] * 20 + [ERROR] * 5
    result = result_of(run("no-calls", "shared", socket=redis_socket, key="d5:helpdesk", outcomes=outcomes))
    seen = result["levels"]
    assert all(a == b for a, b in seen), f"two degraders on one key disagree: {seen}"
    assert [a for a, _ in seen] == ["full"] * 24 + ["reduced"], (
        "20 good then 5 failed outcomes, recorded in turn by two degraders, should read as one window: "
        + spans([a for a, _ in seen]))
    keys = redis.Redis(unix_socket_path=redis_socket).keys("d5:helpdesk*")
    assert keys, "nothing was stored in Redis under keys starting with 'd5:helpdesk'"
    # A new process (a fresh import of your package) starting on the same key inherits the level ...
    again = result_of(run("no-calls", "shared_level", socket=redis_socket, key="d5:helpdesk"))
    assert again["level"] == "reduced", "a new process must see the level stored in Redis"
    # ... and a different key is a different service.
    other = result_of(run("no-calls", "shared_level", socket=redis_socket, key="d5:billing"))
    assert other["level"] == "full", "a key with nothing recorded starts at FULL"
