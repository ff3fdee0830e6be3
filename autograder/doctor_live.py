"""`course doctor --live`: for maintainers, with a key. One tiny call per default model and per API shape the
course teaches, each with its latency, tokens, cost and any deprecation notice the provider sent; then which
fixtures were written against older SDKs (re-record the recorded ones with `course record UNIT`)."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agentkit import pricing
from agentkit.errors import UnknownModelError
from agentkit.models import DEFAULT_MODELS
from agentkit.types import Usage
from autograder.fixtures import as_tuple, fixture_files, installed_sdks, provenance_of
from autograder.units import ROOT, unit_of

PROMPT = "Reply with the single word: ok"
NOTICE_HEADERS = ("deprecation", "sunset", "warning", "anthropic-deprecation", "openai-deprecation")


@dataclass
class ShapeResult:
    provider: str
    shape: str
    model: str
    seconds: float
    usage: Usage | None = None
    notices: tuple[str, ...] = ()
    error: str | None = None

    def line(self) -> str:
        head = f"  {'ok ' if self.error is None else 'FIX'} {self.provider:<9} {self.shape:<30} {self.model:<18}"
        if self.error:
            return f"{head} {self.error}"
        cost = "-"
        if self.usage is not None and self.usage.output_tokens:
            try:
                cost = pricing.format_usd(pricing.cost_usd(self.model, self.usage))
            except UnknownModelError:
                cost = "unknown (no price)"
        tokens = f"{self.usage.input_tokens} in / {self.usage.output_tokens} out" if self.usage else ""
        notice = "".join(f"\n        notice: {n}" for n in self.notices)
        return f"{head} {self.seconds * 1000:6.0f} ms  {tokens:<16} {cost}{notice}"


def notices(headers) -> tuple[str, ...]:
    return tuple(f"{name}: {headers[name]}" for name in NOTICE_HEADERS if headers.get(name))


def timed(provider: str, shape: str, model: str, call: Callable) -> ShapeResult:
    start = time.monotonic()
    try:
        usage, headers = call()
    except Exception as exc:  # noqa: BLE001 - every failing shape is reported, the others still run
        return ShapeResult(provider, shape, model, time.monotonic() - start, error=f"{type(exc).__name__}: "
                           f"{str(exc)[:200]}")
    return ShapeResult(provider, shape, model, time.monotonic() - start, usage, notices(headers))


def anthropic_shapes(model: str) -> list[tuple[str, Callable]]:
    import anthropic
    client = anthropic.Anthropic(max_retries=0, timeout=30)
    ask = dict(model=model, max_tokens=16, messages=[{"role": "user", "content": PROMPT}])

    def create():
        raw = client.messages.with_raw_response.create(**ask)
        message = raw.parse()
        return Usage(input_tokens=message.usage.input_tokens, output_tokens=message.usage.output_tokens), raw.headers

    def stream():
        with client.messages.stream(**ask) as events:
            message = events.get_final_message()
            headers = events.response.headers
        return Usage(input_tokens=message.usage.input_tokens, output_tokens=message.usage.output_tokens), headers

    def count():
        raw = client.messages.with_raw_response.count_tokens(model=model, messages=ask["messages"])
        return Usage(input_tokens=raw.parse().input_tokens), raw.headers

    return [("messages.create", create), ("messages.stream", stream), ("messages.count_tokens", count)]


def openai_shapes(model: str, base_url: str | None = None) -> list[tuple[str, Callable]]:
    import openai
    client = openai.OpenAI(max_retries=0, timeout=30, base_url=base_url,
                           api_key=os.environ.get("OPENAI_API_KEY") or "not-needed")
    messages = [{"role": "user", "content": PROMPT}]
    limit = {"max_tokens": 16} if base_url else {"max_completion_tokens": 16}

    def chat():
        raw = client.chat.completions.with_raw_response.create(model=model, messages=messages, **limit)
        done = raw.parse()
        return Usage(input_tokens=done.usage.prompt_tokens, output_tokens=done.usage.completion_tokens), raw.headers

    def chat_stream():
        raw = client.chat.completions.with_raw_response.create(model=model, messages=messages, stream=True,
                                                               stream_options={"include_usage": True}, **limit)
        usage = None
        for chunk in raw.parse():
            if chunk.usage:
                usage = Usage(input_tokens=chunk.usage.prompt_tokens, output_tokens=chunk.usage.completion_tokens)
        return usage, raw.headers

    def responses():
        raw = client.responses.with_raw_response.create(model=model, input=PROMPT, max_output_tokens=16)
        done = raw.parse()
        return Usage(input_tokens=done.usage.input_tokens, output_tokens=done.usage.output_tokens), raw.headers

    def count():
        raw = client.responses.input_tokens.with_raw_response.count(model=model, input=PROMPT)
        return Usage(input_tokens=raw.parse().input_tokens), raw.headers

    shapes = [("chat.completions.create", chat), ("chat.completions stream", chat_stream)]
    if not base_url:  # an OpenAI-compatible server may serve Chat Completions only
        shapes += [("responses.create", responses), ("responses.input_tokens.count", count)]
    return shapes


def smoke_calls() -> list[ShapeResult]:
    results = []
    if os.environ.get("ANTHROPIC_API_KEY"):
        model = DEFAULT_MODELS["anthropic"]
        results += [timed("anthropic", shape, model, call) for shape, call in anthropic_shapes(model)]
    if os.environ.get("OPENAI_API_KEY"):
        model = DEFAULT_MODELS["openai"]
        results += [timed("openai", shape, model, call) for shape, call in openai_shapes(model)]
    if os.environ.get("COURSE_BASE_URL") and os.environ.get("COURSE_MODEL"):
        model = os.environ["COURSE_MODEL"]
        results += [timed("compatible", shape, model, call)
                    for shape, call in openai_shapes(model, os.environ["COURSE_BASE_URL"])]
    return results


def fixtures_to_refresh(paths: list[Path] | None = None) -> tuple[dict[str, list[str]], list[str]]:
    """({unit: recorded fixtures}, authored fixtures) written against SDKs older than the installed ones."""
    installed = {name: as_tuple(found) for name, found in installed_sdks().items()}
    recorded: dict[str, list[str]] = {}
    authored: list[str] = []
    for path in paths if paths is not None else fixture_files():
        provenance = provenance_of(path)
        written = provenance.get("sdk") or {}
        if not any(as_tuple(str(written.get(n, "0"))) < installed[n] for n in installed):
            continue
        shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        if provenance.get("kind") == "recorded":
            unit = unit_of(path)
            recorded.setdefault(unit.name if unit else "?", []).append(shown)
        else:
            authored.append(shown)
    return recorded, authored


def run() -> int:
    if not any(os.environ.get(n) for n in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")) and not (
            os.environ.get("COURSE_BASE_URL") and os.environ.get("COURSE_MODEL")):
        print("course doctor --live makes real calls: set ANTHROPIC_API_KEY and/or OPENAI_API_KEY (or "
              "COURSE_BASE_URL and COURSE_MODEL for an OpenAI-compatible server). Each call costs a fraction of a cent.")
        return 2
    results = smoke_calls()
    print("One tiny call per default model and API shape:")
    for result in results:
        print(result.line())
    recorded, authored = fixtures_to_refresh()
    installed = ", ".join(f"{n} {v}" for n, v in installed_sdks().items())
    if recorded:
        print(f"\nRecorded fixtures written against SDKs older than the installed ({installed}); re-record with:")
        for unit, paths in sorted(recorded.items()):
            print(f"  course record {unit}    # {len(paths)} fixture(s), e.g. {paths[0]}")
    if authored:
        print(f"\n{len(authored)} authored fixtures were written against older SDKs than {installed}: check their "
              f"wire format by hand (`course fixtures`), e.g. {authored[0]}")
    if not recorded and not authored:
        print(f"\nEvery fixture was written against the installed SDKs ({installed}): nothing to re-record.")
    failed = [r for r in results if r.error]
    flagged = [r for r in results if r.notices]
    print(f"\n{len(results)} calls, {len(failed)} failed, {len(flagged)} with a deprecation notice")
    return 1 if failed or flagged else 0
