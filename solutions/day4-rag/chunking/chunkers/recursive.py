"""Recursive chunks: split at the coarsest separator that makes the pieces fit, then pack pieces up to a limit."""
from __future__ import annotations

from chunkers.chunk import Chunk

SEPARATORS = ("\n\n", "\n", " ")   # paragraph, line, word


def pieces(text: str, separator: str) -> list[str]:
    """`text` cut after each `separator`, so the pieces join back to `text` exactly."""
    parts = text.split(separator)
    out = [part + separator for part in parts[:-1]] + [parts[-1]]
    return [part for part in out if part]


def recursive(source: str, path: str, size: int = 1000, separators: tuple[str, ...] = SEPARATORS) -> list[Chunk]:
    """Chunks of at most `size` characters, cut at paragraphs if the paragraphs fit, else at lines, else at
    spaces (and a word longer than `size` at `size` characters). Neighbouring pieces of one level are packed
    together while they fit. Whitespace-only chunks are dropped; everything else is kept, in order."""
    spans = _split(source, 0, size, separators)
    chunks = []
    for begin, end in spans:
        text = source[begin:end]
        if not text.strip():
            continue
        first = source.count("\n", 0, begin) + 1
        last = first + text.count("\n") - text.endswith("\n")
        chunks.append(Chunk(path, first, last, text))
    return chunks


def _split(text: str, offset: int, size: int, separators: tuple[str, ...]) -> list[tuple[int, int]]:
    """(begin, end) character spans of `text` (which starts at `offset` in the file), each at most `size`."""
    ### BEGIN SOLUTION
    if len(text) <= size:
        return [(offset, offset + len(text))]
    if not separators:
        return [(offset + i, offset + min(i + size, len(text))) for i in range(0, len(text), size)]
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    at = offset
    for piece in pieces(text, separators[0]):
        begin, end = at, at + len(piece)
        at = end
        if len(piece) > size:
            if current:
                out.append(current)
                current = None
            out.extend(_split(piece, begin, size, separators[1:]))
        elif current and end - current[0] <= size:
            current = (current[0], end)
        else:
            if current:
                out.append(current)
            current = (begin, end)
    if current:
        out.append(current)
    return out
    ### END SOLUTION
