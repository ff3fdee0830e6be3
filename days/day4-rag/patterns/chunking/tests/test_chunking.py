"""Chunking graded tests. Each runs your `chunkers` package in its own process through ../driver.py and checks the
chunks it hands back against the text itself: the lines a chunk claims must be exactly the text it holds. The
click modules are the installed click's, read here too; symbols are found with `ast`, never by line number."""
import ast
from pathlib import Path

import click
import pytest

CLICK = Path(click.__file__).parent
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "chunking calls no model"}, "exchanges": []}
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def chunks_of(trace: dict) -> list[dict]:
    assert trace["ok"], f"the chunker failed: {trace['error']}"
    result = trace["result"]
    assert "raised" not in result, f"the chunker raised {result['raised']}: {result['message']}"
    return result["chunks"]


def click_chunks(run, chunker: str, modules: list[str], **params) -> dict[str, list[dict]]:
    trace = run(NO_LLM, "chunk_click", chunker=chunker, modules=modules, **params)
    assert trace["ok"], f"the chunker failed: {trace['error']}"
    result = trace["result"]
    assert "raised" not in result, f"{chunker} raised {result['raised']} on {result['module']}: {result['message']}"
    return result["modules"]


def lines(source: str) -> list[str]:
    return source.splitlines(keepends=True)


def claimed(source: str, chunk: dict) -> str:
    return "".join(lines(source)[chunk["start_line"] - 1:chunk["end_line"]])


def where(chunk: dict) -> str:
    return f"{chunk['path']} lines {chunk['start_line']}-{chunk['end_line']} ({chunk.get('name')})"


def assert_whole_lines(source: str, chunks: list[dict]) -> None:
    for c in chunks:
        assert 1 <= c["start_line"] <= c["end_line"] <= len(lines(source)), f"{where(c)}: lines out of the file"
        assert c["text"] == claimed(source, c), \
            f"{where(c)}: the text is not exactly those lines of the file\n  text: {c['text'][:120]!r}\n" \
            f"  file: {claimed(source, c)[:120]!r}"


def definitions(source: str) -> dict[str, tuple[int, int, ast.AST]]:
    """Every function, method and class by qualified name: (first line with decorators, last line, node)."""
    found = {}

    def visit(body, prefix):
        for node in body:
            if isinstance(node, DEFINITIONS):
                start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                found[prefix + node.name] = (start, node.end_lineno, node)
                if isinstance(node, ast.ClassDef):
                    visit(node.body, prefix + node.name + ".")

    visit(ast.parse(source).body, "")
    return found


PROSE = "\n\n".join(
    "\n".join(f"Paragraph {p} line {n}: the quick brown fox jumps over the lazy dog." for n in range(rows))
    for p, rows in enumerate([3, 4, 2, 5, 1, 3])) + "\n"

SAMPLE = '''"""A module to chunk."""
import functools

RETRIES = 3


def retry(times):
    """Retry a function `times` times."""
    def wrap(fn):
        return fn
    return wrap


# The cache of parsed configuration files.
@functools.lru_cache(maxsize=None)
@retry(times=RETRIES)
def load_config(path):
    """Read one configuration file.

    It is parsed once and cached.
    """
    with open(path) as handle:
        return handle.read()


class Small:
    """Fits in one chunk."""

    size = 1

    def area(self):
        return self.size ** 2


async def fetch(url):
    return url


TIMEOUT = 30
'''


def big_class() -> str:
    methods = "\n".join(f'''
    @property
    def field_{i}(self):
        """Field {i} of the record, computed from the raw payload on every access."""
        value = self.raw.get("field_{i}", {i})
        return value * {i} + len(self.raw)
''' for i in range(8))
    return f'''import json


class Record:
    """A record with many computed fields."""

    SCHEMA_VERSION = 2
{methods}

def loads(text):
    return Record(json.loads(text))
'''


def big_function() -> str:
    steps = "\n".join(f'''    # step {i}: normalise the {i}th column of the table before it is written
    column_{i} = [str(cell).strip().lower() for cell in table[{i}]]
    report.append(("column {i}", len(column_{i}), sorted(set(column_{i}))[:3]))
''' for i in range(12))
    return f'''def summarise(table):
    """Summarise every column of `table`.

    Returns a list of (name, count, sample) rows.
    """
    report = []
{steps}    return report
'''


@pytest.mark.points(3)
@pytest.mark.hint("fixed_size: greedy windows of whole lines. Add lines while the window stays within `size` "
                  "characters (one line longer than `size` is a window of its own). Each chunk's text is exactly "
                  "its lines start_line..end_line, 1-based and inclusive.")
