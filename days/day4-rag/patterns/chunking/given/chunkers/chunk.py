"""A chunk is a run of a file's text that knows where it came from: the path and the lines it holds."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    """`text` is exactly lines `start_line`..`end_line` (1-based, inclusive) of the file at `path`.

    The one exception: `recursive` may split a single line longer than its limit at spaces, and then each
    piece claims that one line and holds a part of it.
    """

    path: str
    start_line: int
    end_line: int
    text: str
    name: str | None = None   # the qualified name ("HelpFormatter.write_usage") for code-aware chunks
    kind: str = "text"        # "text", "module", "function", "class" or "method"

    def embed_text(self) -> str:
        """What goes to the embedding model: where the chunk is from, then its text."""
        where = f"{self.path} {self.name}" if self.name else self.path
        return f"{where}\n{self.text}"


def lines_of(source: str) -> list[str]:
    """The file's lines with their line endings, so that joining a range gives back the exact text."""
    return source.splitlines(keepends=True)


def span(lines: list[str], start_line: int, end_line: int) -> str:
    """Lines start_line..end_line (1-based, inclusive) as one string."""
    return "".join(lines[start_line - 1:end_line])
