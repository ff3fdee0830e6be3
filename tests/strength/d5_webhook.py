"""d5-webhook: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
SIGNATURE = "signature.py"
DELIVERIES = "deliveries.py"
APP = "app.py"

BROKEN = {
    "signature: a missing header raises instead of returning False": (SIGNATURE, [(
        "    if not header or not header.startswith(PREFIX):", "    if not header.startswith(PREFIX):")]),
    "size limit: only the declared Content-Length is checked": (APP, [(
        '''        size += len(chunk)
        if size > limit:
            return None
''', "")]),
    "idempotency: the delivery is not claimed, so redeliveries run again": (APP, [(
        "        if not await run_in_threadpool(store.claim, delivery_id):",
        "        if False:")]),
    "redelivery: a failed delivery's id is not released": (APP, [(
        "            store.release(delivery_id)  # a redelivery of this id may try again\n", "")]),
    "memory store: an id is remembered past its TTL": (DELIVERIES, [(
        "            if expires > now:\n                break", "            if expires > now - self.ttl_s:\n                break")]),
    "redis store: the claim is not atomic (get then set)": (DELIVERIES, [(
        '''        return bool(self.redis.set(self.prefix + delivery_id, "1", nx=True, ex=self.ttl_s))''',
        '''        key = self.prefix + delivery_id
        if self.redis.get(key) is not None:
            return False
        self.redis.set(key, "1", ex=self.ttl_s)
        return True''')]),
}

CORRECT = {
    "signature: the expected header computed with signature_for and compared as bytes": (SIGNATURE, [(
        '''    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given)''',
        '''    return hmac.compare_digest(signature_for(secret, body).encode(), header.encode())''')]),
    "memory store: a plain dict, expired ids dropped by a scan": (DELIVERIES, [(
        '''            self._forget_expired(now)
            if delivery_id in self._expiry:
                return False''', '''            if self._expiry.get(delivery_id, now) > now:
                return False
            self._expiry.pop(delivery_id, None)''')]),
}
