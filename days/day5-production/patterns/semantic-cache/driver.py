"""What the graders call: exercise the student's `semantic_cache` package and hand back plain JSON data only.

The embeddings are real: all-MiniLM-L6-v2 run by agentkit.embeddings, loaded once per worker process and shared
by every job. Scripts are lists of steps the tests write, for example
`[["set", "How do I reset my password?", "A"], ["advance", 61], ["lookup", "I forgot my password"]]`; each
step's outcome is `{"value": ...}` or `{"raised": "ValueError"}`. Time is a fake clock that the script moves.
"""
from __future__ import annotations

import sys

import numpy as np

import agentkit
from agentkit.embeddings import MiniLM


class FakeClock:
    """A clock that moves only when told to. Starts far from 0, so code that assumes 0 is "long ago" shows up."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


class ScaledEncoder:
    """MiniLM, but each vector multiplied by a factor from 1 to 7 that depends on the text: the same directions
    (the same cosines) with lengths that differ, as some embedding APIs return them."""

    def __init__(self, model: MiniLM):
        self.model = model

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(list(texts))
        factors = np.array([1 + len(text) % 7 for text in texts], dtype=np.float32)
        return vectors * factors[:, None]


class TableEncoder:
    """Looks each text up in a table of vectors made in advance: lets a test hold 20,000 entries without
    encoding 20,000 texts."""

    def __init__(self, table: dict[str, np.ndarray]):
        self.table = table

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.table[text] for text in texts])


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def _hit(found) -> dict | None:
    if found is None:
        return None
    return {"answer": str(found.answer), "similarity": float(found.similarity), "question": str(found.question)}


def _stats(stats) -> dict:
    return {"hits": int(stats.hits), "misses": int(stats.misses), "evictions": int(stats.evictions),
            "expired": int(stats.expired), "entries": int(stats.entries), "hit_rate": float(stats.hit_rate)}


def outcome(call) -> dict:
    try:
        return {"value": call()}
    except Exception as exc:  # noqa: BLE001 - what was raised is part of the behaviour under test
        return {"raised": type(exc).__name__}


# ---- the cache on its own, with real MiniLM embeddings ------------------------------------------------------

def cache_script(submission, steps: list, threshold: float = 0.85, ttl: float = 3600.0, max_entries: int = 100,
                 scaled: bool = False) -> dict:
    """Run `steps` on SemanticCache(MiniLM, threshold, ttl, max_entries, clock=FakeClock()).

    Steps: ["set", question, answer, {"namespace": ..., "ttl": ...}?], ["lookup", question, {"namespace"}?]
    (gives {answer, similarity, question} or None), ["advance", seconds], ["size"], ["stats"], ["purge"],
    ["flood", prefix, n] (stores n questions "prefix 0" ... "prefix n-1", all encoded in one batch first).
    """
    model = MiniLM.load()
    clock = FakeClock()
    cache = submission.SemanticCache(ScaledEncoder(model) if scaled else model, threshold=threshold, ttl=ttl,
                                     max_entries=max_entries, clock=clock)
    results = []
    for step in steps:
        op, args = step[0], step[1:]
        options = args[-1] if args and isinstance(args[-1], dict) else {}
        if op == "advance":
            clock.now += float(args[0])
            results.append({"value": None})
        elif op == "set":
            results.append(outcome(lambda: cache.set(args[0], args[1], **options)))
        elif op == "lookup":
            results.append(outcome(lambda: _hit(cache.lookup(args[0], **options))))
        elif op == "size":
            results.append(outcome(lambda: int(len(cache))))
        elif op == "stats":
            results.append(outcome(lambda: _stats(cache.stats())))
        elif op == "purge":
            results.append(outcome(lambda: int(cache.purge_expired())))
        elif op == "flood":
            results.append(outcome(lambda: _flood(cache, model, args[0], int(args[1]))))
        else:
            raise ValueError(f"unknown step {op!r}")
    return {"results": results}


def _flood(cache, model: MiniLM, prefix: str, n: int) -> None:
    """Store n distinct questions; their vectors are computed here in one batch (fast), then served to the
    cache's encoder one at a time."""
    questions = [f"{prefix} {i}" for i in range(n)]
    vectors = dict(zip(questions, model.encode(questions)))
    real = cache.encoder
    cache.encoder = TableEncoder(vectors)
    try:
        for number, question in enumerate(questions):
            cache.set(question, f"{prefix} answer {number}")
    finally:
        cache.encoder = real


