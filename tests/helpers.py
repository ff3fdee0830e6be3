"""Small builders shared by the course's own tests."""
from pathlib import Path

from agentkit import Client, Reply, Usage, replay
from autograder.fake_provider import FakeProvider


def write_cassette(path: Path, question: str, answer: str, provider: str = "anthropic") -> Path:
    """A real vcrpy cassette holding one exchange, made by recording against the local fake provider."""
    import os
    saved = {k: os.environ.get(k) for k in ("COURSE_LLM_MODE", "ANTHROPIC_BASE_URL", "OPENAI_BASE_URL")}
    with FakeProvider(replies=lambda view, call_id: Reply(text=answer, usage=Usage(input_tokens=9, output_tokens=2))) as server:
        os.environ.update(COURSE_LLM_MODE="record", ANTHROPIC_BASE_URL=server.url, OPENAI_BASE_URL=server.url + "/v1")
        try:
            with replay.cassette(path, record=True, provenance={"kind": "authored", "note": "test helper"}):
                Client(provider, api_key="test-key").chat(question)
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    return path
