"""Chat client graded tests. Each runs your `chat_client` package in its own process through ../driver.py. What
your client sent is read from the grader's record of the requests (`trace["sent"]`), in each provider's wire
format; what came back is plain data from the driver. Expected costs are computed here from genai-prices."""
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from agentkit.models import DEFAULT_MODELS
from agentkit.pricing import cost_decimal
from agentkit.types import Usage

SCENARIOS = Path(__file__).resolve().parent.parent / "fixtures" / "scenarios"
SYSTEM = "You are the support desk assistant of a parcel shop. Answer in one or two sentences."
PARCEL = "Hello, where is my parcel? Order 88213."
COMPATIBLE_URL = "https://llm.acme.example/v1"   # an OpenAI-compatible server (say, vLLM behind a gateway)
COMPATIBLE_MODEL = "acme-support-7b"              # a self-hosted model: genai-prices has no price for it


def fixture_reply(provider: str, phrase: str) -> dict:
    """The reply the support scenario holds for `provider` and a user phrase."""
    for exchange in yaml.safe_load((SCENARIOS / "support.yaml").read_text())["exchanges"]:
        when = exchange["when"]
        if when.get("user") == phrase and when.get("provider", provider) == provider:
            return exchange["reply"]
    raise LookupError(phrase)


def outcomes(trace: dict) -> list:
    assert trace["ok"], f"the chat client failed: {trace['error']}"
    return trace["result"]["outcomes"]


def reply_of(outcome: dict) -> dict:
    assert "reply" in outcome, f"the call raised {outcome['raised']['type']}: {outcome['raised']['message']}"
    return outcome["reply"]


def system_problem(sent: dict, system: str) -> str | None:
    """None if `system` travelled where the request's API wants it, else what is wrong."""
    api, body = sent["api"], sent["body"]
    if api == "anthropic-messages":
        top = body.get("system")
        text = top if isinstance(top, str) else "".join(b.get("text", "") for b in top or [] if isinstance(b, dict))
        if text != system:
            return f"Anthropic takes the system prompt as the top-level `system` field; it was {top!r}"
        roles = [m.get("role") for m in body.get("messages", [])]
        if any(role not in ("user", "assistant") for role in roles):
            return f"Anthropic's messages hold only user and assistant turns; the roles sent were {roles}"
        return None
    if api == "openai-chat":
        turns = body.get("messages", [])
        first = turns[0] if turns else {}
        if first.get("role") not in ("system", "developer") or first.get("content") != system:
            return f"Chat Completions takes the system prompt as the first message, role system; it was {first!r}"
        if any(t.get("role") in ("system", "developer") for t in turns[1:]):
            return "the system prompt is sent once, as the first message"
        return None
    if api == "openai-responses":
        return None if sent["system"] == system else f"the system prompt sent was {sent['system']!r}"
    return f"the request went to {api}, not a chat API"


@pytest.mark.points(3)
@pytest.mark.hint("Anthropic: messages.create(system=..., messages=[user/assistant turns only]). OpenAI Chat "
                  "Completions: the system prompt is the first message, {'role': 'system', 'content': ...}. No "
                  "system field at all when there is no system prompt.")
def test_system_prompt_travels_in_each_wire_format(run, provider):
    calls = [{"messages": PARCEL, "system": SYSTEM, "max_tokens": 300},
             {"messages": PARCEL, "system": None, "max_tokens": 300}]
    trace = run("support", "conversation", provider=provider, calls=calls)
    reply_of(outcomes(trace)[0])
    sent = trace["sent"]
    assert len(sent) == 2, f"{len(sent)} requests were sent for 2 calls"
    problem = system_problem(sent[0], SYSTEM)
    assert problem is None, problem
    assert sent[1]["system"] == "", f"no system prompt was given, but {sent[1]['system']!r} was sent as one"
    assert [m[0] for m in sent[1]["messages"]] == ["user"], \
        f"without a system prompt only the user's message is sent; the turns were {sent[1]['messages']}"


