"""Batch processing, graded. Each test runs your `batch_processing` package in its own process through
../driver.py, against a scenario in ../fixtures/scenarios/, and checks behaviour only: which result each item
got, which items each request carried, the waits asked of `sleep` (no test ever sleeps), and, for the batch APIs,
what reached the provider and what came back per custom_id."""
import json
import re

import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
TICKETS = [
    ["T-101", "I was charged twice for my March invoice. Please refund the second charge."],
    ["T-102", "The CSV export button does nothing in Firefox 128; Chrome works."],
    ["T-103", "How do I add a teammate to my workspace?"],
    ["T-104", "I can't log in since I changed my email address, and I have a client demo in an hour."],
]
IDS = [ticket_id for ticket_id, _ in TICKETS]
TRIAGE = {"T-101": {"category": "billing", "priority": "normal"},
          "T-102": {"category": "bug", "priority": "normal"},
          "T-103": {"category": "how-to", "priority": "low"},
          "T-104": {"category": "account", "priority": "urgent"}}

ARTICLES = [
    {"custom_id": f"art-00{n}", "prompt": f"Summarise this help-centre article in one sentence:\n\n{text}",
     "system": "You write one-sentence summaries for a help-centre search page.", "max_tokens": 120}
    for n, text in enumerate([
        "Resetting your password. On the sign-in page choose Forgot password ...",
        "Workspace audit log export (full reference) ...",
        "Exporting data to CSV. Open any board and choose Export ...",
        "Inviting teammates. Admins can invite people from Settings > Members ...",
        "Single sign-on with SAML: the complete set-up guide ...",
    ], start=1)
]
CUSTOM_IDS = [a["custom_id"] for a in ARTICLES]
SUMMARIES = {
    "art-001": "Choose Forgot password on the sign-in page and open the emailed link within 30 minutes.",
    "art-003": "Open a board, choose Export, then CSV to download every card with its fields.",
    "art-004": "Admins invite teammates by email from Settings > Members; an invitation expires after 7 days.",
}
BATCH_IDS = {"anthropic": "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d", "openai": "batch_6748f1a2c9e08190b5d3e27a4f61c8d2"}
STUCK_IDS = {"anthropic": "msgbatch_01Px7TqM2vRd9nGc4WbKs8Ya", "openai": "batch_6748f9d4b7c081908e2a6f3d1c5b4a90"}
MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def looks_at(trace: dict, batch_id: str) -> int:
    """How many times the code retrieved this batch, as the grader's replay saw it."""
    return sum(s["method"] == "GET" and s["path"].rstrip("/").endswith(batch_id) for s in trace["sent"])


def by_id(result: dict) -> dict:
    return {r["id"]: r for r in result["results"]}


def ids_in(request: dict) -> list[str]:
    """The ticket ids a request's prompt carries (system prompt and every message)."""
    text = "\n".join([request["system"], *(content for _, content in request["messages"])])
    return sorted(set(re.findall(r"T-\d{3}", text)))


def assert_triaged(result: dict, ids=IDS) -> None:
    got = [r["id"] for r in result["results"]]
    assert got == IDS, f"one result per ticket, in the order the tickets were given: expected {IDS}, got {got}"
    wrong = {r["id"]: r["result"] or r["error"] for r in result["results"]
             if r["id"] in ids and r["result"] != TRIAGE[r["id"]]}
    assert not wrong, f"these tickets got the wrong result (expected {TRIAGE}): {wrong}"


# ---- Part A: many items in one call -------------------------------------------------------------------------

@pytest.mark.points(3)
@pytest.mark.hint("Match each result to its item by `id`, never by position: a model may return the array in "
                  "any order. Build a dict from the reply's ids, then read it in the order of the input items.")
def test_results_follow_the_input_order_not_the_replys(run, provider):
    trace = run("triage-shuffled", "triage", provider=provider, tickets=TICKETS)
    assert_triaged(result_of(trace))
    assert len(trace["sent"]) == 1, f"four tickets fit in one call; {len(trace['sent'])} requests were made"


