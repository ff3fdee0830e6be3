"""Build days/day4-rag/notebooks/02-chunking-and-hybrid-retrieval.ipynb (run from the repository root), then
execute it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day4-rag/notebooks/02-chunking-and-hybrid-retrieval.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Chunking and hybrid retrieval over a real codebase

The hands-on session "design RAG for a real codebase": click's installed source, cut into chunks that know their
lines, searched by keyword and by meaning, fused, and reranked. Two exercises, each with a check cell after it:

1. **Code-aware tokens**: split identifiers so BM25 can match their words (exercise 1: `split_identifier`).
2. **Reciprocal rank fusion**: merge keyword and vector rankings (exercise 2: `rrf`).

Everything runs offline: MiniLM runs locally, and the model calls replay authored replies (each fixture says so).
The graded units are [chunking](../patterns/chunking/README.md) and
[hybrid-retrieval](../patterns/hybrid-retrieval/README.md); this notebook uses their reference packages.
""")
code("setup", """
import sys
from pathlib import Path

import click

SOLUTIONS = Path("../../../solutions/day4-rag")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day4-rag/notebooks"
for unit in ("chunking", "hybrid-retrieval"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

from agentkit import Client, replay
from agentkit.embeddings import MiniLM
from chunkers import code_chunks, fixed_size
from hybrid_search import HybridSearch, KeywordIndex, rerank

CLICK = Path(click.__file__).parent
SCENARIOS = Path("../patterns/hybrid-retrieval/fixtures/scenarios")
""")
md("chunks", """
## 1. Chunks that know their lines

`formatting.py` as fixed windows and as code chunks. The code chunks are named definitions, so a citation can say
which function answers the question. Fewer than 30 chunks: embedding them takes a few seconds.
""")
code("chunks-run", """
SOURCE = (CLICK / "formatting.py").read_text()
fixed = fixed_size(SOURCE, "formatting.py", size=1000, overlap=200)
chunks = code_chunks(SOURCE, "formatting.py", max_chars=1500)
print(len(fixed), "fixed windows;", len(chunks), "code chunks")
for chunk in chunks[:6]:
    print(f"{chunk.kind:<8} {chunk.name or '-':<30} lines {chunk.start_line}-{chunk.end_line}")
""")
md("tokens", """
## 2. Keyword search needs code-aware tokens

Split on whitespace and `HelpFormatter.write_usage(prog)` is one token: a question about "usage" never matches it.

### Exercise 1: split an identifier

Write `split_identifier(word)`: the lower-case words an identifier is made of, split at underscores and at case
changes, in order. `get_terminal_size` -> `["get", "terminal", "size"]`; `HTTPServerError` ->
`["http", "server", "error"]`; `_match_short_opt` -> `["match", "short", "opt"]`; digits are a word of their own
(`utf8Decode` -> `["utf", "8", "decode"]`).
""")
exercise("ex-split-identifier", """
import re


def split_identifier(word):
    ### BEGIN SOLUTION
    return [part.lower() for piece in word.split("_")
            for part in re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+", piece)]
    ### END SOLUTION
""", """
cases = {"get_terminal_size": ["get", "terminal", "size"], "HTTPServerError": ["http", "server", "error"],
         "_match_short_opt": ["match", "short", "opt"], "utf8Decode": ["utf", "8", "decode"],
         "NoSuchOption": ["no", "such", "option"], "echo": ["echo"], "__init__": ["init"],
         "parseURL": ["parse", "url"], "MAX_WIDTH": ["max", "width"]}
for word, want in cases.items():
    got = split_identifier(word)
    assert got == want, f"split_identifier({word!r}) = {got}, expected {want}"
print("split_identifier: all checks passed")
""")
md("keyword", """
The reference tokenizer also keeps the whole identifier, so an exact name still ranks its own definition first:
""")
code("keyword-run", """
texts = [chunk.embed_text() for chunk in chunks]
keyword = KeywordIndex(texts)
for query in ("usage", "write_usage", "wrap text width"):
    print(f"{query!r:<20}", [chunks[i].name for i in keyword.search(query, 3)])
""")
md("fusion", """
## 3. Fusing keyword and vector rankings

BM25 scores and cosines are on different scales, so add ranks, not scores.

### Exercise 2: reciprocal rank fusion

Write `rrf(rankings, k=60)`: `rankings` is a list of ranked lists of ids; return the ids best first by
`sum of 1 / (k + rank)` over the lists that hold them, rank being the position in the list (1 for the first). An id
in one list only still counts; an id repeated within a list counts once, at its first position. Ties: keep the
order in which ids were first met, reading the lists one after another.
""")
exercise("ex-rrf", """
def rrf(rankings, k=60):
    ### BEGIN SOLUTION
    scores = {}
    for ranking in rankings:
        seen = set()
        for rank, item in enumerate(ranking, 1):
            if item not in seen:
                seen.add(item)
                scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores, key=lambda item: -scores[item])
    ### END SOLUTION
""", """
assert rrf([["a", "b", "c"], ["c", "a", "d"]]) == ["a", "c", "b", "d"], rrf([["a", "b", "c"], ["c", "a", "d"]])
assert rrf([["x", "y"], ["z"]]) == ["x", "z", "y"], f"z (rank 1 in one list) beats y (rank 2): {rrf([['x', 'y'], ['z']])}"
assert rrf([["a", "b"], ["b", "a"]]) == ["a", "b"], "a tie keeps the order ids were first met"
assert rrf([["a", "a", "b"], ["b"]]) == ["b", "a"], "a repeat counts once: b (ranks 3 and 1) beats a (rank 1)"
assert rrf([["x", "y"], ["z", "w", "y"]], k=0) == ["x", "z", "y", "w"], \
    f"k is a parameter and ranks start at 1: with k=0, x and z score 1, y 1/2 + 1/3: {rrf([['x', 'y'], ['z', 'w', 'y']], k=0)}"
assert rrf([[], ["only"]]) == ["only"]
print("rrf: all checks passed")
""")
md("hybrid", """
The reference `HybridSearch` does the same fusion on MiniLM and BM25 over the code chunks:
""")
code("hybrid-run", """
search = HybridSearch([f"{c.path}:{c.start_line}-{c.end_line} {c.name or ''}" for c in chunks], texts,
                      encoder=MiniLM.load())
for question in ("How does click wrap a long help paragraph to the terminal width?",
                 "Where does the usage line break when the program name is long?"):
    keyword_ids, vector_ids = search.rankings(question, 3)
    print(question)
    print("  keyword:", keyword_ids)
    print("  vector: ", vector_ids)
    print("  fused:  ", search.search(question, k=3))
""")
md("rerank", """
## 4. Reranking, checked

The reranker's reply is untrusted: a partial ordering is repaired, and a failed call keeps the original order.
""")
code("rerank-run", """
DOCS = [("exceptions.py:Exit", "class Exit(RuntimeError): stop the program with an exit code"),
        ("exceptions.py:NoSuchOption", "class NoSuchOption(UsageError): an option that does not exist"),
        ("exceptions.py:MissingParameter", "class MissingParameter(BadParameter): a required option not given"),
        ("formatting.py:wrap_text", "def wrap_text(text, width=78): wrap a paragraph")]
with replay.scenario(SCENARIOS / "rerank.yaml"):
    client = Client("anthropic")
    for question in ("Which error is raised when a required option is missing?",
                     "What if the user types an option we lack?", "How are errors shown?"):
        print(question, "->", rerank(client, question, DOCS))
""")
md("next", """
## Design questions for your codebase

Which files would you index, and which chunker for each kind (code, docs, configuration)? Which questions would you
label to measure it? Where do multi-query, HyDE and a reranker pay for their model calls? Then build the graded
units with `course check d4-chunking` and `course check d4-hybrid-retrieval`.
""")

draft.write()
