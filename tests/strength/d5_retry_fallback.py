"""d5-retry-fallback: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
RETRY = "retry.py"
FALLBACK = "fallback.py"

BROKEN = {
    "retry: one attempt fewer than max_attempts": (RETRY, [(
        "    for attempt in range(1, policy.max_attempts + 1):",
        "    for attempt in range(1, policy.max_attempts):")]),
    "retry: non-retryable errors are retried too": (RETRY, [(
        "            if not error.retryable or attempt == policy.max_attempts:",
        "            if attempt == policy.max_attempts:")]),
    "backoff: the ceiling is not capped at max_delay": (RETRY, [(
        "    ceiling = min(policy.max_delay, policy.base_delay * 2 ** retry_number)",
        "    ceiling = policy.base_delay * 2 ** retry_number")]),
    "rate limit: retry_after replaces the jittered wait instead of flooring it": (RETRY, [(
        "                wait = max(wait, hint)", "                wait = hint")]),
    "rate limit: a hint equal to max_delay is refused": (RETRY, [(
        "                if hint > policy.max_delay:", "                if hint >= policy.max_delay:")]),
    "fallback: a bad request falls through to the next client": (FALLBACK, [(
        "                if not error.retryable:\n                    raise",
        "                if False:\n                    raise")]),
}

CORRECT = {
    "retry: a while loop counting attempts": (RETRY, [(
        '''    for attempt in range(1, policy.max_attempts + 1):
        try:''', '''    attempt = 0
    while True:
        attempt += 1
        try:''')]),
    "backoff: the ceiling via min of a doubled base, computed with ldexp": (RETRY, [(
        "    ceiling = min(policy.max_delay, policy.base_delay * 2 ** retry_number)",
        "    import math\n    ceiling = min(math.ldexp(policy.base_delay, retry_number), policy.max_delay)")]),
}
