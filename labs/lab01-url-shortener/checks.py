"""How the Lab 01 tests, visible and hidden, drive the app and read what it answered.

The app runs in the submission's process, served on a unix socket; every request here is made by the grader and
every answer is read by it. What the app sent to the model is what the grader's broker recorded (`live.sent`).
"""
from __future__ import annotations

import itertools
import re
import threading
import uuid
from contextlib import contextmanager
from datetime import datetime

from autograder.local_service import TOGETHER_HEADER

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]")
RESERVED = {"links", "suggest-alias", "health", "docs", "redoc", "openapi"}
PUBLIC_HOST = "sho.rt"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}
_databases = itertools.count(1)


def is_slug(alias) -> bool:
    """The README's slug rules, checked by the grader."""
    return isinstance(alias, str) and bool(SLUG.fullmatch(alias)) and "--" not in alias and alias not in RESERVED


def new_database(services) -> str:
    return str(services.folder / f"links-{next(_databases)}.db")


@contextmanager
def shortener(services, scenario=NO_LLM, provider: str = "anthropic", database: str | None = None, **settings):
    """One app, on a fresh database unless one is named; yields (live recording, app client, database path)."""
    database = database or new_database(services)
    with services.record(scenario) as live:
        app = live.serve("start", provider=provider, database=database, **settings)
        yield live, app, database


def create(app, url, alias=None) -> dict:
    body = {"url": url} if alias is None else {"url": url, "alias": alias}
    return app.post("/links", json=body)


def suggest(app, url) -> dict:
    return app.post("/suggest-alias", json={"url": url})


def at_once(app, calls: list) -> list[dict]:
    """Run each zero-argument call (each one request to `app`) in its own thread, all released at one moment;
    their answers in order. The requests say they were sent together, so that the app's server lets them in
    together and makes their look-ups overlap (driver.Together): the race happens on every run."""
    start, answers = threading.Barrier(len(calls)), [None] * len(calls)

    def one(index: int) -> None:
        start.wait()
        answers[index] = calls[index]()

    with app.sending({TOGETHER_HEADER: f"{uuid.uuid4().hex} {len(calls)}"}):
        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(calls))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return answers


def said(answer: dict) -> str:
    """An answer in a few words, for assertion messages."""
    if answer["status"] is None:
        return f"no answer ({answer['error']})"
    return f"{answer['status']} {answer['text'][:160]!r}"


def is_timestamp(value) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def error_json(answer: dict) -> bool:
    """An error answer the contract allows: a JSON object with a `detail`."""
    return isinstance(answer["json"], dict) and "detail" in answer["json"]


def user_text(request: dict) -> str:
    """The text of every user turn of one recorded model request."""
    return "\n".join(text for role, text in request["messages"] if role == "user")


def suggestion(answer: dict) -> tuple[list, str]:
    """(aliases, source) of a /suggest-alias answer that has the contract's shape; AssertionError otherwise."""
    assert answer["status"] == 200, f"/suggest-alias answered {said(answer)}; expected 200"
    data = answer["json"]
    assert isinstance(data, dict) and isinstance(data.get("aliases"), list) and data.get("source") in (
        "model", "fallback"), f"expected {{'aliases': [...], 'source': 'model' or 'fallback'}}; got {said(answer)}"
    return data["aliases"], data["source"]
