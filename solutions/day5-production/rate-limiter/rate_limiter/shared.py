### BEGIN STARTER
# """A token bucket per key kept in Redis, so every process behind the load balancer shares one limit."""
### END STARTER
### BEGIN SOLUTION
"""A token bucket per key kept in Redis, so every process behind the load balancer shares one limit.

Why a Lua script: "read the bucket, decide, write it back" done as three commands from several processes
lets two of them read the same level and both take the last token. Redis runs a script as one step, with no
other command in between, so the read-decide-write cannot interleave. The script also reads the time from
Redis itself (`TIME`), so the servers' clocks never need to agree.

Memory stays bounded without any clean-up job: after each call the key is set to expire when the bucket
would be full again, and a missing key means a full bucket, so an expired key loses nothing.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# # TODO step 6: a Lua script that, for the bucket in KEYS[1], reads the level and the time of the last update,
# # refills from the time Redis reports (redis.call('TIME')), takes the tokens if they are there, writes the new
# # state back, sets the key to expire once the bucket would be full again, and returns whether it granted.
# TOKEN_BUCKET_LUA = """
# """
### END STARTER
### BEGIN SOLUTION
import math

# KEYS[1] the bucket; ARGV: rate (tokens/s), capacity, tokens wanted, 1 = take them if there, 0 = only look.
# Returns {1 if granted else 0, seconds until the tokens exist (a string: Lua numbers reach Redis as integers)}.
TOKEN_BUCKET_LUA = """
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local wanted = tonumber(ARGV[3])
local take = ARGV[4] == '1'
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local saved = redis.call('HMGET', KEYS[1], 'level', 'stamp')
local level = tonumber(saved[1]) or capacity
local stamp = tonumber(saved[2]) or now
if now > stamp then
  level = math.min(capacity, level + (now - stamp) * rate)
else
  now = stamp
end
local granted = 0
local wait = 0
if level >= wanted then
  if take then
    level = level - wanted
    granted = 1
  end
elseif rate > 0 then
  wait = (wanted - level) / rate
else
  wait = -1
end
if take then
  redis.call('HSET', KEYS[1], 'level', tostring(level), 'stamp', tostring(now))
  if rate > 0 then
    redis.call('PEXPIRE', KEYS[1], string.format('%d', math.ceil((capacity - level) / rate * 1000) + 1000))
  end
end
return {granted, tostring(wait)}
"""
### END SOLUTION


class RedisRateLimiter:
    ### BEGIN STARTER
    # """A token bucket per key, shared through Redis by every process that uses the same server and prefix.
    #
    # `redis` is a connected redis.Redis client; keys are stored as prefix + key.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """A token bucket per key, shared through Redis by every process that uses the same server and prefix.

    >>> limiter = RedisRateLimiter(redis.Redis(unix_socket_path="/run/redis.sock"), rate=1, capacity=20)
    >>> limiter.acquire("user-42")                 # True or False, atomically, whichever process asks
    """
    ### END SOLUTION

    def __init__(self, redis, *, rate: float, capacity: float, prefix: str = "ratelimit:"):
        if rate <= 0 or capacity <= 0:
            raise ValueError("rate and capacity must be > 0")
        self.redis, self.rate, self.capacity, self.prefix = redis, float(rate), float(capacity), prefix
        ### BEGIN STARTER
        # # TODO step 6: register the script once (redis.register_script).
        ### END STARTER
        ### BEGIN SOLUTION
        self._script = redis.register_script(TOKEN_BUCKET_LUA)  # EVALSHA, re-sent if the server forgot it
        ### END SOLUTION
    ### BEGIN SOLUTION

    def _call(self, key: str, tokens: float, take: bool) -> tuple[bool, float]:
        if not 0 <= tokens <= self.capacity:
            raise ValueError(f"a request of {tokens:g} tokens can never fit a bucket of {self.capacity:g}")
        granted, wait = self._script(keys=[self.prefix + key],
                                     args=[repr(self.rate), repr(self.capacity), repr(float(tokens)), int(take)])
        wait = float(wait)
        return bool(granted), math.inf if wait < 0 else wait
    ### END SOLUTION

    def acquire(self, key: str, tokens: float = 1) -> bool:
        ### BEGIN STARTER
        # """Take `tokens` from `key`'s bucket if they are there. Never over-admits, however many processes ask.
        # ValueError if `tokens` > capacity."""
        # # TODO step 6: run the script with the key, rate, capacity and tokens.
        # raise NotImplementedError("step 6: RedisRateLimiter.acquire")
        ### END STARTER
        ### BEGIN SOLUTION
        """Take `tokens` from `key`'s bucket if they are there. Never over-admits, however many processes ask."""
        return self._call(key, tokens, take=True)[0]
        ### END SOLUTION
    ### BEGIN SOLUTION

    def retry_after(self, key: str, tokens: float = 1) -> float:
        """Seconds until `key` will have `tokens` (0.0 if it has them now): the value for a Retry-After header.
        Only looks; takes nothing."""
        return self._call(key, tokens, take=False)[1]
    ### END SOLUTION
