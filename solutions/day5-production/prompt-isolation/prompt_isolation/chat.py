"""A chat front end that sends untrusted text only in the user turn, each part in a container it cannot close."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from agentkit import Reply

from prompt_isolation.boundary import random_boundary
from prompt_isolation.prompt import isolate


class IsolatedChat:
    """`IsolatedChat(client, system).ask(user_input, documents)`: one model call per question, with a fresh
    boundary each time, so a boundary seen in one answer is useless in the next request."""

    def __init__(self, client, system: str, *, model: str | None = None, max_tokens: int = 1024,
                 new_boundary: Callable[[], str] = random_boundary):
        self.client = client
        self.system = system
        self.model = model
        self.max_tokens = max_tokens
        self.new_boundary = new_boundary

    def ask(self, user_input: str, documents: Sequence[str] = ()) -> Reply:
        prompt = isolate(self.system, user_input, documents, new_boundary=self.new_boundary)
        return self.client.chat(prompt.user, system=prompt.system, model=self.model, max_tokens=self.max_tokens)
