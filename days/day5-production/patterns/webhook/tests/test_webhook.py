"""GitHub webhook receiver, graded. Your `webhook_service` app is served by a real uvicorn server on a unix socket,
in its own process (through ../driver.py); each test sends it deliveries signed the way GitHub signs them
(../deliveries.py) and judges the answers it receives. The model's reviews come from ../fixtures/scenarios/
and every model request your app makes is recorded where it is answered, outside your process; GitHub is a
fake, also outside your process, that records the comments your app posts through the given RestGitHub."""
import pytest
import redis

from autograder.service_fakes import FakeGitHub
from autograder.units import unit_module

deliveries = unit_module("d5-webhook", "deliveries")  # request builders shared with the lesson's checks

SECRET = "whsec-course-3f9a7c21d4e8b650"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}


def fake_github(services, **options) -> FakeGitHub:
    return services.fake(FakeGitHub, diff=deliveries.DIFF, **options)


def statuses(answers: list) -> list:
    return [a["status"] if isinstance(a, dict) else [x["status"] for x in a] for a in answers]


def deliver(services, scenario, specs: list[dict], provider: str = "anthropic", **settings):
    """One app (memory store) and the deliveries sent in order; then wait for its background work.
    A spec with "after_idle" is sent once the earlier work has finished (or failed)."""
    github = fake_github(services)
    with services.record(scenario) as live:
        app = live.serve("start", provider=provider, secret=SECRET, github=github.socket, **settings)
        answers = []
        for spec in specs:
            if spec.get("after_idle"):
                live.settle()
            answers.append(deliveries.send(app, spec, SECRET))
        idle = live.settle()
        health = app.get("/health")
    return live, github, answers, idle, health


@pytest.mark.points(2)
@pytest.mark.hint("Verify the signature, claim the delivery id, hand the review to jobs.submit(...) and return "
                  "202 at once. The job calls review_pull_request(llm, github, payload), which posts the comment.")
def test_a_signed_pull_request_is_reviewed_in_the_background(services, provider):
    live, github, answers, idle, _ = deliver(services, "pr-review", [{"delivery": "d-0001", "action": "opened"}],
                                             provider=provider)
    answer = answers[0]
    assert answer["status"] == 202, \
        f"a signed pull_request delivery got {answer['status']}: {answer['text'] or answer['error']}"
    assert idle, "the background work did not finish within 10 s"
    assert len(live.sent) == 1, f"{len(live.sent)} model requests for one pull request"
    assert "find_order" in live.sent[0]["messages"][-1][1], "the diff should be in the request to the model"
    assert [c["number"] for c in github.comments] == [42], f"comments posted: {github.comments}"
    assert "SQL injection" in github.comments[0]["body"], "the comment should be the model's review"


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
def test_bad_or_missing_signatures_get_401_never_500(services):
    specs = [{"delivery": f"d-bad-{n}", **spec} for n, spec in enumerate(BAD_SIGNATURES)]
    live, github, answers, _, _ = deliver(services, NO_LLM, specs)
    wrong = [(spec["signature"][:24], status) for spec, status in zip(BAD_SIGNATURES, statuses(answers))
             if status != 401]
    assert not wrong, f"these signatures were not answered 401 (signature, status): {wrong}"
    not_json = [a["text"][:80] for a in answers if not isinstance(a["json"], dict)]
    assert not not_json, f"a 401 should carry a JSON object saying what is wrong; got {not_json[:2]}"
    assert not github.comments and not live.sent, "a badly signed delivery was reviewed"


@pytest.mark.points(2)
@pytest.mark.hint("Read the secret once from the settings (SecretStr.get_secret_value()) and never put it, or the "
                  "signature you computed, in a log line or an error message: an 'expected sha256=...' message "
                  "hands an attacker a valid signature for the body they sent.")
def test_the_secret_and_computed_signatures_never_leak(services):
    specs = [{"delivery": "d-leak-1", "signature": "wrong-secret"}, {"delivery": "d-leak-2", "signature": "tampered"},
             {"delivery": "d-leak-3", "signature": "missing"}, {"delivery": "d-leak-4"}]
    live, _, answers, _, _ = deliver(services, "pr-review", specs)
    assert statuses(answers) == [401, 401, 401, 202], \
        f"expected 401, 401, 401 then 202 (one good delivery); got {statuses(answers)}, so nothing could be checked"
    logs = (live.stopped or {}).get("result") or {}
    found = deliveries.leaks(SECRET, answers, [str(line) for line in logs.get("logs", [])], live.stdout)
    assert not found, "\n".join(found)


