"""What the graders call: run the student's `embedding_search` functions and `SemanticIndex` on plain data and hand
back plain JSON only.

Entries:
  call(function, args)            normalise / cosine / top_k on JSON arrays: {"value": ...} or {"raised": ...}
  index(steps, vectors=None, encoder="table")
      a SemanticIndex over an encoder that looks each text up in `vectors` ({text: [floats]}), or over the offline
      MiniLM (encoder="minilm"); every call of the encoder is recorded. Steps:
        ["add", [TEXT, ...]]          value: the positions returned
        ["search", QUERY, K]          value: [[position, text, score], ...]
        ["len"]                       value: len(index)
      result: {"results": [...], "calls": [[TEXT, ...] per encoder call]}
"""
from __future__ import annotations

import numpy as np


def plain(value):
    """numpy and tuples to JSON-ready lists and floats."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value


def outcome(function, *args) -> dict:
    try:
        return {"value": plain(function(*args))}
    except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
        return {"raised": type(exc).__name__, "message": str(exc)[:300]}


def call(submission, function: str, args: list) -> dict:
    if function == "normalise":
        return outcome(submission.normalise, np.array(args[0], dtype=np.float32))
    if function == "cosine":
        return outcome(lambda a, b: float(submission.cosine(a, b)), np.array(args[0]), np.array(args[1]))
    if function == "top_k":
        return outcome(lambda q, m, k: [[int(row), float(score)] for row, score in submission.top_k(q, m, k)],
                       np.array(args[0], dtype=np.float32), np.array(args[1], dtype=np.float32).reshape(-1, len(args[0])),
                       int(args[2]))
    raise ValueError(f"unknown function {function!r}")


def index(submission, steps: list, vectors: dict | None = None, encoder: str = "table") -> dict:
    calls: list[list[str]] = []
    if encoder == "minilm":
        from agentkit.embeddings import MiniLM
        model = MiniLM.load()

        def embed(texts):
            return model.encode(list(texts))
    else:
        def embed(texts):
            return np.array([vectors[text] for text in texts], dtype=np.float32)

    def encode(texts):
        texts = [str(t) for t in texts]
        calls.append(texts)
        return embed(texts)

    store = submission.SemanticIndex(encode)
    results = []
    for step in steps:
        op, args = step[0], step[1:]
        if op == "add":
            results.append(outcome(lambda texts: [int(p) for p in store.add(texts)], list(args[0])))
        elif op == "search":
            results.append(outcome(lambda q, k: [[int(h.position), str(h.text), float(h.score)]
                                                 for h in store.search(q, k)], args[0], int(args[1])))
        elif op == "len":
            results.append(outcome(lambda: int(len(store))))
        else:
            raise ValueError(f"unknown step {op!r}")
    return {"results": results, "calls": calls}
