"""Rate limiter graded tests. Each runs your `rate_limiter` package in its own process through ../driver.py and
checks only behaviour: what acquire / wait / time_until answered, how long waiting took, how often the clock
was read while waiting, and how many requests were admitted. Time is a fake clock the tests move, except where
waiting itself is tested. The Redis tests start a real redis-server for each test (see conftest.py)."""
import pytest

# The limiter makes no model calls, so its jobs run with a scenario that has nothing to answer.
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the rate limiter calls no model"},
          "exchanges": []}


def values(trace: dict) -> list:
    """Each step's value, or "raised <Error>" for a step that raised."""
    assert trace["ok"], f"the limiter failed: {trace['error']}"
    return [r["value"] if "value" in r else f"raised {r['raised']}" for r in trace["result"]["results"]]


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the limiter failed: {trace['error']}"
    return trace["result"]


@pytest.mark.points(3)
@pytest.mark.hint("Start full (capacity tokens). On each call add (now - last) * rate, capped at capacity, "
                  "then take the tokens if there are enough. Use the clock you were given, and keep fractions.")
def test_bucket_allows_a_burst_then_refills_at_its_rate(run):
    steps = ([["acquire", 1]] * 6                       # a burst of 5 from a full bucket, then refused
             + [["advance", 0.25], ["acquire", 1]]      # half a token: not yet
             + [["advance", 0.25], ["acquire", 1], ["acquire", 1]]
             + [["advance", 1.0]] + [["acquire", 1]] * 3
             + [["advance", 100.0]] + [["acquire", 1]] * 6)  # a long idle time refills to capacity, no more
    got = [v for v in values(run(NO_LLM, "bucket_script", rate=2, capacity=5, steps=steps)) if v is not None]
    expected = [True] * 5 + [False] + [False] + [True, False] + [True, True, False] + [True] * 5 + [False]
    assert got == expected, f"admitted pattern {got}; expected {expected} (rate 2/s, capacity 5)"


@pytest.mark.points(2)
@pytest.mark.hint("time_until(n) = (n - tokens now) / rate, or 0.0 when there are enough. A request for more "
                  "than capacity can never succeed: raise ValueError from acquire and time_until.")
def test_time_until_says_when_tokens_will_exist(run):
    steps = [["acquire", 5], ["time_until", 1], ["time_until", 3], ["advance", 0.5], ["time_until", 1],
             ["time_until", 5], ["acquire", 6], ["time_until", 6]]
    got = values(run(NO_LLM, "bucket_script", rate=2, capacity=5, steps=steps))
    assert got[0] is True
    assert got[1:3] == [pytest.approx(0.5), pytest.approx(1.5)], "seconds until 1 and 3 tokens, from empty at 2/s"
    assert got[4:6] == [pytest.approx(0.0, abs=1e-9), pytest.approx(2.0)], "after 0.5 s: 1 token there, 5 in 2 s"
    assert got[6:] == ["raised ValueError"] * 2, "6 tokens can never fit a bucket of 5: raise ValueError"


@pytest.mark.points(3)
@pytest.mark.hint("RateLimiter.acquire(tokens) takes 1 request AND `tokens` tokens, or nothing at all: check "
                  "both buckets before charging either.")
def test_requests_and_tokens_are_both_limited(run):
    # 60 requests and 1,200 tokens per minute: buckets of 60 and 1,200 that refill by 1 and 20 a second.
    steps = ([["acquire", 700], ["acquire", 700], ["acquire", 500]]   # the 2nd would overdraw the tokens
             + [["acquire", 0]] * 59                                  # 58 requests left: the 59th is refused
             + [["advance", 5], ["acquire", 90], ["acquire", 20]]     # +5 requests, +100 tokens
             + [["acquire", 2]] * 5)                                  # 4 requests left
    got = [v for v in values(run(NO_LLM, "limiter_script", requests_per_minute=60, tokens_per_minute=1200,
                                 steps=steps)) if v is not None]
    assert got[:3] == [True, False, True], \
        "700 + 700 tokens exceed 1,200; the refused request must not be charged, so 500 more still fit"
    assert got[3:62] == [True] * 58 + [False], \
        f"{got[3:62].count(True)} of 60 requests admitted in the first minute (2 were used already; expected 58)"
    assert got[62:] == [True, False, True, True, True, True, False], \
        "after 5 s: 5 more requests and 100 more tokens"


