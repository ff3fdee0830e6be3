"""Sampling pattern graded tests. Each runs your `sampling_params` package in its own process through ../driver.py:
your build_request makes the SDK method and keyword arguments, the driver calls that method of the real SDK with
exactly those arguments, and the grader records what reached the provider (`trace["sent"]`, the request body).
finish_reason is graded on replies that stopped for each reason, in all three APIs' wire formats."""
import pytest

HAIKU, MINI = "claude-haiku-4-5", "gpt-5.4-mini"
LOCAL, COMPATIBLE = "llama3.2", "openai-compatible"  # a local server's model: not in the registry
PROMPT, SYSTEM = "Explain tokens in one sentence.", "You are a concise tutor."
SAMPLING_KEYS = {"temperature", "top_p", "top_k", "stop", "stop_sequences"}
MAX_KEYS = {"max_tokens", "max_completion_tokens", "max_output_tokens"}
METHOD = {"anthropic-messages": "messages.create", "openai-chat": "chat.completions.create",
          "openai-responses": "responses.create"}


def send(run, model, settings, *, api=None, provider=None, drop=False, scenario="one-answer", prompt=PROMPT,
         system=SYSTEM):
    return run(scenario, "send", model=model, prompt=prompt, settings=settings, system=system, api=api,
               provider=provider, drop_unsupported=drop)


def body(trace: dict, api: str) -> dict:
    assert trace["ok"], trace["error"]
    result = trace["result"]
    assert "raised" not in result, f"{result['raised']}: {result['message']}"
    sent = trace["sent"]
    assert len(sent) == 1 and sent[0]["api"] == api, \
        f"expected one request to {api} ({METHOD[api]}); sent {[s['api'] for s in sent]}"
    return sent[0]["body"]


def refused(trace: dict, parameter: str) -> dict:
    assert trace["ok"], trace["error"]
    result = trace["result"]
    assert result.get("raised") == "UnsupportedParameter", \
        f"{parameter} must be refused with UnsupportedParameter; got {result}"
    assert not trace["sent"], "a refused request must not be sent"
    return result


@pytest.mark.points(3)
@pytest.mark.hint("Claude through messages.create: max_tokens is `max_tokens`, stop sequences go in `stop_sequences` "
                  "(a list). Unset settings (None, no stop sequences) are not sent at all.")
def test_claude_request_uses_the_messages_names(run):
    sent = body(send(run, HAIKU, {"max_tokens": 300, "stop": ["END", "\n\n"]}), "anthropic-messages")
    assert sent.get("max_tokens") == 300, f"max_tokens sent: {sent.get('max_tokens')}"
    assert sent.get("stop_sequences") == ["END", "\n\n"], f"stop_sequences sent: {sent.get('stop_sequences')}"
    assert sent.get("system") == SYSTEM and sent.get("model") == HAIKU
    assert not (SAMPLING_KEYS - {"stop_sequences"}) & set(sent), f"sent {sorted(SAMPLING_KEYS & set(sent))}"
    plain = body(send(run, HAIKU, {"max_tokens": 50}), "anthropic-messages")
    assert plain.get("max_tokens") == 50 and not SAMPLING_KEYS & set(plain), \
        f"nothing set but max_tokens, yet sent {sorted(SAMPLING_KEYS & set(plain))}"


@pytest.mark.points(3)
@pytest.mark.hint("The installed anthropic SDK's messages.create has no temperature or top_p parameter. Raise "
                  "UnsupportedParameter(name, model, api) for either (nothing is sent), or leave it out when "
                  "drop_unsupported=True; never smuggle it in through extra_body.")
def test_claude_refuses_or_drops_temperature_and_top_p(run):
    for name, value in (("temperature", 0.2), ("top_p", 0.9)):
        result = refused(send(run, HAIKU, {"max_tokens": 300, name: value}), name)
        assert result["parameter"] == name and name in result["message"] and "claude" in result["message"], \
            f"the error should name {name} and the claude family: {result['message']!r}"
    sent = body(send(run, HAIKU, {"max_tokens": 300, "temperature": 0.2, "top_p": 0.9, "stop": ["END"]}, drop=True),
                "anthropic-messages")
    assert sent.get("stop_sequences") == ["END"] and sent.get("max_tokens") == 300, \
        "drop_unsupported leaves out only what the family does not accept"
    assert not {"temperature", "top_p"} & set(sent) and not {"temperature", "top_p"} & set(sent.get("extra_body", {}))


