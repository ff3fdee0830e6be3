"""d5-rate-limiter: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
BUCKET = "bucket.py"
KEYED = "keyed.py"
SHARED = "shared.py"

BROKEN = {
    "bucket: refill not capped at capacity": (BUCKET, [(
        "            self._levels = [min(cap, level + elapsed * rate)",
        "            self._levels = [(level + elapsed * rate + 0 * cap)")]),
    "rate limiter: a refused request still charges the budgets it had room in": (BUCKET, [(
        '''            if self._delay(costs) > 0:
                return False
            self._levels = [level - cost for level, cost in zip(self._levels, costs)]
            return True''',
        '''            granted = self._delay(costs) == 0
            self._levels = [level - cost if level >= cost else level for level, cost in zip(self._levels, costs)]
            return granted''')]),
    "wait: sleeps without reserving, so waiters share one token": (BUCKET, [(
        '''            if math.isinf(delay) or (timeout is not None and delay > timeout):
                return None
            self._levels = [level - cost for level, cost in zip(self._levels, costs)]
            return delay''',
        '''            if math.isinf(delay) or (timeout is not None and delay > timeout):
                return None
            if delay == 0:
                self._levels = [level - cost for level, cost in zip(self._levels, costs)]
            return delay''')]),
    "wait: a too-short timeout is slept out instead of refused at once": (BUCKET, [(
        '''        if delay is None:
            return False  # at once''',
        '''        if delay is None:
            if timeout is not None:
                await asyncio.sleep(timeout)
            return False  # at once''')]),
    "per key: a refused or repeated key is not marked recently used": (KEYED, [(
        '''            else:
                self._limiters.move_to_end(key)''', '''            else:
                pass''')]),
    "redis: the script never sets an expiry": (SHARED, [(
        "  if rate > 0 then\n    redis.call('PEXPIRE'", "  if rate < 0 then\n    redis.call('PEXPIRE'")]),
}

CORRECT = {
    "per key: LRU with a plain dict (pop and reinsert)": (KEYED, [(
        '''            limiter = self._limiters.get(key)
            if limiter is None:
                limiter = self._limiters[key] = self.factory()
                while len(self._limiters) > self.max_keys:
                    self._limiters.popitem(last=False)  # the least recently used key
            else:
                self._limiters.move_to_end(key)
            return limiter''',
        '''            limiter = self._limiters.pop(key, None)
            if limiter is None:
                limiter = self.factory()
            self._limiters[key] = limiter
            while len(self._limiters) > self.max_keys:
                del self._limiters[next(iter(self._limiters))]
            return limiter''')]),
    "bucket: delay computed with a generator and max": (BUCKET, [(
        '''        delay = 0.0
        for cost, level, rate in zip(costs, self._levels, self._rates):
            if level < cost:
                delay = max(delay, math.inf if rate == 0 else (cost - level) / rate)
        return delay''',
        '''        return max([0.0] + [(math.inf if rate == 0 else (cost - level) / rate)
                            for cost, level, rate in zip(costs, self._levels, self._rates) if level < cost])''')]),
}