@pytest.mark.points(3)
@pytest.mark.hint("Guard the refill-check-take sequence with a threading.Lock, so two threads cannot both "
                  "see the last token.")
def test_threads_never_over_admit(run):
    bucket = result_of(run(NO_LLM, "hammer_threads", kind="bucket", threads=8, attempts=200, capacity=100))
    assert not bucket["errors"], bucket["errors"]
    assert bucket["admitted"] == 100, f"8 threads got {bucket['admitted']} tokens from a bucket of 100"
    limiter = result_of(run(NO_LLM, "hammer_threads", kind="limiter", threads=8, attempts=200, capacity=1000,
                            tokens_per_request=5, tokens_capacity=500))
    assert not limiter["errors"], limiter["errors"]
    assert limiter["admitted"] == 100, \
        f"8 threads got {limiter['admitted']} requests of 5 tokens from a token budget of 500"


@pytest.mark.points(3)
@pytest.mark.hint("Compute the wait: (tokens needed - tokens now) / rate, then one asyncio.sleep of that "
                  "long. A loop that sleeps 100 ms and tries again reads the clock on every round.")
def test_async_wait_sleeps_until_the_tokens_exist_without_polling(run):
    trace = run(NO_LLM, "async_wait", rate=0.5, capacity=1, tokens=1)  # empty, one token every 2 s
    waited = result_of(trace)
    assert waited["drained"] and waited["admitted"], "wait() should return True once the token exists"
    assert waited["elapsed"] >= 1.8, f"wait() returned after {waited['elapsed']:.2f} s; the token takes 2 s"
    assert waited["elapsed"] <= 8, f"wait() took {waited['elapsed']:.1f} s for a token due in 2 s"
    assert waited["clock_reads"] <= 10, \
        f"the limiter read its clock {waited['clock_reads']} times during one 2 s wait: it is polling"


@pytest.mark.points(2)
@pytest.mark.hint("Several waiters share one refill: each must get its own token, so the k-th cannot finish "
                  "before k tokens have been made. Reserve tokens (the level may go below 0) or re-check after "
                  "each sleep.")
def test_waiters_are_admitted_one_refill_at_a_time(run):
    result = result_of(run(NO_LLM, "async_waiters", rate=5, waiters=5))  # one token per 0.2 s
    assert result["drained"] and result["admitted"] == [True] * 5
    early = [f"{t:.2f}s" for k, t in enumerate(result["finished_at"], start=1) if t < k / 5 - 0.05]
    assert not early, f"waiters finished at {result['finished_at']}: too early, more were admitted than made"
    assert result["elapsed"] <= 10


@pytest.mark.points(2)
@pytest.mark.hint("wait(tokens, timeout): if the computed wait is longer than the timeout, return False at "
                  "once; sleeping until the timeout cannot change the answer.")
def test_wait_gives_up_at_once_when_the_timeout_is_too_short(run):
    hopeless = result_of(run(NO_LLM, "async_wait", rate=0.25, capacity=1, tokens=1, timeout=3))  # due in 4 s
    assert hopeless["admitted"] is False, "the token is 4 s away and the timeout is 3 s: return False"
    assert hopeless["elapsed"] < 1.5, f"took {hopeless['elapsed']:.1f} s to say no; the answer was known at once"
    enough = result_of(run(NO_LLM, "async_wait", rate=2, capacity=1, tokens=1, timeout=3))  # due in 0.5 s
    assert enough["admitted"] is True and enough["elapsed"] >= 0.4


@pytest.mark.points(2)
@pytest.mark.hint("PerKeyLimiter keeps one limiter per key, made by factory() the first time a key is seen.")
def test_each_key_has_its_own_bucket(run):
    steps = [["acquire", "alice"]] * 3 + [["acquire", "bob"]] * 3 + [["advance", 1.0]] + [["acquire", "alice"]] * 2
    got = [v for v in values(run(NO_LLM, "per_key_script", rate=1, capacity=2, max_keys=100, steps=steps))
           if v is not None]
    assert got == [True, True, False, True, True, False, True, False], \
        "alice and bob each have 2 tokens, refilling 1 a second, and cannot use each other's"


