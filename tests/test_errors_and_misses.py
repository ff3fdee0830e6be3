"""Replayed faults map onto the course's error hierarchy; a request nobody recorded fails at once, clearly."""
import pytest

from agentkit import Client, Usage, errors, replay

FAULTS = "tests/fixtures/scenarios/faults.yaml"


@pytest.mark.parametrize("ask, expected, retryable", [
    ("rate", errors.RateLimitError, True),
    ("server", errors.ServerError, True),
    ("overloaded", errors.ServerError, True),
    ("auth", errors.AuthError, False),
    ("bad", errors.BadRequestError, False),
    ("slow", errors.TimeoutError, True),
])
def test_faults_map_to_one_hierarchy(scenario, provider, ask, expected, retryable):
    cassette = scenario(FAULTS)
    with pytest.raises(expected) as caught:
        Client(provider).chat(ask)
    assert caught.value.retryable is retryable
    assert len(cassette.sent) == 1, "replay mode must not retry behind the caller's back"
    if expected is errors.RateLimitError:
        assert caught.value.retry_after == 2.0


def test_no_recording_message_shows_request_closest_and_how_to_go_live(scenario):
    cassette = scenario({"provenance": {"kind": "authored"}, "name": "greeting",
                         "exchanges": [{"when": {"user": "hello"}, "reply": {"text": "Hi!"}}]})
    with pytest.raises(errors.NoRecordingError) as caught:
        Client("anthropic").chat("goodbye", system="Be brief.")
    message = str(caught.value)
    assert message.startswith("No recording for this request (scenario greeting).")
    assert "asked: POST /v1/messages  (anthropic-messages, model=claude-haiku-4-5, stream=False)" in message
    assert "system: 'Be brief.'" in message
    assert "last user message: 'goodbye'" in message
    assert 'closest recorded: the next unused exchange, when {"user": "hello"} -> reply' in message
    assert "it did not match on: user" in message
    assert "COURSE_LLM_MODE=live" in message and "course record UNIT" in message
    assert len(cassette.sent) == 1


def test_used_up_scenario_says_so(scenario):
    scenario({"provenance": {"kind": "authored"}, "exchanges": [{"reply": {"text": "once"}}]})
    client = Client("openai")
    assert client.chat("first").text == "once"
    with pytest.raises(errors.NoRecordingError, match="used up: the code made more calls than the scenario expects"):
        client.chat("second")


def test_cassette_miss_names_the_closest_recorded_request(tmp_path):
    from tests.helpers import write_cassette
    path = write_cassette(tmp_path / "one.json", "What is the capital of France?", "Paris.")
    with replay.cassette(path):
        assert Client("anthropic").chat("What is the capital of France?").text == "Paris."
    with replay.cassette(path), pytest.raises(errors.NoRecordingError) as caught:
        Client("anthropic").chat("What is the capital of Spain?")
    message = str(caught.value)
    assert f"No recording for this request (fixtures {path})." in message
    assert "last user message: 'What is the capital of Spain?'" in message
    assert "similar): POST /v1/messages" in message and "'What is the capital of France?'" in message


def test_replay_without_fixtures_says_what_to_do():
    with pytest.raises(errors.NoRecordingError, match=r"agentkit.connect\(FIXTURES\)"):
        Client("anthropic").chat("hello")


def test_unknown_model_is_refused_unpriced_model_is_not_free():
    with pytest.raises(errors.UnknownModelError, match="claude-haiku-9"):
        Client("anthropic", "claude-haiku-9")
    local = Client("openai-compatible", "my-local-llama", base_url="http://127.0.0.1:9/v1")
    assert local.price_per_million() is None and local._cost("my-local-llama", Usage(input_tokens=10)) is None
    with pytest.raises(errors.UnknownModelError, match="COURSE_PRICE_PER_MTOK"):
        local.require_price()
    priced = Client("openai-compatible", "my-local-llama", base_url="http://127.0.0.1:9/v1", prices=(0, 0))
    assert priced.price_per_million() == (0, 0)


def test_a_model_without_per_token_prices_is_refused():
    from agentkit import pricing
    from agentkit.types import Usage

    with pytest.raises(errors.UnknownModelError, match="whisper-1"):
        pricing.cost_usd("whisper-1", Usage(input_tokens=10, output_tokens=10))


def test_deprecated_model_is_flagged():
    with pytest.warns(DeprecationWarning, match="claude-opus-4-5 is deprecated"):
        Client("anthropic", "claude-opus-4-5")  # old model on purpose: it shows the warning
