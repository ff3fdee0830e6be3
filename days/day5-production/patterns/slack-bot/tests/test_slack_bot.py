"""Slack bot, graded. Each test runs your `slack_bot` app under a real uvicorn server on a unix socket (in its own
process, through ../driver.py) and sends it requests signed exactly as Slack signs them. The app's clock is a
fake the test moves; Slack is a fake that records what your bot posts; the model's answers come from
../fixtures/scenarios/team-assistant.yaml. Nothing reaches the network."""
import pytest

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your app: {trace['error']}"
    return trace["result"]


def statuses(result: dict) -> list:
    return [a["status"] for a in result["answers"] if a is not None]


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
def test_only_correctly_signed_requests_are_accepted(run):
    requests = [{"kind": "challenge", "challenge": "c-first"}] + [{"kind": "challenge", **spec} for spec in BAD]
    result = result_of(run(NO_LLM, "converse", provider="anthropic", secret=SECRET, requests=requests))
    first, rest = result["answers"][0], result["answers"][1:]
    assert first["status"] == 200 and (first["json"] or {}).get("challenge") == "c-first", \
        f"a signed url_verification should echo its challenge; got {first}"
    wrong = [(spec.get("signature"), spec.get("timestamp", ""), a["status"]) for spec, a in zip(BAD, rest)
             if a["status"] != 401]
    assert not wrong, f"these were not answered 401 (signature, timestamp, status): {wrong}"
    assert all(isinstance(a["json"], dict) for a in rest), "a 401 should carry a JSON error"


@pytest.mark.points(3)
@pytest.mark.hint("Reject a timestamp more than max_age_s (300 s) away from clock(), in either direction, before "
                  "anything else; use the clock you were given, never time.time() directly.")
def test_stale_or_future_timestamps_are_rejected(run):
    requests = [{"kind": "challenge", "age": 299}, {"kind": "challenge", "age": 301},
                {"kind": "challenge", "age": -301}, {"kind": "challenge", "age": 0},
                {"advance": 360}, {"resend": 3}]
    result = result_of(run(NO_LLM, "converse", provider="anthropic", secret=SECRET, requests=requests))
    assert statuses(result) == [200, 401, 401, 200, 401], (
        "timestamps 299 s old, 301 s old, 301 s in the future, current, and the current one replayed 6 minutes "
        f"later: got {statuses(result)}; expected 200, 401, 401, 200, 401")


@pytest.mark.points(2)
@pytest.mark.hint("For an app_mention event: remove every <@U...> mention from the text (wherever it is), ask the "
                  "model in a background job, and post the answer with slack.post_message(channel, text, "
                  "thread_ts=the event's thread_ts or ts).")
def test_a_mention_is_answered_in_its_thread(run, provider):
    requests = [{"kind": "mention", "event_id": "Ev01", "text": "hey <@U0BOT> what is our refund window?"},
                {"kind": "mention", "event_id": "Ev02", "text": "<@U0BOT> rotate the staging database password?",
                 "thread_ts": "1764316000.000900"}]
    trace = run("team-assistant", "converse", provider=provider, secret=SECRET, requests=requests)
    result = result_of(trace)
    assert statuses(result) == [200, 200], f"got {statuses(result)}"
    assert result["idle"], "the background work did not finish within 10 s"
    asked = [m[-1][1] for m in (s["messages"] for s in trace["sent"])]
    assert len(asked) == 2, f"{len(asked)} model requests for 2 mentions"
    assert not any("<@" in q for q in asked), f"the mention markup was sent to the model: {asked}"
    assert any(q.startswith("hey") and "refund window" in q for q in asked), \
        f"text around the mention must be kept (the handout's split('>') loses 'hey'): {asked}"
    posted = sorted((m["thread_ts"], m["channel"], m["text"][:20]) for m in result["messages"])
    assert posted == [("1764316000.000900", "C0SUPPORT", "Run `make rotate-db-"),
                      ("1764316790.000100", "C0SUPPORT", "Refunds are accepted")], \
        f"posted: {result['messages']}; each answer goes to the mention's channel, in its thread"


@pytest.mark.points(4)
@pytest.mark.hint("Remember each event_id you took (SeenEvents.first_time); a request whose event_id was already "
                  "taken gets 200 and nothing else. Key on event_id, not on the X-Slack-Retry-Num header: a retry "
                  "of an event whose first attempt never reached you must still be answered.")
def test_slack_retries_are_acknowledged_without_reprocessing(run):
    mention = {"kind": "mention", "event_id": "Ev77", "text": "<@U0BOT> what is our refund window?"}
    requests = [mention, {**mention, "retry": 1}, {**mention, "retry": 2},
                {"kind": "mention", "event_id": "Ev78", "text": "<@U0BOT> refund window for gift cards?", "retry": 1}]
    trace = run("team-assistant", "converse", provider="anthropic", secret=SECRET, requests=requests)
    result = result_of(trace)
    assert statuses(result) == [200] * 4, f"every delivery, retries included, is acknowledged: {statuses(result)}"
    assert len(trace["sent"]) == 2, (f"{len(trace['sent'])} model requests: Ev77 (sent 3 times) once, and Ev78 "
                                     "(whose first attempt never arrived) once")
    assert len(result["messages"]) == 2, f"posted {len(result['messages'])} answers; expected 2"


