"""Every SDK parameter the course passes (its client's adapters, the reference solutions, unit tests and drivers,
notebooks and lesson code blocks) exists in the installed SDKs, with an allowed value where its type is a
Literal; so an SDK upgrade that drops or renames one fails here."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agentkit.providers import Request
from agentkit.providers.anthropic import to_params as anthropic_params
from agentkit.providers.openai import OpenAIAdapter
from agentkit.types import Message, Tool
from autograder.taught_parameters import TaughtCall, calls_in, problems_with, sdk_method

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^[ \t]*(`{3,})python[^\n]*\n(.*?)^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)


def sources() -> dict[str, str]:
    found: dict[str, str] = {}
    for folder in ("agentkit", "solutions", "days", "labs", "capstone-options"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "starter" not in path.parts and ".venv" not in path.parts:
                found[str(path.relative_to(ROOT))] = path.read_text()
    for path in sorted([*ROOT.glob("days/**/*.ipynb"), *ROOT.glob("labs/**/*.ipynb"), *ROOT.glob("solutions/*/*.ipynb")]):
        for number, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] == "code":
                found[f"{path.relative_to(ROOT)}#cell{number}"] = "".join(cell["source"])
    for path in sorted([*ROOT.glob("days/**/*.md"), *ROOT.glob("labs/*/README.md"), *ROOT.glob("site/*.md")]):
        for number, block in enumerate(FENCE.finditer(path.read_text())):
            found[f"{path.relative_to(ROOT)}#block{number}"] = block.group(2)
    return found


def taught_calls() -> list[TaughtCall]:
    calls = []
    for where, source in sources().items():
        try:
            calls += calls_in(source, where)
        except SyntaxError:
            continue  # a cell with IPython magics, or a deliberately broken example
    return calls


CALLS = taught_calls()


def test_the_course_teaches_both_sdks_and_every_call_is_found():
    methods = {c.method for c in CALLS}
    assert {"anthropic messages.create", "anthropic messages.stream", "openai chat.completions.create"} <= methods
    adapters = [c for c in CALLS if c.where.startswith("agentkit/providers/")]
    assert adapters and all(c.keywords for c in adapters), adapters


@pytest.mark.parametrize("method", sorted({c.method for c in CALLS}))
def test_every_taught_parameter_exists_in_the_installed_sdk(method):
    problems = [p for c in CALLS if c.method == method for p in problems_with(c)]
    assert not problems, "\n".join(problems)


def test_the_adapters_send_only_parameters_the_sdks_take():
    """At run time too: the client's requests with every option set, against the methods they are sent to."""
    request = Request(model="m", messages=[Message.user("hi")], system="s", stop=["END"], max_tokens=10,
                      tools=[Tool(name="t", description="d")], tool_choice="t")
    sent = {"anthropic messages.create": set(anthropic_params(request)),
            "openai chat.completions.create": set(OpenAIAdapter(api_key="k", base_url=None, timeout=1, max_retries=0)
                                                  .to_params(request, stream=True))}
    for method, keys in sent.items():
        sdk, chain = method.split(" ")
        taken = set(__import__("inspect").signature(sdk_method(sdk, chain)).parameters)
        assert keys <= taken, f"{method}: not in the installed SDK: {sorted(keys - taken)}"


def test_a_renamed_or_dropped_parameter_fails_the_check():
    code = ("import anthropic\nclient = anthropic.Anthropic()\n"
            "def ask(prompt):\n    params = {'model': 'x', 'max_tokens_to_sample': 5}\n"
            "    params['messages'] = [{'role': 'user', 'content': prompt}]\n"
            "    return client.messages.create(temperature_v2=0.2, **params)\n")
    problems = [p for c in calls_in(code, "lesson.md") for p in problems_with(c)]
    assert sorted(problems) == [
        "lesson.md:6: anthropic messages.create has no parameter 'max_tokens_to_sample' in the installed anthropic SDK",
        "lesson.md:6: anthropic messages.create has no parameter 'temperature_v2' in the installed anthropic SDK"]


def test_a_literal_value_the_sdk_no_longer_allows_fails_the_check():
    code = "client.responses.create(model='x', input='hi', truncation='sometimes')\n"
    problems = [p for c in calls_in(code, "nb#cell1") for p in problems_with(c)]
    assert problems and "truncation='sometimes'" in problems[0] and "'auto'" in problems[0], problems
    assert not [p for c in calls_in(code.replace("sometimes", "auto"), "x") for p in problems_with(c)]


def test_a_call_that_shows_an_error_on_purpose_is_not_checked():
    code = "client.messages.create(model='x', max_tokens=5, temperature=0.2)  # wrong on purpose: TypeError\n"
    assert calls_in(code, "lesson.md") == []
