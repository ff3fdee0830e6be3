"""d5-queue-worker: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
POLICY = "policy.py"
TASKS = "tasks.py"
TASKQUEUE = "taskqueue.py"
API = "api.py"

BROKEN = {
    "backoff: the intervals are not capped at max_delay": (POLICY, [(
        "        return [int(min(self.max_delay, round(self.base_delay * self.factor ** n))) for n in range(self.max_retries)]",
        "        return [int(round(self.base_delay * self.factor ** n)) for n in range(self.max_retries)]")]),
    "retryable: every exception is retried": (POLICY, [(
        "    return isinstance(exc, LLMError) and bool(exc.retryable)",
        "    return True")]),
    "dead letter: a permanent error is retried anyway": (TASKS, [(
        "    if not retryable:\n        job.retries_left = 0", "    if False:\n        job.retries_left = 0")]),
    "retries: one retry fewer than max_retries": (POLICY, [(
        "        return Retry(max=self.max_retries, interval=self.intervals())",
        "        return Retry(max=self.max_retries - 1, interval=self.intervals())")]),
    "idempotency: the same key with another document is accepted": (TASKQUEUE, [(
        "                if existing.meta.get(\"fingerprint\") != fingerprint:",
        "                if existing.meta.get(\"fingerprint\") is None:")]),
    "idempotency: the job id ignores the key, so every submission is new": (TASKQUEUE, [(
        '''        if idempotency_key is None:
            return self.queue.enqueue(summarise, **options).id''',
        '''        if True:
            return self.queue.enqueue(summarise, **options).id''')]),
}

CORRECT = {
    "backoff: intervals built by repeated multiplication": (POLICY, [(
        "        return [int(min(self.max_delay, round(self.base_delay * self.factor ** n))) for n in range(self.max_retries)]",
        '''        out, delay = [], float(self.base_delay)
        for _ in range(self.max_retries):
            out.append(int(min(self.max_delay, round(delay))))
            delay *= self.factor
        return out''')]),
    "job id: a uuid5 of the queue and key": (TASKQUEUE, [(
        '''        digest = hashlib.sha256(f"{self.queue.name}\\n{idempotency_key}".encode()).hexdigest()
        return f"task-{digest[:32]}"''',
        '''        import uuid
        return "task-" + uuid.uuid5(uuid.NAMESPACE_URL, f"{self.queue.name}/{idempotency_key}").hex''')]),
}