@pytest.mark.points(1)
@pytest.mark.hint("extract_json: models often wrap JSON in a sentence and a ```json fence. Take the fence's "
                  "contents when there is one, and raise MalformedReply (a ValueError) when there is no JSON.")
def test_a_reply_in_a_json_fence_is_read(run):
    assert_triaged(result_of(run("triage-fenced", "triage", provider="anthropic", tickets=TICKETS)))
    outcomes = result_of(run(NO_LLM, "extract", texts=[
        'Sure!\n```json\n[{"id": "a", "result": 1}]\n```\nAnything else?', '```json\n{"n": 2}\n```', "[1, 2, 3]",
        "I could not do that."]))["outcomes"]
    assert [o.get("value") for o in outcomes[:3]] == [[{"id": "a", "result": 1}], {"n": 2}, [1, 2, 3]], outcomes
    assert "raised" in outcomes[3] and outcomes[3]["raised"]["kind"] == "MalformedReply", \
        f"text with no JSON should raise MalformedReply, got {outcomes[3]}"


@pytest.mark.points(3)
@pytest.mark.hint("check_reply: by id, every asked-for item needs exactly one entry whose result validates; "
                  "report 'missing', 'duplicate id', 'invalid result: ...' or 'malformed reply: ...' per id, "
                  "list ids nobody asked for in unknown_ids, and key accepted results in the input order.")
def test_check_reply_reports_count_order_and_shape_problems(run):
    def entry(ticket_id, result=None):
        return {"id": ticket_id, "result": result or TRIAGE.get(ticket_id, {"category": "bug", "priority": "low"})}

    replies = {
        "shuffled": [entry("T-103"), entry("T-101"), entry("T-104"), entry("T-102")],
        "missing": [entry("T-101"), entry("T-102"), entry("T-104")],
        "extra": [entry("T-099"), entry("T-101"), entry("T-102"), entry("T-103"), entry("T-104")],
        "duplicate": [entry("T-101"), entry("T-102"), entry("T-102", TRIAGE["T-101"]), entry("T-104")],
        "shape": [entry("T-101"), entry("T-102"), entry("T-103"), entry("T-104", {"category": "login"})],
    }
    texts = [json.dumps(reply) for reply in replies.values()] + ['[{"id": "T-101", "result": {"categ']
    checks = dict(zip([*replies, "malformed"], result_of(run(NO_LLM, "check_replies", ids=IDS, texts=texts))["checks"]))

    shuffled = checks["shuffled"]
    assert shuffled["ok"] and shuffled["order"] == IDS and shuffled["results"] == TRIAGE, \
        f"a complete reply in another order is fine once put back in input order: {shuffled}"
    missing = checks["missing"]
    assert not missing["ok"] and set(missing["problems"]) == {"T-103"} and "missing" in missing["problems"]["T-103"], \
        f"three results for four items: T-103 must be reported missing, got {missing}"
    assert missing["order"] == ["T-101", "T-102", "T-104"] and missing["results"]["T-104"] == TRIAGE["T-104"], \
        "a missing item must not shift the others' results"
    extra = checks["extra"]
    assert not extra["ok"] and extra["unknown_ids"] == ["T-099"] and extra["results"] == TRIAGE, \
        f"an id nobody asked for is reported, not matched to an input: {extra}"
    duplicate = checks["duplicate"]
    assert not duplicate["ok"] and set(duplicate["problems"]) == {"T-102", "T-103"}, \
        f"four entries but T-102 twice and T-103 never: both need asking again, got {duplicate['problems']}"
    assert "duplicate" in duplicate["problems"]["T-102"].lower() and "T-102" not in duplicate["results"]
    shape = checks["shape"]
    assert set(shape["problems"]) == {"T-104"} and shape["problems"]["T-104"].startswith("invalid"), \
        f"T-104's result does not fit the schema: {shape['problems']}"
    malformed = checks["malformed"]
    assert set(malformed["problems"]) == set(IDS) and not malformed["results"], \
        f"a reply that is not JSON gives every item a problem: {malformed}"


@pytest.mark.points(3)
@pytest.mark.hint("After a reply, ask again only for the items that have no accepted result, in a smaller "
                  "batch; keep the results you already accepted.")