def test_fixed_size_windows_are_whole_lines_up_to_size(run):
    source = (CLICK / "parser.py").read_text()
    for size, overlap in ((1000, 200), (400, 0)):
        chunks = click_chunks(run, "fixed_size", ["parser.py"], size=size, overlap=overlap)["parser.py"]
        assert chunks, "no chunks"
        assert_whole_lines(source, chunks)
        assert chunks[0]["start_line"] == 1 and chunks[-1]["end_line"] == len(lines(source)), \
            "the chunks cover the file from its first line to its last"
        for c, after in zip(chunks, chunks[1:]):
            assert c["start_line"] < after["start_line"] <= c["end_line"] + 1, \
                f"{where(c)} then {where(after)}: chunks move forward and leave no line out"
            size_with_next = len(c["text"]) + len(lines(source)[c["end_line"]])
            assert len(c["text"]) <= size or c["start_line"] == c["end_line"], f"{where(c)}: over {size} chars"
            assert size_with_next > size, f"{where(c)}: the next line still fits in {size} characters (greedy)"


@pytest.mark.points(2)
@pytest.mark.hint("After a chunk that ends at line E, the next starts at the earliest line S (after the chunk's "
                  "own first line) such that lines S..E hold at most `overlap` characters; overlap=0 shares nothing.")
def test_fixed_size_overlap_is_the_longest_run_that_fits(run):
    source = (CLICK / "formatting.py").read_text()
    all_lines = lines(source)
    for overlap in (0, 150, 300):
        chunks = click_chunks(run, "fixed_size", ["formatting.py"], size=700, overlap=overlap)["formatting.py"]
        assert len(chunks) > len(source) // 700, f"{len(chunks)} chunks of at most 700 characters for {len(source)}"
        assert_whole_lines(source, chunks)
        for c, after in zip(chunks, chunks[1:]):
            shared = "".join(all_lines[after["start_line"] - 1:c["end_line"]])
            assert len(shared) <= overlap, f"overlap {overlap}: {where(after)} repeats {len(shared)} characters"
            one_more = all_lines[after["start_line"] - 2]
            can_grow = after["start_line"] - 1 > c["start_line"]
            assert not can_grow or len(shared) + len(one_more) > overlap, \
                f"overlap {overlap}: {where(after)} could repeat one more line of {where(c)}"
    trace = run(NO_LLM, "chunk", chunker="fixed_size", source="a\nb\n", size=10, overlap=10)
    assert trace["ok"] and "raised" in trace["result"], "an overlap as large as the size never moves forward: refuse it"


@pytest.mark.points(3)
@pytest.mark.hint("recursive: split at the first separator ('\\n\\n', paragraphs) and pack neighbouring pieces "
                  "while they fit in `size`; only a piece that is too long goes down to the next separator.")
def test_recursive_keeps_paragraphs_whole_when_they_fit(run):
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="recursive", source=PROSE, path="prose.md", size=400))
    assert_whole_lines(PROSE, chunks)
    paragraphs = [p.strip("\n") for p in PROSE.split("\n\n")]
    for c in chunks:
        assert len(c["text"]) <= 400, f"{where(c)}: {len(c['text'])} characters, over 400"
        body = c["text"].strip("\n")
        assert all(part in paragraphs for part in body.split("\n\n")), \
            f"{where(c)} cuts a paragraph that fits in 400 characters:\n{c['text']}"
    assert "".join(c["text"] for c in chunks).split() == PROSE.split(), "every word is kept, in order"
    assert len(chunks) < len(paragraphs), "neighbouring paragraphs that fit together are packed into one chunk"


@pytest.mark.points(3)
@pytest.mark.hint("A paragraph longer than `size` is split at '\\n' (whole lines, packed); a single line longer "
                  "than `size` at ' ' (its pieces each claim that one line); a word longer than `size` at `size`.")
