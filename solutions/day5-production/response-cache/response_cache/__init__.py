"""Response caching for LLM calls: exact-match keys, a bounded TTL cache, a decorator, a Redis-backed cache,
and the savings from the providers' own prompt caching."""
from response_cache.cache import CacheStats, ResponseCache, cache_key, cached
### BEGIN STARTER
# from response_cache.prompt_cache import cache_savings
### END STARTER
### BEGIN SOLUTION
from response_cache.prompt_cache import cache_savings, cost_without_caching
### END SOLUTION
from response_cache.shared import RedisResponseCache

### BEGIN STARTER
# __all__ = ["cache_key", "ResponseCache", "CacheStats", "cached", "RedisResponseCache", "cache_savings"]
### END STARTER
### BEGIN SOLUTION
__all__ = ["cache_key", "ResponseCache", "CacheStats", "cached", "RedisResponseCache", "cache_savings",
           "cost_without_caching"]
### END SOLUTION