@pytest.mark.points(2)
@pytest.mark.hint("Answer the event at once (200) and make the model call in a background job: Slack retries any "
                  "event not acknowledged within 3 seconds, and the retry is a second answer.")
def test_a_mention_is_acknowledged_before_the_model_answers(run):
    spec = {"kind": "mention", "event_id": "Ev90", "text": "<@U0BOT> what is our refund window?"}
    result = result_of(run("team-assistant", "held", provider="anthropic", secret=SECRET, spec=spec))
    assert result["answer"]["status"] == 200, f"got {result['answer']}"
    assert result["answered_while_held"], \
        f"the acknowledgement waited for the model ({result['answer']['elapsed']:.1f} s)"
    assert result["idle"] and len(result["messages"]) == 1


@pytest.mark.points(4)
@pytest.mark.hint("/slack/commands: verify, parse the raw form body (urllib.parse.parse_qs), return "
                  "{'response_type': 'ephemeral', 'text': ...} at once, and post the model's answer later with "
                  "slack.respond(response_url, {'response_type': 'in_channel', 'text': answer}).")
def test_a_slash_command_is_acknowledged_at_once_and_answered_later(run):
    spec = {"kind": "command", "text": "how do I rotate the staging database password?"}
    trace = run("team-assistant", "held", provider="anthropic", secret=SECRET, spec=spec)
    result = result_of(trace)
    answer = result["answer"]
    assert answer["status"] == 200 and (answer["json"] or {}).get("response_type") == "ephemeral", \
        f"the immediate answer should be an ephemeral message; got {answer}"
    assert result["answered_while_held"] and answer["elapsed"] < 3.0, \
        f"the acknowledgement took {answer['elapsed']:.1f} s and waited for the model; Slack allows 3 s"
    assert result["posted_while_held"] == 0
    assert result["idle"] and len(result["responses"]) == 1, f"responses posted: {result['responses']}"
    posted = result["responses"][0]
    assert posted["url"] == "https://hooks.slack.com/commands/T0ACME/8110/ZxQ2u4gRk", "answer through response_url"
    assert "rotate-db-password" in posted["payload"].get("text", ""), f"posted {posted['payload']}"
    assert "staging database password" in trace["sent"][0]["messages"][-1][1]


@pytest.mark.points(1)
@pytest.mark.hint("A command with no text gets an ephemeral usage message and no model call; an unsigned command "
                  "gets 401.")
def test_an_empty_or_unsigned_command_makes_no_model_call(run):
    requests = [{"kind": "command", "text": ""}, {"kind": "command", "text": "refund window?", "signature": "missing"}]
    trace = run(NO_LLM, "converse", provider="anthropic", secret=SECRET, requests=requests)
    result = result_of(trace)
    assert statuses(result) == [200, 401], f"got {statuses(result)}"
    assert (result["answers"][0]["json"] or {}).get("response_type") == "ephemeral"
    assert "/ask" in (result["answers"][0]["json"] or {}).get("text", ""), "say how to use the command"
    assert not trace["sent"] and not result["responses"]


@pytest.mark.points(2)
@pytest.mark.hint("chat.postMessage answers HTTP 200 with {'ok': false, 'error': ...} when it fails: raise "
                  "SlackAPIError with that error. Send the bot token as 'Authorization: Bearer ...'. respond() posts "
                  "JSON to the response_url and refuses any URL that is not https://hooks.slack.com/...")
def test_the_web_client_reads_slacks_ok_field(run):
    calls = [{"op": "post", "channel": "C0SUPPORT", "text": "hi", "thread_ts": "1764316790.000100"},
             {"op": "post", "channel": "C0GONE", "text": "hi"},
             {"op": "respond", "url": "https://hooks.slack.com/commands/T0ACME/1/abc", "payload": {"text": "done"}},
             {"op": "respond", "url": "http://169.254.169.254/latest/meta-data/", "payload": {"text": "x"}}]
    answers = [[200, {"ok": True, "ts": "1.2"}], [200, {"ok": False, "error": "channel_not_found"}], [200, {"ok": True}]]
    result = result_of(run(NO_LLM, "web_client", calls=calls, answers=answers))
    first = result["sent"][0]
    assert first["url"] == "https://slack.com/api/chat.postMessage" and first["method"] == "POST", first
    assert first["authorization"] == "Bearer xoxb-0000-test-token"
    assert first["json"] == {"channel": "C0SUPPORT", "text": "hi", "thread_ts": "1764316790.000100"}, first["json"]
    outcomes = result["outcomes"]
    assert outcomes[0]["raised"] is None
    assert outcomes[1]["raised"] == "SlackAPIError" and "channel_not_found" in outcomes[1]["message"], outcomes[1]
    assert outcomes[2]["raised"] is None and result["sent"][2]["json"] == {"text": "done"}
    assert outcomes[3]["raised"] is not None and len(result["sent"]) == 3, \
        "a response_url that is not Slack's must be refused before anything is sent"
