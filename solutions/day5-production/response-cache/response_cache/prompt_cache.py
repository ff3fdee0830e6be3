### BEGIN STARTER
# """Provider prompt caching, measured: what a call saved (or cost extra) because part of its prompt was cached."""
### END STARTER
### BEGIN SOLUTION
"""Provider prompt caching, measured: what a call saved (or cost extra) because part of its prompt was cached.

Both providers report cached prompt tokens in the usage of each reply, and agentkit puts them in
`Usage.cache_read_tokens` (served from the provider's cache, billed at a fraction of the input price) and
`Usage.cache_write_tokens` (stored into it; Anthropic bills these above the input price, OpenAI does not).
The prices come from the maintained genai-prices database through agentkit.pricing, never a typed-in table.
"""
### END SOLUTION
from __future__ import annotations

from agentkit import Usage
### BEGIN SOLUTION
from agentkit.pricing import cost_decimal


def _as_if_uncached(usage: Usage) -> Usage:
    """The same call with every cached token billed as ordinary input."""
    return Usage(input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,
                 output_tokens=usage.output_tokens)


def cost_without_caching(usage: Usage, model: str, *, provider: str | None = None) -> float:
    """What the call would have cost with no prompt caching at all."""
    return float(cost_decimal(model, _as_if_uncached(usage), provider=provider))
### END SOLUTION


def cache_savings(usage: Usage, model: str, *, provider: str | None = None) -> float:
    ### BEGIN STARTER
    # """US dollars saved by prompt caching on one call: what it would have cost with every cached token
    # (usage.cache_read_tokens and usage.cache_write_tokens) billed as ordinary input, minus what it did cost.
    # Negative when writing to the cache cost more than it saved."""
    # # TODO step 6: two prices from agentkit.pricing.cost_usd (the genai-prices database), never typed-in numbers.
    # raise NotImplementedError("step 6: cache_savings")
    ### END STARTER
    ### BEGIN SOLUTION
    """US dollars saved by prompt caching on one call: its cost without caching minus its actual cost.

    Negative when the call wrote to the cache and read nothing (Anthropic's cache writes cost 1.25x input);
    that premium is repaid by the first call that reads the prefix back at 0.1x.
    """
    saved = cost_decimal(model, _as_if_uncached(usage), provider=provider) - cost_decimal(model, usage,
                                                                                         provider=provider)
    return float(saved)
    ### END SOLUTION
