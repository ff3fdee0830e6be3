"""Code-aware tokens for keyword search: identifiers are split into the words they are made of."""
from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z0-9_]+")
PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def tokenize(text: str) -> list[str]:
    """Lower-case tokens, in order. Each identifier is split at underscores and case changes
    (`get_terminal_size` -> get, terminal, size; `HTTPServerError` -> http, server, error), and an identifier
    made of several parts is also kept whole (`get_terminal_size`), so an exact name still matches best."""
    ### BEGIN SOLUTION
    tokens: list[str] = []
    for word in WORD.findall(text):
        parts = [part.lower() for piece in word.split("_") for part in PART.findall(piece)]
        whole = word.strip("_").lower()
        if len(parts) > 1 and whole:
            tokens.append(whole)
        tokens.extend(parts)
    return tokens
    ### END SOLUTION
