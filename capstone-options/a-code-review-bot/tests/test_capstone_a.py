"""Capstone option A, the automated checks. Your review bot is served by a real uvicorn server on a unix socket, in
its own process (through ../driver.py); each test sends it pull-request deliveries signed the way GitHub signs
them (../pulls.py) and judges what it receives. The model's replies come from ../fixtures/scenarios/ and every
model request your bot makes is recorded where it is answered, outside your process; the code host is the
course's fake (given/review_bot/fake_host.py) running in the grading process, which records every review and
comment your bot posts. These checks grade the machine-checkable part of the rubric; see ../README.md."""
import threading

import pytest

from agentkit import cost_usd
from agentkit.types import Usage
from autograder.units import unit_module

OWN_TESTS_JOB_S = 100  # the project's own suite may take a while on a busy machine; the driver stops it at 90 s

pulls = unit_module("capstone-a", "pulls")

SECRET = "whsec-capstone-a-5e1f0b9c27d4"
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these requests must not reach a model"},
          "exchanges": []}


def review(services, scenario, specs: list[dict], provider: str = "anthropic", diff: str = pulls.SHOP_DIFF,
           **settings):
    """One bot, the deliveries sent in order (a spec with "after_idle" waits for the earlier work first), then its
    background work awaited. Returns (recording, what the code host recorded, answers)."""
    with pulls.code_host(services.folder, diff) as (posted, host_socket):
        with services.record(scenario) as live:
            app = live.serve("start", provider=provider, secret=SECRET, host_socket=host_socket, **settings)
            answers = []
            for spec in specs:
                if spec.get("after_idle"):
                    live.settle()
                answers.append(pulls.send(app, spec, SECRET))
            live.settle()
        return live, posted.as_data(), answers


def statuses(answers: list[dict]) -> list:
    return [a["status"] for a in answers]


def posts(posted: dict) -> list[str]:
    """Every text the bot posted: review bodies, their inline comments, and pull-request comments."""
    return ([r["body"] for r in posted["reviews"]] + [c["body"] for r in posted["reviews"] for c in r["comments"]]
            + [c["body"] for c in posted["comments"]])


def prompt_text(request: dict) -> str:
    return "\n".join([request.get("system") or "", *(text for _, text in request["messages"]),
                      *request.get("tool_results", [])])


# ------------------------------------------------------------------ the review: structured, on changed lines only

@pytest.mark.points(4)
@pytest.mark.hint("changed_lines(diff): the new-file numbers of the '+' lines only. Start counting at the hunk "
                  "header's +c, count ' ' (and empty) context lines, skip '-' lines and '\\ No newline', use the "
                  "hunk's line counts to know where it ends, and name files by their '+++ b/' path (none for "
                  "/dev/null).")
def test_changed_lines_are_the_added_lines_of_the_new_files(run):
    trace = run(NO_LLM, "changed_lines", diff=pulls.TRICKY_DIFF)
    assert trace["ok"], f"changed_lines raised: {trace['error']}"
    got = {path: lines for path, lines in trace["result"]["changed"].items() if lines}
    assert got == pulls.TRICKY_CHANGED, f"changed lines: got {got}, expected {pulls.TRICKY_CHANGED}"


@pytest.mark.points(6)
@pytest.mark.hint("Fetch the diff with host.get_diff, put it in the request to the model, validate the reply as a "
                  "Review, keep only findings whose (path, line) the diff added, and post ONE review with "
                  "host.post_review: the summary as its body, commit_id the head sha, one comment per kept finding "
                  "whose body holds the severity, the message and the suggestion.")
