"""Semantic-cache lookups per second, side by side in one run: the course's exact `SemanticCache` (the reference
solution in solutions/day5-production/semantic-cache: one matrix-vector product per lookup), its
`ApproximateSemanticCache` (an HNSW index from usearch proposes 16 candidates, scored exactly), and the handout's
design (a Python loop over every entry: expiry check, then cosine with numpy on that one pair), reimplemented here.
recall@1: how often the approximate cache gives the exact cache's answer, on near copies of stored entries.

Stored entries are synthetic random unit vectors of dimension 384 (encoding 50,000 texts is not what is measured),
plus a few real MiniLM vectors of support questions; the lookups are real MiniLM vectors of paraphrases and
unrelated questions, encoded once before timing. Both caches get the same vectors through a table, so no
encoding is timed on either side. Prints a table and, last, `ratio_50k=<HNSW / handout's lookups per second>`
(the exact cache's ratio on the line before it).

BLAS runs on one thread unless OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) says otherwise: on a small shared
machine a threaded matrix-vector product spends its time waiting for the other thread, and a server answering
requests in parallel runs one lookup per core anyway.

Usage: python benchmarks/semantic_cache.py [--sizes 1000 10000 50000] [--seconds 1.5]
"""
from __future__ import annotations

import argparse
import os
import sys

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):  # before numpy is imported, or it has no effect
    os.environ.setdefault(_variable, "1")
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from agentkit.embeddings import MiniLM

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "solutions" / "day5-production" / "semantic-cache"))
from semantic_cache import SemanticCache  # noqa: E402 - the reference solution, from its folder
from semantic_cache.approximate import ApproximateSemanticCache  # noqa: E402

DIMENSION = 384
THRESHOLD = 0.85
RECALL_QUERIES = 500
STORED = {  # real questions stored among the synthetic entries, so some lookups hit
    "How do I reset my password?": "password answer",
    "What is your return policy?": "returns answer",
    "How do I track my order?": "tracking answer",
    "Which plan includes single sign-on?": "sso answer",
}
ASKED = [  # the lookups: paraphrases of stored questions (hits) and unrelated ones (misses)
    "How can I reset my password?", "I forgot my password, how can I change it?", "What is the return policy?",
    "How do I track my order", "Where is my parcel?", "Do you ship to Norway?", "Can I pay by invoice?",
    "How do I delete my account?", "Which plan includes single sign-on", "Is there a student discount?",
]


class HandoutStyleCache:
    """The handout's semantic cache, in our own code: questions -> {answer, expiry}, embeddings in a dict, and a
    lookup that visits every entry in Python, skips expired ones and computes that pair's cosine with numpy."""

    def __init__(self, embed, threshold: float, ttl_seconds: float = 3600):
        self.embed, self.threshold, self.ttl = embed, threshold, timedelta(seconds=ttl_seconds)
        self.entries: dict[str, dict] = {}
        self.embeddings: dict[str, np.ndarray] = {}

    def set(self, question: str, answer: str) -> None:
        self.entries[question] = {"answer": answer, "expires_at": datetime.now() + self.ttl}
        self.embeddings[question] = self.embed(question)

    def get(self, question: str) -> str | None:
        query = self.embed(question)
        best, best_similarity = None, 0.0
        for stored, vector in self.embeddings.items():
            if datetime.now() > self.entries[stored]["expires_at"]:
                continue
            similarity = np.dot(query, vector) / (np.linalg.norm(query) * np.linalg.norm(vector))
            if similarity >= self.threshold and similarity > best_similarity:
                best, best_similarity = stored, similarity
        return None if best is None else self.entries[best]["answer"]


class TableEncoder:
    """Vectors made in advance, looked up by text: the same for both caches, and nothing encoded while timing."""

    def __init__(self, table: dict[str, np.ndarray]):
        self.table = table

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.table[text] for text in texts])


