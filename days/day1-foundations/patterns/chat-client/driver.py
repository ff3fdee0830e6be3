"""What the graders call: run the student's `chat_client` package and hand back plain JSON data only.

Every call is `client.chat(messages, system=..., max_tokens=...)` (or `achat`) on
`ChatClient(provider, model, base_url=..., api_key="replay-key", timeout=..., max_retries=...)`.
An outcome is {"reply": {...}} or {"raised": {...}}; money goes back as a string with its type name.
"""
from __future__ import annotations

import asyncio
import inspect

import anthropic
import openai

KINDS = ("RateLimitError", "AuthError", "BadRequestError", "TimeoutError", "ServerError")
KEY = "replay-key"


def make_client(submission, provider: str, model: str | None, base_url: str | None, max_retries: int,
                timeout: float):
    return submission.ChatClient(provider, model, base_url=base_url, api_key=KEY, timeout=timeout,
                                 max_retries=max_retries)


def describe_reply(reply) -> dict:
    usage = getattr(reply, "usage", None)
    cost = getattr(reply, "cost_usd", None)
    return {"reply": {
        "type": type(reply).__name__,
        "text": str(getattr(reply, "text", None)),
        "model": str(getattr(reply, "model", None)),
        "provider": str(getattr(reply, "provider", None)),
        "stop_reason": str(getattr(reply, "stop_reason", None)),
        "usage": {"input_tokens": int(getattr(usage, "input_tokens", -1)),
                  "output_tokens": int(getattr(usage, "output_tokens", -1))},
        "cost": None if cost is None else str(cost),
        "cost_type": type(cost).__name__,
    }}


def describe_error(exc: BaseException, submission) -> dict:
    retry_after = getattr(exc, "retry_after", None)
    status = getattr(exc, "status", None)
    return {"raised": {
        "type": type(exc).__name__,
        "kinds": [name for name in KINDS if isinstance(exc, getattr(submission, name))],
        "llm_error": isinstance(exc, submission.LLMError),
        "sdk_error": isinstance(exc, (anthropic.AnthropicError, openai.OpenAIError)),
        "status": status if isinstance(status, int) else None,
        "retry_after": float(retry_after) if isinstance(retry_after, (int, float)) else None,
        "provider": str(getattr(exc, "provider", "")),
        "retryable": bool(getattr(exc, "retryable", False)),
        "cause": type(exc.__cause__).__name__ if exc.__cause__ is not None else None,
        "message": str(exc)[:300],
    }}


def conversation(submission, provider: str, calls: list, model: str | None = None, base_url: str | None = None,
                 max_retries: int = 0, timeout: float = 30.0, use_async: bool = False) -> dict:
    """Each call: {"messages": str or list, "system": str or None, "max_tokens": int}."""
    client = make_client(submission, provider, model, base_url, max_retries, timeout)

    async def one_async(call):
        return await client.achat(call["messages"], system=call.get("system"), max_tokens=call["max_tokens"])

    outcomes = []
    for call in calls:
        try:
            if use_async:
                reply = asyncio.run(one_async(call))
            else:
                reply = client.chat(call["messages"], system=call.get("system"), max_tokens=call["max_tokens"])
            outcomes.append(describe_reply(reply))
        except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
            outcomes.append(describe_error(exc, submission))
    return {"outcomes": outcomes}


def event_loop_while_waiting(submission, provider: str, prompt: str, system: str | None, max_tokens: int) -> dict:
    """Await `achat` while another task counts how often the event loop lets it run. A client that blocks the
    loop (a sync call inside `async def`) lets nothing else run until its reply is back."""
    client = make_client(submission, provider, None, None, 0, 30.0)
    is_coroutine = inspect.iscoroutinefunction(type(client).achat)

    async def main():
        ticks, done = [0], asyncio.Event()

        async def ticker():
            while not done.is_set():
                ticks[0] += 1
                await asyncio.sleep(0)

        task = asyncio.create_task(ticker())
        await asyncio.sleep(0)
        before = ticks[0]
        try:
            outcome = describe_reply(await client.achat(prompt, system=system, max_tokens=max_tokens))
        except Exception as exc:  # noqa: BLE001
            outcome = describe_error(exc, submission)
        during = ticks[0] - before
        done.set()
        await task
        return outcome, during

    outcome, during = asyncio.run(main())
    return {"outcome": outcome, "ticks_during": during, "is_coroutine": is_coroutine}
