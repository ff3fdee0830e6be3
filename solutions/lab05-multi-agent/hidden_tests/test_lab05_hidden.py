"""Lab 05 hidden tests: more of the same contract on cases the visible tests do not show.
Scenarios come from ./fixtures/scenarios/ first, then from the lab's own fixtures/scenarios/."""
import pytest

from autograder.units import unit_module

checks = unit_module("lab05", "checks")  # trace readers shared by the visible and hidden tests
agent_of = checks.agent_of
is_synthesis = checks.is_synthesis
workers = checks.workers
carries = checks.carries
result_of = checks.result_of

RELEASE_NOTE = "Write a three-sentence release note for version 2.4 of our sync app."
DRAFT = "Version 2.4 is here. CSV export arrives in the Reports menu. Sync is faster."
CRITIQUE = ("Problems: 'faster' is vague, so say sync is 40% faster on large folders; the note does not say that CSV "
            "export is on every plan; it never tells users how to update.")
REVISION = ("Version 2.4 makes sync 40% faster on large folders. You can now export any report as CSV from the "
            "Reports menu, on every plan. Update from the app store or the in-app prompt.")
HEAT_PUMPS = "Write a one-paragraph brief for the city council on replacing gas boilers in council housing with heat pumps."
HEAT_PUMP_DRAFT = ("Replacing gas boilers with air-source heat pumps in council homes would cut heating emissions by about "
                   "70% at running costs close to gas, and today's units cope with cold snaps. We recommend a pilot in "
                   "200 homes this winter.")
POSTGRES = "Find out when our main Postgres database reaches end of support and what upgrading involves."
POSTGRES_RESEARCH = ("PostgreSQL 13 reached end of support in November 2025. Upgrading to 16: pg_upgrade with --link, "
                     "PostGIS 3.4 for the extensions, then reindex text columns after the collation change.")

pytestmark = pytest.mark.hidden


@pytest.mark.points(2)
@pytest.mark.hint("Follow the plan exactly, even when it uses the same worker twice (draft, review, revise).")
def test_revision_plan_runs_in_order(run, provider):
    trace = run("release-note-revision", "run_task", provider=provider, task=RELEASE_NOTE)
    assert workers(trace) == ["writer", "critic", "writer"]
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("complete", None)
    assert result["answer"].strip().startswith("Version 2.4 makes sync 40% faster on large folders and adds CSV")


@pytest.mark.points(2)
@pytest.mark.hint("Every worker sees the outputs of all earlier successful steps: the critic the draft, "
                  "the second writer call the draft and the critique.")
def test_critic_sees_the_draft_and_the_writer_sees_the_critique(run, provider):
    trace = run("release-note-revision", "run_task", provider=provider, task=RELEASE_NOTE)
    calls = [r for r in trace["sent"] if agent_of(r) != "supervisor"]
    assert len(calls) == 3, f"{len(calls)} worker calls"
    critic, revise = calls[1], calls[2]
    assert carries(critic, DRAFT), "the critic was not sent the draft"
    assert carries(revise, CRITIQUE) and carries(revise, DRAFT), "the revising writer needs the draft and the critique"
    assert carries(revise, "Revise the release note, applying every fix the review lists.")
    synthesis = [r for r in trace["sent"] if is_synthesis(r)]
    assert synthesis and carries(synthesis[0], REVISION), "the synthesis call must carry the revision"


@pytest.mark.points(2)
@pytest.mark.hint("A timeout (agentkit.TimeoutError) is retryable: try that worker once more.")
def test_timeout_is_retried(run, provider):
    trace = run("researcher-timeout", "run_task", provider=provider, task=POSTGRES)
    result = result_of(trace)
    assert workers(trace) == ["researcher", "researcher", "writer"]
    assert (result["status"], result["stop_reason"]) == ("complete", None)
    assert result["answer"].strip().startswith("Plan the PostgreSQL 16 upgrade now")


@pytest.mark.points(3)
@pytest.mark.hint("A rate limit (agentkit.RateLimitError, 429) is retryable; wait error.retry_after seconds if "
                  "given (capped), then try once more.")
def test_rate_limit_is_retried(run):
    trace = run("researcher-rate-limited", "run_task", provider="anthropic",
                task="Which of our storage buckets should move to infrequent-access storage?")
    result = result_of(trace)
    assert workers(trace) == ["researcher", "researcher", "writer"]
    assert (result["status"], result["stop_reason"]) == ("complete", None)
    assert result["answer"].strip().startswith("Move logs-archive and ml-snapshots")


@pytest.mark.points(2)
@pytest.mark.hint("An empty plan is valid: run no workers and let the synthesis call (which gets the task) answer.")
def test_empty_plan_goes_straight_to_synthesis(run, provider):
    trace = run("nothing-to-delegate", "run_task", provider=provider, task="Reply 'ready' if you can read this.")
    result = result_of(trace)
    assert workers(trace) == []
    assert len(trace["sent"]) == 2 and is_synthesis(trace["sent"][1])
    assert (result["answer"].strip(), result["status"], result["stop_reason"], result["steps"]) == \
        ("ready", "complete", None, [])


@pytest.mark.points(3)
@pytest.mark.hint("max_steps counts the planning call too: with max_steps=3 there is room for the plan and two "
                  "workers, and no synthesis; return the last worker's output.")
def test_small_step_budget_returns_the_last_output(run):
    trace = run("heat-pump-brief", "run_task", provider="anthropic", task=HEAT_PUMPS, max_steps=3)
    assert len(trace["sent"]) <= 3
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_steps")
    assert result["answer"].strip() == HEAT_PUMP_DRAFT


@pytest.mark.points(3)
@pytest.mark.hint("A retry is an LLM call too, and counts against max_steps.")
def test_retries_count_against_the_step_budget(run):
    trace = run("researcher-timeout", "run_task", provider="openai", task=POSTGRES, max_steps=3)
    assert len(trace["sent"]) <= 3, f"{len(trace['sent'])} calls with max_steps=3"
    result = result_of(trace)
    assert (result["status"], result["stop_reason"]) == ("partial", "max_steps")
    assert result["answer"].strip() == POSTGRES_RESEARCH


@pytest.mark.points(3)
@pytest.mark.hint("Result.cost_usd is what this run spent: the sum of reply.cost_usd over every call it made.")
def test_reported_cost_is_what_was_spent(run):
    trace = run("heat-pump-brief", "run_task", provider="openai", task=HEAT_PUMPS)
    result = result_of(trace)
    assert result["spent_usd"] > 0
    assert result["cost_usd"] == pytest.approx(result["spent_usd"], rel=1e-6)
