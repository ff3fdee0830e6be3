"""MemoryStore: episodes and facts in SQLite, recalled by score = cosine similarity * 0.5 ** (age / half_life)."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import numpy as np

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (id INTEGER PRIMARY KEY, task TEXT NOT NULL, action TEXT NOT NULL,
    outcome TEXT NOT NULL, succeeded INTEGER NOT NULL, at TEXT NOT NULL, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS facts (id INTEGER PRIMARY KEY, text TEXT NOT NULL, at TEXT NOT NULL,
    vector BLOB NOT NULL);
"""


@dataclass(frozen=True)
class Episode:
    task: str
    action: str
    outcome: str
    succeeded: bool
    at: datetime

    def text(self) -> str:
        """How an episode reads when it is embedded and recalled."""
        return f"{self.task}: tried {self.action} -> {'succeeded' if self.succeeded else 'failed'}: {self.outcome}"


@dataclass(frozen=True)
class Recalled:
    text: str
    kind: str        # "fact" or "episode"
    similarity: float
    age_seconds: float
    score: float


def recency_score(similarity: float, age_seconds: float, half_life_seconds: float) -> float:
    """Relevance discounted by age: a memory one half-life old counts half as much as a new one."""
    ### BEGIN SOLUTION
    return similarity * 0.5 ** (max(age_seconds, 0.0) / half_life_seconds)
    ### END SOLUTION


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class MemoryStore:
    """`MemoryStore(path, encoder=MiniLM.load(), clock=...)`. Everything is committed as it is written, so a new
    store on the same file (after a restart) sees it all. `clock()` gives aware datetimes; times are stored as
    ISO 8601 in UTC."""

    def __init__(self, path: str, encoder, *, clock: Callable[[], datetime] = utc_now,
                 half_life: timedelta = timedelta(days=7)):
        self.encoder, self.clock, self.half_life = encoder, clock, half_life
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def _vector(self, text: str) -> bytes:
        return self.encoder.encode([text])[0].astype(np.float32).tobytes()

    def _now(self) -> str:
        return self.clock().astimezone(timezone.utc).isoformat()

    def record(self, task: str, action: str, outcome: str, succeeded: bool) -> Episode:
        """One attempt at a task, stamped with the clock's time."""
        ### BEGIN SOLUTION
        episode = Episode(task, action, outcome, bool(succeeded), datetime.fromisoformat(self._now()))
        with self.db:
            self.db.execute("INSERT INTO episodes (task, action, outcome, succeeded, at, vector) VALUES (?,?,?,?,?,?)",
                            (task, action, outcome, int(episode.succeeded), episode.at.isoformat(),
                             self._vector(episode.text())))
        return episode
        ### END SOLUTION

    def history(self, task: str | None = None) -> list[Episode]:
        """Episodes (of one task, or all), newest first; two at the same time in the order recorded, newest first."""
        ### BEGIN SOLUTION
        query = "SELECT task, action, outcome, succeeded, at FROM episodes"
        rows = self.db.execute(query + (" WHERE task = ?" if task is not None else "") + " ORDER BY at DESC, id DESC",
                               (task,) if task is not None else ()).fetchall()
        return [Episode(t, a, o, bool(s), datetime.fromisoformat(at)) for t, a, o, s, at in rows]
        ### END SOLUTION

    def remember(self, text: str) -> None:
        """A long-term fact, stamped with the clock's time."""
        ### BEGIN SOLUTION
        with self.db:
            self.db.execute("INSERT INTO facts (text, at, vector) VALUES (?,?,?)", (text, self._now(), self._vector(text)))
        ### END SOLUTION

    def recall(self, query: str, k: int = 3) -> list[Recalled]:
        """The k memories (facts and episodes together) with the highest recency_score(cosine similarity to the
        query, age at the clock's time now, half_life), highest first. Encoder vectors are unit length, so the
        cosine is their dot product."""
        ### BEGIN SOLUTION
        now = self.clock()
        wanted = self.encoder.encode([query])[0]
        rows = [(text, "fact", at, vector) for text, at, vector in
                self.db.execute("SELECT text, at, vector FROM facts")]
        rows += [(Episode(t, a, o, bool(s), datetime.fromisoformat(at)).text(), "episode", at, vector)
                 for t, a, o, s, at, vector in
                 self.db.execute("SELECT task, action, outcome, succeeded, at, vector FROM episodes")]
        found = []
        for text, kind, at, vector in rows:
            similarity = float(np.frombuffer(vector, dtype=np.float32) @ wanted)
            age = (now - datetime.fromisoformat(at)).total_seconds()
            found.append(Recalled(text, kind, similarity, age,
                                  recency_score(similarity, age, self.half_life.total_seconds())))
        return sorted(found, key=lambda r: -r.score)[:k]
        ### END SOLUTION
