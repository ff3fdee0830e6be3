"""VectorStore: chunks and their vectors in one sqlite-vec table, files and their content hashes in another."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from vector_store.chunks import chunk_file
from vector_store.database import connect

Encode = Callable[[Sequence[str]], np.ndarray]   # texts -> (len(texts), dimension), e.g. MiniLM.load().encode
MAX_K = 4096                                     # sqlite-vec's limit on k in one KNN query


def schema(dimension: int) -> str:
    """The tables: `files` (path, sha256 of its content) and `chunks`, a vec0 table whose metadata columns (path,
    kind, start_line, end_line) can be filtered inside a KNN query; the chunk's text rides along as an auxiliary
    column. Vectors are compared by cosine distance."""
    ### BEGIN SOLUTION
    return f"""
    CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS chunks USING vec0(
        embedding float[{int(dimension)}] distance_metric=cosine,
        path text, kind text, start_line integer, end_line integer,
        +text text);
    """
    ### END SOLUTION


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Hit:
    path: str
    start_line: int
    end_line: int
    kind: str
    text: str
    score: float       # cosine similarity to the query: 1 - cosine distance


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)     # paths indexed for the first time
    changed: list[str] = field(default_factory=list)   # paths whose content changed, re-indexed
    removed: list[str] = field(default_factory=list)   # paths gone from the folder, deleted from the index
    unchanged: int = 0                                 # files skipped: same content hash, nothing embedded
    embedded: int = 0                                  # chunks embedded in this sync


class VectorStore:
    """`VectorStore(path, encode, dimension=384)`: one SQLite file; `encode` embeds a list of texts at once."""

    def __init__(self, path: str | Path, encode: Encode, *, dimension: int = 384):
        self.encode, self.dimension = encode, dimension
        self.db = connect(str(path))
        with self.db:
            self.db.execute(schema(dimension))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> VectorStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def files(self) -> dict[str, str]:
        """Every indexed path and the sha256 of the content it was indexed from."""
        return dict(self.db.execute("SELECT path, sha256 FROM files ORDER BY path").fetchall())

    def count(self) -> int:
        """How many chunks the index holds."""
        return self.db.execute("SELECT count(*) FROM chunks").fetchone()[0]

    def index_file(self, path: str, text: str) -> int:
        """Index one file's content under `path`; returns how many chunks were embedded.

        Content whose sha256 is already stored for `path` is skipped (0, nothing embedded). Otherwise its chunks
        (vector_store.chunk_file) are embedded first, then, in ONE transaction, the file's old chunks are deleted,
        the new ones inserted and its hash stored. If embedding fails, the index is left as it was."""
        ### BEGIN SOLUTION
        digest = sha256(text)
        if self.files().get(path) == digest:
            return 0
        chunks = chunk_file(path, text)
        vectors = np.asarray(self.encode([c.text for c in chunks]), dtype=np.float32) if chunks else None
        if chunks and vectors.shape != (len(chunks), self.dimension):
            raise ValueError(f"the encoder returned shape {vectors.shape} for {len(chunks)} texts; "
                             f"expected ({len(chunks)}, {self.dimension})")
        with self.db:
            self.db.execute("DELETE FROM chunks WHERE path = ?", (path,))
            for chunk, vector in zip(chunks, vectors if chunks else []):
                self.db.execute("INSERT INTO chunks (embedding, path, kind, start_line, end_line, text) "
                                "VALUES (?, ?, ?, ?, ?, ?)",
                                (vector.tobytes(), chunk.path, chunk.kind, chunk.start_line, chunk.end_line,
                                 chunk.text))
            self.db.execute("INSERT OR REPLACE INTO files (path, sha256) VALUES (?, ?)", (path, digest))
        return len(chunks)
        ### END SOLUTION

    def remove_file(self, path: str) -> int:
        """Delete a file's chunks and its hash, in one transaction; returns how many chunks were deleted."""
        ### BEGIN SOLUTION
        with self.db:
            removed = self.db.execute("SELECT count(*) FROM chunks WHERE path = ?", (path,)).fetchone()[0]
            self.db.execute("DELETE FROM chunks WHERE path = ?", (path,))
            self.db.execute("DELETE FROM files WHERE path = ?", (path,))
        return removed
        ### END SOLUTION

    def sync(self, root: str | Path, pattern: str = "**/*.py") -> SyncReport:
        """Bring the index in line with the files under `root` that match `pattern`: index new and changed files
        (paths relative to root, with forward slashes), skip unchanged ones, remove files that are gone."""
        ### BEGIN SOLUTION
        root = Path(root)
        report = SyncReport()
        known = self.files()
        found = sorted(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())
        for path in found:
            embedded = self.index_file(path, (root / path).read_text(encoding="utf-8"))
            if path not in known:
                report.added.append(path)
            elif embedded or self.files()[path] != known[path]:
                report.changed.append(path)
            else:
                report.unchanged += 1
            report.embedded += embedded
        for path in sorted(set(known) - set(found)):
            self.remove_file(path)
            report.removed.append(path)
        return report
        ### END SOLUTION

    def search(self, query: str, k: int = 5, *, path: str | None = None, kind: str | None = None) -> list[Hit]:
        """The k chunks nearest to `query` by cosine, best first, among those matching the filters. The filters are
        part of the KNN query itself, so k hits come back whenever k chunks match."""
        ### BEGIN SOLUTION
        if k < 1:
            return []
        vector = np.asarray(self.encode([query]), dtype=np.float32)[0]
        where, parameters = ["embedding MATCH ?", "k = ?"], [vector.tobytes(), min(int(k), MAX_K)]
        for column, wanted in (("path", path), ("kind", kind)):
            if wanted is not None:
                where.append(f"{column} = ?")
                parameters.append(wanted)
        rows = self.db.execute("SELECT path, start_line, end_line, kind, text, distance FROM chunks WHERE "
                               + " AND ".join(where) + " ORDER BY distance", parameters).fetchall()
        return [Hit(p, s, e, kd, t, 1.0 - d) for p, s, e, kd, t, d in rows]
        ### END SOLUTION
