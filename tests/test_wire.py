"""The wire module against the installed SDKs: rendered replies and errors parse with their types, requests read back,
and the real SDK clients talk to the local fake provider."""
import asyncio
import json

import anthropic
import httpx2
import openai
import pydantic
import pytest

from agentkit.replay import wire
from agentkit.types import Reply, ToolCall, Usage
from autograder.fake_provider import ACCOUNT_HEADERS, FakeProvider

APIS = ["anthropic-messages", "openai-chat", "openai-responses"]
CLAUDE, GPT = "claude-haiku-4-5", "gpt-5.4-mini"
CASES = {
    "text": Reply(text="Paris is the capital.", model=CLAUDE, usage=Usage(input_tokens=21, output_tokens=5)),
    "tool": Reply(tool_calls=[ToolCall(id="call_1", name="get_weather", arguments={"city": "Paris", "days": 2}),
                              ToolCall(id="call_2", name="get_time", arguments={})],
                  stop_reason="tool_use", usage=Usage(input_tokens=180, output_tokens=24)),
    "cache": Reply(text="It is 18 degrees and sunny.", usage=Usage(input_tokens=70, output_tokens=12,
                                                                   cache_read_tokens=160, cache_write_tokens=40)),
}
WEATHER_SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}},
                  "required": ["city", "days"]}


def neutral(api, parsed):
    """Fold the SDK objects of one reply (whole or streamed) back into (text, calls, stop, usage tuple)."""
    if api == "anthropic-messages":
        message = parsed[0] if len(parsed) == 1 else None
        if message is None:
            message = parsed[0].message.model_copy(deep=True)
            partial = {}
            for event in parsed[1:]:
                if event.type == "content_block_start":
                    message.content.append(event.content_block)
                    partial[event.index] = ""
                elif event.type == "content_block_delta" and event.delta.type == "text_delta":
                    message.content[event.index].text += event.delta.text
                elif event.type == "content_block_delta":
                    partial[event.index] += event.delta.partial_json
                elif event.type == "content_block_stop" and message.content[event.index].type == "tool_use":
                    message.content[event.index].input = json.loads(partial[event.index])
                elif event.type == "message_delta":
                    message.stop_reason = event.delta.stop_reason
                    message.usage.output_tokens = event.usage.output_tokens
        u = message.usage
        return ("".join(b.text for b in message.content if b.type == "text"),
                [(b.id, b.name, b.input) for b in message.content if b.type == "tool_use"], message.stop_reason,
                (u.input_tokens, u.output_tokens, u.cache_read_input_tokens, u.cache_creation_input_tokens))
    if api == "openai-chat":
        if len(parsed) == 1:
            choice, usage = parsed[0].choices[0], parsed[0].usage
            text, finish = choice.message.content or "", choice.finish_reason
            calls = [(c.id, c.function.name, json.loads(c.function.arguments)) for c in choice.message.tool_calls or []]
        else:
            assert parsed[-1].choices == [] and all(c.usage is None for c in parsed[:-1])
            usage, deltas = parsed[-1].usage, [c.choices[0] for c in parsed[:-1]]
            text = "".join(d.delta.content or "" for d in deltas)
            finish = deltas[-1].finish_reason
            merged = {}
            for d in deltas:
                for t in d.delta.tool_calls or []:
                    call = merged.setdefault(t.index, [t.id, t.function.name, ""])
                    call[2] += t.function.arguments or ""
            calls = [(i, n, json.loads(a)) for i, n, a in merged.values()]
        cached = usage.prompt_tokens_details.cached_tokens
        return text, calls, finish, (usage.prompt_tokens - cached, usage.completion_tokens, cached, 0)
    response = parsed[-1] if len(parsed) == 1 else parsed[-1].response
    if len(parsed) > 1:
        deltas = "".join(e.delta for e in parsed if e.type == "response.output_text.delta")
        assert deltas == response.output_text
        assert [e.sequence_number for e in parsed] == list(range(len(parsed)))
    u, details = response.usage, response.usage.input_tokens_details
    calls = [(i.call_id, i.name, json.loads(i.arguments)) for i in response.output if i.type == "function_call"]
    return (response.output_text, calls, response.status,
            (u.input_tokens - details.cached_tokens - details.cache_write_tokens, u.output_tokens,
             details.cached_tokens, details.cache_write_tokens))


