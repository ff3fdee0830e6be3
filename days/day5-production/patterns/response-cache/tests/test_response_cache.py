"""Response cache graded tests. Each runs your `response_cache` package in its own process through ../driver.py
and checks only behaviour: the keys it computes (here and in other processes), what get/set/stats answer on a
fake clock, how many requests reached the model (the scenarios in ../fixtures/scenarios/ answer them), what a
second process finds in Redis, and the prompt-cache savings against agentkit.pricing (genai-prices)."""
import pytest

from agentkit import Usage
from agentkit.pricing import cost_usd

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
SUPPORT = ("You are the support assistant for Larkspur Cloud. Answer from the help centre in two sentences "
           "or fewer.")
BRIEF = "You are the support assistant for Larkspur Cloud. Answer in at most eight words."
RESET = "How do I reset my password?"
RESET_ANSWER = "Open Settings > Security and choose Reset password. The link we email you works for 30 minutes."
RETURNS = "What is your return policy?"
TRACKING = "How do I track my order?"
TRACKING_ANSWER = "Go to Orders, pick the order, and choose Track parcel to see the courier's latest scan."

BASE = {"model": "claude-haiku-4-5", "system": SUPPORT, "messages": RESET,
        "params": {"max_tokens": 200, "stop": ["\n\n"]}}
REQUESTS = [
    BASE,
    {**BASE, "params": {"stop": ["\n\n"], "max_tokens": 200}},   # the same parameters, passed in another order
    {**BASE, "model": "claude-sonnet-4-6"},
    {**BASE, "system": BRIEF},
    {**BASE, "messages": [{"role": "user", "content": RETURNS}]},
    {**BASE, "params": {"max_tokens": 400, "stop": ["\n\n"]}},
]


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the cache failed: {trace['error']}"
    return trace["result"]


def values(trace: dict) -> list:
    return [r["value"] if "value" in r else f"raised {r['raised']}" for r in result_of(trace)["results"]]


@pytest.mark.points(3)
@pytest.mark.hint("Hash canonical JSON of (model, system, messages, params) with hashlib.sha256 and "
                  "json.dumps(..., sort_keys=True). Python's hash() is salted per process: other servers, or "
                  "this one after a restart, would never find the entry.")
def test_same_request_gives_the_same_key_in_every_process(run):
    result = result_of(run(NO_LLM, "keys_everywhere", requests=REQUESTS))
    here = result["here"]
    assert all(isinstance(k, str) and k for k in here)
    assert here[0] == here[1], "the same parameters in another order must give the same key"
    for other in result["elsewhere"]:
        assert other == here, f"another process computed different keys (or failed): {other}"


@pytest.mark.points(2)
@pytest.mark.hint("Every part of the request that can change the answer belongs in the key: the model, the "
                  "system prompt, every message and every parameter.")
def test_key_changes_when_any_part_of_the_request_changes(run):
    here = result_of(run(NO_LLM, "keys_everywhere", requests=REQUESTS))["here"]
    changed = dict(zip(["model", "system prompt", "messages", "max_tokens"], here[2:]))
    same = [part for part, key in changed.items() if key == here[0]]
    assert not same, f"changing the {', '.join(same)} gave the same key: a different request would get this answer"
    assert len(set(here[2:])) == 4


@pytest.mark.points(2)
@pytest.mark.hint("Store the expiry time (clock() + ttl) with each entry; get() treats an entry past it as a "
                  "miss. Use the clock you were given.")
def test_entries_expire_after_their_ttl(run):
    steps = [["set", "k", "answer"], ["advance", 59], ["get", "k"], ["advance", 2], ["get", "k"],
             ["set", "k", "again"], ["get", "k"]]
    got = [v for step, v in zip(steps, values(run(NO_LLM, "cache_script", max_entries=10, ttl=60, steps=steps)))
           if step[0] == "get"]
    assert got == ["answer", None, "again"], \
        f"with ttl=60: read at 59 s (hit), at 61 s (expired: None), then stored again (hit); got {got}"


@pytest.mark.points(2)
@pytest.mark.hint("Count every get(): a hit or a miss. hit_rate = hits / (hits + misses), and 0.0 before any "
                  "lookup (no ZeroDivisionError).")
def test_stats_count_hits_misses_and_hit_rate(run):
    steps = [["stats"], ["set", "a", "A"], ["get", "a"], ["get", "b"], ["get", "a"], ["get", "c"], ["stats"]]
    got = values(run(NO_LLM, "cache_script", max_entries=10, ttl=60, steps=steps))
    assert got[0] == {"hits": 0, "misses": 0, "hit_rate": 0.0}, f"before any lookup: {got[0]}"
    assert got[-1]["hits"] == 2 and got[-1]["misses"] == 2, f"2 hits and 2 misses expected, got {got[-1]}"
    assert got[-1]["hit_rate"] == pytest.approx(0.5)


@pytest.mark.points(3)
@pytest.mark.hint("Keep entries in an OrderedDict: move a key to the end when it is read or written, and when "
                  "there are more than max_entries, drop the first (least recently used).")
def test_size_is_bounded_and_the_least_recently_used_goes_first(run):
    steps = [["set", "a", "A"], ["set", "b", "B"], ["set", "c", "C"], ["get", "a"], ["set", "d", "D"],
             ["get", "b"], ["get", "a"], ["get", "c"], ["get", "d"], ["size"],
             ["fill", "flood", 5000], ["size"]]
    got = values(run(NO_LLM, "cache_script", max_entries=3, ttl=3600, steps=steps))
    reads = got[5:9]
    assert reads == [None, "A", "C", "D"], \
        f"max_entries=3, 'a' read after 'b' was written: adding 'd' should evict 'b' only; reads gave {reads}"
    assert got[9] == 3 and got[11] == 3, f"sizes {got[9]} and {got[11]} (after 5,000 more) with max_entries=3"