def test_a_missing_item_is_asked_again_alone(run, provider):
    trace = run("triage-missing", "triage", provider=provider, tickets=TICKETS)
    assert_triaged(result_of(trace))
    asked = [ids_in(request) for request in trace["sent"]]
    assert asked == [IDS, ["T-103"]], \
        f"expected one call for all four tickets, then one for T-103 only; the calls carried {asked}"


@pytest.mark.points(2)
@pytest.mark.hint("An id that nobody asked for belongs to no input: ignore it (check_reply lists it in "
                  "unknown_ids). Never let it shift the other results.")
def test_an_invented_extra_item_is_ignored(run, provider):
    trace = run("triage-extra", "triage", provider=provider, tickets=TICKETS)
    assert_triaged(result_of(trace))
    assert len(trace["sent"]) == 1, "every asked-for ticket had one valid result: no retry was needed"


@pytest.mark.points(2)
@pytest.mark.hint("The right count is not enough: an id that appears twice cannot be trusted (which entry is "
                  "right?) and may hide a missing one. Ask again for both.")
def test_duplicate_ids_are_not_trusted(run):
    trace = run("triage-duplicate", "triage", provider="openai", tickets=TICKETS)
    assert_triaged(result_of(trace))
    asked = [ids_in(request) for request in trace["sent"]]
    assert asked == [IDS, ["T-102", "T-103"]], \
        f"T-102 came back twice and T-103 never: only those two should be asked again; the calls carried {asked}"


@pytest.mark.points(2)
@pytest.mark.hint("Validate each result with the pydantic schema you were given (schema.model_validate); an "
                  "invalid one is asked again instead of raising or being kept.")
def test_a_result_of_the_wrong_shape_is_asked_again(run, provider):
    trace = run("triage-wrong-shape", "triage", provider=provider, tickets=TICKETS)
    assert_triaged(result_of(trace))
    asked = [ids_in(request) for request in trace["sent"]]
    assert asked == [IDS, ["T-104"]], f"only T-104's result was invalid; the calls carried {asked}"


@pytest.mark.points(2)
@pytest.mark.hint("A reply cut off at max_tokens is not JSON: that is a problem for every item of the call, so "
                  "they are all asked again (not an exception for the whole run).")
def test_malformed_json_asks_again(run):
    trace = run("triage-malformed", "triage", provider="anthropic", tickets=TICKETS)
    assert_triaged(result_of(trace))
    asked = [ids_in(request) for request in trace["sent"]]
    assert asked == [IDS, IDS], f"the first reply was broken JSON: ask for all four again; the calls carried {asked}"


@pytest.mark.points(2)
@pytest.mark.hint("Stop after max_attempts calls for an item and report it failed (result None, an error "
                  "saying why, attempts counted); the other items keep their results and nothing is raised.")
def test_an_item_that_never_validates_fails_alone(run, provider):
    trace = run("triage-never-valid", "triage", provider=provider, tickets=TICKETS, max_attempts=3)
    result = result_of(trace)
    assert_triaged(result, ids=["T-101", "T-102", "T-104"])
    failed = by_id(result)["T-103"]
    assert failed["result"] is None and failed["error"], f"T-103 never got a valid result: {failed}"
    assert failed["attempts"] == 3, f"T-103 was in 3 calls (max_attempts=3), reported {failed['attempts']}"
    assert len(trace["sent"]) == 3, f"3 calls expected (one, then two retries for T-103), got {len(trace['sent'])}"


@pytest.mark.points(2)
@pytest.mark.hint("Retry a call that fails with a retryable agentkit.LLMError (429, 5xx): sleep (the sleep you "
                  "were given) base_delay * 2**k, capped at max_delay, and at least the 429's retry_after.")
def test_rate_limits_and_server_errors_are_waited_out(run, provider):
    trace = run("triage-rate-limited", "triage", provider=provider, tickets=TICKETS, base_delay=0.5,
                max_delay=20.0, max_call_attempts=3)
    result = result_of(trace)
    assert_triaged(result)
    sleeps = result["sleeps"]
    assert len(trace["sent"]) == 3 and len(sleeps) == 2, \
        f"a 429, a 503, then the answer: 3 calls with a wait before each retry; got {len(trace['sent'])} calls, " \
        f"waits {sleeps}"
    assert sleeps[0] >= 2.0, f"the 429 said retry-after 2 s; the first wait was {sleeps[0]} s"
    assert 0 < sleeps[1] <= 20.0, f"the wait after the 503 should be a backoff within max_delay, got {sleeps[1]}"