def test_a_pull_request_gets_one_review_with_findings_on_changed_lines_only(services, provider):
    live, posted, answers = review(services, "review-shop", [{"delivery": "d-review-1"}], provider=provider)
    assert statuses(answers) == [202], f"a signed pull_request delivery got {answers[0]['status']}: {answers[0]['text']}"
    assert len(live.sent) == 1, f"{len(live.sent)} model requests for one pull request; expected 1"
    sent = prompt_text(live.sent[0])
    assert "find_order" in sent and "def charge" in sent, "the pull request's diff should be in the model request"
    assert len(posted["reviews"]) == 1, \
        f"expected one review posted; got {len(posted['reviews'])} (refused by the host: {posted['refused'][:2]})"
    posted_review = posted["reviews"][0]
    assert "string formatting" in posted_review["body"], "the review's body should carry the model's summary"
    assert posted_review["commit_id"] == pulls.HEAD_SHA, "the review should name the pull request's head commit"
    where = sorted((c["path"], c["line"]) for c in posted_review["comments"])
    assert where == [(path, line) for path, line, *_ in pulls.KEPT], \
        (f"inline comments at {where}; only the findings on added lines belong there: "
         f"{[(p, n) for p, n, *_ in pulls.KEPT]} (not {pulls.DROPPED})")
    for comment, (_, _, severity, message, suggestion) in zip(sorted(posted_review["comments"],
                                                                     key=lambda c: (c["path"], c["line"])), pulls.KEPT):
        missing = [w for w in (severity, message, suggestion) if w.lower() not in comment["body"].lower()]
        assert not missing, f"the comment at {comment['path']}:{comment['line']} lacks {missing}: {comment['body']!r}"


@pytest.mark.points(3)
@pytest.mark.hint("Validate the reply against the Review model; if it does not validate, ask again with the "
                  "validation error in the conversation (at most two re-asks), then post the valid review.")
def test_an_invalid_review_is_re_asked_with_the_error(services, provider):
    live, posted, _ = review(services, "invalid-then-valid", [{"delivery": "d-repair-1"}], provider=provider)
    assert len(live.sent) == 2, f"{len(live.sent)} model requests; expected 2 (the invalid reply, then the re-ask)"
    first, second = prompt_text(live.sent[0]).lower(), prompt_text(live.sent[1]).lower()
    assert ("urgent" in second or "eleven" in second) and not ("urgent" in first or "eleven" in first), \
        "the re-ask should show the model what was wrong (the invalid reply and its validation error)"
    assert len(posted["reviews"]) == 1 and [(c["path"], c["line"]) for c in posted["reviews"][0]["comments"]] == \
        [("shop/orders.py", 11)], f"the valid second review should be posted: {posted['reviews']}"


@pytest.mark.points(3)
@pytest.mark.hint("Stop after three model calls in all (one request, two re-asks) and post one comment on the "
                  "pull request saying no review could be made; post no findings.")
def test_a_model_that_never_answers_validly_is_asked_three_times(services):
    live, posted, _ = review(services, "never-valid", [{"delivery": "d-never-1"}], budget_usd=1.0)
    assert len(live.sent) == 3, f"{len(live.sent)} model requests; expected exactly 3 (one request, two re-asks)"
    assert not posted["reviews"], "no review may be posted without a valid review from the model"
    assert len(posted["comments"]) == 1, f"expected one comment saying the review failed; got {posted['comments']}"


# ------------------------------------------------------------------ budget and size

def spend_rule_breaches(live, budget: float) -> list[str]:
    """Each call must have fitted the budget at its start: spent so far (by the grader's own prices, from the
    replies it served) plus the call's largest possible reply (its max_tokens at the output price)."""
    spent, breaches = 0.0, []
    for n, (request, served) in enumerate(zip(live.sent, live.served), 1):
        largest = cost_usd(request["model"], Usage(output_tokens=int(request["max_tokens"] or 0)))
        if spent + largest > budget + 1e-12:
            breaches.append(f"call {n} started with ${spent:.5f} spent and a worst case of ${largest:.5f} "
                            f"(max_tokens {request['max_tokens']}): over the ${budget} budget")
        spent += served["cost_usd"] or 0.0
    return breaches


