"""What the graders call: run the student's `resilience` package and hand back plain JSON data only.

Waits are recorded, never slept: the driver passes a `sleep` that appends to a list, and a `rand` that
returns the numbers a test chose, so every assertion is about the requested waits, not the wall clock."""
from __future__ import annotations

import itertools

import agentkit

ERROR_KINDS = (agentkit.RateLimitError, agentkit.TimeoutError, agentkit.ServerError, agentkit.AuthError,
               agentkit.BadRequestError, agentkit.LLMError)
SYSTEM = "You are the help desk assistant. Answer in one sentence."


def draws(rand):
    """A `rand` callable: a constant, or the given numbers in turn (repeating)."""
    if isinstance(rand, (int, float)):
        return lambda: float(rand)
    numbers = itertools.cycle([float(r) for r in rand])
    return lambda: next(numbers)


def error_of(exc: BaseException) -> dict:
    kind = next((cls.__name__ for cls in ERROR_KINDS if isinstance(exc, cls)), type(exc).__name__)
    status = getattr(exc, "status", None)
    return {"kind": kind, "message": str(exc)[:500], "status": None if status is None else int(status),
            "provider": str(getattr(exc, "provider", "") or "")}


def reply_of(reply) -> dict:
    return {"text": str(reply.text), "provider": str(reply.provider), "model": str(reply.model)}


def policy(submission, max_attempts: int, base_delay: float, max_delay: float):
    return submission.RetryPolicy(max_attempts=max_attempts, base_delay=base_delay, max_delay=max_delay)


def retry_chat(submission, provider: str, prompt: str, max_attempts: int = 4, base_delay: float = 0.5,
               max_delay: float = 20.0, rand=0.5, policy_fields: dict | None = None,
               default_policy: bool = False) -> dict:
    """`retry(lambda: client.chat(prompt), ...)` on one client; the sleeps it asked for and what it returned.
    `policy_fields`: build `RetryPolicy(**policy_fields)` instead (fields left out keep their defaults);
    `default_policy`: pass `policy=None`."""
    client = agentkit.Client(provider)
    sleeps: list[float] = []
    attempts = [0]

    def call():
        attempts[0] += 1
        return client.chat(prompt, system=SYSTEM, max_tokens=200)

    outcome = {"reply": None, "error": None}
    try:
        if default_policy:
            chosen = None
        elif policy_fields is not None:
            chosen = submission.RetryPolicy(**policy_fields)
        else:
            chosen = policy(submission, max_attempts, base_delay, max_delay)
        reply = submission.retry(call, policy=chosen, sleep=lambda s: sleeps.append(float(s)), rand=draws(rand))
        outcome["reply"] = reply_of(reply)
    except Exception as exc:  # noqa: BLE001 - what it raised is the result
        outcome["error"] = error_of(exc)
    return {**outcome, "sleeps": sleeps, "attempts": int(attempts[0])}


def retry_plain(submission, max_attempts: int = 4) -> dict:
    """`retry` on a call that fails with a ValueError (a bug in our own code, not the provider)."""
    sleeps: list[float] = []
    attempts = [0]

    def call():
        attempts[0] += 1
        raise ValueError("prompt template is missing {question}")

    try:
        submission.retry(call, policy=policy(submission, max_attempts, 0.5, 20.0),
                         sleep=lambda s: sleeps.append(float(s)), rand=draws(0.5))
        error = None
    except Exception as exc:  # noqa: BLE001
        error = error_of(exc)
    return {"error": error, "sleeps": sleeps, "attempts": int(attempts[0])}


def fallback_chat(submission, prompt: str, max_attempts: int = 3, base_delay: float = 0.5,
                  max_delay: float = 20.0, rand=0.5, options: dict | None = None) -> dict:
    """`FallbackChain([Client("anthropic"), Client("openai")]).chat(prompt, system=..., max_tokens=...)`,
    with `options` added to the call's keyword arguments."""
    clients = [agentkit.Client("anthropic"), agentkit.Client("openai")]
    sleeps: list[float] = []
    chain = submission.FallbackChain(clients, policy=policy(submission, max_attempts, base_delay, max_delay),
                                     sleep=lambda s: sleeps.append(float(s)), rand=draws(rand))
    outcome = {"reply": None, "error": None}
    try:
        outcome["reply"] = reply_of(chain.chat(prompt, system=SYSTEM, max_tokens=200, **(options or {})))
    except Exception as exc:  # noqa: BLE001
        outcome["error"] = error_of(exc)
    return {**outcome, "sleeps": sleeps}


def policy_settings(submission, settings: list[dict]) -> dict:
    """For each set of `RetryPolicy` arguments: "accepted", or the name of what the constructor raised."""
    outcomes = []
    for kwargs in settings:
        try:
            submission.RetryPolicy(**kwargs)
            outcomes.append("accepted")
        except Exception as exc:  # noqa: BLE001
            outcomes.append("ValueError" if isinstance(exc, ValueError) else type(exc).__name__)
    return {"outcomes": outcomes}