@pytest.mark.points(3)
@pytest.mark.hint("A model on an OpenAI-compatible server (provider='openai-compatible', family 'compatible') goes "
                  "through Chat Completions by default. Its output limit is `max_tokens`, not max_completion_tokens "
                  "(Ollama does not document that name); it takes temperature, top_p (0.0 is a value, not 'unset') "
                  "and `stop` (a list, at most 4: more is a ValueError naming 4, not something to drop).")
def test_compatible_server_takes_sampling_settings_through_chat(run):
    settings = {"max_tokens": 256, "temperature": 0.0, "top_p": 0.8, "stop": ["###", "END"]}
    sent = body(send(run, LOCAL, settings, provider=COMPATIBLE), "openai-chat")
    assert sent.get("max_tokens") == 256 and "max_completion_tokens" not in sent, \
        f"output limit sent as {sorted(MAX_KEYS & set(sent))}: a compatible server takes max_tokens"
    assert (sent.get("temperature"), sent.get("top_p"), sent.get("stop")) == (0.0, 0.8, ["###", "END"]), \
        f"sampling sent: {({k: sent[k] for k in SAMPLING_KEYS & set(sent)})} (temperature 0.0 is a value)"
    assert sent["messages"][0] == {"role": "system", "content": SYSTEM} and sent.get("model") == LOCAL
    for drop in (False, True):
        trace = send(run, LOCAL, {"max_tokens": 256, "stop": ["a", "b", "c", "d", "e"]}, api="openai-chat",
                     provider=COMPATIBLE, drop=drop)
        result = trace["result"]
        assert result.get("raised") in ("ValueError", "UnsupportedParameter") and not trace["sent"], \
            f"five stop sequences on Chat Completions (drop_unsupported={drop}): {result}"
        assert "4" in result["message"], f"name the limit of 4: {result['message']!r}"
    sent = body(send(run, LOCAL, {"max_tokens": 256, "stop": ["a", "b", "c", "d"]}, api="openai-chat",
                     provider=COMPATIBLE), "openai-chat")
    assert sent.get("stop") == ["a", "b", "c", "d"], "four stop sequences are allowed"


@pytest.mark.points(3)
@pytest.mark.hint("gpt-5.x and gpt-6.x are reasoning models (family 'openai-reasoning'): they take no temperature, "
                  "top_p or stop, through either OpenAI API. Refuse each with UnsupportedParameter naming it and the "
                  "family, or leave it out with drop_unsupported=True.")
def test_reasoning_family_takes_no_sampling_settings(run):
    for api in ("openai-chat", "openai-responses"):
        for name, value in (("temperature", 0.2), ("top_p", 0.5), ("stop", ["END"])):
            if api == "openai-responses" and name == "stop":
                continue  # graded below: Responses has no stop parameter for any model
            result = refused(send(run, MINI, {"max_tokens": 400, name: value}, api=api), name)
            assert result["parameter"] == name and name in result["message"] \
                and "openai-reasoning" in result["message"], \
                f"{api}: the error should name {name} and the openai-reasoning family: {result['message']!r}"
        sent = body(send(run, MINI, {"max_tokens": 400, "temperature": 0.2, "top_p": 0.5, "stop": ["END"]}, api=api,
                         drop=True), api)
        assert not SAMPLING_KEYS & set(sent), f"{api} with drop_unsupported sent {sorted(SAMPLING_KEYS & set(sent))}"
        assert MAX_KEYS & set(sent) == {"max_completion_tokens" if api == "openai-chat" else "max_output_tokens"}
        assert 400 in [sent[k] for k in MAX_KEYS & set(sent)]


@pytest.mark.points(3)
@pytest.mark.hint("Responses (the default API for an OpenAI model): the output limit is `max_output_tokens`, the "
                  "system prompt is `instructions`; it has no stop parameter at all, so stop sequences are "
                  "UnsupportedParameter naming stop and the family (or dropped, keeping the rest).")
def test_responses_names_and_no_stop_sequences(run):
    sent = body(send(run, MINI, {"max_tokens": 128}), "openai-responses")
    assert sent.get("max_output_tokens") == 128 and not (MAX_KEYS - {"max_output_tokens"}) & set(sent), \
        f"output limit sent as {sorted(MAX_KEYS & set(sent))}"
    assert sent.get("instructions") == SYSTEM and sent.get("model") == MINI
    assert not SAMPLING_KEYS & set(sent), f"nothing set but max_tokens, yet sent {sorted(SAMPLING_KEYS & set(sent))}"
    result = refused(send(run, MINI, {"max_tokens": 128, "stop": ["END"]}), "stop")
    assert result["parameter"] == "stop" and "stop" in result["message"] and "openai-reasoning" in result["message"]
    sent = body(send(run, MINI, {"max_tokens": 128, "stop": ["END"]}, drop=True), "openai-responses")
    assert "stop" not in sent and sent.get("max_output_tokens") == 128 and sent.get("instructions") == SYSTEM, \
        "drop_unsupported leaves out stop and keeps the rest"


