"""Streaming graded tests. Each runs your `streaming` package in its own process through ../driver.py. The grader's
broker serves each timed reply event by event at its recorded pace (story.yaml: `timing`, `pace`), records what
was sent, and notes how many events it delivered before your client hung up (`trace["served"]`)."""
import json
from pathlib import Path

import pytest
import yaml

from agentkit.replay import wire
from agentkit.types import Reply

SCENARIO = yaml.safe_load((Path(__file__).resolve().parent.parent / "fixtures" / "scenarios" / "story.yaml").read_text())
PARCEL = "Hello, where is my parcel? Order 88213."
SYSTEM = "You are the support desk assistant. Answer in one or two sentences."


def recorded(phrase: str, provider: str) -> dict:
    for exchange in SCENARIO["exchanges"]:
        when = exchange["when"]
        if when["user"] == phrase and when.get("provider", provider) == provider:
            return exchange
    raise LookupError(phrase)


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the stream failed: {trace['error']}"
    return trace["result"]


def paced(api: str, exchange: dict) -> tuple[float, float]:
    """(seconds to the first text delta, seconds to the last event) as the broker paces this exchange: the first
    event after first_token_ms, the rest spread evenly until total_ms (times the scenario's pace)."""
    _, body = wire.render_reply(api, Reply.model_validate(exchange["reply"]), stream=True, model="m")
    events = [event for event in body.split("\n\n") if event.strip()]
    first = exchange["timing"]["first_token_ms"] * SCENARIO["pace"] / 1000
    total = exchange["timing"]["total_ms"] * SCENARIO["pace"] / 1000

    def has_text(event: str) -> bool:
        data = event.split("data: ", 1)[1]
        if data == "[DONE]":
            return False
        payload = json.loads(data)
        if api == "anthropic-messages":
            return payload.get("type") == "content_block_delta" and bool(payload["delta"].get("text"))
        if api == "openai-chat":
            return bool(payload["choices"] and payload["choices"][0]["delta"].get("content"))
        return payload.get("type") == "response.output_text.delta"

    index = next(i for i, event in enumerate(events) if has_text(event))
    return first + index * (total - first) / (len(events) - 1), total


@pytest.mark.points(2)
@pytest.mark.hint("Send stream=True; iterate the SDK's stream and yield each piece of text (a non-empty str) as "
                  "its event is read: Anthropic content_block_delta's delta.text, OpenAI choices[0].delta.content.")
def test_text_arrives_in_pieces(run, provider):
    trace = run("story", "read_all", provider=provider, prompt=PARCEL, system=SYSTEM)
    got = result_of(trace)
    expected = recorded("where is my parcel", provider)["reply"]["text"]
    assert trace["sent"] and trace["sent"][0]["stream"], "the request must ask for a stream (stream=True)"
    assert trace["sent"][0]["system"] == SYSTEM, f"the system prompt sent was {trace['sent'][0]['system']!r}"
    assert "".join(got["deltas"]) == expected, f"the deltas joined make {''.join(got['deltas'])!r}, not {expected!r}"
    assert got["delta_types"] == ["str"] and all(got["deltas"]), "each delta is a non-empty str"
    assert len(got["deltas"]) > 5, f"{len(got['deltas'])} deltas: yield each piece as it comes, not the whole text"
    assert got["text"] == expected, f"stream.text is {got['text']!r} after the whole stream"


@pytest.mark.points(3)
@pytest.mark.hint("Anthropic: input tokens in message_start's message.usage, output tokens and the stop reason in "
                  "message_delta. OpenAI Chat Completions sends usage only if asked: "
                  "stream_options={'include_usage': True}; it comes in a last chunk with no choices.")
