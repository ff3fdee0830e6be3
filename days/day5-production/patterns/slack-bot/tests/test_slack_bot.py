"""Slack bot, graded. Your `slack_bot` app is served by a real uvicorn server on a unix socket, in its own process
(through ../driver.py); each test sends it requests signed exactly as Slack signs them (../slack_requests.py)
and judges the answers it receives. The app's clock is a fake the test moves; the model's answers come from
../fixtures/scenarios/team-assistant.yaml, and every model request is recorded where it is answered, outside
your process; Slack is a fake, also outside your process, that records what your bot posts."""
import pytest

from autograder.service_fakes import FakeSlack
from autograder.units import unit_module

slack_requests = unit_module("d5-slack-bot", "slack_requests")

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = slack_requests.NOW
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}


def converse(services, scenario, specs: list[dict], provider: str = "anthropic"):
    """One app on a fake clock; the requests sent in order (a step {"advance": S} moves the app's clock,
    {"resend": k} sends the k-th step's request again exactly as it was); then wait for the background work."""
    slack, now = services.fake(FakeSlack), NOW
    with services.record(scenario) as live:
        app = live.serve("start", provider=provider, secret=SECRET, slack=slack.socket)
        answers, built = [], []
        for spec in specs:
            request = None
            if "advance" in spec:
                assert live.job("advance", seconds=spec["advance"])["ok"], "the app's clock could not be moved"
                now += spec["advance"]
            elif "resend" in spec:
                answers.append(slack_requests.send(app, built[spec["resend"]]))
            else:
                request = slack_requests.build(spec, SECRET, now)
                answers.append(slack_requests.send(app, request))
            built.append(request)
        idle = live.settle()
    return live, slack, answers, idle


def held(services, spec: dict):
    """One request while the model is held: what had happened when the acknowledgement arrived?"""
    slack = services.fake(FakeSlack)
    with services.record("team-assistant") as live:
        app = live.serve("start", provider="anthropic", secret=SECRET, slack=slack.socket, hold_model=True)
        answer = slack_requests.send(app, slack_requests.build(spec, SECRET, NOW))
        model_calls_before = len(live.model_requests())
        posted_before = len(slack.messages) + len(slack.responses)
        live.job("release")
        idle = live.settle()
    return live, slack, answer, model_calls_before + posted_before == 0, idle


def statuses(answers: list) -> list:
    return [a["status"] for a in answers]


BAD = [
    {"signature": "missing"},
    {"signature": "valid", "omit_timestamp": True},
    {"signature": "valid", "timestamp": "yesterday"},
    {"signature": "raw:v1=" + "0" * 64},
    {"signature": "raw:v0=zz"},
    {"signature": "raw:v0=" + "\u00e9" * 64},
    {"signature": "wrong-secret"},
    {"signature": "tampered"},
    {"signature": "body-only"},          # HMAC of the body alone, without "v0:{timestamp}:"
]


@pytest.mark.points(4)
@pytest.mark.hint("HMAC-SHA256 with the signing secret over b'v0:' + timestamp + b':' + the raw body, hex, prefixed "
                  "'v0='; check the header's shape first, then hmac.compare_digest. Anything missing or malformed is "
                  "401 with a JSON error, never a 500.")
def test_only_correctly_signed_requests_are_accepted(services):
    specs = [{"kind": "challenge", "challenge": "c-first"}] + [{"kind": "challenge", **spec} for spec in BAD]
    _, _, answers, _ = converse(services, NO_LLM, specs)
    first, rest = answers[0], answers[1:]
    assert first["status"] == 200 and (first["json"] or {}).get("challenge") == "c-first", \
        f"a signed url_verification should echo its challenge; got {first['status']}: {first['text'] or first['error']}"
    wrong = [(spec.get("signature"), spec.get("timestamp", ""), a["status"]) for spec, a in zip(BAD, rest)
             if a["status"] != 401]
    assert not wrong, f"these were not answered 401 (signature, timestamp, status): {wrong}"
    assert all(isinstance(a["json"], dict) for a in rest), "a 401 should carry a JSON error"


@pytest.mark.points(3)
@pytest.mark.hint("Reject a timestamp more than max_age_s (300 s) away from clock(), in either direction, before "
                  "anything else; use the clock you were given, never time.time() directly.")
