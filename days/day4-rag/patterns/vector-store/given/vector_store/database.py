"""Open a SQLite file with the sqlite-vec extension loaded. Python's own sqlite3 module is often built without
extension loading (it is here), so the course opens databases with apsw, which bundles its own SQLite."""
from __future__ import annotations

import apsw
import sqlite_vec


def connect(path: str) -> apsw.Connection:
    connection = apsw.Connection(str(path))
    connection.enable_load_extension(True)
    connection.load_extension(sqlite_vec.loadable_path())
    connection.enable_load_extension(False)
    return connection
