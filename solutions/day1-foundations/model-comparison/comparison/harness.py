"""Run every prompt against every target and measure each call.

A row is plain data, one per (target, prompt):

    {"provider", "model", "case", "ok", "error", "first_token_ms", "latency_ms",
     "input_tokens", "output_tokens", "cost_usd", "quality"}

`ok` False marks a failed call: `error` is "ErrorType: message", and tokens, cost and quality are None.
`cost_usd` is None when the model has no price (a local model): unknown, never 0.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import agentkit
from comparison.prompts import PromptCase


@dataclass(frozen=True)
class Target:
    provider: str                # "anthropic", "openai" or "openai-compatible"
    model: str                   # an id from agentkit.models, or a local server's model
    base_url: str | None = None  # for an OpenAI-compatible server such as Ollama


def failed_row(target: Target, case: PromptCase, error: BaseException, latency_ms: float | None) -> dict:
    return {"provider": target.provider, "model": target.model, "case": case.name, "ok": False,
            "error": f"{type(error).__name__}: {error}"[:300], "first_token_ms": None, "latency_ms": latency_ms,
            "input_tokens": None, "output_tokens": None, "cost_usd": None, "quality": None}


def measure(client: agentkit.Client, target: Target, case: PromptCase) -> dict:
    """One streamed call: time to the first text and to the end on a monotonic clock, usage, cost, quality.
    An agentkit.LLMError becomes a failed row; anything else is a bug and propagates."""
    ### BEGIN SOLUTION
    start = time.perf_counter()
    first = None
    try:
        stream = client.stream(case.prompt, system=case.system, max_tokens=case.max_tokens)
        for _ in stream:
            if first is None:
                first = time.perf_counter()
    except agentkit.LLMError as error:
        return failed_row(target, case, error, (time.perf_counter() - start) * 1000)
    end = time.perf_counter()
    reply = stream.reply
    return {"provider": target.provider, "model": target.model, "case": case.name, "ok": True, "error": None,
            "first_token_ms": ((first or end) - start) * 1000, "latency_ms": (end - start) * 1000,
            "input_tokens": reply.usage.input_tokens, "output_tokens": reply.usage.output_tokens,
            "cost_usd": reply.cost_usd, "quality": bool(case.check(reply.text))}
    ### END SOLUTION


def compare(targets: list[Target], cases: list[PromptCase], **client_options) -> list[dict]:
    """A row for every (target, case), targets in order and each target's cases in order. A target whose
    client cannot be made (an unknown model id, a missing key) gets a failed row per case, with latency None;
    the run goes on."""
    ### BEGIN SOLUTION
    rows = []
    for target in targets:
        try:
            client = agentkit.Client(target.provider, target.model, base_url=target.base_url, **client_options)
        except agentkit.LLMError as error:
            rows += [failed_row(target, case, error, None) for case in cases]
            continue
        rows += [measure(client, target, case) for case in cases]
    return rows
    ### END SOLUTION
