"""`connect()`: the one line a notebook starts with, offline on fixtures by default, live with a key."""
from __future__ import annotations

import os
from pathlib import Path

from agentkit import replay
from agentkit.client import Client

_open = None  # (context manager, cassette) of the fixtures this kernel is replaying or recording


def connect(fixtures: str | Path | None = None, provider: str | None = None, model: str | None = None,
            **options) -> Client:
    """A Client for this notebook. In replay mode the notebook's fixtures answer every call (a .json
    cassette matched by request, or a .yaml scenario matched by predicates, for code students write);
    in record mode live replies are written to the .json; in live mode fixtures are not used, and with
    COURSE_BASE_URL set every call goes to that server's COURSE_MODEL, whatever `provider` names."""
    global _open
    if _open is not None:  # re-running the cell: close the previous cassette first
        _open[0].__exit__(None, None, None)
        _open = None
    current = replay.mode()
    fixtures = fixtures or os.environ.get("COURSE_FIXTURES")
    is_scenario = str(fixtures or "").endswith((".yaml", ".yml"))
    if current == "record" and is_scenario:
        raise ValueError(f"{fixtures} is an authored scenario: it cannot be recorded; use a .json fixture")
    if current in ("replay", "record") and fixtures:
        context = replay.scenario(fixtures) if is_scenario else replay.cassette(fixtures, record=current == "record")
        _open = (context, context.__enter__())
    client = Client(provider, model, **options)
    if client.redirected:
        where = f" at {client.base_url} (COURSE_BASE_URL)"
    else:
        where = f", fixtures {fixtures}" if fixtures and current != "live" else ""
    print(f"agentkit: {current} mode, {client.provider} {client.model}{where}")
    return client
