"""Lab 05 hidden tests: more of the same contract on cases the visible tests do not show.
Scenarios come from ./fixtures/scenarios/ first, then from the lab's own fixtures/scenarios/."""
from pathlib import Path

import pytest
import yaml

from agentkit import Usage, cost_usd
from agentkit.models import DEFAULT_MODELS
from autograder.units import unit_module

checks = unit_module("lab05", "checks")  # trace readers shared by the visible and hidden tests
kinds = checks.kinds
workers = checks.workers
requests = checks.requests
outputs = checks.outputs
carries = checks.carries
result_of = checks.result_of
calls_made = checks.calls_made
steps_of = checks.steps_of

RELEASE_NOTE = "Write a three-sentence release note for version 2.4 of our sync app."
HEAT_PUMPS = "Write a one-paragraph brief for the city council on replacing gas boilers in council housing with heat pumps."
HEAT_PUMP_PLAN = [
    ("researcher", "List the key facts on heat pump running costs, carbon savings and cold-weather performance."),
    ("writer", "Write a one-paragraph brief for councillors from the research, ending with a recommendation."),
]
POSTGRES = "Find out when our main Postgres database reaches end of support and what upgrading involves."
CONTRACT = "Review the supplier contract and tell me what to negotiate before we sign."
CHURN = "Give leadership a short update on last quarter's churn by plan tier."
CHURN_RESEARCH = "Pull last quarter's churn figures by plan tier."
CHURN_FAILURE = "prompt is too long: 212000 tokens > 200000 maximum"  # the 400 in researcher-bad-request.yaml
API_LIMITS = "Tell the clients who exceed our new API rate limit what changes for them."
EXPENSES = "Summarise this year's changes to the staff expense policy for everyone."
EXPENSES_PLAN = [
    ("researcher", "Collect what changed in the staff expense policy this year."),
    ("writer", "Write a three-bullet summary of the changes for all staff."),
]
SCENARIOS = Path(__file__).parent / "fixtures" / "scenarios"
TOLERANCE = {"rel": 1e-9, "abs": 1e-12}

pytestmark = pytest.mark.hidden


def assert_complete_with_synthesis(trace: dict) -> None:
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("complete", None)
    assert result["answer"] == checks.synthesis_reply(trace), "the answer should be the synthesis reply, stripped"


@pytest.mark.points(1)
@pytest.mark.hint("Follow the plan exactly, even when it uses the same worker twice (draft, review, revise).")
def test_revision_plan_runs_in_order(run, provider):
    trace = run("release-note-revision", "run_task", provider=provider, task=RELEASE_NOTE)
    assert kinds(trace) == ["plan", "writer", "critic", "writer", "synthesis"], calls_made(trace)
    assert_complete_with_synthesis(trace)


@pytest.mark.points(1)
@pytest.mark.hint("Every worker sees the outputs of all earlier successful steps: the critic the draft, "
                  "the second writer call the draft and the critique; the synthesis sees them all.")
def test_critic_sees_the_draft_and_the_writer_sees_the_critique(run, provider):
    trace = run("release-note-revision", "run_task", provider=provider, task=RELEASE_NOTE)
    assert workers(trace) == ["writer", "critic", "writer"], calls_made(trace)
    (_, draft), (_, critique), (_, revision) = checks.worker_outputs(trace)
    _, critic, revise = [r for r, kind in zip(trace["sent"], kinds(trace)) if kind in ("writer", "critic")]
    assert carries(critic, draft), "the critic was not sent the draft"
    assert carries(revise, critique) and carries(revise, draft), "the revising writer needs the draft and the critique"
    assert carries(revise, "Revise the release note, applying every fix the review lists.")
    synthesis = requests(trace, "synthesis")
    assert synthesis and all(carries(synthesis[0], text) for text in (draft, critique, revision)), \
        "the synthesis call must carry every step's output"


@pytest.mark.points(1)
@pytest.mark.hint("A timeout (agentkit.TimeoutError) is retryable: try that worker once more.")
def test_timeout_is_retried(run, provider):
    trace = run("researcher-timeout", "run_task", provider=provider, task=POSTGRES)
    assert kinds(trace) == ["plan", "researcher", "researcher", "writer", "synthesis"], calls_made(trace)
    assert_complete_with_synthesis(trace)


@pytest.mark.points(1)
@pytest.mark.hint("A rate limit (agentkit.RateLimitError, 429) is retryable; wait error.retry_after seconds if "
                  "given (capped), then try once more.")
def test_rate_limit_is_retried(run):
    trace = run("researcher-rate-limited", "run_task", provider="anthropic",
                task="Which of our storage buckets should move to infrequent-access storage?")
    assert kinds(trace) == ["plan", "researcher", "researcher", "writer", "synthesis"], calls_made(trace)
    assert_complete_with_synthesis(trace)
    waits = result_of(trace)["waits"]
    assert len(waits) == 1 and 1 <= waits[0] <= 8, \
        f"the rate limit said retry after 1 s: wait that long (at most 8 s) with time.sleep; time.sleep got {waits}"


