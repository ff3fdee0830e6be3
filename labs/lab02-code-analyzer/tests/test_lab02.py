"""Lab 02 graded tests. Your `analyzer` runs in its own process: called directly (through ../driver.py) or served
by a real uvicorn server on a unix socket, where each test sends it HTTP requests and judges the answers. The
model's replies come from ../fixtures/scenarios/, and every model request your code makes is recorded where it is
answered, outside your process."""
import pytest

from autograder.units import unit_module

checks = unit_module("lab02", "checks")  # the code under review, the expected findings, trace readers
USER_LOOKUP, REVIEW, said = checks.USER_LOOKUP, checks.REVIEW, checks.said
analysis_of, findings, raised = checks.analysis_of, checks.findings, checks.raised


def analyze(run, scenario, provider="anthropic", source=USER_LOOKUP, **limits) -> dict:
    return run(scenario, "analyze_source", provider=provider, source=source, **limits)


def assert_the_review(analysis: dict) -> None:
    assert findings(analysis) == REVIEW, f"expected the review's three findings; got {findings(analysis)}"
    assert analysis["score"] == checks.REVIEW_SCORE, f"score {analysis['score']!r}; the reply said 35"
    assert analysis["summary"].startswith(checks.REVIEW_SUMMARY_START), f"summary {analysis['summary'][:80]!r}"


def feedback_after(request: dict, reply: str) -> str:
    """The user text a retry sent after the earlier reply (which it must carry): the error should be there."""
    text = checks.all_text(request)
    at = text.find(reply.strip()[:200])
    assert at >= 0, "the retry was not sent the reply that failed (as the assistant's turn)"
    users = checks.user_turns(request)
    return users[-1] if users else ""


@pytest.mark.points(3)
@pytest.mark.hint("One llm.chat call with a system prompt and the code; extract_json(reply.text), then "
                  "Analysis.model_validate(...): return the Analysis with its issues, summary and score.")
def test_a_clean_reply_gives_the_validated_analysis(run, provider):
    trace = analyze(run, "user-lookup", provider)
    assert_the_review(analysis_of(trace))
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} model calls for one valid reply; expected 1"
    issue = analysis_of(trace)["issues"][0]
    assert issue["explanation"].startswith("The name is pasted") and issue["fix"].startswith("Use a parameter"), \
        "each issue keeps the model's explanation and fix"


@pytest.mark.points(2)
@pytest.mark.hint("Send the code as data: in the user message between <code> and </code> (numbering its lines "
                  "helps the model cite them), with a system prompt that asks for the JSON; cap the reply with "
                  "max_tokens=settings.max_reply_tokens.")
def test_the_code_is_sent_as_delimited_data_with_a_capped_reply(run, provider):
    trace = analyze(run, "user-lookup", provider, max_reply_tokens=800)
    assert trace["sent"], f"no model call was made: {trace['error'] or trace['result']}"
    request = trace["sent"][0]
    assert checks.carries_the_code(request, USER_LOOKUP), \
        "the first user message should hold every line of the code, in order, between <code> and </code>"
    assert (request.get("system") or "").strip(), "send a system prompt that says what to reply"
    assert request["max_tokens"] is not None and request["max_tokens"] <= 800, \
        f"max_tokens {request['max_tokens']}; settings.max_reply_tokens was 800"


@pytest.mark.points(2)
@pytest.mark.hint("Models wrap JSON in prose and ```json fences. extract_json takes the first fence's content "
                  "(if any), then the first JSON object in it with json.JSONDecoder().raw_decode, ignoring the rest.")
def test_a_wrapped_reply_is_repaired_without_a_retry(run, provider):
    trace = analyze(run, "fenced-reply", provider)
    assert_the_review(analysis_of(trace))
    assert len(trace["sent"]) == 1, "a reply that only needed unwrapping was sent back for a retry"


EXTRACTS = [
    ('{"score": 90, "issues": []}', {"score": 90, "issues": []}),
    ('```json\n{"score": 80}\n```', {"score": 80}),
    ('```\n{"score": 70}\n```', {"score": 70}),
    ('Sure, here it is:\n{"score": 60, "summary": "ok"}\nHope this helps!', {"score": 60, "summary": "ok"}),
    ('Review:\n```json\n{"a": {"b": [1, 2]}, "c": "}"}\n```\nThe fix on line 3 uses {braces}.',
     {"a": {"b": [1, 2]}, "c": "}"}),
    ('  \n{"score": 50}  \n', {"score": 50}),
    ('The f-string f"{name}" on line 3 is fine.\n```json\n{"score": 40}\n```', {"score": 40}),
]
NOT_EXTRACTABLE = ["I found no problems in this code.", '{"issues": [{"line": 3,', "```json\n{'score': 5}\n```", ""]


@pytest.mark.points(4)
@pytest.mark.hint("extract_json returns the first JSON object (a dict): inside the first ``` fence if there is "
                  "one, else in the text; prose around it is ignored. No complete object: raise ValueError "
                  "(json.JSONDecodeError is one).")