def test_stale_or_future_timestamps_are_rejected(services):
    specs = [{"kind": "challenge", "age": 299}, {"kind": "challenge", "age": 301},
             {"kind": "challenge", "age": -301}, {"kind": "challenge", "age": 0},
             {"advance": 360}, {"resend": 3}]
    _, _, answers, _ = converse(services, NO_LLM, specs)
    assert statuses(answers) == [200, 401, 401, 200, 401], (
        "timestamps 299 s old, 301 s old, 301 s in the future, current, and the current one replayed 6 minutes "
        f"later: got {statuses(answers)}; expected 200, 401, 401, 200, 401")


@pytest.mark.points(2)
@pytest.mark.hint("For an app_mention event: remove every <@U...> mention from the text (wherever it is), ask the "
                  "model in a background job, and post the answer with slack.post_message(channel, text, "
                  "thread_ts=the event's thread_ts or ts).")
def test_a_mention_is_answered_in_its_thread(services, provider):
    specs = [{"kind": "mention", "event_id": "Ev01", "text": "hey <@U0BOT> what is our refund window?"},
             {"kind": "mention", "event_id": "Ev02", "text": "<@U0BOT> rotate the staging database password?",
              "thread_ts": "1764316000.000900"}]
    live, slack, answers, idle = converse(services, "team-assistant", specs, provider=provider)
    assert statuses(answers) == [200, 200], f"got {statuses(answers)}"
    assert idle, "the background work did not finish within 10 s"
    asked = [s["messages"][-1][1] for s in live.sent]
    assert len(asked) == 2, f"{len(asked)} model requests for 2 mentions"
    assert not any("<@" in q for q in asked), f"the mention markup was sent to the model: {asked}"
    assert any(q.startswith("hey") and "refund window" in q for q in asked), \
        f"text around the mention must be kept (the handout's split('>') loses 'hey'): {asked}"
    posted = sorted((m["thread_ts"], m["channel"], m["text"][:20]) for m in slack.messages)
    assert posted == [("1764316000.000900", "C0SUPPORT", "Run `make rotate-db-"),
                      ("1764316790.000100", "C0SUPPORT", "Refunds are accepted")], \
        f"posted: {slack.messages}; each answer goes to the mention's channel, in its thread"


@pytest.mark.points(4)
@pytest.mark.hint("Remember each event_id you took (SeenEvents.first_time); a request whose event_id was already "
                  "taken gets 200 and nothing else. Key on event_id, not on the X-Slack-Retry-Num header: a retry "
                  "of an event whose first attempt never reached you must still be answered.")
def test_slack_retries_are_acknowledged_without_reprocessing(services):
    mention = {"kind": "mention", "event_id": "Ev77", "text": "<@U0BOT> what is our refund window?"}
    specs = [mention, {**mention, "retry": 1}, {**mention, "retry": 2},
             {"kind": "mention", "event_id": "Ev78", "text": "<@U0BOT> refund window for gift cards?", "retry": 1}]
    live, slack, answers, _ = converse(services, "team-assistant", specs)
    assert statuses(answers) == [200] * 4, f"every delivery, retries included, is acknowledged: {statuses(answers)}"
    assert len(live.sent) == 2, (f"{len(live.sent)} model requests: Ev77 (sent 3 times) once, and Ev78 "
                                 "(whose first attempt never arrived) once")
    assert len(slack.messages) == 2, f"posted {len(slack.messages)} answers; expected 2"


@pytest.mark.points(2)
@pytest.mark.hint("Answer the event at once (200) and make the model call in a background job: Slack retries any "
                  "event not acknowledged within 3 seconds, and the retry is a second answer.")
def test_a_mention_is_acknowledged_before_the_model_answers(services):
    spec = {"kind": "mention", "event_id": "Ev90", "text": "<@U0BOT> what is our refund window?"}
    _, slack, answer, answered_while_held, idle = held(services, spec)
    assert answer["status"] == 200, f"got {answer['status']}: {answer['text'] or answer['error']}"
    assert answered_while_held, f"the acknowledgement waited for the model ({answer['elapsed']:.1f} s)"
    assert idle and len(slack.messages) == 1