STOPS = {"anthropic-messages": {"text": "end_turn", "tool": "tool_use", "cache": "end_turn"},
         "openai-chat": {"text": "stop", "tool": "tool_calls", "cache": "stop"},
         "openai-responses": {"text": "completed", "tool": "completed", "cache": "completed"}}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("stream", [False, True], ids=["json", "stream"])
@pytest.mark.parametrize("api", APIS)
def test_rendered_reply_parses_with_the_sdk_types(api, stream, case):
    reply = CASES[case]
    headers, body = wire.render_reply(api, reply, stream=stream, model="override-model")
    assert headers["content-type"] == ("text/event-stream" if stream else "application/json")
    parsed = wire.parse_with_sdk(api, body, stream=stream)
    assert len(parsed) > 3 if stream else len(parsed) == 1
    text, calls, stop, usage = neutral(api, parsed)
    u = reply.usage
    expected_usage = (u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens)
    if api == "openai-chat":  # Chat Completions has no cache-write count: those tokens are plain prompt tokens
        expected_usage = (u.input_tokens + u.cache_write_tokens, u.output_tokens, u.cache_read_tokens, 0)
    assert (text, calls, stop, usage) == (reply.text, [(c.id, c.name, c.arguments) for c in reply.tool_calls],
                                          STOPS[api][case], expected_usage)
    model = parsed[0].message.model if api == "anthropic-messages" and stream else \
        parsed[0].response.model if api == "openai-responses" and stream else parsed[0].model
    assert model == "override-model"
    assert wire.render_reply(api, reply, stream=stream, model="override-model") == (headers, body)


def serving(sdk_class, respond):
    """An SDK client whose every request is answered by `respond(request) -> (status, headers, body)`, in memory."""
    def handler(request):
        status, headers, body = respond(request)
        return httpx2.Response(status, headers=headers, text=body)
    base_url = "http://mock" if sdk_class is anthropic.Anthropic else "http://mock/v1"
    return sdk_class(api_key="test-key", base_url=base_url, max_retries=0, _strict_response_validation=True,
                     http_client=httpx2.Client(transport=httpx2.MockTransport(handler)))


@pytest.mark.parametrize("case", CASES)
def test_sdk_stream_helpers_accumulate_rendered_streams(case):
    reply = CASES[case]
    calls = [(c.id, c.name, c.arguments) for c in reply.tool_calls]

    def respond(request):
        api = wire.api_for_path(request.url.path)
        return 200, *wire.render_reply(api, reply, stream=json.loads(request.content)["stream"], model="m")

    claude = serving(anthropic.Anthropic, respond)
    with claude.messages.stream(model=CLAUDE, max_tokens=50, messages=[{"role": "user", "content": "hi"}]) as stream:
        assert "".join(stream.text_stream) == reply.text
        message = stream.get_final_message()
    assert [(b.id, b.name, b.input) for b in message.content if b.type == "tool_use"] == calls
    assert (message.usage.cache_read_input_tokens, message.usage.cache_creation_input_tokens) == (
        reply.usage.cache_read_tokens, reply.usage.cache_write_tokens)
    gpt = serving(openai.OpenAI, respond)
    with gpt.chat.completions.stream(model=GPT, messages=[{"role": "user", "content": "hi"}],
                                     stream_options={"include_usage": True}) as stream:
        completion = stream.get_final_completion()
    assert (completion.choices[0].message.content or "") == reply.text
    assert [(c.id, c.function.name, json.loads(c.function.arguments))
            for c in completion.choices[0].message.tool_calls or []] == calls
    assert completion.usage.prompt_tokens_details.cached_tokens == reply.usage.cache_read_tokens
    with gpt.responses.stream(model=GPT, input="hi") as stream:
        response = stream.get_final_response()
    assert response.output_text == reply.text
    assert [(i.call_id, i.name, json.loads(i.arguments)) for i in response.output if i.type == "function_call"] == calls


