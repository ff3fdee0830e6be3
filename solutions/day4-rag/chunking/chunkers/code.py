"""Code-aware chunks of a Python file: one per function, method or class, cut from the file by `ast`."""
from __future__ import annotations

import ast

from chunkers.chunk import Chunk, lines_of, span
from chunkers.recursive import recursive

DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def first_line(node: ast.AST) -> int:
    """Where a definition starts: its first decorator, else its `def` or `class` line."""
    return min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])


def pack(lines: list[str], lo: int, hi: int, limit: int) -> list[tuple[int, int]]:
    """Lines lo..hi (1-based, inclusive) as runs of whole lines of at most `limit` characters (a longer line
    is a run of its own), with blank lines at the edges of each run left out."""
    runs: list[tuple[int, int]] = []
    start, used = None, 0
    for number in range(lo, hi + 1):
        size = len(lines[number - 1])
        if start is not None and used + size > limit:
            runs.append((start, number - 1))
            start, used = None, 0
        if start is None:
            if not lines[number - 1].strip():
                continue
            start = number
        used += size
    if start is not None:
        runs.append((start, hi))
    trimmed = []
    for a, b in runs:
        while b > a and not lines[b - 1].strip():
            b -= 1
        trimmed.append((a, b))
    return trimmed


def code_chunks(source: str, path: str, max_chars: int = 1500) -> list[Chunk]:
    """Chunks in file order: each top-level function and each class that fits in `max_chars` is one chunk;
    a larger class becomes its methods (named `Class.method`) plus chunks of its other lines (named `Class`);
    a larger function is cut between the statements of its body into parts that all carry its name; the code
    between definitions (imports, constants) becomes "module" chunks. Decorators and docstrings stay with
    their definition. Blank lines between chunks belong to no chunk; every other line belongs to exactly one.
    A file that does not parse is chunked with `recursive`."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return recursive(source, path, size=max_chars)
    lines = lines_of(source)
    ### BEGIN SOLUTION
    return _body(lines, path, tree.body, 1, len(lines), "", "module", None, max_chars)
    ### END SOLUTION


### BEGIN SOLUTION
def _body(lines, path, body, lo, hi, prefix, rest_kind, rest_name, limit) -> list[Chunk]:
    """The chunks of lines lo..hi, whose statements are `body`: definitions on their own, the rest packed."""
    out: list[Chunk] = []

    def rest(a: int, b: int) -> None:
        for x, y in pack(lines, a, b, limit):
            out.append(Chunk(path, x, y, span(lines, x, y), rest_name, rest_kind))

    cursor = lo
    for node in body:
        if not isinstance(node, DEFINITIONS):
            continue
        start = first_line(node)
        rest(cursor, start - 1)
        kind = "class" if isinstance(node, ast.ClassDef) else "method" if prefix else "function"
        out.extend(_definition(lines, path, node, start, prefix, kind, limit))
        cursor = node.end_lineno + 1
    rest(cursor, hi)
    return out


def _definition(lines, path, node, start, prefix, kind, limit) -> list[Chunk]:
    name = prefix + node.name
    end = node.end_lineno
    text = span(lines, start, end)
    if len(text) <= limit:
        return [Chunk(path, start, end, text, name, kind)]
    if isinstance(node, ast.ClassDef):
        return _body(lines, path, node.body, start, end, name + ".", "class", name, limit)
    # A function too large for one chunk: the signature and docstring, then whole statements of its body.
    body = node.body
    header_end = body[0].end_lineno if _is_docstring(body[0]) else body[0].lineno - 1
    header_end = max(header_end, node.lineno)
    segments = [(start, header_end)]
    for statement in body:
        if statement.end_lineno > segments[-1][1]:
            segments.append((segments[-1][1] + 1, statement.end_lineno))
    segments[-1] = (segments[-1][0], end)
    parts: list[tuple[int, int]] = []
    for a, b in segments:
        if len(span(lines, a, b)) > limit:
            parts.extend(pack(lines, a, b, limit))
        elif parts and len(span(lines, parts[-1][0], b)) <= limit:
            parts[-1] = (parts[-1][0], b)
        else:
            parts.append((a, b))
    return [Chunk(path, a, b, span(lines, a, b), name, kind) for a, b in parts]


def _is_docstring(statement: ast.stmt) -> bool:
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))
### END SOLUTION
