"""A small code-aware chunker: one chunk per top-level function or class, one for the module docstring."""
from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    path: str          # relative to the indexed folder, with forward slashes
    start_line: int    # 1-based, inclusive (a decorator's line for a decorated definition)
    end_line: int      # inclusive
    kind: str          # "function", "class", "module" (the docstring) or "text" (a file that is not Python)
    text: str          # exactly those lines of the file


def chunk_file(path: str, text: str) -> list[Chunk]:
    """The file's chunks in line order. A file that is not valid Python is one "text" chunk (none if blank)."""
    lines = text.splitlines()
    try:
        tree = ast.parse(text) if path.endswith(".py") else None
    except SyntaxError:
        tree = None
    if tree is None:
        return [Chunk(path, 1, len(lines), "text", text)] if text.strip() else []

    def chunk(start: int, end: int, kind: str) -> Chunk:
        return Chunk(path, start, end, kind, "\n".join(lines[start - 1:end]))

    chunks = []
    if ast.get_docstring(tree) is not None:
        chunks.append(chunk(tree.body[0].lineno, tree.body[0].end_lineno, "module"))
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            chunks.append(chunk(start, node.end_lineno, "class" if isinstance(node, ast.ClassDef) else "function"))
    return chunks
