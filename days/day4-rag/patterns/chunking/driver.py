"""What the graders call: run the student's `chunkers` package on a text or on one of click's installed modules
and hand back the chunks as plain JSON data. The tests read the same files themselves to check every chunk's
claimed lines against the file."""
from __future__ import annotations

from pathlib import Path

import click

CHUNKERS = ("fixed_size", "recursive", "code_chunks")


def as_data(chunk) -> dict:
    return {"path": str(chunk.path), "start_line": int(chunk.start_line), "end_line": int(chunk.end_line),
            "text": str(chunk.text), "name": None if chunk.name is None else str(chunk.name), "kind": str(chunk.kind)}


def chunk(submission, chunker: str, source: str, path: str = "sample.py", **params) -> dict:
    if chunker not in CHUNKERS:
        raise ValueError(f"unknown chunker {chunker!r}")
    try:
        found = getattr(submission, chunker)(source, path, **params)
    except Exception as exc:  # noqa: BLE001 - the test reports what was raised
        return {"raised": type(exc).__name__, "message": str(exc)[:300]}
    return {"chunks": [as_data(c) for c in found]}


def chunk_click(submission, chunker: str, modules: list[str], **params) -> dict:
    """Chunks of click's installed modules, by module name ("parser.py")."""
    root = Path(click.__file__).parent
    out = {}
    for name in modules:
        result = chunk(submission, chunker, (root / name).read_text(), name, **params)
        if "raised" in result:
            return {**result, "module": name}
        out[name] = result["chunks"]
    return {"modules": out}
