"""The index: chunks and their vectors in SQLite (sqlite-vec through apsw), a BM25 keyword index beside it, and
hybrid retrieval that fuses the two rankings."""
from __future__ import annotations

from dataclasses import dataclass

import apsw
import bm25s
import numpy as np
import sqlite_vec

from agentkit.embeddings import MiniLM
from coderag.chunk import Chunk, embedding_text
from coderag.settings import Settings
from coderag.words import words


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float       # the fused score (reciprocal rank fusion)
    similarity: float  # the chunk's cosine similarity to the question (0.0 when vector search did not rank it)


def fuse(rankings: list[list[int]], rrf_k: int = 60) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: each id scores the sum over rankings of 1 / (rrf_k + rank), rank 1 for the first.
    Best first; ties keep the order in which ids were first seen."""
    ### BEGIN SOLUTION
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (rrf_k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])
    ### END SOLUTION


def connect(path: str) -> apsw.Connection:
    """An SQLite connection with the sqlite-vec extension loaded (Python's own sqlite3 cannot load it here)."""
    connection = apsw.Connection(str(path))
    connection.enable_load_extension(True)
    connection.load_extension(sqlite_vec.loadable_path())
    connection.enable_load_extension(False)
    return connection


class Index:
    """`Index.build(chunks, path)`, then `search(question)`; `vector_search` and `keyword_search` rank chunk ids."""

    def __init__(self, connection: apsw.Connection, chunks: list[Chunk], keyword: bm25s.BM25,
                 settings: Settings, encoder):
        self.connection, self.chunks, self.keyword = connection, chunks, keyword
        self.settings, self.encoder = settings, encoder

    @classmethod
    def build(cls, chunks: list[Chunk], path: str, settings: Settings = Settings(), encoder=None) -> Index:
        """Embed every chunk's embedding_text into a vec0 table (one row per chunk, rowid = the chunk's position
        in `chunks`, its path a metadata column) in the SQLite file `path`, and index its words for BM25."""
        encoder = encoder or MiniLM.load()
        ### BEGIN SOLUTION
        connection = connect(path)
        vectors = encoder.encode([embedding_text(chunk) for chunk in chunks])
        with connection:
            connection.execute("DROP TABLE IF EXISTS chunk_vectors")
            connection.execute(f"CREATE VIRTUAL TABLE chunk_vectors USING vec0("
                               f"embedding float[{vectors.shape[1]}] distance_metric=cosine, path text)")
            connection.executemany("INSERT INTO chunk_vectors(rowid, embedding, path) VALUES (?, ?, ?)",
                                   [(i, vector.astype(np.float32).tobytes(), chunk.path)
                                    for i, (chunk, vector) in enumerate(zip(chunks, vectors))])
        keyword = bm25s.BM25()
        keyword.index(bm25s.tokenize([words(f"{c.path} {c.symbol} {c.text}") for c in chunks],
                                     show_progress=False), show_progress=False)
        return cls(connection, list(chunks), keyword, settings, encoder)
        ### END SOLUTION

    def vector_search(self, question: str, k: int) -> list[tuple[int, float]]:
        """The k chunks nearest the question: (chunk id, cosine similarity), most similar first."""
        ### BEGIN SOLUTION
        query = self.encoder.encode([question])[0].astype(np.float32).tobytes()
        rows = self.connection.execute("SELECT rowid, distance FROM chunk_vectors WHERE embedding MATCH ? AND k = ? "
                                       "ORDER BY distance", (query, min(k, len(self.chunks))))
        return [(int(rowid), 1.0 - float(distance)) for rowid, distance in rows]
        ### END SOLUTION

    def keyword_search(self, question: str, k: int) -> list[tuple[int, float]]:
        """The k best BM25 matches: (chunk id, score), best first; chunks sharing no word with the question are
        left out."""
        ### BEGIN SOLUTION
        tokens = bm25s.tokenize([words(question)], show_progress=False)
        if not tokens.vocab:
            return []
        ids, scores = self.keyword.retrieve(tokens, k=min(k, len(self.chunks)), show_progress=False)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if s > 0]
        ### END SOLUTION

    def search(self, question: str, k: int | None = None) -> list[Hit]:
        """Hybrid retrieval: the top `settings.candidates` of each search, fused (reciprocal rank fusion, rrf_k
        from the settings), the best k (default settings.k) as Hits."""
        k = k or self.settings.k
        ### BEGIN SOLUTION
        vector = self.vector_search(question, self.settings.candidates)
        keyword = self.keyword_search(question, self.settings.candidates)
        similarity = dict(vector)
        fused = fuse([[i for i, _ in vector], [i for i, _ in keyword]], self.settings.rrf_k)
        return [Hit(self.chunks[i], score, similarity.get(i, 0.0)) for i, score in fused[:k]]
        ### END SOLUTION
