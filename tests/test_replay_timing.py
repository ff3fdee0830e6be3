"""Recorded timings and token counting under replay: a timed exchange arrives at its recorded pace (whole in
process, event by event from the grader's broker), the broker sees a client that hangs up part way through a
stream, and both providers' token-counting endpoints are answered from a reply's usage."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time

import anthropic
import openai
import pytest

from agentkit import replay
from agentkit.replay.broker import ScenarioBroker
from agentkit.replay.scenarios import load_scenario

STORY = "one two three four five six seven eight nine ten eleven twelve"


def timed(first_ms: int, total_ms: int, pace: float = 1.0) -> dict:
    return {"name": "timed", "pace": pace, "provenance": {"kind": "authored", "note": "timing test"},
            "exchanges": [{"reply": {"text": STORY, "usage": {"input_tokens": 5, "output_tokens": 12}},
                           "timing": {"first_token_ms": first_ms, "total_ms": total_ms}, "repeat": True}]}


def test_in_process_a_reply_waits_its_total_and_a_stream_is_paced_to_its_total():
    with replay.scenario(timed(150, 450)):
        client = anthropic.Anthropic(api_key="replay", max_retries=0)
        start = time.monotonic()
        client.messages.create(model="claude-haiku-4-5", max_tokens=50, messages=[{"role": "user", "content": "hi"}])
        whole = time.monotonic() - start
        start = time.monotonic()
        with client.messages.stream(model="claude-haiku-4-5", max_tokens=50,
                                    messages=[{"role": "user", "content": "hi"}]) as stream:
            pieces = iter(stream.text_stream)
            next(pieces)
            first = time.monotonic() - start
            rest = "".join(pieces)
            total = time.monotonic() - start
    assert 0.45 <= whole < 1.2, whole
    assert 0.15 <= first < 0.45, first
    assert 0.42 <= total < 1.2 and rest.startswith("two"), (total, rest)


def test_in_process_an_async_stream_is_paced_too():
    import asyncio

    async def read() -> tuple[float, float]:
        client = anthropic.AsyncAnthropic(api_key="replay", max_retries=0)
        start = time.monotonic()
        first = None
        async with client.messages.stream(model="claude-haiku-4-5", max_tokens=50,
                                          messages=[{"role": "user", "content": "hi"}]) as stream:
            async for _ in stream.text_stream:
                first = first or time.monotonic() - start
        return first, time.monotonic() - start

    with replay.scenario(timed(100, 400)):
        first, total = asyncio.run(read())
    assert 0.1 <= first < 0.35 and 0.38 <= total < 1.0, (first, total)


def test_pace_scales_every_timing():
    with replay.scenario(timed(1000, 4000, pace=0.05)):
        client = openai.OpenAI(api_key="replay", max_retries=0)
        start = time.monotonic()
        client.chat.completions.create(model="gpt-5.4-mini", messages=[{"role": "user", "content": "hi"}])
        assert 0.2 <= time.monotonic() - start < 0.9


@pytest.mark.parametrize("timing", [{"total_ms": -1}, {"first_token_ms": 500, "total_ms": 100},
                                    {"total_ms": "fast"}, {"first_token_ms": 5}, {"total_ms": 10, "p50": 3}])
def test_a_malformed_timing_is_refused_with_the_exchange_named(timing):
    scenario = timed(1, 2)
    scenario["exchanges"][0]["timing"] = timing
    with pytest.raises(ValueError, match="exchange 1: timing"):
        load_scenario(scenario)


WORKER = textwrap.dedent("""
    import json, sys, time
    from agentkit.replay import remote
    remote.install(sys.argv[1])
    import anthropic, openai
    provider, read = sys.argv[2], int(sys.argv[3])
    start, seen, first = time.monotonic(), [], None
    if provider == "anthropic":
        client = anthropic.Anthropic(api_key="replay", max_retries=0)
        stream = client.messages.stream(model="claude-haiku-4-5", max_tokens=50,
                                        messages=[{"role": "user", "content": "count"}])
        with stream as events:
            for text in events.text_stream:
                first = first or time.monotonic() - start
                seen.append(text)
                if len(seen) == read:
                    break
    else:
        client = openai.OpenAI(api_key="replay", max_retries=0)
        chunks = client.chat.completions.create(model="gpt-5.4-mini", stream=True,
                                                messages=[{"role": "user", "content": "count"}])
        for chunk in chunks:
            if chunk.choices and chunk.choices[0].delta.content:
                first = first or time.monotonic() - start
                seen.append(chunk.choices[0].delta.content)
                if len(seen) == read:
                    break
        chunks.close()
    print(json.dumps({"first": first, "total": time.monotonic() - start, "text": "".join(seen)}))
    time.sleep(0.3)  # the broker notices the hang-up on its next write
