"""What the graders call: exercise the student's `rate_limiter` package and hand back plain JSON data only.

Scripts are lists of steps the tests write, for example `[["acquire", 1], ["advance", 0.5], ["time_until", 1]]`;
each step's outcome is `{"value": ...}` or `{"raised": "ValueError"}`. Time is a fake clock the script moves,
except where a test needs real waiting (async, Redis).
"""
from __future__ import annotations

import asyncio
import json
import os
import sys
import threading
import time


class FakeClock:
    """A clock that moves only when told to. Starts far from 0, so code that assumes 0 is "long ago" shows up."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


class CountingClock:
    """time.monotonic, counting how often it is read (a limiter that polls reads it on every poll)."""

    def __init__(self):
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return time.monotonic()


def outcome(call) -> dict:
    try:
        value = call()
    except Exception as exc:  # noqa: BLE001 - what was raised is part of the behaviour under test
        return {"raised": type(exc).__name__}
    if isinstance(value, bool):
        return {"value": bool(value)}
    if isinstance(value, (int, float)):
        return {"value": float(value)}
    return {"value": None if value is None else str(value)}


def _run_steps(steps: list, clock: FakeClock, take, until, extra=None) -> list[dict]:
    results = []
    for step in steps:
        op, args = step[0], step[1:]
        if op == "advance":
            clock.now += float(args[0])
            results.append({"value": None})
        elif op == "acquire":
            results.append(outcome(lambda: take(*args)))
        elif op == "time_until":
            results.append(outcome(lambda: until(*args)))
        elif extra is not None:
            results.append(extra(op, args))
        else:
            raise ValueError(f"unknown step {op!r}")
    return results


def bucket_script(submission, rate: float, capacity: float, steps: list) -> dict:
    """A TokenBucket on a fake clock; steps: acquire N, time_until N, advance SECONDS."""
    clock = FakeClock()
    bucket = submission.TokenBucket(rate, capacity, clock=clock)
    return {"results": _run_steps(steps, clock, lambda n: bucket.acquire(n), lambda n: bucket.time_until(n))}


def limiter_script(submission, requests_per_minute: float, tokens_per_minute: float, steps: list) -> dict:
    """A RateLimiter on a fake clock; `acquire N` is one request of N tokens."""
    clock = FakeClock()
    limiter = submission.RateLimiter(requests_per_minute, tokens_per_minute, clock=clock)
    return {"results": _run_steps(steps, clock, lambda n: limiter.acquire(n), lambda n: limiter.time_until(n))}


def per_key_script(submission, rate: float, capacity: float, max_keys: int, steps: list) -> dict:
    """A PerKeyLimiter of TokenBuckets on one fake clock. Steps: acquire KEY, advance S, size,
    flood PREFIX COUNT (one acquire for each of COUNT new keys; the value is how many were admitted)."""
    clock = FakeClock()
    limiter = submission.PerKeyLimiter(lambda: submission.TokenBucket(rate, capacity, clock=clock),
                                       max_keys=max_keys)

    def extra(op, args):
        if op == "size":
            return outcome(lambda: int(len(limiter)))
        if op == "flood":
            prefix, count = str(args[0]), int(args[1])
            return outcome(lambda: sum(bool(limiter.acquire(f"{prefix}-{i}")) for i in range(count)))
        raise ValueError(f"unknown step {op!r}")

    return {"results": _run_steps(steps, clock, lambda key: limiter.acquire(key), None, extra)}


def hammer_threads(submission, kind: str, threads: int, attempts: int, capacity: float,
                   tokens_per_request: float = 0, tokens_capacity: float = 0) -> dict:
    """`threads` threads call acquire `attempts` times each, all at once, with the clock stopped (no refill).
    kind "bucket": TokenBucket(capacity); kind "limiter": RateLimiter(capacity requests, tokens_capacity
    tokens per minute), each request of tokens_per_request tokens."""
    clock = FakeClock()
    if kind == "bucket":
        limiter = submission.TokenBucket(1.0, capacity, clock=clock)
        take = lambda: limiter.acquire(1)  # noqa: E731
    else:
        limiter = submission.RateLimiter(capacity, tokens_capacity, clock=clock)
        take = lambda: limiter.acquire(tokens_per_request)  # noqa: E731
    start = threading.Barrier(threads)
    admitted = [0] * threads
    errors: list[str] = []

    def worker(index: int) -> None:
        try:
            start.wait()
            for _ in range(attempts):
                if take():
                    admitted[index] += 1
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races that hide at 5 ms show up
    try:
        pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    return {"admitted": int(sum(admitted)), "errors": [str(e) for e in errors[:3]]}


def async_wait(submission, rate: float, capacity: int, tokens: float, timeout: float | None = None) -> dict:
    """Empty a real-time TokenBucket, then `await wait(tokens, timeout)`; how long it took and how often the
    limiter read its clock while waiting."""
    clock = CountingClock()
    bucket = submission.TokenBucket(rate, capacity, clock=clock)
    drained = bool(bucket.acquire(capacity))

    async def main():
        reads_before = clock.reads
        started = time.monotonic()
        admitted = await bucket.wait(tokens, timeout=timeout)
        return admitted, time.monotonic() - started, clock.reads - reads_before

    admitted, elapsed, reads = asyncio.run(main())
    return {"drained": drained, "admitted": bool(admitted), "elapsed": float(elapsed), "clock_reads": int(reads)}


def async_waiters(submission, rate: float, waiters: int) -> dict:
    """`waiters` tasks each `await wait(1)` on an empty bucket of capacity 1 refilling at `rate` per second."""
    clock = CountingClock()
    bucket = submission.TokenBucket(rate, 1, clock=clock)
    drained = bool(bucket.acquire(1))

    async def main():
        started = time.monotonic()

        async def one():
            admitted = await bucket.wait(1)
            return bool(admitted), time.monotonic() - started

        done = await asyncio.gather(*(one() for _ in range(waiters)))
        return done, time.monotonic() - started

    done, elapsed = asyncio.run(main())
    return {"drained": drained, "admitted": [bool(a) for a, _ in done],
            "finished_at": sorted(float(t) for _, t in done), "elapsed": float(elapsed),
            "clock_reads": int(clock.reads)}


def _connect(redis_socket: str):
    import redis
    return redis.Redis(unix_socket_path=redis_socket, socket_timeout=10)


def _in_processes(count: int, prepare, work) -> list:
    """In each of `count` forked processes, `state = prepare(index)`, then, once every process is ready and
    all are released at the same moment, `work(state)`; their JSON results."""
    go_read, go_write = os.pipe()
    children = []
    for index in range(count):
        result_read, result_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: get ready, say so, wait for the start signal, work, report, leave at once
            status, ready = 0, False
            try:
                os.close(go_write)
                os.close(result_read)
                state = prepare(index)
                os.write(result_write, b" ")  # ready (the byte the parent waits for)
                ready = True
                os.read(go_read, 1)
                payload = {"result": work(state)}
            except BaseException as exc:  # noqa: BLE001
                payload, status = {"error": f"{type(exc).__name__}: {exc}"[:500]}, 1
            try:
                os.write(result_write, (b"" if ready else b" ") + json.dumps(payload).encode())
            finally:
                os._exit(status)
        os.close(result_write)
        children.append((pid, result_read))
    for _, result_read in children:
        os.read(result_read, 1)  # wait until every process has connected (a dead one gives b"": go on)
    os.close(go_read)
    os.write(go_write, b"g" * count)
    os.close(go_write)
    results = []
    for pid, result_read in children:
        chunks = []
        while chunk := os.read(result_read, 65536):
            chunks.append(chunk)
        os.close(result_read)
        os.waitpid(pid, 0)
        text = b"".join(chunks).decode().strip() or '{"error": "the process died without a result"}'
        results.append(json.loads(text))
    return results


def redis_hammer(submission, redis_socket: str, processes: int, attempts: int, capacity: float,
                 rate: float) -> dict:
    """`processes` processes, each with its own connection and RedisRateLimiter, call acquire("shared")
    `attempts` times each, all starting at once."""

    def prepare(index: int):
        connection = _connect(redis_socket)
        connection.ping()
        limiter = submission.RedisRateLimiter(connection, rate=rate, capacity=capacity)
        limiter.acquire(f"warm-up-{index}")  # any set-up the limiter does on first use happens before the race
        return limiter

    def work(limiter) -> int:
        return sum(1 for _ in range(attempts) if limiter.acquire("shared"))

    results = _in_processes(processes, prepare, work)
    return {"admitted": [int(r["result"]) if "result" in r else None for r in results],
            "errors": [str(r["error"]) for r in results if "error" in r][:3]}


def redis_script(submission, redis_socket: str, rate: float, capacity: float, steps: list) -> dict:
    """Two RedisRateLimiters on two separate connections (as two servers would have). Steps:
    acquire INSTANCE KEY TOKENS, sleep SECONDS."""
    limiters = [submission.RedisRateLimiter(_connect(redis_socket), rate=rate, capacity=capacity) for _ in range(2)]
    results = []
    for step in steps:
        if step[0] == "sleep":
            time.sleep(float(step[1]))
            results.append({"value": None})
        elif step[0] == "acquire":
            instance, key, tokens = int(step[1]), str(step[2]), step[3]
            results.append(outcome(lambda: limiters[instance].acquire(key, tokens)))
        else:
            raise ValueError(f"unknown step {step[0]!r}")
    return {"results": results}


def redis_keys(submission, redis_socket: str, rate: float, capacity: float, users: int) -> dict:
    """One acquire for each of `users` keys, then every key the limiter left in Redis with its TTL in seconds
    (-1: the key never expires)."""
    connection = _connect(redis_socket)
    limiter = submission.RedisRateLimiter(connection, rate=rate, capacity=capacity)
    admitted = sum(1 for i in range(users) if limiter.acquire(f"user-{i}"))
    ttls = []
    for key in connection.scan_iter(count=1000):
        remaining = int(connection.pttl(key))  # milliseconds; -1: no expiry, -2: already gone
        if remaining != -2:
            ttls.append(float(remaining) / 1000 if remaining >= 0 else -1.0)
    return {"admitted": int(admitted), "ttls": ttls}