def test_usage_and_stop_reason_at_the_end(run, provider):
    trace = run("story", "read_all", provider=provider, prompt=PARCEL, system=SYSTEM)
    got = result_of(trace)
    sent = trace["sent"][0]
    if sent["api"] == "openai-chat":
        options = sent["body"].get("stream_options") or {}
        assert options.get("include_usage") is True, \
            "Chat Completions streams no usage unless the request sends stream_options={'include_usage': True}"
    expected = recorded("where is my parcel", provider)["reply"]["usage"]
    assert got["usage"] == expected, f"stream.usage {got['usage']}; the provider reported {expected}"
    assert got["stop_reason"] == "end", f"stop_reason {got['stop_reason']!r}; a finished reply's is 'end'"
    assert got["finished"], "stream.finished is True once the stream was read to its end"


@pytest.mark.points(2)
@pytest.mark.hint("Yield each delta as soon as its event is read; collecting the stream into a list first makes "
                  "every delta arrive at the end.")
def test_deltas_are_yielded_as_they_arrive(run, provider):
    trace = run("story", "read_all", provider=provider, prompt="Please summarise the release notes.")
    got = result_of(trace)
    first, total = paced(trace["sent"][0]["api"], recorded("release notes", provider))
    arrivals = got["arrivals"]
    assert len(arrivals) > 5, f"{len(arrivals)} deltas"
    assert arrivals[0] < first + 0.5, \
        f"the first delta reached the caller after {arrivals[0]:.2f} s; it arrived at about {first:.2f} s"
    assert arrivals[-1] - arrivals[0] > 0.5 * (total - first), \
        (f"the deltas reached the caller between {arrivals[0]:.2f} s and {arrivals[-1]:.2f} s; the provider sent "
         f"them from {first:.2f} s to {total:.2f} s")


@pytest.mark.points(3)
@pytest.mark.hint("Measure with the injected clock (time.monotonic): first_token_s from just before the request is "
                  "sent to the first non-empty text delta (not the first event: message_start and OpenAI's role "
                  "chunk carry no text); total_s to the end of the stream.")
def test_time_to_first_token_and_total_time(run, provider):
    trace = run("story", "read_all", provider=provider, prompt="Please summarise the release notes.")
    got = result_of(trace)
    first, total = paced(trace["sent"][0]["api"], recorded("release notes", provider))
    assert got["first_token_s"] is not None and got["total_s"] is not None, \
        f"first_token_s {got['first_token_s']}, total_s {got['total_s']}: both are numbers after the stream"
    assert first - 0.05 <= got["first_token_s"] <= first + 0.5, \
        f"first_token_s {got['first_token_s']:.3f}; the first text delta arrived at about {first:.2f} s"
    assert total - 0.05 <= got["total_s"] <= total + 0.6, \
        f"total_s {got['total_s']:.3f}; the stream ended at about {total:.2f} s"


@pytest.mark.points(3)
@pytest.mark.hint("close() (and leaving the `with` block) must close the SDK's stream (its .close() closes the HTTP "
                  "response), so the provider stops sending. Do not read the rest of the stream to get the usage.")
def test_cancelling_closes_the_response(run, provider):
    trace = run("story", "cancel", provider=provider, prompt="Tell me a long story.", after=3)
    runs = result_of(trace)["runs"]
    served = trace["served"]
    assert len(served) == 2, f"{len(served)} requests for two streams"
    for outcome, seen in zip(runs, served):
        how = "leaving the with block" if outcome["how"] == "with" else "close()"
        assert len(outcome["deltas"]) == 3 and outcome["text"] == "".join(outcome["deltas"]), \
            f"{how}: stream.text {outcome['text']!r} after 3 deltas"
        assert not outcome["finished"], f"{how}: a stream stopped half way has finished False"
        assert seen.get("closed_early") is True and seen["events_delivered"] < seen["events_total"], \
            (f"{how}: the provider went on sending ({seen.get('events_delivered')} of {seen.get('events_total')} "
             "events delivered): the response was not closed")
        assert outcome["total_s"] is not None and outcome["total_s"] < 2.0, \
            f"{how}: total_s {outcome['total_s']}: the time until the stream was closed"
