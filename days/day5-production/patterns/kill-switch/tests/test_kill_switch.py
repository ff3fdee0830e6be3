"""Kill switch graded tests. Each runs your `kill_switch` package in its own process through ../driver.py against
a real redis-server started for the test (on a unix socket). Time is a fake clock the driver moves; the
cross-process test forks several processes, each with its own connection, clock and KillSwitch."""
import pytest

# The kill switch makes no model calls, so its jobs run with a scenario that has nothing to answer.
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the kill switch calls no model"},
          "exchanges": []}
ONCALL = "oncall@example.com"


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the kill switch failed: {trace['error']}"
    return trace["result"]


def values(result: dict) -> list:
    return [r["value"] if "value" in r else f"raised {r['raised']}" for r in result["results"]]


def check(feature):
    return {"op": "check", "feature": feature}


def advance(seconds):
    return {"op": "advance", "seconds": seconds}


@pytest.mark.points(5)
@pytest.mark.hint("Keep the switch in Redis, not in the object: a hash per switch (enabled, by, reason, at) that "
                  "every process reads. Each process may cache what it read, but for at most cache_ttl seconds.")
def test_a_switch_flipped_in_one_process_is_seen_by_the_others_within_the_ttl(run, redis_socket):
    others = [1, 2, 3]
    steps = ([[p, check("summaries")] for p in range(4)]                                     # all on, all cached
             + [[0, {"op": "disable", "feature": "summaries", "by": ONCALL, "reason": "quotes ticket ids"}]]
             + [[0, check("summaries")]]                                                     # its own change: at once
             + [[p, advance(1.1)] for p in others] + [[p, check("summaries")] for p in others]
             + [[2, {"op": "enable", "feature": "summaries", "by": ONCALL, "reason": "fix deployed"}]]
             + [[p, advance(1.1)] for p in (0, 1, 3)] + [[p, check("summaries")] for p in (0, 1, 3)])
    got = values(result_of(run(NO_LLM, "processes_script", redis_socket=redis_socket, processes=4, cache_ttl=1.0,
                               steps=steps)))
    assert got[:4] == [True] * 4, f"before any change every process should see the feature on: {got[:4]}"
    assert got[4] is None, f"disable raised: {got[4]}"
    assert got[5] is False, "the process that disabled the feature must see it off at once"
    assert got[9:12] == [False] * 3, (f"1.1 s (more than the 1 s cache) after another process disabled it, "
                                      f"processes 1-3 answered {got[9:12]}: each process has its own switch")
    assert got[12] is None
    assert got[16:19] == [True] * 3, f"after process 2 re-enabled it and the cache expired: {got[16:19]}"


@pytest.mark.points(3)
@pytest.mark.hint("Cache each feature's answer with the time you read it (from the injected clock); answer from "
                  "the cache while now - read_at < cache_ttl, and read Redis again after that.")
def test_checks_are_cached_for_the_ttl_and_no_longer(run, redis_socket):
    result = result_of(run(NO_LLM, "cached_reads", redis_socket=redis_socket, cache_ttl=1.0, checks=1000))
    assert result["first"] and result["all_enabled"]
    assert result["commands_during_checks"] <= 3, \
        f"1,000 checks within the cache TTL sent {result['commands_during_checks']} commands to Redis"
    assert result["after_ttl"] is False, "once the TTL has passed, a disable made elsewhere must be seen"
    assert result["commands_after_ttl"] >= 1, "after the TTL the switch must read Redis again"


@pytest.mark.points(3)
@pytest.mark.hint("is_enabled(feature) is False when the global switch (feature=None) OR the feature's own switch "
                  "is off; re-enabling the global switch leaves a separately disabled feature off.")
def test_the_global_switch_overrides_every_feature(run, redis_socket):
    steps = [[0, {"op": "disable", "feature": None, "by": "sre-bot", "reason": "provider incident"}],
             [1, advance(1.1)], [1, check("summaries")], [1, check("triage")],
             [0, {"op": "enable", "feature": "summaries", "by": ONCALL, "reason": "try it"}],
             [1, advance(1.1)], [1, check("summaries")],
             [0, {"op": "disable", "feature": "triage", "by": ONCALL, "reason": "triage mislabels refunds"}],
             [0, {"op": "enable", "feature": None, "by": "sre-bot", "reason": "provider recovered"}],
             [1, advance(1.1)], [1, check("summaries")], [1, check("triage")],
             [1, {"op": "state", "feature": None}], [1, {"op": "state", "feature": "triage"}]]
    got = values(result_of(run(NO_LLM, "global_script", redis_socket=redis_socket, steps=steps)))
    assert got[2:4] == [False, False], f"with the global switch off, every feature is off: {got[2:4]}"
    assert got[6] is False, "enabling one feature does not override the global switch"
    assert got[10:12] == [True, False], \
        f"global back on: summaries on, triage still off on its own switch; got {got[10:12]}"
    assert got[12]["enabled"] is True and got[12]["feature"] is None
    assert got[13]["enabled"] is False and got[13]["reason"] == "triage mislabels refunds"