@pytest.mark.points(1)
@pytest.mark.hint("Wait error.retry_after seconds before retrying a rate limit, but never more than 8: a provider "
                  "that asks for 30 s gets 8.")
def test_a_long_retry_after_is_cut_to_8_seconds(run):
    trace = run("researcher-rate-limited-long", "run_task", provider="openai", task=API_LIMITS)
    assert kinds(trace) == ["plan", "researcher", "researcher", "writer", "synthesis"], calls_made(trace)
    assert_complete_with_synthesis(trace)
    waits = result_of(trace)["waits"]
    assert waits == [8.0], f"the rate limit asked for 30 s: wait as long as the cap allows (8 s), once, with " \
                           f"time.sleep; time.sleep got {waits}"


@pytest.mark.points(1)
@pytest.mark.hint("A worker reply with no text (empty or only whitespace) is a failure worth one more try, like a "
                  "server error; the Step holds the retry's text.")
def test_an_empty_worker_reply_is_retried(run):
    trace = run("writer-empty-reply", "run_task", provider="anthropic", task=EXPENSES)
    assert kinds(trace) == ["plan", "researcher", "writer", "writer", "synthesis"], calls_made(trace)
    assert_complete_with_synthesis(trace)
    (_, research), (_, empty), (_, draft) = checks.worker_outputs(trace)
    assert not empty.strip(), "the scenario's first writer reply should be empty"
    assert steps_of(result_of(trace)) == [(*EXPENSES_PLAN[0], research.strip(), True),
                                          (*EXPENSES_PLAN[1], draft.strip(), True)], \
        "one Step per subtask: the research, then the writer's retry"


@pytest.mark.points(1)
@pytest.mark.hint("An empty plan is valid: run no workers and let the synthesis call (which gets the task) answer.")
def test_empty_plan_goes_straight_to_synthesis(run, provider):
    task = "Reply 'ready' if you can read this."
    trace = run("nothing-to-delegate", "run_task", provider=provider, task=task)
    assert kinds(trace) == ["plan", "synthesis"], calls_made(trace)
    assert carries(trace["sent"][1], task), "the synthesis call must carry the task"
    assert_complete_with_synthesis(trace)
    assert result_of(trace)["steps"] == []


@pytest.mark.points(2)
@pytest.mark.hint("max_steps counts the planning call too: with max_steps=3 there is room for the plan and two "
                  "workers, and no synthesis; return the last worker's output.")
def test_small_step_budget_returns_the_last_output(run):
    trace = run("heat-pump-brief", "run_task", provider="anthropic", task=HEAT_PUMPS, max_steps=3)
    assert kinds(trace) == ["plan", "researcher", "writer"], calls_made(trace)
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_steps")
    assert result["answer"].strip() == checks.last_worker_output(trace)
    done = checks.worker_outputs(trace)
    assert steps_of(result) == [(agent, instruction, text.strip(), True)
                                for (agent, instruction), (_, text) in zip(HEAT_PUMP_PLAN, done)], \
        "one Step per subtask that ran, and none for what the budget stopped"


@pytest.mark.points(2)
@pytest.mark.hint("A retry is an LLM call too, and counts against max_steps.")
def test_retries_count_against_the_step_budget(run):
    trace = run("researcher-timeout", "run_task", provider="openai", task=POSTGRES, max_steps=3)
    assert kinds(trace) == ["plan", "researcher", "researcher"], calls_made(trace)
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_steps")
    assert result["answer"].strip() == checks.last_worker_output(trace)


@pytest.mark.points(2)
@pytest.mark.hint("Result.cost_usd is what this run spent: the sum of reply.cost_usd over every call it made.")
def test_reported_cost_is_what_was_spent(run):
    trace = run("heat-pump-brief", "run_task", provider="openai", task=HEAT_PUMPS)
    assert kinds(trace) == ["plan", "researcher", "writer", "synthesis"], calls_made(trace)
    assert result_of(trace)["cost_usd"] == pytest.approx(checks.spent(trace), **TOLERANCE)


@pytest.mark.points(2)
@pytest.mark.hint("A partial Result reports what the run spent too: every call's reply.cost_usd, the synthesis "
                  "after a failed worker included.")
def test_partial_result_reports_what_was_spent(run):
    stops = [
        run("vendor-reports", "run_task", provider="anthropic", max_cost_usd=0.05,
            task="Review the three vendors' security audit reports and tell me which vendor to pick."),
        run("runaway-plan", "run_task", provider="openai", max_steps=4,
            task="Summarise what our three competitors shipped this quarter."),
        run("writer-down", "run_task", provider="anthropic",
            task="Prepare a short incident summary of last night's checkout outage for the support team."),
    ]
    paid, steps, failures = checks.spent(stops[0]), len(stops[1]["sent"]), workers(stops[2])
    assert paid >= 0.05 and steps == 4 and failures.count("writer") == 2, \
        f"the runs did not stop where their budgets and failures say: spent ${paid:.4f} of $0.05; {steps} calls " \
        f"with max_steps=4; {failures.count('writer')} attempts at the writer that is down"
    for trace, why in zip(stops, ("max_cost", "max_steps", "worker_failed")):
        result = result_of(trace)
        assert (result["status"], result["stop_reason"]) == ("partial", why)
        assert result["cost_usd"] == pytest.approx(checks.spent(trace), **TOLERANCE), \
            f"a {why} stop reported ${result['cost_usd']:.6f}; the run spent ${checks.spent(trace):.6f}"


