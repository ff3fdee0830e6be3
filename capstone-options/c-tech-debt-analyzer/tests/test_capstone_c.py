"""Capstone C automated checks (the machine-judged part of core functionality and documentation). Your
`debt_radar` runs in its own process; the model's replies come from ../fixtures/scenarios/, and every model request
your code makes is recorded where it is answered, outside your process. The measures are checked against values
computed by hand from the brief's rules (see ../checks.py)."""
import pytest

from autograder.units import unit_module

OWN_TESTS_JOB_S = 100  # the project's own suite may take a while on a busy machine; the driver stops it at 90 s

checks = unit_module("capstone-c", "checks")
EXPLAINED = {"explain_top": 3}


def result(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def no_error(value, what: str):
    assert not (isinstance(value, dict) and value.get("raised")), f"{what} raised {value.get('raised')}: " \
                                                                  f"{value.get('message')}"
    return value


def report_of(trace: dict) -> str:
    done = result(trace)
    assert done["raised"] is None, f"the CLI raised {done['raised']}: {done.get('message')}"
    assert done["exit"] == 0, f"`python -m debt_radar report` exited {done['exit']}"
    assert done["report"], "no report was written to OUT.md"
    return done["report"]


@pytest.mark.points(4)
@pytest.mark.hint("measure_functions: every def (methods as Class.method, nested as outer.inner) in order of its "
                  "def line; lines = end_lineno - lineno + 1; parameters: all kinds, *args and **kwargs count one "
                  "each, a method's self/cls does not, a @staticmethod's first parameter does.")
def test_functions_are_found_with_their_spans_and_parameters(run):
    found = no_error(result(run(checks.NO_LLM, "measure", source=checks.MEASURED))["functions"], "measure_functions")
    got = [(f["name"], f["start"], f["end"], f["lines"], f["params"]) for f in found]
    assert got == [row[:5] for row in checks.FUNCTIONS], f"(name, start, end, lines, params): {got}"


@pytest.mark.points(5)
@pytest.mark.hint("complexity: 1 + if/elif, for, async for, while, except, conditional expression, case, "
                  "comprehension for and its ifs, and (operands - 1) per and/or chain; skip nested defs and "
                  "classes, but count inside lambdas.")
def test_cyclomatic_complexity_follows_the_stated_rule(run):
    found = no_error(result(run(checks.NO_LLM, "measure", source=checks.MEASURED))["functions"], "measure_functions")
    got = {f["name"]: f["complexity"] for f in found}
    expected = {row[0]: row[5] for row in checks.FUNCTIONS}
    assert got == expected, f"complexities {got}; by the rule: {expected}"


@pytest.mark.points(2)
@pytest.mark.hint("todo_markers: read COMMENT tokens with tokenize; a marker is TODO, FIXME, XXX or HACK as a "
                  "whole upper-case word. A string that says TODO is not a comment.")
def test_markers_are_comments_with_a_marker_word(run):
    found = no_error(result(run(checks.NO_LLM, "measure", source=checks.MARKED))["markers"], "todo_markers")
    assert [(m["line"], m["tag"]) for m in found] == checks.MARKERS, f"markers {found}"


@pytest.mark.points(4)
@pytest.mark.hint("duplicate_groups: the shape is the node class names ast.walk yields from each body statement "
                  "(docstring left out); group by shape; at least min_lines code lines; skip @overload stubs; "
                  "skip files that do not parse.")
def test_duplicates_are_functions_of_the_same_shape(run):
    found = no_error(result(run(checks.NO_LLM, "duplicates", files=checks.DUPLICATED, min_lines=5)), "duplicate_groups")
    assert found["groups"] == checks.DUPLICATE_GROUPS, f"groups {found['groups']}"


@pytest.mark.points(4)
@pytest.mark.hint("outdated: name==version pins only (extras, ; markers and # comments allowed), names normalised "
                  "(PEP 503); compare with packaging.version; impact 2 x majors behind, else 1.0 for a minor, 0.5 "
                  "for a micro; nothing for names the snapshot lacks.")
def test_outdated_pins_are_measured_against_the_snapshot(run):
    found = no_error(result(run(checks.NO_LLM, "pins", requirements=checks.REQUIREMENTS, latest=checks.LATEST)),
                     "outdated")
    got = [(f["span"]["start"], f["symbol"], f["measure"], f["impact"]) for f in found["findings"]]
    assert got == checks.PINS, f"(line, name, majors behind, impact): {got}"
    assert all(f["kind"] == "outdated-dependency" and f["span"]["path"] == "requirements.txt"
               for f in found["findings"]), "kind outdated-dependency, span in the requirements path given"


def ranked(findings: list[dict]) -> list[tuple]:
    return [(f["kind"], f["span"]["path"], f["span"]["start"], f["span"]["end"], f["symbol"], f["priority"])
            for f in findings]


def same_ranking(got: list[tuple], expected: list[tuple]) -> bool:
    return len(got) == len(expected) and all(
        g[:5] == e[:5] and g[5] == pytest.approx(e[5]) for g, e in zip(got, expected))


@pytest.mark.points(6)
@pytest.mark.hint("scan: a finding per threshold crossed, per marker, per duplicate group and per old pin; "
                  "likelihood = 1 + fan-in (calls naming the function, outside it); priority = impact x "
                  "likelihood; rank by priority, then path, start line, kind. Skip files that do not parse.")
def test_findings_are_ranked_by_impact_times_likelihood(run):
    found = no_error(result(run(checks.NO_LLM, "scan", files=checks.PROJECT)), "scan")
    assert same_ranking(ranked(found["findings"]), checks.RANKED), \
        f"(kind, path, start, end, symbol, priority):\n{ranked(found['findings'])}\nexpected\n{checks.RANKED}"


RECURSIVE = {
    "pkg/__init__.py": "",
    "pkg/tree.py": '''def walk(node, depth, seen, out, key, limit):
    if node is None or depth > limit:
        return out
    out.append(key(node))
    walk(node.left, depth + 1, seen, out, key, limit)
    return walk(node.right, depth + 1, seen, out, key, limit)
''',
    "pkg/use.py": '''from pkg.tree import walk


def names(tree):
    return walk(tree, 0, set(), [], str, 10)
''',
}


@pytest.mark.points(2)
@pytest.mark.hint("Fan-in counts the calls that name the function OUTSIDE the function itself: a recursive "
                  "function's calls to itself do not make it more likely to change.")
def test_a_function_calling_itself_adds_nothing_to_its_fan_in(run):
    found = no_error(result(run(checks.NO_LLM, "scan", files=RECURSIVE)), "scan")
    # walk: 6 parameters (impact 6/5); one call from pkg/use.py, two from inside walk: likelihood 1 + 1
    expected = [("long-parameter-list", "pkg/tree.py", 1, 6, "walk", 6 / 5 * 2)]
    assert same_ranking(ranked(found["findings"]), expected), \
        f"(kind, path, start, end, symbol, priority): {ranked(found['findings'])}; expected {expected}"


@pytest.mark.points(3)
@pytest.mark.hint("Read every threshold from the Settings you are given: max_complexity, max_params, "
                  "min_duplicate_lines (a finding needs the measure ABOVE the maximum).")
def test_thresholds_come_from_the_settings(run):
    found = no_error(result(run(checks.NO_LLM, "scan", files=checks.PROJECT,
                                settings={"max_params": 7, "max_complexity": 11, "min_duplicate_lines": 8})), "scan")
    assert same_ranking(ranked(found["findings"]), [checks.RANKED[2]]), \
        f"at the maxima (7 parameters, complexity 11) and with 8 code lines required, only the TODO is left: " \
        f"{ranked(found['findings'])}"
    lower = no_error(result(run(checks.NO_LLM, "scan", files=checks.PROJECT, settings={"max_params": 6})), "scan")
    assert [f["priority"] for f in lower["findings"] if f["kind"] == "long-parameter-list"] == \
        [pytest.approx(7 / 6 * 3)], "impact is parameters / max_params"


@pytest.mark.points(4)
@pytest.mark.hint("The report's `## Ranked findings` table has one row per finding in rank order: rank, priority "
                  "(2 decimals), kind, `path:start-end`, symbol, detail; pins from --requirements are findings "
                  "too; files that do not parse are listed under `## Skipped files`.")
def test_the_report_has_the_ranked_table_and_the_skipped_files(run, provider):
    trace = run(checks.NO_LLM, "report", provider=provider, files=checks.PROJECT, requirements=checks.SAMPLE_PINS,
                settings={"explain_top": 0})
    text = report_of(trace)
    rows = checks.table_rows(text)
    expected = [(kind, f"`{path}:{start}-{end}`", f"{priority:.2f}") for kind, path, start, end, _, priority in
                [*checks.RANKED[:3], ("outdated-dependency", "requirements.txt", 2, 2, "", 2.0),
                 ("outdated-dependency", "requirements.txt", 1, 1, "", 1.0), checks.RANKED[3]]]
    got = [(row[2], row[3], row[1]) for row in rows if len(row) >= 4]
    assert got == expected, f"(kind, where, priority) of the table's rows:\n{got}\nexpected\n{expected}"
    skipped = text.split("## Skipped files", 1)[-1] if "## Skipped files" in text else ""
    assert "pkg/broken.py" in skipped, "pkg/broken.py does not parse: list it under `## Skipped files`"
    assert not trace["sent"], "explain_top=0: no model call"


@pytest.mark.points(6)
@pytest.mark.hint("Explain the top explain_top findings in rank order, one call each, showing the model the "
                  "finding's lines (numbered, with the path); keep a citation only if it lies inside lines you "
                  "showed; no citation left: say it is not explained, and do not print the model's text.")
def test_top_findings_are_explained_with_checked_citations(run, provider):
    trace = run("explain-top-three", "report", provider=provider, files=checks.PROJECT, settings=EXPLAINED)
    text = report_of(trace)
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} model calls; expected one per top-3 finding"
    for request, (kind, path, start, *_rest) in zip(trace["sent"], checks.RANKED):
        source_line = checks.PROJECT[path].splitlines()[start - 1].strip()
        assert source_line in checks.sent_text(request), \
            f"the call for the {kind} finding did not show the model its code ({source_line!r})"
    sections = checks.explained_sections(text)
    assert sorted(sections) == [1, 2, 3], f"expected sections ### 1. to ### 3.; found {sorted(sections)}"
    first_shown = checks.sent_text(trace["sent"][0])
    expected_first = ["pkg/billing.py:4-4"]
    if checks.PROJECT["pkg/summaries.py"].splitlines()[6].strip() in first_shown:
        expected_first.append("pkg/summaries.py:7-7")  # shown only if related code was retrieved
    if checks.PROJECT["pkg/text.py"].splitlines()[1].strip() in first_shown:
        expected_first.append("pkg/text.py:1-2")  # the index should not find it for invoice_total; if shown, valid
    assert checks.sources(sections[1]) == expected_first, \
        f"rank 1's sources {checks.sources(sections[1])}; of the model's three, {expected_first} were shown"
    assert "seven positional parameters" in sections[1] and "PricingPolicy" in sections[1], \
        "rank 1: print the explanation and the fix"
    assert not checks.sources(sections[2]) and "Eleven paths" not in sections[2], \
        "rank 2's only citation (lines 40-45 of a 20-line file) is not real: not explained, no text of the model's"
    assert checks.sources(sections[3]) == ["pkg/billing.py:5-5"], f"rank 3's sources {checks.sources(sections[3])}"


