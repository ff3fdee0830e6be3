"""Code-prompting graded tests. Each runs your `code_prompting` package in its own process through ../driver.py.
The model calls are answered by the scenarios in ../fixtures/scenarios (authored replies, see their headers);
the tests read what your code sent (from the grader's side) and the verdicts it returned on those replies."""
import time

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
ADDS = "def add(a, b):\n    return a + b\n"
FAILING_TEST = "from durations import parse_duration\n\n\ndef test_adds_the_parts():\n    assert parse_duration('1h30m') == 5400\n"
ERROR = "E       AssertionError: assert 1800 == 5400"
GOOD_TESTS_START = "import pytest\n\nfrom durations import parse_duration\n"


def user_text(request: dict) -> str:
    users = [text for role, text in request["messages"] if role == "user"]
    return users[-1] if users else ""


def between(text: str, opening: str, closing: str) -> str:
    assert opening in text and closing in text, f"{opening}...{closing} not found in {text[:300]!r}"
    return text[text.index(opening) + len(opening):text.index(closing)]


@pytest.mark.points(2)
@pytest.mark.hint("extract_code returns the body of the first fenced block labelled python or py, or unlabelled; it "
                  "skips ```bash or ```text blocks, ignores the prose around the block, and gives None when there is "
                  "no such block or the fence is never closed.")
def test_extract_code_reads_the_first_python_block(run):
    cases = [("```python\nx = 1\n```", "x = 1\n"),
             ("Here you go:\n\n```py\nimport os\nprint(os.sep)\n```\nThat prints the separator.", "import os\nprint(os.sep)\n"),
             ("Run it:\n```bash\npytest -q\n```\nThe tests:\n```python\ndef test_a():\n    assert True\n```\n```python\ny = 2\n```",
              "def test_a():\n    assert True\n"),
             ("```\nz = 3\n```", "z = 3\n"),
             ("No code here, only advice: use parametrize.", None),
             ("```python\nunfinished = True\n", None),
             ("```text\n1 passed\n```", None),
             ("````python\ns = '```'\n````", "s = '```'\n")]
    trace = run(NO_LLM, "parse", replies=[text for text, _ in cases], findings=[], diffs=[])
    assert trace["ok"], f"extract_code failed: {trace['error']}"
    wrong = [f"{text[:60]!r} -> {got!r}, expected {want!r}" for (text, want), got in zip(cases, trace["result"]["code"])
             if got != want]
    assert not wrong, "\n  ".join(["extract_code:"] + wrong)


@pytest.mark.points(3)
@pytest.mark.hint("run_tests writes the source as <module>.py and the tests as a test file in a fresh folder, runs "
                  "`python -m pytest` there in a subprocess with timeout=..., and reports passed only for exit code 0 "
                  "(a failing test, a file with no tests, or an import error is not a pass). On TimeoutExpired it "
                  "returns passed False and timed_out True, promptly.")
def test_run_tests_runs_them_in_a_subprocess_with_a_time_limit(run):
    test_add = "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    cases = [({"tests": test_add, "source": ADDS, "module": "calc", "timeout": 8}, (True, False), "a passing test"),
             ({"tests": test_add, "source": ADDS.replace("+", "-"), "module": "calc", "timeout": 8}, (False, False),
              "a failing test"),
             ({"tests": "from calc import add\n", "source": ADDS, "module": "calc", "timeout": 8}, (False, False),
              "a file with no tests"),
             ({"tests": test_add, "source": ADDS, "module": "other", "timeout": 8}, (False, False),
              "tests importing a module that is not there"),
             ({"tests": "def test_forever():\n    while True:\n        pass\n", "source": ADDS, "module": "calc",
               "timeout": 1.5}, (False, True), "a test that never ends"),
             ({"tests": FAILING_TEST, "source": "from x import\n", "module": "durations", "timeout": 8}, (False, False),
              "a module that does not compile")]
    started = time.monotonic()
    trace = run(NO_LLM, "run_tests", cases=[case for case, _, _ in cases])
    elapsed = time.monotonic() - started
    assert trace["ok"], f"run_tests failed: {trace['error']}"
    wrong = [f"{name}: passed={got['passed']}, timed_out={got['timed_out']}; expected passed={want[0]}, "
             f"timed_out={want[1]}" for (_, want, name), got in zip(cases, trace["result"])
             if (got["passed"], got["timed_out"]) != want]
    assert not wrong, "\n  ".join(["run_tests:"] + wrong)
    assert elapsed < 15, f"{elapsed:.0f}s for six small runs: is the time limit applied to the subprocess?"


@pytest.mark.points(3)
@pytest.mark.hint("generate_tests sends the module between <code> and </code> in the user message and names the module "
                  "to import; it extracts the ```python block and judges it: good only when it passes on the code AND "
                  "fails on the buggy version. A reply with no code block gives tests None and is not good.")
