"""Scenarios answer the providers' batch and file APIs under the real SDKs: `when` matches on method and path,
`response:` returns JSON, JSON Lines or any raw body, uploads are readable in `.sent`, and exchanges that do not
name a batch API never answer one."""
import io

import anthropic
import openai
import pytest

from agentkit import Client, errors
from agentkit.replay.scenarios import load_scenario, respond
from agentkit.replay.wire import RequestView

BATCH = {"id": "msgbatch_01", "type": "message_batch", "processing_status": "in_progress",
         "request_counts": {"processing": 2, "succeeded": 0, "errored": 0, "canceled": 0, "expired": 0},
         "created_at": "2026-11-27T22:00:00Z", "expires_at": "2026-11-28T22:00:00Z", "ended_at": None,
         "cancel_initiated_at": None, "archived_at": None, "results_url": None}
ENDED = {**BATCH, "processing_status": "ended", "ended_at": "2026-11-27T23:00:00Z",
         "request_counts": {"processing": 0, "succeeded": 1, "errored": 0, "canceled": 0, "expired": 1},
         "results_url": "https://api.anthropic.com/v1/messages/batches/msgbatch_01/results"}
MESSAGE = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-haiku-4-5",
           "content": [{"type": "text", "text": "Done."}], "stop_reason": "end_turn", "stop_sequence": None,
           "usage": {"input_tokens": 10, "output_tokens": 2}}
RETRIEVE = {"api": "anthropic-batches", "method": "GET", "path": {"regex": "/batches/msgbatch_01$"}}
FILE = {"id": "file-in", "object": "file", "bytes": 38, "created_at": 1, "filename": "in.jsonl", "purpose": "batch",
        "status": "processed"}
OPENAI_BATCH = {"id": "batch_1", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-in",
                "completion_window": "24h", "status": "completed", "created_at": 1, "output_file_id": "file-out"}


def authored(*exchanges):
    return {"provenance": {"kind": "authored"}, "name": "batch replay", "exchanges": list(exchanges)}


def anthropic_sdk():
    return anthropic.Anthropic(api_key="replay", max_retries=0)


def openai_sdk():
    return openai.OpenAI(api_key="replay", max_retries=0)


def test_anthropic_message_batch_round_trip(scenario):
    cassette = scenario(authored(
        {"when": {"api": "anthropic-batches", "method": "POST"}, "response": {"body": BATCH}},
        {"when": RETRIEVE, "response": {"body": BATCH}},
        {"when": RETRIEVE, "response": {"body": ENDED}, "repeat": True},
        {"when": {"api": "anthropic-batches", "path": "/results"}, "response": {"jsonl": [
            {"custom_id": "b", "result": {"type": "expired"}},
            {"custom_id": "a", "result": {"type": "succeeded", "message": MESSAGE}}]}}))
    client = anthropic_sdk()
    batch = client.messages.batches.create(requests=[
        {"custom_id": c, "params": {"model": "claude-haiku-4-5", "max_tokens": 20,
                                    "messages": [{"role": "user", "content": f"item {c}"}]}} for c in "ab"])
    assert (batch.id, batch.processing_status) == ("msgbatch_01", "in_progress")
    assert client.messages.batches.retrieve(batch.id).processing_status == "in_progress"
    assert client.messages.batches.retrieve(batch.id).processing_status == "ended"
    lines = list(client.messages.batches.results(batch.id))  # retrieves once more, then downloads the JSONL
    assert [(line.custom_id, line.result.type) for line in lines] == [("b", "expired"), ("a", "succeeded")]
    assert lines[1].result.message.content[0].text == "Done."
    assert [(s.api, s.view.method, s.path) for s in cassette.sent] == [
        ("anthropic-batches", "POST", "/v1/messages/batches"),
        *[("anthropic-batches", "GET", "/v1/messages/batches/msgbatch_01")] * 3,
        ("anthropic-batches", "GET", "/v1/messages/batches/msgbatch_01/results")]
    assert [r["custom_id"] for r in cassette.sent[0].body["requests"]] == ["a", "b"]


def test_openai_upload_batch_and_file_content(scenario):
    output = '{"id": "r1", "custom_id": "a", "response": {"status_code": 200, "body": {}}, "error": null}\n'
    cassette = scenario(authored(
        {"when": {"api": "openai-files", "method": "POST"}, "response": {"body": FILE}},
        {"when": {"api": "openai-batches", "method": "POST"}, "response": {"body": {**OPENAI_BATCH, "status": "validating"}}},
        {"when": {"api": "openai-batches", "method": ["get"], "path": "batch_1"}, "response": {"body": OPENAI_BATCH}},
        {"when": {"api": "openai-files", "path": {"regex": r"/files/file-out/content$"}},
         "response": {"body": output, "content_type": "application/octet-stream"}}))
    client = openai_sdk()
    data = b'{"custom_id": "a", "method": "POST"}\n'
    upload = client.files.create(file=("in.jsonl", io.BytesIO(data), "application/jsonl"), purpose="batch")
    batch = client.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h")
    assert (upload.id, batch.status) == ("file-in", "validating")
    done = client.batches.retrieve(batch.id)
    content = client.files.content(done.output_file_id)
    assert content.text == output and content.response.headers["content-type"] == "application/octet-stream"
    sent = cassette.sent
    assert sent[0].body == {"purpose": "batch", "file": {"filename": "in.jsonl", "content_type": "application/jsonl",
                                                         "content": data.decode()}}
    assert sent[1].body == {"input_file_id": "file-in", "endpoint": "/v1/chat/completions", "completion_window": "24h"}
    assert [(s.api, s.view.method) for s in sent] == [("openai-files", "POST"), ("openai-batches", "POST"),
                                                      ("openai-batches", "GET"), ("openai-files", "GET")]


