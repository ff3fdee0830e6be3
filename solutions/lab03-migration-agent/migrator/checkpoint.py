"""The run's state, saved in SQLite after every step: a run killed at any point resumes from its last step."""
import json
import sqlite3
from pathlib import Path


class Checkpoint:
    """The state of one run (a JSON-able dict) in the SQLite file at `path`. `load()` gives the last state saved
    (None before the first save); `save(state)` has made it durable when it returns."""

    def __init__(self, path: str | Path):
        ### BEGIN SOLUTION
        self.connection = sqlite3.connect(path)
        with self.connection:
            self.connection.execute("CREATE TABLE IF NOT EXISTS checkpoint "
                                    "(id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)")
        ### END SOLUTION

    def load(self) -> dict | None:
        ### BEGIN SOLUTION
        row = self.connection.execute("SELECT state FROM checkpoint WHERE id = 1").fetchone()
        return json.loads(row[0]) if row else None
        ### END SOLUTION

    def save(self, state: dict) -> None:
        ### BEGIN SOLUTION
        with self.connection:  # one transaction, committed on leaving: the state is on disk before the next step
            self.connection.execute("INSERT INTO checkpoint (id, state) VALUES (1, ?) "
                                    "ON CONFLICT (id) DO UPDATE SET state = excluded.state", (json.dumps(state),))
        ### END SOLUTION

    def close(self) -> None:
        ### BEGIN SOLUTION
        self.connection.close()
        ### END SOLUTION
