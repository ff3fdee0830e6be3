"""One scenario replayed through both SDKs, sync, async and streaming, gives the same normalised result."""
import asyncio

import pytest

from agentkit import Client, Message, Tool

WEATHER = Tool(name="get_weather", description="Current weather for a city.",
               parameters={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]})


def conversation(ask):
    """The same three calls whatever `ask` does: a plain answer, a tool call, and the answer after the tool."""
    first = ask("What is the capital of France?", tools=None)
    history = [Message.user("What's the weather in Paris?")]
    second = ask(history, tools=[WEATHER])
    call = second.tool_calls[0]
    history += [second.as_message(), Message.tool_result(call, "18 degrees, sunny")]
    third = ask(history, tools=[WEATHER])
    return [(r.text, [(c.name, c.arguments) for c in r.tool_calls], r.stop_reason, r.usage) for r in (first, second, third)]


def sync_ask(client):
    return lambda messages, tools: client.chat(messages, tools=tools)


def stream_ask(client):
    def ask(messages, tools):
        stream = client.stream(messages, tools=tools)
        chunks = list(stream)
        assert "".join(chunks) == stream.reply.text
        return stream.reply
    return ask


def async_ask(client):
    def ask(messages, tools):
        return asyncio.run(client.achat(messages, tools=tools))
    return ask


def async_stream_ask(client):
    async def collect(messages, tools):
        items = [item async for item in client.astream(messages, tools=tools)]
        return items[-1]
    return lambda messages, tools: asyncio.run(collect(messages, tools))


EXPECTED = [
    ("Paris.", [], "end", (21, 3, 0)),
    ("", [("get_weather", {"city": "Paris"})], "tool_use", (180, 24, 0)),
    ("It is 18 degrees and sunny in Paris.", [], "end", (230, 12, 160)),
]


@pytest.mark.parametrize("style", [sync_ask, stream_ask, async_ask, async_stream_ask], ids=lambda f: f.__name__)
def test_same_result_through_both_sdks(scenario, provider, style):
    cassette = scenario("tests/fixtures/scenarios/capital-and-weather.yaml")
    client = Client(provider)
    result = conversation(style(client))
    got = [(text, calls, stop, (u.input_tokens, u.output_tokens, u.cache_read_tokens)) for text, calls, stop, u in result]
    assert got == EXPECTED
    assert [s.api for s in cassette.sent] == [{"anthropic": "anthropic-messages", "openai": "openai-chat"}[provider]] * 3
    assert cassette.sent[2].view.tool_results == ["18 degrees, sunny"]
    assert client.total_cost_usd > 0


def test_cost_comes_from_genai_prices(scenario):
    scenario("tests/fixtures/scenarios/capital-and-weather.yaml")
    reply = Client("anthropic", "claude-haiku-4-5").chat("What is the capital of France?")
    assert reply.cost_usd == pytest.approx((21 * 1.0 + 3 * 5.0) / 1_000_000)


def test_sdk_called_directly_is_replayed_too(scenario):
    import anthropic
    import openai
    scenario("tests/fixtures/scenarios/capital-and-weather.yaml")
    message = anthropic.Anthropic(api_key="unused", max_retries=0).messages.create(
        model="claude-haiku-4-5", max_tokens=50, messages=[{"role": "user", "content": "Capital of France?"}])
    assert message.content[0].text == "Paris."
    scenario("tests/fixtures/scenarios/capital-and-weather.yaml")
    completion = openai.OpenAI(api_key="unused", max_retries=0).chat.completions.create(
        model="gpt-5.4-mini", messages=[{"role": "user", "content": "Capital of France?"}])
    assert completion.choices[0].message.content == "Paris."


def test_structured_output_feeds_validation_errors_back(scenario, provider):
    from typing import Literal

    from pydantic import BaseModel

    class Ticket(BaseModel):
        title: str
        severity: Literal["low", "medium", "high"]

    cassette = scenario("tests/fixtures/scenarios/structured-retry.yaml")
    ticket = Client(provider).structured("Users cannot log in since the deploy.", Ticket)
    assert ticket == Ticket(title="Fix login bug", severity="high")
    assert len(cassette.sent) == 2 and "severity" in cassette.sent[1].view.tool_results[0]
