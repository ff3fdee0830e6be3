"""Vector store graded tests. Each runs a script against your `vector_store.VectorStore` in its own process
(../driver.py): the driver writes a small folder of Python files, hands your store an encoder that records every
text it is asked to embed, and returns what your store returned. Expected chunks are computed here with `ast`,
expected scores with the same cheap word-count encoder (and, in one test, the real MiniLM), so the tests judge the
contract, not one implementation."""
import ast
import functools
import hashlib
import math
import re
from collections import Counter

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the vector store calls no model"},
          "exchanges": []}
WORDS = ["alpha", "beta", "gamma", "delta", "config", "parse", "option", "render", "terminal", "width", "cache",
         "retry"]

CONFIG = '''"""Load the config and parse each option."""
import os


def load_config(path):
    """Read the config file at path."""
    with open(path) as handle:
        return handle.read()


def parse_option(text):
    """Parse one option of the config: name=value, the option's name first."""
    name, _, value = text.partition("=")
    return name.strip(), value.strip()
'''
RENDER = '''class TerminalRenderer:
    """Render text to the terminal width."""

    def __init__(self, width):
        self.width = width


class Theme:
    """Colours for the table."""


def render_table(rows, width):
    """Render rows as a table, cut to the terminal width."""
    return "\\n".join(str(row)[:width] for row in rows)
'''
RETRY = '''import functools


def retry(times):
    """Retry a call a number of times."""
    return times


@functools.cache
def cached_width():
    """The terminal width, from the cache."""
    return 80
'''
ALPHA = '''def alpha():
    return "alpha beta"


def gamma():
    return "gamma delta delta"
'''
FILES = {"app/config.py": CONFIG, "app/render.py": RENDER, "app/retry.py": RETRY, "notes/alpha.py": ALPHA}
NEW_RETRY = '''import functools


def retry_with_backoff(times, delay):
    """Retry a call, doubling the delay, a number of times."""
    return [delay * 2 ** n for n in range(times)]
'''


