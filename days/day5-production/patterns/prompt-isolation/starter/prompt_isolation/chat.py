"""A chat front end that sends untrusted text only in the user turn, each part in a container it cannot close.

Contract: `IsolatedChat(client, system, *, model=None, max_tokens=1024, new_boundary=random_boundary)`;
`ask(user_input, documents=())` builds `isolate(system, user_input, documents, new_boundary=...)` (a fresh
boundary for every request) and returns `client.chat(user_turn, system=system_prompt, model=model,
max_tokens=max_tokens)`: the agentkit Reply.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from agentkit import Reply

from prompt_isolation.boundary import random_boundary
from prompt_isolation.prompt import isolate  # noqa: F401


class IsolatedChat:
    """`IsolatedChat(client, system).ask(user_input, documents)`: one model call per question."""

    def __init__(self, client, system: str, *, model: str | None = None, max_tokens: int = 1024,
                 new_boundary: Callable[[], str] = random_boundary):
        self.client = client
        self.system = system
        self.model = model
        self.max_tokens = max_tokens
        self.new_boundary = new_boundary

    def ask(self, user_input: str, documents: Sequence[str] = ()) -> Reply:
        # TODO step 4: isolate, then one client.chat call with the user turn as the message and the system prompt.
        raise NotImplementedError("step 4: IsolatedChat.ask")