@pytest.mark.points(2)
@pytest.mark.hint("Hold at most max_keys limiters: an OrderedDict where every call moves its key to the end, "
                  "and a new key beyond max_keys drops the first (least recently used) one.")
def test_per_key_memory_is_bounded_and_active_keys_are_kept(run):
    steps = [["acquire", "alice"]] * 3                       # alice uses her 2 tokens, then is refused
    for wave in range(5):                                    # 200 new visitors in waves of 40 ...
        steps += [["flood", f"wave{wave}", 40], ["acquire", "alice"]]   # ... while alice keeps trying
    steps += [["flood", "crowd", 1000], ["size"]]
    got = values(run(NO_LLM, "per_key_script", rate=1, capacity=2, max_keys=50, steps=steps))
    assert got[:3] == [True, True, False]
    assert got[3:13:2] == [40] * 5, "every new visitor's first request should be admitted"
    assert got[4:13:2] == [False] * 5, \
        "alice, used more recently than most keys, lost her bucket (and got fresh tokens) to a wave of visitors"
    assert got[13] == 1000
    assert got[14] <= 50, f"{got[14]} limiters held in memory with max_keys=50"


@pytest.mark.points(4)
@pytest.mark.hint("Read, decide and write the bucket in ONE Lua script (redis.register_script), so no other "
                  "process can run between your read and your write.")
def test_redis_limiter_never_over_admits_across_processes(run, redis_socket):
    # capacity 200, refilling one token every 1,000 s: 8 processes x 50 attempts must get exactly 200.
    result = result_of(run(NO_LLM, "redis_hammer", redis_socket=redis_socket, processes=8, attempts=50,
                           capacity=200, rate=0.001))
    assert not result["errors"], result["errors"]
    total = sum(result["admitted"])
    assert total <= 200, f"processes admitted {result['admitted']}, {total} in all: more than the 200 allowed"
    assert total == 200, f"processes admitted {result['admitted']}, {total} in all: some of the 200 tokens were lost"


@pytest.mark.points(2)
@pytest.mark.hint("Store the bucket under the key in Redis (level and time of the last update) and refill from "
                  "the time Redis gives (redis.call('TIME')). Reject tokens > capacity with ValueError.")
def test_redis_limiter_is_shared_by_instances_and_refills(run, redis_socket):
    steps = [["acquire", 0, "alice", 1], ["acquire", 1, "alice", 1],  # two servers share alice's 2 tokens
             ["acquire", 0, "alice", 1], ["acquire", 1, "bob", 1],    # alice is out; bob has his own bucket
             ["sleep", 2.5], ["acquire", 1, "alice", 1], ["acquire", 0, "alice", 1],  # 1 token per 2 s
             ["acquire", 0, "carol", 3]]
    got = [v for v in values(run(NO_LLM, "redis_script", redis_socket=redis_socket, rate=0.5, capacity=2,
                                 steps=steps)) if v is not None]
    assert got[:4] == [True, True, False, True], "both instances must draw on the same bucket per key"
    assert got[4:6] == [True, False], "after 2.5 s at 0.5 tokens/s, one more token (not two)"
    assert got[6] == "raised ValueError", "3 tokens can never fit a bucket of 2: raise ValueError"


@pytest.mark.points(2)
@pytest.mark.hint("After each update, set the key to expire (PEXPIRE) once the bucket would be full again: "
                  "a missing key is a full bucket, so nothing is lost and idle users cost no memory.")
def test_redis_keys_expire(run, redis_socket):
    result = result_of(run(NO_LLM, "redis_keys", redis_socket=redis_socket, rate=1, capacity=10, users=30))
    assert result["admitted"] == 30
    assert result["ttls"], "the limiter stored nothing in Redis"
    forever = sum(1 for ttl in result["ttls"] if ttl < 0)
    assert not forever, f"{forever} of {len(result['ttls'])} keys never expire: one per user, forever"
    assert max(result["ttls"]) <= 24 * 3600, "keys should expire soon after the bucket is full again"
