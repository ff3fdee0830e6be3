"""Cost of a call in US dollars, from the maintained `genai-prices` database (never a hand-typed table)."""
from __future__ import annotations

from decimal import Decimal

import genai_prices

from agentkit.errors import UnknownModelError
from agentkit.types import Usage


def cost_usd(model: str, usage: Usage, *, provider: str | None = None) -> float:
    """Price one call. A model genai-prices cannot price raises UnknownModelError, never returns 0."""
    return float(cost_decimal(model, usage, provider=provider))


def cost_decimal(model: str, usage: Usage, *, provider: str | None = None) -> Decimal:
    priced = genai_prices.Usage(
        input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_tokens or None,
        cache_write_tokens=usage.cache_write_tokens or None,
    )
    try:
        price = genai_prices.calc_price(priced, model, provider_id=provider)
    except LookupError as exc:
        raise UnknownModelError(f"no price for model {model!r} (provider {provider or 'any'}): {exc}") from exc
    if price.model_price.input_mtok is None or price.model_price.output_mtok is None:
        # Known but not priced per token (e.g. whisper-1 bills per minute): refuse rather than call it free.
        raise UnknownModelError(f"genai-prices has no per-token price for model {model!r}")
    return price.total_price


def price_per_million(model: str, *, provider: str | None = None) -> tuple[float, float]:
    """(input, output) US dollars per million tokens."""
    # Priced at 1,000 tokens and scaled: a million-token prompt would land in some models' long-context tier.
    return (
        cost_usd(model, Usage(input_tokens=1_000), provider=provider) * 1_000,
        cost_usd(model, Usage(output_tokens=1_000), provider=provider) * 1_000,
    )
