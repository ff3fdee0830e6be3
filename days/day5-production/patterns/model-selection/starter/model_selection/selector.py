"""The selector: price every candidate's worst case with genai-prices and take the best one the budget allows.

Contract of `ModelSelector(candidates, provider=...)`:

1. Construction refuses what it cannot price: a ValueError for no candidates, a model listed twice or a rank below
   1; an agentkit.UnknownModelError for a model that is not in the course registry (agentkit.REGISTRY), belongs to
   another provider, or has no genai-prices price. An unknown model is never priced at $0.
2. `worst_case_cost(model, input_tokens, max_tokens)`: genai-prices' price (agentkit.cost_usd, with the selector's
   provider) of input_tokens in and max_tokens out: the most the call can cost.
3. `choose(complexity, *, input_tokens, max_tokens, budget)`: complexity is a key of COMPLEXITIES (else ValueError).
   The ceiling is the least capable rank that covers it (the smallest candidate rank >= COMPLEXITIES[complexity];
   the highest rank if none is that capable); never choose above it. From the ceiling down, most capable first and
   the cheaper of equal ranks first, return the first candidate whose worst case is <= budget.request_limit(),
   as a Selection (passed_over: the candidates tried before it). If none fits, raise NoAffordableModel naming the
   cheapest candidate and its worst case.
4. `chat(client, prompt, *, complexity, budget, system=None, max_tokens=1024)`: choose with
   prompt_tokens(prompt, system) and max_tokens, then client.chat(prompt, system=system, max_tokens=max_tokens,
   model=<the chosen model>) and return Chosen(selection, reply). A refusal sends nothing.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from agentkit import REGISTRY, Reply, UnknownModelError, Usage, cost_usd  # noqa: F401
from model_selection.budget import Budget
from model_selection.candidates import COMPLEXITIES, Candidate, prompt_tokens  # noqa: F401


class NoAffordableModel(Exception):
    """Not even the cheapest candidate's worst case fits what this request may spend."""

    def __init__(self, message: str, *, cheapest: str, cheapest_cost: float, limit: float):
        super().__init__(message)
        self.cheapest, self.cheapest_cost, self.limit = cheapest, cheapest_cost, limit


@dataclass(frozen=True)
class Selection:
    model: str
    rank: int
    worst_case_cost: float       # US dollars: input_tokens in and max_tokens out, priced by genai-prices
    limit: float                 # what this request was allowed to spend (Budget.request_limit)
    input_tokens: int
    max_tokens: int
    passed_over: tuple[str, ...] = ()  # better-suited candidates that did not fit, most capable first


@dataclass(frozen=True)
class Chosen:
    selection: Selection
    reply: Reply


class ModelSelector:
    """`ModelSelector(candidates, provider=...).choose("complex", input_tokens=..., max_tokens=..., budget=...)`"""

    def __init__(self, candidates: Iterable[Candidate], *, provider: str):
        self.provider = provider
        self.candidates = list(candidates)
        # TODO step 3: rule 1 of the contract: refuse bad candidates here, before any request.

    def worst_case_cost(self, model: str, input_tokens: int, max_tokens: int) -> float:
        """The most a call can cost: every input token, and an answer as long as max_tokens allows."""
        # TODO step 3: rule 2.
        raise NotImplementedError("step 3: ModelSelector.worst_case_cost")

    def choose(self, complexity: str, *, input_tokens: int, max_tokens: int, budget: Budget) -> Selection:
        """The most capable candidate the task needs whose worst case fits budget.request_limit()."""
        # TODO step 4: rule 3.
        raise NotImplementedError("step 4: ModelSelector.choose")

    def chat(self, client: Any, prompt: str, *, complexity: str, budget: Budget, system: str | None = None,
             max_tokens: int = 1024) -> Chosen:
        """Choose for this prompt, then send it to the chosen model with the same max_tokens the estimate used
        (without it the worst case is no bound). Raises NoAffordableModel before anything is sent."""
        # TODO step 5: rule 4.
        raise NotImplementedError("step 5: ModelSelector.chat")
