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

### BEGIN STARTER
# from agentkit import REGISTRY, Reply, UnknownModelError, Usage, cost_usd  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from agentkit import REGISTRY, Reply, UnknownModelError, Usage, cost_usd
### END SOLUTION
from model_selection.budget import Budget
### BEGIN STARTER
# from model_selection.candidates import COMPLEXITIES, Candidate, prompt_tokens  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from model_selection.candidates import COMPLEXITIES, Candidate, prompt_tokens
### END SOLUTION


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
        ### BEGIN STARTER
        # # TODO step 3: rule 1 of the contract: refuse bad candidates here, before any request.
        ### END STARTER
        ### BEGIN SOLUTION
        if not self.candidates:
            raise ValueError("a selector needs at least one candidate")
        if len({c.model for c in self.candidates}) != len(self.candidates):
            raise ValueError("each model may be a candidate once")
        for candidate in self.candidates:
            if candidate.rank < 1:
                raise ValueError(f"{candidate.model}: rank must be 1 or more")
            listed = REGISTRY.get(candidate.model)
            if listed is None or listed.provider != provider:
                raise UnknownModelError(
                    f"{candidate.model!r}: not a model of provider {provider!r} in the course registry")
            self.worst_case_cost(candidate.model, 1, 1)  # UnknownModelError now if genai-prices has no price
        ### END SOLUTION

    def worst_case_cost(self, model: str, input_tokens: int, max_tokens: int) -> float:
        """The most a call can cost: every input token, and an answer as long as max_tokens allows."""
        ### BEGIN STARTER
        # # TODO step 3: rule 2.
        # raise NotImplementedError("step 3: ModelSelector.worst_case_cost")
        ### END STARTER
        ### BEGIN SOLUTION
        return cost_usd(model, Usage(input_tokens=input_tokens, output_tokens=max_tokens), provider=self.provider)
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _ladder(self, complexity: str) -> list[Candidate]:
        """Candidates to try, best first: from the least capable rank that covers the task down to rank 1."""
        if complexity not in COMPLEXITIES:
            raise ValueError(f"unknown complexity {complexity!r}; use one of {', '.join(COMPLEXITIES)}")
        ranks = sorted({c.rank for c in self.candidates})
        ceiling = next((r for r in ranks if r >= COMPLEXITIES[complexity]), ranks[-1])
        return [c for c in self.candidates if c.rank <= ceiling]
    ### END SOLUTION

    def choose(self, complexity: str, *, input_tokens: int, max_tokens: int, budget: Budget) -> Selection:
        ### BEGIN STARTER
        # """The most capable candidate the task needs whose worst case fits budget.request_limit()."""
        # # TODO step 4: rule 3.
        # raise NotImplementedError("step 4: ModelSelector.choose")
        ### END STARTER
        ### BEGIN SOLUTION
        limit = budget.request_limit()
        ladder = self._ladder(complexity)
        priced = sorted(((c, self.worst_case_cost(c.model, input_tokens, max_tokens)) for c in ladder),
                        key=lambda pair: (-pair[0].rank, pair[1]))  # most capable first; the cheaper of equals first
        for index, (candidate, cost) in enumerate(priced):
            if cost <= limit:
                passed = tuple(c.model for c, _ in priced[:index])
                return Selection(candidate.model, candidate.rank, cost, limit, input_tokens, max_tokens, passed)
        cheapest, cheapest_cost = min(priced, key=lambda pair: pair[1])
        raise NoAffordableModel(
            f"no model fits: the cheapest, {cheapest.model}, could cost ${cheapest_cost:.6f} for {input_tokens:,} "
            f"tokens in and {max_tokens:,} out, and this request may spend ${limit:.6f}",
            cheapest=cheapest.model, cheapest_cost=cheapest_cost, limit=limit)
        ### END SOLUTION

    def chat(self, client: Any, prompt: str, *, complexity: str, budget: Budget, system: str | None = None,
             max_tokens: int = 1024) -> Chosen:
        """Choose for this prompt, then send it to the chosen model with the same max_tokens the estimate used
        (without it the worst case is no bound). Raises NoAffordableModel before anything is sent."""
        ### BEGIN STARTER
        # # TODO step 5: rule 4.
        # raise NotImplementedError("step 5: ModelSelector.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        if client.provider != self.provider:
            raise ValueError(f"the client talks to {client.provider}; these candidates are {self.provider} models")
        selection = self.choose(complexity, input_tokens=prompt_tokens(prompt, system), max_tokens=max_tokens,
                                budget=budget)
        reply = client.chat(prompt, system=system, max_tokens=max_tokens, model=selection.model)
        return Chosen(selection, reply)
        ### END SOLUTION