@pytest.mark.points(2)
@pytest.mark.hint("When a call still fails after max_call_attempts, report its items failed with the error and "
                  "go on with the next chunk: one bad call must not lose the results you already have.")
def test_a_call_that_keeps_failing_fails_its_items_not_the_run(run):
    trace = run("triage-chunk-rate-limited", "triage", provider="openai", tickets=TICKETS, max_items=2,
                max_call_attempts=3, base_delay=0.5, max_delay=20.0)
    result = result_of(trace)
    assert_triaged(result, ids=["T-101", "T-102"])
    for ticket_id in ("T-103", "T-104"):
        failed = by_id(result)[ticket_id]
        error = (failed["error"] or "").lower().replace(" ", "")
        assert failed["result"] is None and ("ratelimit" in error or "429" in error), \
            f"{ticket_id}'s call was rate limited every time: its error should say so, got {failed}"
    assert len(trace["sent"]) == 4, f"one call for T-101/T-102, three tries for T-103/T-104; got {len(trace['sent'])}"
    assert len(result["sleeps"]) == 2 and all(s >= 1.0 for s in result["sleeps"]), result["sleeps"]


@pytest.mark.points(3)
@pytest.mark.hint("chunk_items: walk the items in order; start a new chunk when the current one holds max_items "
                  "items or the next item's tokens would pass max_tokens. An item too big on its own gets its own "
                  "chunk. Use the count_tokens you were given.")
def test_big_inputs_are_chunked_by_items_and_tokens(run):
    words = {"a": 5, "b": 5, "c": 5, "d": 12, "e": 3, "f": 1, "g": 1, "h": 1}
    items = [[name, " ".join(["word"] * n)] for name, n in words.items()]
    got = result_of(run(NO_LLM, "chunks", items=items, max_items=3, max_tokens=10))["chunks"]
    assert got == [["a", "b"], ["c"], ["d"], ["e", "f", "g"], ["h"]], \
        f"max 3 items and 10 tokens per chunk, in order (d alone is 12 tokens): got {got}"
    trace = run("triage-chunked", "triage", provider="anthropic", tickets=TICKETS, max_items=2)
    assert_triaged(result_of(trace))
    asked = [ids_in(request) for request in trace["sent"]]
    assert asked == [["T-101", "T-102"], ["T-103", "T-104"]], f"max_items=2: two calls of two; they carried {asked}"


# ---- Part B: the providers' batch APIs ----------------------------------------------------------------------

@pytest.mark.points(2)
@pytest.mark.hint("Anthropic: messages.batches.create(requests=[{custom_id, params: {model, max_tokens, system, "
                  "messages}}]). OpenAI: upload one JSONL line per request ({custom_id, method: POST, url: "
                  "/v1/chat/completions, body}) with files.create(purpose='batch'), then batches.create with that "
                  "file's id, endpoint /v1/chat/completions and completion_window 24h.")
