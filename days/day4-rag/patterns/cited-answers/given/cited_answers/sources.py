"""The corpus (click's installed source, read at run time) and the retrieved chunks handed to the answerer.

Paths look like `click/core.py`; lines are 1-based and inclusive. Lines are found with `ast` by symbol name,
never typed in, so the course survives a new click release.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Chunk:
    path: str      # "click/core.py"
    start: int     # first line, 1-based
    end: int       # last line, inclusive
    text: str      # lines start..end of the file, joined with "\n"
    score: float   # the retriever's similarity: higher is more relevant


def click_corpus(modules: list[str] | None = None) -> dict[str, str]:
    """{"click/core.py": source text, ...} for the named modules of the installed click (all of them by default)."""
    import click

    root = Path(click.__file__).parent
    files = [root / name for name in modules] if modules else sorted(root.glob("*.py"))
    return {f"click/{file.name}": file.read_text(encoding="utf-8") for file in files}


def symbol_span(source: str, qualname: str) -> tuple[int, int]:
    """(first line, last line) of a function or class by dotted name ("Context.find_object"), decorators included."""
    body = ast.parse(source).body
    node = None
    for part in qualname.split("."):
        node = next((n for n in body if getattr(n, "name", None) == part), None)
        if node is None:
            raise LookupError(f"no {qualname} in this source")
        body = getattr(node, "body", [])
    return min([node.lineno, *(d.lineno for d in node.decorator_list)]), node.end_lineno


def chunk_of(corpus: dict[str, str], path: str, qualname: str, score: float) -> Chunk:
    start, end = symbol_span(corpus[path], qualname)
    return Chunk(path, start, end, "\n".join(corpus[path].splitlines()[start - 1:end]), score)


PLACEHOLDER = re.compile(r"\{\{(?P<module>[\w.]+)::(?P<symbol>[\w.]+)(?::(?P<first>\d+)-(?P<last>\d+))?\}\}")


def fill_lines(template: str, corpus: dict[str, str]) -> str:
    """Replace `{{core.py::Context.find_object}}` with `click/core.py:START-END`, and
    `{{core.py::Context.find_object:5-7}}` with the symbol's 5th to 7th lines (authored replies cite by symbol)."""
    def replace(match: re.Match) -> str:
        path = f"click/{match['module']}"
        start, end = symbol_span(corpus[path], match["symbol"])
        if match["first"]:
            start, end = start + int(match["first"]) - 1, start + int(match["last"]) - 1
        return f"{path}:{start}-{end}"

    return PLACEHOLDER.sub(replace, template)