def test_exchanges_that_do_not_name_a_batch_api_never_answer_one(scenario):
    scenario(authored({"reply": {"text": "a chat reply"}, "repeat": True},
                      {"error": {"status": 500}, "repeat": True}))
    with pytest.raises(anthropic.APIConnectionError) as caught:
        anthropic_sdk().messages.batches.retrieve("msgbatch_01")
    message = str(caught.value.__cause__)
    assert "GET /v1/messages/batches/msgbatch_01  (anthropic-batches)" in message
    assert "it did not match on: api" in message
    assert Client("openai").chat("hello").text == "a chat reply"  # chat requests are answered as before


def test_method_and_path_predicates_pick_the_exchange(scenario):
    cassette = scenario(authored(
        {"when": {"api": "anthropic-batches", "method": "POST", "path": "/cancel"},
         "response": {"body": {**BATCH, "processing_status": "canceling"}}},
        {"when": {"api": "anthropic-batches", "method": "GET", "path": {"regex": "^/v1/messages/batches/msgbatch_0[0-9]$"}},
         "response": {"body": ENDED}, "repeat": True}))
    client = anthropic_sdk()
    assert client.messages.batches.retrieve("msgbatch_01").processing_status == "ended"
    assert client.messages.batches.cancel("msgbatch_01").processing_status == "canceling"
    assert client.messages.batches.retrieve("msgbatch_02").processing_status == "ended"
    with pytest.raises(anthropic.APIConnectionError):
        client.messages.batches.retrieve("msgbatch_10")  # the regex does not match: no exchange answers
    assert len(cassette.sent) == 4


def test_a_batch_api_error_is_the_providers_error(scenario):
    scenario(authored({"when": {"api": "anthropic-batches"}, "error": {"status": 429, "retry_after": 7}},
                      {"when": {"api": "openai-batches"}, "error": {"status": 404, "message": "no such batch"}}))
    with pytest.raises(anthropic.RateLimitError) as limited:
        anthropic_sdk().messages.batches.retrieve("msgbatch_01")
    assert limited.value.response.headers["retry-after"] == "7"
    with pytest.raises(openai.NotFoundError, match="no such batch"):
        openai_sdk().batches.retrieve("batch_1")


@pytest.mark.parametrize("exchange, problem", [
    ({"when": {"api": "anthropic-batches"}, "reply": {"text": "hi"}}, "raw `response:`"),
    ({"when": {"api": ["openai-chat", "openai-files"]}, "reply": {"text": "hi"}}, "raw `response:`"),
    ({"when": {"api": "openai-files"}, "response": {"body": "x", "jsonl": []}}, "one of body or jsonl"),
    ({"when": {"api": "openai-files"}, "response": {"text": "x"}}, "one of body or jsonl"),
    ({"when": {"api": "openai-files", "path": {"regex": "(unclosed"}}, "response": {"body": "x"}}, "missing \\)"),
])
def test_batch_exchanges_are_checked_when_loaded(exchange, problem):
    with pytest.raises(Exception, match=problem):
        load_scenario(authored(exchange))


def test_chat_requests_record_method_and_path_too(scenario):
    cassette = scenario(authored({"when": {"method": "POST", "path": "/chat/completions"}, "reply": {"text": "ok"}}))
    assert Client("openai").chat("hello").text == "ok"
    view = cassette.sent[0].view
    assert (view.method, view.path, view.messages) == ("POST", "/v1/chat/completions", [("user", "hello")])


def test_a_raw_text_body_is_octet_stream_for_files_and_still_a_stream_for_chat(scenario):
    stream = 'event: message_stop\ndata: {"type": "message_stop"}\n\n'
    chat = load_scenario(authored({"when": {"api": "anthropic-messages"}, "response": {"body": stream}})).exchanges[0]
    view = RequestView(model="m", system="", messages=[], tool_names=[], tool_results=[], stream=True, max_tokens=None)
    assert respond(chat, "anthropic-messages", view)[1]["content-type"] == "text/event-stream"
    scenario(authored({"when": {"api": "openai-files"}, "response": {"body": "plain text"}}))
    content = openai_sdk().files.content("file-1")
    assert (content.text, content.response.headers["content-type"]) == ("plain text", "application/octet-stream")


def test_no_recording_still_fails_fast_for_unknown_paths(scenario):
    scenario(authored({"when": {"api": "openai-files"}, "response": {"body": "x"}, "repeat": True}))
    with pytest.raises((openai.APIConnectionError, errors.NoRecordingError)) as caught:
        openai_sdk().models.list()
    missing = caught.value if isinstance(caught.value, errors.NoRecordingError) else caught.value.__cause__
    assert isinstance(missing, errors.NoRecordingError) and "asked: GET /v1/models" in str(missing)
