"""What the graders call: exercise the student's `response_cache` package and hand back plain JSON data only.

Some jobs also start a fresh Python interpreter with a different PYTHONHASHSEED (a second server, or the same
one after a restart) and load the submission there, to see what another process makes of the same request.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import agentkit

SUPPORT = ("You are the support assistant for Larkspur Cloud. Answer from the help centre in two sentences "
           "or fewer.")
STYLE_GUIDE = ("You are the editor for Larkspur Cloud's documentation. Answer questions about our writing "
               "style guide, quoting the rule that applies.\n\n"
               "STYLE GUIDE\n1. Headings use sentence case.\n2. Numbers one to nine are words; 10 and above are "
               "figures.\n3. Prefer the active voice.\n4. Address the reader as 'you'.\n")


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


def _ask(client, messages, *, system=None, model=None, **params) -> str:
    """The function the tests put behind `cached`: one model call, its text."""
    return client.chat(messages, system=system, model=model, **params).text


def _stats(cache) -> dict:
    stats = cache.stats()
    return {"hits": int(stats.hits), "misses": int(stats.misses), "hit_rate": float(stats.hit_rate)}


def _text(value) -> str | None:
    return None if value is None else str(value)


# ---- the key ------------------------------------------------------------------------------------------------

def _keys(submission, requests: list[dict]) -> list[str]:
    return [str(submission.cache_key(r["model"], r["system"], r["messages"], **r["params"])) for r in requests]


def keys_everywhere(submission, requests: list[dict]) -> dict:
    """cache_key for each request here, and in two fresh interpreters with other hash seeds."""
    others = {seed: _fresh_python(submission, {"job": "keys", "requests": requests}, seed=seed) for seed in (1, 2)}
    return {"here": _keys(submission, requests),
            "elsewhere": [other.get("keys") or other.get("error") for other in others.values()]}


# ---- the in-memory cache ------------------------------------------------------------------------------------

def cache_script(submission, max_entries: int, ttl: float, steps: list) -> dict:
    """A ResponseCache on a fake clock. Steps: set KEY VALUE, get KEY, advance S, size, stats, fill PREFIX N
    (sets N new keys). Each step's outcome is {"value": ...} or {"raised": "ErrorName"}."""
    clock = FakeClock()
    cache = submission.ResponseCache(max_entries=max_entries, ttl=ttl, clock=clock)
    results = []
    for op, *args in steps:
        try:
            if op == "set":
                cache.set(args[0], args[1])
                value = None
            elif op == "get":
                value = _text(cache.get(args[0]))
            elif op == "advance":
                clock.now += float(args[0])
                value = None
            elif op == "size":
                value = int(len(cache))
            elif op == "stats":
                value = _stats(cache)
            elif op == "fill":
                for i in range(int(args[1])):
                    cache.set(f"{args[0]}-{i}", f"value {i}")
                value = None
            else:
                raise ValueError(f"unknown step {op!r}")
            results.append({"value": value})
        except Exception as exc:  # noqa: BLE001
            results.append({"raised": type(exc).__name__})
    return {"results": results}


# ---- the decorator ------------------------------------------------------------------------------------------

def ask_many(submission, provider: str, calls: list[dict]) -> dict:
    """`calls` through one @cached function on one in-memory cache: each {question, system, model?,
    max_tokens?}. Each answer is the text, or "error: <Name>" if the call raised."""
    client = agentkit.Client(provider)
    ask = submission.cached(submission.ResponseCache())(_ask)
    answers = []
    for call in calls:
        options = {k: call[k] for k in ("model", "max_tokens") if k in call}
        try:
            answers.append(_text(ask(client, call["question"], system=call.get("system", SUPPORT), **options)))
        except agentkit.LLMError as exc:
            answers.append(f"error: {type(exc).__name__}")
    return {"answers": answers, "stats": _stats(ask.cache) if hasattr(ask, "cache") else None}


# ---- Redis ---------------------------------------------------------------------------------------------------

def _connect(redis_socket: str):
    import redis
    return redis.Redis(unix_socket_path=redis_socket, socket_timeout=10)