def test_generated_tests_are_run_on_the_code_and_on_the_bug(run, provider):
    trace = run("generate", "generate", provider=provider, times=4)
    assert trace["ok"], f"generate_tests failed: {trace['error']}"
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 4, f"{len(sent)} requests for four generations"
    for request in sent:
        user = user_text(request)
        assert result["source"].strip() in between(user, "<code>", "</code>"), "the whole module goes in <code> tags"
        assert result["module"] in user.replace(between(user, "<code>", "</code>"), ""), \
            "say which module the tests import (its name outside the code)"
    verdicts = [(r["passes_on_code"], r["fails_on_bug"], r["good"]) for r in result["results"]]
    expected = [(True, True, True), (True, False, False), (False, True, False), (False, False, False)]
    names = ["tests that catch the bug", "tests that pass on the bug too", "a test with a wrong expectation",
             "a reply without code"]
    wrong = [f"{name}: (passes_on_code, fails_on_bug, good) = {got}, expected {want}"
             for name, got, want in zip(names, verdicts, expected) if got != want]
    assert not wrong, "\n  ".join(wrong)
    tests = [r["tests"] for r in result["results"]]
    assert tests[0] and tests[0].startswith(GOOD_TESTS_START), f"the python block, not the bash one: {tests[0]!r}"
    assert tests[3] is None, "a reply with no code block has no tests"


@pytest.mark.points(2)
@pytest.mark.hint("parse_findings reads every `LINE <n>: <text>` line (any case, after an optional - or * bullet). "
                  "new_side_lines numbers the new file from each hunk's `+c` and counts added and context lines, not "
                  "removed ones, nor the ---/+++ headers.")
def test_findings_and_diff_lines_are_parsed(run):
    reply = "Summary first.\nLINE 4: off by one\n  * line 12:  unused import \nSee line 3 too.\nLINE x: nothing"
    diff = ("diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n@@ -1,3 +1,3 @@\n import os\n-x = 1\n+x = 2\n y = 3\n"
            "@@ -20,4 +20,5 @@ def f():\n     a = 1\n-    b = 2\n+    b = 3\n+    c = 4\n     return a\n+# end\n")
    trace = run(NO_LLM, "parse", replies=[], findings=[reply], diffs=[diff])
    assert trace["ok"], f"parsing failed: {trace['error']}"
    assert trace["result"]["findings"] == [[[4, "off by one"], [12, "unused import"]]], trace["result"]["findings"]
    want = [[1, "import os"], [2, "x = 2"], [3, "y = 3"], [20, "    a = 1"], [21, "    b = 3"], [22, "    c = 4"],
            [23, "    return a"], [24, "# end"]]
    assert trace["result"]["lines"] == [want], f"new_side_lines: {trace['result']['lines']}"


@pytest.mark.points(2)
@pytest.mark.hint("review sends the diff between <diff> and </diff> and asks for `LINE <n>:` findings on new-file "
                  "lines; a finding is anchored only when its line is one the diff shows (added or context) on the new "
                  "side. The others (a line never shown, a line above the hunk) are unanchored.")
def test_review_findings_must_point_at_lines_the_diff_shows(run, provider):
    trace = run("review", "review", provider=provider)
    assert trace["ok"], f"review failed: {trace['error']}"
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 1, f"{len(sent)} requests for one review"
    assert result["diff"].strip() in between(user_text(sent[0]), "<diff>", "</diff>"), "the whole diff in <diff> tags"
    assert [n for n, _ in result["findings"]] == [17, 15, 42, 8], result["findings"]
    assert [n for n, _ in result["anchored"]] == [17, 15], f"anchored: {result['anchored']}"
    assert [n for n, _ in result["unanchored"]] == [42, 8], f"unanchored: {result['unanchored']}"


@pytest.mark.points(3)
@pytest.mark.hint("debug sends the code in <code>, the failing test in <test> and the error in <error>; it extracts "
                  "the fixed module, checks that it compiles, and counts it fixed only when the failing test passes on "
                  "it (run_tests). A confident explanation is not evidence; a fix that does not compile is not run.")
def test_a_fix_counts_only_when_the_failing_test_passes_on_it(run, provider):
    trace = run("debug", "debug", provider=provider, failing_test=FAILING_TEST, error=ERROR, times=3)
    assert trace["ok"], f"debug failed: {trace['error']}"
    sent, result = trace["sent"], trace["result"]
    assert len(sent) == 3, f"{len(sent)} requests for three debugging calls"
    for request in sent:
        user = user_text(request)
        assert result["source"].strip() in between(user, "<code>", "</code>"), "the module in <code> tags"
        assert FAILING_TEST.strip() in between(user, "<test>", "</test>"), "the failing test in <test> tags"
        assert ERROR in between(user, "<error>", "</error>"), "the error output in <error> tags"
    got = [(r["compiles"], r["fixed"]) for r in result["results"]]
    assert got == [(True, True), (False, False), (True, False)], \
        f"(compiles, fixed) for a real fix, a fix with a syntax error, a fix that changes nothing: {got}"
    first = result["results"][0]
    assert first["explanation"].startswith("The loop assigns") and "```" not in first["explanation"], \
        f"explanation: the text before the code block: {first['explanation']!r}"
    assert "total += int(number)" in first["fix"], "fix: the module from the reply's python block"
