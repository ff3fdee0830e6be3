"""Provider prompt caching, measured: what a call saved (or cost extra) because part of its prompt was cached."""
from __future__ import annotations

from agentkit import Usage


def cache_savings(usage: Usage, model: str, *, provider: str | None = None) -> float:
    """US dollars saved by prompt caching on one call: what it would have cost with every cached token
    (usage.cache_read_tokens and usage.cache_write_tokens) billed as ordinary input, minus what it did cost.
    Negative when writing to the cache cost more than it saved."""
    # TODO step 6: two prices from agentkit.pricing.cost_usd (the genai-prices database), never typed-in numbers.
    raise NotImplementedError("step 6: cache_savings")
