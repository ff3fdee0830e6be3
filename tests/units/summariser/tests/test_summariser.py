import pytest

TEXT = "Models read text as tokens; providers bill per token, input and output priced separately."


@pytest.mark.points(2)
@pytest.mark.hint("return the model's text, stripped of surrounding spaces")
def test_returns_the_models_summary(run, provider):
    trace = run("summary", "summarise", provider=provider, text=TEXT)
    assert trace["ok"], trace["error"]
    assert trace["result"]["summary"] == "Tokens are the units a model reads and is billed by."


@pytest.mark.points(1)
def test_sends_the_text_and_a_system_prompt(run):
    trace = run("summary", "summarise", provider="anthropic", text=TEXT)
    assert trace["ok"], trace["error"]
    assert TEXT in trace["sent"][0]["messages"][-1][1]
    assert "summar" in trace["sent"][0]["system"].lower()