""")


def stream_through_broker(tmp_path, provider: str, read: int) -> tuple[dict, list[dict]]:
    broker = ScenarioBroker(tmp_path / "broker.sock").start()
    try:
        broker.begin(timed(200, 1200))
        done = subprocess.run([sys.executable, "-c", WORKER, str(tmp_path / "broker.sock"), provider, str(read)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        time.sleep(0.2)
        _, served = broker.end()
    finally:
        broker.stop()
    return json.loads(done.stdout.strip().splitlines()[-1]), served


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_the_broker_paces_a_stream_and_sees_it_read_to_the_end(tmp_path, provider):
    measured, served = stream_through_broker(tmp_path, provider, read=0)
    assert measured["text"] == STORY
    assert 0.2 <= measured["first"] < 0.6, measured
    assert measured["total"] >= 1.1, measured
    assert served[0]["closed_early"] is False and served[0]["events_delivered"] == served[0]["events_total"]


@pytest.mark.parametrize("provider", ["anthropic", "openai"])
def test_the_broker_sees_a_stream_cancelled_half_way(tmp_path, provider):
    measured, served = stream_through_broker(tmp_path, provider, read=3)
    assert measured["text"] == "one two three "
    assert measured["total"] < 1.0, measured
    assert served[0]["closed_early"] is True, served[0]
    assert served[0]["events_delivered"] < served[0]["events_total"]


def test_token_counting_endpoints_are_answered_from_usage_on_both_sdks():
    scenario = {"name": "count", "provenance": {"kind": "authored", "note": "counting test"}, "exchanges": [
        {"when": {"api": "anthropic-count-tokens", "system": "terse"}, "reply": {"usage": {"input_tokens": 17}}},
        {"when": {"api": "openai-input-tokens", "user": "hello"}, "reply": {"usage": {"input_tokens": 9}}}]}
    with replay.scenario(scenario) as cassette:
        counted = anthropic.Anthropic(api_key="replay", max_retries=0).messages.count_tokens(
            model="claude-haiku-4-5", system="Be terse.", messages=[{"role": "user", "content": "hello there"}])
        input_tokens = openai.OpenAI(api_key="replay", max_retries=0).responses.input_tokens.count(
            model="gpt-5.4-mini", instructions="Be terse.", input="hello there")
    assert counted.input_tokens == 17 and input_tokens.input_tokens == 9
    assert [(s.api, s.view.system, s.view.messages[-1]) for s in cassette.sent] == [
        ("anthropic-count-tokens", "Be terse.", ("user", "hello there")),
        ("openai-input-tokens", "Be terse.", ("user", "hello there"))]


def test_in_process_a_slow_reply_does_not_block_the_event_loop():
    """An async client awaiting a timed reply yields to the loop, so a deadline around it fires on time."""
    import asyncio

    async def ask() -> str:
        client = openai.AsyncOpenAI(api_key="replay", max_retries=0)
        try:
            await asyncio.wait_for(client.chat.completions.create(
                model="gpt-5.4-mini", messages=[{"role": "user", "content": "hi"}]), timeout=0.2)
        except asyncio.TimeoutError:
            return "deadline"
        return "answered"

    with replay.scenario(timed(1500, 3000)):
        start = time.monotonic()
        outcome = asyncio.run(ask())
    assert outcome == "deadline" and time.monotonic() - start < 1.0


def test_a_hang_up_does_not_end_a_process_that_takes_sigpipe_by_default(tmp_path):
    """`course` gives SIGPIPE its default action; if a process that did so serves a stream whose client hangs up,
    the broker must see an error, not receive a signal that ends the process (here: the test run itself)."""
    import signal

    before = signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        _, served = stream_through_broker(tmp_path, "openai", read=3)
    finally:
        signal.signal(signal.SIGPIPE, before)
    assert served[0]["closed_early"] is True


def test_calling_the_cli_in_process_leaves_sigpipe_alone():
    import signal

    from autograder.cli import main

    before = signal.getsignal(signal.SIGPIPE)
    with pytest.raises(SystemExit):
        main(["--help"])
    assert signal.getsignal(signal.SIGPIPE) == before