def threshold_probe(submission, stored: str, asked: str, margin: float = 0.01) -> dict:
    """MiniLM's cosine between `stored` and `asked` (computed here, not by the submission), then `asked` looked
    up in two caches holding `stored`: one with the threshold `margin` below that cosine, one `margin` above.
    The encoder returns vectors of different lengths, so only a cache that compares unit vectors gets it right."""
    model = MiniLM.load()
    pair = model.encode([stored, asked])
    cosine = float(pair[0] @ pair[1])
    found = {}
    for name, threshold in (("below", cosine - margin), ("above", cosine + margin)):
        cache = submission.SemanticCache(ScaledEncoder(model), threshold=threshold, ttl=3600, max_entries=10,
                                         clock=FakeClock())
        cache.set(stored, "the stored answer")
        found[name] = _hit(cache.lookup(asked))
    return {"cosine": cosine, **found}


# ---- in front of the model ----------------------------------------------------------------------------------

def ask_many(submission, provider: str, calls: list[dict], threshold: float = 0.85) -> dict:
    """cached_chat for each call ({question, system?, model?, max_tokens?}) on one cache and one client; each
    answer (or "error: ExceptionName" for a provider error) and the cache's stats. Any other exception ends the
    job, so the trace shows where the submission raised it."""
    client = agentkit.Client(provider)
    cache = submission.SemanticCache(MiniLM.load(), threshold=threshold, ttl=3600, max_entries=100,
                                     clock=FakeClock())
    answers = []
    for call in calls:
        options = {key: call[key] for key in ("system", "model", "max_tokens") if key in call}
        try:
            answers.append(str(submission.cached_chat(cache, client, call["question"], **options)))
        except agentkit.LLMError as exc:  # the provider failed: part of the behaviour under test
            answers.append("error: " + type(exc).__name__)
    return {"answers": answers, "stats": _stats(cache.stats())}


# ---- how much Python one lookup runs ----------------------------------------------------------------------

def _python_steps(call) -> tuple[object, int]:
    """call()'s result and how many Python steps it took: sys.settrace's events (each function call, each line
    run, each return). A loop over entries in Python shows as events per entry; numpy's work in C shows none."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = call()
    finally:
        sys.settrace(None)
    return result, count


def lookup_work(submission, sizes: list[int], dimension: int = 384, seed: int = 5) -> dict:
    """For each size n: a cache of n entries with random unit vectors (a table encoder, so nothing is encoded),
    then four lookups: noisy copies (cosine about 0.98) of the first, middle and last entries, and a random
    vector that matches nothing. Each lookup's answer and its count of Python steps."""
    rng = np.random.default_rng(seed)
    runs = []
    for n in sizes:
        vectors = _unit(rng.standard_normal((n, dimension)))
        table = {f"entry {i}": vectors[i] for i in range(n)}
        targets = [0, n // 2, n - 1]
        for k, target in enumerate(targets):
            table[f"probe {k}"] = _unit(vectors[target] + 0.2 * _unit(rng.standard_normal(dimension)))
        table["probe stranger"] = _unit(rng.standard_normal(dimension))
        cache = submission.SemanticCache(TableEncoder(table), threshold=0.9, ttl=3600, max_entries=n,
                                         clock=FakeClock())
        for i in range(n):
            cache.set(f"entry {i}", f"answer {i}")
        answers, steps = [], []
        for probe in [f"probe {k}" for k in range(len(targets))] + ["probe stranger"]:
            answer, count = _python_steps(lambda: cache.get(probe))
            answers.append(None if answer is None else str(answer))
            steps.append(count)
        runs.append({"entries": n, "size": int(len(cache)), "answers": answers, "steps": steps,
                     "expected": [f"answer {t}" for t in targets] + [None]})
    return {"runs": runs}
