"""A token bucket per key kept in Redis, so every process behind the load balancer shares one limit."""
from __future__ import annotations

# TODO step 6: a Lua script that, for the bucket in KEYS[1], reads the level and the time of the last update,
# refills from the time Redis reports (redis.call('TIME')), takes the tokens if they are there, writes the new
# state back, sets the key to expire once the bucket would be full again, and returns whether it granted.
TOKEN_BUCKET_LUA = """
"""


class RedisRateLimiter:
    """A token bucket per key, shared through Redis by every process that uses the same server and prefix.

    `redis` is a connected redis.Redis client; keys are stored as prefix + key.
    """

    def __init__(self, redis, *, rate: float, capacity: float, prefix: str = "ratelimit:"):
        if rate <= 0 or capacity <= 0:
            raise ValueError("rate and capacity must be > 0")
        self.redis, self.rate, self.capacity, self.prefix = redis, float(rate), float(capacity), prefix
        # TODO step 6: register the script once (redis.register_script).

    def acquire(self, key: str, tokens: float = 1) -> bool:
        """Take `tokens` from `key`'s bucket if they are there. Never over-admits, however many processes ask.
        ValueError if `tokens` > capacity."""
        # TODO step 6: run the script with the key, rate, capacity and tokens.
        raise NotImplementedError("step 6: RedisRateLimiter.acquire")