def test_recursive_goes_down_to_lines_then_words(run):
    long_paragraph = "".join(f"line {n} of a long paragraph that is longer than the limit\n" for n in range(12))
    long_line = " ".join(f"word{n}" for n in range(80)) + "\n"
    source = "Intro.\n\n" + long_paragraph + "\n" + long_line + "\nEnd.\n"
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="recursive", source=source, path="doc.md", size=200))
    long_line_number = lines(source).index(long_line) + 1
    for c in chunks:
        assert len(c["text"]) <= 200, f"{where(c)}: {len(c['text'])} characters, over 200"
        if c["start_line"] == c["end_line"] == long_line_number:
            assert c["text"] in long_line, f"{where(c)}: a piece of the long line holds {c['text']!r}"
        else:
            assert c["text"] == claimed(source, c), f"{where(c)}: not the exact lines it claims: {c['text']!r}"
    pieces = [c for c in chunks if c["start_line"] == c["end_line"] == long_line_number]
    assert len(pieces) >= 3 and "".join(p["text"] for p in pieces).split() == long_line.split(), \
        "the line longer than the limit is split at spaces into pieces that make it up"
    paragraph_chunks = [c for c in chunks if "long paragraph" in c["text"]]
    assert all(c["text"].endswith("\n") and c["start_line"] < c["end_line"] for c in paragraph_chunks), \
        "the long paragraph is split between lines, several lines a chunk"
    word = "x" * 450
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="recursive", source=f"a {word} b\n", path="w.txt", size=200))
    assert all(len(c["text"]) <= 200 for c in chunks), "a word longer than the limit is cut at the limit"
    assert "".join(c["text"] for c in chunks).split() == ["a", word, "b"] or \
        "".join(c["text"] for c in chunks).replace(" ", "").replace("\n", "") == f"a{word}b", "nothing is lost"


@pytest.mark.points(2)
@pytest.mark.hint("Count a chunk's lines from its offset in the file: start_line is 1 + the newlines before it; "
                  "a chunk that ends with '\\n' ends on the line that newline closes.")
def test_recursive_chunks_of_click_claim_their_lines(run):
    modules = ["termui.py", "_textwrap.py"]
    found = click_chunks(run, "recursive", modules, size=600)
    for name in modules:
        source = (CLICK / name).read_text()
        chunks = found[name]
        for c in chunks:
            assert len(c["text"]) <= 600, f"{where(c)}: over 600 characters"
            whole = claimed(source, c)
            assert c["text"] == whole or (c["start_line"] == c["end_line"] and c["text"] in whole), \
                f"{where(c)}: the text is not the lines it claims"
        assert "".join(c["text"] for c in chunks).split() == source.split(), f"{name}: words lost or reordered"


@pytest.mark.points(3)
@pytest.mark.hint("code_chunks: walk the module's body with ast; each function or class that fits is one chunk "
                  "from its first decorator to end_lineno, named by its (qualified) name, kind 'function', "
                  "'class' or 'method'; the lines between definitions become 'module' chunks.")
def test_code_chunks_one_per_definition_with_decorators_and_docstrings(run):
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="code_chunks", source=SAMPLE, path="pkg/sample.py",
                           max_chars=1500))
    assert_whole_lines(SAMPLE, chunks)
    assert all(c["path"] == "pkg/sample.py" for c in chunks), "every chunk carries the path it was given"
    named = {c["name"]: c for c in chunks if c["kind"] != "module"}
    assert set(named) == {"retry", "load_config", "Small", "fetch"}, \
        f"one chunk per top-level definition (a small class whole, nested functions inside theirs): {sorted(named)}"
    kinds = {name: c["kind"] for name, c in named.items()}
    assert kinds == {"retry": "function", "load_config": "function", "Small": "class", "fetch": "function"}, kinds
    spans = definitions(SAMPLE)
    for name, c in named.items():
        start, end, _ = spans[name]
        above = lines(SAMPLE)[c["start_line"] - 1:start - 1]
        assert c["start_line"] <= start and all(line.lstrip().startswith("#") for line in above), \
            f"{name} starts at line {c['start_line']}; its first decorator is on line {start}"
        assert c["end_line"] == end, f"{name} ends on line {end}, the chunk on {c['end_line']}"
    assert "@functools.lru_cache" in named["load_config"]["text"] and "parsed once" in named["load_config"]["text"]
    module_text = "".join(c["text"] for c in chunks if c["kind"] == "module")
    for line in ('"""A module to chunk."""', "import functools", "RETRIES = 3", "TIMEOUT = 30"):
        assert line in module_text, f"module-level code {line!r} is in no 'module' chunk"
    assert [c["start_line"] for c in chunks] == sorted(c["start_line"] for c in chunks), "chunks in file order"


@pytest.mark.points(3)
@pytest.mark.hint("A class over max_chars is not one chunk: its methods become chunks named 'Class.method' "
                  "(kind 'method'), and its other lines (class line, docstring, attributes) chunks named 'Class'.")