@pytest.mark.points(1)
@pytest.mark.hint("A signed `ping` (sent when the webhook is created) gets 200 and does no work; GET /health "
                  "answers 200.")
def test_ping_is_answered_and_health_is_up(services):
    specs = [{"event": "ping", "delivery": "d-ping-1"}, {"event": "ping", "delivery": "d-ping-2", "signature": "missing"}]
    live, github, answers, _, health = deliver(services, NO_LLM, specs)
    assert statuses(answers) == [200, 401], f"signed ping, unsigned ping: got {statuses(answers)}; expected [200, 401]"
    assert health["status"] == 200, f"GET /health answered {health['status']}: {health['text'] or health['error']}"
    assert not live.sent and not github.comments, "a ping must not start a review"


@pytest.mark.points(1)
@pytest.mark.hint("After the signature check: 400 with a JSON error when X-GitHub-Event or X-GitHub-Delivery is "
                  "missing or the body is not JSON, and 200 'ignored' for events and actions you do not review.")
def test_signed_but_unusable_deliveries_get_400_and_other_events_are_ignored(services):
    specs = [{"delivery": "d-400-1", "omit": ["X-GitHub-Delivery"]}, {"delivery": "d-400-2", "omit": ["X-GitHub-Event"]},
             {"delivery": "d-400-3", "raw_body": "payload=%7B%22action%22%3A%22opened%22%7D"},
             {"delivery": "d-200-1", "action": "closed"}, {"delivery": "d-200-2", "event": "issues"}]
    live, _, answers, _, _ = deliver(services, NO_LLM, specs)
    assert statuses(answers) == [400, 400, 400, 200, 200], \
        f"no delivery id, no event, a form-encoded body, a closed PR, an issues event: got {statuses(answers)}"
    assert not live.sent, "none of these should be reviewed"


@pytest.mark.points(2)
@pytest.mark.hint("Refuse a body over settings.webhook_max_body_bytes with 413 before verifying or parsing it: check "
                  "Content-Length, and count the bytes as they arrive (a chunked body has no Content-Length).")
def test_oversized_bodies_get_413_before_any_work(services):
    specs = [{"delivery": "d-big-1", "pad_to": 40_000}, {"delivery": "d-big-2", "pad_to": 40_000, "chunked": True},
             {"delivery": "d-big-3", "pad_to": 40_000, "signature": "missing"},
             {"delivery": "d-small-1", "pad_to": 12_000, "chunked": True}]
    live, _, answers, _, _ = deliver(services, "pr-review", specs, max_body_bytes=16_384)
    assert statuses(answers) == [413, 413, 413, 202], \
        f"40 KB (declared), 40 KB (chunked), 40 KB unsigned, 12 KB chunked with a 16 KB limit: got {statuses(answers)}"
    assert len(live.sent) == 1, f"{len(live.sent)} reviews; only the small delivery should be reviewed"


@pytest.mark.points(4)
@pytest.mark.hint("Claim the X-GitHub-Delivery id in the DeliveryStore before queueing the work; if the claim "
                  "fails, answer 200 (a duplicate is not an error) and do nothing. The check and the insert must be "
                  "one step under a lock, or two requests at once both get through.")
def test_a_redelivered_delivery_runs_the_work_once(services):
    specs = [{"delivery": "d-once-1"}, {"delivery": "d-once-1"}, {"delivery": "d-once-1"},
             {"delivery": "d-once-2", "action": "synchronize"}]
    first, github, answers, _, _ = deliver(services, "pr-review", specs)
    got = statuses(answers)
    assert got[0] == 202 and all(s in (200, 202) for s in got[1:3]), f"statuses {got}: a redelivery is not an error"
    assert len(first.sent) == 2, (f"{len(first.sent)} model requests for one delivery sent three times plus one "
                                  "other delivery; expected 2")
    assert len(github.comments) == 2
    github = fake_github(services)
    with services.record("pr-review") as at_once:
        app = at_once.serve("start", provider="anthropic", secret=SECRET, github=github.socket)
        answers = deliveries.send_at_once([app] * 8, {"delivery": "d-race-1"}, SECRET)
        at_once.settle()
    assert len(at_once.sent) == 1, f"the same delivery sent 8 times at once was reviewed {len(at_once.sent)} times"
    assert statuses(answers).count(202) == 1, \
        f"statuses {statuses(answers)}: exactly one copy should be accepted"


@pytest.mark.points(4)
@pytest.mark.hint("Do not call the model inside the request: queue the review (jobs.submit) and return 202. "
                  "GitHub gives up after 10 seconds, and a review takes longer than that.")
