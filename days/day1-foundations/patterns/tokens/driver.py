"""What the graders call: exercise the student's `token_budget` package and hand back plain JSON data only.

`calls(submission, steps)`: each step is [FUNCTION, ARGS, KWARGS]; a `usage` argument is a dict of agentkit.Usage
fields. Each gives {"value": ..., "type": ...} or {"raised": ERROR, "message": ..., plus ContextWindowError's
numbers}. `provider_count` builds the provider's SDK client (its requests go to the grader's scenario).
"""
from __future__ import annotations

import copy
from decimal import Decimal

import agentkit

FUNCTIONS = ("count_tokens", "estimate_prompt_tokens", "largest_max_tokens", "trim_history", "call_cost",
             "worst_case_cost")


def kind_of(exc: BaseException, submission) -> str:
    if isinstance(exc, submission.ContextWindowError):
        return "ContextWindowError"
    if isinstance(exc, agentkit.UnknownModelError):
        return "UnknownModelError"
    if isinstance(exc, ValueError):
        return "ValueError"
    return type(exc).__name__


def failure(exc: BaseException, submission) -> dict:
    found = {"raised": kind_of(exc, submission), "message": str(exc)[:500]}
    for name in ("model", "prompt_tokens", "context_window", "max_tokens"):
        value = getattr(exc, name, None)
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            found[name] = value
    return found


def plain(value):
    if isinstance(value, Decimal):
        return {"value": str(value), "type": "Decimal"}
    if isinstance(value, list):
        return {"value": [dict(m) if isinstance(m, dict) else repr(m) for m in value], "type": "list"}
    if isinstance(value, bool) or not isinstance(value, (int, str, float)):
        return {"value": repr(value)[:200], "type": type(value).__name__}
    return {"value": value, "type": type(value).__name__}


def calls(submission, steps: list) -> dict:
    results = []
    for name, args, kwargs in steps:
        if name not in FUNCTIONS:
            raise ValueError(f"unknown function {name!r}")
        args, kwargs = copy.deepcopy(args), copy.deepcopy(kwargs)
        if name == "call_cost":
            args = [args[0], agentkit.Usage(**args[1])]
        given = copy.deepcopy(args)
        try:
            outcome = plain(getattr(submission, name)(*args, **kwargs))
        except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
            outcome = failure(exc, submission)
        if name == "trim_history":
            outcome["input_unchanged"] = args == given
        results.append(outcome)
    return {"results": results}


def provider_count(submission, provider: str, model: str, messages: list, system: str | None = None) -> dict:
    if provider == "anthropic":
        import anthropic
        client = anthropic.Anthropic(api_key="replay-mode-no-key", max_retries=0)
    else:
        import openai
        client = openai.OpenAI(api_key="replay-mode-no-key", max_retries=0)
    try:
        return plain(submission.count_with_provider(client, model, messages, system))
    except Exception as exc:  # noqa: BLE001
        return failure(exc, submission)
