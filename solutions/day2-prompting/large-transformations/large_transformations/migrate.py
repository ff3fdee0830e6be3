"""Migrate a module one chunk at a time.

The contract's fixed strings (word the rest as you like):
- Each request's user message holds the chunk as `<chunk name="NAME">` ... `</chunk>`, and the decisions so far
  between `<decisions>` and `</decisions>`, one per line (empty before the first decision).
- A reply holds the transformed chunk in one ```python block and any number of lines `DECISION: <text>`.
- A retry repeats the request with the problem between `<error>` and `</error>`.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass

import agentkit

FENCE = re.compile(r"^```[ \t]*(?:python|py)?[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Chunk:
    name: str   # the function's or class's name; "<module>" for the statements between them
    code: str


def extract_code(text: str) -> str | None:
    """The first ```python (or unlabelled) block's body; None when there is none. Given."""
    match = FENCE.search(text)
    return match.group(1) if match else None


def split_module(source: str) -> list[Chunk]:
    """The module in source order: each top-level function or class (with its decorators and any comment lines
    directly above it) is one chunk named after it; the statements between them (imports, constants, the module
    docstring) form `<module>` chunks. Joining the chunks' code with newlines gives back every line."""
    ### BEGIN SOLUTION
    lines = source.splitlines()
    tree = ast.parse(source)
    chunks: list[Chunk] = []
    start = 0  # the first line (0-based) not yet in a chunk
    for node in tree.body:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
        while first > start and lines[first - 1].lstrip().startswith("#"):
            first -= 1
        between = "\n".join(lines[start:first]).strip("\n")
        if between.strip():
            chunks.append(Chunk("<module>", between))
        chunks.append(Chunk(node.name, "\n".join(lines[first:node.end_lineno])))
        start = node.end_lineno
    rest = "\n".join(lines[start:]).strip("\n")
    if rest.strip():
        chunks.append(Chunk("<module>", rest))
    return chunks
    ### END SOLUTION


def public_names(code: str) -> set[str]:
    """Top-level names the code defines that do not start with `_`: functions, classes, and assigned names
    (plain and annotated assignments). Imports do not count: changing them is what a migration does."""
    ### BEGIN SOLUTION
    names: set[str] = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}
    ### END SOLUTION


def check_piece(original: str, transformed: str | None) -> str | None:
    """None when the transformed piece compiles and defines every public name the original did; otherwise the
    problem, in words: no code block, the SyntaxError (message and line), or the missing names (sorted)."""
    ### BEGIN SOLUTION
    if transformed is None:
        return "the reply had no ```python block"
    try:
        compile(transformed, "<chunk>", "exec")
    except SyntaxError as error:
        return f"SyntaxError: {error.msg} (line {error.lineno})"
    missing = sorted(public_names(original) - public_names(transformed))
    return f"missing public names: {', '.join(missing)}" if missing else None
    ### END SOLUTION


def decisions_in(text: str) -> list[str]:
    """The text of every line `DECISION: <text>` outside the reply's code block, in order."""
    ### BEGIN SOLUTION
    outside = FENCE.sub("", text)
    return [m.group(1).strip() for m in re.finditer(r"^\s*DECISION:\s*(.+)$", outside, re.MULTILINE)]
    ### END SOLUTION


def migrate(client: agentkit.Client, source: str, instructions: str) -> dict:
    """Send each chunk with the decisions so far; check each transformed piece and retry it once with the
    problem; keep the original code of a chunk that fails twice. Returns {"source": the assembled module (the
    pieces joined by two blank lines), "decisions": every decision in order, "failed": names of chunks kept as
    they were, "calls": requests made}."""
    ### BEGIN SOLUTION
    system = (f"{instructions}\nYou get one chunk of a module at a time. Reply with the transformed chunk in one "
              "```python block, and after it one line `DECISION: <text>` for each choice later chunks must follow.")
    decisions: list[str] = []
    pieces: list[str] = []
    failed: list[str] = []
    calls = 0
    for chunk in split_module(source):
        request = (f"<decisions>\n{chr(10).join(decisions)}\n</decisions>\n\n"
                   f'<chunk name="{chunk.name}">\n{chunk.code}\n</chunk>')
        problem, piece, new = None, None, []
        for attempt in (1, 2):
            user = request if attempt == 1 else f"{request}\n\n<error>\n{problem}\n</error>"
            text = client.chat(user, system=system, max_tokens=4000).text
            calls += 1
            piece = extract_code(text)
            problem = check_piece(chunk.code, piece)
            if problem is None:
                new = decisions_in(text)
                break
        if problem is None:
            pieces.append(piece.strip("\n"))
            decisions += new
        else:
            pieces.append(chunk.code)
            failed.append(chunk.name)
    return {"source": "\n\n\n".join(pieces) + "\n", "decisions": decisions, "failed": failed, "calls": calls}
    ### END SOLUTION