def rate(get, questions: list[str], *, seconds: float, max_lookups: int) -> tuple[float, int, list]:
    """Lookups per second: cycle through `questions` until `seconds` have passed or `max_lookups` are done
    (at least one full pass, so every answer is seen)."""
    answers, done = [], 0
    start = time.perf_counter()
    while done < len(questions) or (done < max_lookups and time.perf_counter() - start < seconds):
        answer = get(questions[done % len(questions)])
        if done < len(questions):
            answers.append(answer)
        done += 1
    return done / (time.perf_counter() - start), done, answers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--seconds", type=float, default=1.5, help="time spent on each side at each size")
    args = parser.parse_args(argv)

    model = MiniLM.load()
    real = dict(zip([*STORED, *ASKED], model.encode([*STORED, *ASKED])))
    rng = np.random.default_rng(2026)
    print(f"entries: synthetic random unit vectors (dimension {DIMENSION}) plus {len(STORED)} real MiniLM vectors; "
          f"lookups: {len(ASKED)} real MiniLM query vectors, cycled; threshold {THRESHOLD}; "
          f"no encoding is timed; BLAS threads: {os.environ['OPENBLAS_NUM_THREADS']}")
    print(f"{'entries':>8}  {'exact (lookups/s)':>17}  {'HNSW (lookups/s)':>16}  {'recall@1':>8}  "
          f"{'handout loop':>12}  {'exact x':>7}  {'HNSW x':>7}  HNSW fill (s)")
    ratios = {}
    for size in args.sizes:
        synthetic = rng.standard_normal((size - len(STORED), DIMENSION)).astype(np.float32)
        synthetic /= np.linalg.norm(synthetic, axis=1, keepdims=True)
        near = synthetic[:RECALL_QUERIES] + 0.02 * rng.standard_normal((RECALL_QUERIES, DIMENSION)).astype(np.float32)
        near /= np.linalg.norm(near, axis=1, keepdims=True)
        table = {**real, **{f"synthetic {i}": vector for i, vector in enumerate(synthetic)},
                 **{f"near {i}": vector for i, vector in enumerate(near)}}
        stored = [*(f"synthetic {i}" for i in range(len(synthetic))), *STORED]
        answers = {question: STORED.get(question, f"answer {n}") for n, question in enumerate(stored)}

        ours = SemanticCache(TableEncoder(table), threshold=THRESHOLD, ttl=3600, max_entries=size)
        approximate = ApproximateSemanticCache(TableEncoder(table), threshold=THRESHOLD, ttl=3600, max_entries=size)
        handout = HandoutStyleCache(lambda text: table[text], threshold=THRESHOLD)
        for question in stored:
            ours.set(question, answers[question])
            handout.set(question, answers[question])
        started = time.perf_counter()
        for question in stored:
            approximate.set(question, answers[question])
        fill_s = time.perf_counter() - started

        # recall@1: near copies of stored entries, whose exact nearest neighbour is known
        probes = [f"near {i}" for i in range(RECALL_QUERIES)]
        exact_hits = [ours.get(q) for q in probes]
        recall = sum(a == e for a, e in zip(map(approximate.get, probes), exact_hits)) / len(probes)

        ours_rate, ours_n, ours_answers = rate(ours.get, ASKED, seconds=args.seconds, max_lookups=100_000)
        ann_rate, _, ann_answers = rate(approximate.get, ASKED, seconds=args.seconds, max_lookups=100_000)
        # The loop's cost grows with the size, so its number of lookups is capped (it would take minutes).
        handout_rate, handout_n, handout_answers = rate(handout.get, ASKED, seconds=args.seconds,
                                                        max_lookups=max(len(ASKED), 200_000 // size))
        if not ours_answers == handout_answers == ann_answers:
            sys.exit(f"the caches disagree at {size} entries: {ours_answers} vs {handout_answers} vs {ann_answers}")
        ratios[size] = (ours_rate / handout_rate, ann_rate / handout_rate)
        print(f"{size:>8,}  {ours_rate:>17,.0f}  {ann_rate:>16,.0f}  {recall:>8.3f}  {handout_rate:>12,.1f}  "
              f"{ratios[size][0]:>6,.0f}x  {ratios[size][1]:>6,.0f}x  {fill_s:.1f}")
    hits = sum(answer is not None for answer in ours_answers)
    print(f"the three caches gave the same answers to every real question ({hits} of {len(ASKED)} hit); recall@1 is "
          f"over {RECALL_QUERIES} near copies of stored entries")
    if 50_000 in ratios:
        print(f"exact_ratio_50k={ratios[50_000][0]:.1f}")
        print(f"ratio_50k={ratios[50_000][1]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
