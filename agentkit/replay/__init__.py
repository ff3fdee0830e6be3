"""Offline replay under the real SDKs: which mode we are in, and the cassettes and scenarios that answer calls."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

MODES = ("replay", "live", "record")
_active: list = []
HOW_TO_GO_LIVE = ("To run live instead: set ANTHROPIC_API_KEY or OPENAI_API_KEY, or COURSE_BASE_URL and COURSE_MODEL "
                  "for an OpenAI-compatible server (and COURSE_LLM_MODE=live). "
                  "To re-record this unit's fixtures: course record UNIT (needs a key).")


def mode() -> str:
    """COURSE_LLM_MODE if set; otherwise live when a provider key or COURSE_BASE_URL is set, else replay."""
    chosen = os.environ.get("COURSE_LLM_MODE", "").strip().lower()
    if chosen:
        if chosen not in MODES:
            raise ValueError(f"COURSE_LLM_MODE={chosen!r}; use one of {', '.join(MODES)}")
        return chosen
    names = ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "COURSE_BASE_URL")
    return "live" if any(os.environ.get(name) for name in names) else "replay"


def active():
    """The innermost cassette or scenario now answering requests, or None."""
    return _active[-1] if _active else None


@contextmanager
def _tracked(context) -> Iterator:
    with context as cassette:
        _active.append(cassette)
        try:
            yield cassette
        finally:
            _active.remove(cassette)


def cassette(path: str | Path, *, record: bool = False, provenance: dict | None = None):
    """Replay the cassette at `path` by normalised request; with record=True, call live and rewrite it."""
    from agentkit.replay.cassettes import open_cassette
    return _tracked(open_cassette(path, record=record, provenance=provenance))


def scenario(source):
    """Answer requests from a scenario (file path or dict). The cassette's `.sent` lists what was sent."""
    from agentkit.replay.cassettes import open_scenario
    from agentkit.replay.scenarios import load_scenario
    return _tracked(open_scenario(load_scenario(source)))