def test_submit_sends_one_request_per_item_with_its_custom_id(run, provider):
    trace = run(f"{provider}-batch-job", "submit_job", provider=provider, requests=ARTICLES, model=MODELS[provider])
    result = result_of(trace)
    assert result["raised"] is None, f"submit raised {result['raised']}"
    assert result["batch_id"] == BATCH_IDS[provider], f"submit should return the new batch's id, got {result['batch_id']}"
    sent = trace["sent"]
    if provider == "anthropic":
        assert [(s["method"], s["api"]) for s in sent] == [("POST", "anthropic-batches")], \
            f"one create call expected, sent {[(s['method'], s['path']) for s in sent]}"
        lines = [{"custom_id": r["custom_id"], "body": r["params"]} for r in sent[0]["body"]["requests"]]
    else:
        assert [(s["method"], s["api"]) for s in sent] == [("POST", "openai-files"), ("POST", "openai-batches")], \
            f"an upload, then the batch: sent {[(s['method'], s['path']) for s in sent]}"
        upload, create = sent[0]["body"], sent[1]["body"]
        assert upload.get("purpose") == "batch", f"the file must be uploaded with purpose 'batch', got {upload}"
        text = upload["file"]["content"] if isinstance(upload.get("file"), dict) else ""
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        assert all(line.get("method") == "POST" and line.get("url") == "/v1/chat/completions" for line in lines), \
            f"each line needs method POST and url /v1/chat/completions: {lines[:1]}"
        assert (create.get("input_file_id"), create.get("endpoint"), create.get("completion_window")) == \
            ("file-6Fq2WkT9xYb3RcN8dLm4Pz", "/v1/chat/completions", "24h"), f"batches.create got {create}"
    assert [line["custom_id"] for line in lines] == CUSTOM_IDS, \
        f"one request per article, each with its own custom_id: got {[line.get('custom_id') for line in lines]}"
    for line, article in zip(lines, ARTICLES):
        body = line["body"]
        words = json.dumps(body)
        assert body.get("model") == MODELS[provider] and article["prompt"][-40:] in words \
            and article["system"] in words, f"{article['custom_id']}'s request lacks its model, prompt or system: {body}"


@pytest.mark.points(1)
@pytest.mark.hint("Check the custom ids before sending anything: unique, 1-64 letters, digits, '_' or '-'. "
                  "Results are matched by custom_id, so a repeated one would make two results ambiguous.")
def test_duplicate_custom_ids_are_refused_before_anything_is_sent(run, provider):
    requests = [ARTICLES[0], ARTICLES[1], {**ARTICLES[2], "custom_id": "art-001"}]
    trace = run(f"{provider}-batch-job", "submit_job", provider=provider, requests=requests, model=MODELS[provider])
    result = result_of(trace)
    assert result["raised"] and result["raised"]["kind"] == "ValueError", \
        f"a repeated custom_id should raise ValueError, got {result['raised'] or 'nothing'}"
    assert trace["sent"] == [], "nothing may be sent (or uploaded) for a batch that cannot be matched back"


@pytest.mark.points(2)
@pytest.mark.hint("poll: retrieve, and while the batch has not ended sleep first_delay, then first_delay * factor, "
                  "... (capped at max_delay) with the sleep you were given. Anthropic ends at processing_status "
                  "'ended'; OpenAI at completed, failed, expired or cancelled.")
def test_poll_backs_off_until_the_batch_ends(run, provider):
    trace = run(f"{provider}-batch-job", "poll_job", provider=provider, batch_id=BATCH_IDS[provider],
                policy={"first_delay": 60, "factor": 2, "max_delay": 600, "timeout": 86400})
    result = {**result_of(trace), "looks": looks_at(trace, BATCH_IDS[provider])}
    assert result["raised"] is None, f"poll raised {result['raised']}"
    assert result["status"] == {"anthropic": "ended", "openai": "expired"}[provider], \
        f"poll should return the ended batch, got status {result['status']}"
    assert result["looks"] == 3 and result["sleeps"] == [60, 120], \
        f"two looks in progress, the third ended: waits [60, 120] expected, got {result['sleeps']} " \
        f"over {result['looks']} looks"


@pytest.mark.points(2)
@pytest.mark.hint("Give up at the deadline (timeout seconds after the first look, on the clock you were given) "
                  "by raising BatchTimeout; never wait past it, and keep the backoff capped at max_delay.")
def test_poll_gives_up_at_the_deadline(run, provider):
    trace = run(f"{provider}-batch-stuck", "poll_job", provider=provider, batch_id=STUCK_IDS[provider],
                policy={"first_delay": 60, "factor": 2, "max_delay": 600, "timeout": 3600})
    result = {**result_of(trace), "looks": looks_at(trace, STUCK_IDS[provider])}
    assert result["raised"] and result["raised"]["kind"] == "BatchTimeout", \
        f"a batch still in progress at the deadline should raise BatchTimeout, got {result['raised'] or result}"
    sleeps = result["sleeps"]
    assert sleeps[:8] == [60, 120, 240, 480, 600, 600, 600, 600], f"waits should double from 60 s up to 600 s: {sleeps}"
    assert all(s <= 600 for s in sleeps) and 3000 < sum(sleeps) <= 3600, \
        f"with a 3600 s deadline the waits should add up to no more than 3600 s (and not stop early): {sleeps}"
    assert result["looks"] == len(sleeps) + 1, f"{result['looks']} looks for {len(sleeps)} waits: one look per wait, " \
                                               "plus the first"


