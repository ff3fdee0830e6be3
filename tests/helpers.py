"""Small builders shared by the course's own tests."""
from pathlib import Path

import pytest

from agentkit import Client, Reply, Usage, replay
from autograder.fake_provider import FakeProvider


def write_cassette(path: Path, question: str, answer: str, provider: str = "anthropic") -> Path:
    """A real vcrpy cassette holding one exchange, recorded against the local fake provider."""
    def reply(view, call_id):
        return Reply(text=answer, usage=Usage(input_tokens=9, output_tokens=2))

    with FakeProvider(replies=reply) as server, pytest.MonkeyPatch.context() as env:
        env.setenv("COURSE_LLM_MODE", "record")
        env.setenv("ANTHROPIC_BASE_URL", server.url)
        env.setenv("OPENAI_BASE_URL", server.url + "/v1")
        with replay.cassette(path, record=True, provenance={"kind": "authored", "note": "test helper"}):
            Client(provider, api_key="test-key").chat(question)
    return path
