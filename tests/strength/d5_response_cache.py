"""d5-response-cache: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CACHE = "cache.py"
SHARED = "shared.py"
PROMPT_CACHE = "prompt_cache.py"

BROKEN = {
    "key: the built-in salted hash() instead of a digest": (CACHE, [(
        '''    return hashlib.sha256(text.encode("utf-8")).hexdigest()''',
        '''    return format(hash(text) & (2**64 - 1), "016x")''')]),
    "key: the system prompt left out of the key": (CACHE, [(
        '''    payload = {"v": KEY_VERSION, "model": model, "system": system or "",''',
        '''    payload = {"v": KEY_VERSION, "model": model,''')]),
    "lru: a hit does not make the entry most recently used": (CACHE, [(
        "            self._entries.move_to_end(key)  # most recently used\n",
        "")]),
    "decorator: the parameters are left out of the key": (CACHE, [(
        "            key = cache_key(model or client.model, system, messages, **params)",
        "            key = cache_key(model or client.model, system, messages)")]),
    "prompt cache: cache writes not counted as input when uncached": (PROMPT_CACHE, [(
        "    return Usage(input_tokens=usage.input_tokens + usage.cache_read_tokens + usage.cache_write_tokens,",
        "    return Usage(input_tokens=usage.input_tokens + usage.cache_read_tokens,")]),
    "redis: entries written without a TTL": (SHARED, [(
        "json.dumps(value, ensure_ascii=False), px=milliseconds)", "json.dumps(value, ensure_ascii=False))")]),
}

CORRECT = {
    "lru: the entry is popped and reinserted on a hit": (CACHE, [(
        '''            self._entries.move_to_end(key)  # most recently used
            self._hits += 1''',
        '''            self._entries[key] = self._entries.pop(key)
            self._hits += 1''')]),
    "key: canonical JSON hashed with hashlib.new('sha256') in one call": (CACHE, [(
        '''    return hashlib.sha256(text.encode("utf-8")).hexdigest()''',
        '''    return hashlib.new("sha256", text.encode()).hexdigest()''')]),
}
