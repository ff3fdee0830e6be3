"""Record against a local fake of both APIs: the cassette holds no secret and replays with the server stopped."""
import json
import subprocess
import sys

import openai
import pytest

from agentkit import Client, Message, Tool, replay
from agentkit.replay.cassettes import CheckedPersister
from agentkit.replay.secrets import SecretInFixtureError
from autograder.fake_provider import FakeProvider
from autograder.fixtures import check_fixture

ANTHROPIC_KEY = "sk-ant-api03-test-Secret-Value-0123456789"
OPENAI_KEY = "sk-proj-test-Secret-Value-0123456789abcd"
LOOKUP = Tool(name="lookup", description="Look a word up.",
              parameters={"type": "object", "properties": {"word": {"type": "string"}}, "required": ["word"]})


def session(client_for):
    """Calls of every kind: chat, stream, a tool round trip, and the OpenAI Responses API straight from the SDK."""
    results = []
    for provider in ("anthropic", "openai"):
        client = client_for(provider)
        results.append(client.chat("Say hello", system="Be brief.").text)
        results.append(client.stream("Stream hello").text())
        call = client.chat("Define recall", tools=[LOOKUP]).tool_calls[0]
        history = [Message.user("Define recall"), Message.assistant("", [call]), Message.tool_result(call, "a metric")]
        results.append((call.name, call.arguments, client.chat(history, tools=[LOOKUP]).text))
    sdk = openai.OpenAI(max_retries=0)
    results.append(sdk.responses.create(model="gpt-5.4-mini", input="Respond hello").output_text)
    results.append("".join(e.delta for e in sdk.responses.create(model="gpt-5.4-mini", input="Stream responses",
                                                                  stream=True) if e.type == "response.output_text.delta"))
    return results


@pytest.fixture
def live_env(monkeypatch):
    def point_at(url):
        monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
        monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
        monkeypatch.setenv("ANTHROPIC_BASE_URL", url)
        monkeypatch.setenv("OPENAI_BASE_URL", url + "/v1")
    return point_at


def test_record_then_replay_with_the_server_stopped(tmp_path, monkeypatch, live_env):
    path = tmp_path / "fixtures" / "session.json"
    with FakeProvider() as server:
        live_env(server.url)
        monkeypatch.setenv("COURSE_LLM_MODE", "record")
        with replay.cassette(path, record=True):
            recorded = session(Client)
        served = len(server.requests)
    assert served == 10 and recorded[0] == "fake reply: Say hello"

    text = path.read_text()
    for secret in (ANTHROPIC_KEY, OPENAI_KEY, "org-fake", "00000000-fake", "fake-secret", "Bearer"):
        assert secret not in text
    data = json.loads(text)
    assert data["metadata"]["provenance"]["kind"] == "recorded"
    assert data["metadata"]["provenance"]["models"] == ["claude-haiku-4-5", "gpt-5.4-mini"]
    assert check_fixture(path) == 10  # parses with the SDKs' own types

    monkeypatch.setenv("COURSE_LLM_MODE", "replay")  # the server is stopped: only the cassette can answer
    with replay.cassette(path):
        assert session(Client) == recorded


def test_a_cassette_that_would_hold_a_secret_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    cassette = {"requests": [], "responses": [], "metadata": {"echo": f"the key was {OPENAI_KEY}"}}
    from vcr.serializers import jsonserializer
    with pytest.raises(SecretInFixtureError, match="OPENAI_API_KEY"):
        CheckedPersister.save_cassette(tmp_path / "leak.json", cassette, jsonserializer)
    assert not (tmp_path / "leak.json").exists()


def test_course_record_reruns_a_units_notebook_live(tmp_path, live_env, monkeypatch):
    unit = tmp_path / "unit"
    (unit / "fixtures").mkdir(parents=True)
    (unit / "unit.toml").write_text('name = "rec"\npackage = "rec"\nrecord = ["walkthrough.ipynb"]\n')
    cells = ["import agentkit\nclient = agentkit.connect('fixtures/walkthrough.json', 'anthropic')",
             "print(client.chat('Say hello').text)"]
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
                "cells": [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "execution_count": None, "outputs": [], "source": s}
                          for i, s in enumerate(cells)]}
    (unit / "walkthrough.ipynb").write_text(json.dumps(notebook))
    with FakeProvider() as server:
        live_env(server.url)
        result = subprocess.run([sys.executable, "-m", "autograder.cli", "record", str(unit)],
                                capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wrote fixtures/walkthrough.json" in result.stdout
    cassette = (unit / "fixtures" / "walkthrough.json").read_text()
    assert ANTHROPIC_KEY not in cassette and "fake reply: Say hello" in cassette
