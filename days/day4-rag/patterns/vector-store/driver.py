"""What the graders call: run the student's `vector_store.VectorStore` on a small folder of files and hand back
plain JSON only. The folder and the database file live in a fresh temporary folder; ["reopen"] closes the store
and opens a new one on the same file, as a restarted process would.

Encoders: "words" counts each word of WORDS in the text (plus a constant last component, so no vector is zero):
cheap, deterministic and unnormalised, for tests where the model's quality does not matter. "minilm" is the
course's offline all-MiniLM-L6-v2. Every text the store asks to embed is recorded, per call.

script(steps, encoder="words") steps (each gives {"value": ...} or {"raised": ERROR, "message": ...}):
  ["write", PATH, TEXT]          write a file under the folder (PATH relative, forward slashes)
  ["delete", PATH]
  ["sync"]                       value: {"added", "changed", "removed", "unchanged", "embedded"}
  ["search", QUERY, K, FILTERS]  FILTERS: {"path": ..., "kind": ...}; value: [[path, start, end, kind, text, score]]
  ["count"]                      value: chunks in the index
  ["files"]                      value: {path: sha256}
  ["encoder_fails", BOOL]        from now on the encoder raises RuntimeError (or stops raising)
  ["reopen"]
result: {"results": [...], "calls": [[TEXT, ...] per encoder call, failed calls included]}
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import numpy as np

WORDS = ["alpha", "beta", "gamma", "delta", "config", "parse", "option", "render", "terminal", "width", "cache",
         "retry"]


def words_encode(texts) -> np.ndarray:
    rows = []
    for text in texts:
        tokens = re.findall(r"[a-z]+", text.lower())
        rows.append([tokens.count(word) for word in WORDS] + [0.5])
    return np.array(rows, dtype=np.float32)


def script(submission, steps: list, encoder: str = "words") -> dict:
    folder = Path(tempfile.mkdtemp(prefix="vector-store-"))
    root, database = folder / "corpus", folder / "index.sqlite3"
    root.mkdir()
    calls: list[list[str]] = []
    failing = [False]
    if encoder == "minilm":
        from agentkit.embeddings import MiniLM
        model, dimension = MiniLM.load(), 384
        embed = model.encode
    else:
        embed, dimension = words_encode, len(WORDS) + 1

    def encode(texts):
        texts = [str(t) for t in texts]
        calls.append(texts)
        if failing[0]:
            raise RuntimeError("the embedding service is unavailable")
        return embed(texts)

    def open_store():
        return submission.VectorStore(str(database), encode, dimension=dimension)

    store = open_store()

    def run(step):
        nonlocal store
        op, args = step[0], step[1:]
        if op == "write":
            target = root / args[0]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(args[1], encoding="utf-8")
            return None
        if op == "delete":
            (root / args[0]).unlink()
            return None
        if op == "sync":
            report = store.sync(str(root))
            return {"added": [str(p) for p in report.added], "changed": [str(p) for p in report.changed],
                    "removed": [str(p) for p in report.removed], "unchanged": int(report.unchanged),
                    "embedded": int(report.embedded)}
        if op == "search":
            filters = {key: value for key, value in (args[2] if len(args) > 2 else {}).items() if value is not None}
            return [[str(h.path), int(h.start_line), int(h.end_line), str(h.kind), str(h.text), float(h.score)]
                    for h in store.search(args[0], int(args[1]), **filters)]
        if op == "count":
            return int(store.count())
        if op == "files":
            return {str(path): str(digest) for path, digest in store.files().items()}
        if op == "encoder_fails":
            failing[0] = bool(args[0])
            return None
        if op == "reopen":
            store.close()
            store = open_store()
            return None
        raise ValueError(f"unknown step {op!r}")

    results = []
    for step in steps:
        try:
            results.append({"value": run(step)})
        except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
            results.append({"raised": type(exc).__name__, "message": str(exc)[:300]})
    store.close()
    return {"results": results, "calls": calls}
