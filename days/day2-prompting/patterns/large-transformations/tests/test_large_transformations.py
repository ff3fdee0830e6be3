"""Large-transformations graded tests. Each runs your `large_transformations` package in its own process through
../driver.py. The migration's replies are authored (see migration.yaml's header); the tests read what your code
sent (from the grader's side) and the module it assembled."""
import ast
from pathlib import Path

import pytest
import yaml

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
DECORATED = '''import functools

LIMIT = 3


# Cached: the lookup is slow.
@functools.cache
def lookup(key):
    return key.upper()


async def fetch(url):
    return url

_private = 1
VERSION: str = "2"
'''
DECISIONS = ["DEFAULT_DIR is a Path; functions accept str or Path and convert with Path(...)",
             "find_configs returns a sorted list of Path objects, not strings",
             "files are read with Path.read_text and parsed with json.loads"]


SCENARIO = Path(__file__).resolve().parent.parent / "fixtures" / "scenarios" / "migration.yaml"
NOT_A_DECISION = "DECISION: this line is inside the code block, so it is not a decision"


def migration_with_a_decision_line_in_code() -> dict:
    """migration.yaml, with a `DECISION:` line inside find_configs' code block (in its docstring): not a decision."""
    data = yaml.safe_load(SCENARIO.read_text())
    for exchange in data["exchanges"]:
        if exchange["when"] == {"user": 'name="find_configs"'}:
            old = '    """Every .json file directly in `directory`, sorted."""'
            assert old in exchange["reply"]["text"], "migration.yaml changed: update this test"
            exchange["reply"]["text"] = exchange["reply"]["text"].replace(
                old, f'    """Every .json file directly in `directory`, sorted.\n\n    {NOT_A_DECISION}\n    """')
    return {"name": "migration, a DECISION line in a code block", **data}


def user_text(request: dict) -> str:
    users = [text for role, text in request["messages"] if role == "user"]
    return users[-1] if users else ""


def between(text: str, opening: str, closing: str) -> str:
    assert opening in text and closing in text, f"{opening}...{closing} not found in {text[:300]!r}"
    start = text.index(opening) + len(opening)
    return text[start:text.index(closing, start)]


@pytest.mark.points(2)
@pytest.mark.hint("split_module: parse with ast; each top-level def, async def or class is one chunk named after it, "
                  "from its first decorator (and comment lines directly above) to its end_lineno; the statements "
                  "between them are `<module>` chunks. No line is lost.")
def test_the_module_splits_by_function_and_class(run):
    trace = run(NO_LLM, "split", sources=[DECORATED])
    assert trace["ok"], f"split_module failed: {trace['error']}"
    chunks = trace["result"][0]
    assert [name for name, _ in chunks] == ["<module>", "lookup", "fetch", "<module>"], [n for n, _ in chunks]
    code = dict(chunks[1:3])
    assert code["lookup"].startswith("# Cached: the lookup is slow.\n@functools.cache\ndef lookup(key):"), code["lookup"]
    assert code["lookup"].rstrip().endswith("return key.upper()") and "async" not in code["lookup"], code["lookup"]
    assert code["fetch"].strip() == "async def fetch(url):\n    return url", code["fetch"]
    assert "LIMIT = 3" in chunks[0][1] and "VERSION: str" in chunks[3][1], chunks
    kept = [line for _, text in chunks for line in text.splitlines() if line.strip()]
    assert kept == [line for line in DECORATED.splitlines() if line.strip()], "every line is in exactly one chunk"


@pytest.mark.points(2)
@pytest.mark.hint("check_piece: None when the piece compiles and defines every public name of the original; else "
                  "the problem: no block, `SyntaxError: ... (line n)`, or `missing public names: a, b`. public_names: "
                  "top-level defs, classes and assigned names not starting with _; imports do not count.")