@pytest.mark.points(3)
@pytest.mark.hint("Catch redis.RedisError (and OSError) in is_enabled and answer `not fail_closed` (default "
                  "fail_closed=True: disabled). A toggle that cannot be stored must raise, not pretend.")
def test_fails_closed_when_redis_is_unreachable(run, redis_socket):
    result = result_of(run(NO_LLM, "redis_down", redis_socket=redis_socket, cache_ttl=1.0))
    assert result["before"] == [True, True]
    closed, opened = result["after"]
    assert closed == {"value": False}, f"with Redis down, the default switch answered {closed}: fail closed"
    assert opened == {"value": True}, f"with fail_closed=False and Redis down it answered {opened}"
    assert result["seconds"] < 1, f"checking took {result['seconds']:.1f} s with Redis down"
    assert "raised" in result["toggle"], "disable() with Redis down must raise, so the operator knows it failed"


@pytest.mark.points(3)
@pytest.mark.hint("Every toggle records by, reason and at (ISO time from wall_clock) on the switch, and appends the "
                  "same to an audit log in Redis (a stream or a list), in one transaction.")
def test_toggles_record_who_why_and_when(run, redis_socket):
    toggles = [{"op": "disable", "feature": "summaries", "by": ONCALL, "reason": "summaries quote internal ticket ids"},
               {"op": "disable", "feature": None, "by": "sre-bot", "reason": "provider incident"},
               {"op": "enable", "feature": None, "by": "sre-bot", "reason": "provider recovered"},
               {"op": "enable", "feature": "summaries", "by": ONCALL, "reason": "fix deployed"}]
    result = result_of(run(NO_LLM, "audit_trail", redis_socket=redis_socket, toggles=toggles))
    assert all(r == {"value": None} for r in result["results"]), result["results"]
    audit = result["audit"]
    assert [(e.get("action"), e.get("feature"), e.get("by"), e.get("reason")) for e in audit] == \
        [("disable", "summaries", ONCALL, "summaries quote internal ticket ids"),
         ("disable", None, "sre-bot", "provider incident"), ("enable", None, "sre-bot", "provider recovered"),
         ("enable", "summaries", ONCALL, "fix deployed")], f"audit log read by another instance: {audit}"
    assert [e.get("at", "")[:16] for e in audit] == \
        ["2026-11-30T00:53", "2026-11-30T00:54", "2026-11-30T00:55", "2026-11-30T00:56"], \
        "each entry's `at` is the wall clock's time in ISO 8601 (UTC)"
    global_state, summaries = result["states"]
    assert global_state["enabled"] is True and global_state["by"] == "sre-bot"
    assert summaries["enabled"] is True and summaries["reason"] == "fix deployed" and summaries["by"] == ONCALL
    assert (summaries["at"] or "").startswith("2026-11-30T00:56"), summaries


@pytest.mark.points(3)
@pytest.mark.hint("guarded(switch, feature, fallback) returns a decorator: while the feature is off, return "
                  "fallback(*args, **kwargs) (or fallback itself when it is not callable) without calling the "
                  "function; keep async functions async (await them when on).")
def test_guard_answers_with_the_fallback_when_disabled(run, redis_socket):
    result = result_of(run(NO_LLM, "guard_script", redis_socket=redis_socket))
    assert result["on"] == [{"summary": "summary of doc-1 in 30 words"}, {"summary": "summary of doc-2"},
                            {"summary": "summary of doc-3 in 50 words"}], f"with the feature on: {result['on']}"
    assert result["off"] == [{"summary": None, "notice": "summaries are paused; doc-4 is queued for later"},
                             {"summary": None, "notice": "summaries are paused; doc-5 is queued for later"},
                             {"summary": None}], f"with the feature off: {result['off']}"
    assert result["calls"] == [["sync", "doc-1"], ["async", "doc-2"], ["sync", "doc-3"]], \
        f"the guarded functions ran {result['calls']}; they must not run while the feature is off"
    assert result["name"] == "summarise", "keep the function's name (functools.wraps)"