def test_the_response_does_not_wait_for_the_model(services):
    github = fake_github(services, hold_s=3.0)
    github.hold()  # the diff, and so the whole review, waits until the answer has arrived (or 3 s pass)
    with services.record("pr-review") as live:
        app = live.serve("start", provider="anthropic", secret=SECRET, github=github.socket)
        answer = deliveries.send(app, {"delivery": "b7e4d1a0-0001"}, SECRET)
        answered_while_held = not github.diff_served.is_set()
        comments_while_held = len(github.comments)
        github.release()
        idle = live.settle()
    assert answer["status"] == 202, f"got {answer['status']}: {answer['text'] or answer['error']}"
    assert answered_while_held, \
        f"the response came only after the review's work could go on ({answer['elapsed']:.1f} s)"
    assert comments_while_held == 0
    assert idle and len(github.comments) == 1, "once released, the background review should finish"


@pytest.mark.points(4)
@pytest.mark.hint("RedisDeliveryStore.claim: one SET key value NX EX ttl (redis.set(key, v, nx=True, ex=ttl)); "
                  "True only if the key was set. A GET then SET lets both processes win.")
def test_two_instances_sharing_redis_review_each_delivery_once(services, redis_socket):
    keys = redis.Redis(unix_socket_path=redis_socket)
    keys.ping()  # connected before the submission runs: this connection reaches the real server
    fakes = [fake_github(services), fake_github(services)]
    with services.record("pr-review") as live:
        apps = [live.serve("start", provider="anthropic", secret=SECRET, github=fake.socket,
                           redis_socket=redis_socket, ttl_s=3600) for fake in fakes]
        pairs = [statuses(deliveries.send_at_once(apps, {"delivery": f"d-shared-{n}"}, SECRET)) for n in range(5)]
        live.settle()
    ttls = [int(keys.ttl(key)) for key in keys.scan_iter(count=1000)]
    keys.close()
    assert all(sorted(pair, key=str) == [200, 202] for pair in pairs), \
        f"statuses per delivery (instance 1, instance 2): {pairs}; expected one 202 and one 200 each"
    assert len(live.sent) == 5, f"5 deliveries, each sent to both instances, made {len(live.sent)} model requests"
    assert sum(len(fake.comments) for fake in fakes) == 5
    assert ttls and all(0 < t <= 3600 for t in ttls), \
        f"delivery ids in Redis must expire after the TTL (3600 s); TTLs: {ttls[:5]}"


@pytest.mark.points(2)
@pytest.mark.hint("MemoryDeliveryStore: remember each id with its expiry (clock() + ttl_s); forget expired ids, so "
                  "memory stays bounded; release(id) forgets it at once.")
def test_memory_store_remembers_ids_for_the_ttl(run):
    steps = [["claim", "a"], ["claim", "a"], ["advance", 59], ["claim", "a"], ["claim", "b"],
             ["advance", 2], ["claim", "a"], ["claim", "b"], ["release", "b"], ["claim", "b"],
             ["flood", "old", 500], ["advance", 61], ["size"]]
    trace = run(NO_LLM, "store_script", ttl_s=60, steps=steps)
    assert trace["ok"], f"the driver could not run your store: {trace['error']}"
    got = [v for v in trace["result"]["results"] if v is not None]
    assert got[:3] == [True, False, False], f"claim, claim again, again after 59 s of a 60 s TTL: {got[:3]}"
    assert got[3] is True, "a new id is claimed"
    assert got[4:6] == [True, False], "after 61 s 'a' has expired (True again); 'b' is 20 s old (False)"
    assert got[6] is True, "a released id can be claimed again"
    assert got[7] == 500 and got[8] == 0, f"expired ids must be forgotten: {got[8]} ids still held after the TTL"


@pytest.mark.points(3)
@pytest.mark.hint("If the background review raises, release the delivery id (store.release) before the job ends, "
                  "so a redelivery of the same id is reviewed instead of being dropped as a duplicate.")
def test_a_delivery_whose_work_failed_can_be_redelivered(services):
    live, github, answers, _, _ = deliver(services, "review-outage",
                                          [{"delivery": "d-retry-1"}, {"delivery": "d-retry-1", "after_idle": True}])
    assert statuses(answers)[0] == 202
    assert len(live.sent) == 2, (f"{len(live.sent)} model requests: the first review failed (529), so the "
                                 "redelivery must be reviewed again")
    assert statuses(answers)[1] == 202 and len(github.comments) == 1, \
        f"statuses {statuses(answers)}, comments {len(github.comments)}: the redelivery should be accepted and reviewed"