@pytest.mark.points(3)
@pytest.mark.hint("Before each model call: spent so far + the call's worst case (its prompt and max_tokens of "
                  "output, priced with llm.price_per_million()) must fit settings.budget_usd. A budget too small "
                  "for even one call means no call and a comment that says the budget stopped the review.")
def test_a_budget_too_small_for_one_call_makes_no_call(services, provider):
    live, posted, _ = review(services, "review-shop", [{"delivery": "d-budget-1"}], provider=provider,
                             budget_usd=0.002)
    assert not live.sent, f"{len(live.sent)} model requests with a $0.002 budget and max_tokens 1024; expected none"
    assert not posted["reviews"] and len(posted["comments"]) == 1, \
        f"expected one comment and no review; got {len(posted['reviews'])} reviews, {posted['comments']}"
    assert "budget" in posted["comments"][0]["body"].lower(), "the comment should say the budget stopped the review"


@pytest.mark.points(4)
@pytest.mark.hint("Count what each reply cost (reply.cost_usd) against the pull request's budget, including the "
                  "re-asks; before each call check spent + the call's worst case. Cap every reply at "
                  "settings.max_tokens.")
def test_re_asks_stop_at_the_budget(services, provider):
    budget = 0.012
    live, posted, _ = review(services, "never-valid", [{"delivery": "d-budget-2"}], provider=provider,
                             budget_usd=budget, max_tokens=1000)
    assert 1 <= len(live.sent) <= 2, \
        f"{len(live.sent)} model requests; each costs about $0.005, so a ${budget} budget allows one or two"
    assert all(r["max_tokens"] == 1000 for r in live.sent), \
        f"max_tokens sent: {[r['max_tokens'] for r in live.sent]}; REVIEW_BOT_MAX_TOKENS was 1000"
    breaches = spend_rule_breaches(live, budget)
    assert not breaches, "\n".join(breaches)
    assert not posted["reviews"] and len(posted["comments"]) == 1, "expected one comment saying no review was made"


@pytest.mark.points(3)
@pytest.mark.hint("A diff longer than settings.max_diff_chars is not sent to the model: post one comment saying "
                  "it is too large (and the limit), or review a summary that fits the budget.")