@pytest.mark.parametrize("api, stop, wire_stop", [
    ("anthropic-messages", "max_tokens", "max_tokens"), ("anthropic-messages", "refusal", "refusal"),
    ("openai-chat", "max_tokens", "length"), ("openai-chat", "refusal", "content_filter"),
    ("openai-responses", "max_tokens", "max_output_tokens"), ("openai-responses", "refusal", "content_filter"),
])
def test_stop_reasons_map_to_each_api(api, stop, wire_stop):
    for stream in (False, True):
        parsed = wire.parse_with_sdk(api, wire.render_reply(api, Reply(text="cut", stop_reason=stop), stream=stream)[1],
                                     stream=stream)
        if api == "anthropic-messages":
            assert (parsed[-2].delta.stop_reason if stream else parsed[0].stop_reason) == wire_stop
        elif api == "openai-chat":
            assert (parsed[-2].choices[0] if stream else parsed[0].choices[0]).finish_reason == wire_stop
        else:
            response = parsed[-1].response if stream else parsed[0]
            assert (response.status, response.incomplete_details.reason) == ("incomplete", wire_stop)
            assert not stream or parsed[-1].type == "response.incomplete"


def test_streams_look_like_the_real_ones():
    def events(api, case):
        return wire.iter_sse(wire.render_reply(api, CASES[case], stream=True)[1])
    anthropic_events = [name for name, _ in events("anthropic-messages", "text")]
    assert anthropic_events[:3] == ["message_start", "ping", "content_block_start"]
    assert anthropic_events[-4:] == ["content_block_delta", "content_block_stop", "message_delta", "message_stop"]
    chat = events("openai-chat", "tool")
    assert {name for name, _ in chat} == {None} and chat[-1] == (None, "[DONE]")
    responses = [name for name, _ in events("openai-responses", "tool")]
    assert responses[:3] == ["response.created", "response.in_progress", "response.output_item.added"]
    assert "response.function_call_arguments.done" in responses and responses[-1] == "response.completed"


@pytest.mark.parametrize("api, stream, body, error", [
    ("anthropic-messages", False, '{"type": "message", "id": "msg_1", "role": "assistant", "content": []}',
     pydantic.ValidationError),
    ("anthropic-messages", True, 'data: {"type": "message_stop"}\n\n', ValueError),  # no `event:`: the SDK drops it
    ("anthropic-messages", True, 'event: message_start\ndata: {"type": "message_stop"}\n\n', ValueError),
    ("anthropic-messages", True, 'event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, '
                                 '"delta": {"type": "text_delta"}}\n\n', pydantic.ValidationError),
    ("openai-chat", False, '{"id": "x", "object": "chat.completion", "created": 1, "model": "m", '
                           '"choices": [{"index": 0, "message": {"role": "assistant"}, "finish_reason": "done"}]}',
     pydantic.ValidationError),
    ("openai-chat", True, 'data: {"id": "x", "object": "chat.completion", "created": 1, "model": "m", "choices": []}'
                          '\n\ndata: [DONE]\n\n', pydantic.ValidationError),
    ("openai-chat", True, 'data: [DONE]\n\n', ValueError),
    ("openai-responses", True, 'event: response.output_text.delta\ndata: {"type": "response.output_text.delta", '
                               '"sequence_number": 3, "delta": 7}\n\n', pydantic.ValidationError),
    ("openai-responses", False, "not json", ValueError),
])
def test_malformed_bodies_raise(api, stream, body, error):
    with pytest.raises(error):
        wire.parse_with_sdk(api, body, stream=stream)


def test_iter_sse_follows_the_format():
    body = ": keep-alive\r\n\r\nevent: a\r\ndata: {\"x\":\r\ndata: 1}\r\n\r\nevent: empty\n\ndata:[DONE]\n"
    assert wire.iter_sse(body) == [("a", '{"x":\n1}'), (None, "[DONE]")]


@pytest.mark.parametrize("path, api", [
    ("/v1/messages", "anthropic-messages"), ("https://api.anthropic.com/v1/messages?beta=true", "anthropic-messages"),
    ("/v1/chat/completions", "openai-chat"), ("/openai/v1/chat/completions/", "openai-chat"),
    ("/v1/responses", "openai-responses"), ("/api/v1/responses?x=1", "openai-responses"),
    ("/v1/messages/count_tokens", "anthropic-count-tokens"), ("/v1/responses/input_tokens", "openai-input-tokens"), ("/v1/completions", None), ("/v1/models", None),
])
def test_api_for_path(path, api):
    assert wire.api_for_path(path) == api


