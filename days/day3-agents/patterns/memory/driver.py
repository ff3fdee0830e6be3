"""What the graders call: exercise the student's `agent_memory.MemoryStore` on a fake clock and hand back plain
JSON data only. The store's file lives in a fresh temporary folder; ["reopen"] closes the store and opens a new
one on the same file, as a restarted process would.

Script steps (each gives {"value": ...} or {"raised": ERROR, "message": ...}):
  ["at", ISO]                                   set the clock
  ["record", TASK, ACTION, OUTCOME, SUCCEEDED]
  ["remember", TEXT]
  ["history", TASK or null]                     value: [[task, action, outcome, succeeded, ISO time], ...]
  ["recall", QUERY, K]                          value: [[text, kind, score], ...]
  ["score", SIMILARITY, AGE_SECONDS, HALF_LIFE_SECONDS]
  ["reopen"]
"""
from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from agentkit.embeddings import MiniLM


class FakeClock:
    def __init__(self, start: str):
        self.now = datetime.fromisoformat(start)

    def __call__(self) -> datetime:
        return self.now


def script(submission, steps: list, half_life_hours: float = 24.0, start: str = "2026-12-01T09:00:00+00:00") -> dict:
    clock = FakeClock(start)
    folder = tempfile.mkdtemp(prefix="memory-")
    path = str(Path(folder) / "memory.sqlite3")
    encoder = MiniLM.load()

    def open_store():
        return submission.MemoryStore(path, encoder, clock=clock, half_life=timedelta(hours=half_life_hours))

    store = open_store()
    results = []

    def run(step):
        nonlocal store
        op, args = step[0], step[1:]
        if op == "at":
            clock.now = datetime.fromisoformat(args[0])
            return None
        if op == "record":
            store.record(args[0], args[1], args[2], bool(args[3]))
            return None
        if op == "remember":
            store.remember(args[0])
            return None
        if op == "history":
            return [[str(e.task), str(e.action), str(e.outcome), bool(e.succeeded), e.at.isoformat()]
                    for e in store.history(args[0])]
        if op == "recall":
            return [[str(r.text), str(r.kind), float(r.score)] for r in store.recall(args[0], int(args[1]))]
        if op == "score":
            return float(submission.recency_score(float(args[0]), float(args[1]), float(args[2])))
        if op == "reopen":
            store.close()
            store = open_store()
            return None
        raise ValueError(f"unknown step {op!r}")

    for step in steps:
        try:
            results.append({"value": run(step)})
        except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
            results.append({"raised": type(exc).__name__, "message": str(exc)[:300]})
    return {"results": results}
