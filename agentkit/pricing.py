"""Cost of a call in US dollars, from the maintained `genai-prices` database (never a hand-typed table).

A self-hosted model has no entry there. `COURSE_PRICE_PER_MTOK="input,output"` (US dollars per million tokens)
prices the model `COURSE_MODEL` names; it applies to that model only, so a typo in another model id is still
refused rather than billed at the configured price. Anything else genai-prices cannot price raises
UnknownModelError: a cost is never guessed and never $0 by default.
"""
from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation

import genai_prices

from agentkit.errors import UnknownModelError
from agentkit.types import Usage

PRICE_SETTING = "COURSE_PRICE_PER_MTOK"
PRICE_HINT = (f'set {PRICE_SETTING}="input,output" (US dollars per million tokens, e.g. "0,0" for a free local '
              "model) to price the model COURSE_MODEL names")


def parse_price(text: str) -> tuple[Decimal, Decimal]:
    """"0.2, 0.6" -> (Decimal("0.2"), Decimal("0.6")); ValueError naming the setting for anything else."""
    parts = [part.strip() for part in text.split(",")]
    try:
        price = tuple(Decimal(part) for part in parts)
    except InvalidOperation:
        price = ()
    if len(price) != 2 or not all(p.is_finite() and p >= 0 for p in price):
        raise ValueError(f'{PRICE_SETTING}={text!r}: use two amounts >= 0, input and output US dollars per '
                         'million tokens, such as "0.2,0.6"')
    return price


def configured_price(model: str) -> tuple[Decimal, Decimal] | None:
    """(input, output) US dollars per million tokens that COURSE_PRICE_PER_MTOK sets for `model`, or None when
    it is unset or `model` is not the one COURSE_MODEL names."""
    text = os.environ.get(PRICE_SETTING, "").strip()
    if not text or model != os.environ.get("COURSE_MODEL"):
        return None
    return parse_price(text)


def per_mtok_cost(price: tuple[Decimal, Decimal], usage: Usage) -> Decimal:
    """Flat per-token pricing; cached prompt tokens count as input (a self-hosted server bills no cache)."""
    per_in, per_out = price
    prompt = usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens
    return (prompt * per_in + usage.output_tokens * per_out) / 1_000_000


def database_cost(model: str, usage: Usage, *, provider: str | None = None) -> Decimal:
    """genai-prices' price, ignoring COURSE_PRICE_PER_MTOK. UnknownModelError when it has none."""
    priced = genai_prices.Usage(
        input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,
        output_tokens=usage.output_tokens,
        cache_read_tokens=usage.cache_read_tokens or None,
        cache_write_tokens=usage.cache_write_tokens or None,
    )
    try:
        price = genai_prices.calc_price(priced, model, provider_id=provider)
    except LookupError as exc:
        raise UnknownModelError(f"no price for model {model!r} (provider {provider or 'any'}): {exc}; "
                                f"{PRICE_HINT}") from exc
    if price.model_price.input_mtok is None or price.model_price.output_mtok is None:
        # Known but not priced per token (e.g. whisper-1 bills per minute): refuse rather than call it free.
        raise UnknownModelError(f"genai-prices has no per-token price for model {model!r}; {PRICE_HINT}")
    return price.total_price


def cost_decimal(model: str, usage: Usage, *, provider: str | None = None) -> Decimal:
    """COURSE_PRICE_PER_MTOK's price when it is set for `model`, else genai-prices'; UnknownModelError if neither."""
    configured = configured_price(model)
    if configured is not None:
        return per_mtok_cost(configured, usage)
    return database_cost(model, usage, provider=provider)


def cost_usd(model: str, usage: Usage, *, provider: str | None = None) -> float:
    """Price one call. A model that has no price raises UnknownModelError, never returns 0."""
    return float(cost_decimal(model, usage, provider=provider))


def price_per_million(model: str, *, provider: str | None = None) -> tuple[float, float]:
    """(input, output) US dollars per million tokens."""
    # Priced at 1,000 tokens and scaled: a million-token prompt would land in some models' long-context tier.
    return (
        cost_usd(model, Usage(input_tokens=1_000), provider=provider) * 1_000,
        cost_usd(model, Usage(output_tokens=1_000), provider=provider) * 1_000,
    )


def format_usd(amount: float | Decimal | None, digits: int = 6) -> str:
    """"$0.001144", or "unknown" for a cost nobody could price (a reply's cost_usd of None)."""
    return "unknown" if amount is None else f"${float(amount):.{digits}f}"