@pytest.mark.points(4)
@pytest.mark.hint("/slack/commands: verify, parse the raw form body (urllib.parse.parse_qs), return "
                  "{'response_type': 'ephemeral', 'text': ...} at once, and post the model's answer later with "
                  "slack.respond(response_url, {'response_type': 'in_channel', 'text': answer}).")
def test_a_slash_command_is_acknowledged_at_once_and_answered_later(services):
    spec = {"kind": "command", "text": "how do I rotate the staging database password?"}
    live, slack, answer, answered_while_held, idle = held(services, spec)
    assert answer["status"] == 200 and (answer["json"] or {}).get("response_type") == "ephemeral", \
        f"the immediate answer should be an ephemeral message; got {answer['status']}: {answer['text'] or answer['error']}"
    assert answered_while_held and answer["elapsed"] < 3.0, \
        f"the acknowledgement took {answer['elapsed']:.1f} s and waited for the model; Slack allows 3 s"
    assert idle and len(slack.responses) == 1, f"responses posted: {slack.responses}"
    posted = slack.responses[0]
    assert posted["url"] == slack_requests.RESPONSE_URL, "answer through response_url"
    assert "rotate-db-password" in posted["payload"].get("text", ""), f"posted {posted['payload']}"
    assert "staging database password" in live.sent[0]["messages"][-1][1]


@pytest.mark.points(1)
@pytest.mark.hint("A command with no text gets an ephemeral usage message and no model call; an unsigned command "
                  "gets 401.")
def test_an_empty_or_unsigned_command_makes_no_model_call(services):
    specs = [{"kind": "command", "text": ""}, {"kind": "command", "text": "refund window?", "signature": "missing"}]
    live, slack, answers, _ = converse(services, NO_LLM, specs)
    assert statuses(answers) == [200, 401], f"got {statuses(answers)}"
    assert (answers[0]["json"] or {}).get("response_type") == "ephemeral"
    assert "/ask" in (answers[0]["json"] or {}).get("text", ""), "say how to use the command"
    assert not live.sent and not slack.responses


@pytest.mark.points(2)
@pytest.mark.hint("chat.postMessage answers HTTP 200 with {'ok': false, 'error': ...} when it fails: raise "
                  "SlackAPIError with that error. Send the bot token as 'Authorization: Bearer ...'. respond() posts "
                  "JSON to the response_url and refuses any URL that is not https://hooks.slack.com/...")
def test_the_web_client_reads_slacks_ok_field(run, services):
    calls = [{"op": "post", "channel": "C0SUPPORT", "text": "hi", "thread_ts": "1764316790.000100"},
             {"op": "post", "channel": "C0GONE", "text": "hi"},
             {"op": "respond", "url": "https://hooks.slack.com/commands/T0ACME/1/abc", "payload": {"text": "done"}},
             {"op": "respond", "url": "http://169.254.169.254/latest/meta-data/", "payload": {"text": "x"}}]
    answers = [[200, {"ok": True, "ts": "1.2"}], [200, {"ok": False, "error": "channel_not_found"}], [200, {"ok": True}]]
    slack = services.fake(FakeSlack, answers=answers)
    trace = run(NO_LLM, "web_client", slack=slack.socket, calls=calls)
    assert trace["ok"], f"the driver could not run your client: {trace['error']}"
    sent = slack.requests
    assert sent, "nothing reached Slack"
    first = sent[0]
    assert first["url"] == "https://slack.com/api/chat.postMessage" and first["method"] == "POST", \
        f"{first['method']} {first['url']}"
    assert first["headers"].get("authorization") == "Bearer xoxb-0000-test-token"
    assert first["json"] == {"channel": "C0SUPPORT", "text": "hi", "thread_ts": "1764316790.000100"}, first["json"]
    outcomes = trace["result"]["outcomes"]
    assert outcomes[0]["raised"] is None
    assert outcomes[1]["raised"] == "SlackAPIError" and "channel_not_found" in outcomes[1]["message"], outcomes[1]
    assert outcomes[2]["raised"] is None and len(sent) >= 3 and sent[2]["json"] == {"text": "done"}
    assert outcomes[3]["raised"] is not None and len(sent) == 3, \
        "a response_url that is not Slack's must be refused before anything is sent"
