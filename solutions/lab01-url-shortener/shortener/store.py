"""Links in SQLite. The UNIQUE constraint on the alias decides who gets it, not a look-up before the insert: two
requests that both see an alias free would otherwise both take it."""
import secrets
import sqlite3
import string
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timezone

ALIAS_CHARACTERS = string.ascii_lowercase + string.digits
GENERATED_TRIES = 5  # a generated alias that is taken is replaced by a new one, this many times at most

SCHEMA = """
CREATE TABLE IF NOT EXISTS links (
    alias TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    created_at TEXT NOT NULL,
    clicks INTEGER NOT NULL DEFAULT 0,
    last_clicked_at TEXT
)
"""


class AliasTaken(Exception):
    """The alias already names a link."""


def random_alias() -> str:
    """A fresh alias: 7 random lowercase letters and digits."""
    return "".join(secrets.choice(ALIAS_CHARACTERS) for _ in range(7))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class LinkStore:
    """One SQLite file; a connection per operation, so any thread (or process) may use it."""

    def __init__(self, path: str):
        self.path = path
        ### BEGIN SOLUTION
        with closing(self._connect()) as db, db:
            db.execute(SCHEMA)
        ### END SOLUTION

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.row_factory = sqlite3.Row
        return db

    def add(self, alias: str, url: str) -> dict:
        """Insert a link and return it (see `get`); AliasTaken if the alias is already used."""
        ### BEGIN SOLUTION
        created = now()
        try:
            with closing(self._connect()) as db, db:
                db.execute("INSERT INTO links (alias, url, created_at) VALUES (?, ?, ?)", (alias, url, created))
        except sqlite3.IntegrityError as exc:
            raise AliasTaken(alias) from exc
        return {"alias": alias, "url": url, "created_at": created, "clicks": 0, "last_clicked_at": None}
        ### END SOLUTION

    def add_generated(self, url: str, new_alias: Callable[[], str]) -> dict:
        """Insert a link under an alias from `new_alias()`, asking for another while the alias is taken (at most
        GENERATED_TRIES aliases in all); AliasTaken if every one was."""
        ### BEGIN SOLUTION
        for _ in range(GENERATED_TRIES):
            try:
                return self.add(new_alias(), url)
            except AliasTaken:
                continue
        raise AliasTaken("no free alias")
        ### END SOLUTION

    def get(self, alias: str) -> dict | None:
        """The link as a dict (alias, url, created_at, clicks, last_clicked_at), or None."""
        ### BEGIN SOLUTION
        with closing(self._connect()) as db:
            row = db.execute("SELECT * FROM links WHERE alias = ?", (alias,)).fetchone()
        return dict(row) if row else None
        ### END SOLUTION

    def follow(self, alias: str) -> str | None:
        """Count one click on the link and return its URL, or None if there is no such link. One UPDATE does the
        counting, so clicks that arrive together are all counted."""
        ### BEGIN SOLUTION
        with closing(self._connect()) as db, db:
            row = db.execute("UPDATE links SET clicks = clicks + 1, last_clicked_at = ? WHERE alias = ? RETURNING url",
                             (now(), alias)).fetchone()
        return row["url"] if row else None
        ### END SOLUTION

    def taken(self, alias: str) -> bool:
        return self.get(alias) is not None