def test_read_anthropic_request():
    view = wire.read_request("anthropic-messages", {
        "model": CLAUDE, "max_tokens": 512, "stream": True,
        "system": [{"type": "text", "text": "You are terse."}, {"type": "text", "text": "Use tools.",
                                                               "cache_control": {"type": "ephemeral"}}],
        "tools": [{"name": "get_weather", "description": "Weather.", "input_schema": WEATHER_SCHEMA},
                  {"type": "web_search_20250305", "name": "web_search"}],
        "messages": [
            {"role": "user", "content": "Weather in Paris?"},
            {"role": "assistant", "content": [{"type": "text", "text": "Checking."},
                                              {"type": "tool_use", "id": "toolu_1", "name": "get_weather",
                                               "input": {"city": "Paris"}}]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                          "content": [{"type": "text", "text": "18 degrees"}]},
                                         {"type": "text", "text": "And tomorrow?"}]},
        ]})
    assert view == wire.RequestView(
        model=CLAUDE, system="You are terse.\nUse tools.",
        messages=[("user", "Weather in Paris?"), ("assistant", 'Checking.\nget_weather({"city": "Paris"})'),
                  ("tool", "18 degrees"), ("user", "And tomorrow?")],
        tool_names=["get_weather", "web_search"], tool_results=["18 degrees"], stream=True, max_tokens=512,
        tool_schemas={"get_weather": WEATHER_SCHEMA, "web_search": {}})


def test_read_openai_chat_request():
    view = wire.read_request("openai-chat", {
        "model": GPT, "max_completion_tokens": 300,
        "tools": [{"type": "function", "function": {"name": "get_weather", "parameters": WEATHER_SCHEMA}}],
        "messages": [
            {"role": "developer", "content": "You are terse."},
            {"role": "user", "content": [{"type": "text", "text": "Weather in Paris?"},
                                         {"type": "image_url", "image_url": {"url": "data:image/png;base64,AA"}}]},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function",
                 "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18 degrees"},
        ]})
    assert view.system == "You are terse." and view.model == GPT and view.max_tokens == 300 and not view.stream
    assert view.messages == [("user", "Weather in Paris?"), ("assistant", 'get_weather({"city": "Paris"})'),
                             ("tool", "18 degrees")]
    assert view.tool_names == ["get_weather"] and view.tool_results == ["18 degrees"]
    assert wire.read_request("openai-chat", {"model": GPT, "max_tokens": 7, "messages": []}).max_tokens == 7


def test_read_openai_responses_request():
    view = wire.read_request("openai-responses", {
        "model": GPT, "instructions": "You are terse.", "max_output_tokens": 200, "stream": True,
        "tools": [{"type": "function", "name": "get_weather", "parameters": WEATHER_SCHEMA}, {"type": "web_search"}],
        "input": [
            {"role": "developer", "content": "Prefer metric."},
            {"role": "user", "content": [{"type": "input_text", "text": "Weather in Paris?"}]},
            {"type": "function_call", "call_id": "call_1", "name": "get_weather", "arguments": '{"city": "Paris"}'},
            {"type": "function_call_output", "call_id": "call_1", "output": "18 degrees"},
            {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "It is 18."}]},
        ]})
    assert view.system == "You are terse.\nPrefer metric." and view.max_tokens == 200 and view.stream
    assert view.messages == [("user", "Weather in Paris?"), ("assistant", 'get_weather({"city": "Paris"})'),
                             ("tool", "18 degrees"), ("assistant", "It is 18.")]
    assert view.tool_names == ["get_weather", "web_search"] and view.tool_results == ["18 degrees"]
    plain = wire.read_request("openai-responses", {"model": GPT, "input": "Hello"})
    assert (plain.system, plain.messages, plain.max_tokens) == ("", [("user", "Hello")], None)


def mock_client(sdk_class, api, status, message, retry_after=None):
    return serving(sdk_class, lambda request: (status, *wire.render_error(api, status, message, retry_after=retry_after)))


@pytest.mark.parametrize("status, kind, error_class", [
    (400, "invalid_request_error", anthropic.BadRequestError),
    (401, "authentication_error", anthropic.AuthenticationError),
    (429, "rate_limit_error", anthropic.RateLimitError), (500, "api_error", anthropic.InternalServerError),
    (529, "overloaded_error", anthropic.OverloadedError),
])
def test_anthropic_sdk_maps_rendered_errors(status, kind, error_class):
    client = mock_client(anthropic.Anthropic, "anthropic-messages", status, "something went wrong", retry_after=2)
    with pytest.raises(error_class) as caught:
        client.messages.create(model=CLAUDE, max_tokens=10, messages=[{"role": "user", "content": "hi"}])
    error = caught.value
    assert (error.status_code, error.type, error.api_message) == (status, kind, "something went wrong")
    assert error.response.headers["retry-after"] == "2"


