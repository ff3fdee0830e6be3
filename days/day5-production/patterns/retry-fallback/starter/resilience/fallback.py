"""A fallback chain: each client in turn, each with its own retries, until one answers.

Contract:

1. `FallbackChain(clients, *, policy=None, sleep=time.sleep, rand=random.random)`; `clients` is a list of
   `agentkit.Client`s in order of preference, each carrying its own model.
2. `chat(messages, **options)` sends the same `messages` and `options` (system prompt, max_tokens, ...) to
   the first client through `retry(...)` with the chain's policy, sleep and rand, and returns its Reply.
3. If that client's retries end in a *retryable* error, go on to the next client. If any client raises a
   non-retryable error (a bad request), raise it at once: do not try the others.
4. If every client failed, raise the last client's error.
"""
from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from agentkit import LLMError, Reply  # noqa: F401

from resilience.retry import RetryPolicy, retry  # noqa: F401


class FallbackChain:
    """`FallbackChain([Client("anthropic"), Client("openai")]).chat(messages, **options)` -> the first Reply."""

    def __init__(self, clients: Sequence[Any], *, policy: RetryPolicy | None = None,
                 sleep: Callable[[float], object] = time.sleep, rand: Callable[[], float] = random.random):
        self.clients = list(clients)
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.rand = rand

    def chat(self, messages, **options: Any) -> Reply:
        # TODO step 5: for each client, try retry(lambda: client.chat(messages, **options), ...).
        raise NotImplementedError("step 5: FallbackChain.chat")