OVERREACHING = {"name": "overreaching-citations", "provenance": {"kind": "authored", "note": "one reply whose "
                "citations start inside the lines shown and run past them (the file has 20 lines)"},
                "exchanges": [{"when": {"any": "invoice_total"}, "reply": {"tool_calls": [{
                    "id": "call_advice_1", "name": "respond", "arguments": {
                        "explanation": "invoice_total takes seven positional parameters.",
                        "fix": "Group the pricing options into a PricingPolicy dataclass.",
                        "citations": ["pkg/billing.py:18-24", "pkg/billing.py:4-4", "pkg/billing.py:19-30"]}}],
                    "stop_reason": "tool_use", "usage": {"input_tokens": 900, "output_tokens": 60}}}]}


@pytest.mark.points(2)
@pytest.mark.hint("A citation is kept only if it lies WHOLLY inside a span the model was shown: its start and its "
                  "end, not only its start.")
def test_a_citation_running_past_the_lines_shown_is_dropped(run):
    text = report_of(run(OVERREACHING, "report", provider="anthropic", files=checks.PROJECT,
                         settings={"explain_top": 1}))
    first = checks.explained_sections(text).get(1, "")
    assert checks.sources(first) == ["pkg/billing.py:4-4"], \
        f"rank 1's sources {checks.sources(first)}; lines 18-24 and 19-30 run past the 20 lines shown (4-20)"


