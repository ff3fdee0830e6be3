"""Retry with capped exponential backoff and full jitter, and a fallback chain across providers."""
from resilience.fallback import FallbackChain
from resilience.retry import RetryPolicy, backoff_delay, retry

__all__ = ["RetryPolicy", "backoff_delay", "retry", "FallbackChain"]
