"""Rate limits for LLM calls: token buckets in one process, per key with bounded memory, and shared via Redis."""
from rate_limiter.bucket import RateLimiter, TokenBucket
from rate_limiter.keyed import PerKeyLimiter
from rate_limiter.shared import RedisRateLimiter

__all__ = ["TokenBucket", "RateLimiter", "PerKeyLimiter", "RedisRateLimiter"]