def redis_shared(submission, provider: str, redis_socket: str, question: str, other_question: str) -> dict:
    """Ask `question` through a RedisResponseCache here (one model call), then ask it again, and
    `other_question`, from a fresh interpreter that has no recorded replies: a hit there needs no model,
    a miss raises NoRecordingError."""
    client = agentkit.Client(provider)
    cache = submission.RedisResponseCache(_connect(redis_socket), ttl=600)
    first = submission.cached(cache)(_ask)(client, question, system=SUPPORT, max_tokens=200)
    other = _fresh_python(submission, {"job": "ask", "provider": provider, "redis_socket": redis_socket,
                                       "questions": [question, other_question], "system": SUPPORT,
                                       "max_tokens": 200}, seed=7)
    return {"first": _text(first), "elsewhere": other.get("answers") or [other.get("error")]}


def redis_ttl(submission, redis_socket: str, entries: int) -> dict:
    """`entries` entries with ttl=120, every key's TTL in Redis, and a ttl=1 entry looked up after 1.5 s."""
    connection = _connect(redis_socket)
    cache = submission.RedisResponseCache(connection, ttl=120)
    for i in range(entries):
        cache.set(f"question-{i}", f"answer {i}")
    ttls = []
    for key in connection.scan_iter(count=1000):
        remaining = int(connection.pttl(key))  # milliseconds; -1: no expiry, -2: already gone
        if remaining != -2:
            ttls.append(float(remaining) / 1000 if remaining >= 0 else -1.0)
    short = submission.RedisResponseCache(connection, ttl=1)
    short.set("brief", "gone soon")
    fresh = _text(short.get("brief"))
    time.sleep(1.5)
    return {"ttls": ttls, "fresh": fresh, "later": _text(short.get("brief"))}


# ---- provider prompt caching --------------------------------------------------------------------------------

def prompt_cache_savings(submission, provider: str, questions: list[str]) -> dict:
    """Ask each question under the same long system prompt; each reply's usage, cost and cache_savings."""
    client = agentkit.Client(provider)
    calls = []
    for question in questions:
        reply = client.chat(question, system=STYLE_GUIDE, max_tokens=300)
        usage = reply.usage
        calls.append({"model": str(client.model),
                      "usage": {name: int(getattr(usage, name)) for name in
                                ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens")},
                      "cost_usd": float(reply.cost_usd),
                      "savings": float(submission.cache_savings(usage, client.model))})
    return {"calls": calls}


# ---- a second process ---------------------------------------------------------------------------------------

CHILD = r"""
import json, sys
from pathlib import Path
from types import SimpleNamespace
job = json.loads(sys.argv[1])
from autograder.worker import block_network
block_network()
from autograder import submission as submissions
module = submissions.load(SimpleNamespace(package=job["package"]), Path(job["target"]))
out = {}
if job["job"] == "keys":
    out["keys"] = [str(module.cache_key(r["model"], r["system"], r["messages"], **r["params"]))
                   for r in job["requests"]]
else:
    import agentkit, redis
    client = agentkit.Client(job["provider"])
    cache = module.RedisResponseCache(redis.Redis(unix_socket_path=job["redis_socket"], socket_timeout=10), ttl=600)
    def ask(client, messages, *, system=None, model=None, **params):
        return client.chat(messages, system=system, model=model, **params).text
    ask = module.cached(cache)(ask)
    answers = []
    for question in job["questions"]:
        try:
            answers.append(str(ask(client, question, system=job["system"], max_tokens=job["max_tokens"])))
        except Exception as exc:
            answers.append("error: " + type(exc).__name__)
    out["answers"] = answers
print(json.dumps(out))
"""


def _fresh_python(submission, job: dict, *, seed: int) -> dict:
    """Run CHILD on `job` in a new interpreter with PYTHONHASHSEED=seed; its JSON, or {"error": ...}."""
    path = Path(submission.__file__).resolve()
    target = path if path.suffix == ".ipynb" else path.parent.parent if path.name == "__init__.py" else path.parent
    job = {**job, "package": submission.__name__, "target": str(target)}
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "COURSE_LLM_MODE": "replay"}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(job)], capture_output=True, text=True,
                              env=env, timeout=15, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"error": "the second process timed out"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"error": f"the second process failed: {done.stderr.strip()[-600:]}"}
    return json.loads(lines[-1])