def test_code_chunks_split_a_large_class_into_methods(run):
    source = big_class()
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="code_chunks", source=source, path="record.py", max_chars=600))
    assert_whole_lines(source, chunks)
    assert all(len(c["text"]) <= 600 for c in chunks), "every chunk fits in max_chars here"
    methods = {c["name"]: c for c in chunks if c["kind"] == "method"}
    assert set(methods) == {f"Record.field_{i}" for i in range(8)}, f"methods found: {sorted(methods)}"
    spans = definitions(source)
    for name, c in methods.items():
        assert (c["start_line"], c["end_line"]) == spans[name][:2], \
            f"{name}: lines {c['start_line']}-{c['end_line']}, expected {spans[name][:2]} (with @property)"
    header = [c for c in chunks if c["name"] == "Record" and c["kind"] == "class"]
    assert header and "class Record:" in header[0]["text"] and "SCHEMA_VERSION" in "".join(c["text"] for c in header), \
        "the class line, docstring and attributes are a 'class' chunk named Record"
    assert any(c["name"] == "loads" and c["kind"] == "function" for c in chunks), "the function after the class"


@pytest.mark.points(3)
@pytest.mark.hint("A function over max_chars is cut between the statements of its body (never inside one that "
                  "fits): the first part holds the signature and the docstring, every part carries the name.")
def test_code_chunks_cut_an_oversized_function_between_statements(run):
    source = big_function()
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="code_chunks", source=source, path="report.py", max_chars=700))
    assert_whole_lines(source, chunks)
    assert len(chunks) >= 3 and all(c["name"] == "summarise" and c["kind"] == "function" for c in chunks), \
        f"the parts all carry the function's name: {[(c['name'], c['kind']) for c in chunks]}"
    assert all(len(c["text"]) <= 700 for c in chunks), "every part fits in max_chars"
    assert "def summarise" in chunks[0]["text"] and "(name, count, sample)" in chunks[0]["text"], \
        "the first part holds the signature and the whole docstring"
    node = ast.parse(source).body[0]
    statement_lines = [(s.lineno, s.end_lineno) for s in node.body]
    for c in chunks:
        for lo, hi in statement_lines:
            assert not (lo < c["start_line"] <= hi or lo <= c["end_line"] < hi), \
                f"{where(c)} cuts the statement on lines {lo}-{hi}"
    assert chunks[0]["start_line"] == 1 and chunks[-1]["end_line"] == node.end_lineno


@pytest.mark.points(3)
@pytest.mark.hint("Over all of click: every non-blank line is in exactly one chunk, every chunk's text is its "
                  "lines, and every function or method that fits is a chunk with its qualified name.")
def test_code_chunks_cover_click_exactly(run):
    modules = sorted(p.name for p in CLICK.glob("*.py"))
    found = click_chunks(run, "code_chunks", modules, max_chars=1500)
    for name in modules:
        source = (CLICK / name).read_text()
        chunks = found[name]
        assert_whole_lines(source, chunks)
        owner: dict[int, dict] = {}
        for c in chunks:
            for number in range(c["start_line"], c["end_line"] + 1):
                assert number not in owner, f"{name} line {number} is in {where(owner[number])} and {where(c)}"
                owner[number] = c
        orphans = [n for n, line in enumerate(lines(source), 1) if line.strip() and n not in owner]
        assert not orphans, f"{name}: lines {orphans[:5]} are in no chunk"
        whole = {(c["name"], c["start_line"], c["end_line"]) for c in chunks}
        for qualified, (start, end, node) in definitions(source).items():
            text = "".join(lines(source)[start - 1:end])
            if len(text) <= 1500 and "." not in qualified:
                assert any(n == qualified and s <= start and e == end for n, s, e in whole), \
                    f"{name}: {qualified} (lines {start}-{end}) is not one chunk with its name"
    parts = [c for c in found["core.py"] if c["name"] == "Command.main"]
    assert len(parts) >= 2, "core.py's Command.main is over 1,500 characters: it is cut into parts with its name"


@pytest.mark.points(1)
@pytest.mark.hint("A file ast cannot parse (a syntax error, a template) is chunked with recursive instead.")
def test_code_chunks_fall_back_on_a_syntax_error(run):
    source = "def broken(:\n    pass\n\n" + "x = 1\n" * 5
    chunks = chunks_of(run(NO_LLM, "chunk", chunker="code_chunks", source=source, path="broken.py", max_chars=1500))
    assert chunks and "".join(c["text"] for c in chunks).split() == source.split()
    assert_whole_lines(source, chunks)
