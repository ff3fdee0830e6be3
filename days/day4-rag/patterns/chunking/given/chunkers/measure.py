"""Measure chunkers by retrieval: hit rate@k of a small labelled question set over three click modules.

A question is labelled with a file and a symbol ("HelpFormatter.write_usage"), never with line numbers: the
lines are looked up with `ast` at run time, so the labels survive a new click release. A question is a hit at k
when one of the k chunks nearest to it (cosine of MiniLM embeddings) shares a line with that symbol.

    python -m chunkers.measure      # prints the table the chunking lesson shows
"""
from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import numpy as np

from chunkers.chunk import Chunk
from chunkers.code import code_chunks, first_line
from chunkers.fixed import fixed_size
from chunkers.recursive import recursive

MODULES = ("exceptions.py", "formatting.py", "parser.py")
QUESTIONS = [  # (question, file, symbol)
    ("How does click wrap a long help paragraph to the terminal width?", "formatting.py", "wrap_text"),
    ("Where does the usage line break when the program name is long?", "formatting.py", "HelpFormatter.write_usage"),
    ("How are options and their help texts laid out in two columns?", "formatting.py", "HelpFormatter.write_dl"),
    ("How are names like -v and --verbose joined for display?", "formatting.py", "join_options"),
    ("How is the width of each column of a table computed?", "formatting.py", "measure_table"),
    ("Which error is raised when a required parameter was not given?", "exceptions.py", "MissingParameter"),
    ("Does an unknown option error suggest similar option names?", "exceptions.py", "NoSuchOption"),
    ("How does a usage error print itself with a hint to try --help?", "exceptions.py", "UsageError.show"),
    ("How do I stop the program with a specific exit code?", "exceptions.py", "Exit"),
    ("What does the user see when a file cannot be opened?", "exceptions.py", "FileError"),
    ("How does the parser split a group of short flags like -abc?", "parser.py", "_OptionParser._match_short_opt"),
    ("How is --name=value with an equals sign parsed?", "parser.py", "_OptionParser._match_long_opt"),
    ("How are positional arguments shared out when some take several values?", "parser.py", "_unpack_args"),
    ("How does an option with an optional value get its value?", "parser.py",
     "_OptionParser._get_value_from_state"),
    ("How is the prefix like -- or + separated from an option's name?", "parser.py", "_split_opt"),
]
CHUNKERS: dict[str, Callable[[str, str], list[Chunk]]] = {
    "fixed_size (1000 chars, 200 overlap)": lambda source, path: fixed_size(source, path, 1000, 200),
    "recursive (1000 chars)": lambda source, path: recursive(source, path, 1000),
    "code_chunks (1500 chars max)": lambda source, path: code_chunks(source, path, 1500),
}
KS = (1, 3, 5)


def click_source() -> Path:
    import click

    return Path(click.__file__).parent


def symbol_lines(source: str, symbol: str) -> tuple[int, int]:
    """First and last line of `symbol` ("name" or "Class.method"; the last definition of a name wins, as at
    run time), decorators included."""
    scope: list[ast.stmt] = ast.parse(source).body
    node = None
    for part in symbol.split("."):
        found = [n for n in scope if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                 and n.name == part]
        if not found:
            raise LookupError(f"no {symbol} in this file")
        node = found[-1]
        scope = node.body
    return first_line(node), node.end_lineno


def hit_ranks(chunks: list[Chunk], vectors: np.ndarray, questions: list, question_vectors: np.ndarray,
              sources: dict[str, str]) -> list[int | None]:
    """For each question, the rank (1-based) of the first retrieved chunk that overlaps its symbol, or None."""
    ranks = []
    for (_, path, symbol), query in zip(questions, question_vectors):
        lo, hi = symbol_lines(sources[path], symbol)
        order = np.argsort(-(vectors @ query), kind="stable")
        rank = next((r for r, i in enumerate(order, 1) if chunks[i].path == path
                     and chunks[i].start_line <= hi and chunks[i].end_line >= lo), None)
        ranks.append(rank)
    return ranks


def measure(encoder=None, modules=MODULES, questions=QUESTIONS) -> dict[str, dict]:
    """{chunker: {"chunks": n, "mean_chars": m, "hit@1": ..., "hit@3": ..., "hit@5": ...}}"""
    if encoder is None:
        from agentkit.embeddings import MiniLM

        encoder = MiniLM.load()
    sources = {name: (click_source() / name).read_text() for name in modules}
    question_vectors = encoder.encode([q for q, _, _ in questions])
    results = {}
    for label, chunker in CHUNKERS.items():
        chunks = [c for name, source in sources.items() for c in chunker(source, name)]
        vectors = encoder.encode([c.embed_text() for c in chunks])
        ranks = hit_ranks(chunks, vectors, questions, question_vectors, sources)
        results[label] = {"chunks": len(chunks), "mean_chars": round(sum(len(c.text) for c in chunks) / len(chunks)),
                          **{f"hit@{k}": sum(r is not None and r <= k for r in ranks) / len(ranks) for k in KS}}
    return results


def table(results: dict[str, dict]) -> str:
    rows = ["| chunker | chunks | mean size (chars) | " + " | ".join(f"hit rate@{k}" for k in KS) + " |",
            "|---|---|---|" + "---|" * len(KS)]
    for label, r in results.items():
        rows.append(f"| {label} | {r['chunks']} | {r['mean_chars']} | "
                    + " | ".join(f"{r[f'hit@{k}']:.2f}" for k in KS) + " |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table(measure()))