@pytest.mark.points(2)
@pytest.mark.hint("Send the conversation's turns in order, as they were given (a string is one user message), "
                  "the client's model, and max_tokens: Anthropic's `max_tokens`, OpenAI's "
                  "`max_completion_tokens` (its reasoning models refuse `max_tokens`).")
def test_conversation_model_and_max_tokens_are_sent(run, provider):
    history = [{"role": "user", "content": PARCEL},
               {"role": "assistant", "content": "It left our warehouse yesterday."},
               {"role": "user", "content": "Thanks. What is the tracking number?"}]
    calls = [{"messages": history, "system": SYSTEM, "max_tokens": 150},
             {"messages": PARCEL, "system": SYSTEM, "max_tokens": 777}]
    trace = run("support", "conversation", provider=provider, calls=calls)
    for outcome in outcomes(trace):
        reply_of(outcome)
    first, second = trace["sent"]
    expected = [[m["role"], m["content"]] for m in history]
    assert first["messages"] == expected, f"the conversation sent was {first['messages']}; expected {expected}"
    assert second["messages"] == [["user", PARCEL]], "a string is sent as one user message"
    assert [r["model"] for r in trace["sent"]] == [DEFAULT_MODELS[provider]] * 2, \
        f"without model=, the client uses agentkit.models.DEFAULT_MODELS[{provider!r}]"
    assert [r["max_tokens"] for r in trace["sent"]] == [150, 777], \
        f"max_tokens sent: {[r['max_tokens'] for r in trace['sent']]}; expected [150, 777]"
    if provider == "openai" and second["api"] == "openai-chat":
        assert second["body"].get("max_completion_tokens") == 777, \
            "OpenAI's Chat Completions takes the limit as max_completion_tokens (max_tokens is refused by its " \
            "reasoning models)"


@pytest.mark.points(3)
@pytest.mark.hint("Reply.text is the text the model wrote; usage holds input_tokens and output_tokens as the "
                  "provider reported them (OpenAI: prompt_tokens, completion_tokens); stop_reason is 'end' for a "
                  "finished reply and 'max_tokens' for one cut off (Anthropic end_turn / max_tokens, OpenAI "
                  "stop / length).")
def test_reply_has_text_usage_and_stop_reason(run, provider):
    calls = [{"messages": PARCEL, "system": SYSTEM, "max_tokens": 300},
             {"messages": "Please summarise your returns policy.", "system": SYSTEM, "max_tokens": 24}]
    finished, cut = (reply_of(o) for o in outcomes(run("support", "conversation", provider=provider, calls=calls)))
    recorded = fixture_reply(provider, "where is my parcel")
    assert finished["text"] == recorded["text"], f"reply text {finished['text']!r}; the provider said {recorded['text']!r}"
    assert finished["usage"] == recorded["usage"], f"usage {finished['usage']}; the provider reported {recorded['usage']}"
    assert finished["stop_reason"] == "end", f"a finished reply's stop_reason is 'end', not {finished['stop_reason']!r}"
    assert finished["model"] == DEFAULT_MODELS[provider], f"reply.model {finished['model']!r}"
    assert finished["provider"] == provider, f"reply.provider {finished['provider']!r}"
    assert cut["stop_reason"] == "max_tokens", \
        f"a reply cut off at max_tokens has stop_reason 'max_tokens', not {cut['stop_reason']!r}"
    assert cut["usage"] == {"input_tokens": 38, "output_tokens": 24}, f"usage {cut['usage']}"


@pytest.mark.points(2)
@pytest.mark.hint("cost_usd = agentkit.pricing.cost_decimal(model, usage, provider=...) (genai-prices): a Decimal, "
                  "never a price table of your own.")
