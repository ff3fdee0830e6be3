"""The Day 1 sampling and tokens lessons name SDK parameters; this proves each one against the INSTALLED SDKs.

Every keyword argument the reference request builder (solutions/day1-foundations/sampling) and the token counter
(solutions/day1-foundations/tokens) pass, and every parameter the lessons' tables name, must be in the signature of
the SDK method it is passed to; and the parameters the lessons say a method does NOT have must still be absent.
An SDK upgrade that renames, adds or removes one fails here, in CI, instead of in a student's notebook."""
from __future__ import annotations

import inspect
import itertools
import sys
from pathlib import Path

import anthropic
import openai
import pytest

ROOT = Path(__file__).resolve().parents[1]
for unit in ("sampling", "tokens"):
    sys.path.insert(0, str(ROOT / "solutions" / "day1-foundations" / unit))

from sampling_params import ACCEPTS, APIS, Settings, build_request  # noqa: E402
from token_budget import count_with_provider  # noqa: E402

from agentkit.models import models  # noqa: E402

ANTHROPIC = anthropic.Anthropic(api_key="signature-only")
OPENAI = openai.OpenAI(api_key="signature-only")
METHODS = {"messages.create": ANTHROPIC.messages.create, "messages.count_tokens": ANTHROPIC.messages.count_tokens,
           "chat.completions.create": OPENAI.chat.completions.create, "responses.create": OPENAI.responses.create,
           "responses.input_tokens.count": OPENAI.responses.input_tokens.count}
# What the lessons' tables say each method takes, and what they say it does not have.
LESSON_TAKES = {"messages.create": {"model", "messages", "system", "max_tokens", "stop_sequences"},
                "messages.count_tokens": {"model", "messages", "system"},
                "chat.completions.create": {"model", "messages", "max_completion_tokens", "max_tokens", "temperature",
                                            "top_p", "stop"},
                "responses.create": {"model", "input", "instructions", "max_output_tokens", "temperature", "top_p"},
                "responses.input_tokens.count": {"model", "input", "instructions"}}
LESSON_LACKS = {"messages.create": {"temperature", "top_p", "top_k"}, "responses.create": {"stop"},
                "messages.count_tokens": {"max_tokens"}}


def parameters(function) -> set[str]:
    return set(inspect.signature(function).parameters)


def not_accepted(function, used: set[str]) -> set[str]:
    """The names in `used` that `function` has no parameter for (none if it takes **kwargs)."""
    found = inspect.signature(function).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in found.values()):
        return set()
    return set(used) - set(found)


def builder_keywords() -> dict[str, set[str]]:
    """Every keyword the reference builder passes, per SDK method, over every family, API and setting."""
    used: dict[str, set[str]] = {}
    full = Settings(max_tokens=100, temperature=0.5, top_p=0.9, stop=("END",))
    served = {"claude": ("claude-haiku-4-5", None), "compatible": ("llama3.2", "openai-compatible"),
              "openai-reasoning": ("gpt-5.4-mini", None)}
    for (family, api), system in itertools.product(ACCEPTS, ("Be brief.", None)):
        model, provider = served[family]
        method, kwargs = build_request(model, "Hi.", full, system=system, api=api, provider=provider,
                                       drop_unsupported=True)
        assert method == APIS[api][1]
        used.setdefault(method, set()).update(kwargs)
    return used


class Recorder:
    """Stands in for an SDK client: records the keywords a method was called with."""

    def __init__(self, path: str, calls: dict):
        self.path, self.calls = path, calls

    def __getattr__(self, name: str):
        return Recorder(f"{self.path}.{name}".lstrip("."), self.calls)

    def __call__(self, **kwargs):
        self.calls.setdefault(self.path, set()).update(kwargs)
        return type("Counted", (), {"input_tokens": 1})()


def counter_keywords() -> dict[str, set[str]]:
    calls: dict[str, set[str]] = {}
    for model in ("claude-haiku-4-5", "gpt-5.4-mini"):
        count_with_provider(Recorder("", calls), model, [{"role": "user", "content": "Hi."}], system="Be brief.")
    return calls


@pytest.mark.parametrize("method", sorted(LESSON_TAKES))
def test_what_the_lessons_pass_exists(method):
    assert not not_accepted(METHODS[method], LESSON_TAKES[method]), \
        f"the installed SDK's {method} no longer takes {sorted(not_accepted(METHODS[method], LESSON_TAKES[method]))}"


@pytest.mark.parametrize("method", sorted(LESSON_LACKS))
def test_what_the_lessons_say_is_missing_is_still_missing(method):
    present = LESSON_LACKS[method] & parameters(METHODS[method])
    assert not present, f"the installed SDK's {method} now takes {sorted(present)}: update the lesson and the builder"


def test_the_reference_builder_passes_only_real_parameters():
    used = builder_keywords()
    assert set(used) == {"messages.create", "chat.completions.create", "responses.create"}
    wrong = {method: sorted(not_accepted(METHODS[method], names)) for method, names in used.items()}
    assert not any(wrong.values()), f"keywords the installed SDKs do not take: {wrong}"


def test_the_token_counter_passes_only_real_parameters():
    used = counter_keywords()
    assert set(used) == {"messages.count_tokens", "responses.input_tokens.count"}, used
    wrong = {method: sorted(not_accepted(METHODS[method], names)) for method, names in used.items()}
    assert not any(wrong.values()), f"keywords the installed SDKs do not take: {wrong}"


def test_a_renamed_parameter_is_caught():
    """The check itself: against a fake SDK method whose max_tokens was renamed, the builder's keywords fail."""

    def renamed_create(*, model, messages, max_output_tokens, system=None, stop_sequences=None):
        """What messages.create would look like had an upgrade renamed max_tokens."""

    assert not_accepted(renamed_create, builder_keywords()["messages.create"]) == {"max_tokens"}
    assert not_accepted(renamed_create, LESSON_TAKES["messages.create"]) == {"max_tokens"}

    def open_create(**kwargs):
        """A method that takes anything cannot be checked by name; it must not fail the check."""

    assert not_accepted(open_create, {"anything"}) == set()


def test_every_registry_model_has_a_family_the_builder_serves():
    from sampling_params import family
    served = {f for f, _ in ACCEPTS}
    assert {family(info.id) for info in models(include_deprecated=True)} <= served
