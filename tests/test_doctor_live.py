"""`course doctor --live` against the local fake of both providers: one call per default model and API shape,
each with latency, tokens and cost, deprecation notices reported, and the fixtures to re-record named."""
from __future__ import annotations

from pathlib import Path

import pytest

from agentkit.models import DEFAULT_MODELS
from autograder import doctor_live
from autograder.fake_provider import FakeProvider
from autograder.units import ROOT


@pytest.fixture
def fake(monkeypatch):
    with FakeProvider(headers={"deprecation": "true", "sunset": "Wed, 11 Dec 2026 00:00:00 GMT"}) as server:
        monkeypatch.setenv("ANTHROPIC_API_KEY", "fake-key")
        monkeypatch.setenv("OPENAI_API_KEY", "fake-key")
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.url)
        monkeypatch.setenv("OPENAI_BASE_URL", server.url + "/v1")
        yield server


def test_one_call_per_default_model_and_api_shape(fake, capsys):
    assert doctor_live.run() == 1  # every answer carried a deprecation notice
    printed = capsys.readouterr().out
    shapes = ["messages.create", "messages.stream", "messages.count_tokens", "chat.completions.create",
              "chat.completions stream", "responses.create", "responses.input_tokens.count"]
    for shape in shapes:
        line = next(line for line in printed.splitlines() if f" {shape} " in line)
        model = DEFAULT_MODELS["anthropic" if shape.startswith("messages") else "openai"]
        assert line.lstrip().startswith("ok") and model in line and " ms " in line, line
    assert printed.count("notice: sunset: Wed, 11 Dec 2026") == len(shapes)
    assert "7 calls, 0 failed, 7 with a deprecation notice" in printed
    paths = [path for path, _, _ in fake.requests]
    assert len(paths) == 7 and any(p.endswith("/messages/count_tokens") for p in paths)
    assert all(body.get("max_tokens", body.get("max_completion_tokens", body.get("max_output_tokens", 16))) == 16
               for _, _, body in fake.requests)


def test_costs_are_priced_from_genai_prices(fake, capsys):
    doctor_live.run()
    create = next(line for line in capsys.readouterr().out.splitlines() if " messages.create " in line)
    assert "$" in create and "in /" in create, create


def test_a_failing_shape_is_reported_and_the_rest_still_run(monkeypatch, capsys):
    with FakeProvider() as server:
        monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
        monkeypatch.setenv("OPENAI_API_KEY", "fake-key")
        monkeypatch.setenv("OPENAI_BASE_URL", server.url + "/nowhere")  # the fake knows no such path: 404s
        monkeypatch.setattr(doctor_live, "openai_shapes", lambda model, base_url=None: [
            ("broken shape", lambda: (_ for _ in ()).throw(RuntimeError("gone"))),
            *doctor_live.__dict__["_real_openai_shapes"](model, base_url)[:1]])
        assert doctor_live.run() == 1
    printed = capsys.readouterr().out
    assert "FIX openai    broken shape" in printed and "RuntimeError: gone" in printed
    assert "2 calls, 1 failed" in printed


doctor_live._real_openai_shapes = doctor_live.openai_shapes


def test_without_a_key_it_says_what_to_set(monkeypatch, capsys):
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "COURSE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert doctor_live.run() == 2
    assert "set ANTHROPIC_API_KEY" in capsys.readouterr().out


def test_fixtures_written_against_older_sdks_are_named(tmp_path):
    unit = ROOT / "days" / "day5-production" / "patterns" / "cost-manager"
    old = tmp_path / "old.yaml"
    old.write_text('provenance: {kind: recorded, sdk: {anthropic: "1.0.0", openai: "3.57.0"}}\nexchanges: []\n')
    authored = tmp_path / "authored.yaml"
    authored.write_text('provenance: {kind: authored, sdk: {anthropic: "2.0.0", openai: "2.0.0"}}\nexchanges: []\n')
    current = next(Path(unit / "fixtures" / "scenarios").glob("*.yaml"))
    recorded, by_hand = doctor_live.fixtures_to_refresh([old, authored, current])
    assert recorded == {"?": [str(old)]} and by_hand == [str(authored)]