def test_cost_comes_from_genai_prices(run, provider):
    calls = [{"messages": PARCEL, "system": SYSTEM, "max_tokens": 300}]
    reply = reply_of(outcomes(run("support", "conversation", provider=provider, calls=calls))[0])
    usage = Usage(**fixture_reply(provider, "where is my parcel")["usage"])
    expected = cost_decimal(DEFAULT_MODELS[provider], usage, provider=provider)
    assert reply["cost"] is not None, "the default model has a price in genai-prices; cost_usd was None"
    assert reply["cost_type"] == "Decimal", f"cost_usd is a {reply['cost_type']}; money is Decimal here"
    assert Decimal(reply["cost"]) == expected, f"cost_usd {reply['cost']}; genai-prices says {expected}"


@pytest.mark.points(3)
@pytest.mark.hint("ChatClient('openai', model, base_url=URL) talks Chat Completions to that server, with max_tokens. "
                  "genai-prices has no price for a self-hosted model: cost_usd is None then, never 0.")
def test_compatible_server_and_an_unpriced_model(run):
    calls = [{"messages": PARCEL, "system": SYSTEM, "max_tokens": 120}]
    trace = run("support", "conversation", provider="openai", model=COMPATIBLE_MODEL, base_url=COMPATIBLE_URL,
                calls=calls)
    reply = reply_of(outcomes(trace)[0])
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} requests sent"
    sent = trace["sent"][0]
    assert sent["api"] == "openai-chat", f"an OpenAI-compatible server speaks Chat Completions, not {sent['api']}"
    assert sent["model"] == COMPATIBLE_MODEL and sent["max_tokens"] == 120, \
        f"model {sent['model']!r} and max_tokens {sent['max_tokens']} sent"
    assert system_problem(sent, SYSTEM) is None, system_problem(sent, SYSTEM)
    assert reply["text"] == "Your parcel left the warehouse yesterday.", f"reply text {reply['text']!r}"
    assert reply["cost"] is None, \
        f"{COMPATIBLE_MODEL} has no price anywhere: cost_usd must be None (unknown), not {reply['cost']!r}"


ERRORS = [  # (phrase in the user message, the course error, status, retry_after)
    ("rate limited", "RateLimitError", 429, 7.0),
    ("bad key", "AuthError", 401, None),
    ("forbidden", "AuthError", 403, None),
    ("bad request", "BadRequestError", 400, None),
    ("server error", "ServerError", 500, None),
    ("overloaded", "ServerError", 529, None),
    ("too slow", "TimeoutError", None, None),
]


def error_problems(got: list, provider: str, cases=ERRORS) -> list[str]:
    problems = []
    for (phrase, kind, status, retry_after), outcome in zip(cases, got):
        if "raised" not in outcome:
            problems.append(f"{phrase!r}: no error raised, the call returned a reply")
            continue
        raised = outcome["raised"]
        if raised["sdk_error"] or not raised["llm_error"]:
            problems.append(f"{phrase!r}: raised {raised['type']}, not one of chat_client's errors (an SDK's "
                            "exception must not reach the caller)")
        elif raised["kinds"] != [kind]:
            problems.append(f"{phrase!r}: raised {raised['type']} (is a {raised['kinds'] or 'bare LLMError'}); "
                            f"expected {kind}")
        elif status is not None and raised["status"] != status:
            problems.append(f"{phrase!r}: status {raised['status']}, the provider answered {status}")
        elif raised["provider"] != provider:
            problems.append(f"{phrase!r}: provider {raised['provider']!r}, expected {provider!r}")
        elif kind == "RateLimitError" and raised["retry_after"] != retry_after:
            problems.append(f"{phrase!r}: retry_after {raised['retry_after']}; the retry-after header said "
                            f"{retry_after} seconds")
    return problems


@pytest.mark.points(4)
@pytest.mark.hint("Catch the SDK's exceptions (anthropic.AnthropicError, openai.OpenAIError) and raise the course's: "
                  "APITimeoutError -> TimeoutError; status 429 -> RateLimitError(retry_after from the retry-after "
                  "header); 401/403 -> AuthError; 5xx and 529 -> ServerError; other 4xx -> BadRequestError. Pass "
                  "provider and status on.")