@pytest.mark.points(3)
@pytest.mark.hint("Every `path:start-end` your report prints must name a file under SRC (or the requirements "
                  "file) and lines it has.")
def test_every_location_in_the_report_is_real(run, provider):
    text = report_of(run("explain-top-three", "report", provider=provider, files=checks.PROJECT,
                         settings=EXPLAINED))
    bad = [f"{p}:{a}-{b}" for p, a, b in checks.LOCATION.findall(text)
           if p not in checks.PROJECT or not 1 <= int(a) <= int(b) <= len(checks.PROJECT[p].splitlines())]
    assert checks.LOCATION.findall(text), "the report names no `path:start-end` locations"
    assert not bad, f"locations that do not exist: {bad}"


@pytest.mark.points(4)
@pytest.mark.hint("Before each model call, add up what the run has spent (reply.cost_usd, or "
                  "client.total_cost_usd); at max_cost_usd or more make no call and say the finding is not "
                  "explained because of the budget.")
def test_the_budget_stops_spending(run, provider):
    trace = run("expensive-advice", "report", provider=provider, files=checks.PROJECT,
                settings={**EXPLAINED, "max_cost_usd": 0.012})
    text = report_of(trace)
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} calls; the budget allows two (about 0.009 USD each)"
    third = checks.explained_sections(text).get(3, "")
    assert "budget" in third.lower() and not checks.sources(third), \
        f"rank 3 is not explained, and the report says the budget is why: {third[:200]!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Pass max_tokens=settings.max_reply_tokens on every call.")