@pytest.mark.points(2)
@pytest.mark.hint("The cost budget is used up when the spend reaches max_cost_usd: at spent == max_cost_usd, "
                  "make no more calls.")
def test_spending_exactly_the_budget_stops(run, provider):
    every_call = Usage(**yaml.safe_load((SCENARIOS / "supplier-contract.yaml").read_text())
                       ["exchanges"][0]["reply"]["usage"])  # every reply in the scenario has this usage
    one_call = cost_usd(DEFAULT_MODELS[provider], every_call)
    budget = one_call + one_call + one_call  # the plan, the researcher and the writer, summed in call order
    trace = run("supplier-contract", "run_task", provider=provider, task=CONTRACT, max_cost_usd=budget)
    assert kinds(trace)[:3] == ["plan", "researcher", "writer"], calls_made(trace)
    assert sum(checks.costs(trace)[:3]) == budget, "the scenario's prices are not what this test assumes"
    assert len(trace["sent"]) == 3, f"the run had spent exactly max_cost_usd=${budget} after three calls and went " \
                                    f"on; {calls_made(trace)}"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_cost")
    assert result["answer"].strip() == checks.last_worker_output(trace)


@pytest.mark.points(1)
@pytest.mark.hint("Check the budget before the planning call too: with max_steps=0 or max_cost_usd=0 make no call "
                  "at all and return a partial Result with an empty answer, no steps and cost 0.")
def test_budget_used_up_before_planning_makes_no_call(run):
    for limit, why in (({"max_steps": 0}, "max_steps"), ({"max_cost_usd": 0.0}, "max_cost")):
        trace = run("heat-pump-brief", "run_task", provider="anthropic", task=HEAT_PUMPS, **limit)
        assert trace["sent"] == [], f"with {limit} no call may start; {calls_made(trace)}"
        result = result_of(trace)
        assert (result["answer"], result["status"], result["stop_reason"], result["steps"], result["cost_usd"]) == \
            ("", "partial", why, [], 0.0), f"with {limit}"


@pytest.mark.points(2)
@pytest.mark.hint("A bad request (400) is not retried; the failed Step's output includes the error's message; "
                  "after a subtask fails for good no later subtask runs, and with nothing succeeded the answer is "
                  "empty (or a synthesis of nothing).")
def test_bad_request_is_not_retried_and_nothing_runs_after_it(run):
    trace = run("researcher-bad-request", "run_task", provider="openai", task=CHURN)
    assert workers(trace) == ["researcher"], calls_made(trace)
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "worker_failed")
    steps = steps_of(result)
    assert [(agent, instruction, ok) for agent, instruction, _, ok in steps] == \
        [("researcher", CHURN_RESEARCH, False)], "one failed Step, for the research"
    assert CHURN_FAILURE in " ".join(steps[0][2].split()).lower(), \
        f"the failed Step should say what went wrong, with the error's message; its output is {steps[0][2]!r}"
    assert result["answer"].strip() in {"", checks.synthesis_reply(trace)}


@pytest.mark.points(1)
@pytest.mark.hint("When planning fails (the plan never validates, or the request is refused), run returns a partial "
                  "Result and no worker runs; client.structured's own retries count against max_steps.")
def test_a_planning_call_that_fails_ends_the_run(run):
    invalid = run("plan-never-validates", "run_task", provider="anthropic", max_steps=1,
                  task="Design a logo for our bakery.")
    assert len(invalid["sent"]) == 1, f"max_steps=1 allows one call, retries of the plan included; {calls_made(invalid)}"
    refused = run("plan-refused", "run_task", provider="openai", task="Design a logo for our bakery.")
    assert kinds(refused)[:1] == ["plan"], calls_made(refused)
    for trace in (invalid, refused):
        assert workers(trace) == [], calls_made(trace)
        result = result_of(trace)
        assert result["status"] == "partial" and result["stop_reason"] is not None
        assert result["steps"] == [], "steps hold one Step per subtask run, and no subtask ran"


@pytest.mark.points(1)
@pytest.mark.hint("When the synthesis call fails, run returns a partial Result whose answer is the last successful "
                  "worker output.")
def test_a_synthesis_call_that_fails_answers_with_the_last_output(run):
    trace = run("synthesis-refused", "run_task", provider="anthropic",
                task="A customer asks when the Riverside store is open and whether they can return a gift.")
    assert workers(trace) == ["researcher", "writer"] and requests(trace, "synthesis"), calls_made(trace)
    result = result_of(trace)
    assert result["status"] == "partial" and result["stop_reason"] is not None
    assert result["answer"].strip() == checks.last_worker_output(trace)
    assert [(s["agent"], s["ok"]) for s in result["steps"]] == [("researcher", True), ("writer", True)], \
        "steps hold one Step per subtask run: the two workers, not the synthesis"