def test_a_diff_too_large_is_not_sent_whole(services, provider):
    diff = pulls.large_diff()
    live, posted, answers = review(services, "large-diff", [{"delivery": "d-large-1"}], provider=provider,
                                   diff=diff, max_diff_chars=5000)
    assert statuses(answers) == [202], f"got {statuses(answers)}"
    whole = [n for n, r in enumerate(live.sent, 1) if len(prompt_text(r)) > len(diff) // 2]
    assert not whole, f"model requests {whole} carried most of a {len(diff):,}-character diff (limit 5,000)"
    texts = posts(posted)
    assert texts and any("too large" in t.lower() for t in texts), \
        f"the bot should post a comment that says the diff is too large; it posted {[t[:80] for t in texts]}"
    assert not any(r["comments"] for r in posted["reviews"]), "no inline findings on a diff that was not reviewed"


# ------------------------------------------------------------------ the webhook

BAD_SIGNATURES = [{"signature": "missing"}, {"signature": "raw:"},
                  {"signature": "raw:sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"},
                  {"signature": "raw:sha256=" + "a" * 63}, {"signature": "raw:sha256=" + "\u00e9" * 64},
                  {"signature": "wrong-secret"}, {"signature": "tampered"}]


@pytest.mark.points(3)
@pytest.mark.hint("Verify X-Hub-Signature-256 over the raw body before anything else; a missing, malformed or "
                  "wrong signature is a 401 with a JSON error, never a 500 (compare_digest raises TypeError on None "
                  "and on non-ASCII text), and nothing is fetched, reviewed or posted.")
def test_bad_or_missing_signatures_get_401_and_no_work(services):
    specs = [{"delivery": f"d-bad-{n}", **spec} for n, spec in enumerate(BAD_SIGNATURES)]
    live, posted, answers = review(services, NO_LLM, specs)
    wrong = [(s["signature"][:20], a["status"]) for s, a in zip(BAD_SIGNATURES, answers) if a["status"] != 401]
    assert not wrong, f"these were not answered 401 (signature, status): {wrong}"
    assert all(isinstance(a["json"], dict) for a in answers), "a 401 should carry a JSON object saying what is wrong"
    assert not live.sent and not posted["diff_requests"] and not posts(posted), "a badly signed delivery did work"


@pytest.mark.points(2)
@pytest.mark.hint("After the signature: 400 (JSON error) without X-GitHub-Event or X-GitHub-Delivery or with a body "
                  "that is not JSON; 200 for a ping and for events and actions you do not review (closed, issues); "
                  "GET /health answers 200.")
def test_pings_other_events_and_unusable_deliveries(services):
    specs = [{"event": "ping", "delivery": "d-ping"}, {"delivery": "d-closed", "action": "closed"},
             {"delivery": "d-issues", "event": "issues"}, {"delivery": "d-no-id", "omit": ["X-GitHub-Delivery"]},
             {"delivery": "d-no-event", "omit": ["X-GitHub-Event"]},
             {"delivery": "d-form", "raw_body": "payload=%7B%22action%22%3A%22opened%22%7D"}]
    with pulls.code_host(services.folder) as (posted, host_socket):
        with services.record(NO_LLM) as live:
            app = live.serve("start", provider="anthropic", secret=SECRET, host_socket=host_socket)
            answers = [pulls.send(app, spec, SECRET) for spec in specs]
            health = app.get("/health")
            live.settle()
    assert statuses(answers) == [200, 200, 200, 400, 400, 400], \
        f"ping, closed, issues, no delivery id, no event, form body: got {statuses(answers)}"
    assert health["status"] == 200, f"GET /health answered {health['status']}"
    assert not live.sent and not posted.diff_requests, "none of these should be reviewed"


@pytest.mark.points(4)
@pytest.mark.hint("Claim the X-GitHub-Delivery id (check and insert under one lock) before queueing the review; "
                  "a delivery already claimed gets 200 and does nothing.")
def test_a_redelivered_delivery_is_reviewed_once(services):
    live, posted, answers = review(services, "review-shop", [{"delivery": "d-once"}, {"delivery": "d-once"},
                                                             {"delivery": "d-once-b", "action": "synchronize"}])
    got = statuses(answers)
    assert got[0] == 202 and got[1] == 200 and got[2] == 202, \
        f"statuses {got}: first 202, the redelivery 200, a new delivery (synchronize) 202"
    assert len(live.sent) == 2 and len(posted["reviews"]) == 2, \
        f"{len(live.sent)} model requests and {len(posted['reviews'])} reviews for two distinct deliveries"
    with pulls.code_host(services.folder) as (posted, host_socket):
        with services.record("review-shop") as at_once:
            app = at_once.serve("start", provider="anthropic", secret=SECRET, host_socket=host_socket)
            answers = pulls.send_at_once(app, 6, {"delivery": "d-race"}, SECRET)
            at_once.settle()
        reviews = len(posted.as_data()["reviews"])
    assert statuses(answers).count(202) == 1 and len(at_once.sent) == 1 and reviews == 1, \
        f"one delivery sent 6 times at once: statuses {statuses(answers)}, {len(at_once.sent)} model requests"


@pytest.mark.points(3)
@pytest.mark.hint("Answer 202 at once and review in the background (jobs.submit): fetching the diff and asking "
                  "the model take longer than GitHub's 10 seconds.")
def test_the_webhook_answers_before_the_review_runs(services):
    gate = threading.Event()
    with pulls.code_host(services.folder, gate=gate) as (posted, host_socket):
        with services.record("review-shop") as live:
            app = live.serve("start", provider="anthropic", secret=SECRET, host_socket=host_socket)
            answer = pulls.send(app, {"delivery": "d-held"}, SECRET)
            held = not posted.as_data()["reviews"] and not gate.is_set()
            gate.set()
            live.settle()
        reviews = posted.as_data()["reviews"]
    assert answer["status"] == 202, f"got {answer['status']}: {answer['text']}"
    assert held and answer["elapsed"] < 4, \
        f"the answer took {answer['elapsed']:.1f} s: it waited for the review (the code host held the diff)"
    assert len(reviews) == 1, "once the diff was served, the background review should be posted"


@pytest.mark.points(3)
@pytest.mark.hint("If the review raises (the model is down), release the delivery id so that a redelivery is "
                  "reviewed, and post nothing half-done.")
def test_a_failed_review_can_be_redelivered(services):
    live, posted, answers = review(services, "model-outage",
                                   [{"delivery": "d-retry"}, {"delivery": "d-retry", "after_idle": True}])
    assert statuses(answers) == [202, 202], \
        f"statuses {statuses(answers)}: the review failed (529), so its redelivery must be accepted"
    assert len(live.sent) == 2 and len(posted["reviews"]) == 1, \
        f"{len(live.sent)} model requests, {len(posted['reviews'])} reviews: expected 2 and 1"


@pytest.mark.points(2)
@pytest.mark.hint("Read the secret and the host token from settings (SecretStr) and never log them.")
def test_the_secrets_never_reach_the_output(services):
    live, posted, answers = review(services, "review-shop", [{"delivery": "d-leak-1", "signature": "wrong-secret"},
                                                             {"delivery": "d-leak-2"}])
    assert statuses(answers) == [401, 202], f"got {statuses(answers)}"
    logs = ((live.stopped or {}).get("result") or {}).get("logs", [])
    seen = [live.stdout, *map(str, logs), *(a["text"] for a in answers), *posts(posted)]
    leaked = [text[:120] for text in seen if SECRET in text or pulls.HOST_TOKEN in text]
    assert not leaked, f"a secret appears in the bot's output or posts: {leaked}"


# ------------------------------------------------------------------ the submission as a project

@pytest.mark.timeout(OWN_TESTS_JOB_S + 20)
@pytest.mark.points(3)
@pytest.mark.hint("Ship tests of your own in tests/ (at least five, offline: replay scenarios and the fake host); "
                  "`python -m pytest tests` must pass in your submission's folder.")
def test_the_submission_has_its_own_passing_tests(run):
    trace = run(NO_LLM, "own_tests", job_timeout=OWN_TESTS_JOB_S)
    assert trace["ok"], f"could not run your tests: {trace['error']}"
    result = trace["result"]
    assert result["found"], "no tests/ folder in your submission"
    assert result["tests"] >= 5, f"{result['tests']} tests found in tests/; write at least five"
    assert result["failed"] == 0 and result["errors"] == 0, \
        f"{result['failed']} failed, {result['errors']} errors:\n{result['output'][-1500:]}"


@pytest.mark.points(2)
@pytest.mark.hint("README.md in your submission's folder: how to install and run the bot (the command), the "
                  "REVIEW_BOT_* settings it needs, and how to try it against the fake host.")
def test_the_readme_says_how_to_run_it(run):
    trace = run(NO_LLM, "readme")
    assert trace["ok"] and trace["result"]["found"], "no README.md in your submission's folder"
    text = trace["result"]["text"]
    assert len(text.split()) >= 150, f"the README has {len(text.split())} words; a stranger needs more to run it"
    assert "python -m review_bot" in text or "uvicorn" in text, "the README should give the command that starts it"
    assert "REVIEW_BOT_WEBHOOK_SECRET" in text, "the README should name the settings it needs"
    assert "TODO" not in text, "the README still has TODOs"