@pytest.mark.parametrize("status, kind, code, error_class", [
    (400, "invalid_request_error", None, openai.BadRequestError),
    (401, "invalid_request_error", "invalid_api_key", openai.AuthenticationError),
    (429, "requests", "rate_limit_exceeded", openai.RateLimitError),
    (500, "server_error", None, openai.InternalServerError),
])
def test_openai_sdk_maps_rendered_errors(status, kind, code, error_class):
    client = mock_client(openai.OpenAI, "openai-chat", status, "something went wrong", retry_after=0.5)
    for call in (lambda: client.chat.completions.create(model=GPT, messages=[{"role": "user", "content": "hi"}]),
                 lambda: client.responses.create(model=GPT, input="hi")):
        with pytest.raises(error_class) as caught:
            call()
        error = caught.value
        assert (error.status_code, error.type, error.code, error.body["message"]) == (status, kind, code,
                                                                                      "something went wrong")
        assert error.response.headers["retry-after"] == "0.5"


def test_error_without_retry_after_has_no_header():
    headers, body = wire.render_error("anthropic-messages", 529, "busy")
    assert headers == {"content-type": "application/json"}
    assert json.loads(body)["error"] == {"type": "overloaded_error", "message": "busy"}


@pytest.fixture
def fake():
    with FakeProvider() as server:
        yield server


def anthropic_client(fake, cls=anthropic.Anthropic):
    return cls(base_url=fake.url, api_key="test-key", max_retries=0, _strict_response_validation=True)


def openai_client(fake, cls=openai.OpenAI):
    return cls(base_url=fake.url + "/v1", api_key="test-key", max_retries=0, _strict_response_validation=True)


LOOKUP = {"name": "lookup", "description": "Look a word up.", "input_schema": {
    "type": "object", "properties": {"word": {"type": "string"}, "limit": {"type": "integer"}},
    "required": ["word", "limit"]}}


def test_anthropic_sdk_against_the_fake(fake):
    client = anthropic_client(fake)
    message = client.messages.create(model=CLAUDE, max_tokens=50, system="Be brief.",
                                     messages=[{"role": "user", "content": "Say hello"}])
    assert message.content[0].text == "fake reply: Say hello" and message.stop_reason == "end_turn"
    assert (message.usage.input_tokens, message.usage.output_tokens) == (4, 4)
    with client.messages.stream(model=CLAUDE, max_tokens=50, messages=[{"role": "user", "content": "Stream hi"}]) as s:
        assert "".join(s.text_stream) == "fake reply: Stream hi"
        assert s.get_final_message().usage.output_tokens == 4
    ask = [{"role": "user", "content": "Define recall"}]
    first = client.messages.create(model=CLAUDE, max_tokens=50, tools=[LOOKUP], messages=ask)
    call = first.content[0]
    assert (first.stop_reason, call.type, call.name, call.input) == ("tool_use", "tool_use", "lookup", {"word": "x"})
    result = [{"type": "tool_result", "tool_use_id": call.id, "content": "a metric"}]
    second = client.messages.create(model=CLAUDE, max_tokens=50, tools=[LOOKUP], messages=[
        *ask, {"role": "assistant", "content": [call.model_dump(exclude_none=True)]},
        {"role": "user", "content": result}])
    assert second.content[0].text == "fake reply: Define recall"
    path, headers, body = fake.requests[-1]
    assert path == "/v1/messages" and headers["authorization"] == "Bearer test-key" and body["tools"] == [LOOKUP]
    response = client.messages.with_raw_response.create(model=CLAUDE, max_tokens=5, messages=ask)
    assert response.headers["anthropic-organization-id"] == ACCOUNT_HEADERS["anthropic-organization-id"]
    assert response.headers["request-id"] and response.headers["set-cookie"]