@pytest.mark.points(3)
@pytest.mark.hint("Read every result line and key it by its custom_id; then return one JobResult per custom id "
                  "you were given, in that order. The results file's order is not the request order.")
def test_results_are_matched_by_custom_id_not_line_order(run, provider):
    result = result_of(run(f"{provider}-batch-job", "collect_job", provider=provider, batch_id=BATCH_IDS[provider],
                           custom_ids=CUSTOM_IDS))
    assert result["raised"] is None, f"collect raised {result['raised']}"
    assert result["order"] == CUSTOM_IDS, f"one result per custom id, in the order given: got {result['order']}"
    texts = {cid: r["text"] for cid, r in result["results"].items() if cid in SUMMARIES}
    assert texts == SUMMARIES, f"each summary must go to its own article: got {texts}"


@pytest.mark.points(2)
@pytest.mark.hint("Anthropic: result.type is succeeded, errored, canceled or expired. OpenAI: read the error file "
                  "too; a line with error.code 'batch_expired' is expired, a non-200 response errored. A custom id "
                  "with no line at all is 'missing'. Keep the provider's message in `error`.")
def test_errored_and_expired_items_are_reported(run, provider):
    asked = [*CUSTOM_IDS, "art-006"]  # art-006 was never in this batch: nothing will come back for it
    result = result_of(run(f"{provider}-batch-job", "collect_job", provider=provider, batch_id=BATCH_IDS[provider],
                           custom_ids=asked))
    assert result["raised"] is None, f"collect raised {result['raised']}"
    statuses = {cid: r["status"] for cid, r in result["results"].items()}
    assert statuses == {"art-001": "succeeded", "art-002": "errored", "art-003": "succeeded", "art-004": "succeeded",
                        "art-005": "expired", "art-006": "missing"}, f"statuses by custom id: {statuses}"
    error = result["results"]["art-002"]["error"] or ""
    assert "too long" in error or "context length" in error, f"art-002's error should carry the provider's " \
                                                              f"message, got {error!r}"


@pytest.mark.points(1)
@pytest.mark.hint("A batch whose status is 'failed' ran nothing (its input was rejected): raise BatchFailed with "
                  "the reasons from batch.errors instead of returning results.")
def test_a_failed_openai_batch_raises_with_its_reasons(run):
    result = result_of(run("openai-batch-failed", "collect_job", provider="openai",
                           batch_id="batch_6748fa07d2e18190a3b5c7d9e1f2a4b6", custom_ids=CUSTOM_IDS))
    assert result["raised"] and result["raised"]["kind"] == "BatchFailed", \
        f"collect on a failed batch should raise BatchFailed, got {result['raised'] or result['results']}"
    assert "not parseable" in result["raised"]["message"], \
        f"the error should say why the batch failed: {result['raised']['message']}"


@pytest.mark.points(2)
@pytest.mark.hint("run = submit, then poll with the batch id, then collect with the requests' custom ids.")
def test_run_submits_polls_and_collects(run, provider):
    trace = run(f"{provider}-batch-job", "run_job", provider=provider, requests=ARTICLES, model=MODELS[provider],
                policy={"first_delay": 30, "factor": 3, "max_delay": 600, "timeout": 86400})
    result = result_of(trace)
    assert [cid for cid, r in result["results"].items() if r["status"] == "succeeded"] == ["art-001", "art-003",
                                                                                           "art-004"]
    assert {cid: result["results"][cid]["text"] for cid in SUMMARIES} == SUMMARIES
    assert result["sleeps"] == [30, 90], f"two waits while the batch was in progress: {result['sleeps']}"
