"""The codebase index (Day 4): one chunk per top-level function or class (a module's other lines are one more
chunk), each with its path and lines, searched by BM25 over code-aware tokens."""
from __future__ import annotations

import ast
import re

import bm25s
import numpy as np

from debt_radar.models import Span

WORD = re.compile(r"[A-Za-z0-9_]+")
PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def tokenize(text: str) -> list[str]:
    """Lower-case words; identifiers split at `_` and case changes, and also kept whole."""
    tokens: list[str] = []
    for word in WORD.findall(text):
        parts = [part.lower() for piece in word.split("_") for part in PART.findall(piece)]
        if len(parts) > 1:
            tokens.append(word.strip("_").lower())
        tokens.extend(parts)
    return tokens


def chunk_spans(path: str, source: str) -> list[Span]:
    """Code-aware chunks of one parsed file: each top-level def or class (decorators included)."""
    tree = ast.parse(source)
    spans = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            spans.append(Span(path, first, node.end_lineno))
    return spans


class CodeIndex:
    """`CodeIndex(files)` with files = {path: source}; `search(query, k)` gives the best chunks' spans."""

    def __init__(self, files: dict[str, str]):
        self.files = files
        self.spans: list[Span] = []
        for path, source in sorted(files.items()):
            if path.endswith(".py"):
                self.spans.extend(chunk_spans(path, source))
        self.texts = [self.text(span) for span in self.spans]
        self.bm25 = bm25s.BM25()
        if self.texts:
            self.bm25.index([tokenize(text) or ["_"] for text in self.texts], show_progress=False)

    def text(self, span: Span) -> str:
        lines = self.files[span.path].splitlines()
        return "\n".join(lines[span.start - 1:span.end])

    def search(self, query: str, k: int = 2, exclude: Span | None = None) -> list[Span]:
        """At most `k` chunk spans sharing a token with `query`, best first, skipping any that overlap `exclude`."""
        tokens = tokenize(query)
        if not tokens or not self.texts:
            return []
        scores = np.asarray(self.bm25.get_scores(tokens))
        found = []
        for i in np.argsort(-scores, kind="stable"):
            span = self.spans[int(i)]
            if scores[i] <= 0 or len(found) == k:
                break
            if exclude and span.path == exclude.path and span.start <= exclude.end and exclude.start <= span.end:
                continue
            found.append(span)
        return found
