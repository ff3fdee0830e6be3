### BEGIN STARTER
# """A chat front end that sends untrusted text only in the user turn, each part in a container it cannot close.
#
# Contract: `IsolatedChat(client, system, *, model=None, max_tokens=1024, new_boundary=random_boundary)`;
# `ask(user_input, documents=())` builds `isolate(system, user_input, documents, new_boundary=...)` (a fresh
# boundary for every request) and returns `client.chat(user_turn, system=system_prompt, model=model,
# max_tokens=max_tokens)`: the agentkit Reply.
# """
### END STARTER
### BEGIN SOLUTION
"""A chat front end that sends untrusted text only in the user turn, each part in a container it cannot close."""
### END SOLUTION
from __future__ import annotations

from collections.abc import Callable, Sequence

from agentkit import Reply

from prompt_isolation.boundary import random_boundary
### BEGIN STARTER
# from prompt_isolation.prompt import isolate  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from prompt_isolation.prompt import isolate
### END SOLUTION


class IsolatedChat:
    ### BEGIN STARTER
    # """`IsolatedChat(client, system).ask(user_input, documents)`: one model call per question."""
    ### END STARTER
    ### BEGIN SOLUTION
    """`IsolatedChat(client, system).ask(user_input, documents)`: one model call per question, with a fresh
    boundary each time, so a boundary seen in one answer is useless in the next request."""
    ### END SOLUTION

    def __init__(self, client, system: str, *, model: str | None = None, max_tokens: int = 1024,
                 new_boundary: Callable[[], str] = random_boundary):
        self.client = client
        self.system = system
        self.model = model
        self.max_tokens = max_tokens
        self.new_boundary = new_boundary

    def ask(self, user_input: str, documents: Sequence[str] = ()) -> Reply:
        ### BEGIN STARTER
        # # TODO step 4: isolate, then one client.chat call with the user turn as the message and the system prompt.
        # raise NotImplementedError("step 4: IsolatedChat.ask")
        ### END STARTER
        ### BEGIN SOLUTION
        prompt = isolate(self.system, user_input, documents, new_boundary=self.new_boundary)
        return self.client.chat(prompt.user, system=prompt.system, model=self.model, max_tokens=self.max_tokens)
        ### END SOLUTION
