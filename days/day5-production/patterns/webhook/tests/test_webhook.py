"""GitHub webhook receiver, graded. Each test runs your `webhook_service` app under a real uvicorn server on a
unix socket (in its own process, through ../driver.py) and sends it deliveries signed the way GitHub signs
them. The model's reviews come from ../fixtures/scenarios/; GitHub is a fake that records the comments your
app posts. Tests count the model requests your app made (trace["sent"]) to see how often the work ran."""
import pytest

SECRET = "whsec-course-3f9a7c21d4e8b650"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your app: {trace['error']}"
    return trace["result"]


def reviews(trace: dict) -> int:
    return len(trace["sent"])


def statuses(result: dict) -> list:
    return [r["status"] if isinstance(r, dict) else [x["status"] for x in r] for r in result["responses"]]


@pytest.mark.points(2)
@pytest.mark.hint("Verify the signature, claim the delivery id, hand the review to jobs.submit(...) and return "
                  "202 at once. The job calls review_pull_request(llm, github, payload), which posts the comment.")
def test_a_signed_pull_request_is_reviewed_in_the_background(run, provider):
    trace = run("pr-review", "deliver", provider=provider, secret=SECRET,
                requests=[{"delivery": "d-0001", "action": "opened"}])
    result = result_of(trace)
    answer = result["responses"][0]
    assert answer["status"] == 202, f"a signed pull_request delivery got {answer['status']}: {answer.get('text')}"
    assert result["idle"], "the background work did not finish within 10 s"
    assert reviews(trace) == 1, f"{reviews(trace)} model requests for one pull request"
    assert "find_order" in trace["sent"][0]["messages"][-1][1], "the diff should be in the request to the model"
    assert [c["number"] for c in result["comments"]] == [42], f"comments posted: {result['comments']}"
    assert "SQL injection" in result["comments"][0]["body"], "the comment should be the model's review"


BAD_SIGNATURES = [
    {"signature": "missing"},                                   # no X-Hub-Signature-256 at all
    {"signature": "raw:"},                                       # empty
    {"signature": "raw:sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"},  # the wrong algorithm
    {"signature": "raw:sha256=not-hex"},
    {"signature": "raw:sha256=" + "a" * 63},                     # one digit short
    {"signature": "raw:sha256=" + "\u00e9" * 64},               # non-ASCII: compare_digest raises TypeError on it
    {"signature": "raw:" + "0" * 64},                            # no prefix
    {"signature": "wrong-secret"},
    {"signature": "tampered"},                                   # signed, then one byte changed
]


@pytest.mark.points(4)
@pytest.mark.hint("Return False (and answer 401 with a JSON {'error': ...}) for a header that is missing, has no "
                  "'sha256=' prefix, or is not 64 hex digits; only then compare with hmac.compare_digest. Passing "
                  "None, or a non-ASCII str, to compare_digest raises TypeError, which FastAPI turns into a 500.")
def test_bad_or_missing_signatures_get_401_never_500(run):
    requests = [{"delivery": f"d-bad-{n}", **spec} for n, spec in enumerate(BAD_SIGNATURES)]
    result = result_of(run(NO_LLM, "deliver", provider="anthropic", secret=SECRET, requests=requests))
    got = statuses(result)
    wrong = [(spec["signature"][:24], status) for spec, status in zip(BAD_SIGNATURES, got) if status != 401]
    assert not wrong, f"these signatures were not answered 401 (signature, status): {wrong}"
    not_json = [r["text"][:80] for r in result["responses"] if not isinstance(r.get("json"), dict)]
    assert not not_json, f"a 401 should carry a JSON object saying what is wrong; got {not_json[:2]}"
    assert not result["comments"], "a badly signed delivery was reviewed"


@pytest.mark.points(2)
@pytest.mark.hint("Read the secret once from the settings (SecretStr.get_secret_value()) and never put it, or the "
                  "signature you computed, in a log line or an error message: an 'expected sha256=...' message "
                  "hands an attacker a valid signature for the body they sent.")
def test_the_secret_and_computed_signatures_never_leak(run):
    requests = [{"delivery": "d-leak-1", "signature": "wrong-secret"}, {"delivery": "d-leak-2", "signature": "tampered"},
                {"delivery": "d-leak-3", "signature": "missing"}, {"delivery": "d-leak-4"}]
    trace = run("pr-review", "deliver", provider="anthropic", secret=SECRET, requests=requests)
    result = result_of(trace)
    assert statuses(result) == [401, 401, 401, 202], \
        f"expected 401, 401, 401 then 202 (one good delivery); got {statuses(result)}, so nothing could be checked"
    assert not result["leaks"], "\n".join(result["leaks"])
    assert SECRET not in trace["stdout"], "the secret was printed"