def test_sdk_errors_map_to_one_hierarchy(run, provider):
    calls = [{"messages": f"Test: {phrase}.", "system": SYSTEM, "max_tokens": 100} for phrase, *_ in ERRORS]
    trace = run("errors", "conversation", provider=provider, calls=calls)
    problems = error_problems(outcomes(trace), provider)
    assert not problems, "\n".join(problems)
    assert len(trace["sent"]) == len(ERRORS), \
        f"{len(trace['sent'])} requests for {len(ERRORS)} calls with max_retries=0: pass max_retries to the SDK"


@pytest.mark.points(2)
@pytest.mark.hint("Pass max_retries (and timeout) to the SDK client: anthropic.Anthropic(..., max_retries=...), "
                  "openai.OpenAI(..., max_retries=...). The SDKs retry 2 times by default.")
def test_max_retries_reaches_the_sdk(run):
    call = [{"messages": PARCEL, "system": SYSTEM, "max_tokens": 100}]
    once = run("flaky", "conversation", provider="anthropic", calls=call, max_retries=0)
    raised = outcomes(once)[0].get("raised") or {}
    assert raised.get("kinds") == ["ServerError"] and len(once["sent"]) == 1, \
        f"max_retries=0: one request and a ServerError; {len(once['sent'])} requests were sent"
    twice = run("flaky", "conversation", provider="openai", calls=call, max_retries=1)
    reply = reply_of(outcomes(twice)[0])
    assert len(twice["sent"]) == 2 and reply["text"].startswith("Order 88213"), \
        f"max_retries=1: the SDK retries the 500 once and gets the answer; {len(twice['sent'])} requests were sent"


@pytest.mark.points(2)
@pytest.mark.hint("achat mirrors chat with the SDKs' async clients (anthropic.AsyncAnthropic, openai.AsyncOpenAI) "
                  "and `await`, and maps errors the same way.")
def test_achat_replies_and_maps_errors(run, provider):
    cases = [ERRORS[0], ERRORS[4], ERRORS[6]]
    calls = [{"messages": PARCEL, "system": SYSTEM, "max_tokens": 200}]
    calls += [{"messages": f"Test: {phrase}.", "system": SYSTEM, "max_tokens": 100} for phrase, *_ in cases]
    trace = run("support", "conversation", provider=provider, calls=calls[:1], use_async=True)
    reply = reply_of(outcomes(trace)[0])
    recorded = fixture_reply(provider, "where is my parcel")
    assert (reply["text"], reply["usage"]) == (recorded["text"], recorded["usage"]), f"achat returned {reply}"
    assert system_problem(trace["sent"][0], SYSTEM) is None, system_problem(trace["sent"][0], SYSTEM)
    trace = run("errors", "conversation", provider=provider, calls=calls[1:], use_async=True)
    problems = error_problems(outcomes(trace), provider, cases)
    assert not problems, "achat:\n" + "\n".join(problems)


@pytest.mark.points(2)
@pytest.mark.hint("Inside `async def achat`, await the async SDK client. Calling the sync client (or self.chat) "
                  "there blocks the event loop: nothing else runs until the reply is back.")
def test_achat_does_not_block_the_event_loop(run, provider):
    trace = run("support", "event_loop_while_waiting", provider=provider, prompt=PARCEL, system=SYSTEM,
                max_tokens=200)
    assert trace["ok"], trace["error"]
    result = trace["result"]
    reply_of(result["outcome"])
    assert result["is_coroutine"], "ChatClient.achat must be an `async def`"
    assert result["ticks_during"] >= 3, \
        (f"while achat waited for the provider, another task ran {result['ticks_during']} times: achat blocks the "
         "event loop")