def test_each_piece_is_checked_for_syntax_and_public_names(run):
    pairs = [["def f():\n    return 1\n", "def f():\n    return 2\n"],
             ["def f():\n    return 1\n", "def f()\n    return 2\n"],
             ["def f():\n    return 1\n", "def g():\n    return 1\n"],
             ["def f():\n    return 1\n", None],
             ["X = 1\n\ndef _helper():\n    pass\n", "import os\nX = os.sep\n"],
             ["A = B = 1\nclass C:\n    pass\n", "A = 1\nclass C:\n    pass\n"]]
    trace = run(NO_LLM, "check", pairs=pairs, codes=[DECORATED])
    assert trace["ok"], f"check_piece failed: {trace['error']}"
    problems = trace["result"]["problems"]
    assert problems[0] is None and problems[4] is None, f"good pieces pass: {problems}"
    assert problems[1] and "SyntaxError" in problems[1] and "line 1" in problems[1], problems[1]
    assert problems[2] and "f" in problems[2].split(":")[-1], problems[2]
    assert problems[3], "a reply without a code block is a problem"
    assert problems[5] and problems[5].split(":")[-1].strip() == "B", problems[5]
    assert trace["result"]["names"] == [["LIMIT", "VERSION", "fetch", "lookup"]], trace["result"]["names"]


@pytest.mark.points(4)
@pytest.mark.hint("migrate: one request per chunk, the chunk in <chunk name=\"NAME\"> tags and the decisions so far in "
                  "<decisions> tags; a piece that fails check_piece is retried once with the problem in <error> tags; "
                  "after a second failure the original chunk is kept and its name reported in failed. Decisions come "
                  "only from replies whose piece was accepted, from DECISION lines outside the code block. Assemble the "
                  "pieces in order.")
def test_a_migration_carries_decisions_checks_retries_and_assembles(run, provider):
    trace = run(migration_with_a_decision_line_in_code(), "migrate", provider=provider)
    assert trace["ok"], f"migrate failed: {trace['error']}"
    sent, result = trace["sent"], trace["result"]
    users = [user_text(r) for r in sent]
    names = [between(u, '<chunk name="', '"') for u in users]
    assert names == ["<module>", "find_configs", "read_config", "read_config", "ConfigCache", "ConfigCache"], \
        f"chunks sent, in order: {names}"
    legacy = result["legacy"]
    for user, name in zip(users, names):
        body = between(user, f'<chunk name="{name}">', "</chunk>")
        assert body.strip() and body.strip() in legacy, "each chunk's code goes between its <chunk> tags, unchanged"
    decisions = [between(u, "<decisions>", "</decisions>").strip() for u in users]
    assert decisions[0] == "", "no decisions before the first chunk"
    assert DECISIONS[0] in decisions[1] and all(d in decisions[2] for d in DECISIONS[:2]), \
        "each chunk is sent with every decision made so far"
    assert all(d in decisions[4] for d in DECISIONS), "decisions accumulate across chunks"
    assert "<error>" not in users[2] and "read_config" in between(users[3], "<error>", "</error>"), \
        "the retry names the missing public name"
    assert "SyntaxError" in between(users[5], "<error>", "</error>"), "the retry names the SyntaxError"
    assert result["calls"] == 6 and result["failed"] == ["ConfigCache"], (result["calls"], result["failed"])
    assert result["decisions"] == DECISIONS, \
        f"decisions {result['decisions']}; a DECISION line inside the code block is code, not a decision"
    tree = ast.parse(result["source"])
    top = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert top == ["find_configs", "read_config", "ConfigCache"], top
    assert "from pathlib import Path" in result["source"] and "json.loads(Path(path).read_text())" in result["source"]
    cache = legacy[legacy.index("class ConfigCache"):].strip()
    assert cache in result["source"], "a chunk that failed twice is kept as it was"
    assert "load_config" not in result["source"] and "if cached is None or cached[0] != mtime\n" not in result["source"]
