### BEGIN STARTER
# """Rollout state on disk, so that a restart (or another process) sees the same stage.
#
# One JSON file holds every feature's state: {"<feature>": {...state...}, ...}.
# """
### END STARTER
### BEGIN SOLUTION
"""Rollout state on disk, so that a restart (or another process) sees the same stage.

One JSON file holds every feature's state. Writes go to a temporary file that replaces the real one in a single
`os.replace`, so a reader never sees half a file and a crash mid-write leaves the old state intact; a lock file
serialises writers, so two controllers cannot overwrite each other's change.
"""
### END SOLUTION
from __future__ import annotations

import fcntl
import json
import os
### BEGIN STARTER
# import tempfile  # noqa: F401 - tempfile.mkstemp(dir=...) for the atomic write
### END STARTER
### BEGIN SOLUTION
import tempfile
### END SOLUTION
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
        ### BEGIN STARTER
        # """Under the writers' lock (`with self._locked():`): read every feature's state, replace this feature's
        # with `change(its current state or None)`, write everything back with `_write`, return the new state."""
        # # TODO step 4
        # raise NotImplementedError("step 4: JsonStateStore.update")
        ### END STARTER
        ### BEGIN SOLUTION
        """Read, change and write one feature's state while holding the writers' lock."""
        with self._locked():
            everything = self._read()
            everything[feature] = change(everything.get(feature))
            self._write(everything)
            return everything[feature]
        ### END SOLUTION

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}

    def _write(self, everything: dict) -> None:
        ### BEGIN STARTER
        # """Atomically: json.dump into a temporary file in the same folder, flush and fsync it, then
        # os.replace it over self.path. A reader then sees the old file or the new one, never half of one."""
        # # TODO step 4
        # raise NotImplementedError("step 4: JsonStateStore._write")
        ### END STARTER
        ### BEGIN SOLUTION
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
        ### END SOLUTION

    @contextmanager
    def _locked(self):
        ### BEGIN STARTER
        # """Given: an exclusive lock on a file next to the state file, so writers take turns."""
        ### END STARTER
        with open(self.path.with_name(self.path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