@pytest.mark.points(1)
@pytest.mark.hint("A signed `ping` (sent when the webhook is created) gets 200 and does no work; GET /health "
                  "answers 200.")
def test_ping_is_answered_and_health_is_up(run):
    requests = [{"event": "ping", "delivery": "d-ping-1"}, {"event": "ping", "delivery": "d-ping-2", "signature": "missing"}]
    trace = run(NO_LLM, "deliver", provider="anthropic", secret=SECRET, requests=requests)
    result = result_of(trace)
    assert statuses(result) == [200, 401], f"signed ping, unsigned ping: got {statuses(result)}; expected [200, 401]"
    assert result["health"]["status"] == 200
    assert reviews(trace) == 0 and not result["comments"], "a ping must not start a review"


@pytest.mark.points(1)
@pytest.mark.hint("After the signature check: 400 with a JSON error when X-GitHub-Event or X-GitHub-Delivery is "
                  "missing or the body is not JSON, and 200 'ignored' for events and actions you do not review.")
def test_signed_but_unusable_deliveries_get_400_and_other_events_are_ignored(run):
    requests = [{"delivery": "d-400-1", "omit": ["X-GitHub-Delivery"]}, {"delivery": "d-400-2", "omit": ["X-GitHub-Event"]},
                {"delivery": "d-400-3", "raw_body": "payload=%7B%22action%22%3A%22opened%22%7D"},
                {"delivery": "d-200-1", "action": "closed"}, {"delivery": "d-200-2", "event": "issues"}]
    trace = run(NO_LLM, "deliver", provider="anthropic", secret=SECRET, requests=requests)
    result = result_of(trace)
    assert statuses(result) == [400, 400, 400, 200, 200], \
        f"no delivery id, no event, a form-encoded body, a closed PR, an issues event: got {statuses(result)}"
    assert reviews(trace) == 0, "none of these should be reviewed"


@pytest.mark.points(2)
@pytest.mark.hint("Refuse a body over settings.webhook_max_body_bytes with 413 before verifying or parsing it: check "
                  "Content-Length, and count the bytes as they arrive (a chunked body has no Content-Length).")
def test_oversized_bodies_get_413_before_any_work(run):
    requests = [{"delivery": "d-big-1", "pad_to": 40_000}, {"delivery": "d-big-2", "pad_to": 40_000, "chunked": True},
                {"delivery": "d-big-3", "pad_to": 40_000, "signature": "missing"},
                {"delivery": "d-small-1", "pad_to": 12_000, "chunked": True}]
    trace = run("pr-review", "deliver", provider="anthropic", secret=SECRET, requests=requests, max_body_bytes=16_384)
    result = result_of(trace)
    assert statuses(result) == [413, 413, 413, 202], \
        f"40 KB (declared), 40 KB (chunked), 40 KB unsigned, 12 KB chunked with a 16 KB limit: got {statuses(result)}"
    assert reviews(trace) == 1, f"{reviews(trace)} reviews; only the small delivery should be reviewed"


@pytest.mark.points(4)
@pytest.mark.hint("Claim the X-GitHub-Delivery id in the DeliveryStore before queueing the work; if the claim "
                  "fails, answer 200 (a duplicate is not an error) and do nothing. The check and the insert must be "
                  "one step under a lock, or two requests at once both get through.")
def test_a_redelivered_delivery_runs_the_work_once(run):
    first = run("pr-review", "deliver", provider="anthropic", secret=SECRET,
                requests=[{"delivery": "d-once-1"}, {"delivery": "d-once-1"}, {"delivery": "d-once-1"},
                          {"delivery": "d-once-2", "action": "synchronize"}])
    result = result_of(first)
    got = statuses(result)
    assert got[0] == 202 and all(s in (200, 202) for s in got[1:3]), f"statuses {got}: a redelivery is not an error"
    assert reviews(first) == 2, (f"{reviews(first)} model requests for one delivery sent three times plus one other "
                                 "delivery; expected 2")
    assert len(result["comments"]) == 2
    at_once = run("pr-review", "deliver", provider="anthropic", secret=SECRET, requests=[{"delivery": "d-race-1"}],
                  copies=8)
    result = result_of(at_once)
    assert reviews(at_once) == 1, f"the same delivery sent 8 times at once was reviewed {reviews(at_once)} times"
    assert [r["status"] for r in result["responses"][0]].count(202) == 1, \
        f"statuses {[r['status'] for r in result['responses'][0]]}: exactly one copy should be accepted"


