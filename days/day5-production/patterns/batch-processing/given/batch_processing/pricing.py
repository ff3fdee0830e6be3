"""What a job costs at the standard rate and at the batch APIs' rate, both from the genai-prices database.

genai-prices keeps the providers' batch prices as a price variant selected by the request context
{"processing": "batch"}; for a model with no batch price it gives the standard price, never a guess.
"""
from __future__ import annotations

import genai_prices

from agentkit import Usage, UnknownModelError

BATCH = {"processing": "batch"}


def cost_usd(model: str, usage: Usage, *, batch: bool = False, provider: str | None = None) -> float:
    """US dollars for one call's usage; `batch=True` prices it as a batch API request."""
    priced = genai_prices.Usage(
        input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_tokens or None,
        cache_write_tokens=usage.cache_write_tokens or None)
    try:
        price = genai_prices.calc_price(priced, model, provider_id=provider, price_context=BATCH if batch else None)
    except LookupError as exc:
        raise UnknownModelError(f"no price for model {model!r}: {exc}") from exc
    return float(price.total_price)


def job_cost_usd(model: str, usages: list[Usage], *, batch: bool = True, provider: str | None = None) -> float:
    """The total for many calls' usage (the `usage` of each succeeded JobResult)."""
    return sum(cost_usd(model, usage, batch=batch, provider=provider) for usage in usages)
