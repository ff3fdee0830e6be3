"""Fixed-size chunks with overlap, measured in characters and cut only between lines."""
from __future__ import annotations

from chunkers.chunk import Chunk, lines_of, span


def fixed_size(source: str, path: str, size: int = 1000, overlap: int = 200) -> list[Chunk]:
    """Greedy windows of whole lines of at most `size` characters (a longer line is a chunk of its own).

    Each chunk after the first starts with the longest run of whole lines from the end of the chunk before it
    that fits in `overlap` characters, but never with that whole chunk (so every chunk moves forward).
    """
    if overlap >= size:
        raise ValueError(f"overlap ({overlap}) must be smaller than size ({size})")
    lines = lines_of(source)
    chunks: list[Chunk] = []
    ### BEGIN SOLUTION
    start = 0
    while start < len(lines):
        end, used = start, 0
        while end < len(lines) and (end == start or used + len(lines[end]) <= size):
            used += len(lines[end])
            end += 1
        chunks.append(Chunk(path, start + 1, end, span(lines, start + 1, end)))
        if end == len(lines):
            break
        back, kept = end, 0
        while back - 1 > start and kept + len(lines[back - 1]) <= overlap:
            kept += len(lines[back - 1])
            back -= 1
        start = back
    return chunks
    ### END SOLUTION