def test_openai_sdk_chat_against_the_fake(fake):
    client = openai_client(fake)
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Say hello"}]
    completion = client.chat.completions.create(model=GPT, messages=messages)
    assert completion.choices[0].message.content == "fake reply: Say hello"
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (4, 4)
    chunks = list(client.chat.completions.create(model=GPT, messages=messages, stream=True,
                                                 stream_options={"include_usage": True}))
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "fake reply: Say hello"
    assert chunks[-1].usage.total_tokens == 8
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": LOOKUP["input_schema"]}}]
    first = client.chat.completions.create(model=GPT, messages=messages, tools=tools)
    call = first.choices[0].message.tool_calls[0]
    assert first.choices[0].finish_reason == "tool_calls"
    assert (call.function.name, json.loads(call.function.arguments)) == ("lookup", {"word": "x"})
    second = client.chat.completions.create(model=GPT, tools=tools, messages=[
        *messages, first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "a metric"}])
    assert second.choices[0].message.content == "fake reply: Say hello"
    path, headers, _ = fake.requests[-1]
    assert path == "/v1/chat/completions" and headers["authorization"] == "Bearer test-key"
    raw = client.chat.completions.with_raw_response.create(model=GPT, messages=messages)
    assert raw.headers["openai-organization"] == "org-fake-1234" and raw.headers["x-request-id"]


def test_openai_sdk_responses_against_the_fake(fake):
    client = openai_client(fake)
    response = client.responses.create(model=GPT, input="Respond hello", instructions="Be brief.")
    assert response.output_text == "fake reply: Respond hello" and response.usage.input_tokens == 4
    events = list(client.responses.create(model=GPT, input="Stream responses", stream=True))
    assert "".join(e.delta for e in events if e.type == "response.output_text.delta") == "fake reply: Stream responses"
    assert events[-1].type == "response.completed" and events[-1].response.usage.output_tokens == 4
    tools = [{"type": "function", "name": "lookup", "parameters": LOOKUP["input_schema"]}]
    with client.responses.stream(model=GPT, input="Define recall", tools=tools) as stream:
        call = stream.get_final_response().output[0]
    assert (call.type, call.name, json.loads(call.arguments)) == ("function_call", "lookup", {"word": "x"})
    assert fake.requests[-1][0] == "/v1/responses"


def test_async_clients_against_the_fake(fake):
    async def talk():
        async with anthropic_client(fake, anthropic.AsyncAnthropic) as claude:
            message = await claude.messages.create(model=CLAUDE, max_tokens=20,
                                                   messages=[{"role": "user", "content": "Async hi"}])
            async with claude.messages.stream(model=CLAUDE, max_tokens=20, tools=[LOOKUP],
                                              messages=[{"role": "user", "content": "Define"}]) as stream:
                final = await stream.get_final_message()
        async with openai_client(fake, openai.AsyncOpenAI) as gpt:
            chunks = [c async for c in await gpt.chat.completions.create(
                model=GPT, messages=[{"role": "user", "content": "Async hi"}], stream=True,
                stream_options={"include_usage": True})]
            response = await gpt.responses.create(model=GPT, input="Async hi")
        return message, final, chunks, response

    message, final, chunks, response = asyncio.run(talk())
    assert message.content[0].text == "fake reply: Async hi"
    assert (final.content[0].name, final.content[0].input) == ("lookup", {"word": "x"})
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == "fake reply: Async hi"
    assert response.output_text == "fake reply: Async hi"


@pytest.mark.parametrize("path, api", [("/v1/messages", "anthropic-messages"), ("/v1/chat/completions", "openai-chat"),
                                       ("/v1/responses", "openai-responses")])
def test_fake_refuses_a_request_without_a_key(fake, path, api):
    response = httpx2.post(fake.url + path, json={"model": "m", "messages": []})
    assert response.status_code == 401
    body = response.json()
    if api == "anthropic-messages":
        assert body["type"] == "error" and body["error"]["type"] == "authentication_error"
    else:
        assert body["error"]["type"] == "invalid_request_error" and body["error"]["code"] == "invalid_api_key"
    assert httpx2.post(fake.url + path, json={}, headers={"authorization": "Basic dXNlcg=="}).status_code == 401


def test_fake_stops_cleanly():
    with FakeProvider() as server:
        url = server.url
        assert httpx2.post(url + "/v1/messages", headers={"x-api-key": "k"},
                           json={"model": CLAUDE, "max_tokens": 5, "messages": []}).status_code == 200
    with pytest.raises(httpx2.ConnectError):
        httpx2.post(url + "/v1/messages", json={})


# Batch and file APIs: paths, bodies that parse with the SDKs' types, multipart uploads

