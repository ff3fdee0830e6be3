"""d5-semantic-cache: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CACHE = "cache.py"
CHAT = "chat.py"

BROKEN = {
    "ttl: expired entries still answer lookups": (CACHE, [(
        "            live = (self._expires[:n] > self.clock()) & (self._namespace[:n] == space)",
        "            live = self._namespace[:n] == space")]),
    "namespace: a lookup searches every namespace": (CACHE, [(
        "            live = (self._expires[:n] > self.clock()) & (self._namespace[:n] == space)",
        "            live = self._expires[:n] > self.clock()")]),
    "lru: a hit does not make the entry most recently used": (CACHE, [(
        '''            self._hits += 1
            self._tick += 1
            self._last_used[row] = self._tick''', '''            self._hits += 1''')]),
    "eviction: the most recently used entry is dropped": (CACHE, [(
        "            self._remove(int(np.argmin(self._last_used[:self._size])))",
        "            self._remove(int(np.argmax(self._last_used[:self._size])))")]),
    "chat: truncated answers are stored too": (CHAT, [(
        '''    if reply.stop_reason == "end" and reply.text:''', '''    if reply.text:''')]),
    "namespace: the system prompt is left out": (CHAT, [(
        '''    payload = {"model": model, "system": system or "", "params": params}''',
        '''    payload = {"model": model, "params": params}''')]),
}

CORRECT = {
    "lookup: the best row found among the live rows' indices": (CACHE, [(
        '''            scores = np.where(live, scores, -np.inf)
            row = int(np.argmax(scores))
            similarity = float(scores[row])
            if similarity < self.threshold:''',
        '''            rows = np.flatnonzero(live)
            row = int(rows[np.argmax(scores[rows])]) if rows.size else -1
            similarity = float(scores[row]) if rows.size else -1.0
            if row < 0 or similarity < self.threshold:''')]),
    "namespace: a blake2b digest of repr-sorted parts": (CHAT, [(
        '''    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()''',
        '''    text = repr((model, system or "", sorted((k, repr(v)) for k, v in params.items())))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()''')]),
}