@pytest.mark.points(4)
@pytest.mark.hint("Do not call the model inside the request: queue the review (jobs.submit) and return 202. "
                  "GitHub gives up after 10 seconds, and a review takes longer than that.")
def test_the_response_does_not_wait_for_the_model(run):
    result = result_of(run("pr-review", "gated", provider="anthropic", secret=SECRET))
    assert result["response"]["status"] == 202, f"got {result['response']}"
    assert result["answered_while_held"], \
        f"the response came only after the review's work could go on ({result['response']['elapsed']:.1f} s)"
    assert result["comments_while_held"] == 0
    assert result["idle"] and len(result["comments"]) == 1, "once released, the background review should finish"


@pytest.mark.points(4)
@pytest.mark.hint("RedisDeliveryStore.claim: one SET key value NX EX ttl (redis.set(key, v, nx=True, ex=ttl)); "
                  "True only if the key was set. A GET then SET lets both processes win.")
def test_two_instances_sharing_redis_review_each_delivery_once(run, redis_socket):
    deliveries = [f"d-shared-{n}" for n in range(5)]
    trace = run("pr-review", "two_instances", provider="anthropic", secret=SECRET, redis_socket=redis_socket,
                deliveries=deliveries, ttl_s=3600)
    result = result_of(trace)
    assert all(sorted(pair, key=str) == [200, 202] for pair in result["statuses"]), \
        f"statuses per delivery (instance 1, instance 2): {result['statuses']}; expected one 202 and one 200 each"
    assert reviews(trace) == 5, f"5 deliveries, each sent to both instances, made {reviews(trace)} model requests"
    assert sum(result["comments"]) == 5
    assert result["ttls"] and all(0 < t <= 3600 for t in result["ttls"]), \
        f"delivery ids in Redis must expire after the TTL (3600 s); TTLs: {result['ttls'][:5]}"


@pytest.mark.points(2)
@pytest.mark.hint("MemoryDeliveryStore: remember each id with its expiry (clock() + ttl_s); forget expired ids, so "
                  "memory stays bounded; release(id) forgets it at once.")
def test_memory_store_remembers_ids_for_the_ttl(run):
    steps = [["claim", "a"], ["claim", "a"], ["advance", 59], ["claim", "a"], ["claim", "b"],
             ["advance", 2], ["claim", "a"], ["claim", "b"], ["release", "b"], ["claim", "b"],
             ["flood", "old", 500], ["advance", 61], ["size"]]
    got = [v for v in result_of(run(NO_LLM, "store_script", ttl_s=60, steps=steps))["results"] if v is not None]
    assert got[:3] == [True, False, False], f"claim, claim again, again after 59 s of a 60 s TTL: {got[:3]}"
    assert got[3] is True, "a new id is claimed"
    assert got[4:6] == [True, False], "after 61 s 'a' has expired (True again); 'b' is 20 s old (False)"
    assert got[6] is True, "a released id can be claimed again"
    assert got[7] == 500 and got[8] == 0, f"expired ids must be forgotten: {got[8]} ids still held after the TTL"


@pytest.mark.points(3)
@pytest.mark.hint("If the background review raises, release the delivery id (store.release) before the job ends, "
                  "so a redelivery of the same id is reviewed instead of being dropped as a duplicate.")
def test_a_delivery_whose_work_failed_can_be_redelivered(run):
    trace = run("review-outage", "deliver", provider="anthropic", secret=SECRET,
                requests=[{"delivery": "d-retry-1"}, {"delivery": "d-retry-1", "after_idle": True}])
    result = result_of(trace)
    assert statuses(result)[0] == 202
    assert reviews(trace) == 2, (f"{reviews(trace)} model requests: the first review failed (529), so the "
                                 "redelivery must be reviewed again")
    assert statuses(result)[1] == 202 and len(result["comments"]) == 1, \
        f"statuses {statuses(result)}, comments {len(result['comments'])}: the redelivery should be accepted and reviewed"