@pytest.mark.parametrize("path, api", [
    ("/v1/messages/batches", "anthropic-batches"), ("/v1/messages/batches/msgbatch_01", "anthropic-batches"),
    ("https://api.anthropic.com/v1/messages/batches/msgbatch_01/results", "anthropic-batches"),
    ("/v1/messages/batches/msgbatch_01/cancel", "anthropic-batches"),
    ("/v1/batches", "openai-batches"), ("/v1/batches/batch_1", "openai-batches"),
    ("/v1/batches/batch_1/cancel/", "openai-batches"),
    ("/v1/files", "openai-files"), ("/v1/files/file-1", "openai-files"), ("/v1/files/file-1/content?x=1", "openai-files"),
    ("/v1/vector_stores/vs_1/files", None), ("/v1/batches/batch_1/output", None), ("/v1/messages/count_tokens", "anthropic-count-tokens"),
])
def test_api_for_path_knows_batch_and_file_paths(path, api):
    assert wire.api_for_path(path) == api


MESSAGE = {"id": "msg_1", "type": "message", "role": "assistant", "model": CLAUDE,
           "content": [{"type": "text", "text": "Done."}], "stop_reason": "end_turn", "stop_sequence": None,
           "usage": {"input_tokens": 10, "output_tokens": 2}}
MESSAGE_BATCH = {"id": "msgbatch_1", "type": "message_batch", "processing_status": "ended",
                 "request_counts": {"processing": 0, "succeeded": 1, "errored": 1, "canceled": 0, "expired": 1},
                 "created_at": "2026-11-27T22:00:00Z", "expires_at": "2026-11-28T22:00:00Z",
                 "ended_at": "2026-11-27T23:00:00Z", "cancel_initiated_at": None, "archived_at": None,
                 "results_url": "https://api.anthropic.com/v1/messages/batches/msgbatch_1/results"}
COMPLETION = {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": GPT,
              "choices": [{"index": 0, "message": {"role": "assistant", "content": "Done."}, "finish_reason": "stop"}]}
OPENAI_BATCH = {"id": "batch_1", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-in",
                "completion_window": "24h", "status": "completed", "created_at": 1, "output_file_id": "file-out"}
FILE = {"id": "file-in", "object": "file", "bytes": 120, "created_at": 1, "filename": "in.jsonl", "purpose": "batch",
        "status": "processed"}


def jsonl(*lines):
    return "".join(json.dumps(line) + "\n" for line in lines)


def test_batch_and_file_bodies_parse_with_the_sdk_types():
    from anthropic.types.messages import MessageBatch, MessageBatchIndividualResponse
    from openai.types import Batch, FileObject

    assert [type(x) for x in wire.parse_with_sdk("anthropic-batches", json.dumps(MESSAGE_BATCH), stream=False)] == \
        [MessageBatch]
    page = {"data": [MESSAGE_BATCH], "has_more": False, "first_id": "msgbatch_1", "last_id": "msgbatch_1"}
    assert [type(x) for x in wire.parse_with_sdk("anthropic-batches", json.dumps(page), stream=False)] == [MessageBatch]
    results = wire.parse_with_sdk("anthropic-batches", jsonl(
        {"custom_id": "b", "result": {"type": "errored", "error": {"type": "error", "error": {
            "type": "invalid_request_error", "message": "too long"}}}},
        {"custom_id": "a", "result": {"type": "succeeded", "message": MESSAGE}},
        {"custom_id": "c", "result": {"type": "expired"}}), stream=False)
    assert all(isinstance(r, MessageBatchIndividualResponse) for r in results)
    assert [(r.custom_id, r.result.type) for r in results] == [("b", "errored"), ("a", "succeeded"), ("c", "expired")]
    assert [type(x) for x in wire.parse_with_sdk("openai-batches", json.dumps(OPENAI_BATCH), stream=False)] == [Batch]
    assert [type(x) for x in wire.parse_with_sdk("openai-files", json.dumps(FILE), stream=False)] == [FileObject]
    deleted = [*wire.parse_with_sdk("anthropic-batches", '{"id": "msgbatch_1", "type": "message_batch_deleted"}',
                                    stream=False),
               *wire.parse_with_sdk("openai-files", '{"id": "file-in", "object": "file", "deleted": true}', stream=False)]
    assert [type(x).__name__ for x in deleted] == ["DeletedMessageBatch", "FileDeleted"]
    lines = wire.parse_with_sdk("openai-files", jsonl(
        {"id": "r1", "custom_id": "a", "response": {"status_code": 200, "request_id": "q", "body": COMPLETION},
         "error": None},
        {"id": "r2", "custom_id": "b", "response": {"status_code": 400, "body": {"error": {"message": "bad"}}},
         "error": None},
        {"id": "r3", "custom_id": "c", "response": None, "error": {"code": "batch_expired", "message": "late"}},
        {"custom_id": "d", "method": "POST", "url": "/v1/chat/completions", "body": {"model": GPT}}), stream=True)
    assert [line.custom_id for line in lines] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("api, body", [
    ("anthropic-batches", json.dumps({**MESSAGE_BATCH, "processing_status": "done"})),
    ("anthropic-batches", json.dumps({**MESSAGE_BATCH, "type": "message"})),
    ("anthropic-batches", jsonl({"custom_id": "a", "result": {"type": "succeeded", "message": {"id": "msg_1"}}})),
    ("anthropic-batches", jsonl({"custom_id": "a", "result": {"type": "timed_out"}})),
    ("anthropic-batches", ""),
    ("openai-batches", json.dumps({**OPENAI_BATCH, "status": "done"})),
    ("openai-batches", jsonl({"custom_id": "a"})),
    ("openai-files", json.dumps({**FILE, "purpose": "batching"})),
    ("openai-files", jsonl({"id": "r1", "custom_id": "a", "error": None,
                            "response": {"status_code": 200, "body": {**COMPLETION, "choices": [{"index": 0}]}}})),
    ("openai-files", jsonl({"id": "r1", "custom_id": "a", "error": None, "response": {"status_code": 500, "body": {}}})),
    ("openai-files", "not json\n"),
])
def test_malformed_batch_and_file_bodies_raise(api, body):
    with pytest.raises((ValueError, pydantic.ValidationError)):
        wire.parse_with_sdk(api, body, stream=False)


