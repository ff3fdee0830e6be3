"""A chunk of code: where it is (file, 1-based inclusive lines), what it is (qualified symbol), and its text."""
from dataclasses import dataclass

import re

DOCSTRING = re.compile(r'[rRuU]?("""|\'\'\')\s*(.*?)(?:\n\s*\n|\1)', re.DOTALL)
SUMMARY_WORDS = 40  # words of the docstring's first paragraph that are embedded


@dataclass(frozen=True)
class Chunk:
    path: str      # relative to the corpus root, e.g. "termui.py"
    symbol: str    # qualified: "echo", "ClickException", "ClickException.show"
    start: int     # first line, 1-based, the first decorator's line when decorated
    end: int       # last line, inclusive
    text: str      # exactly lines start..end of the file, joined with "\n"

    @property
    def span(self) -> str:
        return f"{self.path}:{self.start}-{self.end}"


def embedding_text(chunk: Chunk) -> str:
    """What the vector index embeds: the file, the symbol and the first words of its docstring's first paragraph.
    Whole bodies are slow to embed (the encoder's cost grows faster than the length) and dilute the meaning the
    docstring states; keyword search sees the whole text."""
    found = DOCSTRING.search(chunk.text)
    summary = " ".join(found.group(2).split()[:SUMMARY_WORDS]) if found else ""
    name = chunk.symbol.replace("_", " ").replace(".", " ")
    return f"{chunk.path} {name}: {summary}"