def test_every_call_caps_its_reply(run, provider):
    trace = run("explain-top-three", "report", provider=provider, files=checks.PROJECT,
                settings={**EXPLAINED, "max_reply_tokens": 300})
    report_of(trace)
    caps = [request["max_tokens"] for request in trace["sent"]]
    assert caps and all(cap is not None and cap <= 300 for cap in caps), f"max_tokens sent: {caps}; the cap is 300"


@pytest.mark.points(3)
@pytest.mark.hint("Catch agentkit.LLMError around each call: that finding is not explained (say why), the "
                  "others are, and the report is still written.")
def test_a_failed_call_does_not_stop_the_report(run):
    trace = run("first-call-fails", "report", provider="anthropic", files=checks.PROJECT, settings=EXPLAINED)
    sections = checks.explained_sections(report_of(trace))
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} calls; expected 3 (the failed one is not retried)"
    assert not checks.sources(sections.get(1, "")), "rank 1's call failed: it cannot be explained"
    assert checks.sources(sections.get(2, "")) == ["pkg/billing.py:7-13"], "ranks 2 and 3 are explained"


@pytest.mark.points(3)
@pytest.mark.hint("A SRC that is not a folder, or holds no Python file that parses, is an input error: exit 2 "
                  "with a message (read_sources raises ValueError), before any model call.")
def test_bad_input_is_refused_before_any_call(run):
    missing = result(run(checks.NO_LLM, "report", provider="anthropic", files=checks.PROJECT, src="nowhere"))
    assert missing["exit"] == 2, f"SRC does not exist: exit {missing['exit']} ({missing.get('raised')})"
    broken = run(checks.NO_LLM, "report", provider="anthropic", files={"a.py": "def f(:\n", "notes.txt": "x"})
    assert result(broken)["exit"] == 2, f"no Python file parses: exit {result(broken)['exit']}"
    assert not broken["sent"], "no model call for input that cannot be analysed"


@pytest.mark.timeout(OWN_TESTS_JOB_S + 20)
@pytest.mark.points(5)
@pytest.mark.hint("Ship your own tests in tests/ next to debt_radar/ (pytest, offline, in well under 90 seconds) and a "
                  "README.md that says how to run `python -m debt_radar report`; all your tests must pass.")
def test_the_submission_has_passing_tests_and_a_readme(run):
    found = result(run(checks.NO_LLM, "own_tests", job_timeout=OWN_TESTS_JOB_S))
    assert found["tests"], "no tests/test_*.py next to your debt_radar package"
    assert found["returncode"] == 0, f"your own tests did not pass:\n{found['output'][-1500:]}"
    assert found["readme"] and "python -m debt_radar report" in found["readme"], \
        "README.md should say how to run it: `python -m debt_radar report SRC OUT.md`"