def expected_chunks(files: dict) -> list[dict]:
    """One chunk per top-level function or class (from its first decorator), one for a module docstring."""
    chunks = []
    for path, text in sorted(files.items()):
        lines, tree = text.splitlines(), ast.parse(text)
        spans = []
        if ast.get_docstring(tree) is not None:
            spans.append((tree.body[0].lineno, tree.body[0].end_lineno, "module"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                spans.append((start, node.end_lineno, "class" if isinstance(node, ast.ClassDef) else "function"))
        chunks += [{"path": path, "start": s, "end": e, "kind": k, "text": "\n".join(lines[s - 1:e])}
                   for s, e, k in spans]
    return chunks


def words_vector(text: str) -> list[float]:
    tokens = re.findall(r"[a-z]+", text.lower())
    return [float(tokens.count(word)) for word in WORDS] + [0.5]


def cos(a, b) -> float:
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


def word_scores(query: str, chunks: list[dict]) -> dict:
    q = words_vector(query)
    return {(c["path"], c["start"]): cos(q, words_vector(c["text"])) for c in chunks}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def outcomes(trace: dict) -> list:
    assert trace["ok"], f"the vector store failed: {trace['error']}"
    return trace["result"]["results"]


def values(trace: dict) -> list:
    got = outcomes(trace)
    raised = [r for r in got if "raised" in r]
    assert not raised, f"a step raised {raised[0]['raised']}: {raised[0]['message']}"
    return [r["value"] for r in got]


def writes(files: dict) -> list:
    return [["write", path, text] for path, text in files.items()]


def check_top_k(hits: list, chunks: list[dict], scores: dict, k: int, what: str, tolerance: float = 1e-5) -> None:
    """hits are a correct top k of `chunks`: each a real chunk with its metadata and score, best first, and no chunk
    left out scores higher than one returned (ties may go either way)."""
    by_key = {(c["path"], c["start"]): c for c in chunks}
    assert len(hits) == min(k, len(chunks)), f"{what}: {len(hits)} hits, expected {min(k, len(chunks))}"
    for path, start, end, kind, text, score in hits:
        chunk = by_key.get((path, start))
        assert chunk is not None, f"{what}: a hit at {path}:{start} is not a current chunk of the folder"
        assert (end, kind, text) == (chunk["end"], chunk["kind"], chunk["text"]), \
            f"{what}: {path}:{start} came back as lines {start}-{end}, kind {kind!r}; expected lines " \
            f"{chunk['start']}-{chunk['end']}, kind {chunk['kind']!r}, and the chunk's exact text"
        assert score == pytest.approx(scores[(path, start)], abs=tolerance), \
            f"{what}: {path}:{start} scored {score}; its cosine similarity to the query is {scores[(path, start)]}"
    got = [h[5] for h in hits]
    assert all(a >= b - tolerance for a, b in zip(got, got[1:])), f"{what}: not best first: {got}"
    returned = {(h[0], h[1]) for h in hits}
    left_out = [scores[key] for key in by_key if key not in returned]
    if hits and left_out:
        assert min(got) >= max(left_out) - tolerance, \
            f"{what}: a chunk scoring {max(left_out):.4f} was left out while one scoring {min(got):.4f} came back"


@pytest.mark.points(2)
@pytest.mark.hint("sync(root) indexes every *.py file under root (paths relative to root, with forward slashes), "
                  "embeds each chunk's text exactly once, and stores each file's sha256 in the files table.")
def test_sync_embeds_each_chunk_once(run):
    trace = run(NO_LLM, "script", steps=writes(FILES) + [["sync"], ["count"], ["files"]])
    report, count, files = values(trace)[-3:]
    chunks = expected_chunks(FILES)
    embedded = Counter(text for call in trace["result"]["calls"] for text in call)
    assert embedded == Counter(c["text"] for c in chunks), \
        f"the texts embedded differ from the chunks' texts: {sum(embedded.values())} embedded, {len(chunks)} chunks"
    assert report["added"] == sorted(FILES) and report["embedded"] == len(chunks), f"sync reported {report}"
    assert count == len(chunks), f"the index holds {count} chunks, expected {len(chunks)}"
    assert files == {path: sha(text) for path, text in FILES.items()}, f"files() = {files}"


@pytest.mark.points(3)
@pytest.mark.hint("search(query, k) embeds the query, runs one KNN query (embedding MATCH ? AND k = ?) and returns "
                  "each chunk's path, start_line, end_line, kind and text with score = 1 - cosine distance, best "
                  "first. Declare the vec0 column with distance_metric=cosine: the encoder's vectors are not unit "
                  "length.")
def test_search_ranks_chunks_by_cosine_with_their_lines(run):
    queries = [("parse the option of the config", 3), ("terminal width", 4), ("alpha gamma", 1), ("cache", 50)]
    trace = run(NO_LLM, "script", steps=writes(FILES) + [["sync"]] + [["search", q, k, {}] for q, k in queries])
    chunks = expected_chunks(FILES)
    for (query, k), hits in zip(queries, values(trace)[-len(queries):]):
        check_top_k(hits, chunks, word_scores(query, chunks), k, f"search({query!r}, k={k})")


@pytest.mark.points(3)
@pytest.mark.hint("Filters go INSIDE the KNN query (... AND path = ? AND kind = ?, on vec0 metadata columns): "
                  "searching first and filtering the k hits afterwards returns fewer than k.")
def test_filters_are_part_of_the_knn_query(run):
    searches = [("parse the option of the config", 2, {"path": "app/render.py"}),
                ("parse the option of the config", 5, {"kind": "class"}),
                ("terminal width", 2, {"path": "app/retry.py", "kind": "function"}),
                ("terminal width", 3, {"path": "no/such/file.py"})]
    trace = run(NO_LLM, "script", steps=writes(FILES) + [["sync"]] + [["search", q, k, f] for q, k, f in searches])
    chunks = expected_chunks(FILES)
    for (query, k, filters), hits in zip(searches, values(trace)[-len(searches):]):
        matching = [c for c in chunks if all(c[key] == value for key, value in filters.items())]
        check_top_k(hits, matching, word_scores(query, matching), k, f"search({query!r}, k={k}, {filters})")


@pytest.mark.points(2)
@pytest.mark.hint("Everything lives in the SQLite file: a new VectorStore on the same file (after a restart) finds "
                  "the same chunks, and its first sync embeds nothing because every file's hash is unchanged.")
def test_the_index_survives_a_restart(run):
    steps = writes(FILES) + [["sync"], ["search", "terminal width", 3, {}], ["reopen"],
                             ["search", "terminal width", 3, {}], ["sync"], ["count"]]
    trace = run(NO_LLM, "script", steps=steps)
    before, _, after, report, count = values(trace)[-5:]
    assert after == before, f"after reopening, search gave {after}; before, {before}"
    assert report == {"added": [], "changed": [], "removed": [], "unchanged": len(FILES), "embedded": 0}, \
        f"a sync of unchanged files after a restart reported {report}"
    assert count == len(expected_chunks(FILES))
    embedded = Counter(text for call in trace["result"]["calls"] for text in call)
    extra = embedded - Counter(c["text"] for c in expected_chunks(FILES))
    assert extra == Counter({"terminal width": 2}) and trace["result"]["calls"][-1] == ["terminal width"], \
        f"after the first sync only the two queries should be embedded; the encoder also embedded {dict(extra)}"


@pytest.mark.points(3)
@pytest.mark.hint("Hash each file's content: an unchanged file is skipped, a changed file's chunks are embedded "
                  "and its OLD chunks deleted (all of them, including functions that no longer exist).")
def test_only_a_changed_file_is_reembedded(run):
    changed = {**FILES, "app/retry.py": NEW_RETRY, "app/extra.py": "def option_cache():\n    return 'cache'\n"}
    steps = writes(FILES) + [["sync"], ["write", "app/retry.py", NEW_RETRY],
                             ["write", "app/extra.py", changed["app/extra.py"]], ["sync"], ["count"],
                             ["search", "retry cache terminal width", 50, {}], ["files"]]
    trace = run(NO_LLM, "script", steps=steps)
    first, report, count, hits, files = values(trace)[-5:]
    chunks = expected_chunks(changed)
    assert report == {"added": ["app/extra.py"], "changed": ["app/retry.py"], "removed": [],
                      "unchanged": len(FILES) - 1, "embedded": len(expected_chunks({k: changed[k] for k in
                                                                                    ("app/retry.py", "app/extra.py")}))}, \
        f"the second sync reported {report}"
    second = Counter(text for call in trace["result"]["calls"][:-1] for text in call) - \
        Counter(c["text"] for c in expected_chunks(FILES))
    assert second == Counter(c["text"] for c in chunks if c["path"] in ("app/retry.py", "app/extra.py")), \
        f"the second sync should embed only the new and changed files' chunks; it embedded {dict(second)}"
    assert count == len(chunks), f"{count} chunks in the index; {len(chunks)} expected (old chunks left behind?)"
    check_top_k(hits, chunks, word_scores("retry cache terminal width", chunks), 50, "a search over everything")
    assert files["app/retry.py"] == sha(NEW_RETRY), "the changed file's new hash is stored"


@pytest.mark.points(2)
@pytest.mark.hint("A file in the index that is no longer in the folder is removed: its chunks and its hash.")
def test_a_deleted_file_leaves_the_index(run):
    steps = writes(FILES) + [["sync"], ["delete", "notes/alpha.py"], ["sync"], ["count"],
                             ["search", "alpha gamma", 50, {}], ["files"]]
    report, count, hits, files = values(run(NO_LLM, "script", steps=steps))[-4:]
    rest = {path: text for path, text in FILES.items() if path != "notes/alpha.py"}
    assert report == {"added": [], "changed": [], "removed": ["notes/alpha.py"], "unchanged": len(rest),
                      "embedded": 0}, f"the sync after a deletion reported {report}"
    assert count == len(expected_chunks(rest)) and "notes/alpha.py" not in files, f"count {count}, files {files}"
    check_top_k(hits, expected_chunks(rest), word_scores("alpha gamma", expected_chunks(rest)), 50, "after deletion")


@pytest.mark.points(3)
@pytest.mark.hint("Embed the new chunks BEFORE touching the index, then delete the old chunks, insert the new ones and "
                  "store the hash in one transaction (with self.db:). If the encoder fails, the old chunks stay "
                  "searchable and the old hash stays, so the next sync tries again.")
def test_a_failed_reindex_leaves_the_old_chunks(run):
    steps = writes(FILES) + [["sync"], ["write", "app/retry.py", NEW_RETRY], ["encoder_fails", True], ["sync"],
                             ["encoder_fails", False], ["count"], ["search", "retry cache", 50, {}], ["files"],
                             ["sync"], ["search", "retry cache", 50, {}]]
    got = outcomes(run(NO_LLM, "script", steps=steps))
    failed = got[len(FILES) + 3]
    assert "raised" in failed, f"a sync whose encoder fails must raise, not report success: {failed}"
    rest = [r for r in got[len(FILES) + 4:]]
    assert not [r for r in rest if "raised" in r], f"a step raised: {rest}"
    _, count, old_hits, files, report, new_hits = (r["value"] for r in rest)
    old = expected_chunks(FILES)
    assert count == len(old), f"after the failed sync the index holds {count} chunks; it held {len(old)}"
    check_top_k(old_hits, old, word_scores("retry cache", old), 50, "after a failed re-index (the old chunks)")
    assert files["app/retry.py"] == sha(RETRY), "the hash must not change when the file's chunks did not"
    assert report["changed"] == ["app/retry.py"], f"the next sync must re-index the file: {report}"
    new = expected_chunks({**FILES, "app/retry.py": NEW_RETRY})
    check_top_k(new_hits, new, word_scores("retry cache", new), 50, "after the retried sync")


SMALL = {"cli/paging.py": 'def echo_via_pager(text):\n    """Show long text one screen at a time, like less."""\n',
         "cli/size.py": 'def get_terminal_size():\n    """How many columns and rows the console window has."""\n\n\n'
                        'def wrap_text(text, width):\n    """Break a paragraph into lines no wider than width."""\n',
         "cli/errors.py": 'class UsageError(Exception):\n    """The command line was invalid: a missing option."""\n'}


@functools.cache
def minilm():
    from agentkit.embeddings import MiniLM
    return MiniLM.load()


@pytest.mark.points(2)
@pytest.mark.hint("With the real MiniLM (384 dimensions) the same rules hold: score = 1 - cosine distance.")
def test_minilm_finds_the_function_that_answers(run):
    query = "How wide is the console?"
    steps = writes(SMALL) + [["sync"], ["search", query, 2, {}], ["search", query, 3, {"kind": "function"}]]
    best, functions = values(run(NO_LLM, "script", steps=steps, encoder="minilm"))[-2:]
    chunks = expected_chunks(SMALL)
    vectors = minilm().encode([query] + [c["text"] for c in chunks])
    scores = {(c["path"], c["start"]): float(vectors[0] @ v) for c, v in zip(chunks, vectors[1:])}
    check_top_k(best, chunks, scores, 2, f"MiniLM search({query!r}, k=2)", tolerance=1e-4)
    only = [c for c in chunks if c["kind"] == "function"]
    check_top_k(functions, only, {key: scores[key] for key in ((c["path"], c["start"]) for c in only)}, 3,
                f"MiniLM search({query!r}, k=3, kind='function')", tolerance=1e-4)