def test_extract_json_unwraps_fences_and_prose(run):
    wrong = []
    for text, expected in EXTRACTS:
        trace = run(checks.NO_LLM, "extract", text=text)
        got = trace["result"] if trace["ok"] else {"raised": trace["error"]}
        if got.get("raised") or got.get("value") != expected:
            wrong.append(f"{text[:40]!r} -> {got.get('value') if not got.get('raised') else got['raised']}")
    for text in NOT_EXTRACTABLE:
        trace = run(checks.NO_LLM, "extract", text=text)
        if not (trace["ok"] and trace["result"].get("value_error")):
            wrong.append(f"{text[:40]!r} should raise ValueError; got {trace['result'] or trace['error']}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.points(3)
@pytest.mark.hint("When extract_json raises (a reply cut off at max_tokens is invalid JSON), call again with the "
                  "conversation so far, the bad reply as the assistant's turn, and a user turn carrying the error.")
def test_invalid_json_is_retried_with_the_error(run, provider):
    trace = analyze(run, "truncated-then-valid", provider)
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} model calls; expected one, then one retry"
    first_reply = trace["served"][0]["text"]
    retry = trace["sent"][1]
    assert checks.carries_the_code(retry, USER_LOOKUP), "the retry should still carry the code"
    assert feedback_after(retry, first_reply).strip(), "the retry's last user turn should carry the error"
    assert_the_review(analysis_of(trace))


@pytest.mark.points(3)
@pytest.mark.hint("A reply that is JSON but breaks the schema (a severity of 'urgent') fails "
                  "Analysis.model_validate: retry, sending the ValidationError's text, which names the field.")
def test_a_schema_violation_is_retried_with_the_error(run, provider):
    trace = analyze(run, "bad-severity-then-valid", provider)
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} model calls; expected one, then one retry"
    feedback = feedback_after(trace["sent"][1], trace["served"][0]["text"])
    assert "severity" in feedback.lower(), \
        f"the retry's last user turn should carry the validation error (it names 'severity'): {feedback[:300]!r}"
    assert_the_review(analysis_of(trace))


@pytest.mark.points(2)
@pytest.mark.hint("Make at most settings.max_attempts calls in all; when none gave a valid analysis raise "
                  "AnalysisFailed.")
def test_retries_stop_after_max_attempts(run, provider):
    trace = analyze(run, "never-valid", provider, max_attempts=3)
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} model calls with max_attempts=3; expected 3"
    assert raised(trace) == "AnalysisFailed", f"expected AnalysisFailed; analyze gave {trace['result']}"


@pytest.mark.points(3)
@pytest.mark.hint("Keep an issue only if 1 <= line <= the number of lines and its snippet, stripped, is not empty "
                  "and appears in that line; drop the rest, keep the order.")
def test_ungrounded_findings_are_dropped(run, provider):
    trace = analyze(run, "ungrounded", provider)
    analysis = analysis_of(trace)
    assert [(line, snippet.strip()) for _, _, line, snippet in findings(analysis)] == [
        (6, REVIEW[0][3]), (5, "sqlite3.connect(db_path)")], \
        f"of seven findings, only those on lines 6 and 5 are grounded; kept {findings(analysis)}"


GROUND_SOURCE = "total = 0\nfor x in items:\n    total += x\nprint(total)"


def issue(line: int, snippet: str) -> dict:
    return {"severity": "low", "category": "general", "line": line, "snippet": snippet, "explanation": "e", "fix": "f"}


@pytest.mark.points(3)
@pytest.mark.hint("ground(issues, source): lines are numbered from 1 as source.splitlines() counts them; the "
                  "snippet, stripped, must be a non-empty substring of that very line.")
def test_ground_checks_the_line_and_the_snippet(run):
    issues = [issue(1, "total = 0"), issue(2, "total += x"), issue(3, " total += x "), issue(5, "print"),
              issue(4, "print(total)"), issue(-1, "print(total)"), issue(3, ""), issue(2, "for x in items")]
    trace = run(checks.NO_LLM, "ground", source=GROUND_SOURCE, issues=issues)
    assert trace["ok"], trace["error"]
    kept = [tuple(pair) for pair in trace["result"]["kept"]]
    assert kept == [(1, "total = 0"), (3, " total += x "), (4, "print(total)"), (2, "for x in items")], \
        f"kept {kept}"


@pytest.mark.points(3)
@pytest.mark.hint("Count the code's tokens with count_tokens first; over settings.max_input_tokens raise "
                  "InputTooLarge (with the count and the limit in its message) and make no call.")
def test_code_over_the_token_cap_is_refused_before_any_call(run):
    big = USER_LOOKUP * 12  # about 1,400 tokens
    trace = analyze(run, "user-lookup", source=big, max_input_tokens=600)
    assert raised(trace) == "InputTooLarge", f"a source over the cap: analyze gave {trace['result']}"
    assert not trace["sent"], "the model was called for a source over the cap"
    assert "600" in (trace["result"]["message"] or ""), "say the limit in the error"
    fits = analyze(run, "user-lookup", max_input_tokens=600)  # about 120 tokens
    assert_the_review(analysis_of(fits))


