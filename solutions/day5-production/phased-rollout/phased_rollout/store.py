"""Rollout state on disk, so that a restart (or another process) sees the same stage.

One JSON file holds every feature's state. Writes go to a temporary file that replaces the real one in a single
`os.replace`, so a reader never sees half a file and a crash mid-write leaves the old state intact; a lock file
serialises writers, so two controllers cannot overwrite each other's change.
"""
from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path


class JsonStateStore:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def load(self, feature: str) -> dict | None:
        return self._read().get(feature)

    def save(self, feature: str, state: dict) -> None:
        self.update(feature, lambda _old: state)

    def update(self, feature: str, change: Callable[[dict | None], dict]) -> dict:
        """Read, change and write one feature's state while holding the writers' lock."""
        with self._locked():
            everything = self._read()
            everything[feature] = change(everything.get(feature))
            self._write(everything)
            return everything[feature]

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}

    def _write(self, everything: dict) -> None:
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(handle, "w") as out:
                json.dump(everything, out, indent=2, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @contextmanager
    def _locked(self):
        with open(self.path.with_name(self.path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
