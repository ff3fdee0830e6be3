### BEGIN STARTER
# """What a call costs, from the maintained `genai-prices` database: never a hand-typed table, never $0 by default.
#
# A budget is only as good as its prices. A model genai-prices cannot find (a typo, a model too new for the
# installed data) must raise `UnknownModelError`; so must a model it knows without a per-token price for input or
# output (an audio, moderation or embedding model), because counting those tokens at $0 is the same hole.
# """
### END STARTER
### BEGIN SOLUTION
"""What a call costs, from the maintained `genai-prices` database: never a hand-typed table, never $0 by default.

A budget is only as good as its prices. A model genai-prices cannot find (a typo, a model too new for the
installed data) raises `UnknownModelError`; so does a model it knows without a per-token price for input or
output (an audio, moderation or embedding model), because counting those tokens at $0 is the same hole.
"""
### END SOLUTION
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

### BEGIN STARTER
# import genai_prices  # noqa: F401 - you will call genai_prices.calc_price
### END STARTER
### BEGIN SOLUTION
import genai_prices
### END SOLUTION

from agentkit.errors import UnknownModelError
from agentkit.models import REGISTRY
from agentkit.pricing import PRICE_HINT, configured_price, per_mtok_cost
from agentkit.types import Usage


class UnpricedModelError(UnknownModelError):
    """genai-prices knows the model but has no price per input or output token for it."""


def provider_for(model: str, provider: str | None = None) -> str | None:
    """The genai-prices provider id: the one given, else the course registry's, else None (genai-prices
    infers it from the model name)."""
    if provider:
        return provider
    info = REGISTRY.get(model)
    return info.provider if info else None


def _as_priced_usage(usage: Usage) -> genai_prices.Usage:
    counts = (usage.input_tokens, usage.output_tokens, usage.cache_read_tokens, usage.cache_write_tokens)
    if min(counts) < 0:
        raise ValueError(f"token counts cannot be negative: {usage}")
    # agentkit counts cached prompt tokens apart from input_tokens; genai-prices wants them included.
    return genai_prices.Usage(
        input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_tokens or None,
        cache_write_tokens=usage.cache_write_tokens or None,
    )


def cost(model: str, usage: Usage, *, provider: str | None = None, at: datetime | None = None) -> Decimal:
    ### BEGIN STARTER
    # """US dollars for `usage` on `model`, at the prices in force at `at` (now if None), as a Decimal.
    #
    # - genai_prices.calc_price(_as_priced_usage(usage), model, provider_id=provider_for(model, provider),
    #   genai_request_timestamp=at) returns a calculation; its `.total_price` is the answer.
    # - calc_price raises LookupError for a model it cannot find: raise UnknownModelError instead, with a
    #   message that names the model.
    # - The calculation's `.model_price` has `.input_mtok` and `.output_mtok` (None when genai-prices has no such
    #   price): raise UnpricedModelError (a kind of UnknownModelError) when either is None.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """US dollars for `usage` on `model`, at the prices in force at `at` (now if None)."""
    ### END SOLUTION
    if (configured := configured_price(model)) is not None:  # given: COURSE_PRICE_PER_MTOK, for a self-hosted model
        return per_mtok_cost(configured, usage)
    ### BEGIN STARTER
    # # TODO step 1
    # raise NotImplementedError("step 1: prices.cost")
    ### END STARTER
    ### BEGIN SOLUTION
    priced = _as_priced_usage(usage)
    provider_id = provider_for(model, provider)
    try:
        calculation = genai_prices.calc_price(priced, model, provider_id=provider_id, genai_request_timestamp=at)
    except LookupError as exc:
        raise UnknownModelError(f"cannot price model {model!r} (provider {provider_id or 'inferred'}): {exc}. "
                                f"Refusing the request rather than counting it as $0; {PRICE_HINT}.") from None
    prices = calculation.model_price
    if prices.input_mtok is None or prices.output_mtok is None:
        raise UnpricedModelError(f"genai-prices knows {calculation.model.id!r} ({calculation.provider.id}) but has "
                                 f"no price per input and output token ({str(prices) or 'none at all'}). "
                                 "Refusing the request rather than counting its tokens as $0.")
    return calculation.total_price
    ### END SOLUTION


def worst_case(model: str, input_tokens: int, max_output_tokens: int, *, provider: str | None = None,
               at: datetime | None = None) -> Decimal:
    """The most a call can cost: its prompt plus every output token `max_tokens` allows."""
    return cost(model, Usage(input_tokens=input_tokens, output_tokens=max_output_tokens), provider=provider, at=at)


def per_million(model: str, *, provider: str | None = None, at: datetime | None = None) -> tuple[Decimal, Decimal]:
    """(input, output) US dollars per million tokens for a short prompt (below any long-context tier)."""
    per_thousand = [cost(model, Usage(**{field: 1_000}), provider=provider, at=at)
                    for field in ("input_tokens", "output_tokens")]
    return per_thousand[0] * 1_000, per_thousand[1] * 1_000