@pytest.mark.points(3)
@pytest.mark.hint("A call that raises agentkit.LLMError (a 500, a timeout, a rate limit) is not a bad reply: "
                  "raise ModelUnavailable at once; the SDK's own retries handle transient errors live.")
def test_a_failing_model_raises_model_unavailable(run):
    trace = analyze(run, "model-errors")
    assert raised(trace) == "ModelUnavailable", f"the model answered 500: analyze gave {trace['result']}"
    assert len(trace["sent"]) == 1, f"{len(trace['sent'])} calls; a model error is not retried by the analyzer"


# --- the HTTP API -----------------------------------------------------------------------------------------


@pytest.mark.points(2)
@pytest.mark.hint("create_app(settings, llm): POST /analyze {'code': ...} answers 200 with the Analysis as JSON "
                  "(issues, summary, score); GET /health answers 200.")
def test_post_analyze_answers_200_with_the_analysis(services, provider):
    with services.record("user-lookup") as live:
        app = live.serve("start", provider=provider)
        answer = app.post("/analyze", json={"code": USER_LOOKUP})
        health = app.get("/health")
    assert answer["status"] == 200, f"POST /analyze answered {said(answer)}"
    assert_the_review(checks.well_formed(answer["json"]))
    assert len(live.sent) == 1, f"{len(live.sent)} model calls for one request"
    assert health["status"] == 200, f"GET /health answered {said(health)}"


@pytest.mark.points(4)
@pytest.mark.hint("A body that is not a JSON object with a string 'code' (not JSON, no code, code not a string, "
                  "blank code) answers 422 with a JSON {'detail': ...} and calls no model.")
def test_malformed_requests_get_422(services):
    with services.record(checks.NO_LLM) as live:
        app = live.serve("start", provider="anthropic")
        answers = [app.post("/analyze", content=b"{not json", headers={"content-type": "application/json"}),
                   app.post("/analyze", json={"source": "print(1)"}),
                   app.post("/analyze", json={"code": 42}),
                   app.post("/analyze", json={"code": "   \n\t"})]
    wrong = [(n, said(a)) for n, a in enumerate(answers) if a["status"] != 422]
    assert not wrong, f"not JSON, no code, code a number, blank code: these were not 422: {wrong}"
    assert all(checks.error_json(a) for a in answers), "a 422 should be a JSON object with a 'detail'"
    assert not live.sent, "a malformed request reached the model"


@pytest.mark.points(3)
@pytest.mark.hint("Code over settings.max_input_tokens answers 413 with a JSON {'detail': ...} that says the limit; "
                  "no model call.")
def test_code_over_the_token_cap_gets_413(services):
    with services.record("user-lookup") as live:
        app = live.serve("start", provider="anthropic", max_input_tokens=600)
        too_big = app.post("/analyze", json={"code": USER_LOOKUP * 12})
        fits = app.post("/analyze", json={"code": USER_LOOKUP})
    assert too_big["status"] == 413, f"about 1,400 tokens with a cap of 600: {said(too_big)}"
    assert checks.error_json(too_big) and "600" in str(too_big["json"]["detail"]), \
        f"the 413's detail should say the limit (600): {said(too_big)}"
    assert fits["status"] == 200, f"code under the cap: {said(fits)}"
    assert len(live.sent) == 1, "only the code under the cap should reach the model"


@pytest.mark.points(3)
@pytest.mark.hint("When the model never gives a valid analysis (AnalysisFailed), answer 502 Bad Gateway with a "
                  "JSON {'detail': ...}, never a 500.")
def test_a_model_that_never_gives_a_valid_analysis_gets_502(services):
    with services.record("never-valid") as live:
        app = live.serve("start", provider="openai", max_attempts=3)
        answer = app.post("/analyze", json={"code": USER_LOOKUP})
    assert answer["status"] == 502 and checks.error_json(answer), f"three invalid replies: {said(answer)}"
    assert len(live.sent) == 3, f"{len(live.sent)} model calls with max_attempts=3"


@pytest.mark.points(3)
@pytest.mark.hint("When the model call fails (ModelUnavailable: a 500, a timeout, a rate limit), answer 503 "
                  "Service Unavailable with a JSON {'detail': ...}, never a 500.")
def test_model_errors_get_503(services, provider):
    with services.record("model-errors") as live:
        app = live.serve("start", provider=provider)
        answers = [app.post("/analyze", json={"code": USER_LOOKUP}) for _ in range(3)]
    assert [a["status"] for a in answers] == [503, 503, 503], \
        f"a server error, a timeout, a rate limit: {[said(a) for a in answers]}"
    assert all(checks.error_json(a) for a in answers), "a 503 should be a JSON object with a 'detail'"
    assert len(live.sent) == 3, f"{len(live.sent)} model calls for three requests; a failed call is not retried"
