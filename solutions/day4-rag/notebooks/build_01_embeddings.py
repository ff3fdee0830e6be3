"""Build days/day4-rag/notebooks/01-embeddings-and-vector-stores.ipynb (run from the repository root), then execute
it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day4-rag/notebooks/01-embeddings-and-vector-stores.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Embeddings and vector stores, on a real codebase

The first hands-on hour of Day 4, on two modules of **click 8.5.1** (the installed package, BSD-3-Clause), in two
parts, each with an exercise and a check cell after it:

1. **Embeddings**: click's functions as MiniLM vectors, what lands close to what, and ranking by cosine
   (exercise 1: `rank`).
2. **A vector store**: the same chunks in sqlite-vec with their file and lines, filtered KNN queries, and a sync
   that embeds only what changed (exercise 2: `plan_sync`).

Everything runs offline: the encoder is the course's numpy MiniLM (`agentkit.embeddings`), and no model is called.
The graded units are [embeddings](../patterns/embeddings/README.md) and
[vector-store](../patterns/vector-store/README.md).
""")
code("setup", """
import hashlib
import importlib.metadata
import sys
import tempfile
import time
from pathlib import Path

import click
import numpy as np

# The reference solutions, relative to this notebook's folder (days/day4-rag/notebooks).
SOLUTIONS = Path("../../../solutions/day4-rag")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day4-rag/notebooks"
for unit in ("embeddings", "vector-store"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

from agentkit.embeddings import MiniLM
from embedding_search import normalise, top_k
from vector_store import VectorStore, chunk_file

CLICK = Path(click.__file__).parent
MODULES = ["globals.py", "formatting.py"]
chunks = [chunk for name in MODULES for chunk in chunk_file(name, (CLICK / name).read_text())]
model = MiniLM.load()
print(f"click {importlib.metadata.version('click')}: {len(chunks)} chunks from {', '.join(MODULES)}")
for chunk in chunks:
    print(f"  {chunk.path}:{chunk.start_line}-{chunk.end_line:<4} {chunk.kind:<8} {chunk.text.splitlines()[0][:60]}")
""")
md("embed", """
## 1. Embeddings

One call embeds every chunk; MiniLM returns unit vectors (384 numbers each) and cuts a text off at 256 word pieces,
so the long `HelpFormatter` class is represented by its first part only. Then the chunks' first lines (short texts
of similar length), embedded in one call and one call at a time: the fixed cost of a call is what batching saves.
The numbers depend on the machine and on what else it is doing; run the cell twice.
""")
code("embed-run", """
start = time.perf_counter()
matrix = model.encode([chunk.text for chunk in chunks])
print(f"{len(chunks)} chunks in one batch: {time.perf_counter() - start:.1f} s, shape {matrix.shape}")

short = [chunk.text.splitlines()[0] for chunk in chunks]
start = time.perf_counter()
model.encode(short)
batched = time.perf_counter() - start
start = time.perf_counter()
for text in short:
    model.encode([text])
print(f"{len(short)} first lines: one batch {batched * 1000:.0f} ms, "
      f"one at a time {(time.perf_counter() - start) * 1000:.0f} ms")
""")
md("close", """
What is close? A paraphrase, yes; but a negation is closer still, and a bare identifier is matched by its spelling:
""")
code("close-run", """
def similarity(a, b):
    first, second = model.encode([a, b])
    return float(first @ second)


for a, b in [("wrap text to a width", "break a paragraph into lines that fit"),
             ("wrap text to a width", "do not wrap text to a width"),
             ("get_current_context", "the context of the command being run"),
             ("get_current_context", "get_current_directory")]:
    print(f"{similarity(a, b):.2f}  {a!r} / {b!r}")
""")
md("ex1", """
### Exercise 1: rank by cosine

Write `rank(query_vector, matrix, k)`: the `k` rows of `matrix` most similar to `query_vector` by **cosine**, as
`(row, similarity)` pairs, best first. Neither the query nor the rows are necessarily unit length (another encoder,
or vectors you averaged yourself): a row's length must not change its rank. Equal similarities: the lower row first.
`k` larger than the number of rows gives every row. A zero row has similarity 0.
""")
exercise("ex-rank", """
def rank(query_vector, matrix, k):
    ### BEGIN SOLUTION
    matrix = np.asarray(matrix, dtype=np.float64)
    query = np.asarray(query_vector, dtype=np.float64)
    norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(query)
    scores = np.divide(matrix @ query, norms, out=np.zeros(len(matrix)), where=norms > 0)
    order = sorted(range(len(scores)), key=lambda row: (-scores[row], row))
    return [(row, float(scores[row])) for row in order[:k]]
    ### END SOLUTION
""", """
import math

rows = [[1.0, 0.0], [30.0, 40.0], [0.0, 0.0], [0.6, 0.8], [2.0, 0.0], [-1.0, 0.5], [0.1, 0.1]]


def cos(a, b):
    n = math.hypot(*a) * math.hypot(*b)
    return (a[0] * b[0] + a[1] * b[1]) / n if n else 0.0


for query in ([3.0, 4.0], [1.0, 0.0], [-1.0, 0.0]):
    expected = sorted(range(len(rows)), key=lambda r: (-round(cos(query, rows[r]), 12), r))
    for k in (1, 2, 4, len(rows), 50):
        got = rank(np.array(query), np.array(rows), k)
        assert [row for row, _ in got] == expected[:k], (
            f"rank({query}, rows, k={k}) gave rows {[row for row, _ in got]}, expected {expected[:k]}")
        for row, score in got:
            assert abs(score - cos(query, rows[row])) < 1e-6, f"row {row}: {score}, cosine {cos(query, rows[row])}"

question = model.encode(["how is the text of a help page wrapped to the terminal width?"])[0]
scaled = matrix * np.arange(1, len(matrix) + 1)[:, None]   # the same directions, ever longer
want = top_k(question, matrix, 3)
got = rank(question, scaled, 3)
assert [row for row, _ in got] == [row for row, _ in want], f"on click: {got}, expected {want}"
print("rank: all checks passed")
""")
md("ask", """
The reference `top_k` (rows normalised once, when they are stored) answers questions about click with the file and
lines of each hit:
""")
code("ask-run", """
questions = ["how is the text of a help page wrapped to the terminal width?",
             "which click context is active right now?",
             "should output be coloured by default?"]
for question, vector in zip(questions, model.encode(questions)):
    print(question)
    for row, score in top_k(vector, normalise(matrix), 3):
        chunk = chunks[row]
        print(f"   {score:.2f}  {chunk.path}:{chunk.start_line}-{chunk.end_line}  {chunk.text.splitlines()[0][:55]}")
""")
md("store", """
## 2. A vector store

The same chunks in sqlite-vec: one SQLite file, a `vec0` table with `path`, `kind`, `start_line` and `end_line` as
metadata columns. The store's encoder is wrapped so that we see what it asks for; the wrapper also remembers the
vectors already computed above, so this notebook embeds each chunk once.
""")
code("store-run", """
known = {chunk.text: vector for chunk, vector in zip(chunks, matrix)}
asked = []


def encode(texts):
    asked.extend(texts)
    missing = [text for text in texts if text not in known]
    if missing:
        known.update(zip(missing, model.encode(missing)))
    return np.array([known[text] for text in texts])


folder = Path(tempfile.mkdtemp())
project = folder / "click"
project.mkdir()
for name in MODULES:
    (project / name).write_text((CLICK / name).read_text())
store = VectorStore(folder / "index.sqlite3", encode, dimension=384)
print(store.sync(project))
print("texts embedded:", len(asked))

query = "how is the text of a help page wrapped to the terminal width?"
for filters in ({}, {"path": "globals.py"}, {"kind": "class"}):
    hits = store.search(query, k=2, **filters)
    print(filters or "no filter", [f"{h.path}:{h.start_line}-{h.end_line} {h.score:.2f}" for h in hits])
""")
md("ex2", """
A filter inside the KNN query still returns two hits when the nearest chunks are elsewhere (`globals.py` above).

### Exercise 2: plan a sync

Write `plan_sync(indexed, files)`. `indexed` is what the store holds, `{path: sha256 hex digest of the content}`
(`store.files()`); `files` is the folder now, `{path: text}`. Return `(embed, remove)`: the paths to (re-)index,
new or with different content, and the paths to delete from the index because they are gone. Both sorted. The hash
is `hashlib.sha256(text.encode("utf-8")).hexdigest()`, so it is the same after a restart.
""")
exercise("ex-plan-sync", """
def plan_sync(indexed, files):
    ### BEGIN SOLUTION
    embed = [path for path, text in files.items()
             if indexed.get(path) != hashlib.sha256(text.encode("utf-8")).hexdigest()]
    remove = [path for path in indexed if path not in files]
    return sorted(embed), sorted(remove)
    ### END SOLUTION
""", """
def digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


now = {"a.py": "def a():\\n    return 1\\n", "b.py": "def b():\\n    return 2\\n", "c.py": "x = 3\\n", "d.py": ""}
assert plan_sync({}, now) == (["a.py", "b.py", "c.py", "d.py"], []), f"a new index: {plan_sync({}, now)}"
same = {path: digest(text) for path, text in now.items()}
assert plan_sync(same, now) == ([], []), f"nothing changed: {plan_sync(same, now)}"
edited = {**now, "b.py": "def b():\\n    return 20\\n"}
assert plan_sync(same, edited) == (["b.py"], []), f"b.py changed: {plan_sync(same, edited)}"
moved = {"a.py": now["a.py"], "z.py": now["b.py"], "c.py": "x = 4\\n"}
assert plan_sync(same, moved) == (["c.py", "z.py"], ["b.py", "d.py"]), f"renamed and deleted: {plan_sync(same, moved)}"
assert plan_sync(same, {}) == ([], ["a.py", "b.py", "c.py", "d.py"]), f"everything deleted: {plan_sync(same, {})}"
assert plan_sync(store.files(), {name: (project / name).read_text() for name in MODULES}) == ([], []), \\
    "the store's own hashes: nothing to do"
print("plan_sync: all checks passed")
""")
md("sync", """
The reference `VectorStore.sync` follows that plan, and replaces a changed file's chunks in one transaction after
their vectors exist. Add a function to `globals.py`, delete `formatting.py`, sync, and reopen the file as a restarted
process would:
""")
code("sync-run", """
asked.clear()
with open(project / "globals.py", "a") as handle:
    handle.write('\\n\\ndef reset_context_stack() -> None:\\n    \"\"\"Forget every pushed context.\"\"\"\\n')
(project / "formatting.py").unlink()
print(store.sync(project))
now_in_globals = {chunk.text for chunk in chunk_file("globals.py", (project / "globals.py").read_text())}
print("texts embedded:", len(asked), "- all of them chunks of globals.py:", set(asked) <= now_in_globals)
store.close()

with VectorStore(folder / "index.sqlite3", encode, dimension=384) as reopened:
    asked.clear()
    print(reopened.sync(project), "texts embedded after the restart:", len(asked))
    for hit in reopened.search("clear all contexts", k=2):
        print(f"   {hit.score:.2f}  {hit.path}:{hit.start_line}-{hit.end_line}  {hit.text.splitlines()[0][:55]}")
""")
md("wrap", """
Embeddings find text *about* the question, not text that agrees with it; normalise once and rank by cosine. A
vector store keeps each chunk's file and lines next to its vector, filters inside the KNN query, and embeds only
the files whose content changed. Next: chunking strategies, then keyword and hybrid search. Run `course check
d4-embeddings` and `course check d4-vector-store` for the graded versions.
""")

draft.write()