@pytest.mark.points(1)
@pytest.mark.hint("An api that does not serve the model's provider (a Claude model through openai-chat; a compatible "
                  "server's model through openai-responses: SERVES lists Chat Completions only) is a ValueError, and "
                  "nothing is sent. A model id the registry does not list is UnknownModelError unless "
                  "provider='openai-compatible' says a compatible server serves it.")
def test_api_must_belong_to_the_models_provider(run):
    for model, api, provider in ((HAIKU, "openai-chat", None), (MINI, "anthropic-messages", None),
                                 (LOCAL, "openai-responses", COMPATIBLE)):
        trace = send(run, model, {"max_tokens": 100}, api=api, provider=provider)
        assert trace["result"].get("raised") == "ValueError" and not trace["sent"], \
            f"{model} via {api}: {trace['result']}"
    trace = send(run, LOCAL, {"max_tokens": 100})
    assert trace["result"].get("raised") == "UnknownModelError" and not trace["sent"], \
        f"{LOCAL} with no provider is not a registry model: {trace['result']}"


REASONS = [("finish your thought", "end"), ("write a long essay", "max_tokens"),
           ("list until the marker", "stop_sequence"), ("look up the weather", "tool_use"),
           ("something harmful", "refusal")]


def finishes(run, method, model, cases):
    got = []
    for prompt, _ in cases:
        trace = run("finishes", "finish", method=method, model=model, prompt=prompt)
        assert trace["ok"], trace["error"]
        got.append(trace["result"].get("finish") or f"raised {trace['result'].get('raised')}: "
                                                   f"{trace['result'].get('message')}")
    return got


@pytest.mark.points(3)
@pytest.mark.hint("Anthropic's stop_reason: end_turn -> end, max_tokens -> max_tokens, stop_sequence, tool_use, "
                  "refusal; model_context_window_exceeded is max_tokens too (the output was cut short). pause_turn "
                  "is not a finish: raise ValueError naming it rather than guess.")
def test_finish_reasons_from_anthropic(run):
    cases = REASONS + [("fill the whole window", "max_tokens")]
    got = finishes(run, "messages.create", HAIKU, cases)
    assert got == [reason for _, reason in cases], list(zip([p for p, _ in cases], got))
    paused = run("finishes", "finish", method="messages.create", model=HAIKU, prompt="pause for the server tool")
    assert paused["result"].get("raised") == "ValueError" and "pause_turn" in paused["result"]["message"], \
        f"pause_turn: {paused['result']}"


@pytest.mark.points(3)
@pytest.mark.hint("Chat Completions: a message whose `refusal` is set -> refusal (its finish_reason says 'stop'); "
                  "stop -> end, length -> max_tokens, tool_calls -> tool_use, content_filter -> refusal. OpenAI "
                  "reports a stop sequence as 'stop', so it normalises to end: the reply cannot tell them apart.")
def test_finish_reasons_from_chat_completions(run):
    cases = [(p, "end" if r == "stop_sequence" else r) for p, r in REASONS] + [("fill the refusal field", "refusal")]
    got = finishes(run, "chat.completions.create", MINI, cases)
    assert got == [reason for _, reason in cases], list(zip([p for p, _ in cases], got))


@pytest.mark.points(3)
@pytest.mark.hint("Responses: status 'incomplete' with incomplete_details.reason max_output_tokens -> max_tokens, "
                  "content_filter -> refusal; 'completed' with a function_call item in output -> tool_use; a "
                  "refusal content part -> refusal; otherwise end.")
def test_finish_reasons_from_responses(run):
    cases = [(p, "end" if r == "stop_sequence" else r) for p, r in REASONS]
    got = finishes(run, "responses.create", MINI, cases)
    assert got == [reason for _, reason in cases], list(zip([p for p, _ in cases], got))


@pytest.mark.points(2)
@pytest.mark.hint("send() normalises the reply of your own request too: build_request and finish_reason together, "
                  "for Claude and for OpenAI's default API.")
def test_built_requests_round_trip(run, provider):
    model = {"anthropic": HAIKU, "openai": MINI}[provider]
    api = {"anthropic": "anthropic-messages", "openai": "openai-responses"}[provider]
    trace = send(run, model, {"max_tokens": 500}, scenario="finishes", prompt="Write a long essay on tokens.")
    body(trace, api)
    assert trace["result"] == {"method": METHOD[api], "finish": "max_tokens"}, trace["result"]