def test_a_reply_cannot_be_rendered_for_a_batch_api():
    with pytest.raises(ValueError, match="raw `response:`"):
        wire.render_reply("anthropic-batches", CASES["text"], stream=False)


def test_batch_api_errors_use_the_providers_error_shapes():
    headers, body = wire.render_error("anthropic-batches", 429, "slow down", retry_after=3)
    assert json.loads(body)["error"] == {"type": "rate_limit_error", "message": "slow down"}
    assert headers["retry-after"] == "3"
    assert json.loads(wire.render_error("openai-files", 404, "no such file")[1])["error"]["message"] == "no such file"


def test_read_form_reads_a_multipart_upload_and_never_raises():
    import httpx2
    request = httpx2.Request("POST", "http://mock/v1/files", data={"purpose": "batch"},
                             files={"file": ("in.jsonl", b'{"custom_id": "a"}\n{"custom_id": "\xc3\xa9"}\n',
                                             "application/jsonl")})
    form = wire.read_form(request.headers["content-type"], request.read())
    assert form == {"purpose": "batch", "file": {"filename": "in.jsonl", "content_type": "application/jsonl",
                                                 "content": '{"custom_id": "a"}\n{"custom_id": "\u00e9"}\n'}}
    assert wire.read_form("multipart/form-data", b"\x00\xff garbage") == {}
    assert wire.read_form("text/plain", b"") == {}


def test_batch_requests_have_a_view_with_method_and_path():
    view = wire.read_request("openai-batches", {"input_file_id": "file-1"}, method="get", path="/v1/batches/b1")
    assert (view.method, view.path, view.messages, view.system, view.stream) == ("GET", "/v1/batches/b1", [], "", False)
    chat = wire.read_request("openai-chat", {"model": GPT, "messages": []}, path="/v1/chat/completions")
    assert (chat.method, chat.path) == ("POST", "/v1/chat/completions")


def test_chat_completions_streams_usage_only_when_asked():
    import openai

    from agentkit import replay

    scenario = {"name": "usage", "provenance": {"kind": "authored", "note": "t"},
                "exchanges": [{"reply": {"text": "a b c", "usage": {"input_tokens": 4, "output_tokens": 3}},
                               "repeat": True}]}
    with replay.scenario(scenario):
        client = openai.OpenAI(api_key="replay", max_retries=0)
        ask = dict(model="gpt-5.4-mini", messages=[{"role": "user", "content": "hi"}], stream=True)
        plain = list(client.chat.completions.create(**ask))
        counted = list(client.chat.completions.create(**ask, stream_options={"include_usage": True}))
    assert all(chunk.usage is None for chunk in plain)
    assert counted[-1].usage.prompt_tokens == 4 and counted[-1].usage.completion_tokens == 3
    assert "".join(c.choices[0].delta.content or "" for c in plain if c.choices) == "a b c"