@pytest.mark.points(2)
@pytest.mark.hint("@cached(cache): compute the key from (model or client.model, system, messages, params), "
                  "return the stored value on a hit without calling the function, store the result on a miss.")
def test_second_identical_call_makes_no_request(run, provider):
    trace = run("support-faq", "ask_many", provider=provider,
                calls=[{"question": RESET, "max_tokens": 200}, {"question": RESET, "max_tokens": 200}])
    result = result_of(trace)
    assert result["answers"] == [RESET_ANSWER, RESET_ANSWER]
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} requests reached the model for two identical calls"
    assert result["stats"] is None or (result["stats"]["hits"], result["stats"]["misses"]) == (1, 1)


@pytest.mark.points(2)
@pytest.mark.hint("The system prompt, the model and each parameter are part of the key: changing one is a "
                  "new request, repeating it is a hit.")
def test_a_different_system_model_or_parameter_is_a_new_request(run):
    calls = [{"question": RESET, "max_tokens": 200},
             {"question": RESET, "system": BRIEF, "max_tokens": 200},
             {"question": RESET, "max_tokens": 400},
             {"question": RESET, "model": "claude-sonnet-4-6", "max_tokens": 200},
             {"question": RETURNS, "max_tokens": 200}]
    trace = run("support-faq", "ask_many", provider="anthropic", calls=calls + calls)
    answers = result_of(trace)["answers"]
    assert answers[1] == "Settings, then Security, then Reset password.", \
        "the stricter system prompt got the other prompt's cached answer"
    assert answers[5:] == answers[:5], "repeating each call should give the same answers"
    assert len(trace["sent"]) == 5, f"{len(trace['sent'])} requests for 5 different calls, each made twice"


@pytest.mark.points(2)
@pytest.mark.hint("Let the function's exception propagate and store nothing: a cached error would be served "
                  "to every later caller.")
def test_failed_calls_are_not_cached(run):
    trace = run("order-tracking-flaky", "ask_many", provider="openai",
                calls=[{"question": TRACKING, "max_tokens": 200}] * 3)
    answers = result_of(trace)["answers"]
    assert answers[0].startswith("error: "), f"the first call should fail with the provider's 503, got {answers[0]!r}"
    assert answers[1:] == [TRACKING_ANSWER] * 2, "after the failure, the next call should reach the model"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests: expected the failed one, then one answer"


@pytest.mark.points(4)
@pytest.mark.hint("RedisResponseCache: SET prefix+key to json.dumps(value) with an expiry (px= or ex=), GET "
                  "and json.loads it back. Keys must come from cache_key, which is the same in every process.")
def test_redis_cache_is_shared_across_processes(run, redis_socket):
    trace = run("support-faq", "redis_shared", provider="openai", redis_socket=redis_socket,
                question=RESET, other_question=RETURNS)
    result = result_of(trace)
    assert result["first"] == RESET_ANSWER
    assert len(trace["sent"]) == 1
    elsewhere = result["elsewhere"]
    assert elsewhere[0] == RESET_ANSWER, \
        f"a second process (no recorded replies, other hash seed) did not find the entry: {elsewhere[0]}"
    assert len(elsewhere) == 2 and elsewhere[1] == "error: NoRecordingError", \
        f"a question nobody asked before should miss and call the model: {elsewhere}"


@pytest.mark.points(2)
@pytest.mark.hint("Give every entry a TTL in Redis itself (SET ... PX ms), so Redis drops it: entries without "
                  "one stay until the server runs out of memory.")
def test_redis_entries_expire(run, redis_socket):
    result = result_of(run(NO_LLM, "redis_ttl", redis_socket=redis_socket, entries=5))
    assert len(result["ttls"]) >= 5, "the five entries are not in Redis"
    forever = sum(1 for ttl in result["ttls"] if ttl < 0)
    assert not forever, f"{forever} keys in Redis never expire"
    assert max(result["ttls"]) <= 120, "entries written with ttl=120 should expire within 120 s"
    assert (result["fresh"], result["later"]) == ("gone soon", None), \
        "an entry with ttl=1 should be there at once and gone 1.5 s later"


@pytest.mark.points(2)
@pytest.mark.hint("cache_savings = agentkit.pricing.cost_usd(model, usage with every cached token counted as "
                  "input_tokens) - cost_usd(model, usage). Use the price database; never type prices in.")
def test_prompt_cache_savings_match_the_price_database(run, provider):
    trace = run("style-guide-prompt-cache", "prompt_cache_savings", provider=provider,
                questions=["How should I capitalise headings?", "Do I write 7 or seven?"])
    calls = result_of(trace)["calls"]
    assert len(calls) == 2
    for number, call in enumerate(calls, start=1):
        usage = Usage(**call["usage"])
        plain = Usage(input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,
                      output_tokens=usage.output_tokens)
        expected = cost_usd(call["model"], plain) - cost_usd(call["model"], usage)
        assert call["savings"] == pytest.approx(expected, rel=1e-6, abs=1e-12), \
            f"call {number} ({call['usage']}): saved ${call['savings']:.6f}, the price database says ${expected:.6f}"
    assert calls[1]["savings"] > 0, "reading the cached style guide back must save money"
