"""What the graders call: run the student's `hybrid_search` package and hand back plain JSON data only.

Vector search runs on the grader's `WordHashEncoder` (fast and deterministic, so a test can compute the exact
ranking it must give) unless a test asks for "minilm". Model calls go through agentkit.Client(provider),
answered by the scenario the test names; what was sent is recorded on the grader's side (trace["sent"]).
"""
from __future__ import annotations

import re
import zlib

import numpy as np

import agentkit

DIMENSIONS = 512


class WordHashEncoder:
    """Bag of lower-case words (letters only, so snake_case splits and CamelCase does not), hashed into
    512 dimensions, as unit vectors. Records every text it encodes."""

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        texts = [texts] if isinstance(texts, str) else list(texts)
        self.seen.extend(texts)
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                out[row, zlib.crc32(word.encode()) % DIMENSIONS] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def encoder_for(kind: str):
    if kind == "minilm":
        from agentkit.embeddings import MiniLM

        return MiniLM.load()
    return WordHashEncoder()


def plain(ids) -> list:
    return [i if isinstance(i, (str, int)) else str(i) for i in ids]


def tokens(submission, texts: list[str]) -> dict:
    return {"tokens": [[str(t) for t in submission.tokenize(text)] for text in texts]}


def keyword(submission, docs: list[list[str]], queries: list[str], k: int = 10) -> dict:
    index = submission.KeywordIndex([text for _, text in docs])
    return {"results": [[docs[int(i)][0] for i in index.search(query, k)] for query in queries]}


def vector(submission, docs: list[list[str]], queries: list[str], k: int = 10, encoder: str = "hash") -> dict:
    index = submission.VectorIndex([text for _, text in docs], encoder_for(encoder))
    return {"results": [[docs[int(i)][0] for i in index.search(query, k)] for query in queries]}


def fuse(submission, rankings: list[list], k: int = 60) -> dict:
    return {"fused": [[item, float(score)] for item, score in submission.reciprocal_rank_fusion(rankings, k=k)]}


def hybrid(submission, docs: list[list[str]], queries: list[str], k: int = 5, candidates: int = 20) -> dict:
    search = submission.HybridSearch([i for i, _ in docs], [t for _, t in docs], encoder_for("hash"))
    out = []
    for query in queries:
        out.append({"rankings": [plain(r) for r in search.rankings(query, candidates)],
                    "fused": plain(search.search(query, k=k, candidates=candidates))})
    return {"results": out}


def multi_query(submission, provider: str, docs: list[list[str]], question: str, k: int = 5, n: int = 3,
                candidates: int = 20) -> dict:
    client = agentkit.Client(provider)
    queries = [str(q) for q in submission.multi_query(client, question, n=n)]
    search = submission.HybridSearch([i for i, _ in docs], [t for _, t in docs], encoder_for("hash"))
    found = plain(submission.multi_query_search(client, search, question, k=k, n=n, candidates=candidates))
    rankings = {q: [plain(r) for r in search.rankings(q, candidates)] for q in queries}
    return {"queries": queries, "ids": found, "rankings": rankings}


def hyde(submission, provider: str, docs: list[list[str]], question: str, k: int = 3) -> dict:
    client = agentkit.Client(provider)
    encoder = WordHashEncoder()
    search = submission.HybridSearch([i for i, _ in docs], [t for _, t in docs], encoder)
    indexed = len(encoder.seen)
    found = plain(submission.hyde_search(client, search, question, k=k))
    return {"ids": found, "encoded_after_indexing": [str(t) for t in encoder.seen[indexed:]]}


def rerank(submission, provider: str, question: str, candidates: list[list[str]]) -> dict:
    client = agentkit.Client(provider)
    try:
        order = submission.rerank(client, question, [(doc_id, text) for doc_id, text in candidates])
    except Exception as exc:  # noqa: BLE001 - the test reports what was raised
        return {"raised": type(exc).__name__, "message": str(exc)[:300]}
    return {"order": plain(order)}
