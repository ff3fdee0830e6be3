"""The Day 1 sampling and tokens lessons name SDK parameters; this proves each one against the INSTALLED SDKs.

Every keyword argument the reference request builder (solutions/day1-foundations/sampling) and the token counter
(solutions/day1-foundations/tokens) pass, and every parameter the lessons' tables name, must be in the signature of
the SDK method it is passed to; and the parameters the lessons say a method does NOT have must still be absent.
An SDK upgrade that renames, adds or removes one fails here, in CI, instead of in a student's notebook. The check
is autograder.taught_parameters' (tests/test_taught_parameters.py shows it failing on a renamed parameter); this
file adds what only these lessons have: their tables, and keywords the builder picks at run time."""
from __future__ import annotations

import inspect
import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for unit in ("sampling", "tokens"):
    sys.path.insert(0, str(ROOT / "solutions" / "day1-foundations" / unit))

from sampling_params import ACCEPTS, APIS, Settings, build_request  # noqa: E402
from token_budget import count_with_provider  # noqa: E402

from agentkit.models import models  # noqa: E402
from autograder.taught_parameters import TaughtCall, problems_with, sdk_method  # noqa: E402

# What the lessons' tables say each method takes, and what they say it does not have.
LESSON_TAKES = {"anthropic messages.create": {"model", "messages", "system", "max_tokens", "stop_sequences"},
                "anthropic messages.count_tokens": {"model", "messages", "system"},
                "openai chat.completions.create": {"model", "messages", "max_completion_tokens", "max_tokens",
                                                   "temperature", "top_p", "stop"},
                "openai responses.create": {"model", "input", "instructions", "max_output_tokens", "temperature",
                                            "top_p"},
                "openai responses.input_tokens.count": {"model", "input", "instructions"}}
LESSON_LACKS = {"anthropic messages.create": {"temperature", "top_p", "top_k"}, "openai responses.create": {"stop"},
                "anthropic messages.count_tokens": {"max_tokens"}}
SDK_OF = {chain: method.split(" ")[0] for method in LESSON_TAKES for chain in [method.split(" ")[1]]}


def problems(method: str, keywords: set[str], where: str) -> list[str]:
    """What autograder.taught_parameters finds wrong with a call of `method` passing `keywords`."""
    return problems_with(TaughtCall(where=where, method=method, keywords=tuple(sorted(keywords)), literals=()))


def parameters(method: str) -> set[str]:
    sdk, chain = method.split(" ")
    return set(inspect.signature(sdk_method(sdk, chain)).parameters)


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
    assert not problems(method, LESSON_TAKES[method], "the lesson's table"), problems(method, LESSON_TAKES[method], "")


@pytest.mark.parametrize("method", sorted(LESSON_LACKS))
def test_what_the_lessons_say_is_missing_is_still_missing(method):
    present = LESSON_LACKS[method] & parameters(method)
    assert not present, f"the installed SDK's {method} now takes {sorted(present)}: update the lesson and the builder"


def test_the_reference_builder_passes_only_real_parameters():
    """At run time: the keywords the builder makes over every family, API and setting (the static check in
    tests/test_taught_parameters.py cannot see keywords chosen by data)."""
    used = builder_keywords()
    assert set(used) == {"messages.create", "chat.completions.create", "responses.create"}
    found = [p for chain, names in used.items() for p in problems(f"{SDK_OF[chain]} {chain}", names, "build_request")]
    assert not found, "\n".join(found)


def test_the_token_counter_passes_only_real_parameters():
    used = counter_keywords()
    assert set(used) == {"messages.count_tokens", "responses.input_tokens.count"}, used
    found = [p for chain, names in used.items()
             for p in problems(f"{SDK_OF[chain]} {chain}", names, "count_with_provider")]
    assert not found, "\n".join(found)


def test_every_registry_model_has_a_family_the_builder_serves():
    from sampling_params import family
    served = {f for f, _ in ACCEPTS}
    assert {family(info.id) for info in models(include_deprecated=True)} <= served
