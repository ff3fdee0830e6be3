import pytest

from agentkit import Client

TEXT = "Models read text as tokens; providers bill per token, input and output priced separately."


@pytest.mark.points(2)
@pytest.mark.hint("return the model's text, stripped of surrounding spaces")
def test_returns_the_models_summary(submission, scenario, provider):
    scenario("summary")
    assert submission.summarise(Client(provider), TEXT) == "Tokens are the units a model reads and is billed by."


@pytest.mark.points(1)
def test_sends_the_text_and_a_system_prompt(submission, scenario):
    cassette = scenario("summary")
    submission.summarise(Client("anthropic"), TEXT)
    assert TEXT in cassette.sent[0].view.messages[-1][1]
    assert "summar" in cassette.sent[0].view.system.lower()
